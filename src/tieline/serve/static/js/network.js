// The network: a Fruchterman-Reingold force layout computed up front (deterministic, so
// the same store always draws the same picture), drawn on SVG with zoom, pan and drag.
import { fmtScore, scoreColor, svg } from "./dom.js";

const ITERATIONS = 320;

function seed(nodes, width, height, k) {
  // Phyllotaxis spiral, hubs first: a stable start that puts busy organizations mid-canvas.
  nodes.forEach((node, i) => {
    const r = 0.6 * k * Math.sqrt(i + 0.5);
    node.x = width / 2 + r * Math.cos(i * 2.39996);
    node.y = height / 2 + r * Math.sin(i * 2.39996);
  });
}

function step(nodes, links, k, heat, center) {
  const n = nodes.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = nodes[i].x - nodes[j].x;
      const y = nodes[i].y - nodes[j].y;
      // Labels run sideways: horizontal distance counts half, so neighbours spread in rows.
      const d2 = Math.max(0.25 * x * x + y * y, 1);
      const f = (k * k) / d2; // repulsion k²/d, divided once more by d to normalize x, y
      dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
    }
  }
  for (const { s, t, w } of links) {
    const x = nodes[s].x - nodes[t].x;
    const y = nodes[s].y - nodes[t].y;
    const d = Math.max(Math.hypot(x, y), 1);
    const f = (d / k) * (0.8 + 0.2 * w); // attraction d²/k; heavier ties pull a little closer
    dx[s] -= x * f; dy[s] -= y * f; dx[t] += x * f; dy[t] += y * f;
  }
  nodes.forEach((node, i) => {
    // Gravity keeps separate components on screen.
    dx[i] += (center.x - node.x) * 0.04;
    dy[i] += (center.y - node.y) * 0.04;
    const len = Math.max(Math.hypot(dx[i], dy[i]), 1e-9);
    const move = Math.min(len, heat);
    node.x += (dx[i] / len) * move;
    node.y += (dy[i] / len) * move;
  });
}

function components(nodes, links) {
  const parent = nodes.map((_, i) => i);
  const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const { s, t } of links) parent[find(s)] = find(t);
  const groups = new Map();
  nodes.forEach((_, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(i);
  });
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

function layoutPart(nodes, links, k) {
  // One connected part on its own canvas, sized to its node count.
  const side = k * Math.sqrt(nodes.length) * 1.6;
  seed(nodes, side, side, k);
  let heat = side / 6;
  for (let i = 0; i < ITERATIONS; i++) {
    step(nodes, links, k, heat, { x: side / 2, y: side / 2 });
    heat = Math.max(heat * 0.985, 0.5);
  }
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const mid = xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const n of nodes) {
    n.left = n.x < mid - 1; // labels point away from the part's middle
    n.x -= x0;
    n.y -= y0;
  }
  return { w: Math.max(...xs) - x0 + k, h: Math.max(...ys) - y0 + k };
}

function pack(parts, width, height) {
  // Shelf packing, biggest part first, rows as wide as the canvas's aspect suggests.
  const area = parts.reduce((sum, p) => sum + p.w * p.h, 0);
  const rowWidth = Math.max(Math.sqrt(area * (width / height)) * 1.15, ...parts.map((p) => p.w));
  let x = 0, y = 0, rowHeight = 0;
  for (const part of parts) {
    if (x > 0 && x + part.w > rowWidth) { x = 0; y += rowHeight; rowHeight = 0; }
    for (const n of part.nodes) { n.x += x; n.y += y; }
    x += part.w;
    rowHeight = Math.max(rowHeight, part.h);
  }
}

/** Positions for nodes ({name}) linked by edges ({a, b, ties}), fitted to width x height. */
export function layout(nodes, edges, width, height) {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const most = Math.max(1, ...edges.map((e) => e.ties));
  const links = edges.map((e) => ({ s: index.get(e.a), t: index.get(e.b), w: Math.sqrt(e.ties / most) }));
  const k = 80;
  const parts = components(nodes, links).map((members) => {
    const local = new Map(members.map((i, j) => [i, j]));
    const partNodes = members.map((i) => nodes[i]);
    const partLinks = links.filter((l) => local.has(l.s)).map((l) => ({ s: local.get(l.s), t: local.get(l.t), w: l.w }));
    return { nodes: partNodes, ...layoutPart(partNodes, partLinks, k) };
  });
  pack(parts, width, height);
  fit(nodes, width, height);
  placeLabels(nodes);
}

const SIDES = ["right", "left", "below", "above"];

function labelBox(node, side) {
  const r = radius(node);
  const w = node.name.length * 6.6;
  if (side === "right") return [node.x + r + 4, node.y - 9, node.x + r + 4 + w, node.y + 6];
  if (side === "left") return [node.x - r - 4 - w, node.y - 9, node.x - r - 4, node.y + 6];
  const top = side === "below" ? node.y + r + 2 : node.y - r - 17;
  return [node.x - w / 2, top, node.x + w / 2, top + 15];
}

