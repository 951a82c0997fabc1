"""Build the FastAPI app: routers, static page, error handlers, body limit, database."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from . import crud, errors
from ._cache import PlanCache
from ._headers import SecurityHeaders
from ._limits import BodyLimit
from ._methods import AllowedMethods
from ._schema import stated
from .config import Settings, get_settings
from .db import make_engine, migrate
from .deps import EngineDep, TripId
from .routes import docs, i18n, places, plan, trips, view, words

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app; the database is opened and migrated when the app starts (lifespan)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.sqlalchemy_url)
        migrate(engine)
        app.state.engine = engine
        from ..data.atlas import load_atlas
        from ..solve import kernels_cached, warm_up

        load_atlas()  # warm the cache before the first request
        if not kernels_cached():
            logger.warning("first start: compiling the solver (about 15-30 s, once only)")
        warm_up()  # and the solver's compiled kernels
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="Qianxing 黔行",
        summary="An honest trip planner for first-time visitors to Guizhou",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # routes/docs.py serves Swagger UI from local files
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.plan_cache = PlanCache()
    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = stated(plain_openapi())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    errors.install(app)
    app.include_router(plan.router)
    app.include_router(places.router)
    app.include_router(trips.router)
    app.include_router(view.router)
    app.include_router(i18n.router)
    app.include_router(words.router)
    app.include_router(docs.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/t/{trip_id}", include_in_schema=False)
    def shared(trip_id: TripId, engine: EngineDep) -> FileResponse:
        # the page says what happened; the status says it to crawlers and link checkers too
        status = 200
        try:
            crud.get_trip(engine, trip_id)
        except crud.TripGoneError:
            status = 410
        except crud.TripNotFoundError:
            status = 404
        return FileResponse(
            STATIC / "index.html", status_code=status, headers={"Cache-Control": "no-cache"}
        )

    app.add_middleware(AllowedMethods)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, tile_url=settings.tile_url)  # outermost: every answer
    return app
