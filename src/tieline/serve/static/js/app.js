// The dashboard: header search, network, alerts feed, and a detail panel that shows an
// organization or a pair (timeline + evidence). State lives in the URL hash:
// #/org/<name>, #/pair/<a>/<b>.
import { api } from "./api.js";
import { debounce, el, fmtDate, fmtInt, fmtScore, replace, scoreColor } from "./dom.js";
import { card } from "./evidence.js";
import { drawNetwork } from "./network.js";
import { drawTimeline } from "./timeline.js";

const PAGE = 40;
const state = { window: { since: "", until: "" }, windowLabel: "All time", net: null, selection: {}, ticket: 0, graphTicket: 0 };
const $ = (id) => document.getElementById(id);

function go(...parts) {
  window.location.hash = `#/${parts.map(encodeURIComponent).join("/")}`;
}

function hashParts() {
  return window.location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
}

function notify(error) {
  const text = error.code === "store_busy" ? `${error.message}.` : error.message || String(error);
  replace($("banner"), el("span", { text }), el("button", { class: "link", text: "Dismiss", onclick: () => { $("banner").hidden = true; } }));
  $("banner").hidden = false;
}

function empty(title, text, ...extra) {
  return el("div", { class: "empty" }, el("div", { class: "empty-icon", "aria-hidden": "true" }), el("h3", { text: title }), el("p", { text }), ...extra);
}

function swatch(score) {
  const s = el("span", { class: "swatch", title: `score ${fmtScore(score)}` });
  s.style.background = scoreColor(score);
  return s;
}

// -- header --------------------------------------------------------------------------

async function loadOverview() {
  const o = await api("overview");
  const stat = (n, label) => el("span", { class: "stat" }, el("b", { text: fmtInt(n) }), ` ${label}`);
  const span = o.first ? el("span", { class: "stat span", text: `${fmtDate(o.first, { month: true })} – ${fmtDate(o.last, { month: true })}` }) : null;
  replace($("stats"), stat(o.articles, "articles"), stat(o.ties, "ties"), stat(o.organizations, "organizations"), span);
  return o;
}

function setupSearch() {
  const input = $("search");
  const list = $("suggestions");
  let items = [];
  let active = -1;
  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
  const pick = (org) => { input.value = ""; close(); input.blur(); go("org", org.name); };
  const mark = () => [...list.children].forEach((li, i) => li.classList.toggle("active", i === active));
  const show = (orgs, q) => {
    items = orgs;
    active = orgs.length ? 0 : -1;
    const rows = orgs.map((o) => {
      const alias = o.aliases.find((a) => a !== o.name && a.toLowerCase().includes(q.toLowerCase()));
      return el("li", { role: "option", class: "suggestion", onmousedown: (ev) => { ev.preventDefault(); pick(o); } },
        el("span", { class: "s-name", text: o.name }),
        alias ? el("span", { class: "s-alias", text: `also “${alias}”` }) : null,
        el("span", { class: "s-count", text: `${fmtInt(o.ties)} ties` }));
    });
    replace(list, rows.length ? rows : [el("li", { class: "suggestion none", text: `No organization matches “${q}”` })]);
    mark();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const lookup = debounce(async (q) => {
    if (!q.trim()) return close();
    try { show((await api("orgs", { q, limit: 8 })).items, q); } catch (e) { notify(e); }
  }, 120);
  input.addEventListener("input", () => lookup(input.value));
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + items.length) % Math.max(items.length, 1);
      mark();
    } else if (ev.key === "Enter" && items[active]) pick(items[active]);
    else if (ev.key === "Escape") close();
  });
}

// -- network and alerts -------------------------------------------------------------

async function loadGraph() {
  const ticket = ++state.graphTicket;
  const graph = await api("graph", state.window);
  if (ticket !== state.graphTicket) return; // a newer window was asked for meanwhile
  const blocs = graph.blocs.length ? ` · ${graph.blocs.length} blocs` : "";
  $("graph-count").textContent = `${state.windowLabel} · ${fmtInt(graph.nodes.length)} organizations · ${fmtInt(graph.edges.length)} pairs${blocs}`;
  if (!graph.edges.length) {
    state.net = null;
    replace($("network"), empty("No ties in this window", "Widen the dates, or add articles with tieline ingest."));
    return;
  }
  state.net = drawNetwork($("network"), graph, { onNode: (name) => go("org", name), onEdge: (a, b) => go("pair", a, b) });
  state.net.highlight(state.selection);
}

function yearBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function setWindow(since, until, preset) {
  // The network's window; edges are coloured by their score within it ("current" at 12 months).
  state.window = { since, until };
  $("since").value = since;
  $("until").value = until;
  for (const b of document.querySelectorAll(".seg button")) b.classList.toggle("on", b.dataset.preset === preset);
  state.windowLabel = { year: "Last 12 months", all: "All time" }[preset] || "Custom window";
  return loadGraph();
}

