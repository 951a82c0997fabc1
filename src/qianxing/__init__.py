"""黔行 Qianxing: an open, honest trip planner for first-time visitors to Guizhou."""

import logging

from .check import check_itinerary as check_itinerary
from .exceptions import ImpossibleRequestError as ImpossibleRequestError
from .exceptions import UnknownPlaceError as UnknownPlaceError
from .model import Itinerary as Itinerary
from .model import Request as Request
from .plan import plan as plan
from .replan import Edits as Edits
from .replan import replan as replan

logging.getLogger(__name__).addHandler(logging.NullHandler())
__version__ = "0.1.0"
