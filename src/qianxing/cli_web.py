"""The ``qianxing serve`` command: run the web app with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Serve the trip-planning page and the API (settings from the environment)."""
    import uvicorn

    from .web.main import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")
