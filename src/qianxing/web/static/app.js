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
  viewTitle: null, // the trip's title in the page's language (from /api/view)
  viewSeq: 0, // answers to older /api/view calls are dropped
  shown: null, // the itinerary the map shows
  trip: null, // {id, version, secret|null}
  dirty: false, // the plan on the page is not the saved one
  edited: false, // the plan on the page was re-planned since it was last saved
  readOnly: false,
  busy: false, // a plan, re-plan or save is under way: its buttons are disabled
  edits: emptyEdits(),
  undo: [], // earlier states of `edits`, newest last
  drag: null, // {place, day} of the visit being dragged
  refocus: null, // after a move up/down: the control to give the focus back to
  lines: null, // where each step runs on the map, from /api/view
  saveKey: null, // {it, key}: the Idempotency-Key of the save of `it` not yet acknowledged
};

// `order`: day -> its place ids in the order the traveller dragged them (re-timed at re-plan)
function emptyEdits() {
  return { lock: new Set(), remove: new Set(), add: [], move: new Map(), order: new Map() };
}

function copyEdits(e) {
  return { lock: new Set(e.lock), remove: new Set(e.remove), add: e.add.map((a) => ({ ...a })),
    move: new Map(e.move), order: new Map([...e.order].map(([d, o]) => [d, [...o]])) };
}

function status(text, isError = false) {
  const node = $("#status");
  node.textContent = text;
  node.classList.toggle("error", isError);
}

// An error in the page's language: an unknown place is worded here from the server's
// `place` and `suggestions`; other messages come from the server, worded in the request's lang
// and naming the form's fields where the command line would name its flags.
function errorText(err) {
  if (!(err instanceof ApiError)) return String(err);
  const body = err.body || {};
  if (typeof body.place === "string") return unknownPlace(body.place, body.suggestions || []);
  return err.message;
}

function unknownPlace(name, suggestions) {
  return t("unknown_place", name) + (suggestions.length ? t("did_you_mean") + suggestions.join(" / ") : "");
}

function fail(err) {
  status(t("error") + errorText(err), true);
}

function setBusy(on) {
  state.busy = on;
  for (const id of ["#plan", "#replan", "#save", "#delete"]) $(id).disabled = on;
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
    students: num("students") ?? 0,
    spice: f.get("spice"), vegetarian: f.get("vegetarian") === "on", lang: lang(),
  };
  if (f.get("start")) req.start = f.get("start");
  else if (num("month")) req.month = num("month");
  if (num("budget") !== null) req.budget = num("budget");
  return req;
}

// A place's name in the page's language (a stored request holds place ids).
function placeName(id) {
  const p = state.places.get(id);
  if (!p) return id;
  return lang() === "en" ? p.en : p.zh;
}

function fillForm(req) {
  const form = $("#request");
  for (const [k, v] of Object.entries(req)) {
    const input = form.elements.namedItem(k);
    if (!input || v === null || v === undefined) continue;
    if (input.type === "checkbox") input.checked = Boolean(v);
    else if (Array.isArray(v)) input.value = v.map((x) => placeName(String(x))).join(", ");
    else if (k === "arrive" || k === "depart") input.value = placeName(String(v));
    else input.value = String(v);
  }
  for (const box of document.querySelectorAll("#tags input")) box.checked = box.value in (req.like || {});
}

function resetEdits() {
  state.edits = emptyEdits();
  state.undo = [];
  for (const day of state.itinerary?.days || []) if (day.locked) state.edits.lock.add(day.day);
}

// Every change to the pending edits goes through here, so that it can be undone.
function edit(change) {
  state.undo.push(copyEdits(state.edits));
  change(state.edits);
  render();
}

function onUndo() {
  const before = state.undo.pop();
  if (!before) return;
  state.edits = before;
  render();
}

function pendingCount() {
  const e = state.edits;
  return e.remove.size + e.add.length + e.move.size + e.order.size;
}

// A visit's name in the page's language (the plan may have been made in the other one).
function visitName(place) {
  if (state.places.has(place)) return placeName(place);
  for (const day of state.itinerary?.days || []) {
    for (const v of day.visits) if (v.place === place) return v.name;
  }
  return place;
}

// A day's places as the page shows them: the pending new order, else the plan's.
function dayOrder(n) {
  const day = state.itinerary?.days[n - 1];
  return state.edits.order.get(n) || (day ? day.visits.map((v) => v.place) : []);
}

