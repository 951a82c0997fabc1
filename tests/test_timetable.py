"""Legs from the timetable: scheduled departures, visible waits, last services, consent for cars."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from qianxing.check import check_itinerary
from qianxing.exceptions import NoServiceError
from qianxing.i18n import words
from qianxing.instance import Problem, minutes_of
from qianxing.model import Day, Itinerary, Request
from qianxing.plan import plan
from qianxing.render.markdown import to_markdown
from qianxing.render.terminal import to_rich
from qianxing.render.view import km_text, leg_label
from qianxing.timeline import leg_of
from qianxing.travel import BOARD_MIN, TAXI_MAX_ROAD_KM, travel_model


def test_bus_leaves_at_a_cited_departure_after_the_buffer() -> None:
    """Reaching 凯里's bus station at 09:00, the 09:00 bus to 西江 has gone (15 min to buy a
    ticket and board): the step takes the cited 10:30 bus and shows the 90-minute wait."""
    leg = leg_of(travel_model("public"), "kaili-bus", "xijiang", 9 * 60, "en", None)
    (bus,) = [s for s in leg.steps if s.service is not None]
    assert bus.depart == "10:30" and bus.wait_minutes == 90
    assert bus.timetable is not None and bus.timetable.source.startswith("https://")
    assert bus.service is not None and bus.service.id and bus.service.name and bus.service.route
    assert bus.from_stop and bus.to_stop


def test_after_the_last_bus_there_is_no_service() -> None:
    """The last cited bus from 凯里 to 西江 leaves 16:30; turning up at 16:10 catches it,
    at 17:00 there is no service that day (never an 18:44 bus that does not run)."""
    model = travel_model("public")
    leg = leg_of(model, "kaili-bus", "xijiang", 16 * 60 + 10, "en", None)
    assert [s.depart for s in leg.steps if s.service is not None] == ["16:30"]
    with pytest.raises(NoServiceError):
        leg_of(model, "kaili-bus", "xijiang", 17 * 60, "en", None)


def test_every_ride_of_a_plan_respects_the_boarding_buffer(six_day_plan: Itinerary) -> None:
    """Each rail/bus/shuttle step departs at least its boarding buffer after the traveller
    reached the stop, and the wait is part of the step, not hidden in the ride."""
    rides = 0
    for day in six_day_plan.days:
        for leg in day.legs:
            for step in (s for s in leg.steps if s.service is not None):
                rides += 1
                assert step.wait_minutes is not None and step.ride_minutes is not None
                assert step.wait_minutes >= BOARD_MIN[step.mode], step
                assert step.minutes >= step.ride_minutes + step.wait_minutes - 1
    assert rides >= 2


def test_public_taxis_are_short_and_cars_need_consent() -> None:
    """On public transport a taxi is a short local hop; a long car leg appears only with
    `public+car` (a hired car, labelled so) and never on plain public transport."""
    public, car = travel_model("public"), travel_model("public+car")
    ids = [p.id for p in public.atlas.bases]
    pairs = [(a, b) for a in ids for b in ids if a != b]
    steps = [s for a, b in pairs if public.reachable(a, b) for s in public.steps(a, b)]
    assert all(s.km <= TAXI_MAX_ROAD_KM + 1e-6 for s in steps if s.mode == "taxi")
    assert "hired-car" not in {s.mode for s in steps}
    hired = [s for a, b in pairs if car.reachable(a, b) for s in car.steps(a, b)]
    assert "hired-car" in {s.mode for s in hired}
    assert sum(car.reachable(a, b) for a, b in pairs) > sum(
        public.reachable(a, b) for a, b in pairs
    )


def test_a_visit_ends_early_to_catch_an_earlier_service(six_day_plan: Itinerary) -> None:
    """No leg after a visit could arrive 20 or more minutes earlier, net of the visit time
    given up, had the visit been cut towards its short length: where a shorter visit catches
    an earlier bus or train, the plan takes it (a local leaves 西江 at 12:30 for the 13:00 bus
    rather than wait for the 15:00), but not to arrive as much earlier as it left (leaving 龙宫
    38 min early for a train 35 min earlier). A signature sight is cut only down to the
    length planned for its pace, unless the later service would end the day after the pace's
    day frame (issue 13: 黄果树 keeps 天星桥 and 陡坡塘)."""
    from qianxing.instance import minutes_of, service_minutes
    from qianxing.pace import PACE, SIGNATURE_RANKS
    from qianxing.plan import CATCH_GAIN

    model = travel_model(six_day_plan.request.transport)
    places = model.atlas.places
    pace = six_day_plan.request.pace
    checked = 0
    for k, day in enumerate(six_day_plan.days):
        for visit, leg in zip(day.visits, day.legs[1:], strict=False):
            if leg.from_ != visit.place or any(
                t.kind == "lunch-after" and t.place == visit.place for t in day.tips
            ):
                continue
            place = places[visit.place]
            shortest = place.visit_short
            ends_late = (
                leg is day.legs[-1]
                and k < len(six_day_plan.days) - 1
                and minutes_of(leg.arrive) > PACE[pace][1]
            )
            if place.rank in SIGNATURE_RANKS and not ends_late:
                shortest = max(shortest, service_minutes(place, pace))
            earliest = minutes_of(visit.start) + shortest
            rides = [s for s in leg.steps if s.service is not None]
            if earliest >= minutes_of(leg.depart) or not rides:
                continue  # (a taxi leg arrives earlier for any earlier start: nothing to catch)
            try:
                early = leg_of(model, leg.from_, leg.to, earliest, "en", None)
            except NoServiceError:
                continue
            # the latest departure that still arrives with it (arrival never falls with it)
            lo, hi = earliest, float(minutes_of(leg.depart))
            while hi - lo > 1:
                mid = (lo + hi) // 2
                at = leg_of(model, leg.from_, leg.to, mid, "en", None)
                caught = minutes_of(at.arrive) <= minutes_of(early.arrive)
                lo, hi = (mid, hi) if caught else (lo, mid)
            gained = minutes_of(leg.arrive) - minutes_of(early.arrive)
            given_up = minutes_of(leg.depart) - lo
            checked += 1
            assert gained - given_up < CATCH_GAIN, (day.day, leg, early)
    assert checked >= 1


def test_a_cited_fare_is_not_labelled_an_estimate() -> None:
    """A bus whose fare a source gives shows that fare as sourced even when its times are
    modelled; a train whose fare is our fare model says it is an estimate."""
    model = travel_model("public")
    bus = leg_of(model, "kaili-bus", "xijiang", 9 * 60, "en", None)
    assert bus.fare is not None and bus.fare.high > 0 and not bus.fare.estimate
    train = leg_of(model, "guiyangbei-stn", "anshunxi-stn", 9 * 60, "en", None)
    assert train.fare is not None and train.fare.estimate


def test_lunch_is_eaten_on_the_way_rather_than_miss_the_train() -> None:
    """Leaving 贵阳 after a 11:30–12:30 lunch misses the 13:13 train to 遵义 (the next is in
    the evening); the day leaves at 11:30 and eats at the station instead."""
    from qianxing.plan import _lunch_on_the_way, prepare

    problem = prepare(Request(days=3, month=4, arrive="贵阳北站", depart="遵义"))
    places = problem.travel.atlas.places
    a, b = places["guiyang"], places["zunyi"]
    after = leg_of(problem.travel, a.id, b.id, 750.0, "zh")  # 12:30, after lunch
    leg, leave = _lunch_on_the_way(problem, a, b, 690.0, 750.0, after, None)
    assert leave == 690.0 and minutes_of(leg.arrive) <= minutes_of(after.arrive) - 20
    # a taxi across town has no service to catch: lunch stays before it
    park = places["qianlingshan"]
    taxi = leg_of(problem.travel, a.id, park.id, 750.0, "zh")
    assert _lunch_on_the_way(problem, a, park, 690.0, 750.0, taxi, None) == (taxi, 750.0)


def test_lunch_ends_when_the_traveller_leaves_for_the_train(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A day of travel from 贵阳 to 江口 timed from a schedule with lunch in 贵阳 at 11:30
    and the journey after it (as the solver made it before lunch could be taken on the way;
    after a morning's visit it still may): the taxi to 贵阳北 leaves at 12:02 for the 12:54 to
    铜仁 (the next train misses the last bus on). The lunch shown ends at 12:02, not at the
    pace's 12:15 while the traveller is already in the taxi."""
    import importlib

    from qianxing.plan import _day, prepare
    from qianxing.solve.timing import LUNCH

    problem = prepare(Request(days=10, month=4, depart="龙洞堡机场"))
    tour = [_vertex(problem, "guiyang"), _vertex(problem, "jiangkou")]
    assert problem.instance.lunch is not None and problem.instance.day_starts is not None
    l0, _l1, ld = problem.instance.lunch
    t0, end = problem.instance.day_starts[4], l0 + ld + float(problem.instance.travel[*tour])
    old = [(tour[0], t0, t0, t0), (LUNCH, l0, l0, l0 + ld), (tour[1], end, end, end)]
    monkeypatch.setattr(importlib.import_module("qianxing.plan"), "schedule", lambda *_a: old)
    day = _day(problem, 4, tour, "zh")
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    assert lunch.place == "guiyang" and lunch.time is not None
    start, end = (minutes_of(x) for x in lunch.time.split("–"))
    leaves = minutes_of(day.legs[0].depart)
    assert end == leaves and end - start >= 20
    (train,) = [s for s in day.legs[0].steps if s.mode == "rail"]
    assert train.depart == "12:54"


