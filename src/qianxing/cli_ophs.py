"""Typer sub-app ``ophs``: solve OPHS benchmark files from the command line."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from qianxing.solve import MaxRuntime, read_ophs, solve

ophs_app = typer.Typer(help="Orienteering Problem with Hotel Selection benchmark tools.")


class OutputFormat(StrEnum):
    """Output formats of ``ophs solve``."""

    json = "json"
    text = "text"


@ophs_app.callback()
def _group() -> None:
    """Orienteering Problem with Hotel Selection benchmark tools."""


@ophs_app.command("solve")
def solve_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An .ophs file.")],
    seconds: Annotated[float, typer.Option(help="Time limit in seconds.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    format: Annotated[OutputFormat, typer.Option("--format", help="json or text.")] = (
        OutputFormat.json
    ),
) -> None:
    """Solve one OPHS instance and print the itinerary."""
    instance = read_ophs(file)
    result = solve(instance, MaxRuntime(seconds), seed=seed)
    if format is OutputFormat.json:
        payload = {
            "instance": file.stem,
            "score": result.score,
            "seconds": round(result.seconds, 3),
            "tours": result.tours,
        }
        typer.echo(json.dumps(payload))
    else:
        console = Console()
        console.print(f"[bold]{file.stem}[/bold]")
        console.print(result.summary())
