"""Exports: one module per format, each a ``Writer`` registered by name below.

``export(store, "gexf", "ties.gexf", since="2024-01-01")`` is what ``tieline
export`` runs. A new format is one module with ``write(store, out, scope)`` and
one ``register_writer`` line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tieline.errors import ExportError
from tieline.export import gexf, graphml, jsonl, neo4j, parquet
from tieline.export.files import ExportReport, Writer
from tieline.export.frames import to_frames, to_networkx
from tieline.store import Store
from tieline.store.tables import scope

__all__ = [
    "WRITERS",
    "ExportReport",
    "Writer",
    "export",
    "register_writer",
    "to_frames",
    "to_networkx",
    "writer_for",
]

WRITERS: dict[str, Writer] = {}


def register_writer(name: str, writer: Writer) -> None:
    """Make ``writer`` the exporter for format ``name``."""
    WRITERS[name.lower()] = writer


def writer_for(name: str) -> Writer:
    """The writer of a format, or ExportError naming the known formats."""
    try:
        return WRITERS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise ExportError(f"unknown export format {name!r}; one of {known}") from None


def export(
    store: Store,
    fmt: str,
    out: str | Path,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    org: str | None = None,
) -> ExportReport:
    """Write the store's ties in range (and of ``org``, if given) to ``out`` in ``fmt``."""
    writer = writer_for(fmt)
    return writer(store, Path(out), scope(store, since=since, until=until, org=org))


register_writer("graphml", graphml.write)
register_writer("gexf", gexf.write)
register_writer("neo4j", neo4j.write)
register_writer("jsonl", jsonl.write)
register_writer("parquet", parquet.write)
