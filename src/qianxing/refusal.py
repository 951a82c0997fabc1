"""Why a request cannot be planned, in the traveller's words, with fixes that were tried.

The solver reports infeasibility as a reason code and the vertices involved
(`InfeasibleInstanceError`); this module turns that into the binding constraint with its
numbers and proposes changes to the request (more days, another departure town, a faster
pace) — each one planned for real before it is proposed, so a refusal never suggests a fix
that fails too. Nothing here parses solver messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .exceptions import ImpossibleRequestError, UnknownPlaceError
from .i18n import N_
from .instance import Problem, hhmm, reached
from .message import Arg, Message, Option, join, names, say, say_n
from .model import Request
from .solve import InfeasibleInstanceError
from .travel import TAXI_MAX_ROAD_KM

Attempt = Callable[[Request], bool]
"""Plans a changed request and says whether it works (the planner passes its own)."""

MAX_EXTRA_DAYS = 4
"""How many more days a refusal tries before it stops proposing a longer trip."""
PACE_PHRASES = {
    "relaxed": N_("the relaxed pace"),
    "normal": N_("the normal pace"),
    "packed": N_("the packed pace"),
}
"""A pace as a refusal names it ("at the relaxed pace")."""


def journey_exceeds_day(problem: Problem) -> bool:
    """A one-day trip whose arrival-to-departure journey alone is longer than the day."""
    if problem.request.days != 1:
        return False
    journey = float(problem.instance.travel[problem.start_vertex, problem.end_vertex])
    return journey > min(problem.instance.day_limits[0], problem.instance.travel_limit(-1))


def _road_cap(problem: Problem) -> Message:
    """The pace's daily cap on time in vehicles, as a clause of a refusal (the last day's:
    the arrival day may be lighter, `pace.road_caps`)."""
    return say(
        N_("at {pace} a day holds at most {cap} of travel"),
        pace=say(PACE_PHRASES[problem.request.pace]),
        cap=_hours(problem.instance.travel_limit(-1)),
    )


def _hours(minutes: float) -> Message:
    h = f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
    return say(N_("{h} h"), h=h)


UNREACHABLE = 1e5  # minutes: the instance's stand-in for "no way there"


def _quickest(trav: np.ndarray, start: int, end: int) -> float:
    """Minutes of the quickest chain of journeys from ``start`` to ``end`` (Dijkstra): where
    no journey goes straight there (贵阳 to 从江's county town, reached by the bus from 榕江),
    the matrix's stand-in for "no way" is not a time to tell a traveller."""
    dist = np.full(len(trav), np.inf)
    dist[start] = 0.0
    done = np.zeros(len(trav), dtype=bool)
    step = np.where(trav < UNREACHABLE, trav, np.inf)
    while not done[end]:
        u = int(np.argmin(np.where(done, np.inf, dist)))
        if not np.isfinite(dist[u]):
            break
        done[u] = True
        dist = np.minimum(dist, dist[u] + step[u])
    return float(dist[end]) if np.isfinite(dist[end]) else float(trav[start, end])


def _no_public_service(name: Arg, *, leaving: bool = False) -> Message:
    km = f"{TAXI_MAX_ROAD_KM:.0f}"
    if leaving:
        return say(
            N_(
                "no public service we can cite leaves {name} (no bus or train found, and a "
                "taxi would be over {km} km)"
            ),
            name=name,
            km=km,
        )
    return say(
        N_(
            "no public service we can cite reaches {name} (no bus or train found, and a taxi "
            "would be over {km} km)"
        ),
        name=name,
        km=km,
    )


def _day_limit(problem: Problem) -> float:
    return max(problem.instance.day_limits)


def _name(problem: Problem, vertex: int) -> Arg:
    return names(problem.travel.atlas.places[problem.ids[vertex]])


def fix_text(req: Request, changed: Request, name: Callable[[str], Arg]) -> Arg:
    """A changed request in words; `name` gives a place's name."""
    parts: list[Arg] = []
    if changed.days != req.days:
        parts.append(say_n("{n} day", "{n} days", changed.days))
    if changed.depart != req.depart:
        parts.append(say(N_("leaving from {town}"), town=name(changed.depart)))
    if changed.arrive != req.arrive:
        parts.append(say(N_("starting from {town}"), town=name(changed.arrive)))
    if changed.pace != req.pace:
        parts.append(say(PACE_PHRASES[changed.pace]))
    for m in (m for m in req.must if m not in changed.must):
        parts.append(say(N_("without {place} as a must-see"), place=name(m)))
    if changed.transport != req.transport:
        parts.append(
            say(
                N_("{option} (a hired car for a leg)"),
                option=Option(option="transport", value=changed.transport),
            )
        )
    return join(N_("{a} and {b}"), parts)


def _fixes(problem: Problem, attempt: Attempt, towns: list[str]) -> list[Arg]:
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
    found: list[Arg] = []
    longer = False
    for changed in candidates:
        if changed.days != req.days and longer:
            continue  # the shortest longer trip that works is the one worth proposing
        if attempt(changed):
            found.append(fix_text(req, changed, lambda text: _place_name(problem, text)))
            longer = longer or changed.days != req.days
        if len(found) == 3:
            break
    return found


def _place_name(problem: Problem, text: str) -> Arg:
    """The name of the place the traveller called `text`, in both languages."""
    try:
        return names(problem.travel.atlas.find(text))
    except UnknownPlaceError:
        return text


def _refusal(problem: Problem, message: Message, fixes: list[Arg]) -> ImpossibleRequestError:
    """The refusal of ``message`` in the request's language, with the fixes that worked."""
    if fixes:
        either = join(N_("{a}; or {b}"), fixes)
        message = say(N_("{message}. Works with: {fixes}"), message=message, fixes=either)
    return ImpossibleRequestError(message, problem.request.lang)


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
    if not there[problem.end_vertex]:  # the trip's own ends are not linked
        # the isolated end is the one that reaches (or is reached from) no other place
        leaving = there.sum() <= back.sum()
        cut_off = problem.arrive if leaving else problem.depart
        msg = _no_public_service(names(cut_off), leaving=leaving)
        raise _refusal(problem, msg, _fixes(problem, attempt, []))
    for v in sorted(problem.instance.mandatory):
        if there[v] and back[v]:
            continue
        msg = _no_public_service(_name(problem, v))
        raise _refusal(problem, msg, _fixes(problem, attempt, []))


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
    start = problem.instance.day_starts[0] if problem.instance.day_starts else 0.0
    msg = say(
        N_(
            "1 day from {a} to {b} cannot work: the journey alone takes about {journey}, the "
            "day from {start} to {end} has {limit}, and {cap}"
        ),
        a=names(problem.arrive),
        b=names(problem.depart),
        journey=_hours(journey),
        start=hhmm(start),
        end=hhmm(start + limit),
        limit=_hours(limit),
        cap=_road_cap(problem),
    )
    raise _refusal(problem, msg, _fixes(problem, attempt, [req.arrive]))


def _longest_link(problem: Problem, vertices: Sequence[int]) -> tuple[int, int, float] | None:
    """The must-see pair that no day can join: for each listed must-see, the quickest
    journey to or from its nearest other must-see; the longest of those when it exceeds a
    day's travel allowance (the link a plan could never make), else ``None``."""
    inst = problem.instance
    road, trav = inst.road_times, inst.travel
    limit = inst.travel_limit(-1)
    worst: tuple[int, int, float] | None = None
    for v in vertices:
        others = [u for u in sorted(inst.mandatory) if u != v]
        pairs = [(u, v) for u in others] + [(v, u) for u in others]
        if not pairs:
            continue
        a, b = min(pairs, key=lambda ab: float(road[ab]))
        if limit < float(road[a, b]) < UNREACHABLE and (
            worst is None or float(road[a, b]) > float(road[worst[0], worst[1]])
        ):
            worst = (a, b, float(trav[a, b]))
    return worst


def explain_infeasible(
    problem: Problem, exc: InfeasibleInstanceError, attempt: Attempt
) -> ImpossibleRequestError:
    """The user's version of a solver infeasibility: the constraint, its numbers, fixes."""
    req = problem.request
    trav = problem.instance.travel
    pace = say(PACE_PHRASES[req.pace])
    if exc.reason in ("mandatory-fits-nowhere", "mandatory-not-visitable") and exc.vertices:
        v = exc.vertices[0]
        name = _name(problem, v)
        there = float(trav[problem.start_vertex, v])
        back = float(trav[v, problem.end_vertex])
        stay = float(problem.instance.service[v])
        limit = _day_limit(problem)
        if max(there, back) >= UNREACHABLE:
            msg = _no_public_service(name)
        else:
            msg = say(
                N_(
                    "{days} day(s) from {a} to {b} can't include {name}: about {there} to get "
                    "there, {stay} there and {back} on to {b} do not fit the days at {pace} "
                    "(at most {limit} a day and {road} of travel), or it is closed then"
                ),
                days=req.days,
                a=names(problem.arrive),
                b=names(problem.depart),
                name=name,
                there=_hours(there),
                stay=_hours(stay),
                back=_hours(back),
                pace=pace,
                limit=_hours(limit),
                road=_hours(problem.instance.travel_limit(-1)),
            )
        towns = _town_of(problem, v)
    elif exc.reason in ("mandatory-not-combined", "mandatory-over-cap") and exc.vertices:
        listed = join(N_("{a}, {b}"), (_name(problem, v) for v in exc.vertices))
        link = _longest_link(problem, exc.vertices)
        if link is not None:
            a, b, journey = link
            msg = say(
                N_(
                    "the must-see places ({names}) do not all fit in {days} day(s) at {pace}: "
                    "the quickest journey between {a} and {b}, either way, takes about "
                    "{journey}, more than the {road} of travel a day allows"
                ),
                names=listed,
                days=req.days,
                pace=pace,
                a=_name(problem, a),
                b=_name(problem, b),
                journey=_hours(journey),
                road=_hours(problem.instance.travel_limit(-1)),
            )
        else:
            msg = say(
                N_(
                    "the must-see places ({names}) do not all fit in {days} day(s) at {pace}: "
                    "there is not enough time to link them"
                ),
                names=listed,
                days=req.days,
                pace=pace,
            )
        towns = []
    elif exc.reason in ("locked-conflict", "locked-infeasible"):
        days = ", ".join(str(d + 1) for d in exc.trips)
        return ImpossibleRequestError(
            say(
                N_("locked day {days} conflicts with the rest of the trip: unlock or edit it"),
                days=days,
            ),
            req.lang,
        )
    else:
        msg = say(
            N_(
                "{a} to {b} cannot be made in {days} day(s) at {pace} in time: the journey "
                "takes about {journey}, and {cap}"
            ),
            a=names(problem.arrive),
            b=names(problem.depart),
            days=req.days,
            pace=pace,
            journey=_hours(_quickest(trav, problem.start_vertex, problem.end_vertex)),
            cap=_road_cap(problem),
        )
        towns = [req.arrive]
    return _refusal(problem, msg, _fixes(problem, attempt, towns))
