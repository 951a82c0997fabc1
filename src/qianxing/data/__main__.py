"""`python -m qianxing.data`: the same check as `qianxing data check`, for pack editors."""

import sys

from .pack import DEFAULT_REGION, PACKS_DIR, read_pack
from .validate import check_pack


def main() -> int:
    pack, problems = read_pack(PACKS_DIR / (sys.argv[1] if len(sys.argv) > 1 else DEFAULT_REGION))
    if pack is not None:
        problems += check_pack(pack)
    for p in problems:
        print(p)  # noqa: T201
    print(f"{len(problems)} problem(s)")  # noqa: T201
    return 1 if problems else 0


sys.exit(main())
