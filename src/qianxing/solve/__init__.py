"""Optimizer for the Orienteering Problem with Hotel Selection, time windows and lunch."""

from .check import feasible as feasible
from .exact import solve_exact as solve_exact
from .exceptions import InfeasibleInstanceError as InfeasibleInstanceError
from .heuristic import kernels_cached as kernels_cached
from .heuristic import solve as solve
from .heuristic import warm_start as warm_start
from .heuristic import warm_up as warm_up
from .instance import Instance as Instance
from .instance import reentries as reentries
from .model import Hotel as Hotel
from .model import Model as Model
from .model import Poi as Poi
from .ophs import read_ophs as read_ophs
from .params import SolveParams as SolveParams
from .result import Result as Result
from .stop import MaxIterations as MaxIterations
from .stop import MaxRuntime as MaxRuntime
from .stop import MultipleCriteria as MultipleCriteria
from .stop import NoImprovement as NoImprovement
from .stop import StoppingCriterion as StoppingCriterion
from .timing import LUNCH as LUNCH
from .timing import LUNCH_ON_THE_WAY as LUNCH_ON_THE_WAY
from .timing import schedule as schedule
