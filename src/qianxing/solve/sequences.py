"""Elite hotel sequences: the best sequences by trip estimates, screened by a quick build.

Divsalar, Vansteenwegen & Cattrysse (2013, "A variable neighborhood search method for the
orienteering problem with hotel selection", IJPE 145) enumerate hotel sequences, rank them by
the summed pairwise trip estimates, build a quick solution on the best ones and search from
the most promising few. The pairwise estimates count a vertex in every trip that could
collect it, so the sequence maximising their sum often sends two trips to the same area (on
the benchmark 66-50-6-4 the DP's choice ``0 2 5 2 1`` ranks first by estimate but the
sequence of the optimum, ``0 2 3 4 1``, only sixth); a real construction, which shares the
vertices, ranks them much better. The search restarts from these elite sequences.
"""

from __future__ import annotations

import heapq
from time import perf_counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._state import Context, State

def ranked_sequences(
    ctx: Context,
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    limit: int,
) -> list[tuple[float, list[int]]]:
    """The `limit` hotel sequences with the highest summed estimate, best first.

    A best-first search over sequence prefixes whose priority is the prefix's estimate plus
    the DP value ``values[b][h]`` of the best completion. That bound is exact, so complete
    sequences come out in non-increasing order of their estimate, and at most about
    ``limit * days`` prefixes are expanded. Ties are broken by the sequence itself, so the
    order is deterministic.

    Parameters
    ----------
    ctx
        Solve context (days, start and end hotel).
    est
        Estimated trip profit per feasible ``(day, start hotel, end hotel)``.
    values
        ``values[b][h]``: best estimate of trips ``b..D-1`` starting at ``h``
        (`qianxing.solve.hotels.hotel_values`).
    limit
        Number of sequences wanted.

    Returns
    -------
    list[tuple[float, list[int]]]
        ``(summed estimate, hotel sequence of length days + 1)`` pairs.
    """
    days = ctx.days
    start = ctx.instance.start
    out: list[tuple[float, list[int]]] = []
    if limit <= 0 or start not in values[0]:
        return out
    heap: list[tuple[float, list[int], float]] = [(-values[0][start], [start], 0.0)]
    while heap and len(out) < limit:
        _bound, seq, gained = heapq.heappop(heap)
        b = len(seq) - 1
        if b == days:
            out.append((gained, seq))
            continue
        h = seq[-1]
        for e, rest in values[b + 1].items():
            trip = est.get((b, h, e))
            if trip is not None:
                heapq.heappush(heap, (-(gained + trip + rest), [*seq, e], gained + trip))
    return out


def elite_states(
    seqs: list[list[int]],
    build: Callable[[list[int]], State | None],
    keep: int,
    *,
    deadline: float = float("inf"),
) -> list[State]:
    """Quick solutions on `seqs`, best first, one per resulting hotel sequence, at most `keep`.

    `build` returns ``None`` when a sequence admits no valid start (e.g. a mandatory vertex
    does not fit). The local search inside `build` may move hotels, so two sequences can end
    in the same one; only the better of them is kept. No build starts after `deadline`
    (`time.perf_counter` seconds), so the caller's time budget holds.
    """
    built: list[tuple[tuple[float, float], int, State]] = []
    for i, seq in enumerate(seqs):
        if perf_counter() >= deadline:
            break
        st = build(list(seq))
        if st is not None:
            built.append((st.key(), -i, st))
    built.sort(key=lambda item: (item[0], item[1]), reverse=True)
    seen: set[tuple[int, ...]] = set()
    out: list[State] = []
    for _key, _i, st in built:
        hotels = tuple(st.hotels)
        if hotels in seen:
            continue
        seen.add(hotels)
        out.append(st)
        if len(out) >= keep:
            break
    return out
