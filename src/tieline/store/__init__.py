"""Store: DuckDB tables for articles, entities, mentions and ties; numbered migrations."""

from tieline.store.duckdb_store import AddStats, Store

__all__ = ["AddStats", "Store"]
