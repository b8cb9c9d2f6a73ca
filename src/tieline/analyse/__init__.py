"""Analyse: pure functions over a store's rows (turns, timelines, corroboration)."""

from tieline.analyse.turns import Turn, find_turns

__all__ = ["Turn", "find_turns"]
