"""`qianxing ask`: a trip request in words (zh or en) read into a Request, field by field."""

from .parse import Parsed as Parsed
from .parse import parse as parse
from .text import Ambiguity as Ambiguity
from .text import Finding as Finding
