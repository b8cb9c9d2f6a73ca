// Renders /openapi.json as a reference page, with text nodes only.
import { el, replace } from "./dom.js";

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return `${schemaName(schema.items)}[]`;
  if (schema.anyOf) return schema.anyOf.map(schemaName).filter((s) => s !== "null").join(" | ");
  return schema.enum ? schema.enum.join(" | ") : schema.type || "";
}

function parameter(p) {
  const bounds = [p.schema?.minimum !== undefined ? `≥ ${p.schema.minimum}` : null, p.schema?.maximum !== undefined ? `≤ ${p.schema.maximum}` : null].filter(Boolean).join(", ");
  return el("tr", {},
    el("td", {}, el("code", { text: p.name }), p.required ? el("span", { class: "req", text: "required" }) : null),
    el("td", { text: p.in }),
    el("td", {}, el("code", { text: schemaName(p.schema) }), bounds ? ` ${bounds}` : ""),
    el("td", { text: p.description || p.schema?.description || "" }));
}

function endpoint(path, op) {
  const id = `${op.operationId || path}`;
  const params = op.parameters || [];
  const ok = op.responses?.["200"]?.content?.["application/json"]?.schema;
  const codes = Object.keys(op.responses || {}).map((c) => `${c}${c === "200" ? ` ${schemaName(ok)}` : ""}`);
  return el("section", { class: "panel endpoint", id },
    el("h2", {}, el("span", { class: "method", text: "GET" }), path,
      path.includes("{") ? null : el("a", { class: "try", href: path, text: "try it ↗" })),
    el("p", { class: "summary", text: op.description || op.summary || "" }),
    params.length ? el("table", {}, el("thead", {}, el("tr", {}, ["name", "in", "type", "description"].map((h) => el("th", { text: h })))), el("tbody", {}, params.map(parameter))) : null,
    el("div", { class: "responses" }, codes.map((c) => el("span", {}, el("code", { text: c })))));
}

async function start() {
  const spec = await (await fetch("/openapi.json", { credentials: "same-origin" })).json();
  replace(document.getElementById("intro"), el("h1", { text: `${spec.info.title} API ${spec.info.version}` }), el("p", { text: spec.info.description || "" }));
  const ops = Object.entries(spec.paths).flatMap(([path, item]) => (item.get ? [[path, item.get]] : []));
  replace(document.getElementById("toc"), ops.map(([path, op]) => el("a", { href: `#${op.operationId || path}`, text: path })));
  replace(document.getElementById("endpoints"), ops.map(([path, op]) => endpoint(path, op)));
  document.body.dataset.ready = "true";
}

start();
