// The page's words. Everything about the plan (modes, "Day {n}", budget categories, badges,
// the edit controls' words) comes from the server's gettext catalogue, the one the exports
// use: GET /api/i18n/{lang} -> {message id: text}, where the id is the English text. The
// plan itself arrives already worded from POST /api/view. STRINGS below holds only the
// page's own form and status labels; elements marked data-msg show a catalogue message.
import { call } from "./api.js";

export const STRINGS = {
  zh: {
    title: "黔行 · 贵州行程规划", trip: "行程", days: "天数", start: "出发日期",
    month: "月份（无日期时）", arrive: "到达", arrive_time: "到达时间", depart: "离开",
    depart_time: "离开时间", pace: "节奏",
    interests: "兴趣", must: "必去（逗号分隔）", avoid: "不去（逗号分隔）", party: "同行与预算",
    budget: "预算（元/人）", adults: "成人", children: "儿童", seniors: "老人", students: "学生", spice: "辣度",
    none: "不辣", mild: "微辣", medium: "中辣", hot: "特辣", vegetarian: "素食",
    plan: "规划行程", add_place: "添加地点", add: "添加", replan: "重新规划",
    save: "保存并分享", export: "导出",
    planning: "正在规划…", saving: "正在保存…", saved: "已保存，分享链接：",
    share_readonly: "只读分享：要修改请另存一份", pending: (n) => `${n} 处修改待重新规划`,
    no_edits: "没有待应用的修改", error: "出错了：", did_you_mean: "；你是不是要找：",
    unknown_place: (name) => `找不到地点“${name}”`, show_list: "行程", show_map: "地图",
    undo: "撤销", copy_link: "复制链接", copied: "链接已复制：", drop_edit: "取消这项修改",
    edit_remove: (name) => `移除 ${name}`, edit_move: (name, day) => `${name} 移到${day}`,
    edit_add: (name) => `添加 ${name}`, whole_trip: "全程", on_map: "在地图上看",
    dashed_note: "实线沿途经过数据中已知的车站或道路节点；虚线只知道起点和终点，画成直线，不是实际走向；点线为步行。",
    // the ask box (ask.js)
    ask_label: "用一句话说说你的行程，我来填表", ask_placeholder: "说说你的行程…",
    ask_read: "填入表单", ask_reading: "正在读…", ask_understood: "我理解的需求（已填入下面的表单）",
    ask_nothing: "没有读出可以填入表单的内容", ask_transport: "交通", ask_yes: "是", ask_no: "否",
    ask_which: (phrase) => `“${phrase}”是指哪个？`, ask_rewrite: "请在上面的句子里写清楚",
    ask_filled: "请检查下面的表单，再点“规划行程”。",
    edit_link: "编辑链接（持有者可修改，勿外传）", copy_edit_link: "复制编辑链接",
    edit_copied: "编辑链接已复制：持有它的人可以修改和删除这个行程，只发给你信任的人",
    delete: "删除行程", confirm_delete: "删除这个行程？分享链接将不再显示它，此操作无法撤销。",
    deleted_by_you: "行程已删除，它的链接不再显示这个行程。",
    trip_deleted: "这个行程已被它的主人删除，链接不再显示它。",
    trip_missing: "没有这个行程：请检查链接是否完整。",
    bad_edit_link: "编辑链接中的密钥不对（或已失效）：现在只能查看",
    edit_order: (day, names) => `${day}新顺序：${names}`,
  },
  en: {
    title: "Qianxing · Guizhou trip planner", trip: "Trip", days: "Days", start: "First day",
    month: "Month (if no date)", arrive: "Arrive at", arrive_time: "Arrival time",
    depart: "Leave from", depart_time: "Departure time", pace: "Pace",
    interests: "Interests",
    must: "Must see (comma-separated)", avoid: "Avoid (comma-separated)",
    party: "Party and budget", budget: "Budget (CNY/person)", adults: "Adults",
    children: "Children", seniors: "Seniors", students: "Students", spice: "Spice", none: "none", mild: "mild",
    medium: "medium", hot: "hot", vegetarian: "Vegetarian", plan: "Plan my trip",
    add_place: "Add a place", add: "Add", replan: "Re-plan", save: "Save & share",
    export: "Export",
    planning: "Planning…", saving: "Saving…", saved: "Saved. Share link: ",
    share_readonly: "Read-only share: save a copy to change it",
    pending: (n) => `${n} edit(s) waiting for re-plan`, no_edits: "No edits to apply",
    error: "Error: ", did_you_mean: "; did you mean ",
    unknown_place: (name) => `no place called "${name}"`, show_list: "Plan", show_map: "Map",
    undo: "Undo", copy_link: "Copy link", copied: "Link copied: ", drop_edit: "drop this edit",
    edit_remove: (name) => `remove ${name}`, edit_move: (name, day) => `move ${name} to ${day}`,
    edit_add: (name) => `add ${name}`, whole_trip: "Whole trip", on_map: "on the map",
    dashed_note: "Solid lines pass the stations or road junctions the data knows on the way; dashed lines join two ends only (not the real course); dotted lines are walks.",
    // the ask box (ask.js)
    ask_label: "Your trip in one sentence; I fill in the form", ask_placeholder: "Tell me about your trip…",
    ask_read: "Fill in the form", ask_reading: "Reading…",
    ask_understood: "What I understood (filled in below)", ask_nothing: "Nothing I could put in the form",
    ask_transport: "Transport", ask_yes: "yes", ask_no: "no",
    ask_which: (phrase) => `Which one is "${phrase}"?`, ask_rewrite: "say which in the sentence above",
    ask_filled: "Check the form below, then press \"Plan my trip\".",
    edit_link: "Edit link (whoever has it can change the trip; keep it private)",
    copy_edit_link: "Copy edit link",
    edit_copied: "Edit link copied: whoever has it can change and delete this trip; send it only to people you trust",
    delete: "Delete trip", confirm_delete: "Delete this trip? Its share link will no longer show it. This cannot be undone.",
    deleted_by_you: "Trip deleted; its link no longer shows it.",
    trip_deleted: "This trip was deleted by its owner; the link no longer shows it.",
    trip_missing: "There is no such trip: check that the link is complete.",
    bad_edit_link: "The key in this edit link is wrong (or no longer valid): the trip is read-only",
    edit_order: (day, names) => `${day} in a new order: ${names}`,
  },
};

