"""Pronoun classes, shared by coreference and the interview reader."""

from __future__ import annotations

SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "themselves", "theirs"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
WE = frozenset({"we", "our", "us", "ours", "ourselves"})
YOU = frozenset({"you", "your", "yours", "yourselves"})
