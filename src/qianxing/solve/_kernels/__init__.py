"""Compiled inner loops (numba), one module per operator (private).

The search spends most of its time trying to insert vertices into trips. In Python each try
costs microseconds of interpreter overhead around a handful of arithmetic operations, so the
loops that generate, rank and time candidates live here, compiled, over plain arrays:

- `timing`: a trip's arrival at its end hotel (`trip_end`), which every operator calls;
- `insert`, `replace`, `shorten`, `between`: the moves of `qianxing.solve.insertion`,
  `qianxing.solve.intra` and `qianxing.solve.inter`;
- `subsets`: the best orders of small sets of mandatory vertices (`qianxing.solve.construct`);
- `bridges`: the single visits that make a trip feasible (`qianxing.solve.hotels.bridges`);
- `fills`: the greedy fill of one trip between each pair of hotels (`qianxing.solve.profiles`);
- `tables`: the instance's data as the arrays the kernels take.

The rules are those of `qianxing.solve.timing` (earliest start, windows, the lunch rule);
`tests/solve/_kernels/` checks that they agree on random trips.

numba caches each compiled function next to its module (``__pycache__``) and checks only that
module's source when it loads one. A kernel compiled into another (every operator inlines
`trip_end`) is therefore not recompiled when only `timing.py` changes: after editing a module,
delete the ``__pycache__`` directory here (or set ``NUMBA_CACHE_DIR`` to a fresh one).
"""

from .between import between as between
from .bridges import bridge_ends as bridge_ends
from .fills import fill_pairs as fill_pairs
from .insert import insert_greedy as insert_greedy
from .replace import replace_pass as replace_pass
from .shorten import shorten as shorten
from .subsets import subset_orders as subset_orders
from .tables import Tables as Tables
from .timing import trip_end as trip_end

MODULES = ("between", "bridges", "fills", "insert", "replace", "shorten", "subsets", "timing")
"""The modules holding compiled kernels (`qianxing.solve.heuristic.kernels_cached`)."""
