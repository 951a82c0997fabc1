"""The audit of a route: its days timed and judged, a verdict, and the best plan that keeps its
places (same arrival, departure and length; its sights as must-sees where they fit), with
every difference from the route explained."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..data.atlas import Atlas, load_atlas
from ..exceptions import ImpossibleRequestError
from ..i18n import N_, words
from ..model import Itinerary, Request
from ..plan import DEFAULT_SECONDS, REPLAN_PATIENCE, assemble_timed, prepare, solve_problem
from .route import Route
from .timing import DayAudit, time_route

MAX_DAYS = 21  # Request.days' bound
RANKS = ("icon", "top", "must", "major", "niche")
VERDICTS = {
    "works": N_("the route works as written"),
    "tight": N_("the route can be done, but some days are rushed or long"),
    "broken": N_("the route does not work as written"),
}
"""The verdict on a whole route: every day works; only soft problems; a day cannot be done."""


class RouteError(ValueError):
    """A route with nothing usable in it: no day line, or no place of the pack."""

    def __init__(self, message: str, route: Route) -> None:
        super().__init__(message)
        self.route = route


@dataclass
class Audit:
    """A route, its days as timed and judged, the verdict, and the better plan."""

    route: Route
    original: Itinerary
    days: list[DayAudit]
    verdict: str
    better: Itinerary | None
    kept_must: list[str]
    differences: list[str]

    def as_json(self) -> dict[str, Any]:
        """``{"route", "days", "verdict", "verdict_text", "original", "better",
        "differences"}``; each day: ``day``, ``works``, ``problems``, ``cost`` (CNY per
        person), ``road_hours``, ``know`` (what a first-timer should know)."""
        lang = self.original.request.lang
        w = words(lang)
        atlas = load_atlas(self.original.request.region)
        budget = self.original.budget
        costs = {b.day: b.total for b in budget.days} if budget else {}
        days = []
        for a, day in zip(self.days, self.original.days, strict=True):
            days.append(
                {
                    "day": a.day,
                    "works": a.works,
                    "status": verdict([a]),
                    "problems": [{"kind": f.kind, "text": f.text} for f in a.faults],
                    "cost": costs.get(a.day),
                    "road_hours": math.ceil(a.road_minutes / 6) / 10,
                    "know": know(day, lang),
                }
            )
        return {
            "route": self.route.as_json(atlas, lang),
            "days": days,
            "verdict": self.verdict,
            "verdict_text": w._(VERDICTS[self.verdict]),
            "original": self.original.model_dump(mode="json", by_alias=True),
            "better": None
            if self.better is None
            else self.better.model_dump(mode="json", by_alias=True),
            "differences": self.differences,
        }


def know(day: Any, lang: str) -> list[str]:
    """What a first-timer should know on a day: its pitfalls, reservations and checks."""
    out = [t.title.text(lang) for t in day.tips if t.kind == "pitfall" and t.title]
    out += [f"{v.name}: {v.reservation}" for v in day.visits if v.reservation]
    return out


def verdict(days: list[DayAudit]) -> str:
    if any(f.hard for d in days for f in d.faults):
        return "broken"
    return "tight" if any(d.faults for d in days) else "works"


def route_request(route: Route, atlas: Atlas, base: Request) -> Request:
    """The request the route implies: its length, arrival and departure; the rest (month,
    pace, transport, language, party) from ``base``."""
    if not route.days:
        raise RouteError("no day of the route could be read", route)
    if route.arrive is None or route.depart is None:
        raise RouteError("the route names no place where it starts or ends", route)
    if len(route.days) > MAX_DAYS:
        raise RouteError(
            f"the route has {len(route.days)} days; at most {MAX_DAYS} are planned", route
        )
    return Request.model_validate(
        base.model_dump()
        | {
            "days": len(route.days),
            "arrive": atlas.places[route.arrive].zh,
            "depart": atlas.places[route.depart].zh,
            "must": [],
            "avoid": [],
        }
    )


def _interests(route: Route, atlas: Atlas) -> dict[str, float]:
    """The route's spirit: the leading tags of its sights, the three most frequent."""
    tags = Counter(atlas.places[s].tags[0] for s in route.sights if atlas.places[s].tags)
    return {t: 1.0 for t, _ in tags.most_common(3)}


