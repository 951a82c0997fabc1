"""The ``qianxing serve`` command: run the web app with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="worker processes (planning is CPU-bound)")
    ] = 1,
) -> None:
    """Serve the trip-planning page and the API (settings from the environment)."""
    import uvicorn

    if workers == 1:
        from .web.main import create_app

        uvicorn.run(create_app(), host=host, port=port, log_level="info")
    else:
        # Migrate once here: N workers migrating a fresh database at once would race.
        from .web.config import get_settings
        from .web.db import make_engine, migrate

        engine = make_engine(get_settings().sqlalchemy_url)
        migrate(engine)
        engine.dispose()
        uvicorn.run(
            "qianxing.web.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
