"""ASGI middleware: ``OPTIONS`` and wrong methods answered with the path's full ``Allow`` list.

Starlette answers a method a path does not take with the methods of the first route that
matches the path only (``Allow: GET`` for ``/api/trips/{id}``, which also takes PUT and
DELETE), and has no ``OPTIONS``. Here every route whose path matches is consulted.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def path_methods(openapi: dict[str, Any]) -> list[tuple[re.Pattern[str], set[str]]]:
    """Each documented path as a regular expression, with its documented methods."""
    out = []
    for path, ops in openapi.get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path))
        out.append((re.compile(f"^{pattern}$"), {m.upper() for m in ops if m in METHODS}))
    return out


class AllowedMethods:
    """Answer ``OPTIONS`` with 204 and ``Allow``; answer an unsupported method with 405 and
        the full ``Allow`` list (the methods the OpenAPI document gives the path). Paths it does
    not document (the page, static files, 404s) pass through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.paths: list[tuple[re.Pattern[str], set[str]]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.paths is None:
            self.paths = path_methods(scope["app"].openapi())
        path = scope.get("path", "")
        methods = {m for regex, ms in self.paths if regex.match(path) for m in ms}
        method = scope["method"]
        if not methods or (method in methods and method != "OPTIONS"):
            await self.app(scope, receive, send)
            return
        allow = ", ".join(sorted(methods | {"OPTIONS"})).encode()
        if method == "OPTIONS":
            status, body = 204, b""
        else:
            status = 405
            body = json.dumps({"detail": f"{method} is not allowed here"}).encode()
        headers = [(b"allow", allow), (b"content-length", str(len(body)).encode())]
        if body:
            headers.append((b"content-type", b"application/json"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
