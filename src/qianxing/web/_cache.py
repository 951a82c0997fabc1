"""A per-process cache of plans: the planner is deterministic for the same request and seed
(searches stop on iterations, not on the clock), so an identical request is answered with
the plan made before. Concurrent identical requests wait for the one being planned.

The key is the request's canonical JSON, the solver's time cap and today's date in China
(a request without month or date is planned for the current month, and holidays depend on
the year). Errors are not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Itinerary, Request
from ._dates import today

MAX_ENTRIES = 256


@dataclass
class _Pending:
    done: threading.Event = field(default_factory=threading.Event)
    result: Itinerary | None = None


class PlanCache:
    """Least-recently-used plans by request; ``hits`` and ``misses`` count the answers."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self.plans: OrderedDict[str, Itinerary] = OrderedDict()
        self.pending: dict[str, _Pending] = {}
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(req: Request, seconds: float) -> str:
        return f"{today().isoformat()}|{seconds!r}|{req.model_dump_json()}"

    def get(
        self, req: Request, seconds: float, make: Callable[[], Itinerary]
    ) -> tuple[Itinerary, bool]:
        """The plan for ``req`` (a copy) and whether it came from the cache."""
        key = self.key(req, seconds)
        while True:
            with self.lock:
                if key in self.plans:
                    self.plans.move_to_end(key)
                    self.hits += 1
                    return self.plans[key].model_copy(deep=True), True
                waiting = self.pending.get(key)
                if waiting is None:
                    mine = self.pending[key] = _Pending()
                    break
            waiting.done.wait()
            if waiting.result is None:  # the first attempt failed: plan it ourselves
                with self.lock:
                    if self.pending.get(key) is waiting:
                        del self.pending[key]
        try:
            plan = make()
        except BaseException:
            with self.lock:
                del self.pending[key]
            mine.done.set()
            raise
        with self.lock:
            self.misses += 1
            self.plans[key] = plan
            while len(self.plans) > self.max_entries:
                self.plans.popitem(last=False)
            mine.result = plan
            del self.pending[key]
        mine.done.set()
        return plan.model_copy(deep=True), False
