"""Request -> solver instance: interests, avoid, must, pace and arrival/departure times."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qianxing.data.atlas import load_atlas
from qianxing.instance import SECONDARY_TAG, UNAVAILABLE, minutes_of, window
from qianxing.model import Request
from qianxing.pace import PACE, ROAD_CAP
from qianxing.plan import prepare


def vertex(problem: object, place: str) -> int:
    return problem.ids.index(place)  # type: ignore[attr-defined]


def test_interests_raise_scores() -> None:
    """Liking waterfalls raises a waterfall's score and leaves a museum's alone."""
    plain = prepare(Request(days=3, month=5))
    keen = prepare(Request(days=3, month=5, like={"waterfall": 2.0}))
    w, m = vertex(plain, "huangguoshu-falls"), vertex(plain, "guizhou-museum")
    assert keen.instance.profits[w] > plain.instance.profits[w]
    assert keen.instance.profits[m] == plain.instance.profits[m]


def test_an_interest_counts_most_where_it_leads() -> None:
    """A liked tag raises a place's value fully where it is the place's first tag (what the
    place is about) and by half where it is secondary: for a waterfall lover 黄果树 gains
    more than 小七孔, whose first tag is karst."""
    plain = prepare(Request(days=3, month=5))
    keen = prepare(Request(days=3, month=5, like={"waterfall": 2.0}))

    def gain(place: str) -> float:
        k = vertex(plain, place)
        return float(keen.instance.profits[k] / plain.instance.profits[k])

    assert gain("huangguoshu-falls") == pytest.approx(1 + 2.0)
    assert gain("xiaoqikong-scenic") == pytest.approx(1 + 2.0 * SECONDARY_TAG)


def test_each_day_is_held_to_the_pace_road_cap() -> None:
    """Each day is held to the pace's road cap, the arrival day to its lighter share."""
    for pace in ("relaxed", "normal", "packed"):
        inst = prepare(Request(days=3, month=5, pace=pace)).instance
        cap = float(ROAD_CAP[pace])
        # the arrival day is lighter (pace.ARRIVAL_ROAD_SHARE); a 2-day trip needs its first day
        assert inst.travel_limits == (cap * 2 / 3, cap, cap)
        assert prepare(Request(days=2, month=5, pace=pace)).instance.travel_limits == (cap, cap)


def test_avoid_and_must() -> None:
    """Avoided places are not candidates; must-sees are mandatory."""
    p = prepare(Request(days=3, month=5, avoid=["青岩"], must=["黄果树"]))
    assert "qingyan" not in p.ids
    assert vertex(p, "huangguoshu-falls") in p.instance.mandatory


def test_pace_sets_day_frame() -> None:
    """Each pace gives its own day start and length; packed days are longest."""
    limits = {}
    for pace in ("relaxed", "normal", "packed"):
        inst = prepare(Request(days=3, month=5, pace=pace)).instance
        assert inst.day_starts is not None and inst.day_starts[1] == PACE[pace][0]
        limits[pace] = inst.day_limits[1]
    assert limits["relaxed"] < limits["normal"] < limits["packed"]


def test_arrival_and_departure_times() -> None:
    """Day 1 starts after arrival (plus the station buffer); the last day ends before departure."""
    inst = prepare(
        Request(
            days=2,
            month=5,
            arrive="贵阳北站",
            arrive_time="13:00",
            depart="贵阳",
            depart_time="17:00",
        )
    ).instance
    assert inst.day_starts is not None
    assert inst.day_starts[0] >= minutes_of("13:00")
    assert inst.day_starts[1] + inst.day_limits[1] <= minutes_of("17:00")


def test_closed_month_is_unavailable() -> None:
    """A place whose hours exclude the month cannot be visited that month (the pack has no
    seasonal closure today, so the test closes 黄果树 in winter itself)."""
    atlas = load_atlas("guizhou")
    place = atlas.find("黄果树")
    summer = [q.model_copy(update={"months": [m for m in q.months if m not in (12, 1, 2)]})
              for q in place.periods]
    closed = replace(place, periods=tuple(summer))
    assert closed.hours_in(1) is None
    assert window(closed, 1, None, 120) == UNAVAILABLE
    assert window(closed, 7, None, 120) != UNAVAILABLE
    open_ = window(place, 1, None, 120)
    assert open_[0] <= open_[1]


def test_arrival_and_departure_points_are_not_lodging() -> None:
    """No trip may end at the arrival point or start at the departure point, not even an
    empty trip from either to itself: otherwise a plan could 'sleep' at a railway station."""
    from qianxing.solve.timing import TripTimer

    problem = prepare(Request(days=3, month=5, arrive="贵阳北站", depart="贵阳北站"))
    inst = problem.instance
    timer = TripTimer(inst)
    base = inst.hotels[2]
    assert timer.end(0, [inst.start, base]) is not None
    assert timer.end(2, [base, inst.end]) is not None
    for d in range(3):
        assert timer.end(d, [inst.start, inst.start]) is None
        assert timer.end(d, [inst.end, inst.end]) is None
        assert timer.end(d, [base, inst.start]) is None
        assert timer.end(d, [inst.end, base]) is None


def test_terminal_kind_comes_from_the_pack() -> None:
    """Airports get the airport buffers because the pack says they are airports (not by an id
    convention): 龙洞堡机场 is an airport, 贵阳北站 a station, 贵阳 a town."""
    from qianxing.pace import ARRIVAL_BUFFER, terminal_kind

    atlas = load_atlas("guizhou")
    assert terminal_kind(atlas.find("龙洞堡机场")) == "airport"
    assert terminal_kind(atlas.find("贵阳北站")) == "station"
    assert terminal_kind(atlas.find("贵阳")) == "base"
    at_airport = prepare(Request(days=2, month=5, arrive="龙洞堡机场", arrive_time="10:00"))
    starts = at_airport.instance.day_starts
    assert starts is not None and starts[0] == 10 * 60 + ARRIVAL_BUFFER["airport"]


