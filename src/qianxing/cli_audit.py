"""The ``qianxing audit`` command: check a day-by-day route someone else wrote, then the better
plan beside it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .i18n import N_, Words, words


def read_text(route: str) -> str:
    """The route's text: a file's, or stdin's for ``-``."""
    from .cli import fail

    if route == "-":
        return sys.stdin.read()
    try:
        return Path(route).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {route}: {exc}")
        raise  # fail() exits


def route_lines(w: Words, route: Any) -> list[str]:
    """What could not be read: lines that are no day, words that name no place."""
    lines = [w._("Not understood: {text}", text=u) for u in route.unread]
    for d in route.days:
        for u in d.unknown:
            names = " / ".join(u.suggestions)
            lines.append(
                w._("Unknown place {name}: did you mean {names}?", name=u.text, names=names)
            )
    return lines


def route_table(w: Words, route: Any, atlas: Any, lang: str) -> Any:
    from rich.table import Table

    table = Table(title=w._("The route as read"), title_justify="left")
    table.add_column(w._("day"))
    table.add_column(w._("sights"))
    table.add_column(w._("night"))
    for d in route.days:
        sights = "、".join(atlas.places[s].name(lang) for s in d.sights) or "—"
        night = atlas.places[d.night].name(lang) if d.night else "—"
        table.add_row(str(d.day), sights, night)
    return table


STATES = {
    "works": N_("works"),
    "tight": N_("can be done, but see below"),
    "broken": N_("does not work as written"),
}


def day_report(w: Words, report: dict[str, Any]) -> list[str]:
    """Each day: works or not, hours on the road, cost, problems, what to know."""
    lines = []
    for d in report["days"]:
        mark = "✓" if d["works"] else "✗"
        head = w._("Day {day}", day=d["day"])
        cost = w.yuan(d["cost"]) if d["cost"] is not None else "—"
        state = w._(STATES[d["status"]])
        lines.append(
            f"{mark} {head}: {state} · "
            + w._("{hours} h on the road · {cost} per person", hours=d["road_hours"], cost=cost)
        )
        lines += [f"    ✗ {p['text']}" for p in d["problems"]]
        lines += [f"    · {k}" for k in d["know"][:4]]
    return lines


def side_by_side(w: Words, audit: Any, lang: str) -> Any:
    from rich.table import Table

    from .data.atlas import load_atlas

    atlas = load_atlas()
    table = Table(title=w._("The route and a better plan"), title_justify="left")
    table.add_column(w._("day"))
    table.add_column(w._("the route"))
    table.add_column(w._("better plan"))
    for rd, a, bd in zip(audit.route.days, audit.days, audit.better.days, strict=False):
        night = atlas.places[rd.night].name(lang) if rd.night else ""
        was = "、".join(atlas.places[s].name(lang) for s in rd.sights) or "—"
        was += f" ({night})" if night else ""
        was += "" if a.works else " ✗"
        now = "、".join(v.name for v in bd.visits) or "—"
        now += f" ({bd.lodging.name})" if bd.lodging else ""
        table.add_row(str(rd.day), was, now)
    return table


def audit(
    route: Annotated[str, typer.Argument(help="a file with the route, or - for stdin")],
    month: Annotated[int | None, typer.Option(help="travel month 1-12 (if no --start)")] = None,
    start: Annotated[str | None, typer.Option(help="first day, YYYY-MM-DD")] = None,
    arrive_time: Annotated[str, typer.Option(help="HH:MM")] = "10:00",
    depart_time: Annotated[str, typer.Option(help="HH:MM")] = "18:00",
    pace: Annotated[str, typer.Option(help="relaxed | normal | packed")] = "normal",
    transport: Annotated[
        str, typer.Option(help="public | public+car | charter | self-drive")
    ] = "public",
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
    better: Annotated[
        bool, typer.Option(help="also propose the best plan that keeps the route's places")
    ] = True,
    seed: int = 0,
    seconds: Annotated[
        float, typer.Option(help="safety cap on solver time, seconds (plans stop on iterations)")
    ] = 60.0,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """Check a day-by-day route from a blog or an agency: `qianxing audit route.txt`.

    Reads "DAY 1:→贵阳(黔灵山公园)→住贵阳", "第一天 …", "D1 …" or "Day 1: … overnight …"
    lines, times the route with our transport and facts, says for each day whether it works
    and why not, what it costs and what to know, gives a verdict, then the best plan that
    keeps the route's places beside it. Exit 2 when nothing in the text can be used.
    """
    import json

    from pydantic import ValidationError

    from .audit import RouteError, parse_route
    from .audit import audit as do_audit
    from .cli import _tell_if_compiling, _validation_message, err, fail, out
    from .data.atlas import load_atlas
    from .exceptions import ImpossibleRequestError, UnknownPlaceError
    from .model import Request

    if fmt not in ("text", "json"):
        fail(f"--format {fmt!r}: choose one of text, json")
    try:
        base = Request.model_validate(
            {"days": 1, "month": month, "start": start, "arrive_time": arrive_time,
             "depart_time": depart_time, "pace": pace, "transport": transport, "lang": lang,
             "seed": seed}
        )  # fmt: skip
    except ValidationError as exc:
        fail(_validation_message(exc))
    w = words(base.lang)
    atlas = load_atlas()
    parsed = parse_route(read_text(route), atlas)
    show = out if fmt == "text" else err
    if parsed.days:
        show.print(route_table(w, parsed, atlas, base.lang))
    for line in route_lines(w, parsed):
        show.print(line, highlight=False, soft_wrap=True)
    if not parsed.sights:
        err.print(
            w._(
                "No place of the route could be read. Write one day a line, for example: {example}",
                example="DAY 1:→贵阳(黔灵山公园)→住贵阳",
            ),
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    try:
        if better:
            _tell_if_compiling()
        result = do_audit(parsed, base, seconds=seconds, better=better)
    except (RouteError, UnknownPlaceError, ImpossibleRequestError) as exc:
        fail(str(exc))
    report = result.as_json()
    if fmt == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
        return
    out.print()
    for line in day_report(w, report):
        out.print(line, highlight=False)
    out.print()
    out.print(w._("Verdict: {text}", text=report["verdict_text"]), highlight=False)
    if result.better is None:
        if better:
            out.print(w._("No plan keeps the route's arrival, departure and length."))
        return
    out.print()
    out.print(side_by_side(w, result, base.lang))
    for line in result.differences:
        out.print(f"· {line}", highlight=False)
