"""Planner patience sweep: score gap and solver CPU time of several patience settings.

Takes the 50 requests of `bench/plan.py` (same seed), solves each once for ``--reference``
seconds (no patience stop; ``--jobs`` processes, the references can be cached in a JSON file
and reused), then for each setting ``BUDGET/MIN/MAX`` (patience = BUDGET // days, clamped to
[MIN, MAX]) solves every request as the planner does and prints the mean gap to the
references and the p50/p95 CPU time of the solver alone (``time.process_time``, so the
figures do not depend on what else runs on the other core).

With ``--replan P ...`` it also plans each request once and times the re-plan of
`bench/plan.py` (lock day 1, remove one visited place) with each re-plan patience ``P``:
p50/p95 CPU time of the whole ``replan()`` and the summed score of the 50 re-plans.

Usage::

    python bench/sweep.py --refs /tmp/refs.json --jobs 2 \\
        --settings 400/60/99 2400/200/600 3200/250/800 4000/300/1000 --replan 99 300

Nothing is asserted. Run it against an older checkout with ``PYTHONPATH=<checkout>/src``
(the references file then says which code produced them only by its name).
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from plan import pct, requests
from qianxing.model import Request
from qianxing.plan import prepare
from qianxing.solve import MaxRuntime, solve

planner = importlib.import_module("qianxing.plan")  # the module (the package exports a function)


def reference(args: tuple[Request, float]) -> float:
    req, seconds = args
    return float(solve(prepare(req).instance, MaxRuntime(seconds), seed=req.seed).score)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reference", type=float, default=30.0, help="seconds of each long run")
    ap.add_argument("--jobs", type=int, default=1, help="processes for the long runs")
    ap.add_argument("--refs", type=Path, help="JSON cache of the reference scores")
    ap.add_argument("--settings", nargs="+", default=["2400/200/600"], help="BUDGET/MIN/MAX")
    ap.add_argument("--replan", nargs="*", type=int, default=[], help="re-plan patiences")
    args = ap.parse_args()
    reqs = requests(args.n, args.seed)
    if args.refs is not None and args.refs.exists():
        refs = json.loads(args.refs.read_text())
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            refs = list(pool.map(reference, [(r, args.reference) for r in reqs]))
        if args.refs is not None:
            args.refs.write_text(json.dumps(refs))
    problems = [prepare(r) for r in reqs]
    planner.solve_problem(problems[0], planner.DEFAULT_SECONDS)  # load kernels, warm caches
    print(f"{'setting':<16} {'gap %':>6} {'cpu p50 ms':>10} {'cpu p95 ms':>10}")
    for setting in args.settings:
        budget, low, high = (int(x) for x in setting.split("/"))
        planner.PATIENCE_BUDGET, planner.MIN_PATIENCE, planner.MAX_PATIENCE = budget, low, high
        gaps, cpu = [], []
        for problem, ref in zip(problems, refs, strict=True):
            began = time.process_time()
            tours = planner.solve_problem(problem, planner.DEFAULT_SECONDS)
            cpu.append((time.process_time() - began) * 1000)
            score = float(sum(problem.instance.profits[v] for t in tours for v in t[1:-1]))
            best = max(ref, score)
            gaps.append(100 * (best - score) / best if best > 0 else 0.0)
        print(f"{setting:<16} {statistics.mean(gaps):>6.2f} {statistics.median(cpu):>10.0f} "
              f"{pct(cpu, 0.95):>10.0f}", flush=True)
    if args.replan:
        replans(reqs, args.replan)


def replans(reqs: list[Request], patiences: list[int]) -> None:
    """Re-plan CPU time and summed score per re-plan patience (default plan settings)."""
    from qianxing.plan import plan
    from qianxing.replan import Edits, replan

    module = importlib.import_module("qianxing.replan")
    plans = [plan(r, explain=False) for r in reqs]
    print(f"{'replan patience':<16} {'score':>8} {'cpu p50 ms':>10} {'cpu p95 ms':>10}")
    for patience in patiences:
        module.REPLAN_PATIENCE = patience
        cpu, total = [], 0.0
        for it in plans:
            visited = [v.place for d in it.days[1:] for v in d.visits]
            edits = Edits(lock_days=(1,), remove=tuple(visited[:1]))
            began = time.process_time()
            new, _changes = replan(it, edits, explain=False)
            cpu.append((time.process_time() - began) * 1000)
            total += new.score
        print(f"{patience:<16} {total:>8.0f} {statistics.median(cpu):>10.0f} "
              f"{pct(cpu, 0.95):>10.0f}", flush=True)


if __name__ == "__main__":
    main()
