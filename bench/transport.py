"""Transport benchmark: how real the planned journeys are, and the model against held-apart figures.

For the planner benchmark's N requests (bench/plan.py's generator, same seed), planned once per
transport setting (public, public+car, charter, self-drive), it prints
- the share of public-transport steps (rail, bus, shuttle) that are scheduled services of the
  feed, i.e. carry a service and a timetable (target 100 %), and how many of those rest on an
  estimated frequency rather than a cited timetable;
- taxi and hired-car km per plan, and the mean wait per rail step;
- how many requests were refused;
then the model's travel times against the held-apart sourced set `bench/transport_validation.yaml`
(share within 25 %; target at least 90 %).

Usage: ``python bench/transport.py [--n 50] [--seed 0]``. Prints figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from plan import requests
from qianxing.exceptions import ImpossibleRequestError
from qianxing.geo import great_circle_km
from qianxing.model import Itinerary, Step
from qianxing.plan import plan
from qianxing.travel import BOARD_MIN, WALK_KMH, TravelModel, travel_model

PUBLIC_MODES = {"rail", "bus", "shuttle"}
SETTINGS = ("public", "public+car", "charter", "self-drive")


def steps(it: Itinerary) -> list[Step]:
    return [s for d in it.days for leg in d.legs for s in leg.steps]


def run_setting(transport: str, n: int, seed: int) -> dict[str, float]:
    plans, refused = [], 0
    for req in requests(n, seed):
        try:
            plans.append(plan(req.model_copy(update={"transport": transport}), explain=False))
        except ImpossibleRequestError:
            refused += 1
    all_steps = [s for it in plans for s in steps(it)]
    public = [s for s in all_steps if s.mode in PUBLIC_MODES]
    scheduled = [s for s in public if s.service is not None and s.timetable is not None]
    estimated = [s for s in scheduled if s.timetable is not None and s.timetable.kind == "estimate"]
    rail_waits = [float(s.wait_minutes or 0) for s in scheduled if s.mode == "rail"]

    def km(mode: str) -> float:
        per_plan = [sum(float(s.km) for s in steps(it) if s.mode == mode) for it in plans]
        return statistics.mean(per_plan) if per_plan else 0.0

    return {
        "plans": len(plans),
        "refused": refused,
        "public_steps": len(public),
        "scheduled_share": len(scheduled) / len(public) if public else 1.0,
        "estimated_share": len(estimated) / len(scheduled) if scheduled else 0.0,
        "taxi_km": km("taxi"),
        "hired_km": km("hired-car") + km("car"),
        "rail_wait": statistics.mean(rail_waits) if rail_waits else 0.0,
    }


MEASURES = ("drive", "walk", "ride", "door")
"""What a cited figure measures, and so what of the model's journey it is compared with
(bench/README.md, "What a validation figure measures"):

- ``drive``: a car's time on the road from one place to the other (`Roads.route`: graph,
  urban or factor part), no waiting for the car;
- ``walk``: the travel model's walk, 1.2 x great circle at `WALK_KMH`;
- ``ride``: a public journey's time aboard, from the departure of its first timetabled ride
  to the arrival of its last, waits at changes included: the shortest over the day's
  departures of the first ride (each later ride the next one after its boarding allowance),
  without the walk or taxi to the first stop and from the last, the boarding allowance or the
  wait for the first departure. A source saying "the bus takes an hour" measures this;
- ``door``: a public journey door to door for a traveller who knows the timetable: the legs to
  the first stop and from the last, the first ride's boarding allowance and the ``ride``
  above (no wait for a departure: the traveller leaves to catch it).

A public figure may say ``by`` (bus, rail): the vehicle the source rode. A ``ride`` figure is
then compared with the feed's direct service of that kind between the two places (or the
stations that serve them, a town's bus station) when there is one (the shortest ride), whatever
journey the planner would choose (a taxi to 天河潭 does not time the bus to it); otherwise with
the model's journey, and when that takes no ride of that kind (a train where the source took a
bus the feed lacks) the model has no number for it and the figure counts as a miss."""


def _ride(steps: list[Any], public: TravelModel) -> tuple[float, int, int] | None:
    """(shortest ride minutes, index of the first and of the last timetabled step) of a
    public journey's ``steps``, or None when it takes no timetabled ride."""
    rides = [k for k, s in enumerate(steps) if s.route is not None and s.mode in BOARD_MIN]
    if not rides:
        return None
    first, last = rides[0], rides[-1]
    best = math.inf
    for d in public.feed.departures(steps[first].frm, steps[first].to):
        t = public.follow(steps[first + 1 : last + 1], float(d.arrive))
        if t is not None:
            best = min(best, t - d.depart)
    return (best, first, last) if math.isfinite(best) else None