function overlap(a, b) {
  return Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
}

function placeLabels(nodes) {
  // Greedy: busiest organizations first, each label on the side that collides least.
  const taken = nodes.map((n) => { const r = radius(n); return [n.x - r, n.y - r, n.x + r, n.y + r]; });
  for (const node of [...nodes].sort((a, b) => b.ties - a.ties)) {
    const preferred = node.left ? "left" : "right";
    const sides = [preferred, ...SIDES.filter((s) => s !== preferred)];
    const cost = (side) => taken.reduce((sum, box) => sum + overlap(box, labelBox(node, side)), 0);
    node.side = sides.reduce((best, side) => (cost(side) < cost(best) - 1 ? side : best), preferred);
    taken.push(labelBox(node, node.side));
  }
}

function labelWidth(node) {
  return 10 + radius(node) + node.name.length * 6.6; // 12px sans: about 6.6px a character
}

function spanAt(nodes, scale, x0) {
  // Screen extent of nodes and their side labels at this scale: [min, max].
  let lo = Infinity, hi = -Infinity;
  for (const n of nodes) {
    const x = (n.x - x0) * scale;
    lo = Math.min(lo, x - (n.left ? labelWidth(n) : radius(n)));
    hi = Math.max(hi, x + (n.left ? radius(n) : labelWidth(n)));
  }
  return [lo, hi];
}

function fit(nodes, width, height) {
  // The largest scale (at most 2.5) at which nodes and labels fit; found by bisection.
  if (!nodes.length) return;
  const ys = nodes.map((n) => n.y);
  const x0 = Math.min(...nodes.map((n) => n.x));
  const y0 = Math.min(...ys);
  const fitsX = (s) => { const [lo, hi] = spanAt(nodes, s, x0); return hi - lo <= width - 24; };
  let [a, b] = [0, 2.5];
  for (let i = 0; i < 30; i++) { const m = (a + b) / 2; if (fitsX(m)) a = m; else b = m; }
  const scale = Math.min(a, 2.5);
  // Labels limit the width; let the layout use up to 1.6x as much scale vertically.
  const sy = Math.min(scale * 1.6, (height - 90) / Math.max(Math.max(...ys) - y0, 1)); // legend
  const [lo, hi] = spanAt(nodes, scale, x0);
  const ox = (width - (hi - lo)) / 2 - lo;
  const oy = (height - 40 - (Math.max(...ys) - y0) * sy) / 2;
  for (const n of nodes) {
    n.x = ox + (n.x - x0) * scale;
    n.y = oy + (n.y - y0) * sy;
  }
}

// Cooperation blocs (Louvain communities from tieline.analyse.graph) get a colour each.
const BLOCS = ["#6366f1", "#0d9488", "#d97706", "#db2777", "#0284c7", "#7c3aed", "#65a30d", "#ea580c", "#0891b2"];

function blocColor(bloc) {
  return bloc === null || bloc === undefined ? "#64748b" : BLOCS[bloc % BLOCS.length];
}

function radius(node) {
  return 5 + 2.2 * Math.sqrt(node.ties || 1);
}

function edgeWidth(edge) {
  return Math.min(1.2 + 1.5 * Math.sqrt(edge.ties), 12);
}