const catalogues = new Map(); // lang -> {message id: text}
let current = "zh";

export function lang() { return current; }

// Fetch a language's catalogue once (the server sends it cacheable, with an ETag).
export async function loadCatalogue(code) {
  if (!catalogues.has(code)) catalogues.set(code, await call("GET", `/api/i18n/${code}`));
  return catalogues.get(code);
}

// A catalogue message in the current language with its {fields} filled in; the message id
// (English) stands in for a message the catalogue lacks, as gettext does.
export function msg(id, fields = {}) {
  const text = catalogues.get(current)?.[id] || id;
  return text.replace(/\{(\w+)\}/g, (whole, k) => (k in fields ? String(fields[k]) : whole));
}

export async function setLang(code) {
  current = code === "en" ? "en" : "zh";
  try { await loadCatalogue(current); } catch { /* offline: the English ids stand in */ }
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const v = STRINGS[current][node.dataset.i18n];
    if (typeof v === "string") node.textContent = v;
  }
  for (const node of document.querySelectorAll("[data-msg]")) node.textContent = msg(node.dataset.msg);
  document.title = STRINGS[current].title;
}

export function t(key, ...args) {
  const v = STRINGS[current][key] ?? STRINGS.zh[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
}

// Interest tags in Chinese (from `qianxing data tags`), shown beside the tag itself.
export const TAG_ZH = {"waterfall": "瀑布", "cave": "溶洞", "karst": "喀斯特", "miao": "苗族", "dong": "侗族", "buyi": "布依族", "ethnic-village": "民族村寨", "ancient-town": "古镇", "mountain": "山岳", "museum": "博物馆", "park": "公园", "food": "美食", "night-view": "夜景", "hiking": "徒步", "photography": "摄影", "lake": "湖泊", "river": "河流", "canyon": "峡谷", "terraces": "梯田", "flowers": "花海", "forest": "森林", "temple": "寺庙", "history": "历史", "red-tourism": "红色旅游", "grassland": "草原", "hot-spring": "温泉", "kids": "亲子"};
