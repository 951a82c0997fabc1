"""The ``qianxing ask`` command: a trip request in words, what was understood, then the plan."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .i18n import N_, Words, words

FIELD_LABELS: dict[str, str] = {
    "days": N_("Days"),
    "start": N_("First day"),
    "month": N_("Month"),
    "arrive": N_("Arrive at"),
    "arrive_time": N_("Arrival time"),
    "depart": N_("Leave from"),
    "depart_time": N_("Departure time"),
    "pace": N_("Pace"),
    "like": N_("Interests"),
    "must": N_("Must see"),
    "avoid": N_("Leave out"),
    "budget": N_("Budget per person"),
    "adults": N_("Adults"),
    "children": N_("Children"),
    "seniors": N_("Seniors"),
    "students": N_("Students"),
    "transport": N_("Transport"),
    "spice": N_("Spice"),
    "vegetarian": N_("Vegetarian"),
}
"""The label of each field in the table of what was understood, in field order."""

VALUE_WORDS: dict[str, str] = {
    "relaxed": N_("relaxed"),
    "normal": N_("normal"),
    "packed": N_("packed"),
    "public": N_("public transport"),
    "public+car": N_("public transport, a hired car for one leg"),
    "charter": N_("hired car with driver"),
    "self-drive": N_("self-drive"),
    "none": N_("not spicy"),
    "mild": N_("mildly spicy"),
    "medium": N_("medium spicy"),
    "hot": N_("very spicy"),
}

EXAMPLE = {
    "zh": 'qianxing ask "我10月去贵州玩6天，贵阳进出，喜欢瀑布和苗寨，不太能吃辣，预算3000"',
    "en": 'qianxing ask "6 days in October, in and out of Guiyang, waterfalls and Miao '
    'villages, not too spicy, budget 3000 yuan"',
}


def _value(w: Words, field: str, value: Any, tags: dict[str, str]) -> str:
    if field == "like":
        return "、".join(tags.get(t, t) + (f" ×{x:g}" if x != 1 else "") for t, x in value.items())
    if isinstance(value, list):
        return "、".join(value)
    if isinstance(value, bool):
        return w._("yes") if value else w._("no")
    if field == "budget":
        return w.yuan(value)
    if isinstance(value, str) and value in VALUE_WORDS:
        return w._(VALUE_WORDS[value])
    return str(value)


def understood(parsed: Any) -> Any:
    """A Rich table of the fields read from the text, with the words each came from."""
    from rich.table import Table

    from .data.atlas import load_atlas

    w = words(parsed.lang)
    region = load_atlas().pack.region
    tags = {t.id: (t.name.zh if parsed.lang == "zh" else t.name.en) for t in region.tags}
    table = Table(title=w._("What I understood"), title_justify="left")
    table.add_column(w._("field"))
    table.add_column(w._("value"))
    table.add_column(w._("from the words"))
    seen: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    request = parsed.request
    for f in parsed.found:
        seen.setdefault(f.field, [])
        if f.phrase not in seen[f.field]:
            seen[f.field].append(f.phrase)
        if request is not None:
            values[f.field] = getattr(request, f.field)
        else:
            values.setdefault(f.field, f.value)
    for field, label in FIELD_LABELS.items():
        if field in seen:
            text = _value(w, field, values[field], tags)
            table.add_row(w._(label), text, " · ".join(seen[field]))
    return table


def notes(parsed: Any) -> list[str]:
    """What was assumed while reading: the year of a date written without one (国庆 -> the
    next 1 October from today); an airport the data lacks, read as its town."""
    w = words(parsed.lang)
    lines = [
        w._(
            "{phrase}: no year given, taken as the next one from today: {date}",
            phrase=a.phrase,
            date=a.value.isoformat(),
        )
        for a in parsed.assumed
    ]
    for r in parsed.remarks:
        lines.append(
            w._(
                "{phrase}: the data has no airport at {town}, so it is read as the town {town} "
                "(the airport the data has: {airports})",
                phrase=r.phrase,
                town=r.value,
                airports=" / ".join(_airports()),
            )
        )
    return lines


def _airports() -> list[str]:
    from .data.atlas import load_atlas

    places = load_atlas().places.values()
    return [p.zh for p in places if p.kind == "station" and p.terminal == "airport"]


def problems(parsed: Any) -> list[str]:
    """The lines to show under the table: words not placed, unknown places, ambiguity."""
    w = words(parsed.lang)
    lines = [w._("Not understood: {text}", text=u) for u in parsed.unknown]
    for exc in parsed.unknown_places:
        names = " / ".join(exc.suggestions)
        lines.append(w._("Unknown place {name}: did you mean {names}?", name=exc.name, names=names))
    for a in parsed.ambiguous:
        lines.append(
            w._(
                "Ambiguous: {phrase} could be {options}; say which",
                phrase=a.phrase,
                options=" / ".join(a.options),
            )
        )
    if parsed.missing:
        lines.append(
            w._(
                "Missing: how many days the trip lasts. For example: {example}",
                example=EXAMPLE[parsed.lang],
            )
        )
    return lines


def ask(
    text: Annotated[str, typer.Argument(help="the trip in words, Chinese or English")],
    seed: int = 0,
    seconds: Annotated[
        float, typer.Option(help="safety cap on solver time, seconds (plans stop on iterations)")
    ] = 60.0,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="text | md | html | json (also ics, gpx, geojson) | request (the parsed "
            "Request as JSON, no plan)",
        ),
    ] = "text",
) -> None:
    """Plan a trip described in words: `qianxing ask "我10月去贵州玩6天，贵阳进出…"`.

    Prints what it understood, field by field, then the plan exactly as `qianxing plan`
    would make it. Exit 2 when something is ambiguous, an unknown place is named, or the
    trip's length is missing.
    """
    import sys

    from .ask import parse
    from .cli import check_format, err, out, plan_and_emit

    if fmt != "request":
        check_format(fmt)
    parsed = parse(text)
    show = out if fmt == "text" else err
    if parsed.found:
        show.print(understood(parsed))
    for line in notes(parsed):
        show.print(line, highlight=False)
    blocking = bool(parsed.ambiguous or parsed.unknown_places or parsed.missing)
    for line in problems(parsed):
        (err if blocking else show).print(line, highlight=False)
    if blocking or parsed.request is None:
        raise typer.Exit(2)
    if fmt == "request":
        sys.stdout.write(parsed.request.model_dump_json() + "\n")
        return
    if fmt == "text":
        out.print()
    plan_and_emit(parsed.request.model_copy(update={"seed": seed}), seconds=seconds, fmt=fmt)
