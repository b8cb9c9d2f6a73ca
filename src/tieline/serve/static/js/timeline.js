// A pair's timeline as an SVG chart: score per period on the tie scale, ties per period
// as bars underneath, turns as dashed markers. Click a period to filter the evidence.
import { fmtDate, fmtScore, scoreColor, svg } from "./dom.js";

const TOP = 8; // the tie weights run from -7 (SUE) to +6 (INVEST, PARTNER); headroom for labels
const M = { left: 38, right: 12, top: 14, bottom: 22 };
const BARS = 34; // height of the ties-per-period strip

function periodLabel(start, by) {
  if (by === "week") return fmtDate(start);
  if (by === "quarter") return `Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1} ${start.slice(0, 4)}`;
  return fmtDate(start, { month: true });
}

function summary(p, by) {
  const types = Object.entries(p.counts).map(([t, n]) => `${t} ${n}`).join(", ");
  const head = `${periodLabel(p.start, by)}: `;
  return p.score === null ? `${head}no ties` : `${head}score ${fmtScore(p.score)} · ${p.ties} ties (${types})`;
}

function axes(g, x, y, w, periods, by) {
  g.append(svg("rect", { class: "band coop", x: M.left, y: y(TOP), width: w, height: y(0) - y(TOP) }));
  g.append(svg("rect", { class: "band conflict", x: M.left, y: y(0), width: w, height: y(-TOP) - y(0) }));
  for (const v of [-6, -3, 0, 3, 6]) {
    g.append(svg("line", { class: v === 0 ? "zero" : "grid", x1: M.left, x2: M.left + w, y1: y(v), y2: y(v) }));
    g.append(svg("text", { class: "tick", x: M.left - 6, y: y(v) + 4, "text-anchor": "end", text: v > 0 ? `+${v}` : v }));
  }
  const every = Math.max(1, Math.ceil(periods.length / 6));
  periods.forEach((p, i) => {
    if (i % every) return;
    g.append(svg("text", { class: "tick", x: x(i), y: y(-TOP) + BARS + 16, "text-anchor": "middle", text: periodLabel(p.start, by) }));
  });
}

function line(g, x, y, periods) {
  // Through every period with ties; a quiet period is a gap in evidence, not a zero score.
  const points = periods.map((p, i) => [p, i]).filter(([p]) => p.score !== null);
  const d = points.map(([p, i], j) => `${j ? "L" : "M"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join("");
  g.append(svg("path", { class: "score-line", d }));
}

function bars(g, x, y, periods, slot, onPeriod) {
  const most = Math.max(1, ...periods.map((p) => p.ties));
  const base = y(-TOP) + BARS;
  periods.forEach((p, i) => {
    const h = (p.ties / most) * (BARS - 6);
    const hit = svg("rect", { class: "period-hit", x: x(i) - slot / 2, y: M.top, width: slot, height: base - M.top, "data-start": p.start }, svg("title", { text: summary(p, g.__by) }));
    if (p.ties) {
      hit.addEventListener("click", () => {
        for (const other of g.querySelectorAll(".period-hit.selected")) other.classList.remove("selected");
        hit.classList.add("selected");
        onPeriod(p);
      });
    }
    g.append(svg("rect", { class: "bar", x: x(i) - slot * 0.3, y: base - h, width: slot * 0.6, height: h }), hit);
  });
}

function dots(g, x, y, periods) {
  periods.forEach((p, i) => {
    if (p.score === null) return;
    g.append(svg("circle", { class: "score-dot", cx: x(i), cy: y(p.score), r: 3 + Math.min(Math.sqrt(p.ties), 4), fill: scoreColor(p.score) }));
  });
}

function turnMarks(g, x, y, periods, turns, mid) {
  // Labels lean away from the nearer edge, and turns close together get their own row,
  // so "turn → conflict" and "turn → cooperation" four months apart do not overprint.
  const sorted = [...turns].sort((a, b) => (a.turning_date < b.turning_date ? -1 : 1));
  sorted.forEach((turn, k) => {
    const i = periods.findIndex((p, j) => p.start <= turn.turning_date && (j + 1 === periods.length || periods[j + 1].start > turn.turning_date));
    if (i < 0) return;
    const cls = turn.direction === "to_conflict" ? "turn conflict" : "turn coop";
    const right = x(i) > mid;
    g.append(svg("line", { class: cls, x1: x(i), x2: x(i), y1: y(TOP), y2: y(-TOP) }));
    g.append(svg("text", {
      class: `turn-label ${cls.split(" ")[1]}`, x: right ? x(i) - 4 : x(i) + 4, y: y(TOP) + 12 + 14 * (k % 3),
      "text-anchor": right ? "end" : "start", text: turn.direction === "to_conflict" ? "turn → conflict" : "turn → cooperation",
    }));
  });
}

/** Draw a timeline ({by, periods}) and its turns into root; onPeriod(period) on click. */
export function drawTimeline(root, timeline, turns, { onPeriod }) {
  const width = Math.max(root.clientWidth, 320);
  const height = 230;
  const periods = timeline.periods;
  const w = width - M.left - M.right;
  const plot = height - M.top - M.bottom - BARS;
  const slot = w / Math.max(periods.length, 1);
  const x = (i) => M.left + slot * (i + 0.5);
  const y = (v) => M.top + ((TOP - v) / (2 * TOP)) * plot;
  const g = svg("g");
  g.__by = timeline.by;
  axes(g, x, y, w, periods, timeline.by);
  bars(g, x, y, periods, slot, onPeriod);
  line(g, x, y, periods);
  dots(g, x, y, periods);
  turnMarks(g, x, y, periods, turns, M.left + w / 2);
  const chart = svg("svg", { class: "timeline-svg", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Timeline of ${timeline.a} and ${timeline.b}` }, g);
  root.replaceChildren(chart);
}
