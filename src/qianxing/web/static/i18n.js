// UI strings in Chinese (default) and English. Plan content comes from the server in the
// language of the request; these are only the page's own labels.
export const STRINGS = {
  zh: {
    title: "黔行 · 贵州行程规划", trip: "行程", days: "天数", start: "出发日期",
    month: "月份（无日期时）", arrive: "到达", arrive_time: "到达时间", depart: "离开",
    depart_time: "离开时间", pace: "节奏", relaxed: "轻松", normal: "适中", packed: "紧凑",
    estimated_service: "班次为估算，出行前核实", undated_source: "资料未注明年份",
    transport: "交通", public: "公共交通", "public+car": "公共交通＋单程包车", charter: "包车", "self-drive": "自驾",
    interests: "兴趣", must: "必去（逗号分隔）", avoid: "不去（逗号分隔）", party: "同行与预算",
    budget: "预算（元/人）", adults: "成人", children: "儿童", seniors: "老人", spice: "辣度",
    none: "不辣", mild: "微辣", medium: "中辣", hot: "特辣", vegetarian: "素食",
    plan: "规划行程", add_place: "添加地点", add: "添加", replan: "重新规划",
    save: "保存并分享", export: "导出", budget_panel: "预算", dropped: "未安排的地点",
    warnings: "提醒", day: (n) => `第 ${n} 天`, lock: "锁定", remove: "移除", undo: "撤销",
    move_to: "移到", planning: "正在规划…", saving: "正在保存…", saved: "已保存，分享链接：",
    share_readonly: "只读分享：要修改请另存一份", pending: (n) => `${n} 处修改待重新规划`,
    no_edits: "没有待应用的修改", error: "出错了：", did_you_mean: "你是不是要找：",
    from: "从", to: "到", min: "分钟", lodging: "住宿", meals: "餐饮",
    b_tickets: "门票", b_fees: "其他费用", b_transport: "交通", b_lodging: "住宿",
    b_food: "餐饮", b_total: "合计（每人）", b_limit: "预算上限", nothing: "无",
  },
  en: {
    title: "Qianxing · Guizhou trip planner", trip: "Trip", days: "Days", start: "First day",
    month: "Month (if no date)", arrive: "Arrive at", arrive_time: "Arrival time",
    depart: "Leave from", depart_time: "Departure time", pace: "Pace", relaxed: "relaxed",
    normal: "normal", packed: "packed", transport: "Transport", public: "public transport",
    estimated_service: "estimated service, check before you go", undated_source: "undated source",
    "public+car": "public transport + a hired car for a leg",
    charter: "chartered car", "self-drive": "self-drive", interests: "Interests",
    must: "Must see (comma-separated)", avoid: "Avoid (comma-separated)",
    party: "Party and budget", budget: "Budget (CNY/person)", adults: "Adults",
    children: "Children", seniors: "Seniors", spice: "Spice", none: "none", mild: "mild",
    medium: "medium", hot: "hot", vegetarian: "Vegetarian", plan: "Plan my trip",
    add_place: "Add a place", add: "Add", replan: "Re-plan", save: "Save & share",
    export: "Export", budget_panel: "Budget", dropped: "Left out", warnings: "Notes",
    day: (n) => `Day ${n}`, lock: "lock", remove: "remove", undo: "undo", move_to: "move to",
    planning: "Planning…", saving: "Saving…", saved: "Saved. Share link: ",
    share_readonly: "Read-only share: save a copy to change it",
    pending: (n) => `${n} edit(s) waiting for re-plan`, no_edits: "No edits to apply",
    error: "Error: ", did_you_mean: "Did you mean: ", from: "from", to: "to", min: "min",
    lodging: "Stay", meals: "Meals", b_tickets: "Tickets", b_fees: "Other fees",
    b_transport: "Transport", b_lodging: "Lodging", b_food: "Food",
    b_total: "Total (per person)", b_limit: "Budget limit", nothing: "none",
  },
};

let current = "zh";

export function lang() { return current; }

export function setLang(code) {
  current = code === "en" ? "en" : "zh";
  document.documentElement.lang = current;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const v = STRINGS[current][node.dataset.i18n];
    if (typeof v === "string") node.textContent = v;
  }
  document.title = STRINGS[current].title;
}

export function t(key, ...args) {
  const v = STRINGS[current][key] ?? STRINGS.zh[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
}

// Interest tags in Chinese (from `qianxing data tags`), shown beside the tag itself.
export const TAG_ZH = {"waterfall": "瀑布", "cave": "溶洞", "karst": "喀斯特", "miao": "苗族", "dong": "侗族", "buyi": "布依族", "ethnic-village": "民族村寨", "ancient-town": "古镇", "mountain": "山岳", "museum": "博物馆", "park": "公园", "food": "美食", "night-view": "夜景", "hiking": "徒步", "photography": "摄影", "lake": "湖泊", "river": "河流", "canyon": "峡谷", "terraces": "梯田", "flowers": "花海", "forest": "森林", "temple": "寺庙", "history": "历史", "red-tourism": "红色旅游", "grassland": "草原", "hot-spring": "温泉", "kids": "亲子"};
