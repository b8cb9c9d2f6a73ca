"""GraphML: organizations as nodes, one edge per pair and tie type, typed attributes.

Gephi, yEd, Cytoscape and ``networkx.read_graphml`` read it. ``weight`` is the
evidence count (positive, so layouts can use it); ``score`` keeps the sign.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from tieline.export.files import ExportReport, atomic_write
from tieline.export.graph import Graph, build_graph
from tieline.store import Store
from tieline.store.tables import Scope

NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = {
    "label": "string", "kind": "string", "ties": "int", "articles": "int",
    "first_seen": "string", "last_seen": "string",
}  # fmt: skip
EDGE_KEYS = {
    "label": "string", "type": "string", "symmetric": "boolean", "weight": "double",
    "score": "double", "mean_score": "double", "evidence": "int", "articles": "int",
    "outlets": "int", "hedged": "int", "first_seen": "string", "last_seen": "string",
}  # fmt: skip


def write(store: Store, out: Path, sc: Scope) -> ExportReport:
    """Write the graph in scope to ``out`` as GraphML."""
    graph = build_graph(store, sc)
    tree = ET.ElementTree(graphml_element(graph))
    ET.indent(tree, space=" ")
    with atomic_write(out, "wb") as fh:
        tree.write(fh, encoding="utf-8", xml_declaration=True)
    counts = {"nodes": len(graph.nodes), "edges": len(graph.edges)}
    return ExportReport("graphml", [Path(out)], counts)


def graphml_element(graph: Graph) -> ET.Element:
    """The <graphml> document of a graph."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys.items():
            ET.SubElement(
                root, f"{{{NS}}}key",
                {"id": _key(scope, name), "for": scope, "attr.name": name, "attr.type": kind},
            )  # fmt: skip
    g = ET.SubElement(root, f"{{{NS}}}graph", {"id": "tieline", "edgedefault": "directed"})
    for node in graph.nodes.values():
        el = ET.SubElement(g, f"{{{NS}}}node", {"id": node.name})
        _data(el, "node", node.attributes())
    for i, edge in enumerate(graph.edges.values()):
        el = ET.SubElement(
            g, f"{{{NS}}}edge", {"id": f"e{i}", "source": edge.source, "target": edge.target}
        )
        attrs = edge.attributes()
        _data(el, "edge", {"label": edge.type, "weight": float(edge.evidence), **attrs})
    return root


def _key(scope: str, name: str) -> str:
    return f"{scope[0]}_{name}"


def _data(el: ET.Element, scope: str, attrs: dict[str, Any]) -> None:
    for name, value in attrs.items():
        item = ET.SubElement(el, f"{{{NS}}}data", {"key": _key(scope, name)})
        item.text = _text(value)


def _text(value: Any) -> str:
    """GraphML's spelling of a value (booleans lower-case)."""
    return str(value).lower() if isinstance(value, bool) else str(value)
