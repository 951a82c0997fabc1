"""Planner benchmark on the Guizhou pack: latency of plan and re-plan, and the default budget's gap.

Draws N random realistic requests (2–10 days, arrival/departure among the hub towns, any
month, interests, pace, transport) with a fixed seed, then
- first pass: times a full ``plan()`` for each (solve + enrich + independent check) and a
  ``replan()`` after one edit (lock day 1, remove one visited place), both without the reasons
  for dropped places (``explain=False``): those are counterfactual solves on top, which the
  CLI and the web app do run (see bench/README.md for what they add);
- second pass: runs the same solver for ``--reference`` seconds (30 by default, no patience
  stop) on each request and reports the default plan's score gap to it, twice: to the long
  run's tours as solved (``ref``), and to the plan they make once put through the steps the
  planner's own tours go through (``plan.finish``: the hotel second look, every day timed
  against the timetable, re-solved or mended where it breaks; ``timed``). Tours that miss a
  last train are not a plan, and the first figure counts them at their untimed score.
The passes are separate so that the latency figures are taken before any long run, and so
that nothing else running during the (long) second pass can disturb them.

Usage: ``python bench/plan.py [--n 50] [--reference 30] [--seed 0] [--reseed 0] [--explain]``;
``--explain`` times plans with the reasons (``--reference 0 --explain`` for that alone).
Prints a table, p50/p95 figures, the days without a sight and the self-drive legs that arrive
over an hour after dusk (bench/quality.py's `night_drives`); nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from qianxing.model import Request
from qianxing.plan import finish, plan, prepare
from qianxing.replan import Edits, replan
from qianxing.solve import MaxRuntime, solve
from quality import night_drives

HUBS = ["贵阳", "贵阳北站", "安顺", "凯里", "遵义", "铜仁", "兴义", "都匀", "龙洞堡机场"]
TAGS = ["waterfall", "cave", "karst", "miao", "dong", "ancient-town", "mountain", "museum"]


def requests(n: int, seed: int) -> list[Request]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        likes = rng.sample(TAGS, rng.randint(0, 3))
        out.append(
            Request(
                days=rng.randint(2, 10),
                month=rng.randint(1, 12),
                arrive=rng.choice(HUBS),
                depart=rng.choice(HUBS),
                arrive_time=rng.choice(["08:30", "10:00", "12:00", "15:00"]),
                depart_time=rng.choice(["16:00", "18:00", "20:00"]),
                pace=rng.choice(["relaxed", "normal", "packed"]),
                transport=rng.choice(["public", "public", "charter", "self-drive"]),
                like={t: float(rng.randint(1, 3)) for t in likes},
                seed=rng.randint(0, 1000),
            )
        )
    return out


def cli(req: Request) -> str:
    """The `qianxing plan` command that makes the same request: a row names only the days
    and the towns, and a refusal checked with the CLI's defaults (seed 0, arrival 10:00, no
    interests) is another request, which may well plan."""
    like = "".join(f" --like {t}={w:g}" for t, w in req.like.items())
    return (
        f"qianxing plan --days {req.days} --month {req.month} --arrive {req.arrive} "
        f"--arrive-time {req.arrive_time} --depart {req.depart} --depart-time {req.depart_time} "
        f"--pace {req.pace} --transport {req.transport}{like} --seed {req.seed}"
    )


def score(it: object) -> float:
    """The plan's profit as the planner scored it."""
    return float(it.score)  # type: ignore[attr-defined]


