// Evidence cards: the sentence (highlighted) in its paragraph, the parties' mentions in
// bold, and who says so where and when. All text goes in as text nodes.
import { el, fmtDate, fmtScore, safeUrl, scoreColor } from "./dom.js";

const CONTEXT = 220; // characters of surrounding text shown either side

function before(text) {
  if (!text) return "";
  const para = text.slice(text.lastIndexOf("\n") + 1); // stay inside the paragraph
  return para.length > CONTEXT ? `…${para.slice(-CONTEXT).replace(/^\S*\s/, "")}` : para;
}

function after(text) {
  if (!text) return "";
  const cut = text.indexOf("\n");
  const para = cut < 0 ? text : text.slice(0, cut);
  return para.length > CONTEXT ? `${para.slice(0, CONTEXT).replace(/\s\S*$/, "")}…` : para;
}

/** The evidence sentence with its parties' mentions in <strong>, as a <mark>. */
export function sentence(tie) {
  const mark = el("mark", { class: "evidence-text" });
  let at = 0;
  const spans = [...(tie.parties || [])].sort((a, b) => a.start - b.start);
  for (const span of spans) {
    if (span.start < at || span.end > tie.evidence.length) continue; // overlapping or stale
    mark.append(tie.evidence.slice(at, span.start), el("strong", { text: tie.evidence.slice(span.start, span.end) }));
    at = span.end;
  }
  mark.append(tie.evidence.slice(at));
  return mark;
}

function chips(tie) {
  const weight = tie.score >= 0 ? "pos" : "neg";
  return el("div", { class: "chips" },
    el("span", { class: `chip type ${weight}`, text: tie.type, title: `score ${fmtScore(tie.score)}` }),
    el("span", { class: `chip modality m-${tie.modality}`, text: tie.modality }),
    tie.hedged ? el("span", { class: "chip hedged", text: "hedged", title: "reported as second-hand or uncertain" }) : null,
    tie.corroboration > 1
      ? el("span", { class: "chip corroborated", text: `${tie.corroboration} outlets`,
          title: "independent outlets stating this claim (syndicated copies count once)" })
      : null,
    el("span", { class: "direction", text: `${tie.source} → ${tie.target}` }));
}

function byline(tie) {
  const who = tie.attributed_to ? `according to ${tie.attributed_to}${tie.actor ? ` (${tie.actor})` : ""}` : null;
  return el("div", { class: "byline" },
    el("time", { datetime: tie.date || "", text: fmtDate(tie.date) }),
    el("span", { class: "outlet", text: tie.outlet || "unknown outlet" }),
    who ? el("span", { class: "attribution", text: who }) : null);
}

function source(tie) {
  const href = safeUrl(tie.url);
  const title = tie.title || tie.article_id;
  if (!href) return el("div", { class: "source" }, el("span", { class: "title", text: title }));
  return el("div", { class: "source" },
    el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "title", text: title }),
    el("span", { class: "ext", text: " ↗", "aria-hidden": "true" }));
}

/** One evidence card. */
export function card(tie) {
  const text = el("p", { class: "evidence" },
    el("span", { class: "context", text: before(tie.before) }),
    sentence(tie),
    el("span", { class: "context", text: after(tie.after) }));
  const bar = el("span", { class: "score-bar", title: `score ${fmtScore(tie.score)}` });
  bar.style.background = scoreColor(tie.score); // CSSOM: allowed under style-src 'self'
  return el("li", { class: "evidence-card", "data-tie": tie.id }, bar, byline(tie), chips(tie), text, source(tie));
}
