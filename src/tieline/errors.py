"""One error tree. Every message carries a code and says what to do."""

from __future__ import annotations


class TielineError(Exception):
    """Base of all tieline errors; ``code`` is stable, the message may change."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(TielineError):
    """An input path or item cannot be read."""

    code = "E100"


class LimitError(TielineError):
    """An input is over a documented limit (article size, sentence length, batch)."""

    code = "E110"


class ModelError(TielineError):
    """No spaCy English pipeline is installed."""

    code = "E200"


class StoreError(TielineError):
    """The store cannot be opened, migrated or written."""

    code = "E300"


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""

    code = "E301"


class QueryError(TielineError):
    """A query parameter is malformed (date, type, organization)."""

    code = "E400"


class DependencyError(TielineError, ImportError):
    """An optional package a feature needs is not installed."""

    code = "E210"


class FetchError(TielineError):
    """A feed or page cannot be fetched (network, HTTP status, robots.txt, redirects)."""

    code = "E120"


class ExportError(TielineError):
    """An export cannot be written (unknown format, unwritable path)."""

    code = "E500"
