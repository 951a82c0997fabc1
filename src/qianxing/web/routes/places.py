"""``GET /api/places``: look places up by Chinese name, pinyin, English name or alias."""

from __future__ import annotations

import contextlib
import functools
from typing import Annotated

from fastapi import APIRouter, Query

from ...data.atlas import load_atlas
from ...data.place import Place
from ...data.validate import norm
from ...geo import from_wgs84
from ..models import PlacePublic

router = APIRouter(prefix="/api", tags=["places"])


def _public(p: Place) -> PlacePublic:
    glat, glon = from_wgs84(p.lat, p.lon, "GCJ-02")
    return PlacePublic(
        id=p.id,
        kind=p.kind,
        zh=p.zh,
        en=p.en,
        pinyin=p.pinyin,
        tags=list(p.tags),
        lat=p.lat,
        lon=p.lon,
        gcj_lat=round(glat, 6),
        gcj_lon=round(glon, 6),
    )


@functools.cache
def _all() -> tuple[PlacePublic, ...]:
    atlas = load_atlas()
    return tuple(_public(p) for p in atlas.places.values())


def search_places(q: str, limit: int) -> list[PlacePublic]:
    """Places whose labels contain ``q`` (exact hits first), else close "did you mean" names."""
    if not q.strip():
        return list(_all())[:limit]
    atlas = load_atlas()
    key = norm(q)
    by_id = {p.id: p for p in _all()}
    hits: list[str] = []
    with contextlib.suppress(ValueError):
        hits.append(atlas.find(q).id)
    if key:
        for label, pid in atlas.index.items():
            if key in label and pid not in hits:
                hits.append(pid)
    if not hits:
        names = atlas.suggest(q, limit=limit)
        hits = [atlas.find(n).id for n in names]
    return [by_id[h] for h in hits[:limit] if h in by_id]


@router.get("/places", response_model=list[PlacePublic])
def places(
    q: Annotated[str, Query(max_length=60, description="zh, pinyin or English name")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[PlacePublic]:
    """Matching places (all places when ``q`` is empty, up to ``limit``)."""
    return search_places(q, limit)
