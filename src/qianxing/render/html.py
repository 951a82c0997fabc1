"""A standalone, offline HTML page of an itinerary: inline CSS, no scripts, no web fonts.

Every string that comes from data (place names, notes, sources, tips …) goes through
:func:`html.escape`; links are emitted only for ``http``/``https`` URLs. The page prints well
(one day per block, no shadows, URLs hidden behind short link labels).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..model import Budget, Day, Dropped, Fare, Itinerary, Leg, Meal, Money, Tip, Visit
from .ics import mode_name
from .labels import ride_line, w
from .maplinks import coord_of, map_links, place_name

CSS = """
:root {
  --ink: #1f2a2e; --muted: #5d6b70; --line: #dfe6e3; --paper: #ffffff; --bg: #f3f6f4;
  --karst: #2f6b4f; --karst-soft: #e5f0ea; --water: #1f6f8b; --water-soft: #e3f1f6;
  --amber: #8a5a00; --amber-soft: #fff3d6; --red: #a3342b; --red-soft: #fde9e7;
  --grey-soft: #eef1f2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink); line-height: 1.55; font-size: 15px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 920px; margin: 0 auto; padding: 24px 16px 48px; }
a { color: var(--water); }
h1, h2, h3 { line-height: 1.25; margin: 0; }
.hero {
  background: linear-gradient(135deg, var(--karst) 0%, var(--water) 100%); color: #fff;
  border-radius: 16px; padding: 28px 28px 22px; margin-bottom: 18px;
}
.hero .brand { margin: 0 0 6px; font-size: 13px; letter-spacing: .08em; opacity: .85; }
.hero h1 { font-size: 28px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 14px 0 0; padding: 0;
  list-style: none; }
.chips li { background: rgba(255,255,255,.16); border-radius: 999px; padding: 2px 10px;
  font-size: 13px; }
.toc { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 18px; }
.toc a { text-decoration: none; background: var(--paper); border: 1px solid var(--line);
  border-radius: 999px; padding: 3px 12px; font-size: 13px; color: var(--karst); }
.notice { background: var(--amber-soft); border-left: 4px solid var(--amber);
  border-radius: 10px; padding: 10px 14px; margin: 0 0 18px; }
.notice ul { margin: 4px 0 0; padding-left: 20px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 14px;
  padding: 20px 22px; margin: 0 0 18px; box-shadow: 0 1px 3px rgba(20,40,30,.06); }
.day-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px;
  border-bottom: 2px solid var(--karst-soft); padding-bottom: 10px; margin-bottom: 12px; }
.day-head h2 { font-size: 22px; color: var(--karst); }
.day-head .date { color: var(--muted); }
.day-head .route { flex-basis: 100%; color: var(--muted); font-size: 14px; }
.weather { background: var(--water-soft); border-radius: 10px; padding: 8px 12px;
  margin: 0 0 12px; font-size: 14px; }
.timeline { list-style: none; margin: 0; padding: 0; position: relative; }
.timeline::before { content: ""; position: absolute; left: 92px; top: 6px; bottom: 6px;
  width: 2px; background: var(--line); }
.timeline > li { display: grid; grid-template-columns: 84px 1fr; gap: 0 22px;
  padding: 7px 0; position: relative; break-inside: avoid; }
.timeline > li::before { content: ""; position: absolute; left: 87px; top: 14px;
  width: 12px; height: 12px; border-radius: 50%; background: var(--paper);
  border: 2px solid var(--karst); }
.timeline > li.leg::before { width: 8px; height: 8px; left: 89px; top: 16px;
  border-color: var(--line); background: var(--line); }
.timeline > li.visit::before { background: var(--karst); }
.timeline time { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 14px;
  text-align: right; padding-top: 4px; white-space: nowrap; }
.timeline .visit time { color: var(--ink); font-weight: 600; }
.stop-name { font-weight: 600; }
.leg .what { color: var(--muted); font-size: 14px; padding-top: 4px; }
.mode { display: inline-block; border-radius: 6px; padding: 0 7px; font-size: 13px;
  background: var(--water-soft); color: var(--water); font-weight: 600; }
.mode-rail, .mode-bus, .mode-shuttle {
  background: var(--karst-soft); color: var(--karst); }
