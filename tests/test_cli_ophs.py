"""`qianxing ophs solve`: the benchmark CLI prints exactly the promised JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from qianxing.cli import app
from qianxing.solve import feasible, read_ophs

INSTANCE = Path(__file__).parent / "solve" / "data" / "64-45-1-2.ophs"


def test_ophs_solve_json() -> None:
    """The JSON has instance, score, seconds and feasible tours from hotel 0 to hotel 1."""
    result = CliRunner().invoke(
        app, ["ophs", "solve", str(INSTANCE), "--seconds", "0.3", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"instance", "score", "seconds", "tours"}
    assert doc["instance"] == "64-45-1-2"
    tours = doc["tours"]
    assert tours[0][0] == 0 and tours[-1][-1] == 1
    inst = read_ophs(INSTANCE)
    assert feasible(inst, tours) == []
    assert doc["score"] == sum(inst.profits[v] for t in tours for v in t[1:-1])