// Put `place` where `target` is in day n's order (dragged onto it, or one step up or down);
// back in the plan's own order, the day has no pending order.
function reorder(n, place, target) {
  const order = [...dayOrder(n)];
  const from = order.indexOf(place), to = order.indexOf(target);
  if (from < 0 || to < 0 || from === to) return;
  edit((e) => {
    order.splice(from, 1);
    order.splice(to, 0, place);
    const plan = state.itinerary.days[n - 1].visits.map((v) => v.place);
    if (order.join("\n") === plan.join("\n")) e.order.delete(n); else e.order.set(n, order);
  });
}

// The pending edits as a list, each with a button that drops it.
function showPending() {
  const n = pendingCount();
  $("#pending").textContent = n ? t("pending", n) : "";
  $("#undo").disabled = !state.undo.length;
  const ul = clear($("#pending-list"));
  const e = state.edits;
  const item = (text, drop) => ul.append(el("li", {},
    el("span", { text }),
    el("button", { type: "button", class: "drop", "aria-label": `${t("drop_edit")}: ${text}`, text: "×",
      title: t("drop_edit"), onclick: () => edit(drop) })));
  for (const place of e.remove) item(t("edit_remove", visitName(place)), (x) => x.remove.delete(place));
  for (const [place, day] of e.move) {
    item(t("edit_move", visitName(place), msg("Day {n}", { n: day })), (x) => x.move.delete(place));
  }
  e.add.forEach((a, i) => item(t("edit_add", a.label), (x) => x.add.splice(i, 1)));
  for (const [day, order] of e.order) {
    item(t("edit_order", msg("Day {n}", { n: day }), order.map(visitName).join(" → ")), (x) => x.order.delete(day));
  }
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
    state.viewTitle = res.title || null;
    state.lines = res.lines || null;
  } catch (err) {
    if (seq !== state.viewSeq) return;
    state.view = null;
    state.lines = null;
    fail(err);
  }
  render();
  if (state.shown !== it) showMap(it);
}

// Markers and legs change with the plan, not with the language; they are drawn when the plan's
// view arrives, so the numbered markers always match the numbered visits beside them.
function showMap(it) {
  state.shown = it;
  state.map?.show(it, state.lines);
  window.qianxing.markers = state.map?.markers || [];
  window.qianxing.lines = state.map?.lines || [];
  showLegend();
}

// One entry per day in its colour: a click fits the map to that day; "whole trip" fits all.
function showLegend() {
  const box = clear($("#legend"));
  const it = state.shown;
  if (!it) return;
  const focus = state.map?.focus ?? null;
  const button = (day, text) => el("button", {
    type: "button", class: "legend-day", "data-day": day === null ? "all" : String(day),
    "aria-pressed": String(focus === day), onclick: () => focusDay(day),
  }, day === null ? null : el("i", { class: "swatch", style: { color: colour(day) } }), text);
  box.append(button(null, t("whole_trip")));
  for (const day of it.days) box.append(button(day.day, msg("Day {n}", { n: day.day })));
  box.append(el("p", { class: "legend-note", text: t("dashed_note") }));
}

function focusDay(day) {
  state.map?.focusOn(day);
  showLegend();
  if (day !== null) setView("map");
}

// On a phone the plan and the map take turns (the switch near the top); on a wide screen
// both show and the switch is hidden.
function setView(which) {
  $(".split").dataset.view = which;
  for (const b of document.querySelectorAll("#view-switch button")) {
    b.setAttribute("aria-pressed", String(b.dataset.view === which));
  }
  // fit now, not at the resize observer's next frame: the map the traveller switched to
  // shows the whole plan at once (reading its size lays the page out synchronously)
  if (which === "map" && state.map && !state.map.userMoved) state.map.fit();
}

function dayTools(section, n) {
  const lockBox = el("input", {
    type: "checkbox", class: "lock", "data-day": String(n), disabled: state.readOnly,
    onchange: (ev) => edit((e) => { if (ev.target.checked) e.lock.add(n); else e.lock.delete(n); }),
  });
  lockBox.checked = state.edits.lock.has(n);
  section.classList.toggle("locked", lockBox.checked);
  section.style.setProperty("--day", colour(n));
  const head = section.querySelector(".day-head");
  head?.querySelector("h2")?.append(el("button", {
    type: "button", class: "focus-day", "data-day": String(n), text: t("on_map"),
    title: t("on_map"), onclick: () => focusDay(n),
  }));
  head?.append(el("label", { class: "inline tools" }, lockBox, el("span", { text: msg("lock") })));
}

