"""Hotel-pair fills: all pairs in one array pass versus one pair at a time.

`qianxing.solve.profiles.fill_pairs` advances every hotel pair's greedy fill together. This
times it against calling it once per pair (the same arithmetic, one pair per pass, as the code
did before) on the instances of the first N planner-benchmark requests, and checks the fills
are identical.

Usage: ``python bench/fills.py [--n 10] [--repeat 3]``. Prints figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from plan import requests  # bench/plan.py
from qianxing.plan import prepare
from qianxing.solve._state import Context
from qianxing.solve.profiles import fill_pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    together_ms, alone_ms, same = [], [], True
    for req in requests(args.n, 0):
        ctx = Context(prepare(req).instance)
        hotels = ctx.instance.hotels
        pairs = [(h, e) for h in hotels for e in hotels]
        limit = max(ctx.timer.limits)
        for _ in range(args.repeat):
            t = time.perf_counter()
            together = fill_pairs(ctx, pairs, limit)
            together_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            alone = [fill_pairs(ctx, [p], limit)[0] for p in pairs]
            alone_ms.append((time.perf_counter() - t) * 1000)
        for a, b in zip(together, alone, strict=True):
            same &= np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]) and a[2] == b[2]
    print(f"instances: {args.n}, hotel pairs each: {len(pairs)}, runs each: {args.repeat}")
    print(f"all pairs at once : median {statistics.median(together_ms):.1f} ms per instance")
    print(f"one pair at a time: median {statistics.median(alone_ms):.1f} ms per instance")
    print(f"identical fills: {same}")


if __name__ == "__main__":
    main()
