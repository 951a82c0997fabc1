// The "check a route" page: POST /api/audit with the pasted text, then the report. Every word
// of the report comes worded from the server in the page's language; STRINGS holds only the
// page's own labels. Text goes into the page with textContent, never as HTML.
import { call } from "./api.js";

const STRINGS = {
  zh: {
    home: "黔行", title: "检查一条路线", paste: "把博客或旅行社的参考路线贴在这里，每天一行：",
    month: "月份", pace: "节奏", relaxed: "轻松", normal: "适中", packed: "紧凑",
    check: "检查路线", side: "原路线与更好的安排", day: "天", route: "原路线",
    better: "更好的安排", checking: "正在检查（会顺便排一份更好的行程）…", error: "出错了：",
    perPerson: "每人", road: "路上", hours: "小时", works: "✓", broken: "✗", other: "English",
  },
  en: {
    home: "Qianxing", title: "Check a route", paste: "Paste a route from a blog or an agency, one day a line:",
    month: "Month", pace: "Pace", relaxed: "relaxed", normal: "normal", packed: "packed",
    check: "Check the route", side: "The route and a better plan", day: "Day", route: "The route",
    better: "Better plan", checking: "Checking (and planning a better trip)…", error: "Error: ",
    perPerson: "per person", road: "on the road", hours: "h", works: "✓", broken: "✗", other: "中文",
  },
};
let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";
const $ = (sel) => document.querySelector(sel);

function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function label() {
  const s = STRINGS[lang];
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-w]").forEach((n) => { n.textContent = s[n.dataset.w]; });
  $("#lang").textContent = s.other;
}

function names(day) {
  const sights = (day.visits || []).map((v) => v.name).join("、") || "—";
  return day.lodging ? `${sights} (${day.lodging.name})` : sights;
}

function show(report) {
  const s = STRINGS[lang];
  $("#verdict").textContent = report.verdict_text;
  const unread = $("#unread");
  unread.replaceChildren(...report.not_understood.map((line) => el("li", line)));
  const days = $("#days");
  days.replaceChildren(...report.days.map((d) => {
    const li = el("li");
    const cost = d.cost == null ? "" : ` · ${s.perPerson} ¥${d.cost}`;
    li.append(el("strong", `${d.works ? s.works : s.broken} ${s.road} ${d.road_hours} ${s.hours}${cost}`));
    const ul = el("ul");
    d.problems.forEach((p) => ul.append(el("li", `✗ ${p.text}`)));
    d.know.slice(0, 3).forEach((k) => ul.append(el("li", `· ${k}`)));
    li.append(ul);
    return li;
  }));
  const body = $("#side tbody");
  const rows = report.route.days.map((rd, i) => {
    const tr = el("tr");
    const was = `${rd.sights.join("、") || "—"}${rd.night ? ` (${rd.night})` : ""}`;
    const now = report.better ? names(report.better.days[i] || {}) : "—";
    tr.append(el("td", String(rd.day)), el("td", was), el("td", now));
    return tr;
  });
  body.replaceChildren(...rows);
  $("#differences").replaceChildren(...(report.differences || []).map((t) => el("li", t)));
  $("#report").hidden = false;
}

async function submit(event) {
  event.preventDefault();
  const s = STRINGS[lang];
  const form = new FormData($("#audit"));
  const month = Number(form.get("month")) || null;
  $("#status").textContent = s.checking;
  $("#report").hidden = true;
  try {
    const report = await call("POST", "/api/audit", {
      text: form.get("text"), lang, month, pace: form.get("pace"),
    });
    $("#status").textContent = "";
    show(report);
  } catch (err) {
    const d = err.body && err.body.detail;
    const lines = d && d.not_understood ? [d.message, ...d.not_understood] : [err.message];
    $("#status").textContent = s.error + lines.join(" · ");
  }
}

$("#audit").addEventListener("submit", submit);
$("#lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; label(); });
label();