// A day whose order is pending shows its visits in that order, without the old legs between
// them (the server times the new order at re-plan).
function showOrder(section, n) {
  const order = state.edits.order.get(n);
  section.classList.toggle("reordered", Boolean(order));
  if (!order) return;
  const list = section.querySelector("ol.timeline");
  const items = new Map([...section.querySelectorAll("li.visit[data-place]")].map((li) => [li.dataset.place, li]));
  for (const place of order) if (items.has(place)) list.append(items.get(place));
}

// Drag a visit onto another of the same day to put it there (onto another day's visit: move it
// to that day); the up/down buttons do the same from the keyboard.
function dragTools(item, n) {
  const place = item.dataset.place;
  item.draggable = true;
  item.addEventListener("dragstart", (ev) => {
    state.drag = { place, day: n };
    ev.dataTransfer.effectAllowed = "move";
    ev.dataTransfer.setData("text/plain", place);
    item.classList.add("dragging");
  });
  item.addEventListener("dragend", () => { state.drag = null; item.classList.remove("dragging"); });
  item.addEventListener("dragover", (ev) => {
    if (state.drag && state.drag.place !== place) { ev.preventDefault(); item.classList.add("drop-here"); }
  });
  item.addEventListener("dragleave", () => item.classList.remove("drop-here"));
  item.addEventListener("drop", (ev) => {
    ev.preventDefault();
    const drag = state.drag;
    state.drag = null;
    if (!drag || drag.place === place) return;
    if (drag.day === n) reorder(n, drag.place, place);
    else edit((e) => e.move.set(drag.place, n));
  });
}

function moveButtons(item, n, i, count) {
  const place = item.dataset.place;
  const order = dayOrder(n);
  const button = (dir, text, label, to) => el("button", {
    type: "button", class: `step ${dir}`, "data-place": place, text, "aria-label": `${label}: ${visitName(place)}`,
    title: label, disabled: to < 0 || to >= count,
    onclick: () => { state.refocus = { place, dir }; reorder(n, place, order[to]); },
  });
  return [button("up", "↑", msg("move up"), i - 1), button("down", "↓", msg("move down"), i + 1)];
}

function visitTools(item, n, i, days, count) {
  const place = item.dataset.place;
  const removed = state.edits.remove.has(place);
  item.classList.toggle("removed", removed);
  item.querySelector("h3")?.prepend(el("span", { class: "n", text: String(i + 1) }));
  if (state.readOnly) return;
  dragTools(item, n);
  const sel = el("select", { class: "move", "aria-label": msg("move to") },
    el("option", { value: "", text: `${msg("move to")}…` }));
  for (let d = 1; d <= days; d++) {
    if (d !== n) sel.append(el("option", { value: String(d), text: msg("Day {n}", { n: d }) }));
  }
  if (state.edits.move.has(place)) sel.value = String(state.edits.move.get(place));
  sel.addEventListener("change", () => edit((e) => {
    if (sel.value) e.move.set(place, Number(sel.value)); else e.move.delete(place);
  }));
  item.append(el("div", { class: "tools" },
    el("button", {
      type: "button", class: "remove", "data-place": place, text: removed ? msg("undo") : msg("remove"),
      onclick: () => edit((e) => { if (e.remove.has(place)) e.remove.delete(place); else e.remove.add(place); }),
    }),
    ...moveButtons(item, n, i, count),
    sel));
}

