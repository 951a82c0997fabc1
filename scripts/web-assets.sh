#!/usr/bin/env bash
# Fetch Leaflet from npm and copy the files the web page needs into the package.
# The copied files are committed, so `pip install .` works without npm; re-run this
# script only to upgrade Leaflet (pin: leaflet@1.9).
set -euo pipefail

version="${LEAFLET_VERSION:-1.9}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/src/qianxing/web/static/vendor/leaflet"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm install --silent --no-audit --no-fund --ignore-scripts "leaflet@$version" >/dev/null)
src="$tmp/node_modules/leaflet"
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$src/dist/leaflet.js" "$src/dist/leaflet.css" "$dest/"
cp "$src/dist/images/"*.png "$dest/images/"
cp "$src/LICENSE" "$dest/LICENSE"
installed="$(node -p "require('$src/package.json').version")"
echo "$installed" > "$dest/VERSION"
echo "leaflet $installed -> $dest"

# Swagger UI for /docs (served locally, so the API docs work offline; pin: swagger-ui-dist@5)
sw_version="${SWAGGER_UI_VERSION:-5}"
sw_dest="$here/src/qianxing/web/static/vendor/swagger-ui"
(cd "$tmp" && npm install --silent --no-audit --no-fund --ignore-scripts "swagger-ui-dist@$sw_version" >/dev/null)
sw_src="$tmp/node_modules/swagger-ui-dist"
rm -rf "$sw_dest"
mkdir -p "$sw_dest"
cp "$sw_src/swagger-ui-bundle.js" "$sw_src/swagger-ui.css" "$sw_src/favicon-32x32.png" "$sw_dest/"
cp "$sw_src/LICENSE" "$sw_src/NOTICE" "$sw_dest/"
sw_installed="$(node -p "require('$sw_src/package.json').version")"
echo "$sw_installed" > "$sw_dest/VERSION"
echo "swagger-ui-dist $sw_installed -> $sw_dest"
