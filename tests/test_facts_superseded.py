"""Superseded estimates (docs/data.md): an estimate beside a cited observation that holds
wherever it does can never be resolved, so the pack drops it and `data check` reports one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from qianxing.data.atlas import atlas_from_pack
from qianxing.data.facts import resolve_fact, superseded
from qianxing.data.pack import load_pack
from qianxing.data.report import _pack_facts
from qianxing.data.schema import Observation
from qianxing.data.validate import check_pack

TODAY = dt.date(2026, 12, 4)


def obs(value: object, kind: str = "report", **kw: object) -> Observation[Any]:
    extra: dict[str, object] = {"method": "test"} if kind == "estimate" else {}
    return Observation.model_validate(
        {"value": value, "source": "https://x.test/a", "date": "2026-01-01", "kind": kind}
        | extra
        | kw
    )


def test_an_estimate_beside_a_cited_value_is_superseded() -> None:
    assert superseded([obs({"full": 50}), obs({"full": 80}, "estimate")]) == [1]
    assert superseded([obs({"full": 80}, "estimate"), obs({"full": 50})]) == [0]
    assert superseded([obs({"full": 80}, "estimate")]) == []


@pytest.mark.parametrize(
    ("cited", "estimate", "gone"),
    [
        ({"full": 50, "months": [4, 5, 6]}, {"full": 80}, False),  # holds Jan: estimate wins
        ({"full": 50}, {"full": 80, "months": [1, 2]}, True),
        ({"full": 50, "months": [1, 2, 3]}, {"full": 80, "months": [1, 2]}, True),
        ({"full": 50, "months": [1, 2]}, {"full": 80, "months": [2, 3]}, False),
        ({"low": 50, "high": 80, "season": "all"}, {"low": 300, "season": "holiday"}, False),
        ({"lat": 26.0, "lon": 106.0}, {"lat": 26.1, "lon": 106.1, "role": "centre"}, False),
        ({"lat": 26.0, "lon": 106.0, "role": "centre"}, {"lat": 26.1, "lon": 106.1}, True),
    ],
)
def test_only_where_the_cited_value_holds(cited: Any, estimate: Any, gone: bool) -> None:
    """An estimate stays where it could still be resolved: a month or a named season that no
    cited value covers, or a town's centre that only the estimate gives."""
    assert superseded([obs(cited), obs(estimate, "estimate")]) == ([1] if gone else [])


def _other(value: Any) -> Any:
    """A different value of the same shape and season (the estimate must not be a copy)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value * 2 + 1
    if isinstance(value, dict):
        keep = {"months", "season", "role", "periods", "closed_weekdays", "level", "stairs"}
        return {k: (v if k in keep else _other(v)) for k, v in value.items()}
    return value


def _with_estimates(observations: list[Observation[Any]]) -> list[Observation[Any]]:
    """The fact with, first in the list and dated today, a superseded estimate of another
    value beside each cited observation."""
    extra = [
        o.model_copy(
            update={"value": _other(o.value), "kind": "estimate", "method": "test", "date": TODAY}
        )
        for o in observations
        if o.kind != "estimate"
    ]
    return [*extra, *observations]


def _same(a: Any, b: Any) -> tuple[Any, Any]:
    fa = {f.name: getattr(a, f.name) for f in dataclasses.fields(a) if f.name != "observations"}
    fb = {f.name: getattr(b, f.name) for f in dataclasses.fields(b) if f.name != "observations"}
    return fa, fb


def test_superseded_estimates_change_no_resolution_in_the_pack() -> None:
    """For every fact of the pack with a cited observation, adding a superseded estimate of
    another value, dated today and listed first, changes no resolved value, range or flag,
    for the whole year nor for any month; and the pack itself holds none."""
    pack = load_pack()
    n = 0
    for kind, where, observations in _pack_facts(pack):
        assert superseded(observations) == [], where
        if all(o.kind == "estimate" for o in observations):
            continue
        more = _with_estimates(list(observations))
        assert superseded(more) == list(range(len(more) - len(observations))), where
        name = kind.rsplit(".", 1)[-1]
        for month in (None, *range(1, 13)):
            before = resolve_fact(name, observations, today=TODAY, month=month)
            after = resolve_fact(name, more, today=TODAY, month=month)
            assert _same(before, after)[0] == _same(before, after)[1], (where, month)
            n += 1
    assert n > 5000


def test_superseded_estimates_change_no_place() -> None:
    """The planner's view of every attraction (hours, visit, ticket by month, effort, rain …)
    is the same with a superseded estimate beside each cited observation."""
    pack = load_pack()
    more = []
    for a in pack.attractions:
        update = {
            name: _with_estimates(list(getattr(a, name)))
            for name, field in type(a).model_fields.items()
            if isinstance(getattr(a, name), list)
            and getattr(a, name)
            and isinstance(getattr(a, name)[0], Observation)
        }
        more.append(a.model_copy(update=update))
    before = atlas_from_pack(pack, today=TODAY)
    after = atlas_from_pack(dataclasses.replace(pack, attractions=tuple(more)), today=TODAY)
    for pid, p in before.places.items():
        q = after.places[pid]
        assert p == q, pid
        assert set(p.facts) == set(q.facts) and set(p.tickets) == set(q.tickets), pid
        for k in p.facts:
            assert _same(p.facts[k], q.facts[k])[0] == _same(p.facts[k], q.facts[k])[1], (pid, k)
        for m in p.tickets:
            assert _same(p.tickets[m], q.tickets[m])[0] == _same(p.tickets[m], q.tickets[m])[1]


def test_data_check_reports_a_superseded_estimate() -> None:
    pack = load_pack()
    a = pack.attractions[0]
    bad = a.model_copy(update={"hours": _with_estimates(list(a.hours))})
    problems = check_pack(dataclasses.replace(pack, attractions=(bad, *pack.attractions[1:])))
    assert any("a cited observation supersedes" in p and a.id in p for p in problems), problems