function render() {
  const it = state.itinerary;
  $("#result").hidden = !it;
  if (!it) return;
  $("#trip-title").textContent = state.viewTitle || it.title;
  $("#owner-tools").hidden = state.readOnly;
  $("#pending-list").hidden = state.readOnly;
  showOwner();
  const box = clear($("#days"));
  if (state.view) {
    const plan = fragment(state.view);
    const sections = plan.querySelectorAll("section.day[data-day]");
    for (const section of sections) {
      const n = Number(section.dataset.day);
      dayTools(section, n);
      showOrder(section, n);
      const visits = section.querySelectorAll("li.visit[data-place]");
      visits.forEach((item, i) => visitTools(item, n, i, sections.length, visits.length));
    }
    for (const a of plan.querySelectorAll("a[href]")) a.target = "_blank";
    box.append(plan);
  }
  showPending();
  if (state.refocus) {
    const { place, dir } = state.refocus;
    state.refocus = null;
    const b = box.querySelector(`button.step.${dir}[data-place="${CSS.escape(place)}"]`);
    (b && !b.disabled ? b : box.querySelector(`button.step[data-place="${CSS.escape(place)}"]:not(:disabled)`))?.focus();
  }
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
  if (state.busy) return; // a second press while planning does nothing
  setBusy(true);
  status(t("planning"));
  try {
    const it = await call("POST", "/api/plan", readForm());
    state.trip = null;
    state.readOnly = false;
    state.edited = false;
    $("#share").hidden = true;
    $("#copy-link").hidden = true;
    // a new, unsaved plan is no longer the trip at /t/{id}: the address bar says so
    if (location.pathname !== "/") history.pushState(null, "", "/");
    showChanges([]);
    setView("list");
    await setItinerary(it, { dirty: true });
    status("");
    // on a phone the form fills the screen: bring the plan (and its list/map switch) to the top
    if (window.matchMedia("(max-width: 760px)").matches) $("#result").scrollIntoView();
  } catch (err) { fail(err); } finally { setBusy(false); }
}

async function onReplan() {
  if (state.busy) return;
  const e = state.edits;
  const body = {
    itinerary: state.itinerary,
    lock_days: [...e.lock].sort((a, b) => a - b),
    remove: [...e.remove], add: e.add.map((a) => a.name),
    move: [...e.move].map(([place, to_day]) => ({ place, to_day })),
    order: [...e.order].map(([day, places]) => ({ day, places })),
  };
  setBusy(true);
  status(t("planning"));
  try {
    const res = await call("POST", "/api/replan", body);
    showChanges(res.changes);
    state.edited = true;
    await setItinerary(res.itinerary, { dirty: true, locks: body.lock_days });
    status("");
  } catch (err) {
    // a place the planner does not know leaves the pending list (undo brings it back), so
    // the next re-plan is not refused for it again
    const bad = err instanceof ApiError && err.body ? err.body.place : null;
    if (typeof bad === "string" && e.add.some((a) => a.name === bad)) {
      edit((x) => { x.add = x.add.filter((a) => a.name !== bad); });
    }
    fail(err);
  } finally { setBusy(false); }
}

function norm(text) {
  return String(text).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

// A typed place: a pack name or id as it is, else the server's best match if it contains what
// was typed (an alias such as 西江); else `null` with the server's "did you mean" names.
async function resolvePlace(text) {
  const key = norm(text);
  for (const p of state.places.values()) {
    if ([p.id, p.zh, p.en, p.pinyin].some((x) => norm(x) === key)) return { place: p, suggestions: [] };
  }
  const hits = await call("GET", `/api/places?q=${encodeURIComponent(text)}&limit=5`);
  const hit = key && hits.find((p) => [p.id, p.zh, p.en, p.pinyin].some((x) => norm(x).includes(key)));
  return { place: hit || null, suggestions: hits.map((p) => (lang() === "en" ? p.en : p.zh)) };
}

async function onAdd() {
  const input = $("#add-place");
  const text = input.value.trim();
  if (!text) return;
  try {
    const { place, suggestions } = await resolvePlace(text);
    if (!place) { status(t("error") + unknownPlace(text, suggestions), true); return; }
    if (state.edits.add.some((a) => a.name === place.zh)) return;
    edit((e) => e.add.push({ name: place.zh, label: lang() === "en" ? place.en : place.zh }));
    input.value = "";
    status("");
  } catch (err) { fail(err); }
}

function secretKey(id) { return `qianxing:secret:${id}`; }

function shareUrl() { return new URL(`/t/${state.trip.id}`, location.href).href; }

// The edit link carries the owner's secret in the fragment: browsers never send a fragment to
// the server (not in the request line, not in logs, not in a Referer); the page reads it and
// sends the secret in the X-Trip-Secret header when it saves or deletes.
const EDIT = "#edit=";

function editUrl() { return `${shareUrl()}${EDIT}${encodeURIComponent(state.trip.secret)}`; }

function showShare() {
  const a = $("#share");
  const url = shareUrl();
  a.href = url;
  a.textContent = url;
  a.hidden = false;
  $("#copy-link").hidden = false;
  showOwner();
}

// The owner (this browser holds the trip's secret) gets the edit link and the delete button.
function showOwner() {
  const owner = Boolean(state.trip?.secret) && !state.readOnly;
  for (const id of ["#edit-link", "#copy-edit-link", "#delete"]) $(id).hidden = !owner;
  if (owner) $("#edit-link").href = editUrl();
}

async function copyText(url) {
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    // no clipboard permission: copy through a selected text field
    const tmp = el("input", { value: url });
    document.body.append(tmp);
    tmp.select();
    document.execCommand("copy");
    tmp.remove();
  }
}

