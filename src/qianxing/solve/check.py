"""Independent feasibility checker: recomputes every constraint from the raw instance."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .instance import Instance

_TOL = 1e-6


def feasible(instance: Instance, tours: Sequence[Sequence[int]]) -> list[str]:
    """List every constraint violation of an itinerary; an empty list means feasible.

    Deliberately shares no code with the search (`timing.TripTimer`), so a bug in the fast
    evaluator cannot hide itself. The lunch rule is the one documented in `qianxing.solve.timing`,
    re-implemented here by brute force over break positions.

    Parameters
    ----------
    instance
        The problem.
    tours
        One ``(hotel, v1, ..., hotel)`` list per trip.

    Returns
    -------
    list[str]
        Human-readable violation messages.
    """
    errors: list[str] = []
    days = instance.num_days
    hotels = set(instance.hotels)
    if len(tours) != days:
        return [f"expected {days} trips, got {len(tours)}"]
    seen: dict[int, int] = {}
    for d, tour in enumerate(tours):
        tour = [int(v) for v in tour]
        if len(tour) < 2:
            errors.append(f"trip {d}: needs a start and an end hotel")
            continue
        if tour[0] not in hotels or tour[-1] not in hotels:
            errors.append(f"trip {d}: must start and end at a hotel")
        if d == 0 and tour[0] != instance.start:
            errors.append(f"trip 0: starts at {tour[0]}, not at start hotel {instance.start}")
        if d == days - 1 and tour[-1] != instance.end:
            errors.append(f"trip {d}: ends at {tour[-1]}, not at end hotel {instance.end}")
        if d > 0 and len(tours[d - 1]) >= 2 and int(tours[d - 1][-1]) != tour[0]:
            errors.append(f"trip {d}: starts at {tour[0]} but trip {d - 1} ended elsewhere")
        for v in tour[1:-1]:
            if not 0 <= v < instance.num_vertices:
                errors.append(f"trip {d}: unknown vertex {v}")
                continue
            if v in hotels:
                errors.append(f"trip {d}: hotel {v} used as a visit")
            if v in seen:
                errors.append(f"vertex {v} visited in trip {seen[v]} and trip {d}")
            seen[v] = d
        cap = instance.max_visits_per_day
        if cap is not None and len(tour) - 2 > cap:
            errors.append(f"trip {d}: {len(tour) - 2} visits exceed max_visits_per_day {cap}")
        if d in instance.locked and tuple(tour) != instance.locked[d]:
            errors.append(f"trip {d}: differs from its locked tour {instance.locked[d]}")
        if all(0 <= v < instance.num_vertices for v in tour):
            errors.extend(_timing_errors(instance, d, tour))
    for v in sorted(instance.mandatory):
        if v not in seen:
            errors.append(f"mandatory vertex {v} is not visited")
    return errors


def _simulate(
    instance: Instance, d: int, tour: list[int], lunch_after: int | None,
    on_the_way: int | None = None,
) -> tuple[float, list[str]]:
    """Arrival at the end hotel and window/lunch violations for one break position: after
    stop ``lunch_after`` (or on arrival, when that is the end hotel), or during the journey
    from stop ``on_the_way``, which must be left before `L0` and still be under way at it."""
    errors: list[str] = []
    t0 = instance.day_start(d)
    t = t0
    if lunch_after == 0:
        t = _lunch(instance, t, errors)
    for i in range(1, len(tour)):
        v = tour[i]
        u = tour[i - 1]
        if instance.latest is not None and t > float(instance.latest[u, v]) + _TOL:
            errors.append(
                f"trip {d}: leaves {u} for {v} at {t:g}, after the journey's latest start "
                f"{float(instance.latest[u, v]):g}"
            )
        left = t
        t += float(instance.travel[u, v])
        if on_the_way == i - 1:
            assert instance.lunch is not None
            l0, l1, ld = instance.lunch
            if not left < l0 <= t or l0 > l1:
                errors.append(f"trip {d}: the journey from {u} is not under way at {l0:g}")
            t += ld
        if i == len(tour) - 1:
            if lunch_after == i:  # on arrival at the end hotel
                t = _lunch(instance, t, errors)
            break
        if instance.windows is not None:
            lo, hi = (float(x) for x in instance.windows[d, v])
            t = max(t, lo)
            if t > hi + _TOL:
                errors.append(f"trip {d}: visit to {v} starts at {t:g}, after its close {hi:g}")
        t += float(instance.service[v])
        if lunch_after == i:
            t = _lunch(instance, t, errors)
    return t, errors


def _ate_inside(instance: Instance, d: int, tour: list[int]) -> bool:
    """Whether a `meal_inside` visit of the lunch-free schedule covers the lunch break."""
    assert instance.lunch is not None
    l0, l1, ld = instance.lunch
    t = instance.day_start(d)
    for i in range(1, len(tour) - 1):
        v = tour[i]
        t += float(instance.travel[tour[i - 1], v])
        if instance.windows is not None:
            t = max(t, float(instance.windows[d, v, 0]))
        leave = t + float(instance.service[v])
        if v in instance.meal_inside and t <= l1 + _TOL and leave >= l0 + ld - _TOL:
            return True
        t = leave
    return False


def _lunch(instance: Instance, t: float, errors: list[str]) -> float:
    assert instance.lunch is not None
    l0, l1, ld = instance.lunch
    begin = max(t, l0)
    if begin > l1 + _TOL:
        errors.append(f"lunch would start at {begin:g}, after its latest start {l1:g}")
    return begin + ld


def _timing_errors(instance: Instance, d: int, tour: list[int]) -> list[str]:
    road = instance.road_of(d, tour)
    allowed = instance.travel_limit(d)
    if road > allowed + _TOL:
        return [f"trip {d}: travel {road:g} exceeds its travel limit {allowed:g}"]
    t0 = instance.day_start(d)
    limit = instance.day_limits[d]
    arrive, errors = _simulate(instance, d, tour, None)
    if errors:
        return errors
    lunch = instance.lunch
    if (
        lunch is not None
        and t0 <= lunch[1]
        and arrive > lunch[0]
        and not _ate_inside(instance, d, tour)
    ):
        options = [_simulate(instance, d, tour, k) for k in range(len(tour))]
        options += [_simulate(instance, d, tour, None, k) for k in range(len(tour) - 1)]
        valid = [a for a, errs in options if not errs]
        if not valid:
            return [f"trip {d}: no stop allows a lunch break within [{lunch[0]:g}, {lunch[1]:g}]"]
        arrive = min(valid)
    if arrive - t0 > limit + _TOL:
        return [f"trip {d}: length {arrive - t0:g} exceeds its limit {limit:g}"]
    return []
