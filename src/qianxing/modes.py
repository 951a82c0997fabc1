"""The transport modes: one registry that the travel model, the checker and every view read.

A new mode is one entry here (its English name is the gettext message id of its label, so
`locale/*/qianxing.po` gets one line) plus the edges that produce it in `travel.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .i18n import N_

Mode = Literal["walk", "taxi", "car", "hired-car", "rail", "bus", "shuttle"]


@dataclass(frozen=True)
class ModeInfo:
    """What a mode is: its label, whether it runs to a timetable, whether it is a car."""

    label: str  # English; the message id of the label in the catalogues
    scheduled: bool = False  # boards a service of the timetable
    car: bool = False  # a taxi or car, priced per vehicle
    board_min: float = 0.0  # minutes at the stop before a departure


MODES: dict[str, ModeInfo] = {
    "walk": ModeInfo(N_("walk")),
    "taxi": ModeInfo(N_("taxi / ride-hailing"), car=True),
    "car": ModeInfo(N_("chartered car / self-drive"), car=True),
    "hired-car": ModeInfo(N_("hired car (one leg)"), car=True),
    # rail security and ticket checks close boarding a few minutes before departure, and
    # stations are large (12306 asks for arrival well ahead)
    "rail": ModeInfo(N_("train"), scheduled=True, board_min=30.0),
    "bus": ModeInfo(N_("bus"), scheduled=True, board_min=15.0),
    "shuttle": ModeInfo(N_("scenic-area shuttle"), scheduled=True, board_min=10.0),
}
"""Every mode, in the order legends list them."""

BOARD_MIN: dict[str, float] = {m: i.board_min for m, i in MODES.items() if i.scheduled}
"""Minutes at the stop before a departure, by scheduled mode."""
CAR_MODES = frozenset(m for m, i in MODES.items() if i.car)

__all__ = ["BOARD_MIN", "CAR_MODES", "MODES", "Mode", "ModeInfo"]