def test_a_crowd_day_starts_earlier_and_enters_crowded_sights_near_opening() -> None:
    """On 2 October the days after the first start an hour early, 梵净山 must be entered
    within `CROWD_ENTRY` of that start and its visit carries its queue minutes; on
    12 November neither."""
    import datetime as dt

    from qianxing.pace import CROWD_EARLIER, CROWD_ENTRY

    def build(start: str) -> tuple[float, float, float]:
        req = Request(days=3, start=dt.date.fromisoformat(start), arrive="铜仁", depart="铜仁")
        problem = prepare(req)
        inst = problem.instance
        assert inst.day_starts is not None and inst.windows is not None
        k = problem.ids.index("fanjingshan")
        return float(inst.day_starts[1]), float(inst.windows[1, k, 1]), float(inst.service[k])

    golden, quiet = build("2026-10-02"), build("2026-11-12")
    assert golden[0] == quiet[0] - CROWD_EARLIER
    assert golden[1] <= golden[0] + CROWD_ENTRY < quiet[1]
    queue = load_atlas().places["fanjingshan"].crowd_queue
    assert queue is not None and golden[2] == quiet[2] + queue


def test_the_road_cap_counts_time_on_the_road() -> None:
    """The road cap counts time on the road, not the wait for a journey's first service,
    which the traveller spends at the hotel or the sight: 贵阳 → 西江 (a bus to 凯里, the
    bus to 西江) is about 4.5 h on the road, within the normal cap, though the day's schedule
    holds 5.7 h for it with the buses' expected waits. The wait at 凯里 still counts."""
    from qianxing.travel import BOARD_MIN, expected_wait

    problem = prepare(Request(days=6, month=10, arrive="贵阳", depart="贵阳"))
    inst = problem.instance
    gy, xj = vertex(problem, "guiyang"), vertex(problem, "xijiang-miaozhai")
    assert inst.travel[gy, xj] > ROAD_CAP["normal"] >= inst.road_times[gy, xj]
    travel = problem.travel
    steps = travel.steps("guiyang", "xijiang-miaozhai")
    rides = [s for s in steps if s.route is not None]
    assert len(rides) == 2
    # on the road: the rides, their boarding allowances, the walk, and a change at 凯里
    # longer than the second bus's boarding allowance (the first bus is left for as late as
    # it still makes each connection)
    bare = sum(
        s.minutes - (BOARD_MIN[s.mode] + expected_wait(travel.feed.departures(s.frm, s.to)))
        if s.route is not None
        else s.minutes
        for s in steps
    )
    road = travel.road_minutes("guiyang", "xijiang-miaozhai")
    assert bare + BOARD_MIN["bus"] * 2 < road < travel.time("guiyang", "xijiang-miaozhai")


def test_one_ride_counts_no_wait_on_the_road() -> None:
    """A journey of one ride counts its ride and boarding allowance on the road, with no
    expected wait: 凯里 → 西江 by the 凯里 bus."""
    from qianxing.travel import BOARD_MIN, expected_wait, travel_model

    travel = travel_model("public")
    steps = travel.steps("kaili", "xijiang-miaozhai")
    (ride,) = [s for s in steps if s.route is not None]
    wait = expected_wait(travel.feed.departures(ride.frm, ride.to))
    assert wait > BOARD_MIN[ride.mode]
    runs = [d.minutes for d in travel.feed.departures(ride.frm, ride.to)]
    other = sum(s.minutes for s in steps if s.route is None)
    expected = other + BOARD_MIN[ride.mode] + sum(runs) / len(runs)
    assert travel.road_minutes("kaili", "xijiang-miaozhai") == pytest.approx(expected)
    assert travel.time("kaili", "xijiang-miaozhai") == pytest.approx(expected + wait)


def test_a_day_of_travel_keeps_room_for_a_sight_on_its_way() -> None:
    """A journey that nearly fills the road cap counts as the cap less `ROAD_SLACK`, as one
    over the cap that no night could split does: 贵阳 → 荔波 by car (175 of a relaxed day's
    180 min) left the morning before it empty although 甲秀楼 is 11 min from the hotel. A
    shorter journey, and one over the cap that a night on the way splits, count as they are."""
    import numpy as np

    from qianxing.instance import road_times
    from qianxing.pace import ROAD_SLACK

    cap, no_way = 180.0, 1e6
    # vertices 0, 1: the trip's ends; 2, 3: hotels; 4: a sight
    trav = np.full((5, 5), 100.0)
    np.fill_diagonal(trav, 0.0)
    trav[2, 3] = 175.0  # nearly the cap
    trav[0, 4] = 140.0  # well within it
    trav[2, 4] = 200.0  # over it, split by a night at hotel 3 (2 -> 3 -> 4 within the cap)
    trav[3, 4] = 90.0
    trav[0, 1] = 400.0  # over it, and no night splits it
    trav[0, 2] = trav[2, 1] = trav[0, 3] = trav[3, 1] = 300.0
    road = road_times(trav, range(2, 4), cap, no_way)
    assert road[2, 3] == cap - ROAD_SLACK
    assert road[0, 4] == 140.0
    assert road[2, 4] == 200.0
    assert road[0, 1] == cap - ROAD_SLACK
