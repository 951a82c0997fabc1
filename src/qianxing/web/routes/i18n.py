"""``GET /api/i18n/{lang}``: the gettext catalogue of a language, for the page's words."""

from __future__ import annotations

import hashlib
import json
from functools import cache

from fastapi import APIRouter, HTTPException, Request, Response

from ...i18n import LANGS, N_, messages
from ..errors import ERRORS

router = APIRouter(prefix="/api", tags=["i18n"])

PAGE_MESSAGES = (
    N_("lock"),
    N_("remove"),
    N_("undo"),
    N_("move to"),
    N_("move up"),
    N_("move down"),
)
"""Words the page shows on the plan that no renderer uses (its edit controls); marked here so
that they are in the catalogues the page reads."""

CACHE_CONTROL = "public, max-age=3600"


@cache
def _catalogue(lang: str) -> tuple[bytes, str]:
    body = json.dumps(messages(lang), ensure_ascii=False, sort_keys=True).encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


@router.get(
    "/i18n/{lang}",
    response_model=dict[str, str],
    responses={404: ERRORS[404]},
)
def catalogue(lang: str, request: Request) -> Response:
    """Every translated message of ``lang`` as ``{message id: text}``; ids are the English
    text, so the English catalogue is empty. Cacheable (``ETag``, ``Cache-Control``)."""
    if lang not in LANGS:
        raise HTTPException(404, f"no catalogue for {lang!r}; use one of {', '.join(LANGS)}")
    body, etag = _catalogue(lang)
    headers = {"Cache-Control": CACHE_CONTROL, "ETag": etag}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