def _stops(place: str, places: dict[str, Any]) -> list[str]:
    """A place and the stations that serve it (a town's bus station): a source riding "the bus
    from 凯里" rode it from the town's bus station, so the feed's service from there is the
    direct service between the two places."""
    return [place, *(p.id for p in places.values() if p.kind == "station" and p.base == place)]


def model_minutes(entry: dict[str, Any], public: TravelModel, car: TravelModel) -> float | None:
    """The model's minutes for what ``entry`` measures (`MEASURES`), None when the model has no
    such journey."""
    a, b, measures = entry["from"], entry["to"], entry["measures"]
    places = car.atlas.places
    if measures == "walk":  # the travel model's walk: 1.2 x great circle at WALK_KMH
        gc = great_circle_km(places[a].lat, places[a].lon, places[b].lat, places[b].lon)
        return max(2.0, gc * 1.2 / WALK_KMH * 60)
    if measures == "drive":
        return car.roads.route(places[a], places[b]).minutes  # graph, urban or factor
    by = entry.get("by")  # the vehicle the source rode: a bus figure does not time a train
    direct = [
        d.arrive - d.depart
        for x in _stops(a, places)
        for y in _stops(b, places)
        for d in public.feed.departures(x, y)
        if d.route.mode == by
    ]
    if measures == "ride" and direct:  # the feed's own service of that kind between the two
        return float(min(direct))
    if not public.reachable(a, b):
        return None
    steps = public.steps(a, b)
    ride = _ride(steps, public)
    if by is not None and (ride is None or all(s.mode != by for s in steps if s.route)):
        return None
    if ride is None:  # a walk or a taxi: no timetable to wait for
        return float(sum(s.minutes for s in steps))
    minutes, first, last = ride
    if measures == "ride":
        return minutes
    access = sum(s.minutes for s in steps[:first]) + sum(s.minutes for s in steps[last + 1 :])
    return float(access + BOARD_MIN[steps[first].mode] + minutes)


def validation() -> None:
    entries = yaml.safe_load((Path(__file__).parent / "transport_validation.yaml").read_text())
    public, car = travel_model("public"), travel_model("charter")
    within = 0
    print(
        f"\n{'from':<14} {'to':<18} {'mode':<7} {'measures':<8} {'cited':>6} {'model':>6} "
        f"{'ratio':>6}"
    )
    for e in entries:
        if e.get("measures") not in MEASURES:
            raise SystemExit(f"{e['from']} -> {e['to']}: measures must be one of {MEASURES}")
        m = model_minutes(e, public, car)
        ratio = None if m is None else m / float(e["minutes"])
        ok = ratio is not None and 0.75 <= ratio <= 1.25
        within += ok
        shown = "     -" if m is None else f"{m:6.0f}"
        r = "  none" if ratio is None else f"{ratio:6.2f}"
        print(
            f"{e['from']:<14} {e['to']:<18} {e['mode']:<7} {e['measures']:<8} "
            f"{e['minutes']:>6} {shown} {r}"
        )
    print(f"held-apart figures within 25 %: {within}/{len(entries)} = {within / len(entries):.0%}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--validation-only", action="store_true", help="only the held-apart figures, no plans"
    )
    args = ap.parse_args()
    if args.validation_only:
        validation()
        return
    print(
        f"{'transport':<11} {'plans':>5} {'refused':>7} {'public steps':>12} {'scheduled':>9} "
        f"{'of which est.':>13} {'taxi km':>8} {'car km':>7} {'rail wait':>9}"
    )
    for transport in SETTINGS:
        r = run_setting(transport, args.n, args.seed)
        print(
            f"{transport:<11} {r['plans']:>5.0f} {r['refused']:>7.0f} {r['public_steps']:>12.0f} "
            f"{r['scheduled_share']:>9.0%} {r['estimated_share']:>13.0%} {r['taxi_km']:>8.1f} "
            f"{r['hired_km']:>7.1f} {r['rail_wait']:>9.1f}"
        )
    validation()


if __name__ == "__main__":
    main()
