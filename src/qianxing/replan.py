"""Editing a plan: lock days, remove, add or move places, and re-optimize the rest.

Locked days are handed to the solver as fixed trips and copied back verbatim, so they stay
exactly as they were; the result is checked by the independent checker like any plan.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass

import numpy as np

from .data.atlas import load_atlas
from .exceptions import ImpossibleRequestError
from .i18n import N_, translations, words
from .instance import UNAVAILABLE, Problem, hhmm
from .message import Arg, Message, join, names, say
from .model import Day, Itinerary
from .pace import DEPARTURE_BUFFER, SIGNATURE_RANKS, terminal_kind
from .plan import (
    DEFAULT_SECONDS,
    REPLAN_PATIENCE,
    assemble,
    assemble_timed,
    full_arrival,
    prepare,
    solve_problem,
)
from .refusal import PACE_PHRASES, _hours
from .solve import InfeasibleInstanceError, feasible
from .solve.edit import Edited, insert
from .solve.timing import EPS, TripTimer

MOVE_PAD = 2
"""Days either side of a moved place's old and new day that a re-plan may change too."""
OTHER_DAYS = 4
"""Other days a note or a refusal re-plans a move on, nearest first, to propose one."""


@dataclass(frozen=True)
class Edits:
    """What the traveller changes; days are numbered from 1."""

    lock_days: tuple[int, ...] = ()
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    move: tuple[tuple[str, int], ...] = ()
    lang: str | None = None

    def __post_init__(self) -> None:
        if len(set(self.lock_days)) != len(self.lock_days):
            raise ValueError("lock_days repeats a day")


def _vertex(problem: Problem, place: str, lo: int, hi: int) -> int:
    for k in range(lo, hi):
        if problem.ids[k] == place:
            return k
    raise ImpossibleRequestError(f"{place} cannot be kept on a locked day: it is not plannable")


def tour_of_day(problem: Problem, day: Day, d: int) -> tuple[int, ...]:
    """Day ``d`` (0-based) of a plan as a tour of ``problem``'s instance: the day's start
    night (the arrival vertex on the first day), its visits, its end night (the departure
    vertex on the last day). A re-plan locks days with it; the web app re-derives a trip
    sent back to it from these tours (`qianxing.web._verify`).

    Raises
    ------
    ImpossibleRequestError
        A place of the day is not in the instance (not plannable for this request).
    """
    n_hotels = len(problem.instance.hotels)
    n = len(problem.ids)
    last = problem.request.days - 1
    first = 0 if d == 0 else _vertex(problem, day.start.place, 2, n_hotels)
    end = 1 if d == last else _vertex(problem, day.end.place, 2, n_hotels)
    inner = tuple(_vertex(problem, v.place, n_hotels, n) for v in day.visits)
    return (first, *inner, end)


def _warm_tours(problem: Problem, it: Itinerary) -> list[list[int]] | None:
    """The old plan as tours of the new instance (places it no longer has are left out), for
    the solver to start from: most of a re-planned trip stays as it was."""
    n_hotels = len(problem.instance.hotels)
    vertex = {pid: k for k, pid in enumerate(problem.ids) if k >= 2}
    last = problem.request.days - 1
    tours: list[list[int]] = []
    for d, day in enumerate(it.days):
        first = 0 if d == 0 else vertex.get(day.start.place, -1)
        end = 1 if d == last else vertex.get(day.end.place, -1)
        if not (0 <= first < n_hotels and 0 <= end < n_hotels):
            return None
        inner = [vertex[v.place] for v in day.visits if vertex.get(v.place, -1) >= n_hotels]
        tours.append([first, *inner, end])
    return tours


def _request(it: Itinerary, edits: Edits) -> tuple[list[str], list[str], list[str]]:
    """New must and avoid lists (as place ids) and the ids of the places locked in."""
    atlas = load_atlas()
    removed = {atlas.find(x).id for x in edits.remove}
    added = [atlas.find(x).id for x in edits.add] + [atlas.find(x).id for x, _ in edits.move]
    locked = [v.place for n in edits.lock_days for v in it.days[n - 1].visits]
    clash = removed & set(locked)
    if clash:
        clashing = ", ".join(sorted(atlas.places[c].zh for c in clash))
        raise ImpossibleRequestError(
            f"{clashing} is on a locked day; unlock it before removing it"
        )
    old_must = [atlas.find(m).id for m in it.request.must]
    must = [m for m in dict.fromkeys([*old_must, *added, *locked]) if m not in removed]
    old_avoid = [atlas.find(a).id for a in it.request.avoid]
    avoid = [a for a in dict.fromkeys([*old_avoid, *removed]) if a not in set(added)]
    return must, avoid, locked


