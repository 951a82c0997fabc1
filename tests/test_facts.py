"""The resolution rule for conflicting observations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from qianxing.data.atlas import atlas_from_pack
from qianxing.data.facts import key_number, resolve, resolve_coord
from qianxing.data.pack import load_pack
from qianxing.data.schema import Observation

TODAY = dt.date(2026, 11, 25)


def obs(
    value: object, kind: str = "report", date: str = "2026-01-01", **kw: object
) -> Observation[Any]:
    return Observation.model_validate(
        {
            "value": value,
            "source": kw.pop("source", "https://x.test/a"),
            "date": date,
            "kind": kind,
            **kw,
        }
    )


def test_official_beats_newer_report() -> None:
    """An official observation wins over a newer report; the range shows both, and a report
    (another kind) is not a conflict."""
    r = resolve([obs(110, "report", "2026-06-01"), obs(90, "official", "2025-12-01")], today=TODAY)
    assert r.value == 90 and (r.low, r.high) == (90, 110) and not r.disagree and not r.check


def test_official_beats_report_regardless_of_date() -> None:
    """An official value from 2015 still beats a report seen this year, and is flagged as old."""
    r = resolve(
        [
            obs(110, date="2026-11-25", dated=False, seen="2026-11-25"),
            obs(90, "official", "2015-01-01"),
        ],
        today=TODAY,
    )
    assert r.value == 90 and r.kind == "official" and r.stale and r.check


def test_newest_report_wins() -> None:
    """Among reports the newest wins."""
    r = resolve([obs(100, date="2024-01-01"), obs(90, date="2026-01-01")], today=TODAY)
    assert r.value == 90


def test_recent_undated_beats_old_dated() -> None:
    """An undated report seen this year is newer evidence than a report dated 2013."""
    r = resolve(
        [obs(57, date="2013-04-01"), obs(110, date="2026-11-25", dated=False, seen="2026-11-25")],
        today=TODAY,
    )
    assert r.value == 110 and not r.dated and r.seen == dt.date(2026, 11, 25)
    assert not r.stale and not r.disagree and not r.check  # the 2013 page is not current


def test_stated_date_beats_seen_date_when_both_current() -> None:
    """Among current evidence a stated date beats a later seen date; among old evidence the
    newest wins."""
    undated = obs(120, date="2026-11-25", dated=False, seen="2026-11-25")
    assert resolve([undated, obs(115, date="2025-03-01")], today=TODAY).value == 115
    bounded = obs(40, dated=False, seen="2026-11-25", date="2014-12-31")
    r = resolve([bounded, obs(50, date="2016-02-01")], today=TODAY)
    assert r.value == 50 and r.stale and (r.low, r.high) == (40, 50)


def test_estimate_never_beats_cited() -> None:
    """A cited value wins over a newer estimate, however old it is (and is flagged as old)."""
    r = resolve(
        [
            obs(150, "estimate", "2026-11-25", source="estimate", method="our judgement"),
            obs(50, date="2016-02-01"),
        ],
        today=TODAY,
    )
    assert r.value == 50 and not r.estimate and r.stale and r.check
    assert (r.low, r.high) == (50, 50)  # the range is over cited values only


def test_three_year_flag() -> None:
    """A fact whose best evidence is more than three years old asks to be checked; exactly
    three years is still current."""
    r = resolve([obs(50, date="2023-11-24")], today=TODAY)
    assert r.stale and r.check and not r.disagree
    assert not resolve([obs(50, date="2023-11-25")], today=TODAY).check
    assert not resolve([obs(50, date="2024-01-01")], today=TODAY).check  # 18 months no longer


def test_conflict_flag() -> None:
    """Current cited values of the winning kind differing by more than 10 % conflict; within
    10 %, old ones or other kinds do not."""
    assert resolve([obs(100), obs(115, date="2025-06-01")], today=TODAY).disagree
    assert not resolve([obs(100), obs(109, date="2025-06-01")], today=TODAY).disagree
    assert not resolve([obs(100), obs(200, date="2015-06-01")], today=TODAY).disagree
    assert not resolve([obs(100), obs(200, "official", "2015-06-01")], today=TODAY).disagree
    hours = [
        obs({"periods": [{"open": "08:00", "close": "17:00"}]}, note="a"),
        obs({"periods": [{"open": "08:30", "close": "17:00"}]}, date="2025-06-01"),
    ]
    assert resolve(hours, today=TODAY).disagree


def test_agreeing_recent_sources_are_not_flagged() -> None:
    """Two recent agreeing sources need no re-check (notes aside)."""
    r = resolve([obs(50, date="2026-01-01"), obs(50.0, date="2026-03-01")], today=TODAY)
    assert not r.check
    tickets = [obs({"full": 110, "note": "adult"}), obs({"full": 115}, date="2025-05-01")]
    assert not resolve(tickets, today=TODAY, number=lambda v: v["full"]).check


def test_estimate_needs_method() -> None:
    """An estimate without a method is rejected by the schema."""
    with pytest.raises(ValidationError, match="method"):
        obs(60, "estimate", source="estimate")


def test_estimate_is_flagged() -> None:
    """An estimate is always shown as one."""
    r = resolve([obs(60, "estimate", source="estimate", method="our judgement")], today=TODAY)
    assert r.estimate and r.check


def test_seasonal_prices() -> None:
    """For a month only values holding then compete (the month's own first); peak and
    off-season prices never conflict, an all-year price and a seasonal one can."""
    peak = obs({"full": 110, "months": [4, 5, 6, 7, 8, 9, 10]})
    off = obs({"full": 60, "months": [11, 12, 1, 2, 3]})
    year = obs({"full": 112})
    full = key_number("full")
    assert resolve([year, peak, off], today=TODAY, number=full).value["full"] == 112
    july = resolve([year, peak, off], today=TODAY, number=full, month=7)
    assert july.value["full"] == 110 and not july.check and (july.low, july.high) == (110, 112)
    january = resolve([year, peak, off], today=TODAY, number=full, month=1)
    assert january.value["full"] == 60 and january.disagree
    seasons = resolve([peak, off], today=TODAY, number=full)
    assert seasons.value["full"] == 110 and not seasons.disagree
    with pytest.raises(ValueError, match="month"):
        resolve([peak], month=13)


def test_coordinates_conflict_over_a_kilometre() -> None:
    """Current coordinates of the winning kind more than 1 km apart conflict; an old one
    elsewhere does not."""
    a = obs({"lat": 26.0, "lon": 106.0}, datum="WGS84")
    b = obs({"lat": 26.02, "lon": 106.0}, datum="WGS84", date="2025-01-01")
    old = obs({"lat": 26.02, "lon": 106.0}, datum="WGS84", date="2015-01-01")
    assert resolve_coord([a, b], TODAY)[2].disagree
    assert not resolve_coord([a, old], TODAY)[2].disagree


def test_centre_point_wins_over_other_points() -> None:
    """A point marked ``role: centre`` is the town's point even against a higher kind of
    source placing it elsewhere (a government seat in a new district); the other points are
    kept but are not compared for conflict."""
    seat = obs({"lat": 26.647, "lon": 106.63}, kind="reference", datum="WGS84")
    seat2 = obs({"lat": 26.65, "lon": 106.633}, kind="reference", datum="WGS84")
    centre = obs({"lat": 26.575, "lon": 106.716, "role": "centre"}, datum="WGS84")
    lat, lon, r = resolve_coord([seat, seat2, centre], TODAY)
    assert (lat, lon) == (26.575, 106.716)
    assert not r.disagree and len(r.observations) == 3
    assert resolve_coord([seat, seat2], TODAY)[0] == 26.647  # without a centre: the rule


def test_guiyang_is_placed_at_its_old_centre() -> None:
    """贵阳's point is its old centre (喷水池), not the government seat 10 km away in 观山湖:
    within 3.5 km of 贵阳站 and more than 8 km from the seat."""
    from qianxing.geo import great_circle_km

    atlas = atlas_from_pack(load_pack(), today=dt.date(2026, 12, 3))
    g, stn = atlas.places["guiyang"], atlas.places["guiyang-stn"]
    assert great_circle_km(g.lat, g.lon, stn.lat, stn.lon) < 3.5
    assert great_circle_km(g.lat, g.lon, 26.647, 106.63) > 8


def test_worked_examples_on_the_pack() -> None:
    """docs/data.md's worked examples: 小七孔 about ¥110–120 (not ¥57 from 2013), 黄果树 ¥160
    (not ¥180 from 2015), and the 西江 inn ¥100 from a 2023 travel note (newer than the ¥50 of
    2016), still flagged as old (the estimate never wins over a cited price)."""
    atlas = atlas_from_pack(load_pack(), today=dt.date(2026, 12, 3))
    xiaoqikong = atlas.resolve("xiaoqikong-scenic", "ticket")
    assert 110 <= xiaoqikong.value["full"] <= 120 and xiaoqikong.date.year == 2026
    assert atlas.places["xiaoqikong-scenic"].ticket_full == xiaoqikong.value["full"]
    assert 110 <= atlas.resolve("xiaoqikong-scenic", "ticket", month=7).value["full"] <= 120
    huangguoshu = atlas.resolve("huangguoshu-falls", "ticket")
    assert huangguoshu.value["full"] == 160 and not huangguoshu.stale
    inn = next(o for o in atlas.pack.bases if o.id == "xijiang")
    price = resolve(next(x for x in inn.lodging if x.kind == "inn").price, today=atlas.today)
    assert price.value["low"] == 100 and price.date == dt.date(2023, 6, 30)
    assert price.stale and price.check and not price.estimate


def test_dated_field_from_yaml() -> None:
    """`dated: false` with `seen:` loads as an undated observation whose date is the day seen;
    without `dated` an observation is dated."""
    text = """
- {value: 90, source: https://x.test/a, dated: false, seen: 2026-11-25}
- {value: 80, source: https://x.test/b, date: 2019-05-01}
- {value: 40, source: https://x.test/c, dated: false, seen: 2026-11-25, date: 2014-12-31}
"""
    undated, dated, bounded = (Observation.model_validate(r) for r in yaml.safe_load(text))
    assert not undated.dated and undated.date == undated.seen == dt.date(2026, 11, 25)
    assert dated.dated and dated.seen is None and dated.date == dt.date(2019, 5, 1)
    assert not bounded.dated and bounded.date == dt.date(2014, 12, 31)
    with pytest.raises(ValidationError, match="seen"):
        obs(1, dated=False)
    with pytest.raises(ValidationError, match="after the day it was seen"):
        obs(1, date="2026-12-01", dated=False, seen="2026-11-25")


def test_pack_undated_observations_carry_seen() -> None:
    """The migrated pack marks undated sources with the field, never only in a note."""
    pack = load_pack()
    ticket = next(a for a in pack.attractions if a.id == "xiaoqikong-scenic").ticket
    assert not ticket[0].dated and ticket[0].seen == dt.date(2026, 11, 25)
    assert next(o for o in ticket if o.date.year == 2013).dated