def _vertex(problem: Problem, place: str) -> int:
    """The vertex of ``place`` that is neither the trip's start nor its end (贵阳 has both
    and a hotel of its own)."""
    ends = (problem.start_vertex, problem.end_vertex)
    return next(v for v, p in enumerate(problem.ids) if p == place and v not in ends)


def _anshun_to_jiangkou(
    lunch_first: pytest.MonkeyPatch | None = None,
) -> tuple[list[list[float]], Day]:
    """The solver's schedule and the timed day of a day with no sight from 安顺 to 江口 (day
    2 of 9 packed July days from 安顺). With ``lunch_first``, the timeline is given the
    schedule the solver made before lunch could be taken on arrival or on the way: lunch at
    the hotel at 11:30, then the journey."""
    import importlib

    from qianxing.plan import _day, prepare
    from qianxing.solve.timing import LUNCH, schedule

    problem = prepare(Request(days=9, month=7, arrive="安顺", depart="都匀", pace="packed"))
    tour = [_vertex(problem, "anshun"), _vertex(problem, "jiangkou")]
    rows = [list(r) for r in schedule(problem.instance, tour, 1)]
    if lunch_first is not None:
        assert problem.instance.lunch is not None
        l0, _l1, ld = problem.instance.lunch
        ride = float(problem.instance.travel[tour[0], tour[1]])
        end = l0 + ld + ride
        old = [(tour[0], *[rows[0][1]] * 3), (LUNCH, l0, l0, l0 + ld), (tour[1], end, end, end)]
        rows = [list(r) for r in old]
        planner = importlib.import_module("qianxing.plan")  # the module, not `plan`
        lunch_first.setattr(planner, "schedule", lambda *_args: old)
    return rows, _day(problem, 1, tour, "zh")


