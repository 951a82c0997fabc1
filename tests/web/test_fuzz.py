"""Schemathesis fuzzing of the OpenAPI document: no 5xx, responses match their schemas."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from qianxing.web.config import Settings
from qianxing.web.main import create_app

pytestmark = pytest.mark.slow  # servers, SIGKILL, fuzzing: `pytest -m slow`

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    import schemathesis
    from schemathesis.checks import (
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )

_DATA = Path(tempfile.mkdtemp(prefix="qianxing-fuzz-"))
app = create_app(Settings(data_dir=_DATA, tile_url="", plan_seconds=0.05))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def _lifespan() -> object:
    """Run the app's start-up (database migration) once for the module."""
    from conftest import TestClient

    with TestClient(app) as c:
        yield c


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_fuzz(case: schemathesis.Case) -> None:
    """Generated requests never get a 5xx and every response matches the documented schema."""
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
