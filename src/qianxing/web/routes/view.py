"""``POST /api/view``: an itinerary as the HTML of the page's plan, in either language."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from ...i18n import Lang
from ...model import Itinerary
from ...render.html import to_html_fragment
from .._strict import strict_body
from .._validate import same_days
from ..errors import ERRORS
from ..models import PlanView

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["view"])

LangQuery = Annotated[
    Lang | None,
    Query(description="zh or en; default: the language the plan was made in"),
]


def plan_view(itinerary: Itinerary, lang: Lang | None) -> PlanView:
    """The view of ``itinerary`` in ``lang``; a plan that cannot be shown is a 422."""
    try:
        html = to_html_fragment(itinerary, lang)
    except (ValueError, LookupError, TypeError, ArithmeticError) as exc:
        logger.info("itinerary cannot be shown: %s", exc)
        raise HTTPException(422, f"the itinerary cannot be shown: {exc}") from exc
    return PlanView(lang=lang or itinerary.request.lang, html=html)


@router.post(
    "/view", response_model=PlanView, responses=ERRORS, dependencies=[strict_body(Itinerary)]
)
def view(itinerary: Itinerary, lang: LangQuery = None) -> PlanView:
    """The plan's days, places left out and budget as an HTML fragment, rendered with the
    export's templates (escaped, no scripts); ``lang`` re-words a plan without re-planning."""
    return plan_view(same_days(itinerary), lang)