def _changes(
    old: Itinerary,
    new: Itinerary,
    edits: Edits,
    lang: str,
    made_room: dict[str, str] | None = None,
    *,
    minimal: bool = False,
) -> list[str]:
    """What changed between two plans, each with its cause: your edit, room made for a place
    you added or moved (`made_room`: taken-out place -> the place it made room for), what
    the edit forced (`minimal`: a plan that kept every other place and night had no room
    for it), or the re-optimization (when no such plan was found)."""
    w = words(lang)
    atlas = load_atlas()
    asked_out = {atlas.find(x).id for x in edits.remove}
    asked_in = {atlas.find(x).id for x in edits.add} | {atlas.find(x).id for x, _ in edits.move}
    made_room = made_room or {}
    mine = w._("as you asked")
    if minimal:
        edited = [*edits.remove, *edits.add, *(m for m, _ in edits.move)]
        named = w.join(N_("{a} and {b}"), (atlas.find(x).name(lang) for x in edited))
        auto = w._("forced by your edit of {places}", places=named)
    else:
        auto = w._("re-optimized around your edits")

    def why(place: str, asked: set[str]) -> str:
        if place in asked:
            return mine
        if place in made_room:
            other = atlas.places[made_room[place]].name(lang)
            return w._("to make room for {place}", place=other)
        return auto

    out: list[str] = []
    before = {v.place: d.day for d in old.days for v in d.visits}
    after = {v.place: (d.day, v.name) for d in new.days for v in d.visits}
    names = {v.place: atlas.places[v.place].name(lang) for d in old.days for v in d.visits}
    for place, day in before.items():
        if place not in after:
            out.append(
                w._(
                    "day {day}: {place} removed ({why})",
                    day=day,
                    place=names[place],
                    why=why(place, asked_out),
                )
            )
        elif after[place][0] != day:
            out.append(
                w._(
                    "{place} moved from day {day} to day {to} ({why})",
                    place=names[place],
                    day=day,
                    to=after[place][0],
                    why=why(place, asked_in),
                )
            )
    for place, (day, name) in after.items():
        if place not in before:
            added = why(place, asked_in)
            out.append(w._("day {day}: {place} added ({why})", day=day, place=name, why=added))
    was = {v.place: v.minutes for d in old.days for v in d.visits}
    for d in new.days:
        for v in d.visits:
            if SHORTER + v.place in made_room and v.minutes < was.get(v.place, 0):
                other = atlas.places[made_room[SHORTER + v.place]].name(lang)
                out.append(
                    w._(
                        "day {day}: a shorter visit at {place}, {h} instead of {was} ({why})",
                        day=d.day,
                        place=v.name,
                        h=_h(v.minutes),
                        was=_h(was[v.place]),
                        why=w._("to make room for {place}", place=other),
                    )
                )
    for a, b in zip(old.days, new.days, strict=False):
        if a.lodging and b.lodging and a.lodging.base != b.lodging.base:
            out.append(
                w._(
                    "night {night}: now sleeping in {place} ({why})",
                    night=a.day,
                    place=b.lodging.name,
                    why=auto,
                )
            )
    return out or [w._("no change")]


def _h(minutes: float) -> str:
    """Minutes as hours and minutes (5:15), as the plan's own times are written."""
    return f"{int(minutes) // 60}:{int(minutes) % 60:02d}"


def replan(
    it: Itinerary, edits: Edits, *, seconds: float = DEFAULT_SECONDS, explain: bool = True
) -> tuple[Itinerary, list[str]]:
    """Re-optimize ``it`` under ``edits``; return the new itinerary and what changed.

    A move that had to change other days than the two it names (`_reaches`) is explained
    first in the change list (`_why_wider`), with the nearest day it fits without that.

    Raises
    ------
    ImpossibleRequestError
        The edits contradict each other or cannot be met (the message says which).
    UnknownPlaceError
        A named place is not in the pack.
    """
    try:
        new, changes, problem = _edit(it, edits, seconds=seconds, explain=explain)
    except _DropsHighlight as exc:
        lang = edits.lang or it.request.lang
        base = full_arrival(prepare(it.request.model_copy(update={"lang": lang})))
        raise _refuse(base, it, edits, exc.lost, seconds) from exc
    except _PinnedOut as exc:
        raise _refuse_day(it, edits, exc, seconds) from exc
    if len(edits.move) == 1 and not edits.add and not edits.remove:
        wider = _reaches(it, new, edits)
        if wider:
            note = _why_wider(problem, it, new, edits, seconds)
            changes = [note, *changes]
    return new, changes


def _reaches(it: Itinerary, new: Itinerary, edits: Edits) -> set[int]:
    """The days (from 1) whose places or night changed beyond those the edit names: the
    day a moved or removed place leaves and the day it joins."""
    atlas = load_atlas()
    named = {atlas.find(x).id for x in (*edits.remove, *edits.add, *(m for m, _ in edits.move))}
    own = {t for _, t in edits.move} | set(edits.lock_days)
    own |= {d.day for d in (*it.days, *new.days) for v in d.visits if v.place in named}
    out: set[int] = set()
    for a, b in zip(it.days, new.days, strict=True):
        places_a = {v.place for v in a.visits} - named
        places_b = {v.place for v in b.visits} - named
        night = (a.lodging and a.lodging.base) != (b.lodging and b.lodging.base)
        if a.day not in own and (places_a != places_b or night):
            out.add(a.day)
    return out


def _why_wider(
    problem: Problem, it: Itinerary, new: Itinerary, edits: Edits, seconds: float
) -> str:
    """Why a move changed other days, in the traveller's words: how the moved place fits
    between the old nights of its new day (`_binding`), the nights before and after, and the
    nearest other day
    it fits on without changing more than that day and the one it leaves (planned first)."""
    lang = problem.request.lang
    w = words(lang)
    atlas = load_atlas()
    name, to_day = edits.move[0]
    place = atlas.find(name)
    why = _binding(problem, it, place.id, to_day).text(lang)
    far = _out_of_reach(problem, it, new, place.id, to_day)
    if far is not None:
        why = w._("{why}; {far}", why=why, far=far.text(lang))

    def nights(trip: Itinerary) -> str:
        bases = (d.lodging.base for d in trip.days if d.lodging)
        return w.join(N_("{a}, {b}"), (atlas.places[b].name(lang) for b in bases))

    if nights(new) != nights(it):
        note = w._(
            "{place} on day {day} does not fit the trip as it was: {why}. So other days "
            "changed too: the nights are now {new} (were {old})",
            place=place.name(lang),
            day=to_day,
            why=why,
            new=nights(new),
            old=nights(it),
        )
    else:
        note = w._(
            "{place} on day {day} does not fit the trip as it was: {why}. So other days "
            "changed too",
            place=place.name(lang),
            day=to_day,
            why=why,
        )
    for day in _other_days(it, place.id, to_day):
        trial = dataclasses.replace(edits, move=((name, day),))
        try:
            moved, _, _ = _edit(it, trial, seconds=seconds, explain=False)
        except ImpossibleRequestError:
            continue
        if not _reaches(it, moved, trial):
            return w._(
                "{note}. To keep the other days as they were, move it to day {day} "
                "instead (planned: it fits)",
                note=note,
                day=day,
            )
    return note


