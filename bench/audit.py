"""How well `qianxing audit` judges reference routes: the share whose verdict is the expected one.

Reads ``bench/audit_routes.yaml`` (routes in different styles, each with the verdict a local
guide would give, written before the route was run), audits each as written (October, normal
pace, public transport; no better plan, which `--better` adds and times) and prints one line
per route: style, expected and found verdict, the days with problems and their kinds, the
words not read. A route with ``suggest`` is right only if one of its unknown places has
that name among its "did you mean" suggestions. Usage: ``python bench/audit.py [--better]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from qianxing.audit import audit, parse_route
from qianxing.data.atlas import load_atlas
from qianxing.model import Request

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--better", action="store_true", help="also plan the better route, timed")
    args = ap.parse_args()
    routes = yaml.safe_load((HERE / "audit_routes.yaml").read_text(encoding="utf-8"))
    atlas = load_atlas()
    base = Request(days=1, month=10)
    right = 0
    held = [0, 0]
    for r in routes:
        route = parse_route(r["text"], atlas)
        t0 = time.perf_counter()
        result = audit(route, base, better=args.better)
        secs = time.perf_counter() - t0
        ok = result.verdict == r["expect"]
        if r.get("suggest"):  # an unknown place must come with this did-you-mean
            ok = ok and any(r["suggest"] in u.suggestions for u in route.unknown)
        right += ok
        if not r.get("seen"):
            held[0] += ok
            held[1] += 1
        faults = "; ".join(
            f"d{d.day}:" + ",".join(f.kind for f in d.faults) for d in result.days if d.faults
        )
        unread = len(route.unread) + len(route.unknown)
        kept = ""
        if args.better:
            n = len(set(route.sights))
            kept = f" better: {'none' if result.better is None else 'ok'} " \
                   f"must {len(result.kept_must)}/{n} {secs:.1f}s"  # fmt: skip
        print(
            f"{'✓' if ok else '✗'} {r['name']:26} {r['style'][:28]:28} want {r['expect']:6} "
            f"got {result.verdict:6} unread {unread} {faults}{kept}"
        )
    print(f"verdicts right: {right}/{len(routes)} ({100 * right / len(routes):.0f} %); "
          f"not seen while writing: {held[0]}/{held[1]}")  # fmt: skip


if __name__ == "__main__":
    main()
