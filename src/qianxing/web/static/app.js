// The page: request form -> plan -> day cards + map -> edits -> re-plan -> save/share/export.
import { ApiError, call } from "./api.js";
import { clear, el } from "./dom.js";
import { lang, setLang, t, TAG_ZH } from "./i18n.js";
import { colour, TripMap } from "./map.js";

const $ = (sel) => document.querySelector(sel);
const EXPORT_LABELS = { ics: "ICS", gpx: "GPX", geojson: "GeoJSON", md: "Markdown", html: "HTML", json: "JSON" };

const state = {
  config: null,
  places: new Map(),
  map: null,
  itinerary: null,
  trip: null, // {id, version, secret|null}
  dirty: false,
  readOnly: false,
  edits: { lock: new Set(), remove: new Set(), add: [], move: new Map() },
};

function status(text, isError = false) {
  const node = $("#status");
  node.textContent = text;
  node.classList.toggle("error", isError);
}

function fail(err) {
  const msg = err instanceof ApiError ? err.message : String(err);
  status(t("error") + msg, true);
}

function list(value) {
  return value.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
}

function readForm() {
  const f = new FormData($("#request"));
  const num = (k) => (f.get(k) === "" || f.get(k) === null ? null : Number(f.get(k)));
  const like = {};
  for (const box of document.querySelectorAll("#tags input:checked")) like[box.value] = 1;
  const req = {
    days: num("days"), arrive: f.get("arrive"), arrive_time: f.get("arrive_time") || "10:00",
    depart: f.get("depart"), depart_time: f.get("depart_time") || "18:00",
    pace: f.get("pace"), transport: f.get("transport"), like,
    must: list(f.get("must") || ""), avoid: list(f.get("avoid") || ""),
    adults: num("adults") ?? 1, children: num("children") ?? 0, seniors: num("seniors") ?? 0,
    spice: f.get("spice"), vegetarian: f.get("vegetarian") === "on", lang: lang(),
  };
  if (f.get("start")) req.start = f.get("start");
  else if (num("month")) req.month = num("month");
  if (num("budget") !== null) req.budget = num("budget");
  return req;
}

function fillForm(req) {
  const form = $("#request");
  for (const [k, v] of Object.entries(req)) {
    const input = form.elements.namedItem(k);
    if (!input || v === null || v === undefined) continue;
    if (input.type === "checkbox") input.checked = Boolean(v);
    else if (Array.isArray(v)) input.value = v.join(", ");
    else input.value = String(v);
  }
  for (const box of document.querySelectorAll("#tags input")) box.checked = box.value in (req.like || {});
}

function resetEdits() {
  state.edits = { lock: new Set(), remove: new Set(), add: [], move: new Map() };
  for (const day of state.itinerary?.days || []) if (day.locked) state.edits.lock.add(day.day);
}

function pendingCount() {
  const e = state.edits;
  return e.remove.size + e.add.length + e.move.size;
}

function showPending() {
  const n = pendingCount();
  $("#pending").textContent = n ? t("pending", n) : "";
}

function visitItem(day, v, i, days) {
  const removed = state.edits.remove.has(v.place);
  const item = el("li", { class: removed ? "visit removed" : "visit", "data-place": v.place },
    el("span", { class: "n", text: String(i + 1) }),
    el("span", { class: "time", text: `${v.start}–${v.leave}` }),
    el("span", { class: "name", text: v.name }));
  if (!state.readOnly) {
    item.append(el("button", {
      type: "button", class: "remove", "data-place": v.place,
      text: removed ? t("undo") : t("remove"),
      onclick: () => {
        if (removed) state.edits.remove.delete(v.place); else state.edits.remove.add(v.place);
        render();
      },
    }));
    const sel = el("select", { class: "move", "aria-label": t("move_to") },
      el("option", { value: "", text: `${t("move_to")}…` }));
    for (let d = 1; d <= days; d++) {
      if (d !== day.day) sel.append(el("option", { value: String(d), text: t("day", d) }));
    }
    if (state.edits.move.has(v.place)) sel.value = String(state.edits.move.get(v.place));
    sel.addEventListener("change", () => {
      if (sel.value) state.edits.move.set(v.place, Number(sel.value));
      else state.edits.move.delete(v.place);
      showPending();
    });
    item.append(sel);
  }
  if (v.notes?.length || v.hours) {
    item.append(el("div", { class: "time", text: [v.hours, ...(v.notes || [])].filter(Boolean).join(" · ") }));
  }
  return item;
}