async function onCopyLink() {
  const url = shareUrl();
  await copyText(url);
  status(t("copied") + url);
}

async function onCopyEditLink() {
  await copyText(editUrl());
  status(t("edit_copied"));
}

function forget(id) {
  try { localStorage.removeItem(secretKey(id)); } catch { /* private mode */ }
}

// Delete the saved trip (owner only, after a confirmation); its link then says it was deleted.
async function onDelete() {
  if (state.busy || !state.trip?.secret) return;
  if (!window.confirm(t("confirm_delete"))) return;
  setBusy(true);
  try {
    await call("DELETE", `/api/trips/${state.trip.id}`, undefined, { "X-Trip-Secret": state.trip.secret });
    forget(state.trip.id);
    gone(t("deleted_by_you"));
  } catch (err) { fail(err); } finally { setBusy(false); }
}

// The trip behind the link is not there (deleted, or never saved): say so, show no plan.
function gone(text) {
  state.itinerary = null;
  state.trip = null;
  state.edited = false;
  state.edits = emptyEdits();
  $("#share").hidden = true;
  $("#copy-link").hidden = true;
  showOwner();
  render();
  status(text, true);
}

// 128 random bits as hex (crypto.randomUUID needs a secure context; this works on plain http)
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function save() {
  status(t("saving"));
  const trip = state.trip;
  if (trip && trip.secret) {
    const res = await call("PUT", `/api/trips/${trip.id}`, { itinerary: state.itinerary, version: trip.version },
      { "X-Trip-Secret": trip.secret });
    trip.version = res.version;
  } else {
    // One Idempotency-Key per itinerary saved: a save retried after a network error (the
    // server may have stored it and the answer was lost) sends the same key and gets the
    // first trip back, not an orphan copy whose secret nobody holds.
    const it = state.itinerary;
    if (!state.saveKey || state.saveKey.it !== it) state.saveKey = { it, key: newKey() };
    const headers = { "Idempotency-Key": state.saveKey.key };
    let res;
    try {
      res = await call("POST", "/api/trips", it, headers);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      res = await call("POST", "/api/trips", it, headers); // a network error: retry once
    }
    state.saveKey = null;
    state.trip = { id: res.id, version: res.version, secret: res.secret };
    try { localStorage.setItem(secretKey(res.id), res.secret); } catch { /* private mode */ }
    state.readOnly = false;
    history.replaceState(null, "", `/t/${res.id}`);
  }
  state.dirty = false;
  state.edited = false;
  showShare();
  render();
  status(t("saved") + $("#share").href);
}

async function onSave() {
  if (state.busy) return;
  setBusy(true);
  try { await save(); } catch (err) { fail(err); } finally { setBusy(false); }
}

