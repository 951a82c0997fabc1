"""Baseline for benchmarks: OR-Tools routing solver on a fixed hotel sequence.

Not used by `solve`; it exists so the benchmark can compare against a generic solver.
"""

from __future__ import annotations

import math
from time import perf_counter

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from ._state import Context
from .check import feasible
from .hotels import allowed_hotels, choose_sequence, estimates, hotel_values
from .instance import Instance
from .result import Result

_SCALE = 10_000


def solve_ortools(instance: Instance, *, seconds: float = 1.0) -> Result:
    """Prize-collecting multi-vehicle routing with OR-Tools (``pywrapcp``).

    Hotel choice is handled simply: the hotel sequence is fixed up front by the same
    pairwise-estimate dynamic programme `solve` starts from (no hotel search afterwards). Each
    trip becomes a vehicle from its start hotel to its end hotel with a distance dimension
    capped at its day limit (arc lengths rounded *up* after scaling by 10^4, so every answer
    is feasible for the real lengths). Customers are optional through disjunctions whose
    penalty is their profit times a factor larger than any route length, so the solver
    maximises profit first. Search: path-cheapest-arc start, guided local search, time limit.
    Only plain OPHS instances are supported (no windows, lunch, locks or mandatory vertices).

    Parameters
    ----------
    instance
        A plain OPHS instance.
    seconds
        Total time budget including the hotel-sequence step.

    Returns
    -------
    Result
        The routing solver's itinerary (verified with `feasible`).
    """
    if not instance.is_simple or instance.locked or instance.mandatory:
        raise ValueError("solve_ortools supports plain OPHS instances only")
    began = perf_counter()
    ctx = Context(instance)
    allowed = allowed_hotels(ctx)
    est = estimates(ctx, allowed)
    seq = choose_sequence(ctx, est, hotel_values(ctx, allowed, est))
    days = ctx.days
    customers = [v for v in range(ctx.n) if ctx.customer[v] and instance.profits[v] > 0]
    # node layout: one start and one end node per vehicle, then customers
    nodes = [seq[d] for d in range(days)] + [seq[d + 1] for d in range(days)] + customers
    manager = pywrapcp.RoutingIndexManager(
        len(nodes), days, list(range(days)), list(range(days, 2 * days))
    )
    routing = pywrapcp.RoutingModel(manager)
    travel = instance.travel
    service = instance.service
    arc = [
        [
            math.ceil((float(travel[a, b]) + (float(service[b]) if j >= 2 * days else 0)) * _SCALE)
            for j, b in enumerate(nodes)
        ]
        for a in nodes
    ]

    def transit(i: int, j: int) -> int:
        return arc[int(manager.IndexToNode(i))][int(manager.IndexToNode(j))]

    cb = routing.RegisterTransitCallback(transit)
    routing.SetArcCostEvaluatorOfAllVehicles(cb)
    caps = [math.floor(lim * _SCALE) for lim in instance.day_limits]
    routing.AddDimensionWithVehicleCapacity(cb, 0, caps, True, "length")
    big = sum(caps) + 1
    for k, v in enumerate(customers):
        penalty = round(float(instance.profits[v]) * big)
        routing.AddDisjunction([manager.NodeToIndex(2 * days + k)], penalty)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    remaining = max(0.1, seconds - (perf_counter() - began))
    params.time_limit.FromMilliseconds(int(remaining * 1000))
    solution = routing.SolveWithParameters(params)
    tours: list[list[int]] = []
    for d in range(days):
        tour = [seq[d]]
        if solution is not None:
            index = routing.NextVar(routing.Start(d))
            index = solution.Value(index)
            while not routing.IsEnd(index):
                tour.append(nodes[manager.IndexToNode(index)])
                index = solution.Value(routing.NextVar(index))
        tour.append(seq[d + 1])
        tours.append(tour)
    if feasible(instance, tours):
        tours = [[seq[d], seq[d + 1]] for d in range(days)]
    return Result(
        instance=instance,
        tours=tours,
        seconds=perf_counter() - began,
        iterations=0,
    )
