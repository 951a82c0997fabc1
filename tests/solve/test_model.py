"""Tests of the instance builder `Model`."""

from __future__ import annotations

import numpy as np
import pytest

from qianxing.solve import MaxIterations, Model, read_ophs, solve
from qianxing.solve.model import Poi, Vertex

from .helpers import read_path


def _tiny() -> tuple[Model, list[Vertex]]:
    """The hand-checkable ``tiny.ophs`` built through handles (points on a line)."""
    model = Model()
    start, end = model.add_start_hotel(), model.add_end_hotel()
    a, b = model.add_poi(5.0, name="a"), model.add_poi(5.0, name="b")
    xs = {start: 0.0, end: 1.0, a: 2.0, b: 3.0}
    for u, x in xs.items():
        for v, y in xs.items():
            model.set_travel(u, v, abs(x - y))
    model.add_day(10.0)
    return model, [start, end, a, b]


def test_builds_the_same_instance_as_the_reader() -> None:
    """Built by hand, ``tiny.ophs`` equals the file read, vertex for vertex."""
    model, _ = _tiny()
    built, read = model.build(), read_ophs(read_path("tiny.ophs"))
    assert np.array_equal(built.travel, read.travel)
    assert np.array_equal(built.profits, read.profits)
    assert (built.hotels, built.start, built.end) == (read.hotels, read.start, read.end)
    assert built.day_limits == read.day_limits and built.day_starts is None
    assert solve(built, MaxIterations(10)).score == 10


def test_numbers_hotels_before_places() -> None:
    """Start, end, extra hotels, then places, whatever the order they were added in."""
    model = Model()
    poi = model.add_poi(3.0, 10.0, mandatory=True, meal_inside=True, group=2)
    hotel = model.add_hotel(name="inn")
    end, start = model.add_end_hotel(), model.add_start_hotel()
    vertices = [start, end, hotel, poi]
    assert model.vertices() == vertices
    assert [model.index(v) for v in vertices] == [0, 1, 2, 3]
    model.set_travel_matrix(vertices, np.ones((4, 4)), road=np.full((4, 4), 2.0))
    model.add_day(100.0, start=480.0, travel_limit=50.0)
    model.add_day(100.0)
    model.set_window(poi, 1, 600.0, 700.0)
    model.set_lunch(690.0, 780.0, 45.0)
    model.lock(0, [start, hotel])
    inst = model.build()
    assert inst.mandatory == {3} and inst.meal_inside == {3}
    assert inst.groups == (-1, -1, -1, 2)
    assert inst.day_starts == (480.0, 0.0) and inst.travel_limits == (50.0, np.inf)
    assert inst.windows is not None and list(inst.windows[1, 3]) == [600.0, 700.0]
    assert inst.windows[0, 3, 1] == np.inf
    assert inst.road is not None and inst.road[0, 3] == 2.0 and inst.travel[0, 0] == 1.0
    assert inst.locked == {0: (0, 2)} and inst.lunch == (690.0, 780.0, 45.0)


def test_later_settings_win() -> None:
    """A single journey set after a matrix overrides it."""
    model, (start, _end, a, _b) = _tiny()
    model.set_travel(start, a, 7.5)
    assert model.build().travel[0, 2] == 7.5


def test_rejects_bad_handles() -> None:
    """A second start or end hotel, a negative profit or service raise ValueError."""
    model = Model()
    model.add_start_hotel()
    model.add_end_hotel()
    with pytest.raises(ValueError, match="already has a start hotel"):
        model.add_start_hotel()
    with pytest.raises(ValueError, match="already has an end hotel"):
        model.add_end_hotel()
    with pytest.raises(ValueError, match="profit"):
        model.add_poi(-1.0)
    with pytest.raises(ValueError, match="service"):
        model.add_poi(1.0, -5.0)
    with pytest.raises(ValueError, match="travel must have shape"):
        model.set_travel_matrix(model.vertices(), np.zeros((3, 3)))


def test_build_rejects_missing_parts() -> None:
    """No start hotel, no day, an unset journey or a window on a missing day raise."""
    with pytest.raises(ValueError, match="start hotel"):
        Model().build()
    model, handles = _tiny()
    model.add_poi(1.0, name="far")
    with pytest.raises(ValueError, match="travel from"):
        model.build()
    model, handles = _tiny()
    poi = handles[2]
    assert isinstance(poi, Poi)
    model.set_window(poi, 5, 0.0, 1.0)
    with pytest.raises(ValueError, match="no such day"):
        model.build()
    model = Model()
    model.set_travel_matrix([model.add_start_hotel(), model.add_end_hotel()], np.zeros((2, 2)))
    with pytest.raises(ValueError, match="at least one day"):
        model.build()