def _binding(problem: Problem, it: Itinerary, place: str, day: int) -> Message:
    """What keeps ``place`` off day ``day`` (from 1) of ``it``, with its numbers where the
    road cap binds: the way from the night before to the place and on to that day's night
    against the pace's cap."""
    atlas = load_atlas()
    inst = problem.instance
    t = day - 1
    tour = tour_of_day(problem, it.days[t], t)
    v = problem.ids.index(place)
    a, b = tour[0], tour[-1]
    road = inst.road if inst.road is not None else inst.travel
    on_road = float(road[a][v] + road[v][b])
    cap = None if inst.travel_limits is None else float(inst.travel_limits[t])
    if cap is not None and on_road > cap:
        return say(
            N_(
                "from {a} to {place} and on to {b} is {h} on the road, over the {cap} a day "
                "of {pace}"
            ),
            a=names(atlas.places[problem.ids[a]]),
            place=names(atlas.places[place]),
            b=names(atlas.places[problem.ids[b]]),
            h=_over(on_road, cap),
            cap=_hours(cap),
            pace=say(PACE_PHRASES[problem.request.pace]),
        )
    # the day's shortest length with it where it adds the least travel: every visit at its
    # shortest, each journey at the solver's typical time (a lower bound the traveller can
    # check against the plan's own times, which the pace's visit lengths are not)
    inner = [u for u in tour[1:-1] if u != v]
    stops = [a, *inner, b]
    detour = min(
        float(inst.travel[x][v] + inst.travel[v][y] - inst.travel[x][y])
        for x, y in itertools.pairwise(stops)
    )
    length = (
        sum(float(inst.travel[x][y]) for x, y in itertools.pairwise(stops))
        + detour
        + sum(float(problem.shortest(atlas.places[problem.ids[u]])) for u in (*inner, v))
        + (inst.lunch[2] if inst.lunch is not None else 0.0)
    )
    if length > inst.day_limits[t]:
        return say(
            N_(
                "day {day} with it needs at least {h} with its other places, each visit at "
                "its shortest, over the {cap} it holds"
            ),
            day=day,
            h=_over(length, inst.day_limits[t]),
            cap=_hours(inst.day_limits[t]),
        )
    if not inner:
        timed = _timed_out(problem, t, a, v, b)
        if timed is not None:
            return timed
        return say(
            N_("day {day}, from {a} to {b}, has no time for it"),
            day=day,
            a=names(atlas.places[problem.ids[a]]),
            b=names(atlas.places[problem.ids[b]]),
        )
    return say(
        N_("day {day} has no room for it with its other places and nights"),
        day=day,
    )


def _timed_out(problem: Problem, t: int, a: int, v: int, b: int) -> Message | None:
    """Why a day with no other places cannot take ``v`` between its nights ``a`` and ``b``,
    by the solver's clock (`qianxing.solve.timing`): a journey's last service has gone, the
    visit starts after its latest start, the day ends after its end (on the last day the
    departure, less its buffer), or lunch fits neither before the journey (then one of
    those) nor after the visit (its latest start passed); ``None`` when none of these is
    what binds. Times as the plan's ``hh:mm``, minutes after midnight."""
    inst = problem.instance
    atlas = load_atlas()
    t0 = inst.day_start(t)
    limit = t0 + inst.day_limits[t]
    if TripTimer(inst).end(t, (a, v, b)) is not None:
        return None
    opens, close = -math.inf, math.inf
    if inst.windows is not None:
        opens, close = float(inst.windows[t][v][0]), float(inst.windows[t][v][1])
    visit = float(inst.service[v])

    def timed(leave: float) -> tuple[float, float, float]:
        """Arrival at ``v``, the visit's start, arrival at ``b``, leaving ``a`` at ``leave``."""
        arrive = leave + float(inst.travel[a][v])
        start = max(arrive, opens)
        return arrive, start, start + visit + float(inst.travel[v][b])

    if t == len(inst.day_limits) - 1:
        req = problem.request
        buffer = DEPARTURE_BUFFER[terminal_kind(problem.depart)]
        end = say(N_("the departure from {b} at {time}"), b=names(problem.depart),
                  time=req.depart_time)
        if buffer:
            end = say(N_("{limit}, to be at {b} in time for the departure at {time}"),
                      limit=hhmm(limit), b=names(problem.depart), time=req.depart_time)
    else:
        end = say(N_("{limit}, when a day of {pace} ends"), limit=hhmm(limit),
                  pace=say(PACE_PHRASES[problem.request.pace]))
    common: dict[str, Arg] = {
        "a": names(atlas.places[problem.ids[a]]),
        "place": names(atlas.places[problem.ids[v]]),
        "b": names(atlas.places[problem.ids[b]]),
        "leave": hhmm(t0),
        "visit": _hours(visit),
    }
    latest = inst.latest if inst.latest is not None else np.full(inst.travel.shape, math.inf)
    # at the wheel, a journey's latest start is the night-drive rule's (`instance.night_drives`)
    driving = problem.request.transport == "self-drive"
    there, on = float(latest[a][v]), float(latest[v][b])

    def late(leave: float) -> Message | None:
        """What the day misses leaving ``a`` at ``leave``; ``None``: nothing."""
        arrive, start, back = timed(leave)
        if leave > there + EPS and driving:
            return say(
                N_(
                    "the drive from {a} to {place} would end over an hour after dark: it must "
                    "leave by {time}"
                ),
                time=hhmm(there), a=common["a"], place=common["place"],
            )
        if leave > there + EPS:
            return say(
                N_("the last way from {a} to {place}, leaving by {time}, has gone"),
                time=hhmm(there), a=common["a"], place=common["place"],
            )
        if start > close + EPS:
            return say(
                N_("it is reached at {arrive}, after {close}, the latest a visit there may start"),
                arrive=hhmm(arrive), close=hhmm(close),
            )
        if start + visit > on + EPS and driving:
            return say(
                N_(
                    "it is reached at {arrive} and left at {ends}, too late for the drive on to "
                    "{b}, which must leave by {time} to end within an hour after dark"
                ),
                arrive=hhmm(arrive), ends=hhmm(start + visit), b=common["b"], time=hhmm(on),
            )
        if start + visit > on + EPS:
            return say(
                N_(
                    "it is reached at {arrive} and left at {ends}, when the last way on to {b}, "
                    "leaving by {time}, has gone"
                ),
                arrive=hhmm(arrive), ends=hhmm(start + visit), b=common["b"], time=hhmm(on),
            )
        if back > limit + EPS:
            return say(
                N_(
                    "it is reached at {arrive}, and {b} at {back} after the visit, later than "
                    "{end}"
                ),
                arrive=hhmm(arrive), b=common["b"], back=hhmm(back), end=end,
            )
        return None

    missed = late(t0)
    if missed is not None:
        return say(N_("leaving {a} at {leave} for {place}, {late}"), late=missed, **common)
    if inst.lunch is None or v in inst.meal_inside:
        return None
    l0, l1, ld = inst.lunch
    arrive, start, _ = timed(t0)
    first = max(t0, l0)
    missed = late(first + ld)
    if start + visit <= l1 + EPS or missed is None:
        return None
    message = N_(
        "leaving {a} at {leave}, {place} is reached at {arrive} at the earliest and its "
        "{visit} visit ends at {ends}, after {latest}, the latest start of lunch; with "
        "lunch first ({lunch} to {after}) {late}"
    )
    if t0 < l0 <= arrive + EPS:  # the journey there is under way at lunchtime
        missed = late(t0 + ld)
        if missed is None:
            return None
        first = l0
        message = N_(
            "leaving {a} at {leave}, {place} is reached at {arrive} at the earliest and "
            "its {visit} visit ends at {ends}, after {latest}, the latest start of lunch; "
            "with lunch on the way ({lunch} to {after}) {late}"
        )
    return say(
        message, arrive=hhmm(arrive), ends=hhmm(start + visit), latest=hhmm(l1),
        lunch=hhmm(first), after=hhmm(first + ld), late=missed, **common,
    )