def days_without_a_sight(it: object) -> list[int]:
    """The days between the first and the last that visit nothing: a day of travel, which a
    local fills when the journey leaves time (bench/README.md, twelfth session)."""
    days = it.days  # type: ignore[attr-defined]
    return [d.day for d in days[1:-1] if not d.visits]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument(
        "--reference", type=float, default=30.0,
        help="seconds of the long run (0: latency only, no second pass)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--reseed", type=int, default=0,
        help="solve each request with its own seed plus this: the same requests, another "
        "random stream of the search (a change that only reshuffles plans shows here)",
    )
    ap.add_argument(
        "--explain", action="store_true",
        help="time plans with the reasons for dropped places (what the CLI and web return)",
    )
    args = ap.parse_args()
    for transport in ("public", "charter", "self-drive"):  # warm caches (pack, travel models)
        plan(Request(days=2, month=5, transport=transport), explain=False)
    rows: list[tuple[int, Request, float, float, float]] = []
    cpu: list[tuple[float, float]] = []  # (plan, re-plan) CPU ms: less disturbed by other jobs
    dark_legs, dark_km = 0, 0.0  # self-drive legs arriving over an hour after dusk, their km
    idle: list[str] = []  # request/day of the days between the first and last without a sight
    for i, req in enumerate(requests(args.n, args.seed)):
        req = req.model_copy(update={"seed": req.seed + args.reseed})
        try:
            t, c = time.perf_counter(), time.process_time()
            it = plan(req, explain=args.explain)
            took = (time.perf_counter() - t) * 1000
            took_cpu = (time.process_time() - c) * 1000
        except ValueError as exc:
            print(f"{i:>3} {req.days:>4} {req.arrive:<8} {req.depart:<8} impossible: {exc}")
            print(f"    to reproduce: {cli(req)}")
            continue
        visited = [v.place for d in it.days[1:] for v in d.visits]
        edits = Edits(lock_days=(1,), remove=tuple(visited[:1]))
        t, c = time.perf_counter(), time.process_time()
        try:
            replan(it, edits, explain=False)
        except ValueError as exc:  # the edit can make the trip impossible: timed all the same
            print(f"{i:>3} {req.days:>4} {req.arrive:<8} {req.depart:<8} replan refused: {exc}")
        rows.append((i, req, took, (time.perf_counter() - t) * 1000, score(it)))
        idle.extend(f"{i}/{n}" for n in days_without_a_sight(it))
        cpu.append((took_cpu, (time.process_time() - c) * 1000))
        late, late_km = night_drives(it)  # after the timings
        dark_legs, dark_km = dark_legs + late, dark_km + late_km
    plan_ms = [r[2] for r in rows]
    replan_ms = [r[3] for r in rows]
    gaps, timed_gaps = [], []
    print(f"{'#':>3} {'days':>4} {'from':<8} {'to':<8} {'plan ms':>8} {'replan ms':>9} "
          f"{'score':>7} {'ref':>7} {'gap %':>6} {'timed':>7} {'gap %':>6}")
    for i, req, took, retook, fast in rows:
        if args.reference <= 0:
            print(f"{i:>3} {req.days:>4} {req.arrive:<8} {req.depart:<8} {took:>8.0f} "
                  f"{retook:>9.0f} {fast:>7.0f}")
            continue
        problem = prepare(req)
        long = solve(problem.instance, MaxRuntime(args.reference), seed=req.seed)
        ref = max(fast, long.score)
        gap = 100 * (ref - fast) / ref if ref > 0 else 0.0
        gaps.append(gap)
        try:
            finished = score(finish(problem, [list(t) for t in long.tours], explain=False,
                                    propose_fixes=False))
        except ValueError:  # the timetable breaks the long run's tours past mending
            finished = 0.0
        timed = max(fast, finished)
        timed_gap = 100 * (timed - fast) / timed if timed > 0 else 0.0
        timed_gaps.append(timed_gap)
        print(f"{i:>3} {req.days:>4} {req.arrive:<8} {req.depart:<8} {took:>8.0f} "
              f"{retook:>9.0f} {fast:>7.0f} {ref:>7.0f} {gap:>6.2f} {timed:>7.0f} "
              f"{timed_gap:>6.2f}", flush=True)
    print()
    print(f"requests planned: {len(plan_ms)} of {args.n}")
    print(f"plan   latency ms: p50 {statistics.median(plan_ms):.0f}  p95 {pct(plan_ms, 0.95):.0f}")
    print(f"replan latency ms: p50 {statistics.median(replan_ms):.0f}  "
          f"p95 {pct(replan_ms, 0.95):.0f}")
    plan_cpu, replan_cpu = [c[0] for c in cpu], [c[1] for c in cpu]
    print(f"plan   CPU ms: p50 {statistics.median(plan_cpu):.0f}  p95 {pct(plan_cpu, 0.95):.0f}  "
          f"sum {sum(plan_cpu):.0f}")
    print(f"replan CPU ms: p50 {statistics.median(replan_cpu):.0f}  "
          f"p95 {pct(replan_cpu, 0.95):.0f}")
    print(f"days without a sight (not the first or last): {len(idle)}"
          + (f" ({', '.join(idle)}: request/day)" if idle else ""))
    print(f"self-drive legs arriving over an hour after dusk: {dark_legs} ({dark_km:.0f} km)")
    if gaps:
        print(f"score gap vs {args.reference:g} s run: mean {statistics.mean(gaps):.2f} %  "
              f"p95 {pct(gaps, 0.95):.2f} %  max {max(gaps):.2f} %")
        print(f"score gap vs {args.reference:g} s run, timed: mean "
              f"{statistics.mean(timed_gaps):.2f} %  p95 {pct(timed_gaps, 0.95):.2f} %  "
              f"max {max(timed_gaps):.2f} %")


if __name__ == "__main__":
    main()
