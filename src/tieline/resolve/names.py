"""Name normalization shared by gazetteer lookup, in-article and cross-article matching."""

from __future__ import annotations

import re
import unicodedata

# Legal suffixes dropped from keys ("Acme Corp." = "Acme"); the scorer's list and a few
# more ("GmbH", "LLP").
_SUFFIX = re.compile(
    r"[\s,]+(inc|incorporated|corp|corporation|ltd|limited|llc|plc|co|company|group|holdings|"
    r"sa|ag|nv|se|gmbh|lp|llp)\.?$"
)
_LEGAL_WORDS = frozenset(_SUFFIX.pattern.split("(")[1].split(")")[0].split("|"))
# Shown names keep "Company" ("Greenmere Seed Company", "Ford Motor Company"): a word of
# the name as people write it, where "Inc." or "plc" only marks the legal form.
_DISPLAY_SUFFIX = re.compile(_SUFFIX.pattern.replace("co|company|", "co|"), re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")
_AMPERSAND_CO = re.compile(r"\s(&|and)\s+co\.?$", re.IGNORECASE)  # "Bellamy & Co." is a name
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def name_key(name: str) -> str:
    """Case-folded key of an organization name without 'the', possessive or legal suffix."""
    s = unicodedata.normalize("NFKC", name).translate(_QUOTES).strip().casefold()
    s = _POSSESSIVE.sub("", s).strip()
    s = re.sub(r"^the\s+", "", s)
    prev = None
    while prev != s:
        prev, s = s, _SUFFIX.sub("", s).strip(" .,")
    s = re.sub(r"\s(&|and)$", "", s)  # "Bellamy & Co." = "Bellamy"
    return re.sub(r"\s+", " ", s)


def display_name(surface: str) -> str:
    """Readable canonical form of an unknown organization's surface text."""
    s = unicodedata.normalize("NFKC", surface).translate(_QUOTES).strip()
    s = _POSSESSIVE.sub("", s).strip()
    s = re.sub(r"^(the|The)\s+", "", s)
    prev = None
    while prev != s and not _AMPERSAND_CO.search(s):
        prev = s
        s = _DISPLAY_SUFFIX.sub("", s).strip(" .,")
    s = _AMPERSAND_CO.sub(lambda m: m.group(0).rstrip("."), s)
    return re.sub(r"\s+", " ", s) or surface.strip()


def is_legal_suffix(word: str) -> bool:
    """ "AG", "Inc.", "plc": a word that only marks a company's legal form."""
    return word.casefold().strip(".,") in _LEGAL_WORDS