/** Draw the graph into an <svg>; returns {highlight(selection)} for the current selection. */
export function drawNetwork(root, graph, { onNode, onEdge }) {
  const width = root.clientWidth || 800;
  const height = root.clientHeight || 560;
  const ties = new Map();
  for (const e of graph.edges) for (const end of [e.a, e.b]) ties.set(end, (ties.get(end) || 0) + e.ties);
  const nodes = graph.nodes
    .map((n) => ({ name: n.org, bloc: n.bloc, ties: ties.get(n.org) || 0 }))
    .sort((a, b) => b.ties - a.ties || a.name.localeCompare(b.name));
  layout(nodes, graph.edges, width, height);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const view = svg("g", { class: "viewport" });
  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  view.append(edgeLayer, nodeLayer);
  const chart = svg("svg", { class: "network-svg", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Network of organizations" }, view);
  const edgeEls = graph.edges.map((e) => drawEdge(edgeLayer, e, byName, onEdge));
  const nodeEls = nodes.map((n) => drawNode(nodeLayer, n, onNode, () => moved(n)));
  function moved(node) {
    nodeEls.find((x) => x.node === node).place();
    edgeEls.filter((x) => x.edge.a === node.name || x.edge.b === node.name).forEach((x) => x.place());
  }
  hover(chart, nodeEls, edgeEls);
  zoom(chart, view);
  root.replaceChildren(chart);
  return { highlight: (selection) => highlight(chart, nodeEls, edgeEls, selection) };
}

function drawEdge(layer, edge, byName, onEdge) {
  const [a, b] = [byName.get(edge.a), byName.get(edge.b)];
  const label = `${edge.a} ⇄ ${edge.b}: ${edge.ties} ties, score ${fmtScore(edge.score)}`;
  const line = svg("line", { class: "edge", stroke: scoreColor(edge.score), "stroke-width": edgeWidth(edge) });
  const hit = svg("line", { class: "edge-hit", "data-pair": `${edge.a}|${edge.b}` }, svg("title", { text: label }));
  hit.addEventListener("click", () => onEdge(edge.a, edge.b));
  const group = svg("g", { class: "edge-group" }, line, hit);
  layer.append(group);
  const place = () => {
    for (const l of [line, hit]) {
      l.setAttribute("x1", a.x); l.setAttribute("y1", a.y);
      l.setAttribute("x2", b.x); l.setAttribute("y2", b.y);
    }
  };
  place();
  return { edge, group, place };
}

function drawNode(layer, node, onNode, onMove) {
  const r = radius(node);
  const circle = svg("circle", { r, class: "node-dot", fill: blocColor(node.bloc) });
  const at = { right: [r + 4, 4, "start"], left: [-r - 4, 4, "end"], below: [0, r + 13, "middle"], above: [0, -r - 5, "middle"] }[node.side || "right"];
  const label = svg("text", { x: at[0], y: at[1], "text-anchor": at[2], class: "node-label", text: node.name });
  const group = svg("g", { class: "node", tabindex: 0, "data-org": node.name }, circle, label, svg("title", { text: `${node.name}: ${node.ties} ties${node.bloc === null ? "" : `, bloc ${node.bloc + 1}`}` }));
  const place = () => group.setAttribute("transform", `translate(${node.x},${node.y})`);
  place();
  draggable(group, node, onMove, () => onNode(node.name));
  group.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onNode(node.name); });
  layer.append(group);
  return { node, group, place };
}

function draggable(group, node, onMove, onClick) {
  group.addEventListener("pointerdown", (ev) => {
    ev.stopPropagation();
    const start = { x: ev.clientX, y: ev.clientY, nx: node.x, ny: node.y };
    const scale = group.ownerSVGElement.__scale || 1;
    let dragged = false;
    const move = (e) => {
      const dx = (e.clientX - start.x) / scale;
      const dy = (e.clientY - start.y) / scale;
      if (Math.hypot(dx, dy) > 3) dragged = true;
      node.x = start.nx + dx;
      node.y = start.ny + dy;
      onMove();
    };
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      if (!dragged) onClick();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
}

function hover(chart, nodeEls, edgeEls) {
  for (const { node, group } of nodeEls) {
    group.addEventListener("pointerenter", () => {
      chart.classList.add("hovering");
      for (const x of edgeEls) {
        const on = x.edge.a === node.name || x.edge.b === node.name;
        x.group.classList.toggle("lit", on);
        if (on) for (const y of nodeEls) if (y.node.name === x.edge.a || y.node.name === x.edge.b) y.group.classList.add("lit");
      }
    });
    group.addEventListener("pointerleave", () => {
      chart.classList.remove("hovering");
      for (const x of [...edgeEls, ...nodeEls]) x.group.classList.remove("lit");
    });
  }
}

function zoom(chart, view) {
  const t = { x: 0, y: 0, k: 1 };
  const apply = () => { view.setAttribute("transform", `translate(${t.x},${t.y}) scale(${t.k})`); chart.__scale = t.k; };
  chart.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = chart.getBoundingClientRect();
    const [px, py] = [ev.clientX - box.left, ev.clientY - box.top];
    const k = Math.max(0.4, Math.min(4, t.k * Math.exp(-ev.deltaY * 0.0015)));
    t.x = px - ((px - t.x) * k) / t.k;
    t.y = py - ((py - t.y) * k) / t.k;
    t.k = k;
    apply();
  }, { passive: false });
  chart.addEventListener("pointerdown", (ev) => {
    const start = { x: ev.clientX - t.x, y: ev.clientY - t.y };
    const move = (e) => { t.x = e.clientX - start.x; t.y = e.clientY - start.y; apply(); };
    const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
}

function highlight(chart, nodeEls, edgeEls, { org = null, pair = null } = {}) {
  const focus = new Set(pair || (org ? [org] : []));
  const near = new Set(focus);
  for (const { edge, group } of edgeEls) {
    const inPair = pair && focus.has(edge.a) && focus.has(edge.b);
    const touches = !pair && (focus.has(edge.a) || focus.has(edge.b));
    group.classList.toggle("selected", Boolean(inPair || touches));
    if (touches) { near.add(edge.a); near.add(edge.b); }
  }
  for (const { node, group } of nodeEls) {
    group.classList.toggle("selected", focus.has(node.name));
    group.classList.toggle("near", near.has(node.name));
  }
  chart.classList.toggle("focused", focus.size > 0);
}