def _leaves_in_the_morning_and_eats_on_the_way(day: Day) -> None:
    (leg,) = day.legs
    assert minutes_of(leg.depart) < 11 * 60 + 30 and minutes_of(leg.arrive) < 18 * 60
    (bus,) = [s for s in leg.steps if s.from_ == "tongren"]
    assert bus.service is not None and bus.to == "jiangkou"
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    stops = {s.to for s in leg.steps}
    assert lunch.place in stops and lunch.place != "jiangkou" and lunch.time is None


def test_a_day_of_travel_eats_on_arrival_in_the_solver_and_on_the_way_when_timed() -> None:
    """A day with no sight from 安顺 to 江口: at typical times the journey arrives in the lunch
    window, so the solver eats on arrival (it used to wait for lunch at the hotel and leave
    after it). Timed, the day leaves in the morning for the last bus on from 铜仁, arrives
    after lunch's latest start, and so eats where the journey is at lunchtime: the station of
    the change, with no time claimed."""
    from qianxing.solve.timing import LUNCH

    rows, day = _anshun_to_jiangkou()
    assert rows[1][0] != LUNCH and rows[-1][0] == LUNCH  # lunch after the journey
    _leaves_in_the_morning_and_eats_on_the_way(day)


def test_a_day_of_travel_leaves_in_the_morning_when_lunch_first_misses_the_last_bus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same day timed from a schedule with lunch at the hotel and the journey after it,
    as the solver made before lunch could be taken on arrival or on the way (and still may
    on a day that starts after lunchtime). A journey left at 12:00 reaches 铜仁 after the last
    bus to 江口 (a re-plan that removed 中南门古城 from such a day re-planned the whole trip,
    with an empty day in 铜仁, in 815 ms). A local leaves in the morning and eats where the
    journey is at lunchtime."""
    from qianxing.solve.timing import LUNCH

    rows, day = _anshun_to_jiangkou(lunch_first=monkeypatch)
    assert rows[1][0] == LUNCH  # lunch before the journey
    _leaves_in_the_morning_and_eats_on_the_way(day)


def test_a_day_waits_for_its_first_train_at_the_hotel() -> None:
    """The day's first leg leaves its lodging as late as still catches the same service: no
    day starts with an hour on a station bench (leaving a 兴义 hotel at 10:00 for the 11:31
    from 兴义南 is moved to about 10:57, arriving in 贵阳 at the same time). Tested on the
    leg itself: the merged planner no longer draws a whole plan whose day starts this way."""
    from qianxing.plan import CATCH_GAIN, _sleep_in, prepare

    problem = prepare(Request(days=3, month=4, pace="relaxed", must=["万峰林"]))
    places = problem.travel.atlas.places
    a, b = places["xingyi"], places["guiyang"]
    early = leg_of(problem.travel, a.id, b.id, 600.0, "zh")  # 10:00
    leg, leave = _sleep_in(problem, a, b, 600.0, early, None)
    assert leave >= 600.0 + CATCH_GAIN and leg.arrive == early.arrive
    assert minutes_of(leg.depart) == leave
    for s in leg.steps:
        if s.service is not None:
            assert s.wait_minutes is not None
            assert s.wait_minutes - BOARD_MIN[s.mode] - 2 < CATCH_GAIN


def test_after_the_last_bus_a_consented_car_takes_over() -> None:
    """梵净山 -> 江口 at 19:00, after the last bus: with `public+car` the traveller hires the
    car the setting allows for that leg (its fare shown); on `public` (36 road-km, over the
    taxi limit) the leg cannot be made and says so, as before."""
    late = 19 * 60.0
    car = leg_of(travel_model("public+car"), "fanjingshan", "jiangkou", late, "zh")
    assert [s.mode for s in car.steps] == ["hired-car"]
    assert car.depart == "19:00" and car.fare is not None and car.fare.low > 0
    with pytest.raises(NoServiceError):
        leg_of(travel_model("public"), "fanjingshan", "jiangkou", late, "zh")


def test_past_the_feed_end_a_date_reads_as_the_same_weekday_of_its_last_week() -> None:
    """The feed covers services to its end date; a later date is planned on the latest known
    timetable (the same weekday of the feed's last week), while a service that ended before
    the feed's end does not come back."""
    import dataclasses
    import datetime as dt

    feed = travel_model("public").feed
    assert feed.end == dt.date(2027, 12, 31)
    late = dt.date(2028, 10, 2)  # a Monday
    on = feed.timetable_date(late)
    assert on is not None and on <= feed.end and on.weekday() == late.weekday()
    assert (feed.end - on).days < 7 and feed.past_end(late) and not feed.past_end(feed.end)
    assert feed.runs_on("daily", late)
    weekdays, start, _ = feed.service_days["daily"]
    gone = dataclasses.replace(feed, service_days={"old": (weekdays, start, dt.date(2026, 6, 30))})
    assert not gone.runs_on("old", late) and gone.runs_on("old", dt.date(2026, 6, 29))


def _timetable_rounds(req: Request, monkeypatch: pytest.MonkeyPatch) -> tuple[int, float]:
    """The rounds in which the timetable broke a day of ``req``'s plan, and its score."""
    import sys

    planner = sys.modules["qianxing.plan"]
    rounds = 0
    assemble = planner.assemble

    def counted(*args: object, **kwargs: object) -> Itinerary:
        nonlocal rounds
        try:
            return assemble(*args, **kwargs)
        except planner.TimetableBreakError as exc:
            if not isinstance(exc, planner.RoadCapError):
                rounds += 1
            raise

    monkeypatch.setattr(planner, "assemble", counted)
    it = planner.plan(req, explain=False)
    return rounds, it.score


def test_a_day_the_timetable_keeps_breaking_is_re_solved_twice_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plan whose days the timetable keeps breaking stops re-solving after two rounds and
    mends the days by dropping visits, with a score no lower than four rounds gave
    (`bench/plan.py`'s request 19 broke day 2 in four rounds in a row). Its request 0 (ten
    packed August days from 兴义 to 遵义, seed 143) breaks a day in four rounds when four
    are allowed, for less than two give (16610 against 16640). Until a day that runs late
    for its last train slowed every journey on that train, the case was request 27 (seed
    309), which now settles within two; before that, seed 504 of request 19."""
    import sys

    planner = sys.modules["qianxing.plan"]
    req = Request(
        days=10, month=8, arrive="兴义", arrive_time="15:00", depart="遵义", depart_time="18:00",
        pace="packed", transport="public", seed=143,
        like={"mountain": 3.0, "waterfall": 1.0, "karst": 2.0},
    )
    rounds, score = _timetable_rounds(req, monkeypatch)
    assert rounds <= planner.MAX_RESOLVES == 2
    monkeypatch.setattr(planner, "MAX_RESOLVES", 4)
    more_rounds, more_score = _timetable_rounds(req, monkeypatch)
    assert more_rounds > rounds
    assert score >= more_score


def test_a_later_train_that_misses_the_last_bus_keeps_the_earlier_one() -> None:
    """After lunch in 贵阳 the day to 江口 takes the 12:54 train to 铜仁 and the bus on;
    leaving later for the 15:27 train reaches 铜仁 after the last 江口 bus (17:30), which is
    a reason to keep the 12:54, not a broken day (`bench/plan.py`'s request 30 was refused
    with "从铜仁到江口已没有班次" even with its day 3 emptied of visits). The day is timed
    as request 30 with seed 111 once planned it (镇山村, 天河潭, then on to 江口): that plan
    now leaves 安顺 for 江口 in the morning of a day of travel instead."""
    from qianxing.plan import _day, prepare

    req = Request(
        days=5, month=7, arrive="贵阳北站", arrive_time="10:00", depart="铜仁",
        depart_time="18:00", pace="packed", like={"dong": 2.0, "miao": 1.0, "mountain": 2.0},
        transport="public", lang="zh", seed=111,
    )
    problem = prepare(req)
    tour = [problem.ids.index(p) for p in ("guiyang", "zhenshan-cun", "tianhetan", "jiangkou")]
    day3 = _day(problem, 2, tour, "zh")
    assert day3.end.place == "jiangkou"
    (train,) = [s for leg in day3.legs for s in leg.steps if s.mode == "rail"]
    (bus,) = [s for leg in day3.legs for s in leg.steps if s.from_ == "tongren"]
    assert train.depart == "12:54"
    assert bus.depart is not None and minutes_of(bus.depart) <= 17 * 60 + 30


def test_lunch_does_not_cost_the_day_its_last_bus() -> None:
    """Seven April days ending in 铜仁 with 西江, 镇远 and 梵净山 as must-sees: the solver,
    counting each ride at its typical time, puts lunch in 贵阳 before the journey to 江口, but
    after a sit-down lunch the next train to 铜仁站 reaches the bus station after the last
    bus to 江口 has left. A local eats at the station or on board: the plan keeps all three
    must-sees (it was refused with 铜仁站 at its cited point, `plan._lunch_on_the_way`)."""
    req = Request(days=7, month=4, depart="铜仁", must=["西江千户苗寨", "镇远古城", "梵净山"])
    it = plan(req, explain=False)
    visited = {v.place for d in it.days for v in d.visits}
    assert {"xijiang-miaozhai", "zhenyuan-gucheng", "fanjingshan"} <= visited
    assert check_itinerary(it) == []


@pytest.mark.slow
def test_a_dropped_visit_keeps_the_day_within_its_cap() -> None:
    """Nine packed March days from 贵阳: the timetable broke the arrival day (贵阳 → 黔灵山 →
    郎德上寨 → 西江), and the repair dropped 郎德上寨, whose journey on to 西江 replaced
    two with one that waits for the 凯里 bus: 5.2 h on the road against the arrival day's
    4 h. A repair drops only visits whose removal keeps the day within its cap
    (`plan._drop_one`)."""
    from qianxing.pace import road_caps

    it = plan(Request(days=9, month=3, pace="packed"), explain=False)
    assert sum(leg.minutes for leg in it.days[0].legs) <= road_caps("packed", 9)[0]
    assert check_itinerary(it) == []


@pytest.mark.slow
def test_a_timetable_refusal_names_its_train_and_only_fixes_that_work() -> None:
    """Three days from 贵阳 ending in 从江 on public transport: the one train to 从江站 our
    timetable has (D8591) leaves 贵阳北 at 21:31, so the day that goes there ends after
    midnight however long the trip. The refusal names that train and proposes only what was
    planned successfully: the hired car, never "one more day" (which fails as well)."""
    from qianxing.exceptions import ImpossibleRequestError

    req = Request(days=3, month=10, depart="从江", lang="en")
    with pytest.raises(ImpossibleRequestError) as refused:
        plan(req, explain=False)
    message = str(refused.value)
    assert "D8591" in message and "21:31" in message
    assert "Works with: --transport public+car" in message
    assert "day" not in message.split("Works with:")[1]
    it = plan(req.model_copy(update={"transport": "public+car"}), explain=False)
    assert check_itinerary(it) == []


def test_the_leg_is_the_journey_that_arrives_first_at_that_hour() -> None:
    """凯里 → 贵阳 is a bus by cost; in the morning the bus arrives first and is taken, in
    the evening, after the last bus (18:30, the hours of the cited buses the other way), the
    train still runs and is taken (never a day that cannot be made because the cheaper
    journey has stopped for the night)."""
    model = travel_model("public")
    modes = [
        {s.mode for s in j if s.route is not None} for j in model.alternatives("kaili", "guiyang")
    ]
    assert modes[0] == {"bus"} and {"rail"} in modes
    morning = leg_of(model, "kaili", "guiyang", 10 * 60, "en", None)
    evening = leg_of(model, "kaili", "guiyang", 19 * 60, "en", None)
    assert {s.mode for s in morning.steps if s.service is not None} == {"bus"}
    assert {s.mode for s in evening.steps if s.service is not None} == {"rail"}
    for leg, depart in ((morning, 10 * 60), (evening, 19 * 60)):
        for journey in model.alternatives("kaili", "guiyang"):
            arrive = model.follow(journey, float(depart))
            assert arrive is None or minutes_of(leg.arrive) <= round(arrive)


def test_the_time_before_lunch_or_the_journey_is_spent_at_the_sight(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A visit is not followed by idle time beside the sight. A self-drive March day from 江口
    to 荔波, timed from a schedule with 云舍 from 08:23 (planned 1 h), lunch there at 11:30,
    then the drive (as the solver made it before lunch could be taken on the way; it still
    waits for lunch where no journey spans lunchtime): the visit used to end at 09:23, with
    two hours unexplained before lunch. Where a sit-down lunch no longer fits before a
    service and is eaten on the way (a July day from 安顺: 龙宫, then the train from 安顺西 to
    黔灵山), the visit lasts until the taxi leaves (it ended at 11:42 and the taxi left at
    11:49)."""
    import importlib

    from qianxing.plan import _day, prepare
    from qianxing.solve.timing import LUNCH

    march = prepare(
        Request(days=9, month=3, arrive="兴义", arrive_time="15:00", depart="兴义",
                depart_time="20:00", transport="self-drive", like={"cave": 2.0}, seed=650)
    )
    tour = [_vertex(march, p) for p in ("jiangkou", "yunshe", "libo")]
    inst = march.instance
    assert inst.lunch is not None and inst.day_starts is not None and inst.windows is not None
    l0, _l1, ld = inst.lunch
    t0 = inst.day_starts[6]
    reach = t0 + float(inst.travel[tour[0], tour[1]])
    begin = max(reach, float(inst.windows[6, tour[1], 0]))
    end = l0 + ld + float(inst.travel[tour[1], tour[2]])
    old = [
        (tour[0], t0, t0, t0),
        (tour[1], reach, begin, begin + float(inst.service[tour[1]])),
        (LUNCH, l0, l0, l0 + ld),
        (tour[2], end, end, end),
    ]
    with monkeypatch.context() as m:
        m.setattr(importlib.import_module("qianxing.plan"), "schedule", lambda *_a: old)
        day = _day(march, 6, tour, "zh")
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    assert lunch.place == "yunshe" and lunch.time is not None
    starts, ends = lunch.time.split("–")
    (visit,) = day.visits
    assert visit.leave == starts and ends == day.legs[-1].depart
    assert minutes_of(visit.leave) - minutes_of(visit.start) > 120

    july = prepare(
        Request(days=8, month=7, arrive="兴义", depart="贵阳", depart_time="20:00",
                pace="relaxed", like={"dong": 2.0, "mountain": 3.0}, seed=849)
    )
    ids = ["anshun", "longgong", "qianlingshan", "guiyang"]
    day = _day(july, 5, [_vertex(july, p) for p in ids], "zh")
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    assert lunch.time is None and lunch.place != "longgong"
    assert day.visits[0].leave == day.legs[1].depart


def test_a_visit_is_not_cut_for_a_taxi_that_catches_nothing() -> None:
    """Leaving a sight early is worth it only when the journey gains more than the visit
    gives up. A taxi from 镇山村 to 夜郎谷 left 90 min early arrives 90 min early and catches
    nothing; it used to cut 镇山村 from 3 h to 1.5 h (and the day's next visits with it)."""
    from qianxing.plan import _catch_earlier, prepare

    problem = prepare(Request(days=8, month=4, pace="relaxed"))
    places = problem.travel.atlas.places
    a, b = places["zhenshan-cun"], places["yelanggu"]
    leg = leg_of(problem.travel, a.id, b.id, 765.0, "zh")  # 12:45, after 3 h from 09:45
    assert not any(s.service for s in leg.steps)
    assert _catch_earlier(problem, a, b, 585.0, 765.0, leg, "zh", None) is None


def test_a_service_before_lunch_spares_a_journey_across_the_province() -> None:
    """The last day of 9 December days: 青龙洞 in 镇远 from 09:00, lunch, then to 铜仁 for the
    20:00 departure. After lunch the only way is the 13:00 train to 贵阳 and a G train back
    east, 7.5 h, arriving 19:42; a local takes the 11:00 bus to 铜仁 (cited, 2 a day) and
    eats on the way. A visit is not cut only to reach the night's base earlier: 贵州省博物馆
    keeps its 3 h although an earlier train would reach 贵阳 2 h sooner."""
    from qianxing.plan import _day, prepare

    december = prepare(
        Request(days=9, month=12, arrive="贵阳北站", arrive_time="08:30", depart="铜仁",
                depart_time="20:00", like={"waterfall": 1.0}, seed=780)
    )
    tour = [december.ids.index("zhenyuan"), december.ids.index("qinglongdong")]
    day = _day(december, 8, [*tour, december.instance.end], "zh")
    (bus,) = [s for s in day.legs[-1].steps if s.service is not None]
    assert (bus.from_, bus.to, bus.depart) == ("zhenyuan", "tongren", "11:00")
    assert minutes_of(day.end.time) < 15 * 60
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    assert lunch.time is None
    assert minutes_of(day.visits[0].leave) - minutes_of(day.visits[0].start) >= 60

    july = prepare(
        Request(days=8, month=7, arrive="兴义", depart="贵阳", depart_time="20:00",
                pace="relaxed", like={"dong": 2.0, "mountain": 3.0}, seed=849)
    )
    ids = ["guiyang", "guizhou-museum", "anshun"]
    day = _day(july, 2, [_vertex(july, p) for p in ids], "zh")
    (visit,) = day.visits
    assert minutes_of(visit.leave) - minutes_of(visit.start) >= 180


def test_lunch_on_the_way_is_eaten_where_the_journey_is_at_lunchtime() -> None:
    """Day 2 of nine packed July days from 安顺: 安顺古城 from 08:00, then by train to 铜仁
    for 中南门古城 and on to 江口. The solver takes lunch on the way (`LUNCH_ON_THE_WAY`: it
    used to wait at 安顺古城 for 11:30 and leave at 12:00, and the day missed the last bus
    from 铜仁). The timed day leaves 安顺古城 at 09:01 for the 10:00 train and reaches 中南门古城
    at 13:02, by lunch's latest start (14:00), so lunch is there, before the visit. Were the
    latest start 12:30, lunch would be where the journey is at lunchtime, 铜仁站, with no
    time claimed."""
    import dataclasses

    from qianxing.plan import _day, prepare
    from qianxing.solve.timing import LUNCH_ON_THE_WAY, schedule

    problem = prepare(
        Request(days=9, month=7, arrive="安顺", arrive_time="08:30", depart="都匀",
                depart_time="20:00", pace="packed", like={"waterfall": 2.0, "museum": 2.0},
                transport="public", seed=36)
    )
    ids = ("anshun", "anshun-gucheng", "zhongnanmen-gucheng", "jiangkou")
    tour = [_vertex(problem, p) for p in ids]
    assert [r[0] for r in schedule(problem.instance, tour, 1)][2] == LUNCH_ON_THE_WAY
    day = _day(problem, 1, tour, "zh")
    assert [v.place for v in day.visits] == list(ids[1:3])
    assert minutes_of(day.visits[0].leave) < 10 * 60
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    assert lunch.place == "zhongnanmen-gucheng" and lunch.time is not None
    starts, ends = lunch.time.split("–")
    assert starts == day.visits[1].arrive and ends <= day.visits[1].start

    assert problem.instance.lunch is not None
    l0, _l1, ld = problem.instance.lunch
    early = dataclasses.replace(problem.instance, lunch=(l0, 12 * 60 + 30.0, ld))
    problem = dataclasses.replace(problem, instance=early)
    assert [r[0] for r in schedule(problem.instance, tour, 1)][2] == LUNCH_ON_THE_WAY
    day = _day(problem, 1, tour, "zh")
    (lunch,) = [t for t in day.tips if t.kind == "lunch-after"]
    assert lunch.place == "tongren-stn" and lunch.time is None


def test_a_place_given_up_because_its_day_runs_late_is_not_said_to_miss_a_service() -> None:
    """Seven normal October days from 安顺 (15:00) gave up 安顺古城, two nights' walk from the
    hotel, "by the timetable, going there misses the day's last service": the repair dropped
    it because the day ran past its end, with no ride involved. That case now says so; a
    place given up for a ride names the ride's stops."""
    from qianxing.plan import _missed_service, prepare

    problem = prepare(Request(days=2, month=10))
    late = _missed_service(problem, "anshun-gucheng", None, "en")
    assert late.reason.id == "timed against the timetable, the day with it runs past its end"
    ride = _missed_service(problem, "huangguoshu-falls", ("anshun", "huangguoshu"), "en")
    assert "last service" in ride.reason.id


def test_the_score_counts_what_the_timed_plan_visits_not_what_the_repair_gave_up() -> None:
    """The itinerary's score summed the solver's tours, so a plan whose timetable repair gave
    up places still counted them (seven normal October days from 安顺: 7420 for a plan whose
    visits are worth 7310). It is now the worth of the places the plan visits. The planner
    now steers clear of such days (no plan of `bench/plan.py`'s requests gives a place up
    to the timetable at three seeds), so the case is made by hand: a last day from 江口 by
    way of 贵州省博物馆 waits at 铜仁站 for the last train and runs past the 16:00 departure,
    and the museum is given up."""
    import sys

    planner = sys.modules["qianxing.plan"]
    problem = planner.prepare(
        Request(days=2, month=12, arrive="江口", arrive_time="12:00", depart="贵阳",
                depart_time="16:00", pace="packed")
    )
    at = {pid: k for k, pid in enumerate(problem.ids)}
    tours = [
        [at["jiangkou"], at["yunshe"], at["jiangkou"]],
        [at["jiangkou"], at["guizhou-museum"], at["guiyang"]],
    ]
    it = planner.assemble(problem, tours, explain=True)
    profits = problem.instance.profits
    worth = sum(float(profits[at[v.place]]) for d in it.days for v in d.visits)
    given_up = [d.place for d in it.dropped if "runs past its end" in d.reason.id]
    assert given_up == ["guizhou-museum"]
    assert it.score == worth == float(profits[at["yunshe"]]) > 0


def test_a_day_that_runs_late_for_its_last_train_slows_every_journey_on_that_train() -> None:
    """A last day from 江口 to 贵阳 by way of 贵州省博物馆 waits at 铜仁站 for G4353 (12:59,
    the last train) and ends at 17:02, an hour past the 16:00 departure. The wait belongs to
    the train, not to the museum: the re-solve used to slow only the journey into the museum,
    and `bench/plan.py`'s request 27 then moved 甲秀楼 onto that day and broke it again. Every
    journey that takes the train is now slowed alike."""
    import sys

    import numpy as np

    planner = sys.modules["qianxing.plan"]
    problem = planner.prepare(
        Request(days=2, month=12, arrive="江口", arrive_time="12:00", depart="贵阳",
                depart_time="16:00", pace="packed")
    )
    ids = problem.ids
    at = {pid: k for k, pid in enumerate(ids)}
    tours = [
        [at["jiangkou"], at["jiangkou"]],
        [at["jiangkou"], at["guizhou-museum"], at["guiyang"]],
    ]
    seen: list[Problem] = []

    class Resolved(Exception):
        pass

    def resolve(p: Problem, warm: list[list[int]]) -> list[list[int]]:
        seen.append(p)
        raise Resolved

    with pytest.raises(Resolved):
        planner.assemble_timed(problem, tours, resolve, explain=False)
    slowed = seen[0].instance.travel - problem.instance.travel
    through = problem.travel.journeys_through(("tongren-stn", "guiyangbei-stn"))
    travel = problem.instance.travel
    arcs = [
        (u, v)
        for u, a in enumerate(ids)
        for v, b in enumerate(ids)
        if (a, b) in through and travel[u, v] < planner.NO_WAY
    ]
    assert (at["jiangkou"], at["guizhou-museum"]) in arcs and len(arcs) > 10
    assert all(slowed[arc] == planner.TIMETABLE_PENALTY for arc in arcs)
    assert np.count_nonzero(slowed) == len(arcs)


def test_a_leg_of_several_modes_names_each_and_shows_every_step(six_day_plan: Itinerary) -> None:
    """A taxi to the station, a train and a walk are one leg: its line names the taxi and the
    train, and under it every step is shown, the taxi with where it goes, its km and fare
    (the Markdown and terminal views listed the rides alone, so the taxi to 贵阳北 was
    nowhere but in the leg's summed fare)."""
    mixed = [
        leg for d in six_day_plan.days for leg in d.legs
        if any(s.service is not None for s in leg.steps)
        and any(s.mode == "taxi" for s in leg.steps)
    ]
    assert mixed, "the six-day plan has no leg with a taxi to a train or bus"
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(to_rich(six_day_plan, "zh"))
    shown = {"markdown": to_markdown(six_day_plan, "zh"), "terminal": console.export_text()}
    for leg in mixed:
        label = leg_label(words("zh"), leg)
        assert "打车/网约车" in label and " + " in label, label
        for step in (s for s in leg.steps if s.mode == "taxi"):
            line = f"打车/网约车 {step.from_name} → {step.to_name} {km_text(step.km)}"
            for name, text in shown.items():
                assert line in text, (name, line)


def test_a_plan_mended_by_dropping_late_visits_beats_a_worse_re_solve() -> None:
    """3 packed May days 安顺 (15:00) → 都匀 (20:00), museums liked (`bench/plan.py`'s request
    19): timed, the search's plan runs past the end of two days. Re-solved with the late
    trains slowed, it came back worth 2,480 (安顺古城 on the arrival day); the search's own
    plan with the late visits dropped is worth 2,760 (黔灵山 kept), and is the one returned."""
    req = Request(days=3, month=5, arrive="安顺", arrive_time="15:00", depart="都匀",
                  depart_time="20:00", pace="packed", like={"museum": 1.0}, seed=506)
    it = plan(req)
    visits = [v.place for d in it.days for v in d.visits]
    assert "qianlingshan" in visits and it.score >= 2760, (it.score, visits)
    assert check_itinerary(it) == []


def test_the_last_day_leaves_a_sight_early_for_the_service_that_reaches_the_departure() -> None:
    """The last of 6 October days 贵阳 → 贵阳 spent at 西江 alone (a re-plan that took the
    museum in 凯里 out of it): the visit planned to 12:44 missed the 13:00 bus to 凯里 by the
    boarding allowance, so the day took the 15:00 and reached 贵阳 at 19:00, past the 18:00
    departure. A signature sight is cut short for the service that ends the day in time, on
    the last day too: it leaves for the 13:00 and reaches 贵阳 by 17:00."""
    import importlib

    planner = importlib.import_module("qianxing.plan")
    problem = planner.prepare(Request(days=6, month=10, arrive="贵阳", depart="贵阳"))
    ids, inst = problem.ids, problem.instance
    tour = [ids.index("xijiang"), ids.index("xijiang-miaozhai"), problem.end_vertex]
    day = planner._day(problem, 5, tour, "zh")
    _to_sight, home = day.legs
    assert next(s.depart for s in home.steps if s.service is not None) == "13:00", home.steps
    assert minutes_of(day.end.time) <= inst.day_start(5) + inst.day_limits[5], day.end.time
