"""Check a route someone else wrote: read it, time it with our transport and facts, say day
by day whether it works, and propose the best plan that keeps its places (`qianxing audit`)."""

from __future__ import annotations

from .report import Audit, RouteError, audit
from .route import Route, RouteDay, Unknown, parse_route
from .timing import DayAudit, Fault, time_route

__all__ = [
    "Audit",
    "DayAudit",
    "Fault",
    "Route",
    "RouteDay",
    "RouteError",
    "Unknown",
    "audit",
    "parse_route",
    "time_route",
]
