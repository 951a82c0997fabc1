"""Why a request cannot be planned, in the traveller's words, with fixes that were tried.

The solver reports infeasibility as a reason code and the vertices involved
(`InfeasibleInstanceError`); this module turns that into the binding constraint with its
numbers and proposes changes to the request (more days, another departure town, a faster
pace) — each one planned for real before it is proposed, so a refusal never suggests a fix
that fails too. Nothing here parses solver messages.
"""

from __future__ import annotations

from collections.abc import Callable

from .exceptions import ImpossibleRequestError, UnknownPlaceError
from .instance import Problem, hhmm, reached
from .model import Request
from .solve import InfeasibleInstanceError
from .travel import TAXI_MAX_ROAD_KM

Attempt = Callable[[Request], bool]
"""Plans a changed request and says whether it works (the planner passes its own)."""

MAX_EXTRA_DAYS = 4
"""How many more days a refusal tries before it stops proposing a longer trip."""
PACE_ZH = {"relaxed": "轻松", "normal": "正常", "packed": "紧凑"}


def journey_exceeds_day(problem: Problem) -> bool:
    """A one-day trip whose arrival-to-departure journey alone is longer than the day."""
    if problem.request.days != 1:
        return False
    journey = float(problem.instance.travel[problem.start_vertex, problem.end_vertex])
    return journey > min(problem.instance.day_limits[0], problem.instance.travel_limit(0))


def _road_cap(problem: Problem, zh: bool) -> str:
    """The pace's daily cap on time in vehicles, as a clause of a refusal."""
    req = problem.request
    cap = _hours(problem.instance.travel_limit(0), zh)
    if zh:
        return f"{PACE_ZH[req.pace]}节奏下每天路上最多 {cap}"
    return f"at the {req.pace} pace a day holds at most {cap} of travel"


def _hours(minutes: float, zh: bool) -> str:
    h = minutes / 60
    text = f"{h:.1f}".rstrip("0").rstrip(".")
    return f"{text} 小时" if zh else f"{text} h"


UNREACHABLE = 1e5  # minutes: the instance's stand-in for "no way there"


def _no_public_service(problem: Problem, name: str, zh: bool, *, leaving: bool = False) -> str:
    km = f"{TAXI_MAX_ROAD_KM:.0f}"
    if zh:
        where = f"从{name}出发" if leaving else f"到{name}"
        return f"没有可查证的公共交通能{where}（没有查到班车或火车，单程打车又超过 {km} 公里）"
    where = f"leaves {name}" if leaving else f"reaches {name}"
    return (
        f"no public service we can cite {where} (no bus or train found, and a taxi "
        f"would be over {km} km)"
    )


def _day_limit(problem: Problem) -> float:
    return max(problem.instance.day_limits)


def _name(problem: Problem, vertex: int) -> str:
    place = problem.travel.atlas.places[problem.ids[vertex]]
    return place.name(problem.request.lang)


def _fix_text(req: Request, changed: Request, name: Callable[[str], str]) -> str:
    """A changed request in words; `name` gives a place's name in the request's language."""
    zh = req.lang == "zh"
    parts: list[str] = []
    if changed.days != req.days:
        parts.append(f"{changed.days} 天" if zh else f"{changed.days} days")
    if changed.depart != req.depart:
        town = name(changed.depart)
        parts.append(f"从{town}离开" if zh else f"leaving from {town}")
    if changed.arrive != req.arrive:
        town = name(changed.arrive)
        parts.append(f"从{town}出发" if zh else f"starting from {town}")
    if changed.pace != req.pace:
        parts.append(f"{PACE_ZH[changed.pace]}节奏" if zh else f"the {changed.pace} pace")
    for m in (m for m in req.must if m not in changed.must):
        parts.append(f"不把{name(m)}列为必去" if zh else f"without {name(m)} as a must-see")
    if changed.transport != req.transport:
        parts.append(
            f"--transport {changed.transport}（允许单程包车）"
            if zh
            else f"--transport {changed.transport} (a hired car for a leg)"
        )
    return "、".join(parts) if zh else " and ".join(parts)


