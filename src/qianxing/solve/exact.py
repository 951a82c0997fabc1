"""`solve_exact`: route enumeration by dynamic programming plus a CP-SAT selection model."""

from __future__ import annotations

import itertools
from time import perf_counter

from ortools.sat.python import cp_model

from ._state import Context
from .exceptions import InfeasibleInstanceError
from .hotels import allowed_hotels
from .instance import Instance
from .result import Result
from .timing import EPS

MAX_LABELS = 2_000_000
_Column = tuple[int, int, int, int]  # day, start hotel, end hotel, visited bitmask
_Label = tuple[float, float, list[int]]  # time, travel, path


def solve_exact(instance: Instance, *, seconds: float = 30.0) -> Result:
    """Solve small instances to proven optimality.

    Every trip (day, start hotel, end hotel, set of visits) that can be scheduled is enumerated
    by a label-setting dynamic programme whose labels are (visited set, last vertex, lunch
    taken) with dominance on the earliest time -- exact because all timing functions are
    non-decreasing (see `qianxing.solve.timing`). CP-SAT then picks one trip per day so that
    hotels chain, no vertex repeats and mandatory vertices are covered, maximising profit.
    This is the set-partitioning view used by branch-and-price for the OPHS, with all columns
    generated up front, which is only sensible for ~15 vertices and ~3 trips.

    Parameters
    ----------
    instance
        The problem; non-integer profits are scaled by 1000 and rounded for CP-SAT.
    seconds
        CP-SAT time limit (enumeration time comes on top).

    Returns
    -------
    Result
        ``optimal`` is ``True`` when CP-SAT proved optimality.

    Raises
    ------
    InfeasibleInstanceError
        When no itinerary satisfies the hard constraints.
    ValueError
        When the enumeration exceeds its label budget (instance too large).
    """
    began = perf_counter()
    ctx = Context(instance)
    allowed = allowed_hotels(ctx)
    columns: dict[_Column, list[int]] = {}
    labels = 0
    for d in range(ctx.days):
        if d in instance.locked:
            tour = list(instance.locked[d])
            if ctx.timer.end(d, tour) is None:
                raise InfeasibleInstanceError(
                    f"locked trip {d} {tour} is itself infeasible",
                    reason="locked-infeasible",
                    trips=(d,),
                )
            mask = sum(1 << v for v in tour[1:-1])
            columns[(d, tour[0], tour[-1], mask)] = tour
            continue
        for h in allowed[d]:
            labels += _enumerate(ctx, d, h, allowed[d + 1], columns)
    model, pick = _master(ctx, allowed, columns)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 8  # the max_lp worker closes these set-packing gaps fast
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        covered = 0
        for _d, _h, _e, mask in columns:
            covered |= mask
        lost = sorted(v for v in instance.mandatory if not covered >> v & 1)
        if lost:
            raise InfeasibleInstanceError(
                f"mandatory vertex {lost[0]} fits in no feasible trip",
                reason="mandatory-fits-nowhere",
                vertices=(lost[0],),
            )
        raise InfeasibleInstanceError(
            "no itinerary satisfies mandatory vertices, locked trips and hotel chaining together",
            reason="mandatory-not-combined" if instance.mandatory else "no-feasible-itinerary",
            vertices=tuple(sorted(instance.mandatory)),
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError("solve_exact found no solution within its time limit")
    chosen = sorted((key for key, var in pick.items() if solver.value(var)), key=lambda k: k[0])
    tours = [columns[key] for key in chosen]
    return Result(
        instance=instance,
        tours=tours,
        seconds=perf_counter() - began,
        iterations=labels,
        optimal=status == cp_model.OPTIMAL,
    )


def _enumerate(
    ctx: Context, d: int, h: int, ends: list[int], columns: dict[_Column, list[int]]
) -> int:
    """Add every schedulable trip of day `d` from `h` (best path per visit set and end)."""
    timer = ctx.timer
    travel, service = timer.travel, timer.service
    t0 = timer.starts[d]
    horizon = t0 + timer.limits[d] + EPS
    lunch = timer.lunch
    verts = [v for v in range(ctx.n) if ctx.available[d, v]]
    back = {v: min(travel[v][e] for e in ends) for v in [h, *verts]}
    weighted = bool(ctx.tw)
    # label key (mask, last, lunch_taken) -> Pareto list of (time, travel, path); without a
    # travel weight only time matters, so each list holds one label
    layer: dict[tuple[int, int, bool], list[_Label]] = {(0, h, False): [(t0, 0.0, [h])]}
    if lunch is not None and max(t0, lunch[0]) <= lunch[1] + EPS:
        layer[(0, h, True)] = [(max(t0, lunch[0]) + lunch[2], 0.0, [h])]
    count = 0
    while layer:
        count += sum(len(labels) for labels in layer.values())
        if count > MAX_LABELS:
            raise ValueError("instance too large for solve_exact (label budget exceeded)")
        nxt: dict[tuple[int, int, bool], list[_Label]] = {}
        for (mask, last, ate), labels in layer.items():
            for t, trav, path in labels:
                _close(ctx, d, mask, last, ate, t, trav, path, ends, columns)
                if len(path) - 1 >= timer.cap:
                    continue
                for v in verts:
                    if mask >> v & 1:
                        continue
                    reach = t + travel[last][v]
                    arrivals = [(ate, reach)]
                    if (
                        lunch is not None
                        and not ate
                        and t < lunch[0] - EPS
                        and reach >= lunch[0] - EPS
                        and lunch[0] <= lunch[1] + EPS
                    ):  # lunch on the way
                        arrivals.append((True, reach + lunch[2]))
                    new_trav = trav + travel[last][v] if weighted else 0.0
                    for had, came in arrivals:
                        s = came
                        if timer.opens is not None and timer.closes is not None:
                            s = max(s, timer.opens[d][v])
                            if s > timer.closes[d][v] + EPS:
                                continue
                        leave = s + service[v]
                        if leave + back[v] > horizon:
                            continue
                        inside = (
                            lunch is not None
                            and v in timer.meal
                            and s <= lunch[1] + EPS
                            and leave >= lunch[0] + lunch[2] - EPS
                        )
                        options = [(had or inside, leave)]
                        if (
                            lunch is not None
                            and not had
                            and max(leave, lunch[0]) <= lunch[1] + EPS
                        ):
                            options.append((True, max(leave, lunch[0]) + lunch[2]))
                        for flag, time in options:
                            key = (mask | 1 << v, v, flag)
                            _push(nxt.setdefault(key, []), (time, new_trav, [*path, v]))
        layer = nxt
    return count


def _push(labels: list[_Label], new: _Label) -> None:
    """Add `new` to a Pareto list of (time, travel) labels unless one dominates it."""
    t, trav, _path = new
    for ot, otrav, _ in labels:
        if ot <= t + EPS and otrav <= trav + EPS:
            return
    labels[:] = [lab for lab in labels if not (t <= lab[0] + EPS and trav <= lab[1] + EPS)]
    labels.append(new)


def _close(
    ctx: Context,
    d: int,
    mask: int,
    last: int,
    ate: bool,
    t: float,
    trav: float,
    path: list[int],
    ends: list[int],
    columns: dict[_Column, list[int]],
) -> None:
    """Record the trip ending after `path` at each reachable end hotel.

    Per (day, hotels, visit set) the column kept is the one with least travel when travel is
    weighted, else the earliest arrival.
    """
    timer = ctx.timer
    t0 = timer.starts[d]
    lunch = timer.lunch
    for e in ends:
        arrive = t + timer.travel[last][e]
        if arrive - t0 > timer.limits[d] + EPS:
            continue
        # a break required but not taken: on arrival by its latest start, or on the way
        if lunch is not None and not ate and t0 <= lunch[1] and arrive > lunch[0]:
            on_arrival = arrive <= lunch[1] + EPS
            on_the_way = t < lunch[0] - EPS and lunch[0] <= lunch[1] + EPS
            if not (on_arrival or on_the_way) or arrive + lunch[2] - t0 > timer.limits[d] + EPS:
                continue
        key = (d, path[0], e, mask)
        tour = [*path, e]
        end = timer.end(d, tour)
        if end is None:
            continue
        rank = (trav + timer.travel[last][e] if ctx.tw else 0.0, end)
        old = columns.get(key)
        if old is None or rank < _rank(ctx, d, old):
            columns[key] = tour


def _rank(ctx: Context, d: int, tour: list[int]) -> tuple[float, float]:
    trav = _travel(ctx, tour) if ctx.tw else 0.0
    end = ctx.timer.end(d, tour)
    return (trav, float("inf") if end is None else end)


def _travel(ctx: Context, tour: list[int]) -> float:
    t = ctx.timer.travel
    return float(sum(t[a][b] for a, b in itertools.pairwise(tour)))


def _master(
    ctx: Context, allowed: list[list[int]], columns: dict[_Column, list[int]]
) -> tuple[cp_model.CpModel, dict[_Column, cp_model.IntVar]]:
    """One trip per day, chained hotels, each vertex at most once, mandatory at least once."""
    inst = ctx.instance
    profits = inst.profits
    integral = bool((profits == profits.round()).all())
    scale = 1 if integral and not ctx.tw else 10**6 if ctx.tw else 1000
    model = cp_model.CpModel()
    pick = {key: model.new_bool_var(f"x{i}") for i, key in enumerate(columns)}
    at = [{h: model.new_bool_var(f"y{b}_{h}") for h in allowed[b]} for b in range(ctx.days + 1)]
    model.add(at[0][inst.start] == 1)
    model.add(at[ctx.days][inst.end] == 1)
    for b in range(ctx.days + 1):
        model.add_exactly_one(at[b].values())
    for d in range(ctx.days):
        for h in allowed[d]:
            model.add(sum(x for k, x in pick.items() if k[0] == d and k[1] == h) == at[d][h])
        for e in allowed[d + 1]:
            model.add(sum(x for k, x in pick.items() if k[0] == d and k[2] == e) == at[d + 1][e])
    for v in range(ctx.n):
        if not ctx.customer[v]:
            continue
        using = [x for k, x in pick.items() if k[3] >> v & 1]
        if v in inst.mandatory:
            model.add(sum(using) == 1)
        elif using:
            model.add(sum(using) <= 1)
    gain = {
        k: round(
            scale
            * (
                float(profits[[v for v in range(ctx.n) if k[3] >> v & 1]].sum())
                - ctx.tw * _travel(ctx, columns[k])
            )
        )
        for k in pick
    }
    model.maximize(sum(gain[k] * x for k, x in pick.items()))
    return model, pick
