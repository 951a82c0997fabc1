"""``/docs``: Swagger UI served from the app's own files (works offline, no inline script)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

VENDOR = "/static/vendor/swagger-ui"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Qianxing 黔行 — API</title>
  <link rel="icon" type="image/png" href="{VENDOR}/favicon-32x32.png">
  <link rel="stylesheet" href="{VENDOR}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{VENDOR}/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
"""

INIT = """// Swagger UI on our OpenAPI document; no calls to other hosts (validator off).
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
"""


@router.get("/docs")
def docs() -> HTMLResponse:
    """The interactive API documentation."""
    return HTMLResponse(PAGE, headers={"Cache-Control": "no-cache"})


@router.get("/docs/init.js")
def docs_init() -> Response:
    """The script that starts Swagger UI (a file, so the CSP needs no inline scripts)."""
    return Response(INIT, media_type="text/javascript", headers={"Cache-Control": "no-cache"})
