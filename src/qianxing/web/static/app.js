// The page: request form -> plan -> day cards + map -> edits -> re-plan -> save/share/export.
import { ApiError, call } from "./api.js";
import { clear, el, fragment } from "./dom.js";
import { lang, msg, setLang, t, TAG_ZH } from "./i18n.js";
import { colour, TripMap } from "./map.js";

const $ = (sel) => document.querySelector(sel);
const EXPORT_LABELS = { ics: "ICS", gpx: "GPX", geojson: "GeoJSON", md: "Markdown", html: "HTML", json: "JSON" };

const state = {
  config: null,
  places: new Map(),
  map: null,
  itinerary: null,
  view: null, // the plan's HTML from /api/view, in the page's language
  viewSeq: 0, // answers to older /api/view calls are dropped
  shown: null, // the itinerary the map shows
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

// The plan's HTML comes from POST /api/view (the export's templates, escaped by the server).
// It is parsed in an inert <template>, cleaned of anything active, then given the page's
// controls: a lock box per day, a number, remove and move-to per visit.
async function showView() {
  const it = state.itinerary;
  const seq = ++state.viewSeq;
  try {
    const res = await call("POST", `/api/view?lang=${lang()}`, it);
    if (seq !== state.viewSeq || it !== state.itinerary) return; // a newer plan or language won
    state.view = res.html;
  } catch (err) {
    if (seq !== state.viewSeq) return;
    state.view = null;
    fail(err);
  }
  render();
  if (state.shown !== it) showMap(it);
}

// Markers and legs change with the plan, not with the language; they are drawn when the plan's
// view arrives, so the numbered markers always match the numbered visits beside them.
function showMap(it) {
  state.shown = it;
  state.map?.show(it);
  window.qianxing.markers = state.map?.markers || [];
}

function dayTools(section, n) {
  const lockBox = el("input", {
    type: "checkbox", class: "lock", "data-day": String(n), disabled: state.readOnly,
    onchange: (ev) => {
      if (ev.target.checked) state.edits.lock.add(n); else state.edits.lock.delete(n);
      section.classList.toggle("locked", ev.target.checked);
    },
  });
  lockBox.checked = state.edits.lock.has(n);
  section.classList.toggle("locked", lockBox.checked);
  section.style.setProperty("--day", colour(n));
  section.querySelector(".day-head")?.append(
    el("label", { class: "inline tools" }, lockBox, el("span", { text: msg("lock") })));
}

function visitTools(item, n, i, days) {
  const place = item.dataset.place;
  const removed = state.edits.remove.has(place);
  item.classList.toggle("removed", removed);
  item.querySelector("h3")?.prepend(el("span", { class: "n", text: String(i + 1) }));
  if (state.readOnly) return;
  const sel = el("select", { class: "move", "aria-label": msg("move to") },
    el("option", { value: "", text: `${msg("move to")}…` }));
  for (let d = 1; d <= days; d++) {
    if (d !== n) sel.append(el("option", { value: String(d), text: msg("Day {n}", { n: d }) }));
  }
  if (state.edits.move.has(place)) sel.value = String(state.edits.move.get(place));
  sel.addEventListener("change", () => {
    if (sel.value) state.edits.move.set(place, Number(sel.value));
    else state.edits.move.delete(place);
    showPending();
  });
  item.append(el("div", { class: "tools" },
    el("button", {
      type: "button", class: "remove", "data-place": place, text: removed ? msg("undo") : msg("remove"),
      onclick: () => {
        if (state.edits.remove.has(place)) state.edits.remove.delete(place); else state.edits.remove.add(place);
        render();
        showPending();
      },
    }),
    sel));
}

function render() {
  const it = state.itinerary;
  $("#result").hidden = !it;
  if (!it) return;
  $("#trip-title").textContent = it.title;
  $("#owner-tools").hidden = state.readOnly;
  const box = clear($("#days"));
  if (state.view) {
    const plan = fragment(state.view);
    const sections = plan.querySelectorAll("section.day[data-day]");
    for (const section of sections) {
      const n = Number(section.dataset.day);
      dayTools(section, n);
      section.querySelectorAll("li.visit[data-place]").forEach((item, i) => visitTools(item, n, i, sections.length));
    }
    for (const a of plan.querySelectorAll("a[href]")) a.target = "_blank";
    box.append(plan);
  }
  showPending();
}

function showChanges(changes) {
  const ul = clear($("#changes"));
  for (const c of changes) ul.append(el("li", { text: c }));
}

// A new plan: its edits start afresh (locked days stay locked); the page shows the previous
// plan until the new one's view arrives.
async function setItinerary(itinerary, { dirty, locks = [] }) {
  state.itinerary = itinerary;
  state.dirty = dirty;
  resetEdits();
  for (const d of locks) state.edits.lock.add(d);
  await showView();
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
    await setItinerary(it, { dirty: true });
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
    showChanges(res.changes);
    await setItinerary(res.itinerary, { dirty: true, locks: body.lock_days });
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
    showShare();
    await setItinerary(trip.itinerary, { dirty: false });
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
  // a language switch re-words the page and the plan (POST /api/view); nothing is re-planned
  $("#lang").addEventListener("click", async () => {
    await setLang(lang() === "zh" ? "en" : "zh");
    $("#lang").textContent = lang() === "zh" ? "English" : "中文";
    showPending();
    if (state.itinerary) await showView();
  });
  $("#request").addEventListener("submit", onPlan);
  $("#replan").addEventListener("click", onReplan);
  $("#add").addEventListener("click", onAdd);
  $("#save").addEventListener("click", onSave);
  try {
    const [config, places] = await Promise.all([
      call("GET", "/api/config"), call("GET", "/api/places?limit=200"), setLang(lang())]);
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