function setupWindow(overview) {
  const year = () => setWindow(overview.last ? yearBefore(overview.last) : "", "", "year");
  $("preset-year").addEventListener("click", () => year().catch(notify));
  $("preset-all").addEventListener("click", () => setWindow("", "", "all").catch(notify));
  const custom = () => setWindow($("since").value, $("until").value, "custom").catch(notify);
  $("since").addEventListener("change", custom);
  $("until").addEventListener("change", custom);
  window.addEventListener("resize", debounce(() => loadGraph().catch(notify), 250));
  return year();
}

function alertItem(a) {
  const conflict = a.direction === "to_conflict";
  return el("li", { class: `alert ${conflict ? "to-conflict" : "to-coop"}` },
    el("button", { class: "alert-body", onclick: () => go("pair", a.pair[0], a.pair[1]) },
      el("div", { class: "alert-top" },
        el("span", { class: "badge", text: conflict ? "Turned to conflict" : "Turned to cooperation" }),
        el("time", { datetime: a.turning_date, text: fmtDate(a.turning_date) })),
      el("div", { class: "alert-pair", text: `${a.pair[0]} ⇄ ${a.pair[1]}` }),
      el("div", { class: "alert-shift" }, swatch(a.before), ` ${fmtScore(a.before)} → ${fmtScore(a.after)} `, swatch(a.after),
        el("span", { class: "muted", text: ` · ${a.driving_tie_ids.length} driving ties` })),
      a.divergence ? el("div", { class: "alert-note", text: a.divergence }) : null));
}

async function loadAlerts() {
  const page = await api("alerts", { limit: 50 });
  $("alert-count").textContent = page.items.length ? String(page.items.length) : "";
  replace($("alerts"), page.items.length ? page.items.map(alertItem)
    : [empty("No turns detected", "Pairs whose ties swing between cooperation and conflict appear here.")]);
}

// -- detail: home, organization, pair -----------------------------------------------

function focus(selection) {
  state.selection = selection;
  if (state.net) state.net.highlight(selection);
}

async function showHome(ticket) {
  focus({});
  const orgs = (await api("orgs", { limit: 10 })).items;
  if (ticket !== state.ticket) return;
  const picks = orgs.map((o) => el("li", {}, el("button", { class: "org-pick", onclick: () => go("org", o.name) },
    el("span", { text: o.name }), el("span", { class: "muted", text: `${fmtInt(o.ties)} ties` }))));
  replace($("detail"), orgs.length
    ? empty("Explore the ties", "Search an organization, click a node to see its counterparties, or click an edge to open a pair’s timeline and evidence.", el("h4", { text: "Most connected" }), el("ul", { class: "org-picks" }, picks))
    : empty("No ties yet", "This store is empty. Add articles with tieline ingest articles/ --db <store>."));
}

function counterparty(org, edge) {
  const other = edge.a === org ? edge.b : edge.a;
  const types = Object.entries(edge.types).sort((x, y) => y[1] - x[1]).slice(0, 3).map(([t, n]) => `${t.toLowerCase()} ${n}`).join(" · ");
  return el("li", {}, el("button", { class: "party", onclick: () => go("pair", org, other) },
    swatch(edge.score),
    el("span", { class: "party-name", text: other }),
    el("span", { class: "party-types muted", text: types }),
    el("span", { class: "party-score", text: fmtScore(edge.score) }),
    el("span", { class: "party-ties muted", text: `${edge.ties} ties` })));
}

async function showOrg(name, ticket) {
  const [org, graph] = await Promise.all([api(["orgs", name]), api("graph", { org: name, depth: 1 })]);
  if (ticket !== state.ticket) return;
  focus({ org: org.name });
  const edges = graph.edges.filter((e) => e.a === org.name || e.b === org.name).sort((x, y) => y.ties - x.ties);
  const aliases = org.aliases.filter((a) => a !== org.name);
  replace($("detail"),
    el("div", { class: "detail-head" },
      el("div", { class: "eyebrow", text: org.kind || "organization" }),
      el("h2", { text: org.name }),
      aliases.length ? el("p", { class: "muted", text: `Also: ${aliases.join(", ")}` }) : null,
      el("div", { class: "kpis" }, kpi(org.ties, "ties"), kpi(org.articles, "articles"), kpi(edges.length, "counterparties"))),
    el("h3", { text: "Counterparties" }),
    edges.length ? el("ul", { class: "parties" }, edges.map((e) => counterparty(org.name, e))) : empty("No counterparties", "No dated ties."),
    graph.patterns.length ? el("h3", { text: "Balance patterns" }) : null,
    graph.patterns.length ? el("ul", { class: "patterns" }, graph.patterns.map((p) => pattern(org.name, p))) : null);
}

function pattern(org, p) {
  const rival = p.pattern === "partner of my rival";
  return el("li", {}, el("button", { class: "pattern", onclick: () => go("org", p.org) },
    el("span", { class: `chip ${rival ? "neg" : "pos"}`, text: p.pattern }),
    el("span", { class: "party-name", text: p.org }),
    el("span", { class: "muted", text: ` via ${p.via}${p.direct ? ` · direct: ${p.direct}` : ""}` })));
}

