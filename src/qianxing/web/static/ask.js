// The ask box above the form: a trip in words -> POST /api/ask -> the form filled with every
// field understood, a list of what was understood (read back from the form, in the page's
// language), what was not ("没看懂: …", worded by the server in the page's language), and,
// for an ambiguous phrase, one button per reading. It never submits the form: planning stays
// the traveller's click on "规划行程".
import { call } from "./api.js";
import { clear, el } from "./dom.js";
import { lang, t, TAG_ZH } from "./i18n.js";

const $ = (sel) => document.querySelector(sel);
// The form's fields in the order they are listed; "like" is the interest boxes.
const ORDER = ["days", "start", "month", "arrive", "arrive_time", "depart", "depart_time", "pace",
  "transport", "like", "must", "avoid", "budget", "adults", "children", "seniors", "spice", "vegetarian"];
const LABEL = { like: "interests", transport: "ask_transport" };

const last = { text: "", result: null, filled: [], phrases: new Map() };

// Each field understood, with the value to put in the form and the words it came from. The
// Request, when there is one, holds the final values (a budget divided by the party, the
// first day's month); else each finding's own value.
function fields(result) {
  const out = new Map();
  for (const u of result.understood) {
    const f = out.get(u.field) || { phrases: [], values: [] };
    if (!f.phrases.includes(u.phrase)) f.phrases.push(u.phrase);
    f.values.push(u.value);
    out.set(u.field, f);
  }
  const req = result.request;
  for (const [name, f] of out) {
    if (req && name in req) f.value = req[name];
    else if (name === "like") f.value = Object.fromEntries(f.values.map((v) => String(v).split("=")).map(([k, w]) => [k, Number(w)]));
    else if (name === "must" || name === "avoid") f.value = f.values;
    else f.value = f.values[f.values.length - 1];
  }
  if (out.has("start") && !out.has("month")) {
    out.set("month", { phrases: out.get("start").phrases, value: Number(String(out.get("start").value).slice(5, 7)) });
  }
  return out;
}

function fill(found) {
  const form = $("#request");
  for (const [name, f] of found) {
    if (name === "like") {
      for (const box of document.querySelectorAll("#tags input")) box.checked = box.value in f.value;
      continue;
    }
    const input = form.elements.namedItem(name);
    if (!input) continue;
    if (input.type === "checkbox") input.checked = Boolean(f.value);
    else if (Array.isArray(f.value)) input.value = f.value.join(", ");
    else input.value = String(f.value);
  }
  // a month alone: the form plans by month, so an old first day must not win over it
  if (found.has("month") && !found.has("start")) form.elements.namedItem("start").value = "";
}

// What the form now holds for a field, as the page shows it (a select's label, a tag's name).
function shown(name) {
  const form = $("#request");
  if (name === "like") {
    return [...document.querySelectorAll("#tags input:checked")]
      .map((b) => (lang() === "zh" && TAG_ZH[b.value]) || b.value.replace(/-/g, " ")).join("、");
  }
  const input = form.elements.namedItem(name);
  if (!input) return "";
  if (input.type === "checkbox") return input.checked ? t("ask_yes") : t("ask_no");
  if (input.tagName === "SELECT") return input.selectedOptions[0]?.textContent || input.value;
  return input.value;
}

function render() {
  const box = $("#ask-result");
  const result = last.result;
  box.hidden = !result;
  if (!result) return;
  const ul = clear($("#ask-understood"));
  for (const name of ORDER.filter((n) => last.filled.includes(n))) {
    const phrase = last.phrases.get(name) || [];
    ul.append(el("li", { "data-field": name },
      el("b", { text: `${t(LABEL[name] || name)}：`.replace("：", lang() === "zh" ? "：" : ": ") }),
      el("span", { class: "value", text: shown(name) }),
      phrase.length ? el("q", { text: phrase.join(" · ") }) : null));
  }
  $("#ask-heading").textContent = last.filled.length ? t("ask_understood") : t("ask_nothing");
  const notes = clear($("#ask-notes"));
  for (const line of result.notes || []) notes.append(el("li", { text: line }));
  const unread = clear($("#ask-unread"));
  for (const line of result.not_understood) unread.append(el("li", { text: line }));
  const choices = clear($("#ask-choices"));
  for (const c of result.choices || []) {
    const li = el("li", {}, el("span", { text: t("ask_which", c.phrase) }));
    c.options.forEach((option, i) => {
      const text = c.texts[i];
      li.append(el("button", {
        type: "button", class: "ask-choice", text: option, disabled: !text,
        title: text || t("ask_rewrite"), onclick: () => { $("#ask-text").value = text; ask(text); },
      }));
    });
    choices.append(li);
  }
  $("#ask-done").textContent = last.filled.length ? t("ask_filled") : "";
}

async function ask(text) {
  const status = $("#ask-status");
  status.textContent = t("ask_reading");
  status.classList.remove("error");
  try {
    const result = await call("POST", "/api/ask", { text, lang: lang() });
    const found = fields(result);
    fill(found);
    last.text = text;
    last.result = result;
    last.filled = [...found.keys()];
    last.phrases = new Map([...found].map(([k, f]) => [k, f.phrases]));
    status.textContent = "";
    render();
  } catch (err) {
    status.textContent = t("error") + err.message;
    status.classList.add("error");
  }
}

// A language switch re-words the box; the server's lines are asked again in the new language
// (the form is not filled again: the traveller may have changed it since).
async function relabel() {
  $("#ask-text").placeholder = t("ask_placeholder");
  if (!last.result) return;
  try {
    const again = await call("POST", "/api/ask", { text: last.text, lang: lang() });
    last.result = { ...last.result, notes: again.notes, not_understood: again.not_understood };
  } catch { /* keep the old lines */ }
  render();
}

$("#ask").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("#ask-text").value.trim();
  if (text) ask(text);
});
new MutationObserver(relabel).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
$("#ask-text").placeholder = t("ask_placeholder");