def _over(minutes: float, cap: float) -> Message:
    """``minutes`` in hours for a clause that says it is over ``cap``: to a tenth, as the
    plan's figures are, unless that reads as the cap itself ("4.5 h ... over 4.5 h" for 271
    minutes against 270); then to a hundredth, rounded up, so the figure shows the excess."""
    if minutes <= cap or round(minutes / 60, 1) > round(cap / 60, 1):
        return _hours(minutes)
    h = f"{math.ceil(minutes / 60 * 100) / 100:.2f}".rstrip("0").rstrip(".")
    return say(N_("{h} h"), h=h)


def _out_of_reach(
    problem: Problem, it: Itinerary, new: Itinerary, place: str, day: int
) -> Message | None:
    """The next link of a move that reached other days, where there is one: a signature
    sight that changed day and is more than a day's road cap from the moved place's new
    night, so the nights around it had to move too (黄果树, 3.1 h from 贵阳, after 夜郎谷 took
    night 4 in 贵阳)."""
    inst = problem.instance
    lodging = new.days[day - 1].lodging
    if inst.travel_limits is None or lodging is None:
        return None
    atlas = load_atlas()
    n_hotels = len(inst.hotels)
    night = next((k for k in range(2, n_hotels) if problem.ids[k] == lodging.base), None)
    if night is None:
        return None
    road = inst.road if inst.road is not None else inst.travel
    cap = float(inst.travel_limits[day - 1])
    before = _day_of(it)
    for sight, d in sorted(_day_of(new).items(), key=lambda kv: kv[1]):
        if sight == place or before.get(sight, d) == d:
            continue
        if atlas.places[sight].rank not in SIGNATURE_RANKS or sight not in problem.ids:
            continue
        v = problem.ids.index(sight)
        minutes = float(min(road[night][v], road[v][night]))
        if minutes > cap:
            return say(
                N_(
                    "then {sight} is {h} on the road from {town}, over {cap}, so it needs "
                    "nights nearer it and moves from day {was} to day {now}"
                ),
                sight=names(atlas.places[sight]),
                h=_over(minutes, cap),
                town=names(atlas.places[lodging.base]),
                cap=_hours(cap),
                was=before[sight],
                now=d,
            )
    return None


def _day_of(it: Itinerary) -> dict[str, int]:
    return {v.place: d.day for d in it.days for v in d.visits}


class _DropsHighlight(ImpossibleRequestError):
    """An edit that only fits by dropping signature sights (`lost`, place ids)."""

    def __init__(self, message: Message, lang: str, lost: list[str]) -> None:
        super().__init__(message, lang)
        self.lost = lost


