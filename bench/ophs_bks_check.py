"""Check the published optimal OPHS tours against our reading of the instance files.

The best-known values in `bench/ophs_bks.csv` come from the run logs of the branch-cut-and-price
paper stored in github.com/mcroboredo/TSPHS_OPHS (commit 60f8ad5, ``OPHS/out/SET_x-y/*.out``,
one ``trip k: v v v`` line per trip, 1-based vertices). This script re-reads those tours and runs
them through our independent checker `qianxing.solve.feasible` with the per-trip limits of our
instance files, and prints each trip's length against its limit.

Usage: ``python bench/ophs_bks_check.py --repo PATH`` where PATH is a clone of
mcroboredo/TSPHS_OPHS (any commit containing 60f8ad5). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
from itertools import pairwise
from pathlib import Path

from qianxing.solve import feasible, read_ophs

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ophs"
COMMIT = "60f8ad5"
LOGS = {  # our instance -> its log in the repository
    "SET1-03-04/64-70-3-4": "OPHS/out/SET_3-4/64-70-3-4.out",
    "SET2-05-03/66-60-5-3": "OPHS/out/SET_5-3/66-60-5-3.out",
    "SET2-06-04/66-50-6-4": "OPHS/out/SET_6-4/66-50-6-4.out",
}


def tours_of(repo: Path, path: str) -> list[list[int]]:
    text = subprocess.run(
        ["git", "-C", str(repo), "show", f"{COMMIT}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        [int(x) - 1 for x in line.split(":", 1)[1].split()]
        for line in text.splitlines()
        if line.startswith("trip ")
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, required=True, help="clone of mcroboredo/TSPHS_OPHS")
    args = ap.parse_args()
    for name, log in LOGS.items():
        inst = read_ophs(SHARED / f"{name}.ophs")
        tours = tours_of(args.repo, log)
        score = sum(float(inst.profits[v]) for t in tours for v in t[1:-1])
        print(f"{name}: published score {score:g}")
        for k, tour in enumerate(tours):
            length = sum(float(inst.travel[a, b]) for a, b in pairwise(tour))
            limit = inst.day_limits[k]
            flag = "  OVER" if length > limit + 1e-9 else ""
            print(f"  trip {k}: length {length:.5f}  limit {limit:.5f}{flag}")
        problems = feasible(inst, tours)
        print("  checker:", "; ".join(problems) if problems else "feasible")


if __name__ == "__main__":
    main()
