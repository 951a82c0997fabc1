"""Reader for the OPHS benchmark format of Divsalar, Vansteenwegen & Cattrysse (2013)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .model import Model, Vertex

if TYPE_CHECKING:
    from .instance import Instance


def read_ophs(path: str | Path) -> Instance:
    """Read an ``.ophs`` file into an `Instance` with unrounded Euclidean distances.

    Format: ``N H D``; ``Tmax``; the ``D`` trip limits; then ``N + H`` lines ``x y score``
    (vertex 0 start hotel, 1 end hotel, ``2..H+1`` extra hotels, then customers) and an optional
    closing line of dashes. Vertex indices follow the file order, 0-based.

    Parameters
    ----------
    path
        File to read.

    Returns
    -------
    Instance
        Day starts are 0, there are no windows, service times are 0.

    Raises
    ------
    ValueError
        When the file does not follow the format (the message names the fault).
    """
    text = Path(path).read_text(encoding="utf-8")
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and set(line) == {"-"}:
            break
        if line:
            lines.append(line)
    if len(lines) < 3:
        raise ValueError(f"{path}: expected header, Tmax and trip-limit lines")
    header = _numbers(lines[0], "header", path)
    if len(header) != 3 or any(x != int(x) for x in header):
        raise ValueError(f"{path}: header must be three integers 'N H D'")
    n, h, d = (int(x) for x in header)
    if n < 2 or h < 0 or d < 1:
        raise ValueError(f"{path}: header needs N >= 2, H >= 0, D >= 1")
    tmax = _numbers(lines[1], "Tmax", path)
    if len(tmax) != 1 or tmax[0] < 0:
        raise ValueError(f"{path}: Tmax line must be one non-negative number")
    limits = _numbers(lines[2], "trip limits", path)
    if len(limits) != d or any(x < 0 for x in limits):
        raise ValueError(f"{path}: expected {d} non-negative trip limits, got {len(limits)}")
    rows = [_numbers(line, "vertex", path) for line in lines[3:]]
    if len(rows) != n + h:
        raise ValueError(f"{path}: expected {n + h} vertex lines, got {len(rows)}")
    if any(len(row) != 3 for row in rows):
        raise ValueError(f"{path}: vertex lines must be 'x y score'")
    data = np.array(rows, dtype=np.float64)
    if (data[: h + 2, 2] != 0).any():
        raise ValueError(f"{path}: hotels (the first H + 2 vertices) must have score 0")
    if (data[:, 2] < 0).any():
        raise ValueError(f"{path}: scores must be non-negative")
    xy = data[:, :2]
    model = Model()
    vertices: list[Vertex] = [model.add_start_hotel(name="0"), model.add_end_hotel(name="1")]
    vertices += [model.add_hotel(name=str(k)) for k in range(2, h + 2)]
    vertices += [model.add_poi(float(data[k, 2]), name=str(k)) for k in range(h + 2, n + h)]
    model.set_travel_matrix(vertices, np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)))
    for limit in limits:
        model.add_day(limit)
    return model.build()


def _numbers(line: str, what: str, path: str | Path) -> list[float]:
    try:
        values = [float(tok) for tok in line.split()]
    except ValueError as exc:
        raise ValueError(f"{path}: {what} line is not numeric: {line!r}") from exc
    if not all(np.isfinite(values)):
        raise ValueError(f"{path}: {what} line has a non-finite number")
    return values
