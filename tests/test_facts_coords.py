"""Sights that once shared one point (赤水大瀑布, 燕子岩, 佛光岩) each have their own cited one."""

from __future__ import annotations

import itertools

from qianxing.data.atlas import Atlas
from qianxing.geo import great_circle_km

CHISHUI = ("chishui-dapubu", "yanziyan", "foguangyan")


def test_chishui_sights_have_their_own_points(atlas: Atlas) -> None:
    """Each pair lies more than 5 km apart (they shared the 5A area's point before), and each
    point is a cited observation converted to WGS84, not an estimate."""
    for a, b in itertools.combinations(CHISHUI, 2):
        pa, pb = atlas.places[a], atlas.places[b]
        assert great_circle_km(pa.lat, pa.lon, pb.lat, pb.lon) > 5, (a, b)
    for pid in CHISHUI:
        r = atlas.places[pid].facts["coord"]
        assert not r.estimate and r.source.startswith(("repo:", "http")), pid


def test_baidu_points_are_converted(atlas: Atlas) -> None:
    """燕子岩's and 佛光岩's points come from a Baidu (BD-09) map: the place sits a few hundred
    metres from the raw figures, where the conversion to WGS84 puts it."""
    raw = {"yanziyan": (28.43178, 105.750205), "foguangyan": (28.395717, 105.975946)}
    for pid, (lat, lon) in raw.items():
        p = atlas.places[pid]
        assert 0.3 < great_circle_km(p.lat, p.lon, lat, lon) < 1.5, pid
