"""Extract: ties from parsed, resolved docs (rules backend; registry of backends)."""

from tieline.extract.rules import EXTRACTOR, extract_ties

__all__ = ["EXTRACTOR", "extract_ties"]
