"""List, or with --fix remove, the estimates that a cited observation has superseded.

docs/data.md, "Superseded estimates": an estimate is removed from the pack once a cited
observation of the same fact holds wherever the estimate holds (``facts.superseded``); it could
never be resolved, nor enter a range or a conflict test, and git history keeps it.
`qianxing data check` reports one that is left; this script removes them line by line so the
files keep their layout and comments:

    PYTHONPATH=src python scripts/superseded.py [--fix] [PACK_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from qianxing.data.facts import superseded
from qianxing.data.pack import DEFAULT_REGION, PACKS_DIR
from qianxing.data.schema import Observation, RoadTime


def _observations(node: yaml.Node) -> list[list[yaml.MappingNode]]:
    """Every sequence of observations (mappings with a value and a source) under ``node``."""
    out: list[list[yaml.MappingNode]] = []
    if isinstance(node, yaml.SequenceNode):
        items = node.value
        keys = [
            {k.value for k, _ in i.value} if isinstance(i, yaml.MappingNode) else set()
            for i in items
        ]
        if items and all({"value", "source"} <= k for k in keys):
            out.append(items)
            return out
        for i in items:
            out += _observations(i)
    elif isinstance(node, yaml.MappingNode):
        for _, v in node.value:
            out += _observations(v)
    return out


def spans(text: str) -> list[tuple[int, int]]:
    """The line spans (first, end) of every superseded estimate in one YAML file's text."""
    root = yaml.compose(text)
    if root is None:
        return []
    lines = text.splitlines()
    loader = yaml.SafeLoader("")
    out = []
    for items in _observations(root):
        raw = [loader.construct_object(i, deep=True) for i in items]
        kind = RoadTime if any("by" in r for r in raw) else Observation[object]  # a road time
        obs = [kind.model_validate(r) for r in raw]
        for i in superseded(obs):
            node = items[i]
            if node.flow_style:
                raise ValueError(
                    f"line {node.start_mark.line + 1}: a flow-style list; edit it by hand"
                )
            first, dash = node.start_mark.line, node.start_mark.column - 2
            if lines[first][dash : dash + 2] != "- ":
                raise ValueError(f"line {first + 1}: not a block list item; edit it by hand")
            end = first + 1
            while end < len(lines) and (
                not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > dash
            ):
                end += 1
            while end > first + 1 and (
                not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
            ):
                end -= 1
            out.append((first, end))
    return out


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    args = [a for a in argv if a != "--fix"]
    root = Path(args[0]) if args else PACKS_DIR / DEFAULT_REGION
    total = 0
    for path in sorted(root.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = spans(text)
        total += len(found)
        lines = text.splitlines(keepends=True)
        for first, _end in found:
            print(f"{path.relative_to(root)} line {first + 1}: superseded estimate")  # noqa: T201
        if fix and found:
            drop = {n for first, end in found for n in range(first, end)}
            path.write_text(
                "".join(x for n, x in enumerate(lines) if n not in drop), encoding="utf-8"
            )
    print(f"{total} superseded estimate(s){' removed' if fix else ''}")  # noqa: T201
    return 1 if total and not fix else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