function legLine(leg) {
  const item = el("li", { class: "leg", text: `${leg.depart}→${leg.arrive} ${leg.mode} ${leg.minutes} ${t("min")} · ${leg.km} km` });
  // each timetabled ride as the traveller boards it: service, stops, times, and how sure we are
  for (const s of leg.steps || []) {
    if (!s.service || !s.timetable) continue;
    const number = s.service.id && s.service.id !== s.service.name && !s.service.id.includes("--") ? `${s.service.id} ` : "";
    const sure = s.timetable.kind === "estimate" ? t("estimated_service") : (s.timetable.undated ? t("undated_source") : s.timetable.date.slice(0, 4));
    item.append(el("div", { class: "ride", text: `${number}${s.from_stop} ${s.depart} → ${s.to_stop} ${s.arrive} (${sure})` }));
  }
  return item;
}

function dayCard(day, days) {
  const lockBox = el("input", {
    type: "checkbox", class: "lock", "data-day": String(day.day), disabled: state.readOnly,
    onchange: (ev) => {
      if (ev.target.checked) state.edits.lock.add(day.day); else state.edits.lock.delete(day.day);
      card.classList.toggle("locked", ev.target.checked);
    },
  });
  lockBox.checked = state.edits.lock.has(day.day);
  const head = [t("day", day.day), day.date, day.weekday].filter(Boolean).join(" · ");
  const card = el("article", { class: lockBox.checked ? "day locked" : "day", "data-day": String(day.day),
    style: { "--day": colour(day.day) } },
    el("h3", {}, el("span", { text: head }), el("label", { class: "inline" }, lockBox, el("span", { text: t("lock") }))));
  const ol = el("ol");
  ol.append(el("li", { class: "leg", text: `${day.start.time} ${day.start.name}` }));
  const paired = day.legs.length === day.visits.length + 1;
  day.visits.forEach((v, i) => {
    if (paired) ol.append(legLine(day.legs[i]));
    ol.append(visitItem(day, v, i, days));
  });
  if (paired) ol.append(legLine(day.legs[day.legs.length - 1]));
  ol.append(el("li", { class: "leg", text: `${day.end.time} ${day.end.name}` }));
  card.append(ol);
  if (day.lodging) card.append(el("div", { class: "time", text: `${t("lodging")}: ${day.lodging.name} — ${day.lodging.why || ""}` }));
  if (day.meals?.length) {
    card.append(el("div", { class: "time", text: `${t("meals")}: ` + day.meals.map((m) => `${m.meal} ${m.where}: ${m.dishes.map((d) => d.name).join("、")}`).join("; ") }));
  }
  return card;
}

function renderBudget(b) {
  const dl = clear($("#budget"));
  for (const k of ["tickets", "fees", "transport", "lodging", "food", "total", "limit"]) {
    if (b[k] === undefined || b[k] === null) continue;
    dl.append(el("dt", { text: t(`b_${k}`) }), el("dd", { text: `¥${b[k]}` }));
  }
  for (const line of [...(b.advice || []), ...(b.notes || [])]) {
    dl.append(el("dt", { text: "" }), el("dd", { text: line }));
  }
}

function renderList(node, items, fmt) {
  clear(node);
  if (!items.length) node.append(el("li", { text: t("nothing") }));
  for (const item of items) node.append(el("li", { text: fmt(item) }));
}

function render() {
  const it = state.itinerary;
  $("#result").hidden = !it;
  if (!it) return;
  $("#trip-title").textContent = it.title;
  $("#owner-tools").hidden = state.readOnly;
  const days = clear($("#days"));
  for (const day of it.days) days.append(dayCard(day, it.days.length));
  renderBudget(it.budget || {});
  renderList($("#dropped"), it.dropped || [], (d) => `${d.name}: ${d.reason}${d.fix ? ` (${d.fix})` : ""}`);
  renderList($("#warnings"), it.warnings || [], (w) => w);
  showPending();
  state.map?.show(it);
  window.qianxing.markers = state.map?.markers || [];
}

function showChanges(changes) {
  const ul = clear($("#changes"));
  for (const c of changes) ul.append(el("li", { text: c }));
}

function setItinerary(itinerary, { dirty }) {
  state.itinerary = itinerary;
  state.dirty = dirty;
  resetEdits();
  render();
}

async function onPlan(ev) {
  ev.preventDefault();
  status(t("planning"));
  try {
    const it = await call("POST", "/api/plan", readForm());
    state.trip = null;
    state.readOnly = false;
    $("#share").hidden = true;
    showChanges([]);
    setItinerary(it, { dirty: true });
    status("");
  } catch (err) { fail(err); }
}