def _refuse(
    problem: Problem, it: Itinerary, edits: Edits, lost: list[str], seconds: float
) -> ImpossibleRequestError:
    """The refusal of an edit that would drop the highlights ``lost``: what binds (for a
    move, on its day) and the fixes that were re-planned and fit — removing them as well,
    or the nearest other day for a move. No untried suggestion."""
    atlas = load_atlas()
    places = join(N_("{a}, {b}"), (names(atlas.places[p]) for p in lost))
    message = say(
        N_(
            "this edit only fits by dropping {places}, a highlight of the trip, which is "
            "never dropped unasked"
        ),
        places=places,
    )
    if len(edits.move) == 1 and not edits.add:
        name, day = edits.move[0]
        why = _binding(problem, it, atlas.find(name).id, day)
        message = say(N_("{message} ({why})"), message=message, why=why)
    fixes: list[Message] = []
    also = dataclasses.replace(edits, remove=(*edits.remove, *lost))
    try:
        _edit(it, also, seconds=seconds, explain=False)
        fixes.append(say(N_("removing {places} as well"), places=places))
    except (ImpossibleRequestError, ValueError):
        pass
    if len(edits.move) == 1:
        name, day = edits.move[0]
        other = _nearest_fit(it, name, day, seconds)
        if other is not None:
            fixes.append(
                say(N_("{place} on day {day} instead"), place=names(atlas.find(name)), day=other)
            )
    if fixes:
        message = say(
            N_("{message}. Works with: {fixes}"),
            message=message,
            fixes=join(N_("{a}; or {b}"), fixes),
        )
    else:
        message = say(N_("{message}; removing it as well does not fit either"), message=message)
    return ImpossibleRequestError(message, problem.request.lang)


PINNED_REASONS = frozenset(
    {
        "mandatory-fits-nowhere",
        "mandatory-not-visitable",
        "mandatory-over-cap",
        "mandatory-not-combined",
    }
)
"""The solver's reasons for a refusal that, on a move, mean the place fits no plan on its
new day: the planner's own words ("6 days ... can't include 黄果树") are about the trip,
which had it."""


class _PinnedOut(ImpossibleRequestError):
    """A single move whose place fits no plan on its new day; the message says why."""


def _pinned_out(
    problem: Problem, it: Itinerary, edits: Edits, exc: ImpossibleRequestError
) -> _PinnedOut | None:
    """The refusal of a single move the solver found no plan for, when the place it pins is
    what fails (`PINNED_REASONS`): why it cannot be on that day, whatever the nights — the
    road from the day's start to it and on to the day's end at the nearest nights, over the
    pace's cap, or the clock between the quickest nights (`_timed_out`) — or else what binds
    between the nights as they were (`_binding`)."""
    cause = exc.__cause__
    if len(edits.move) != 1 or edits.add or edits.remove or _reason(exc) not in PINNED_REASONS:
        return None
    atlas = load_atlas()
    name, day = edits.move[0]
    v = problem.ids.index(atlas.find(name).id)
    if v not in getattr(cause, "vertices", ()):
        return None
    inst = problem.instance
    t, last = day - 1, problem.request.days - 1
    nights = range(2, len(inst.hotels))
    starts = [0] if t == 0 else list(nights)
    ends = [1] if t == last else list(nights)
    pairs = list(itertools.product(starts, ends))
    if not pairs:
        return None
    road = inst.road if inst.road is not None else inst.travel
    a, b = min(pairs, key=lambda ab: float(road[ab[0]][v] + road[v][ab[1]]))
    on_road = float(road[a][v] + road[v][b])
    cap = inst.travel_limit(t)
    if on_road <= cap:
        a, b = min(pairs, key=lambda ab: float(inst.travel[ab[0]][v] + inst.travel[v][ab[1]]))
        timed = _timed_out(problem, t, a, v, b)
        if timed is None:
            timed = say(
                N_("with the nights as they were, {why}"),
                why=_binding(problem, it, atlas.find(name).id, day),
            )
        why = timed
    else:
        why = say(
            N_(
                "from {a} to {place} and on to {b} is {h} on the road, the least of any nights, "
                "over the {cap} a day of {pace}"
            ),
            a=names(atlas.places[problem.ids[a]]),
            place=names(atlas.places[problem.ids[v]]),
            b=names(atlas.places[problem.ids[b]]),
            h=_over(on_road, cap),
            cap=_hours(cap),
            pace=say(PACE_PHRASES[problem.request.pace]),
        )
    message = say(
        N_("{place} fits no plan on day {day}: {why}"),
        place=names(atlas.places[problem.ids[v]]),
        day=day,
        why=why,
    )
    return _PinnedOut(message, problem.request.lang)


def _refuse_day(
    it: Itinerary, edits: Edits, exc: _PinnedOut, seconds: float
) -> ImpossibleRequestError:
    """`_PinnedOut`'s refusal with the nearest other day the move was re-planned on and fits
    (as `_refuse` proposes one), if any."""
    atlas = load_atlas()
    name, day = edits.move[0]
    message: Message | str = exc.message if exc.message is not None else str(exc)
    other = _nearest_fit(it, name, day, seconds)
    if other is not None:
        fix = say(N_("{place} on day {day} instead"), place=names(atlas.find(name)), day=other)
        message = say(N_("{message}. Works with: {fixes}"), message=message, fixes=fix)
    return ImpossibleRequestError(message, exc.lang)


def _other_days(it: Itinerary, place: str, day: int) -> list[int]:
    """The days a move of ``place`` to ``day`` could go to instead, nearest first: not
    ``day`` and not the day it leaves, at most `OTHER_DAYS` of them, so that offering an
    alternative costs a bounded number of re-plans."""
    left = next((d.day for d in it.days for v in d.visits if v.place == place), 0)
    return sorted(
        (d for d in range(1, len(it.days) + 1) if d not in (day, left)),
        key=lambda d: (abs(d - day), d),
    )[:OTHER_DAYS]


def _nearest_fit(it: Itinerary, name: str, day: int, seconds: float) -> int | None:
    """The nearest other day the move of ``name`` was re-planned on and fits, if any: a
    refusal proposes only a fix that has been tried."""
    pid = load_atlas().find(name).id
    for other in _other_days(it, pid, day):
        try:
            _edit(it, Edits(move=((name, other),)), seconds=seconds, explain=False)
        except (ImpossibleRequestError, ValueError):
            continue
        return other
    return None


