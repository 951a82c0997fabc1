// Build DOM nodes. Text is always set with textContent: place names and notes are data,
// never markup, so nothing from a plan or a saved trip can inject HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "style") for (const [p, val] of Object.entries(v)) node.style.setProperty(p, val);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// The plan's HTML from the server (POST /api/view). The server escapes every value and sends
// no scripts; this parses it in an inert <template> (nothing loads or runs there) and, as a
// second line of defence, drops any active element, event or style attribute, or non-http(s) link
// before the nodes join the page.
const ACTIVE = "script, style, iframe, object, embed, link, meta, base, form, img, svg, math";

export function fragment(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  for (const node of tpl.content.querySelectorAll(ACTIVE)) node.remove();
  for (const node of tpl.content.querySelectorAll("*")) {
    for (const attr of [...node.attributes]) {
      const name = attr.name.toLowerCase();
      const url = name === "href" || name === "src" || name === "action" || name === "formaction";
      if (name.startsWith("on") || name === "style" || (url && !/^https?:/i.test(attr.value.trim()))) {
        node.removeAttribute(attr.name);
      }
    }
  }
  const root = tpl.content.firstElementChild || document.createElement("div");
  root.remove();
  return root;
}
