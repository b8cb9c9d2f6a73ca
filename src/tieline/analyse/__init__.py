"""Analyse: timelines, strain alerts, corroboration, divergence and the tie graph."""

from tieline.analyse.strain import Alert, alerts, pair_turns
from tieline.analyse.timeline import pair_timeline

__all__ = ["Alert", "alerts", "pair_timeline", "pair_turns"]