def _edit(
    it: Itinerary, edits: Edits, *, seconds: float, explain: bool
) -> tuple[Itinerary, list[str], Problem]:
    """`replan` without the note on a move that reached other days; also the problem."""
    days = it.request.days
    for n in (*edits.lock_days, *(t for _, t in edits.move)):
        if not 1 <= n <= days:
            raise ImpossibleRequestError(f"day {n} does not exist: the trip has {days} day(s)")
    must, avoid, _ = _request(it, edits)
    req = it.request.model_copy(
        update={"must": must, "avoid": avoid, "lang": edits.lang or it.request.lang}
    )
    # the arrival day's lighter cap is a repair `plan()` made, not a limit for an edit
    problem = full_arrival(prepare(req))
    inst = problem.instance
    locked = {n - 1: tour_of_day(problem, it.days[n - 1], n - 1) for n in edits.lock_days}
    windows = None if inst.windows is None else np.array(inst.windows)
    atlas = load_atlas()
    for name, to_day in edits.move:
        v = problem.ids.index(atlas.find(name).id)
        if windows is not None:
            for d in range(days):
                if d != to_day - 1:
                    windows[d, v] = UNAVAILABLE
    problem = dataclasses.replace(
        problem, instance=dataclasses.replace(inst, locked=locked, windows=windows)
    )
    warm = _warm_tours(problem, it)
    # from the old plan the search needs fewer idle iterations to settle
    patience = None if warm is None else REPLAN_PATIENCE
    guarded = _guarded(problem, it)  # nor may the timetable repair drop them
    new: Itinerary | None = None
    made_room: dict[str, str] = {}
    if warm is not None:
        new, made_room = _kept_edit(
            guarded, problem.instance.mandatory, it, edits, warm, seconds, explain
        )
    kept_stage = new is not None
    if new is None:  # no plan keeps every other day: re-optimise (the changes say so)

        def resolve(p: Problem, tours: list[list[int]]) -> list[list[int]]:
            return solve_problem(
                p, seconds, patience=patience, initial=tours, propose_fixes=False
            )

        try:
            tours = _touched_days(problem, it, edits, seconds, patience, warm) or _reoptimized(
                guarded, problem, it, seconds, patience, warm
            )
        except ImpossibleRequestError as exc:
            pinned = _pinned_out(problem, it, edits, exc)
            if pinned is None:
                raise
            raise pinned from exc
        new = assemble_timed(guarded, tours, resolve, explain=explain, check=False)
    for n in edits.lock_days:
        kept = it.days[n - 1].model_copy(deep=True)
        kept.locked = True
        new.days[n - 1] = kept
    from .check import check_itinerary

    problems = check_itinerary(new)
    if problems:
        raise ImpossibleRequestError("the edited plan does not hold: " + "; ".join(problems))
    return new, _changes(it, new, edits, req.lang, made_room, minimal=kept_stage), problem


def _keep(
    problem: Problem, it: Itinerary, edits: Edits, warm: list[list[int]], *, flexible: bool = False
) -> Problem:
    """The problem of a change-keeping edit: each place of the old plan may only stay on
    its old day, a moved place only go to its new day, an added one to any day, and no
    other place comes in; the old plan's timed days are kept for the days it leaves alone
    (`Problem.kept`). A search on it can only take places out (and move nights), never
    reshuffle the trip. ``flexible``: the old plan's places may also change day (still no
    place comes in), for an edit that no plan with every place on its day can take."""
    inst = problem.instance
    if inst.windows is None:
        return problem
    atlas = load_atlas()
    vertex = {pid: k for k, pid in enumerate(problem.ids) if k >= 2}
    n_hotels = len(inst.hotels)
    allowed = np.zeros(inst.windows.shape[:2], dtype=bool)
    for d, tour in enumerate(warm):
        if flexible:
            allowed[:, tour[1:-1]] = True
        else:
            allowed[d, tour[1:-1]] = True
    for name, day in edits.move:
        allowed[:, vertex[atlas.find(name).id]] = False
        allowed[day - 1, vertex[atlas.find(name).id]] = True
    for name in edits.add:
        if atlas.find(name).id in vertex:
            allowed[:, vertex[atlas.find(name).id]] = True
    allowed[:, :n_hotels] = True
    windows = np.array(inst.windows)
    windows[~allowed] = UNAVAILABLE
    kept = {}
    if problem.request.lang == it.request.lang:
        kept = {
            d: (tuple(tour), it.days[d])
            for d, tour in enumerate(warm)
            if len(tour) - 2 == len(it.days[d].visits)
        }
    return dataclasses.replace(
        problem, instance=dataclasses.replace(inst, windows=windows), kept=kept
    )


OPEN_DAY = 2 * 24 * 60.0
"""Minutes a kept day's limits are opened to (see `_narrowed`)."""


def _narrowed(problem: Problem, warm: list[list[int]], free: set[int]) -> Problem:
    """The problem with every day outside ``free`` locked as it was (``warm``).

    A locked day is copied from the old plan, which the timetable timed and the checker
    passed; the solver's typical times may still find it too long (a visit the timetable
    shortened, a day at its road cap), so its limits are opened: the search works around
    it and never judges it."""
    inst = problem.instance
    locked = dict(inst.locked)
    for d, tour in enumerate(warm):
        if d not in free and d not in locked:
            locked[d] = tuple(tour)
    limits = list(inst.day_limits)
    caps = None if inst.travel_limits is None else list(inst.travel_limits)
    windows = None if inst.windows is None else np.array(inst.windows)
    for d, fixed in locked.items():
        limits[d] = OPEN_DAY
        if caps is not None:
            caps[d] = OPEN_DAY
        if windows is not None:
            windows[d, list(fixed[1:-1])] = (0.0, OPEN_DAY)
    opened = dataclasses.replace(
        inst,
        locked=locked,
        day_limits=tuple(limits),
        travel_limits=None if caps is None else tuple(caps),
        windows=windows,
    )
    return dataclasses.replace(problem, instance=opened)