def _fixes(problem: Problem, attempt: Attempt, towns: list[str]) -> list[str]:
    """Changed requests that were planned successfully, nearest first (at most three)."""
    req = problem.request
    candidates: list[Request] = []
    if req.transport == "public":
        candidates.append(req.model_copy(update={"transport": "public+car"}))
    for town in towns:
        if town != req.depart:
            candidates.append(req.model_copy(update={"depart": town}))
    if req.pace != "packed":
        candidates.append(req.model_copy(update={"pace": "packed"}))
    if len(req.must) > 1:  # one must-see fewer, for the traveller who cannot add days
        for m in req.must:
            candidates.append(req.model_copy(update={"must": [x for x in req.must if x != m]}))
    longer_trips = [req.days + extra for extra in range(1, MAX_EXTRA_DAYS + 1)]
    for days in (d for d in longer_trips if d <= 21):
        candidates.append(req.model_copy(update={"days": days}))
    if req.transport == "public":  # a place only a car reaches needs consent and time
        for days in (d for d in longer_trips if d <= 21):
            candidates.append(req.model_copy(update={"days": days, "transport": "public+car"}))
    found: list[str] = []
    longer = False
    for changed in candidates:
        if changed.days != req.days and longer:
            continue  # the shortest longer trip that works is the one worth proposing
        if attempt(changed):
            found.append(_fix_text(req, changed, lambda text: _place_name(problem, text)))
            longer = longer or changed.days != req.days
        if len(found) == 3:
            break
    return found


def _place_name(problem: Problem, text: str) -> str:
    """The name of the place the traveller called `text`, in the request's language."""
    try:
        return problem.travel.atlas.find(text).name(problem.request.lang)
    except UnknownPlaceError:
        return text


def _with_fixes(message: str, fixes: list[str], zh: bool) -> str:
    if not fixes:
        return message
    if zh:
        return f"{message}。可行的改法（已试算）：{'；或 '.join(fixes)}"
    return f"{message}. Works with: {'; or '.join(fixes)}"


def _town_of(problem: Problem, vertex: int) -> list[str]:
    place = problem.travel.atlas.places[problem.ids[vertex]]
    base = problem.travel.atlas.places.get(place.base) if place.base else None
    return [base.zh] if base is not None else []


def refuse_no_service(problem: Problem, attempt: Attempt) -> None:
    """Refuse before solving when no allowed transport reaches a must-see at all.

    On public transport that means no cited bus or train and no short taxi: the traveller
    hears that, and the consent (a hired car) or the change that makes the trip work.
    """
    links = problem.instance.travel < UNREACHABLE
    there = reached(links, problem.start_vertex)
    back = reached(links.T, problem.end_vertex)
    zh = problem.request.lang == "zh"
    if not there[problem.end_vertex]:  # the trip's own ends are not linked
        # the isolated end is the one that reaches (or is reached from) no other place
        leaving = there.sum() <= back.sum()
        cut_off = problem.arrive if leaving else problem.depart
        msg = _no_public_service(problem, cut_off.name(problem.request.lang), zh, leaving=leaving)
        raise ImpossibleRequestError(_with_fixes(msg, _fixes(problem, attempt, []), zh))
    for v in sorted(problem.instance.mandatory):
        if there[v] and back[v]:
            continue
        msg = _no_public_service(problem, _name(problem, v), zh)
        raise ImpossibleRequestError(_with_fixes(msg, _fixes(problem, attempt, []), zh))


def refuse_unreachable(problem: Problem, attempt: Attempt) -> None:
    """Refuse before solving when the journey from arrival to departure alone cannot fit.

    Only a one-day trip can be judged this simply: with a night on the way the solver's
    hotel sequence decides, and its failure is explained by `explain_infeasible`.
    """
    if not journey_exceeds_day(problem):
        return
    req = problem.request
    journey = float(problem.instance.travel[problem.start_vertex, problem.end_vertex])
    limit = problem.instance.day_limits[0]
    zh = req.lang == "zh"
    start = problem.instance.day_starts[0] if problem.instance.day_starts else 0.0
    a, b = problem.arrive.name(req.lang), problem.depart.name(req.lang)
    if zh:
        msg = (
            f"1 天内无法从{a}到{b}：单程路上就要约 {_hours(journey, zh)}，而这一天从 "
            f"{hhmm(start)} 到 {hhmm(start + limit)} 只有 {_hours(limit, zh)}，"
            f"{_road_cap(problem, zh)}"
        )
    else:
        msg = (
            f"1 day from {a} to {b} cannot work: the journey alone takes about "
            f"{_hours(journey, zh)}, the day from {hhmm(start)} to {hhmm(start + limit)} "
            f"has {_hours(limit, zh)}, and {_road_cap(problem, zh)}"
        )
    raise ImpossibleRequestError(_with_fixes(msg, _fixes(problem, attempt, [req.arrive]), zh))


