"""The travel model on its own: road calibration, shortest journeys, fares, transport modes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.data.atlas import load_atlas
from qianxing.exceptions import NoRouteError
from qianxing.geo import great_circle_km
from qianxing.roads import calibrate
from qianxing.travel import RAIL_KM_PER_GC_KM, fare_range, leg_mode, travel_model


def test_calibration_is_fitted_and_plausible() -> None:
    """The road factor and speed are fitted on cited samples and sit in physical bounds (a
    road is never shorter than the great circle; mountain-province speeds are below 100 km/h)."""
    road = calibrate(load_atlas("guizhou"))
    assert road.samples >= 3
    assert 1.0 <= road.factor <= 2.0
    assert 30.0 <= road.speed_kmh <= 100.0
    assert road.overhead_min >= 0.0
    assert road.minutes(0.0) == 0.0
    assert road.minutes(100.0) > road.minutes(10.0) > 0.0
    assert road.mape_km is not None and road.mape_km < 50.0  # percent
    # a third of the cited samples are kept apart and only scored, never fitted on
    assert road.held_out >= 3 and road.held_out_mape_minutes is not None


def test_held_out_samples_are_not_fitted_on() -> None:
    """Changing a held-out sample's cited time changes the reported validation error but not
    the fitted model."""
    import dataclasses

    from qianxing.roads import split

    atlas = load_atlas("guizhou")
    a = calibrate(atlas)
    _fit, held_out = split(atlas, "minutes")
    assert held_out
    for held in held_out:
        doubled = [o.model_copy(update={"value": float(o.value) * 2}) for o in held.minutes]
        roads = tuple(
            r if r is not held else r.model_copy(update={"minutes": doubled})
            for r in atlas.pack.roads
        )
        b = calibrate(dataclasses.replace(atlas, pack=dataclasses.replace(atlas.pack, roads=roads)))
        assert (a.factor, a.speed_kmh, a.overhead_min) == (b.factor, b.speed_kmh, b.overhead_min)
        assert a.held_out_mape_minutes != b.held_out_mape_minutes


@pytest.mark.parametrize("transport", ["public", "charter", "self-drive"])
def test_journeys_are_consistent_with_their_steps(transport: str) -> None:
    """Each journey between two places chains from origin to destination and has an ordered
    fare range, and the pair's minutes are those of its quickest journey (plus boarding
    buffers, never less)."""
    model = travel_model(transport)
    atlas = model.atlas
    ids = ["guiyang", "huangguoshu", "xijiang-miaozhai", "fanjingshan", "xiaoqikong"]
    ids = [i for i in ids if i in atlas.places]
    assert len(ids) >= 4
    assert model.reachable("guiyang", "huangguoshu") and model.reachable("huangguoshu", "guiyang")
    for a in ids:
        for b in ids:
            if not model.reachable(a, b):
                with pytest.raises(NoRouteError):
                    model.steps(a, b)
                assert transport == "public"  # only public transport can lack a way
                continue
            steps = model.steps(a, b)
            if a == b:
                assert steps == [] and model.time(a, b) == 0.0
                continue
            journeys = model.alternatives(a, b)
            assert journeys[0] == steps
            for steps in journeys:
                assert steps[0].frm == a and steps[-1].to == b
                assert all(s.to == t.frm for s, t in itertools.pairwise(steps))
                assert model.time(a, b) <= sum(s.minutes for s in steps) + 1e-6
                low, high, _over = fare_range(steps)
                assert 0.0 <= low <= high
                assert leg_mode(steps) in {s.mode for s in steps}
            quickest = min(sum(s.minutes for s in j) for j in journeys)
            assert model.time(a, b) == pytest.approx(quickest)


@pytest.mark.xfail(
    strict=True,
    reason="by design: a journey minimises minutes + fare / value of time, not minutes alone, "
    "so minutes need not be metric (黄果树镇 → 西江 takes a cheaper 561-min journey while via "
    "安顺 is 543 min); the property that holds is tested below on the generalized cost",
)
def test_matrix_obeys_the_triangle_inequality() -> None:
    """Shortest journeys: going via a third place is never faster than the journey itself."""
    model = travel_model("public")
    ids = [p.id for p in model.atlas.bases][:12]
    m = model.matrix(ids)
    assert (m >= 0).all() and np.allclose(np.diag(m), 0.0)
    via = (m[:, :, None] + m[None, :, :]).min(axis=1)
    assert (m <= via + len(ids)).all()  # whole-minute rounding may add a minute per hop


def test_generalized_cost_obeys_the_triangle_inequality() -> None:
    """What journeys minimise (minutes + fare / value of time) is never beaten by going via a
    third place on the same layer (arriving there not straight off a car)."""
    model = travel_model("public")
    n = model.n
    cost = model._cost[:n, :n]  # layer 0: at a place, not just off a car
    finite = np.where(np.isfinite(cost), cost, 1e9)
    via = (finite[:, :, None] + finite[None, :, :]).min(axis=1)
    assert (finite <= via + 1e-6).all()


def test_public_transport_never_drives_yourself() -> None:
    """Only self-drive uses the drive mode; a public plan's journeys use public modes or taxis."""
    public = travel_model("public")
    ids = [p.id for p in public.atlas.bases][:10]
    pairs = [(a, b) for a in ids for b in ids if public.reachable(a, b)]
    assert len(pairs) > len(ids)
    modes = {s.mode for a, b in pairs for s in public.steps(a, b)}
    assert "drive" not in modes


