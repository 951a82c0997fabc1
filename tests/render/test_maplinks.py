"""Map links: datum conversion, parameter order and URL encoding."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from qianxing.geo import great_circle_km, to_wgs84
from qianxing.model import Itinerary
from qianxing.render.maplinks import amap_url, baidu_url, day_points, map_links

HUANGGUOSHU = (25.9914, 105.6681)  # WGS84, roughly the main falls


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_amap_link_is_gcj02_lon_first_and_round_trips() -> None:
    """The Amap position is GCJ-02 (over 100 m from WGS84), lon first, and converts back."""
    lat, lon = HUANGGUOSHU
    q = _query(amap_url(lat, lon, "黄果树"))
    glon, glat = (float(x) for x in q["position"].split(","))
    assert 100 < glon < 110 and 20 < glat < 30  # longitude really comes first
    assert great_circle_km(lat, lon, glat, glon) * 1000 > 100
    back = to_wgs84(glat, glon, "GCJ-02")
    assert great_circle_km(lat, lon, *back) * 1000 < 1
    assert q["coordinate"] == "gaode" and q["callnative"] == "0"
    assert q["name"] == "黄果树"


def test_baidu_link_is_bd09_lat_first_and_round_trips() -> None:
    """The Baidu location is BD-09 (over 100 m from WGS84), lat first, and converts back."""
    lat, lon = HUANGGUOSHU
    q = _query(baidu_url(lat, lon, "黄果树"))
    blat, blon = (float(x) for x in q["location"].split(","))
    assert 20 < blat < 30 and 100 < blon < 110  # latitude really comes first
    assert great_circle_km(lat, lon, blat, blon) * 1000 > 100
    back = to_wgs84(blat, blon, "BD-09")
    assert great_circle_km(lat, lon, *back) * 1000 < 1
    assert q["coord_type"] == "bd09ll" and q["output"] == "html"
    assert q["title"] == q["content"] == "黄果树"


def test_names_are_url_encoded() -> None:
    """Names with spaces, ampersands and markup are percent-encoded, never raw in the URL."""
    name = 'A & B <x> "q"#frag'
    links = map_links(26.5, 106.7, name)
    for url in (links.amap, links.baidu):
        raw_query = urlsplit(url).query
        assert " " not in raw_query and "<" not in raw_query and "#" not in url
        assert "&name=" in url or "&title=" in url
    assert _query(links.amap)["name"] == name
    assert _query(links.baidu)["title"] == name


def test_day_points_locate_start_visits_and_end(six_day_plan: Itinerary) -> None:
    """Every day yields start, its visits in order, then end, all located."""
    for day in six_day_plan.days:
        points = day_points(day)
        assert [p.kind for p in points] == ["start"] + ["visit"] * len(day.visits) + ["end"]
        assert [p.place for p in points[1:-1]] == [v.place for v in day.visits]
        assert [p.order for p in points] == list(range(len(points)))
