"""What every kernel module shares: the numba decorator and the array types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

EPS = 1e-6
"""Tolerance of every time comparison (the time unit's millionth)."""

F = TypeVar("F", bound=Callable[..., Any])
jit = cast(Callable[[F], F], numba.njit(cache=True, nogil=True))
"""Compile with numba, cached on disk next to the module (``__pycache__``)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
