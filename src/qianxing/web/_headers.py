"""ASGI middleware that adds the security headers to every response.

The page, its scripts and styles and the API docs are the app's own files, so the policy
allows only this origin, plus the configured tile host for map images; nothing may frame
the app, browsers must not sniff content types, and other sites see only our origin.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def tile_source(tile_url: str) -> str | None:
    """The CSP source of the tile host of ``tile_url`` (``{s}`` as ``*``), or None.

    A placeholder anywhere but in the first label of the host cannot be written in CSP;
    then the tile URL's scheme is allowed (``https:``).
    """
    if not tile_url.strip():
        return None
    parts = urlsplit(tile_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    labels = parts.netloc.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    if any("{" in label or "}" in label for label in labels):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{'.'.join(labels)}"


def content_security_policy(tile_url: str) -> str:
    """The CSP of every response: this origin only; map tiles also from the tile host."""
    img = ["'self'", "data:"]
    tiles = tile_source(tile_url)
    if tiles:
        img.append(tiles)
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(img)}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


class SecurityHeaders:
    """Add CSP, ``X-Content-Type-Options``, ``Referrer-Policy`` and ``X-Frame-Options``."""

    def __init__(self, app: ASGIApp, *, tile_url: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy(tile_url).encode()),
            (b"x-content-type-options", b"nosniff"),
            # tile servers (OpenStreetMap) ask for a Referer: send the origin, never the path
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
