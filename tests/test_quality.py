"""`bench/quality.py` counts a re-plan's unasked changes from the change list it prints."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from qianxing.model import Day, Itinerary, Lodging, Visit
from qianxing.replan import Edits

BENCH = Path(__file__).resolve().parents[1] / "bench" / "quality.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _trip(days: list[tuple[list[tuple[str, str]], str]]) -> Itinerary:
    """A plan reduced to what the count reads: each day's visits and its night."""
    return Itinerary.model_construct(
        days=[
            Day.model_construct(
                day=k,
                visits=[Visit.model_construct(place=p, name=n) for p, n in visits],
                lodging=Lodging.model_construct(base=night, name=night),
            )
            for k, (visits, night) in enumerate(days, 1)
        ]
    )


def test_a_name_with_brackets_made_room_is_forced_not_unasked() -> None:
    """The December drive edit of bench/quality.py (move 天河潭 to day 2): the re-plan took
    out 黔灵山公园 and 平塘特大桥（天空之桥服务区） to make room, and said so; the count read the
    second name up to its first bracket and called that change unasked."""
    bench = _bench()
    tianhetan, qianling = ("tianhetan", "天河潭"), ("qianlingshan", "黔灵山公园")
    qingyan, bridge = ("qingyan", "青岩古镇"), ("pingtang-bridge", "平塘特大桥（天空之桥服务区）")
    old = _trip([([tianhetan], "guiyang"), ([qianling, qingyan, bridge], "xiaoqikong")])
    new = _trip([([], "guiyang"), ([tianhetan, qingyan], "xiaoqikong")])
    changes = [
        "天河潭 从第 1 天移到第 2 天（按你的要求）",
        "第 2 天删去 黔灵山公园（为天河潭腾出时间）",
        "第 2 天删去 平塘特大桥（天空之桥服务区）（为天河潭腾出时间）",
    ]
    edits = Edits(move=(("tianhetan", 2),))
    assert bench.unasked(old, new, edits, changes) == (0, 2, 0)
