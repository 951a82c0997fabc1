"""One way down: each module imports only modules of its own layer or the layers before it
(docs/architecture.md draws the same list; README's "How it works" follows it)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("optimizer (knows nothing of the region)", ("qianxing.solve",)),
    (
        "foundations",
        (
            "qianxing.exceptions",
            "qianxing.geo",
            "qianxing.i18n",
            "qianxing.message",
            "qianxing.modes",
        ),
    ),
    ("data pack", ("qianxing.data",)),
    ("request and itinerary types", ("qianxing.model",)),
    ("request in words", ("qianxing.ask",)),
    ("travel model", ("qianxing.roads", "qianxing.travel")),
    ("solver instance", ("qianxing.daylight", "qianxing.pace", "qianxing.instance")),
    ("timed legs", ("qianxing.timeline",)),
    ("enrichment", ("qianxing.enrich",)),
    ("refusals", ("qianxing.refusal",)),
    ("reasons", ("qianxing.explain",)),
    ("checker", ("qianxing.check",)),
    ("planner", ("qianxing.plan",)),
    ("re-planner", ("qianxing.replan",)),
    ("route audit", ("qianxing.audit",)),
    ("renderers", ("qianxing.render",)),
    (
        "shells",
        (
            "qianxing.cli",
            "qianxing.cli_ask",
            "qianxing.cli_audit",
            "qianxing.cli_ophs",
            "qianxing.cli_web",
            "qianxing.web",
        ),
    ),
]


def _layer(module: str) -> int:
    best, found = -1, -1
    for i, (_name, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, found = len(p), i
    if module == "qianxing":
        return len(LAYERS) - 1  # the package's public API re-exports the planner
    assert found >= 0, f"{module} is in no layer: add it to LAYERS and docs/architecture.md"
    return found


def _modules() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in (SRC / "qianxing").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[:-1]  # what a relative import is relative to
        if parts[-1] == "__init__":
            parts = parts[:-1]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)]
                deps.add(".".join(base + ([node.module] if node.module else [])))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qianxing"):
                deps.add(node.module or "")
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("qianxing"))
        out[".".join(parts)] = deps
    return out


def test_imports_go_one_way() -> None:
    """No module imports from a layer after its own."""
    backwards = [
        f"{m} ({LAYERS[_layer(m)][0]}) imports {d} ({LAYERS[_layer(d)][0]})"
        for m, deps in _modules().items()
        for d in deps
        if _layer(d) > _layer(m)
    ]
    assert backwards == []


def test_optimizer_knows_nothing_of_the_region() -> None:
    """The solver package imports nothing of qianxing outside itself."""
    outside = [
        f"{m} imports {d}"
        for m, deps in _modules().items()
        if m.startswith("qianxing.solve")
        for d in deps
        if not d.startswith("qianxing.solve")
    ]
    assert outside == []


def test_architecture_page_names_every_layer() -> None:
    """docs/architecture.md lists the layers this test enforces."""
    page = (SRC.parent / "docs" / "architecture.md").read_text("utf-8")
    for _name, prefixes in LAYERS:
        for p in prefixes:
            rel = p.removeprefix("qianxing.").replace(".", "/")
            assert rel in page, f"docs/architecture.md does not mention {rel}"
