// DOM helpers. Everything that comes from the store (names, evidence, titles) is
// untrusted article text: it enters the page as text nodes only, never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: el("a", {href, class, text, onclick}, ...children). */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, same signature as el. */
export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Remove every child of a node and append new ones. */
export function replace(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

/** The URL if it is plain http(s), else null: a javascript: link must never be clickable. */
export function safeUrl(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-06-16" -> "16 Jun 2025" (or "Jun 2025" with month=true). */
export function fmtDate(iso, { month = false } = {}) {
  if (!iso) return "undated";
  const [y, m, d] = iso.split("-").map(Number);
  return month ? `${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A score with its sign: +4.0, −2.5. */
export function fmtScore(score) {
  if (score === null || score === undefined) return "–";
  const s = Math.abs(score).toFixed(1);
  return score > 0.05 ? `+${s}` : score < -0.05 ? `−${s}` : s;
}

export function fmtInt(n) {
  return Number(n).toLocaleString("en-US");
}

const RED = [214, 48, 49];
const GREY = [160, 166, 178];
const GREEN = [22, 152, 90];

/** Colour of a score on the tie scale: red (conflict) .. grey .. green (cooperation). */
export function scoreColor(score, top = 6) {
  if (score === null || score === undefined) return `rgb(${GREY})`;
  const t = Math.max(-1, Math.min(1, score / top));
  const [from, to, f] = t < 0 ? [GREY, RED, -t] : [GREY, GREEN, t];
  const mix = from.map((c, i) => Math.round(c + (to[i] - c) * Math.sqrt(f)));
  return `rgb(${mix.join(",")})`;
}

/** Run fn at most once per `ms` of quiet. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