def test_latest_start_is_the_last_ride_less_what_comes_before_it() -> None:
    """A journey's latest start is its ride's last departure less the boarding allowance and
    the time before the ride; a journey by car has none."""
    from qianxing.travel import BOARD_MIN

    model = travel_model("public")
    checked = 0
    for a, b in [("kaili", "xijiang"), ("guiyang", "huangguoshu"), ("tongren", "jiangkou")]:
        steps = model.steps(a, b)
        rides = [k for k, s in enumerate(steps) if s.route is not None]
        assert rides, (a, b)
        k = rides[0]
        last = max(d.depart for d in model.feed.departures(steps[k].frm, steps[k].to))
        before = sum(s.minutes for s in steps[:k])
        assert model.latest(a, b) <= last - BOARD_MIN[steps[k].mode] - before + 1e-9
        checked += 1
    assert checked == 3
    car = travel_model("charter")
    assert np.isinf(car.latest_matrix(["guiyang", "xijiang"])).all()
    assert np.isfinite(model.latest_matrix(["kaili", "xijiang"])[0, 1])


def test_latest_start_catches_every_ride_of_the_journey_as_timed() -> None:
    """With two rides, the last departure of the second less the typical time before it
    was too late a start for half the pack's such journeys: the first ride's service that
    reaches it leaves earlier (贵阳 → 江口: the train to 铜仁, then the bus). The latest start
    is the last one from which the timeline (`follow`) still makes every ride; a minute
    later, no journey of the pair does."""
    model = travel_model("public")
    for a, b in [("guiyang", "jiangkou"), ("huangguoshu-falls", "xiaoqikong-scenic")]:
        journeys = model.alternatives(a, b)
        assert any(sum(s.route is not None for s in steps) >= 2 for steps in journeys)
        latest = model.latest(a, b)
        assert np.isfinite(latest)
        assert any(model.follow(steps, latest) is not None for steps in journeys), (a, b)
        assert all(model.follow(steps, latest + 1) is None for steps in journeys), (a, b)


def test_a_taxi_within_one_town_area_is_local_whatever_its_km() -> None:
    """`public`'s 30-km taxi limit is for hops between towns: 天河潭, 21 km from 贵阳's
    centre in its 花溪 district, was 30.2 road-km by the road model and lost its taxi home
    to that hard edge. A hop with both ends in one town area (`local_areas`) is a taxi ride
    at any km (贵阳's places beyond 30 road-km, 夜郎谷 among them); between towns, and to a
    place outside the area, the limit holds."""
    from qianxing.roads import Roads
    from qianxing.travel import TAXI_MAX_ROAD_KM, local_areas

    atlas = load_atlas()
    public = travel_model("public")
    roads = Roads(atlas)
    areas = local_areas(atlas)
    places = atlas.places
    assert areas["tianhetan"] == "guiyang"
    beyond = [
        p
        for p, area in areas.items()
        if area == "guiyang"
        and roads.route(places["guiyang"], places[p]).km > TAXI_MAX_ROAD_KM
    ]
    assert "yelanggu" in beyond
    for p in [*beyond, "tianhetan"]:
        for a, b in (("guiyang", p), (p, "guiyang")):
            taxi = public.car(a, b)
            assert taxi is not None and taxi.mode == "taxi"
    # between towns, or out of the town's area, a long hop is no taxi
    far = [
        (a.id, b.id)
        for a in atlas.places.values()
        for b in atlas.places.values()
        if a.id != b.id
        and (areas.get(a.id) is None or areas.get(a.id) != areas.get(b.id))
        and roads.route(a, b).km > TAXI_MAX_ROAD_KM
    ]
    assert ("guiyang", "qingyan") in far  # 贵阳's place 28 km out: outside the area
    assert ("guiyang", "anshun") in far
    assert all(public.car(a, b) is None for a, b in far)


def test_a_ride_shows_its_own_km() -> None:
    """A bus's km is its road's, from the sourced graph where it reaches (贵阳 → 织金: the
    cited 151 km); a train's is the straight line times the rail factor, not a car's road
    (贵阳北 → 安顺西 showed 126 km by the road factor)."""
    public = travel_model("public")
    places = public.atlas.places
    (bus,) = public.steps("guiyang", "zhijin")
    assert bus.mode == "bus" and bus.km == pytest.approx(151.0)
    (train,) = public.steps("guiyangbei-stn", "anshunxi-stn")
    a, b = places["guiyangbei-stn"], places["anshunxi-stn"]
    straight = great_circle_km(a.lat, a.lon, b.lat, b.lon)
    assert train.mode == "rail" and train.km == pytest.approx(RAIL_KM_PER_GC_KM * straight)
    assert train.km < public.road.km(a, b)
