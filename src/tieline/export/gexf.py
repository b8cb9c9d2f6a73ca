"""GEXF 1.3, dynamic: Gephi's timeline replays each relationship's history.

Nodes and edges carry ``start``/``end`` (first and last dated claim) and each
edge has dynamic attributes ``evidence_to_date`` and ``score_to_date`` whose
values change on every date with a new claim, so a sliding or growing time
window in Gephi shows ties appear, strengthen and turn. Static attributes
match the GraphML export.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from tieline import __version__
from tieline.export.files import ExportReport, atomic_write
from tieline.export.graph import Edge, Graph, build_graph
from tieline.export.graphml import EDGE_KEYS, NODE_KEYS
from tieline.store import Store
from tieline.store.tables import Scope

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPES = {"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}
# label and weight are attributes of the element itself in GEXF, not attvalues.
_NODE_ATTRS = {k: _TYPES[v] for k, v in NODE_KEYS.items() if k != "label"}
_EDGE_ATTRS = {k: _TYPES[v] for k, v in EDGE_KEYS.items() if k not in ("label", "weight")}
_DYNAMIC_ATTRS = {"evidence_to_date": "integer", "score_to_date": "double"}


def write(store: Store, out: Path, sc: Scope) -> ExportReport:
    """Write the graph in scope to ``out`` as dynamic GEXF 1.3."""
    graph = build_graph(store, sc)
    tree = ET.ElementTree(gexf_element(graph))
    ET.indent(tree, space=" ")
    with atomic_write(out, "wb") as fh:
        tree.write(fh, encoding="utf-8", xml_declaration=True)
    counts = {"nodes": len(graph.nodes), "edges": len(graph.edges)}
    return ExportReport("gexf", [Path(out)], counts)


def gexf_element(graph: Graph) -> ET.Element:
    """The <gexf> document of a graph."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{NS}}}gexf",
        {"version": "1.3", f"{{{XSI}}}schemaLocation": f"{NS} {NS}/gexf.xsd"},
    )
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = f"tieline {__version__}"
    ET.SubElement(meta, f"{{{NS}}}description").text = "Ties between organizations, from news"
    g = ET.SubElement(
        root,
        f"{{{NS}}}graph",
        {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date",
         "timerepresentation": "interval"},
    )  # fmt: skip
    _declare(g, "node", "static", _NODE_ATTRS)
    _declare(g, "edge", "static", _EDGE_ATTRS)
    _declare(g, "edge", "dynamic", _DYNAMIC_ATTRS)
    nodes = ET.SubElement(g, f"{{{NS}}}nodes")
    for node in graph.nodes.values():
        attrs = node.attributes()
        el = ET.SubElement(nodes, f"{{{NS}}}node", {"id": node.name, "label": attrs.pop("label")})
        _span(el, node.first_seen, node.last_seen)
        _attvalues(el, attrs)
    edges = ET.SubElement(g, f"{{{NS}}}edges")
    for i, edge in enumerate(graph.edges.values()):
        _edge(edges, f"e{i}", edge)
    return root


def _declare(g: ET.Element, cls: str, mode: str, attrs: dict[str, str]) -> None:
    block = ET.SubElement(g, f"{{{NS}}}attributes", {"class": cls, "mode": mode})
    for name, kind in attrs.items():
        ET.SubElement(block, f"{{{NS}}}attribute", {"id": name, "title": name, "type": kind})


def _edge(parent: ET.Element, eid: str, edge: Edge) -> None:
    el = ET.SubElement(
        parent,
        f"{{{NS}}}edge",
        {"id": eid, "source": edge.source, "target": edge.target, "label": edge.type,
         "weight": str(float(edge.evidence))},
    )  # fmt: skip
    _span(el, edge.first_seen, edge.last_seen)
    values = _attvalues(el, edge.attributes())
    history = edge.history()
    for i, (day, count, total) in enumerate(history):
        # A value holds from its date to the day before the next claim (intervals are closed).
        end = _day_before(history[i + 1][0]) if i + 1 < len(history) else day
        for name, value in (("evidence_to_date", count), ("score_to_date", total)):
            ET.SubElement(
                values, f"{{{NS}}}attvalue",
                {"for": name, "value": str(value), "start": day, "end": end},
            )  # fmt: skip


def _span(el: ET.Element, start: str | None, end: str | None) -> None:
    if start and end:
        el.set("start", start)
        el.set("end", end)


def _attvalues(el: ET.Element, attrs: dict[str, Any]) -> ET.Element:
    values = ET.SubElement(el, f"{{{NS}}}attvalues")
    for name, value in attrs.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        ET.SubElement(values, f"{{{NS}}}attvalue", {"for": name, "value": text})
    return values


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