function kpi(value, label, color) {
  const v = el("b", { text: typeof value === "number" ? fmtInt(value) : value });
  if (color) v.style.color = color;
  return el("div", { class: "kpi" }, v, el("span", { text: label }));
}

function periodEnd(start, by) {
  const d = new Date(`${start}T00:00:00Z`);
  if (by === "week") d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + (by === "quarter" ? 3 : 1));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function showPair(a, b, ticket) {
  const [timeline, turns] = await Promise.all([api(["pairs", a, b, "timeline"]), api(["pairs", a, b, "turns"])]);
  if (ticket !== state.ticket) return;
  focus({ pair: [timeline.a, timeline.b] });
  const total = timeline.periods.reduce((n, p) => n + p.ties, 0);
  const latest = [...timeline.periods].reverse().find((p) => p.score !== null);
  const list = el("ol", { class: "evidence-list", id: "evidence" });
  const note = el("div", { class: "filter-note", hidden: true });
  const more = el("button", { class: "more", hidden: true, text: "Load more evidence" });
  const chart = el("div", { class: "timeline", id: "timeline" });
  replace($("detail"),
    el("div", { class: "detail-head" },
      el("button", { class: "link back", text: `← ${timeline.a}`, onclick: () => go("org", timeline.a) }),
      el("div", { class: "eyebrow", text: "pair" }),
      el("h2", { class: "pair-title" }, el("span", { text: timeline.a }), el("span", { class: "arrows", text: " ⇄ " }), el("span", { text: timeline.b })),
      el("div", { class: "kpis" },
        kpi(total, "dated ties"),
        kpi(latest ? fmtScore(latest.score) : "–", latest ? `score, ${fmtDate(latest.start, { month: true })}` : "score", latest ? scoreColor(latest.score) : null),
        kpi(turns.length, turns.length === 1 ? "turn" : "turns"))),
    el("section", { class: "block" },
      el("h3", {}, "Timeline ", el("small", { class: "muted", text: `score per ${timeline.by} · click a period to filter` })),
      chart,
      el("div", { class: "chart-legend" },
        el("span", { class: "key coop", text: "cooperation" }), el("span", { class: "key conflict", text: "conflict" }),
        el("span", { class: "key bars", text: "ties per period" }), el("span", { class: "key turn", text: "turn" }))),
    el("section", { class: "block" }, el("h3", { text: "Evidence" }), note, list, more));
  const pair = [timeline.a, timeline.b];
  const evidence = (filter) => loadEvidence({ pair, list, more, note, filter });
  if (timeline.periods.length) {
    drawTimeline(chart, timeline, turns, { onPeriod: (p) => evidence({ since: p.start, until: periodEnd(p.start, timeline.by), label: fmtDate(p.start, { month: timeline.by !== "week" }) }) });
  } else {
    replace(chart, empty("No dated ties", "This pair's ties have no article dates."));
  }
  await evidence(null);
}

async function loadEvidence({ pair, list, more, note, filter }, offset = 0) {
  const page = await api("ties", { pair, limit: PAGE, offset, context: 400, since: filter?.since, until: filter?.until });
  if (!offset) list.replaceChildren();
  list.append(...page.items.map(card));
  if (!offset && !page.items.length) list.append(empty("No evidence", "No ties in this period."));
  note.hidden = !filter;
  const showAll = () => {
    for (const hit of document.querySelectorAll(".period-hit.selected")) hit.classList.remove("selected");
    loadEvidence({ pair, list, more, note, filter: null }).catch(notify);
  };
  if (filter) replace(note, `Showing ${filter.label} only. `, el("button", { class: "link", text: "Show all", onclick: showAll }));
  more.hidden = page.next_offset === null;
  more.onclick = () => loadEvidence({ pair, list, more, note, filter }, page.next_offset).catch(notify);
}

async function route() {
  const ticket = ++state.ticket;
  const [kind, a, b] = hashParts();
  $("detail").classList.add("loading");
  try {
    if (kind === "org" && a) await showOrg(a, ticket);
    else if (kind === "pair" && a && b) await showPair(a, b, ticket);
    else await showHome(ticket);
  } catch (error) {
    if (ticket === state.ticket) replace($("detail"), empty("Not found", error.message || String(error), el("button", { class: "link", text: "Back to the overview", onclick: () => go() })));
  } finally {
    $("detail").classList.remove("loading");
    $("detail").scrollTop = 0;
  }
}

function dropToken() {
  // Opened with ?token=: the server has set a cookie; keep the token out of history.
  const url = new URL(window.location.href);
  if (!url.searchParams.has("token")) return;
  url.searchParams.delete("token");
  window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
}

async function start() {
  dropToken();
  setupSearch();
  window.addEventListener("hashchange", route);
  const network = loadOverview().then(setupWindow);
  const results = await Promise.allSettled([network, loadAlerts(), route()]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) notify(failed.reason);
  document.body.dataset.ready = "true"; // tests wait for this
}

start();
