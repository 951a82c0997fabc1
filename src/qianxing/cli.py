"""The `qianxing` command: a thin Typer shell over the planner, checker and data pack."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console

from .exceptions import ImpossibleRequestError, UnknownPlaceError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="黔行 Qianxing — an honest trip planner for Guizhou.",
)
data_app = typer.Typer(no_args_is_help=True, help="Inspect and validate the data pack.")
app.add_typer(data_app, name="data")
out = Console(soft_wrap=True)
err = Console(stderr=True)


def _tell_if_compiling() -> None:
    """The first plan on a machine compiles the solver: say so instead of going silent."""
    from .solve import kernels_cached, warm_up

    if not kernels_cached():
        err.print(
            "首次运行：正在编译求解器，约 15–30 秒，仅此一次… / "
            "first run: compiling the solver, about 15–30 s, once only…"
        )
        warm_up()


def fail(message: str, code: int = 2) -> None:
    """Print a one-line, actionable error and exit (2 = bad input)."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _validation_message(exc: ValidationError) -> str:
    e = exc.errors()[0]
    where = ".".join(str(x) for x in e["loc"]) or "request"
    return f"--{where.replace('_', '-')}: {e['msg']}"


def _like(values: list[str]) -> dict[str, float]:
    out_: dict[str, float] = {}
    for v in values:
        tag, _, weight = v.partition("=")
        try:
            out_[tag.strip()] = float(weight) if weight else 1.0
        except ValueError:
            fail(f"--like {v!r}: weight must be a number (e.g. waterfall=2)")
    return out_


def _formats() -> tuple[str, ...]:
    """``text`` (the terminal view) and every format of the export registry."""
    from .render.export import EXPORT_FORMATS

    return ("text", *EXPORT_FORMATS)


def check_format(fmt: str) -> None:
    if fmt not in _formats():
        fail(f"--format {fmt!r}: choose one of {', '.join(_formats())}")


def emit(itinerary: Any, fmt: str) -> None:
    """Print an itinerary: Rich for the terminal, else through the exporters."""
    from .render import to_rich
    from .render.export import export

    if fmt == "text":
        out.print(to_rich(itinerary))
        return
    try:
        content, _ = export(itinerary, fmt)
    except ValueError as exc:
        fail(str(exc))
    sys.stdout.write(content if content.endswith("\n") else content + "\n")


Fmt = Annotated[
    str, typer.Option("--format", help="text | md | html | json (also ics, gpx, geojson)")
]


@app.command()
def plan(
    days: Annotated[int, typer.Option(help="trip length in days")] = 6,
    start: Annotated[str | None, typer.Option(help="first day, YYYY-MM-DD")] = None,
    month: Annotated[int | None, typer.Option(help="travel month 1-12 (if no --start)")] = None,
    arrive: Annotated[str, typer.Option(help="arrival town, station or airport")] = "贵阳",
    arrive_time: Annotated[str, typer.Option(help="HH:MM")] = "10:00",
    depart: Annotated[str, typer.Option(help="departure town, station or airport")] = "贵阳",
    depart_time: Annotated[str, typer.Option(help="HH:MM")] = "18:00",
    pace: Annotated[str, typer.Option(help="relaxed | normal | packed")] = "normal",
    like: Annotated[list[str] | None, typer.Option(help="interest TAG[=WEIGHT]")] = None,
    must: Annotated[list[str] | None, typer.Option(help="a place you must see")] = None,
    avoid: Annotated[list[str] | None, typer.Option(help="a place to leave out")] = None,
    budget: Annotated[float | None, typer.Option(help="CNY per person")] = None,
    adults: int = 1,
    children: int = 0,
    seniors: int = 0,
    students: Annotated[
        int, typer.Option(help="students (student price where the pack has one)")
    ] = 0,
    transport: Annotated[
        str, typer.Option(help="public | public+car | charter | self-drive")
    ] = "public",
    spice: Annotated[str, typer.Option(help="none | mild | medium | hot")] = "medium",
    vegetarian: bool = False,
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
    seed: int = 0,
    seconds: Annotated[
        float, typer.Option(help="safety cap on solver time, seconds (plans stop on iterations)")
    ] = 60.0,  # plan.DEFAULT_SECONDS (kept literal: the CLI imports the planner lazily)
    fmt: Fmt = "text",
) -> None:
    """Plan a multi-day Guizhou trip."""
    from .model import Request

    check_format(fmt)
    try:
        req = Request.model_validate(
            {
                "days": days,
                "start": start,
                "month": month,
                "arrive": arrive,
                "arrive_time": arrive_time,
                "depart": depart,
                "depart_time": depart_time,
                "pace": pace,
                "like": _like(like or []),
                "must": must or [],
                "avoid": avoid or [],
                "budget": budget,
                "adults": adults,
                "children": children,
                "seniors": seniors,
                "students": students,
                "transport": transport,
                "spice": spice,
                "vegetarian": vegetarian,
                "lang": lang,
                "seed": seed,
            }
        )
    except ValidationError as exc:
        fail(_validation_message(exc))
    plan_and_emit(req, seconds=seconds, fmt=fmt)


