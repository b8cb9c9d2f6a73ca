"""tieline: news in, an evidence-backed, time-aware graph of organization ties out.

>>> import tieline
>>> ties = tieline.extract("Zorvex sued Plimco on Monday.", date="2025-01-06")
"""

from tieline.model import Article, Mention, Modality, Skipped, Tie
from tieline.pipeline import Extractor, IngestReport, extract, extract_articles, ingest
from tieline.store import Store

__all__ = [
    "Article",
    "Extractor",
    "IngestReport",
    "Mention",
    "Modality",
    "Skipped",
    "Store",
    "Tie",
    "extract",
    "extract_articles",
    "ingest",
]
__version__ = "0.1.0"