async function onExport(fmt) {
  try {
    if (!state.trip || (state.dirty && !state.readOnly)) await save();
    // the export is in the page's language, whichever language the trip was saved in
    const href = `/api/trips/${state.trip.id}/export/${fmt}?lang=${lang()}`;
    const a = el("a", { href, download: `qianxing.${fmt}` });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (err) { fail(err); }
}

// A share link /t/{id} opens read-only; the edit link /t/{id}#edit=<secret>, or the browser
// that saved the trip (its secret in localStorage), can edit. The secret goes to the server
// only in a header; the edit link's fragment leaves the address bar once read, so the address
// a visitor copies is the read-only link.
async function loadShared(id) {
  let secret = null;
  let fromLink = false;
  if (location.hash.startsWith(EDIT)) {
    secret = decodeURIComponent(location.hash.slice(EDIT.length));
    fromLink = true;
    history.replaceState(null, "", location.pathname);
  } else {
    try { secret = localStorage.getItem(secretKey(id)); } catch { /* private mode */ }
  }
  try {
    const trip = await call("GET", `/api/trips/${encodeURIComponent(id)}`, undefined,
      secret ? { "X-Trip-Secret": secret } : {});
    const owner = Boolean(secret) && trip.can_edit;
    if (owner) {
      try { localStorage.setItem(secretKey(id), secret); } catch { /* private mode */ }
    } else if (secret && !fromLink) forget(id);
    state.trip = { id: trip.id, version: trip.version, secret: owner ? secret : null };
    state.readOnly = !owner;
    fillForm(trip.itinerary.request);
    showShare();
    await setItinerary(trip.itinerary, { dirty: false });
    if (fromLink && !owner) status(t("bad_edit_link"), true);
    else status(state.readOnly ? t("share_readonly") : "");
  } catch (err) {
    if (err instanceof ApiError && err.status === 410) gone(t("trip_deleted"));
    else if (err instanceof ApiError && err.status === 404) gone(t("trip_missing"));
    else fail(err);
  }
}

// Leaving with edits not yet re-planned, or a re-planned trip not yet saved, asks first.
function onBeforeUnload(ev) {
  if (pendingCount() > 0 || state.edited) {
    ev.preventDefault();
    ev.returnValue = "";
  }
}

// The interest boxes and the place names offered while typing, in the page's language; boxes
// already ticked stay ticked.
function buildTags() {
  const ticked = new Set([...document.querySelectorAll("#tags input:checked")].map((b) => b.value));
  const tags = new Set();
  for (const p of state.places.values()) for (const tag of p.tags) tags.add(tag);
  const box = clear($("#tags"));
  for (const tag of [...tags].sort()) {
    const text = lang() === "zh" && TAG_ZH[tag] ? TAG_ZH[tag] : tag.replace(/-/g, " ");
    const input = el("input", { type: "checkbox", name: "like", value: tag });
    input.checked = ticked.has(tag);
    box.append(el("label", { class: "inline" }, input, el("span", { text })));
  }
  const dl = clear($("#place-names"));
  for (const p of state.places.values()) {
    const [value, other] = lang() === "en" ? [p.en, p.zh] : [p.zh, p.en];
    dl.append(el("option", { value, label: `${other} · ${p.pinyin}` }));
  }
}

function buildExports() {
  const box = clear($("#exports"));
  for (const fmt of state.config.export_formats) {
    box.append(el("button", { type: "button", class: "export", "data-fmt": fmt, text: EXPORT_LABELS[fmt] || fmt,
      onclick: () => onExport(fmt) }));
  }
}

const LANG_KEY = "qianxing:lang";

async function switchLang(code) {
  await setLang(code);
  try { localStorage.setItem(LANG_KEY, lang()); } catch { /* private mode */ }
  $("#lang").textContent = lang() === "zh" ? "English" : "中文";
  buildTags();
  showPending();
  showLegend();
}

async function main() {
  window.qianxing = { state, markers: [] };
  // a language switch re-words the page and the plan (POST /api/view); nothing is re-planned
  $("#lang").addEventListener("click", async () => {
    await switchLang(lang() === "zh" ? "en" : "zh");
    if (state.itinerary) await showView();
  });
  $("#request").addEventListener("submit", onPlan);
  $("#replan").addEventListener("click", onReplan);
  $("#add").addEventListener("click", onAdd);
  $("#add-place").addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); onAdd(); } });
  $("#undo").addEventListener("click", onUndo);
  $("#save").addEventListener("click", onSave);
  $("#copy-link").addEventListener("click", onCopyLink);
  $("#copy-edit-link").addEventListener("click", onCopyEditLink);
  $("#delete").addEventListener("click", onDelete);
  for (const b of document.querySelectorAll("#view-switch button")) {
    b.addEventListener("click", () => setView(b.dataset.view));
  }
  window.addEventListener("beforeunload", onBeforeUnload);
  // Back from a new plan to /t/{id} (or forward again) loads what the address bar names
  window.addEventListener("popstate", () => location.reload());
  let saved = null;
  try { saved = localStorage.getItem(LANG_KEY); } catch { /* private mode */ }
  try {
    const [config, places] = await Promise.all([
      call("GET", "/api/config"), call("GET", "/api/places?limit=200"), switchLang(saved || lang())]);
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