def plan_and_emit(req: Any, *, seconds: float, fmt: str) -> None:
    """Plan ``req`` and print it in ``fmt``: the one path of `plan` and `ask`."""
    from .plan import plan as make_plan

    try:
        _tell_if_compiling()
        itinerary = make_plan(req, seconds=seconds)
    except ValidationError as exc:
        fail(_validation_message(exc))
    except (UnknownPlaceError, ImpossibleRequestError) as exc:
        fail(str(exc))
    emit(itinerary, fmt)


@app.command()
def check(path: Annotated[Path, typer.Argument(help="an itinerary JSON file")]) -> None:
    """Independently check a saved plan: exit 0 if feasible, 1 listing every violation."""
    from .check import check_itinerary

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        fail(f"cannot read {path}: {exc}")
    problems = check_itinerary(doc)
    for p in problems:
        out.print(f"✗ {p}", highlight=False)
    if problems:
        raise typer.Exit(1)
    out.print("✓ feasible: hours, travel times, lodging chain and day limits all hold")


def _load_trip(path: Path) -> Any:
    from .model import Itinerary

    try:
        return Itinerary.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")
    except ValidationError as exc:
        fail(f"{path} is not a Qianxing itinerary ({_validation_message(exc)})")


@app.command()
def replan(
    path: Annotated[Path, typer.Argument(help="an itinerary JSON file (from --format json)")],
    lock_day: Annotated[list[int] | None, typer.Option(help="keep day N exactly as it is")] = None,
    remove: Annotated[list[str] | None, typer.Option(help="leave this place out")] = None,
    add: Annotated[list[str] | None, typer.Option(help="fit this place in")] = None,
    move: Annotated[list[str] | None, typer.Option(help="move this place (with --to-day)")] = None,
    to_day: Annotated[
        list[int] | None, typer.Option(help="the day for the matching --move")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="zh | en")] = None,
    seconds: Annotated[
        float, typer.Option(help="safety cap on solver time, seconds (plans stop on iterations)")
    ] = 60.0,  # plan.DEFAULT_SECONDS (kept literal: the CLI imports the planner lazily)
    fmt: Fmt = "text",
) -> None:
    """Re-optimize a saved plan after edits; locked days stay exactly as they were."""
    from .replan import Edits
    from .replan import replan as do_replan

    check_format(fmt)
    it = _load_trip(path)
    moves, days = move or [], to_day or []
    if len(moves) != len(days):
        fail("give one --to-day for each --move")
    if lang not in (None, "zh", "en"):
        fail("--lang must be zh or en")
    try:
        edits = Edits(
            lock_days=tuple(lock_day or ()),
            remove=tuple(remove or ()),
            add=tuple(add or ()),
            move=tuple(zip(moves, days, strict=True)),
            lang=lang,
        )
        new, changes = do_replan(it, edits, seconds=seconds)
    except (UnknownPlaceError, ImpossibleRequestError, ValueError) as exc:
        fail(str(exc))
    if fmt == "json":
        emit(new, fmt)
        return
    for c in changes:
        err.print(f"• {c}", highlight=False)
    emit(new, fmt)


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="an itinerary JSON file")],
    to: Annotated[str, typer.Option("--to", help="md | html | ics | gpx | geojson | json")],
    lang: Annotated[str | None, typer.Option(help="zh | en (re-plans the words only)")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="file (default stdout)")
    ] = None,
) -> None:
    """Export a plan to Markdown, standalone HTML, ICS, GPX or GeoJSON."""
    from .render.export import EXPORT_FORMATS
    from .render.export import export as do_export

    it = _load_trip(path)
    if to not in EXPORT_FORMATS:
        fail(f"--to {to!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if lang is not None and lang != it.request.lang:
        if lang not in ("zh", "en"):
            fail("--lang must be zh or en")
        from .replan import relabel

        try:
            it = relabel(it, lang)
        except (UnknownPlaceError, ImpossibleRequestError, ValueError) as exc:
            fail(f"cannot re-render this trip in {lang}: {exc}")
    content, _media = do_export(it, to)
    if output is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
    else:
        output.write_text(content, encoding="utf-8")
        err.print(f"wrote {output}")


@app.command()
def schema(what: Annotated[str, typer.Argument(help="itinerary | request")] = "itinerary") -> None:
    """Print the published JSON Schema of the itinerary (or the request)."""
    from .model import Itinerary, Request

    models: dict[str, type[BaseModel]] = {"itinerary": Itinerary, "request": Request}
    if what not in models:
        fail(f"schema {what!r}: choose itinerary or request")
    doc = models[what].model_json_schema(by_alias=True)
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


@data_app.command("check")
def data_check() -> None:
    """Validate the pack: schema, coordinates, hours, prices, sources, ids, aliases."""
    from .data.pack import DEFAULT_REGION, PACKS_DIR, read_pack
    from .data.validate import check_pack

    pack, problems = read_pack(PACKS_DIR / DEFAULT_REGION)
    if pack is not None:
        problems += check_pack(pack)
    for p in problems:
        out.print(f"✗ {p}", highlight=False)
    if problems:
        out.print(f"{len(problems)} problem(s)")
        raise typer.Exit(1)
    out.print(f"✓ pack ok: {len(pack.attractions) if pack else 0} attractions")


def _road_rows(t: Any, road: dict[str, Any]) -> None:
    """The road model's rows of `data report`: each part and its error on held-out figures."""
    t.add_row(
        "road model: factor",
        f"factor {road['factor']} · {road['speed_kmh']} km/h · "
        f"+{road['overhead_min']} min · {road['samples']} samples",
    )
    t.add_row(
        "road model error (fitted)",
        f"km ±{road['mape_km_percent']}% · "
        f"minutes ±{road['mape_minutes_percent']}% (mean abs. % error)",
    )
    t.add_row(
        f"road model error ({road['held_out_samples']} held out)",
        f"km ±{road['held_out_mape_km_percent']}% · "
        f"minutes ±{road['held_out_mape_minutes_percent']}%",
    )

    def pm(x: float | None) -> str:
        return "-" if x is None else f"±{x}%"

    u, g = road["urban"], road["graph"]
    t.add_row(
        "road model: urban",
        f"+{u['overhead_min']} min · {u['speed_kmh']} km/h · factor {u['factor']} · "
        f"{u['samples']} samples" + (" (estimate)" if u["estimate"] else ""),
    )
    t.add_row(
        "road model: graph",
        f"{g['segments']} cited segments ({g['segments_with_cited_minutes']} with a cited "
        f"time) · {g['nodes']} places",
    )
    for part, p in road["parts"].items():
        t.add_row(
            f"held-out error, {part} ({p['held_out_km']} km, {p['held_out_minutes']} min)",
            f"km {pm(p['held_out_mape_km_percent'])} · "
            f"minutes {pm(p['held_out_mape_minutes_percent'])} "
            f"(factor alone: {pm(p['factor_alone_mape_km_percent'])} · "
            f"{pm(p['factor_alone_mape_minutes_percent'])})",
        )
    a = road["all_held_out"]
    t.add_row(
        f"held-out error, all ({a['km']} km, {a['minutes']} min)",
        f"km {pm(a['mape_km_percent'])} · minutes {pm(a['mape_minutes_percent'])} "
        f"(factor alone: {pm(a['factor_alone_mape_km_percent'])} · "
        f"{pm(a['factor_alone_mape_minutes_percent'])})",
    )


@data_app.command("report")
def data_report(fmt: Fmt = "text") -> None:
    """Counts per kind and prefecture, sourcing shares, conflicts, stale facts, road-model error."""
    from .data.atlas import load_atlas
    from .data.report import report
    from .roads import Roads, road_figures

    atlas = load_atlas()
    rep = report(atlas, road_model=road_figures(Roads(atlas)))
    if fmt == "json":
        sys.stdout.write(json.dumps(rep, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    t = Table(title=f"data pack: {rep['region']}", show_header=False)
    for key in (
        "attractions",
        "bases",
        "stations",
        "transit_routes",
        "timetabled_trips",
        "frequency_services",
        "estimated_services",
        "road_samples",
        "fare_rules",
        "dishes",
        "climate_tables",
        "pitfalls",
    ):
        t.add_row(key, str(rep[key]))
    for pref, n in rep["prefectures"].items():
        t.add_row(f"  {pref}", str(n))
    for key, share in rep["sourced_share"].items():
        t.add_row(f"sourced {key}", "-" if share is None else f"{share:.0%}")
    t.add_row("conflicting facts", str(len(rep["conflicting"])))
    t.add_row("facts older than three years", str(len(rep["older_than_three_years"])))
    t.add_row("flagged 'check before you go'", _pct(rep["flagged_share"]))
    _road_rows(t, rep["road_model"])
    out.print(t)
    k = Table(
        title="facts by kind (current = at most three years old)",
        caption="obs: observations · cited: not an estimate (share of obs) · stated: share "
        "of cited whose source states a date in the last three years · evid.: the same by "
        "evidence date (an undated source counts the day seen) · est.: facts resolved to an "
        "estimate · flagged: share of facts to check before you go",
    )
    k.add_column("kind", no_wrap=True)
    for col in ("facts", "obs", "cited", "stated", "evid.", "est.", "flagged"):
        k.add_column(col, justify="right")
    for kind, row in rep["fact_kinds"].items():
        k.add_row(
            kind,
            str(row["facts"]),
            str(row["observations"]),
            _pct(row["cited_share"]),
            _pct(row["current_stated_share"]),
            _pct(row["current_evidence_share"]),
            str(row["estimate_facts"]),
            _pct(row["flagged_share"]),
        )
    out.print(k)


def _when(o: dict[str, Any]) -> str:
    """An observation's date as `data show` prints it: stated, or undated and seen."""
    if o.get("dated", True):
        return str(o["date"])
    seen = o.get("seen", o["date"])
    return f"undated, seen {seen}" + ("" if seen == o["date"] else f", not after {o['date']}")


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


@data_app.command("show")
def data_show(
    name: Annotated[str, typer.Argument(help="zh, pinyin, English or alias")], fmt: Fmt = "text"
) -> None:
    """One record with all observations and sources."""
    from .data.atlas import load_atlas
    from .data.report import show

    atlas = load_atlas()
    try:
        place = atlas.find(name)
    except UnknownPlaceError as exc:
        fail(str(exc))
    rec = show(atlas, place.id)
    if fmt == "json":
        sys.stdout.write(json.dumps(rec, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{rec['name']['zh']}[/bold] {rec['name']['en']} ({rec['id']}, {rec['kind']})")
    out.print(f"WGS84 {rec['lat']}, {rec['lon']} — {rec['source']}  [{rec['file']}]")
    for fname, fact in rec["facts"].items():
        flag = " ⚠ check before you go" if fact["check_before_you_go"] else ""
        est = " (estimate)" if fact["estimate"] else ""
        out.print(
            f"[cyan]{fname}[/cyan]: {json.dumps(fact['value'], ensure_ascii=False)}{est}{flag}"
        )
        for o in fact["observations"]:
            out.print(
                f"    · {json.dumps(o['value'], ensure_ascii=False)} — {o['source']} "
                f"({_when(o)}, {o['kind']})",
                highlight=False,
            )


@data_app.command("tags")
def data_tags() -> None:
    """List the interest tags for --like, with how many attractions carry each."""
    from collections import Counter

    from .data.atlas import load_atlas

    atlas = load_atlas()
    counts = Counter(t for a in atlas.attractions for t in a.tags)
    for tag in atlas.pack.region.tags:
        out.print(f"{tag.id:16} {tag.name.zh} / {tag.name.en}  ({counts.get(tag.id, 0)})")


from .cli_ask import ask  # noqa: E402  (sub-commands register on the app above)
from .cli_audit import audit  # noqa: E402
from .cli_ophs import ophs_app  # noqa: E402
from .cli_web import serve  # noqa: E402

app.add_typer(ophs_app, name="ophs")
app.command()(serve)
app.command()(ask)
app.command()(audit)


def main() -> None:
    """Console-script entry point: a broken data pack is reported, never a traceback."""
    from .data.pack import PackError

    try:
        app()
    except PackError as exc:
        err.print(
            f"[red]error:[/red] the data pack does not load ({exc}); "
            "run `qianxing data check` for every problem",
            highlight=False,
        )
        sys.exit(1)