def explain_infeasible(
    problem: Problem, exc: InfeasibleInstanceError, attempt: Attempt
) -> ImpossibleRequestError:
    """The user's version of a solver infeasibility: the constraint, its numbers, fixes."""
    req = problem.request
    zh = req.lang == "zh"
    trav = problem.instance.travel
    pace = f"{PACE_ZH[req.pace]}节奏" if zh else f"the {req.pace} pace"
    if exc.reason in ("mandatory-fits-nowhere", "mandatory-not-visitable") and exc.vertices:
        v = exc.vertices[0]
        name = _name(problem, v)
        there = float(trav[problem.start_vertex, v])
        back = float(trav[v, problem.end_vertex])
        stay = float(problem.instance.service[v])
        limit = _day_limit(problem)
        if max(there, back) >= UNREACHABLE:
            msg = _no_public_service(problem, name, zh)
        elif zh:
            msg = (
                f"{req.days} 天从{problem.arrive.zh}出发、在{problem.depart.zh}结束，排不进"
                f"{name}：去程约 {_hours(there, zh)}、游览约 {_hours(stay, zh)}、"
                f"再到{problem.depart.zh}约 {_hours(back, zh)}，"
                f"超出{pace}下这几天的时间（每天最多 {_hours(limit, zh)}，"
                f"路上最多 {_hours(problem.instance.travel_limit(0), zh)}），或当时不开放"
            )
        else:
            msg = (
                f"{req.days} day(s) from {problem.arrive.en} to {problem.depart.en} can't "
                f"include {name}: about {_hours(there, zh)} to get there, {_hours(stay, zh)} "
                f"there and {_hours(back, zh)} on to {problem.depart.en} do not fit the "
                f"days at {pace} (at most {_hours(limit, zh)} a day and "
                f"{_hours(problem.instance.travel_limit(0), zh)} of travel), or it is "
                f"closed then"
            )
        towns = _town_of(problem, v)
    elif exc.reason in ("mandatory-not-combined", "mandatory-over-cap") and exc.vertices:
        names = "、".join(_name(problem, v) for v in exc.vertices)
        if zh:
            msg = f"{req.days} 天里排不下全部必去地点（{names}）：{pace}下时间不够把它们连起来"
        else:
            msg = (
                f"the must-see places ({names}) do not all fit in {req.days} day(s) at "
                f"{pace}: there is not enough time to link them"
            )
        towns = []
    elif exc.reason in ("locked-conflict", "locked-infeasible"):
        days = ", ".join(str(d + 1) for d in exc.trips)
        if zh:
            msg = f"锁定的第 {days} 天与其余安排冲突：请解锁这一天或改动它"
        else:
            msg = f"locked day {days} conflicts with the rest of the trip: unlock or edit it"
        return ImpossibleRequestError(msg)
    else:
        a, b = problem.arrive.name(req.lang), problem.depart.name(req.lang)
        journey = _hours(float(trav[problem.start_vertex, problem.end_vertex]), zh)
        if zh:
            msg = (
                f"{req.days} 天内无法在{pace}下从{a}按时到达{b}：单程路上约 {journey}，"
                f"{_road_cap(problem, zh)}"
            )
        else:
            msg = (
                f"{a} to {b} cannot be made in {req.days} day(s) at {pace} in time: the "
                f"journey takes about {journey}, and {_road_cap(problem, zh)}"
            )
        towns = [req.arrive]
    return ImpossibleRequestError(_with_fixes(msg, _fixes(problem, attempt, towns), zh))