def _model_feasible(problem: Problem, warm: list[list[int]]) -> set[int]:
    """The days of ``warm`` that the solver's own timing accepts."""
    timer = TripTimer(problem.instance)
    return {d for d, tour in enumerate(warm) if timer.end(d, tour) is not None}


def _kept_edit(
    guarded: Problem,
    must: frozenset[int],
    it: Itinerary,
    edits: Edits,
    warm: list[list[int]],
    seconds: float,
    explain: bool,
) -> tuple[Itinerary | None, dict[str, str]]:
    """The edit with every other day kept: first the minimal insertion (`_minimal`), then a
    search on the days the edit touches, widened by up to `MOVE_PAD` days either side and
    at last to every day; on `keep` it can only take places out or move nights, which the
    change list gives as forced by the edit. ``(None, {})`` when none works."""

    def resolve(p: Problem, tours: list[list[int]]) -> list[list[int]]:
        return solve_problem(
            p, seconds, patience=REPLAN_PATIENCE, initial=tours, propose_fixes=False
        )

    keep = _keep(guarded, it, edits, warm)
    days = len(warm)
    sights = guarded.instance.mandatory - must
    sights_ids = {guarded.ids[v] for v in sights}
    atlas = load_atlas()
    where = {v.place: d.day - 1 for d in it.days for v in d.visits}
    moved = [atlas.find(name).id for name, _ in edits.move]
    changed = {d for d in range(days) if d not in keep.kept}
    changed |= {where[pid] for pid in moved if pid in where}
    if not edits.add and not edits.move:
        # a removal: the old days less the removed places, as the timetable times them (the
        # solver's typical times may call a day too long that the timed plan showed fits)
        try:
            new = assemble_timed(
                _narrowed(keep, warm, changed), warm, resolve, explain=explain, check=False
            )
            return new, {}
        except (ImpossibleRequestError, ValueError):
            pass
    # the minimal insertion may use the days the solver can time; the others stay as they were
    targets = {day - 1 for _, day in edits.move}
    insertable = _model_feasible(keep, warm) - set(keep.instance.locked)
    if edits.move and not edits.add:
        insertable &= targets
    # then with shorter visits on those days, as a local would make room before dropping a place
    trials = [keep, _shorter(keep, warm, insertable)] if edits.add or edits.move else [keep]
    for trial in trials:
        edited = _minimal(_narrowed(trial, warm, insertable | changed), it, edits, warm)
        if edited is None:
            continue
        free = changed | {d for d in range(days) if edited.tours[d] != warm[d]}
        try:
            new = assemble_timed(
                _narrowed(trial, warm, free), edited.tours, resolve, explain=explain, check=False
            )
        except (ImpossibleRequestError, ValueError):
            continue
        made_room = {trial.ids[u]: trial.ids[v] for u, v in edited.made_room.items()}
        inserted = [atlas.find(x).id for x in edits.add] + moved
        if trial is not keep and inserted:
            for d in free:
                for v in edited.tours[d][1:-1]:
                    pid = trial.ids[v]
                    if pid not in inserted and trial.instance.service[v] < keep.instance.service[v]:
                        made_room.setdefault(SHORTER + pid, inserted[0])
        return new, made_room
    touched = changed | targets
    if edits.add:
        touched = set(range(days))
    windows = [
        {d + k for d in touched for k in range(-pad, pad + 1)} for pad in range(MOVE_PAD + 1)
    ]
    windows.append(set(range(days)))
    tried: list[tuple[bool, set[int]]] = []
    flexible = _keep(guarded, it, edits, warm, flexible=True)
    for problem, free in [(keep, w) for w in windows] + [(flexible, w) for w in windows]:
        free &= set(range(days))
        if (problem is flexible, free) in tried:
            continue
        tried.append((problem is flexible, free))
        narrowed = _narrowed(problem, warm, free)
        try:
            tours = resolve(narrowed, warm)
            return assemble_timed(narrowed, tours, resolve, explain=explain, check=False), {}
        except (ImpossibleRequestError, ValueError) as exc:
            if not sights or _reason(exc) != "mandatory-fits-nowhere":
                continue
        # The solver refuses a must-see that fits in no day even visited alone, but a
        # sight may only fit with a stop on the way (a bus to 花溪 then on to 青岩 is
        # shorter than the direct one): the old plan's sights kept by their value instead,
        # and the result taken only if it keeps every one of them.
        loose = _narrowed(_unguarded(problem, must), warm, free)
        try:
            tours = resolve(loose, warm)
            if sights - {v for t in tours for v in t}:
                continue
            new = assemble_timed(loose, tours, resolve, explain=explain, check=False)
        except (ImpossibleRequestError, ValueError):
            continue
        if sights_ids <= {v.place for d in new.days for v in d.visits}:
            return new, {}
    return None, {}


SHORTER = "shorter:"
"""Prefix of a `made_room` key: that place's visit was shortened (not taken out) for room."""


def _shorter(problem: Problem, warm: list[list[int]], days: set[int]) -> Problem:
    """The problem with the visits of ``days`` in ``warm`` at their shortest (the pace's
    visit lengths are what the planner prefers, not what a day must give: 小七孔 in 5 h rather
    than 6 h 15 leaves time for 甲秀楼 on the way through 贵阳)."""
    atlas = load_atlas()
    service = np.array(problem.instance.service)
    for d in days:
        for v in warm[d][1:-1]:
            service[v] = min(service[v], problem.shortest(atlas.places[problem.ids[v]]))
    inst = dataclasses.replace(problem.instance, service=service)
    return dataclasses.replace(problem, instance=inst)


