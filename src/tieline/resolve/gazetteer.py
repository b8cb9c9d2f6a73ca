"""The organization gazetteer: canonical names, aliases, products, people, descriptors.

Loaded from ``data/gazetteer/orgs/*.jsonl`` plus any user files (same format).
It answers "which organization is this name?" and emits the entity-ruler
patterns that let spaCy tag known names before the statistical NER guesses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tieline import data
from tieline.resolve.names import name_key

log = logging.getLogger(__name__)

# Entity-ruler labels beyond spaCy's ORG.
PRODUCT_LABEL = "ORG_PRODUCT"
PERSON_LABEL = "ORG_PERSON"
DESCRIPTOR_LABEL = "ORG_DESC"


@dataclass(slots=True)
class OrgEntry:
    """One organization of the gazetteer."""

    name: str
    kind: str = "company"
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    descriptors: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    people: list[dict[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ambiguous: bool = False
    country: str | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> OrgEntry:
        """Build from one JSONL record, tolerating missing keys."""
        aliases = [*rec.get("aliases", []), *rec.get("former_names", [])]
        return cls(
            name=rec["name"],
            kind=rec.get("kind") or "company",
            aliases=[a for a in aliases if a],
            parent=rec.get("parent"),
            descriptors=list(rec.get("descriptors") or []),
            products=list(rec.get("products") or []),
            people=list(rec.get("people") or []),
            tags=list(rec.get("tags") or []),
            ambiguous=bool(rec.get("ambiguous", False)),
            country=rec.get("country"),
        )


class Gazetteer:
    """Name -> organization lookups over the bundled and user gazetteer files."""

    def __init__(self, entries: Iterable[OrgEntry]) -> None:
        self.orgs: dict[str, OrgEntry] = {}
        self._alias: dict[str, str] = {}
        self._product: dict[str, str] = {}
        self._person: dict[str, tuple[str, str]] = {}
        self._person_rank: dict[str, int] = {}
        self._descriptor: dict[str, str] = {}
        # places the run has read beside a company's name (resolve/places.py)
        self.learned_places: dict[str, set[str]] = {}
        for entry in entries:
            self._add(entry)

    def _add(self, entry: OrgEntry) -> None:
        if entry.name in self.orgs:
            log.debug("gazetteer: duplicate %s, later entry wins", entry.name)
        self.orgs[entry.name] = entry
        for alias in [entry.name, *entry.aliases]:
            key = name_key(alias)
            if key in places() and key != alias.casefold():
                continue  # "Texas AG" without its legal-looking suffix is the state
            # First writer wins on alias collisions: the bundled file is curated.
            self._alias.setdefault(key, entry.name)
        for product in entry.products:
            self._product.setdefault(name_key(product), entry.name)
        for person in entry.people:
            full = person.get("name", "")
            key = name_key(full)
            if not full:
                continue
            # One person, two organizations (Sam Altman runs OpenAI and co-founded World):
            # the one they lead or work for now, else the first.
            rank = _role_rank(person.get("role", ""))
            if key not in self._person or rank > self._person_rank[key]:
                self._person[key] = (entry.name, full)
                self._person_rank[key] = rank
        for desc in entry.descriptors:
            self._descriptor.setdefault(name_key(desc), entry.name)

    @classmethod
    def load(cls, extra_paths: Iterable[Path] = ()) -> Gazetteer:
        """The bundled gazetteer plus user files (later files override by name)."""
        records = data.read_jsonl_dir("gazetteer", "orgs")
        for p in extra_paths:
            records.extend(data.iter_jsonl(Path(p)))
        return cls(OrgEntry.from_record(r) for r in records)

    def forget_learned(self) -> None:
        """Drop what the run has learned (a new corpus starts with a fresh memory)."""
        self.learned_places.clear()

    def lookup(self, name: str) -> str | None:
        """Canonical organization for a name or alias, else None."""
        return self._alias.get(name_key(name))

    def owner_of_product(self, name: str) -> str | None:
        """Organization that owns a product or brand."""
        return self._product.get(name_key(name))

    def person(self, name: str) -> tuple[str, str] | None:
        """(organization, full name) for a known executive."""
        return self._person.get(name_key(name))

    def descriptor(self, text: str) -> str | None:
        """Organization a specific description names ("the Redmond giant")."""
        return self._descriptor.get(name_key(text))

    def kind(self, org: str) -> str | None:
        """The kind (company, regulator, outlet, ...) of an organization: the gazetteer's,
        else one read off the last word of an unknown name ("... Adjudicator" is a
        regulator, "... Capital" a fund), else None."""
        entry = self.orgs.get(org)
        if entry:
            return entry.kind
        low = org.casefold()
        if low.endswith(("investment authority", "investment corporation")):
            return "fund"  # sovereign funds ("Aranda Investment Authority") regulate nothing
        last = low.rsplit(" ", 1)[-1]
        if last in _name_words():
            return _name_words()[last]
        # "Sandor Aerospace": a company's head word (org_words.txt), not a regulator
        return "company" if " " in org and last in org_words() else None

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Phrase patterns for spaCy's entity ruler; ``id`` carries the canonical name."""
        pats: list[dict[str, Any]] = []
        for entry in self.orgs.values():
            names = {entry.name, *entry.aliases}
            for n in names:
                if n and not (entry.ambiguous and " " not in n):  # see mid_sentence_names
                    pats.append({"label": "ORG", "pattern": n, "id": entry.name})
            for p in entry.products:
                pats.append({"label": PRODUCT_LABEL, "pattern": p, "id": entry.name})
            for person in entry.people:
                full = person.get("name")
                if full and self._person.get(name_key(full), (entry.name,))[0] == entry.name:
                    pats.append({"label": PERSON_LABEL, "pattern": full, "id": entry.name})
            for d in entry.descriptors:
                pats.append({"label": DESCRIPTOR_LABEL, "pattern": d, "id": entry.name})
                if d.lower().startswith("the "):
                    # Sentence-initial "The Redmond giant"
                    pats.append(
                        {"label": DESCRIPTOR_LABEL, "pattern": "T" + d[1:], "id": entry.name}
                    )
        return pats

    def mid_sentence_names(self) -> dict[str, str]:
        """One-word names that are also common words ("Target", "Oracle") -> canonical
        name: a company mid-sentence, while a word at a sentence start is left to the
        statistical NER (parse/pipeline.py ``tieline_mid_sentence_names``)."""
        return {
            n: entry.name
            for entry in self.orgs.values()
            if entry.ambiguous
            for n in {entry.name, *entry.aliases}
            if n and " " not in n
        }


# Kinds that judge or police organizations rather than trade with them.
AUTHORITY_KINDS = frozenset({"regulator", "court", "government", "agency"})


def name_words() -> frozenset[str]:
    """Last words that make a name an organization of a known kind ("Capital", "Bank")."""
    return frozenset(_name_words())


@cache
def _name_words() -> dict[str, str]:
    """Last word of a name -> kind ("capital" -> "fund"), from descriptors.toml."""
    table = data.read_toml("lexicons", "descriptors.toml")["name_words"]
    return {str(k): str(v) for k, v in table.items()}


@cache
def places() -> frozenset[str]:
    """Cities and regions that are never organizations (gazetteer/places.txt)."""
    return data.read_words("gazetteer", "places.txt")


@cache
def org_words() -> frozenset[str]:
    """Head words of company names (org_words.txt): "Robotics", "Logistics", "Storage"."""
    return data.read_words("gazetteer", "org_words.txt")


def _role_rank(role: str) -> int:
    """How surely a listed role ties a person to the organization today."""
    low = role.casefold()
    if "former" in low or "ex-" in low:
        return 0
    if "founder" in low and not any(w in low for w in ("ceo", "chief", "president", "chair")):
        return 1
    return 2