async function onReplan() {
  const e = state.edits;
  const body = {
    itinerary: state.itinerary,
    lock_days: [...e.lock].sort((a, b) => a - b),
    remove: [...e.remove], add: [...e.add],
    move: [...e.move].map(([place, to_day]) => ({ place, to_day })),
  };
  status(t("planning"));
  try {
    const res = await call("POST", "/api/replan", body);
    const locks = new Set(body.lock_days);
    setItinerary(res.itinerary, { dirty: true });
    for (const d of locks) state.edits.lock.add(d);
    render();
    showChanges(res.changes);
    status("");
  } catch (err) { fail(err); }
}

function onAdd() {
  const input = $("#add-place");
  const name = input.value.trim();
  if (!name) return;
  state.edits.add.push(name);
  input.value = "";
  showPending();
}

function secretKey(id) { return `qianxing:secret:${id}`; }

function showShare() {
  const a = $("#share");
  const url = new URL(`/t/${state.trip.id}`, location.href).href;
  a.href = url;
  a.textContent = url;
  a.hidden = false;
}

async function save() {
  status(t("saving"));
  const trip = state.trip;
  if (trip && trip.secret) {
    const res = await call("PUT", `/api/trips/${trip.id}`, { itinerary: state.itinerary, version: trip.version },
      { "X-Trip-Secret": trip.secret });
    trip.version = res.version;
  } else {
    const res = await call("POST", "/api/trips", state.itinerary);
    state.trip = { id: res.id, version: res.version, secret: res.secret };
    try { localStorage.setItem(secretKey(res.id), res.secret); } catch { /* private mode */ }
    state.readOnly = false;
    history.replaceState(null, "", `/t/${res.id}`);
  }
  state.dirty = false;
  showShare();
  render();
  status(t("saved") + $("#share").href);
}

async function onSave() {
  try { await save(); } catch (err) { fail(err); }
}

async function onExport(fmt) {
  try {
    if (!state.trip || (state.dirty && !state.readOnly)) await save();
    const a = el("a", { href: `/api/trips/${state.trip.id}/export/${fmt}`, download: `qianxing.${fmt}` });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (err) { fail(err); }
}

async function loadShared(id) {
  try {
    const trip = await call("GET", `/api/trips/${encodeURIComponent(id)}`);
    let secret = null;
    try { secret = localStorage.getItem(secretKey(id)); } catch { /* private mode */ }
    state.trip = { id: trip.id, version: trip.version, secret };
    state.readOnly = !secret;
    fillForm(trip.itinerary.request);
    setItinerary(trip.itinerary, { dirty: false });
    showShare();
    status(state.readOnly ? t("share_readonly") : "");
  } catch (err) { $("#result").hidden = false; fail(err); }
}

function buildTags() {
  const tags = new Set();
  for (const p of state.places.values()) for (const tag of p.tags) tags.add(tag);
  const box = clear($("#tags"));
  for (const tag of [...tags].sort()) {
    box.append(el("label", { class: "inline" }, el("input", { type: "checkbox", name: "like", value: tag }), el("span", { text: TAG_ZH[tag] ? `${TAG_ZH[tag]} ${tag}` : tag })));
  }
  const dl = clear($("#place-names"));
  for (const p of state.places.values()) dl.append(el("option", { value: p.zh, label: `${p.en} · ${p.pinyin}` }));
}

function buildExports() {
  const box = clear($("#exports"));
  for (const fmt of state.config.export_formats) {
    box.append(el("button", { type: "button", class: "export", "data-fmt": fmt, text: EXPORT_LABELS[fmt] || fmt,
      onclick: () => onExport(fmt) }));
  }
}

async function main() {
  window.qianxing = { state, markers: [] };
  $("#lang").addEventListener("click", () => {
    setLang(lang() === "zh" ? "en" : "zh");
    $("#lang").textContent = lang() === "zh" ? "English" : "中文";
    render();
  });
  $("#request").addEventListener("submit", onPlan);
  $("#replan").addEventListener("click", onReplan);
  $("#add").addEventListener("click", onAdd);
  $("#save").addEventListener("click", onSave);
  try {
    const [config, places] = await Promise.all([call("GET", "/api/config"), call("GET", "/api/places?limit=200")]);
    state.config = config;
    for (const p of places) state.places.set(p.id, p);
  } catch (err) { fail(err); return; }
  buildTags();
  buildExports();
  state.map = new TripMap($("#map"), state.config, state.places);
  const m = location.pathname.match(/^\/t\/([A-Za-z0-9_-]+)$/);
  if (m) await loadShared(m[1]);
  document.body.dataset.ready = "1";
}

main();