def _reason(exc: BaseException) -> str | None:
    """The solver's reason code behind a refusal, if any."""
    cause = exc.__cause__
    return getattr(cause, "reason", None) if isinstance(cause, InfeasibleInstanceError) else None


def _unguarded(problem: Problem, must: frozenset[int]) -> Problem:
    """The problem with only ``must`` as must-sees (the old plan's sights, `_guarded`, not)."""
    inst = dataclasses.replace(problem.instance, mandatory=must)
    return dataclasses.replace(problem, instance=inst)


def _guarded(problem: Problem, it: Itinerary) -> Problem:
    """The problem with the old plan's signature sights (`SIGNATURE_RANKS`) as must-sees: a
    re-plan, and the timetable repair after it, may not drop them unasked."""
    atlas = load_atlas()
    vertex = {pid: k for k, pid in enumerate(problem.ids) if k >= 2}
    keep = {
        vertex[v.place]
        for d in it.days
        for v in d.visits
        if atlas.places[v.place].rank in SIGNATURE_RANKS and v.place in vertex
    }
    inst = problem.instance
    return dataclasses.replace(
        problem, instance=dataclasses.replace(inst, mandatory=inst.mandatory | keep)
    )


def _reoptimized(
    guarded: Problem,
    problem: Problem,
    it: Itinerary,
    seconds: float,
    patience: int | None,
    warm: list[list[int]] | None,
) -> list[list[int]]:
    """A full re-solve that keeps the old plan's signature sights (`guarded`); when that is
    impossible, the edit is refused naming the sights the unguarded re-plan would drop."""
    try:
        return solve_problem(guarded, seconds, patience=patience, initial=warm, propose_fixes=False)
    except ImpossibleRequestError:
        pass
    tours = solve_problem(problem, seconds, patience=patience, initial=warm, propose_fixes=False)
    keep = guarded.instance.mandatory - problem.instance.mandatory
    lost = keep - {v for t in tours for v in t}
    if not lost:
        return tours
    atlas = load_atlas()
    highlights = (names(atlas.places[problem.ids[v]]) for v in sorted(lost))
    raise _DropsHighlight(
        say(
            N_(
                "this edit only fits by dropping {places}, a highlight of the trip, which is "
                "never dropped unasked"
            ),
            places=join(N_("{a}, {b}"), highlights),
        ),
        problem.request.lang,  # the edit's language, which may not be the old plan's
        [problem.ids[v] for v in sorted(lost)],
    )


def _touched_days(
    problem: Problem,
    it: Itinerary,
    edits: Edits,
    seconds: float,
    patience: int | None,
    warm: list[list[int]] | None,
) -> list[list[int]] | None:
    """A move or a removal re-planned on the days it touches (where the place was, where it
    goes), then also on up to `MOVE_PAD` days either side (a night elsewhere may be what the
    edit needs: a removed stop can leave a journey with no service at that hour), every
    other day kept as it was; ``None`` when no such window can take it."""
    if edits.add or not (edits.move or edits.remove):
        return None
    atlas = load_atlas()
    where = {v.place: d.day for d in it.days for v in d.visits}
    touched = {day - 1 for _, day in edits.move}
    named = [atlas.find(name).id for name, _ in edits.move]
    named += [atlas.find(name).id for name in edits.remove]
    touched |= {where[pid] - 1 for pid in named if pid in where}
    inst = problem.instance
    for pad in range(MOVE_PAD + 1):
        near = {d + k for d in touched for k in range(-pad, pad + 1)}
        locked = dict(inst.locked)
        try:
            for d, day in enumerate(it.days):
                if d not in near and d not in locked:
                    locked[d] = tour_of_day(problem, day, d)
            narrowed = dataclasses.replace(
                problem, instance=dataclasses.replace(inst, locked=locked)
            )
            return _reoptimized(
                _guarded(narrowed, it), narrowed, it, seconds, patience, warm
            )
        except (ImpossibleRequestError, ValueError):
            continue
    return None


def _minimal(
    problem: Problem, it: Itinerary, edits: Edits, warm: list[list[int]]
) -> Edited | None:
    """The old plan with only the edit applied: removed places left out (the new instance
    no longer has them), moved and added places inserted where they cost least, and a place
    taken out only to make room for them — never one of `problem`'s must-sees, which
    include the old plan's signature sights (`_guarded`). ``None`` when that cannot be done;
    the caller re-optimizes."""
    atlas = load_atlas()
    vertex = {pid: k for k, pid in enumerate(problem.ids) if k >= 2}
    moved = {vertex[atlas.find(name).id]: day - 1 for name, day in edits.move}
    tours = [[v for v in t if v not in moved] for t in warm]
    adds = [vertex[atlas.find(name).id] for name in edits.add if atlas.find(name).id in vertex]
    kept = insert(problem.instance, tours, [*moved, *adds], days=moved)
    if kept is None or feasible(problem.instance, kept.tours):
        return None
    return kept


def relabel(it: Itinerary, lang: str) -> Itinerary:
    """The same trip in another language: same days and stops, re-timed, words and names
    re-rendered. The places left out keep their reasons, which are messages worded by each
    view; a trip saved before reasons were messages (finished text) has them searched again."""
    req = it.request.model_copy(update={"lang": lang})
    problem = prepare(req)
    tours = [list(tour_of_day(problem, day, d)) for d, day in enumerate(it.days)]
    kept = all(_catalogued(d.reason) for d in it.dropped)
    new = assemble(problem, tours, explain=not kept)
    if kept:
        places = problem.travel.atlas.places
        new.dropped = [
            d.model_copy(update={"name": places[d.place].name(lang)}) if d.place in places else d
            for d in it.dropped
        ]
    return new


def _catalogued(m: Message) -> bool:
    """Whether ``m`` is a message of the catalogues (the Chinese one translates every
    message), not the finished text an older plan stored."""
    return translations("zh").gettext(m.id) != m.id
