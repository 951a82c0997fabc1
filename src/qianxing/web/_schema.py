"""The OpenAPI document with the rules the models check in code stated as JSON Schema.

A request the schema allows must not be refused for its shape: times are HH:MM, interest
weights lie in 0–10, the party has a traveller, the region is a bundled pack, an
itinerary has as many days as its request asks for, and optional headers are strings
(never ``null``). What only the data pack can decide (a place's name, whether a trip fits
in the days, whether an itinerary is feasible and ours) stays a documented 422.
"""

from __future__ import annotations

from typing import Any

from ..data.pack import PACKS_DIR
from ._strict import LIMIT

HHMM = r"^(2[0-3]|[01][0-9]|[0-9]):([0-5][0-9]|[0-9])$"
"""What ``HH:MM`` parsing accepts (``9:30`` too); answers always write two digits."""


def _request(schema: dict[str, Any]) -> None:
    props = schema["properties"]
    for name in ("arrive_time", "depart_time"):
        props[name]["pattern"] = HHMM
    like = props["like"]
    like["additionalProperties"] = {"type": "number", "minimum": 0, "maximum": 10}
    like["maxProperties"] = 40
    props["region"]["enum"] = sorted(
        d.name for d in PACKS_DIR.iterdir() if (d / "region.yaml").is_file()
    )
    # at least one traveller: adults (1 unless given), children, seniors or students
    schema["anyOf"] = [
        {"not": {"required": ["adults"]}},
        {"properties": {"adults": {"minimum": 1}}},
        {"required": ["children"], "properties": {"children": {"minimum": 1}}},
        {"required": ["seniors"], "properties": {"seniors": {"minimum": 1}}},
        {"required": ["students"], "properties": {"students": {"minimum": 1}}},
    ]


def _itinerary(schema: dict[str, Any]) -> None:
    # The rule "as many days as the request asks for" is stated in words: as JSON Schema it
    # is one branch per day count, which makes schema-driven generators (schemathesis)
    # exhaust memory. Every endpoint that takes an itinerary enforces it (422).
    schema["description"] = (
        schema.get("description", "") + " The itinerary must have one entry in `days` per "
        "day its request asks for (`request.days`); otherwise the answer is 422."
    ).strip()


def _headers(openapi: dict[str, Any]) -> None:
    for ops in openapi.get("paths", {}).values():
        for op in ops.values():
            for param in op.get("parameters", []):
                s = param.get("schema", {})
                branches = s.get("anyOf")
                if param.get("in") == "header" and branches:
                    kept = [b for b in branches if b.get("type") != "null"]
                    if len(kept) == 1:
                        rest = {k: v for k, v in s.items() if k != "anyOf"}
                        param["schema"] = {**kept[0], **rest}


def _bounded(node: Any) -> None:
    """Every number and integer without bounds gets ``±LIMIT`` (``web/_strict.py``)."""
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer"):
            node.setdefault("maximum", LIMIT)
            node.setdefault("minimum", -LIMIT)
        for v in node.values():
            _bounded(v)
    elif isinstance(node, list):
        for v in node:
            _bounded(v)


def stated(openapi: dict[str, Any]) -> dict[str, Any]:
    """``openapi`` (FastAPI's document) with the rules above added, in place."""
    schemas = openapi.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if name == "Request":
            _request(schema)
        elif name.startswith("Itinerary"):
            _itinerary(schema)
    _headers(openapi)
    _bounded(schemas)
    return openapi
