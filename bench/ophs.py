"""Benchmark `qianxing.solve.solve` against best-known values and an OR-Tools baseline.

Usage: ``python bench/ophs.py [--seconds S] [--only SUBSTR ...] [--no-baseline] [--seed K]``.
Prints one row per instance and the mean gap per set; it is not a test.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from pathlib import Path

from qianxing.solve import MaxRuntime, feasible, read_ophs, solve
from qianxing.solve.ortools_baseline import solve_ortools

ROOT = Path("/work/shared/bench/ophs")
BKS = Path(__file__).with_name("ophs_bks.csv")


def _gap(bks: float | None, score: float) -> float | None:
    return None if bks is None or bks == 0 else 100.0 * (bks - score) / bks


def _fmt(x: float | None) -> str:
    return "   n/a" if x is None else f"{x:6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="budget per solver run")
    parser.add_argument("--only", nargs="*", default=[], help="instance-name substrings")
    parser.add_argument("--no-baseline", action="store_true", help="skip OR-Tools")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()

    bks: dict[str, float | None] = {}
    with BKS.open() as fh:
        for row in csv.DictReader(fh):
            bks[row["instance"]] = None if row["bks"] == "unknown" else float(row["bks"])

    files = sorted(args.root.glob("SET*/*.ophs"))
    if args.only:
        files = [f for f in files if any(s in str(f) for s in args.only)]
    print(
        f"{'set':<11} {'instance':<14} {'bks':>6} | {'ours':>6} {'gap%':>6} {'s':>5} {'ok':>3}"
        f" | {'ortools':>7} {'gap%':>6} {'s':>5} {'ok':>3}"
    )
    per_set: dict[str, list[tuple[float | None, float | None, float, float]]] = {}
    for f in files:
        inst = read_ophs(f)
        best = bks.get(f.stem)
        ours = solve(inst, MaxRuntime(args.seconds), seed=args.seed)
        ok = "yes" if not feasible(inst, ours.tours) else "NO"
        line = (
            f"{f.parent.name:<11} {f.stem:<14} {best if best is not None else 'unk':>6} | "
            f"{ours.score:6.0f} {_fmt(_gap(best, ours.score))} {ours.seconds:5.1f} {ok:>3}"
        )
        base_score = float("nan")
        base_gap = None
        if not args.no_baseline:
            base = solve_ortools(inst, seconds=args.seconds)
            bok = "yes" if not feasible(inst, base.tours) else "NO"
            base_score, base_gap = base.score, _gap(best, base.score)
            line += f" | {base.score:7.0f} {_fmt(base_gap)} {base.seconds:5.1f} {bok:>3}"
        print(line, flush=True)
        per_set.setdefault(f.parent.name.split("-")[0], []).append(
            (_gap(best, ours.score), base_gap, ours.score, base_score)
        )
    print("\nper set: mean gap% to BKS (instances with known BKS) | wins/ties/losses vs OR-Tools")
    for name, rows in sorted(per_set.items()):
        ours_gaps = [g for g, _, _, _ in rows if g is not None]
        base_gaps = [g for _, g, _, _ in rows if g is not None]
        wins = sum(o > b for _, _, o, b in rows)
        ties = sum(o == b for _, _, o, b in rows)
        mo = _fmt(statistics.mean(ours_gaps)) if ours_gaps else "   n/a"
        mb = _fmt(statistics.mean(base_gaps)) if base_gaps else "   n/a"
        print(
            f"{name:<5} n={len(rows):2d} known={len(ours_gaps):2d} ours {mo} ortools {mb} "
            f"| {wins}/{ties}/{len(rows) - wins - ties}"
        )


if __name__ == "__main__":
    main()