def better_plan(
    route: Route, req: Request, *, seconds: float = DEFAULT_SECONDS
) -> tuple[Itinerary | None, list[str]]:
    """The best plan keeping the route's arrival, departure and length, its interests, and its
    sights as must-sees: all of them if they fit, else its signature sights, else none (the
    others then compete on their score). Returns the plan and the must-sees it was held to."""
    atlas = load_atlas(req.region)
    sights = list(dict.fromkeys(route.sights))
    like = _interests(route, atlas) or req.like

    def attempt(must: list[str]) -> Itinerary | None:
        changed = req.model_copy(update={"must": [atlas.places[s].zh for s in must], "like": like})
        try:
            problem = prepare(changed)
            tours = solve_problem(problem, seconds, propose_fixes=False)
            return assemble_timed(
                problem,
                tours,
                lambda p, warm: solve_problem(
                    p, seconds, initial=warm, patience=REPLAN_PATIENCE, propose_fixes=False
                ),
            )
        except ImpossibleRequestError:
            return None

    best = attempt(sights)
    if best is not None:
        return best, sights
    # not all at once: the route's sights one by one, best-ranked first, each kept if it fits
    order = sorted(sights, key=lambda s: RANKS.index(atlas.places[s].rank or "niche"))
    kept: list[str] = []
    for s in order:
        if best is not None and s in {v.place for d in best.days for v in d.visits}:
            kept.append(s)  # already in the plan: holding it changes nothing
            continue
        trial = attempt([*kept, s])
        if trial is not None:
            best, kept = trial, [*kept, s]
    return (best, kept) if best is not None else (attempt([]), [])


def differences(
    route: Route, audits: list[DayAudit], better: Itinerary, kept: list[str], lang: str
) -> list[str]:
    """Every difference between the route and the better plan, each with its reason."""
    w = words(lang)
    atlas = load_atlas(better.request.region)
    name = {pid: p.name(lang) for pid, p in atlas.places.items()}
    was = {s: d.day for d in route.days for s in d.sights}
    now = {v.place: d.day for d in better.days for v in d.visits}
    dropped = {x.place: x.reason.text(lang) for x in better.dropped}
    out: list[str] = []
    for pid, day in was.items():
        if pid not in now:
            reason = dropped.get(pid) or w._("it does not fit in the same days with the others")
            out.append(w._("{place} (day {day}) is left out: {reason}",
                           place=name[pid], day=day, reason=reason))  # fmt: skip
        elif now[pid] != day:
            out.append(w._("{place} moves from day {day} to day {to}, where it fits the way",
                           place=name[pid], day=day, to=now[pid]))  # fmt: skip
    for pid, day in now.items():
        if pid not in was:
            out.append(
                w._(
                    "day {day}: {place} is added: it fits that day's time and the route's "
                    "interests",
                    day=day,
                    place=name[pid],
                )
            )
    for rd, bd in zip(route.days[:-1], better.days[:-1], strict=False):
        if bd.lodging is not None and rd.night is not None and bd.lodging.base != rd.night:
            out.append(w._(
                "night {night}: sleeps in {place} instead of {was}, nearer the next day's stops",
                night=rd.day, place=bd.lodging.name, was=name[rd.night],
            ))  # fmt: skip
    mended = [str(a.day) for a in audits if a.faults]
    if mended:
        out.append(w._("days {days}: the plan has none of the route's problems (checked like "
                       "every plan)", days=", ".join(mended)))  # fmt: skip
    missing = [name[s] for s in dict.fromkeys(route.sights) if s not in kept and s in now]
    if missing:
        out.append(w._("not every sight of the route fits as a must-see at once; these are "
                       "kept on their merit: {places}", places="、".join(missing)))  # fmt: skip
    return out or [w._("no difference: the route is already the best plan we find")]


def audit(
    route: Route, base: Request, *, seconds: float = DEFAULT_SECONDS, better: bool = True
) -> Audit:
    """Time and judge ``route`` under ``base``'s month, pace and transport, and (``better``)
    propose the best plan that keeps its places.

    Raises
    ------
    RouteError
        Nothing usable in the route (no day, no start or end).
    """
    atlas = load_atlas(base.region)
    req = route_request(route, atlas, base)
    problem = prepare(req)
    original, days = time_route(problem, route)
    v = verdict(days)
    plan: Itinerary | None = None
    kept: list[str] = []
    if better:
        plan, kept = better_plan(route, req, seconds=seconds)
    diffs = [] if plan is None else differences(route, days, plan, kept, req.lang)
    return Audit(route, original, days, v, plan, kept, diffs)


__all__ = ["Audit", "RouteError", "audit", "better_plan", "verdict"]
