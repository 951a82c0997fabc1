"""The timetable's cited sources reach the feed: paired station timetables, cited first trains."""

from __future__ import annotations

import pytest

from qianxing.data.gtfs import Departure, Feed, read_feed
from qianxing.data.pack import PACKS_DIR


@pytest.fixture(scope="module")
def feed() -> Feed:
    """The bundled pack's GTFS feed, read once."""
    return read_feed(PACKS_DIR / "guizhou" / "gtfs")


def _hm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def test_a_train_in_both_station_timetables_is_cited_at_both_ends(feed: Feed) -> None:
    """G1328 is listed at 安顺西 (dep 11:14) and at 贵阳北 (arr 11:45) in the 2020 station
    timetables: the feed has that train with both times cited, not a derived far end."""
    (g1328,) = [d for d in feed.departures("anshunxi-stn", "guiyangbei-stn") if d.name == "G1328"]
    assert (g1328.depart, g1328.arrive) == (_hm("11:14"), _hm("11:45"))
    assert g1328.exact and g1328.headway is None
    assert g1328.provenance.kind == "reference"
    assert g1328.provenance.source.endswith("stations/安顺西.csv")


def test_the_anshun_west_line_runs_numbered_trains_only(feed: Feed) -> None:
    """Between 贵阳北 and 安顺西 every ride is a numbered train of the station timetables
    (both ways), none an estimated frequency, and a train is listed once per direction."""
    for pair in (("guiyangbei-stn", "anshunxi-stn"), ("anshunxi-stn", "guiyangbei-stn")):
        rides: list[Departure] = feed.departures(*pair)
        assert len(rides) >= 30
        assert all(d.headway is None and d.exact and d.name[0] in "GDC" for d in rides)
        assert len({d.name for d in rides}) == len(rides)
        assert all(0 < d.minutes < 60 for d in rides)


def test_a_paired_train_is_not_also_a_derived_one(feed: Feed) -> None:
    """A train that starts at 六盘水 and is also in 六盘水's own timetable appears once, with
    both ends cited (C6034 leaves 六盘水 20:20 and reaches 贵阳北 21:46)."""
    rides = feed.departures("liupanshui-stn", "guiyangbei-stn")
    assert len({d.name for d in rides}) == len(rides)
    (c6034,) = [d for d in rides if d.name == "C6034"]
    assert (c6034.depart, c6034.arrive, c6034.exact) == (_hm("20:20"), _hm("21:46"), True)


def test_a_cited_first_train_opens_the_day(feed: Feed) -> None:
    """The 贵南 line's first train left 贵阳北 at 06:21 (opening-day report): the modelled
    service to 荔波 starts then, and says that only its last departure is assumed."""
    rides = feed.departures("guiyangbei-stn", "libo-stn")
    assert rides[0].depart == _hm("06:21")
    assert rides[0].provenance.method is not None
    assert "last departure 21:00 assumed" in rides[0].provenance.method
    assert "operating window" not in rides[0].provenance.method


@pytest.mark.parametrize(
    ("pair", "first", "last"),
    [
        (("guiyangbei-stn", "tongrennan-stn"), "06:52", "20:20"),
        (("tongrennan-stn", "guiyangbei-stn"), "08:46", "21:28"),
    ],
)
def test_each_direction_keeps_its_cited_window(
    feed: Feed, pair: tuple[str, str], first: str, last: str
) -> None:
    """铜仁南 ↔ 贵阳北: each direction runs between its own cited first and last trains, so
    nothing is assumed and the rows are not estimates."""
    rides = feed.departures(*pair)
    assert rides[0].depart == _hm(first)
    assert rides[-1].depart <= _hm(last) and _hm(last) - rides[-1].depart < 60
    assert all(d.provenance.kind == "report" for d in rides)


def test_the_last_bus_back_from_huangguoshu_is_the_cited_one(feed: Feed) -> None:
    """黄果树 → 安顺 has its own cited last bus (about 17:30), not the outbound 19:00 assumed
    for the return; the outbound keeps its cited 07:00-19:00."""
    back = feed.departures("huangguoshu", "anshun")
    assert back and back[-1].depart <= _hm("17:30")
    assert feed.departures("anshun", "huangguoshu")[-1].depart > _hm("17:30")


def test_the_zhenyuan_tongren_bus_runs_its_two_cited_departures_one_way(feed: Feed) -> None:
    """镇远 → 铜仁 is the two cited buses (11:00, 17:00), and no return bus is invented from
    them (the return is not cited)."""
    assert [d.depart for d in feed.departures("zhenyuan", "tongren")] == [
        _hm("11:00"),
        _hm("17:00"),
    ]
    assert feed.departures("tongren", "zhenyuan") == []


def test_the_tongren_to_kaili_bus_is_cited_and_no_tongren_to_zhenyuan_bus_is_invented(
    feed: Feed,
) -> None:
    """Lonely Planet cites two buses a day from 铜仁 to 凯里 (¥90) and two from 镇远 to 铜仁
    (11:00, 17:00); the feed has those, and no bus from 铜仁 to 镇远, which no source names."""
    to_kaili = feed.departures("tongren", "kaili-bus")
    assert to_kaili and all(d.headway is not None for d in to_kaili)
    assert len(to_kaili) == 2
    (route,) = {d.route.id for d in to_kaili}
    assert any("lonelyplanet" in f.provenance.source for f in feed.fares[route])
    back = [d.depart for d in feed.departures("zhenyuan", "tongren")]
    assert back == [_hm("11:00"), _hm("17:00")]
    assert not feed.departures("tongren", "zhenyuan")