.visit h3 { font-size: 17px; margin-top: 2px; }
.about { margin: 4px 0 6px; color: #33413f; }
.facts { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap;
  gap: 4px 14px; font-size: 14px; }
.steps { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.badge { display: inline-block; border-radius: 6px; padding: 0 6px; font-size: 12px;
  line-height: 1.6; vertical-align: 1px; white-space: nowrap; }
.badge.check { background: var(--amber-soft); color: var(--amber); }
.badge.est { background: var(--grey-soft); color: var(--muted); }
.badge.reserve { background: var(--red-soft); color: var(--red); }
.badge.over { background: var(--red-soft); color: var(--red); }
.maps { font-size: 13px; margin-left: 6px; white-space: nowrap; }
.maps a { text-decoration: none; border: 1px solid var(--line); border-radius: 6px;
  padding: 0 6px; margin-right: 4px; }
.src { font-size: 12px; color: var(--muted); }
.extras { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr));
  gap: 12px; margin-top: 14px; }
.box { border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.box h3 { font-size: 15px; color: var(--karst); margin-bottom: 6px; }
.box ul { margin: 0; padding-left: 18px; }
.box.tips { background: var(--amber-soft); border-color: #f1dfb0; grid-column: 1 / -1; }
.box.tips h3 { color: var(--amber); }
.dish { color: var(--muted); font-size: 13px; }
.box > ul > li { margin-bottom: 4px; }
.box ul.dishes { padding-left: 16px; list-style: circle; font-size: 14px; }
.spice { color: var(--red); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; border-top: 2px solid var(--karst); }
h2.section { font-size: 20px; color: var(--karst); margin-bottom: 10px; }
footer { color: var(--muted); font-size: 13px; text-align: center; margin-top: 24px; }
@media (max-width: 560px) {
  .timeline::before { left: 62px; }
  .timeline > li { grid-template-columns: 56px 1fr; gap: 0 16px; }
  .timeline > li::before { left: 57px; }
  .timeline > li.leg::before { left: 59px; }
  .hero h1 { font-size: 22px; }
}
@media print {
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  .hero { background: none; color: var(--ink); border: 2px solid var(--karst);
    padding: 14px 16px; }
  .chips li { background: var(--grey-soft); }
  .toc { display: none; }
  .card { box-shadow: none; break-inside: avoid-page; padding: 12px 14px; }
  .maps a { border: none; padding: 0; }
  a { color: var(--ink); text-decoration: none; }
  .badge, .weather, .notice, .box.tips { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (no ``javascript:`` and friends)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _badge(kind: str, text: str) -> str:
    return f'<span class="badge {kind}">{e(text)}</span>'


def _yuan(x: float) -> str:
    return f"¥{x:,.0f}"


def _range(low: float, high: float) -> str:
    return _yuan(low) if round(low) == round(high) else f"¥{low:,.0f}–{high:,.0f}"


def _source(src: object, lang: str) -> str:
    url = safe_url(src)
    if url is None:
        return ""
    host = urlsplit(url).hostname or url
    label = f"{w('source', lang)}: {host}"
    return f' <a class="src" href="{e(url)}" rel="noopener noreferrer">{e(label)}</a>'


def _maps(lat: float, lon: float, name: str, lang: str) -> str:
    links = map_links(lat, lon, name)
    return (
        '<span class="maps">'
        f'<a href="{e(links.amap)}" rel="noopener noreferrer">{e(w("amap", lang))}</a>'
        f'<a href="{e(links.baidu)}" rel="noopener noreferrer">{e(w("baidu", lang))}</a>'
        "</span>"
    )


def _place_maps(place_id: str, name: str, lang: str) -> str:
    c = coord_of(place_id)
    return "" if c is None else _maps(c[0], c[1], name, lang)


def _ticket(t: Money, lang: str) -> str:
    price = w("free", lang) if t.amount == 0 else _yuan(t.amount)
    if t.low is not None and t.high is not None and round(t.low) != round(t.high):
        price += f" ({_range(t.low, t.high)})"
    out = f"{e(w('ticket', lang))}: <strong>{e(price)}</strong>"
    if t.estimate:
        out += " " + _badge("est", w("estimate", lang))
    if t.check_before_you_go:
        out += " " + _badge("check", "⚠ " + w("check", lang))
    return out + _source(t.source, lang)


def _visit(v: Visit, lang: str) -> str:
    facts: list[str] = []
    if v.ticket is not None:
        facts.append(_ticket(v.ticket, lang))
    for fee in v.fees:
        tag = w("required", lang) if fee.required else w("optional", lang)
        facts.append(
            f"{e(w('fees', lang))}: {e(fee.name)} {e(_yuan(fee.fare))} "
            + _badge("est" if not fee.required else "check", tag)
        )
    if v.hours:
        facts.append(f"{e(w('hours', lang))}: {e(v.hours)}")
    if v.reservation:
        facts.append(_badge("reserve", w("reserve", lang)) + f" {e(v.reservation)}")
    about = f'<p class="about">{e(v.what)}</p>' if v.what else ""
    items = "".join(f"<li>{f}</li>" for f in facts)
    return (
        f'<li class="visit"><time>{e(v.start)}–{e(v.leave)}</time><div>'
        f"<h3>{e(v.name)}{_maps(v.lat, v.lon, v.name, lang)}</h3>"
        f'{about}<ul class="facts">{items}</ul></div></li>'
    )


def _leg(leg: Leg, day: Day, lang: str) -> str:
    bits = [
        f'<span class="mode mode-{e(leg.mode)}">{e(mode_name(leg.mode, lang))}</span>',
        e(w("minutes", lang, n=leg.minutes)),
        f"{leg.km:g} km",
    ]
    f = leg.fare
    if f is not None and f.high > 0:
        fare = e(_range(f.low, f.high))
        if f.overcharge_above is not None:
            over = w("overcharge", lang, x=f"{f.overcharge_above:.0f}")
            fare += " " + _badge("over", over)
        if f.estimate:
            fare += " " + _badge("est", w("estimate", lang))
        bits.append(fare)
    steps = ""
    if len(leg.steps) > 1 or any(ride_line(s, lang) for s in leg.steps):
        rows = []
        for s in leg.steps:
            a = s.from_name or place_name(s.from_, lang, day)
            b = s.to_name or place_name(s.to, lang, day)
            ride = ride_line(s, lang)
            line = f"{e(mode_name(s.mode, lang))}: " + (
                e(ride) if ride is not None else f"{e(a)} → {e(b)}"
            )
            line += f" · {e(w('minutes', lang, n=s.minutes))}"
            lo, hi = s.fare
            if hi > 0:
                line += f" · {e(_range(lo, hi))}"
            rows.append(f"<li>{line}</li>")
        steps = f'<ul class="steps">{"".join(rows)}</ul>'
    return (
        f'<li class="leg"><time>{e(leg.depart)}–{e(leg.arrive)}</time>'
        f'<div class="what">{" · ".join(bits)}{steps}</div></li>'
    )


def _stop(kind: str, time: str, place: str, name: str, lang: str) -> str:
    label = w("start" if kind == "start" else "finish", lang)
    return (
        f'<li class="stop {kind}"><time>{e(time)}</time><div>'
        f'<span class="stop-name">{e(label)} · {e(name)}</span>'
        f"{_place_maps(place, name, lang)}</div></li>"
    )


def _timeline(day: Day, lang: str) -> str:
    """Start, then each leg followed by the visit it reaches, then any left-over visits, end."""
    rows = [_stop("start", day.start.time, day.start.place, day.start.name, lang)]
    pending = list(day.visits)
    for leg in day.legs:
        rows.append(_leg(leg, day, lang))
        if pending and pending[0].place == leg.to:
            rows.append(_visit(pending.pop(0), lang))
    rows += [_visit(v, lang) for v in pending]
    rows.append(_stop("end", day.end.time, day.end.place, day.end.name, lang))
    return f'<ol class="timeline">{"".join(rows)}</ol>'


def _fare_range(f: Fare | None) -> str:
    return "" if f is None or f.high <= 0 else _range(f.low, f.high)


def _meals(meals: list[Meal], lang: str) -> str:
    if not meals:
        return ""
    items = []
    for m in meals:
        dishes = []
        for d in m.dishes:
            name = e(d.name)
            extra: list[str] = []
            if d.price is not None:
                extra.append(e(_range(*d.price)))
            if d.spice > 0:
                level = min(d.spice, 3)
                dots = "●" * level + "○" * (3 - level)
                extra.append(f'<span class="spice">{e(w("spice", lang))} {dots}</span>')
            if d.vegetarian:
                extra.append(e(w("vegetarian", lang)))
            title = f' title="{e(d.about)}"' if d.about else ""
            tail = f' <span class="dish">{" ".join(extra)}</span>' if extra else ""
            dishes.append(f"<li><span{title}>{name}</span>{tail}</li>")
        price = _fare_range(m.price)
        price_html = f' <span class="dish">({e(price)})</span>' if price else ""
        est = " " + _badge("est", w("estimate", lang)) if m.price and m.price.estimate else ""
        items.append(
            f"<li><strong>{e(m.meal)}</strong> · {e(m.where)}{price_html}{est}"
            f'<ul class="dishes">{"".join(dishes)}</ul></li>'
        )
    return f'<div class="box meals"><h3>{e(w("meals", lang))}</h3><ul>{"".join(items)}</ul></div>'


def _lodging(day: Day, lang: str) -> str:
    lo = day.lodging
    if lo is None:
        return ""
    price = _fare_range(lo.price)
    parts = [f"<strong>{e(lo.name)}</strong> ({e(lo.kind)})"]
    if price:
        parts.append(e(price))
        if lo.price is not None and lo.price.estimate:
            parts.append(_badge("est", w("estimate", lang)))
    body = " ".join(parts) + _place_maps(lo.base, lo.name, lang)
    if lo.price is not None and lo.price.basis:
        body += f'<div class="dish">{e(lo.price.basis)}</div>'
    if lo.why:
        body += f'<div class="dish">{e(lo.why)}</div>'
    return f'<div class="box lodging"><h3>{e(w("sleep", lang))}</h3>{body}</div>'


def _weather(day: Day, lang: str) -> str:
    wt = day.weather
    if wt is None:
        return ""
    bits: list[str] = []
    if wt.low_c is not None and wt.high_c is not None:
        bits.append(f"<strong>{wt.low_c:.0f}–{wt.high_c:.0f} °C</strong>")
    if wt.rain_days is not None:
        bits.append(e(w("rain_days", lang, n=f"{wt.rain_days:.0f}")))
    if wt.wear:
        bits.append(e(wt.wear))
    if wt.estimate:
        bits.append(_badge("est", w("estimate", lang)))
    text = " · ".join(bits)
    if wt.rain_plan:
        text += f"<br>{e(w('rain_plan', lang))}: {e(wt.rain_plan)}"
    text += _source(wt.source, lang)
    return f'<div class="weather"><strong>{e(w("weather", lang))}</strong>: {text}</div>'


def _tip_text(tip: Tip, lang: str) -> str | None:
    text = tip.text
    if not text:
        return None
    title = tip.title
    if title and text.startswith(title):
        rest = text[len(title) :].lstrip("：: ")
        sep = "：" if lang == "zh" else ": "
        return f"<strong>{e(title)}</strong>{sep}{e(rest)}"
    return e(text)


def _tips(day: Day, lang: str) -> str:
    items = []
    for tip in day.tips:
        body = _tip_text(tip, lang)
        if body is not None:
            items.append(f"<li>{body}{_source(tip.source, lang)}</li>")
    if not items:
        return ""
    return f'<div class="box tips"><h3>⚠ {e(w("tips", lang))}</h3><ul>{"".join(items)}</ul></div>'


def _route(day: Day) -> str:
    names = [day.start.name, *(v.name for v in day.visits), day.end.name]
    return " → ".join(e(n) for n in names)


def _day(day: Day, lang: str) -> str:
    date = ""
    if day.date:
        date = f'<span class="date">{e(day.date)} {e(day.weekday or "")}</span>'
    extras = "".join(
        x for x in (_meals(day.meals, lang), _lodging(day, lang), _tips(day, lang)) if x
    )
    extras_html = f'<div class="extras">{extras}</div>' if extras else ""
    return (
        f'<section class="card day" id="day-{day.day}">'
        f'<header class="day-head"><h2>{e(w("day", lang, n=day.day))}</h2>{date}'
        f'<span class="route">{e(w("route", lang))}: {_route(day)}</span></header>'
        f"{_weather(day, lang)}{_timeline(day, lang)}{extras_html}</section>"
    )


def _dropped(dropped: list[Dropped], lang: str) -> str:
    if not dropped:
        return ""
    items = []
    for d in dropped:
        fix = f" <em>{e(w('fix', lang))}: {e(d.fix)}</em>" if d.fix else ""
        items.append(
            f"<li><strong>{e(d.name)}</strong>{_place_maps(d.place, d.name, lang)}: "
            f"{e(d.reason)}{fix}</li>"
        )
    return (
        f'<section class="card dropped" id="dropped"><h2 class="section">'
        f"{e(w('dropped', lang))}</h2><ul>{''.join(items)}</ul></section>"
    )


def _num(x: object) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def _strings(x: object) -> list[str]:
    if isinstance(x, str):
        return [x]
    if isinstance(x, list | tuple):
        return [s for s in x if isinstance(s, str)]
    return []


def _budget(budget: Budget | None, lang: str) -> str:
    if budget is None:
        return ""
    rows: list[str] = []
    for key, amount in budget.parts():
        label = w(f"budget_{key}", lang)
        rows.append(f'<tr><td>{e(label)}</td><td class="num">{e(_yuan(amount))}</td></tr>')
    rows.append(
        f'<tr class="total"><td>{e(w("total", lang))}</td>'
        f'<td class="num">{e(_yuan(budget.total))}</td></tr>'
    )
    if budget.limit is not None:
        rows.append(
            f'<tr><td>{e(w("budget_limit", lang))}</td>'
            f'<td class="num">{e(_yuan(budget.limit))}</td></tr>'
        )
    est = " " + _badge("est", w("estimate", lang)) if budget.estimate else ""
    table = (
        f'<table><thead><tr><th>{e(w("item", lang))}</th><th class="num">'
        f"{e(w('amount', lang))}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    advice_html = ""
    if budget.advice:
        lis = "".join(f"<li>{e(a)}</li>" for a in budget.advice)
        advice_html = f"<h3>{e(w('advice', lang))}</h3><ul>{lis}</ul>"
    notes = "".join(f'<p class="dish">{e(n)}</p>' for n in budget.notes)
    return (
        f'<section class="card budget" id="budget"><h2 class="section">'
        f"{e(w('budget', lang))}{est}</h2>{table}{advice_html}{notes}</section>"
    )


def _chips(it: Itinerary, lang: str) -> str:
    r = it.request
    chips = [w("n_days", lang, n=r.days)]
    if r.start is not None:
        chips.append(r.start.isoformat())
    else:
        chips.append(w("month", lang, m=r.travel_month))
    chips.append(w("party", lang, n=r.party))
    chips += [w(f"pace_{r.pace}", lang), w(f"transport_{r.transport}", lang)]
    return "".join(f"<li>{e(c)}</li>" for c in chips)


def _toc(days: Iterable[Day], it: Itinerary, lang: str) -> str:
    links = [f'<a href="#day-{d.day}">{e(w("day", lang, n=d.day))}</a>' for d in days]
    if it.dropped:
        links.append(f'<a href="#dropped">{e(w("dropped", lang))}</a>')
    if it.budget:
        links.append(f'<a href="#budget">{e(w("budget", lang))}</a>')
    return f'<nav class="toc" aria-label="{e(w("contents", lang))}">{"".join(links)}</nav>'


def to_html(it: Itinerary) -> str:
    """The whole itinerary as one self-contained HTML document (UTF-8 text)."""
    lang = it.request.lang
    warnings = ""
    if it.warnings:
        lis = "".join(f"<li>{e(x)}</li>" for x in it.warnings)
        head = e(w("warnings", lang))
        warnings = f'<div class="notice"><strong>{head}</strong><ul>{lis}</ul></div>'
    days = "".join(_day(d, lang) for d in it.days)
    generated = f" · {e(w('generated', lang, t=it.generated))}" if it.generated else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="qianxing">\n'
        f"<title>{e(it.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header class="hero"><p class="brand">黔行 QIANXING</p><h1>{e(it.title)}</h1>'
        f'<ul class="chips">{_chips(it, lang)}</ul></header>\n'
        f"{_toc(it.days, it, lang)}\n{warnings}\n{days}\n"
        f"{_dropped(it.dropped, lang)}\n{_budget(it.budget, lang)}\n"
        f"<footer><p>{e(w('footer', lang))}</p><p>黔行 Qianxing{generated}</p></footer>\n"
        "</main>\n</body>\n</html>\n"
    )


__all__ = ["e", "safe_url", "to_html"]
