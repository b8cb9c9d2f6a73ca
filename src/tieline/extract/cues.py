"""Tie cues: trigger words with their tie type and where the other party sits.

Loaded from ``data/lexicons/cues/<type>.jsonl``; each line is one cue with an
example sentence (tests check every cue fires on its own example).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from tieline import data

# Which spaCy coarse tags a cue's part of speech accepts (participles act as adjectives).
_POS = {"VERB": {"VERB"}, "NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "VERB"}}


def _mistagged_verb(cue: Cue, tok: Token) -> bool:
    """A verb the small model tagged as a noun ("Acme competes with ..." -> NNS root)."""
    return (
        cue.pos == "VERB"
        and tok.pos_ == "NOUN"
        and tok.dep_ == "ROOT"
        and not any(t.pos_ in ("VERB", "AUX") for t in tok.sent)
    )


@dataclass(frozen=True, slots=True)
class Cue:
    """One trigger: lemma + part of speech -> tie type, patient slots, constraints."""

    type: str
    lemma: str
    pos: str
    patient: tuple[str, ...]
    role: str = "trigger"  # or "relational": "X, its largest investor"
    reverse: bool = False  # "A relies on B" states B -> A
    patient_possessor: bool = False  # "praised B's engineers" -> B
    strict: bool = False  # parties only from the parse, no word-order fallbacks
    agent: str = "parse"  # or "speaker": the party whose statement it is
    requires: dict[str, Any] = field(default_factory=dict)
    example: str = ""

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Cue:
        """Build from one lexicon line."""
        known = {
            "type",
            "lemma",
            "pos",
            "patient",
            "role",
            "reverse",
            "patient_possessor",
            "forms",
            "strict",
            "agent",
        }
        requires = {k: v for k, v in rec.items() if k.startswith("requires") or k == "light_verb"}
        return cls(
            type=rec["type"],
            lemma=rec["lemma"],
            pos=rec["pos"],
            patient=tuple(rec.get("patient", ())),
            role=rec.get("role", "trigger"),
            reverse=bool(rec.get("reverse", False)),
            patient_possessor=bool(rec.get("patient_possessor", False)),
            strict=bool(rec.get("strict", False)),
            agent=rec.get("agent", "parse"),
            requires={k: v for k, v in requires.items() if k not in known},
            example=rec.get("example", ""),
        )

    def accepts(self, tok: Token) -> bool:
        """Whether the token satisfies this cue's part of speech and constraints."""
        if tok.pos_ not in _POS.get(self.pos, {self.pos}) and not _mistagged_verb(self, tok):
            return False
        req = self.requires
        kids = list(tok.children)
        if "requires_child" in req and not any(
            req["requires_child"] in (c.lower_, c.lemma_.lower()) for c in kids
        ):
            return False
        if "requires_prt" in req and not any(c.lower_ == req["requires_prt"] for c in kids):
            return False
        if "requires_prep" in req and not any(
            c.dep_ in ("prep", "dative") and c.lower_ == req["requires_prep"] for c in kids
        ):
            return False
        if "requires_child_dep" in req and not any(
            c.dep_ == req["requires_child_dep"] for c in kids
        ):
            return False
        objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        if not objs and tok.dep_ == "relcl":
            objs = [tok.head]  # "the stores it bought"
        if "requires_not_dobj_lemma" in req:
            if any(o.lemma_.lower() in req["requires_not_dobj_lemma"] for o in objs):
                return False
        if req.get("light_verb") and tok.dep_ not in ("dobj", "pobj", "attr", "conj"):
            return False  # "filed claims against B", not "a claim under investigation"
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound" and self.role == "trigger":
            return False  # "contract manufacturer TSMC" is not a contract
        if "requires_subject_lemma" in req:
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.lemma_.lower() not in req["requires_subject_lemma"]:
                return False
        if "requires_dobj_lemma" in req:
            if not any(o.lemma_.lower() in req["requires_dobj_lemma"] for o in objs):
                return False
        return True


@cache
def load_cues() -> dict[str, tuple[Cue, ...]]:
    """Cues indexed by lemma."""
    index: dict[str, list[Cue]] = defaultdict(list)
    for rec in data.read_jsonl_dir("lexicons", "cues"):
        cue = Cue.from_record(rec)
        index[cue.lemma].append(cue)
        # Surface forms the lemmatizer gets wrong ("fined" -> "fin").
        for form in rec.get("forms", ()):
            index[form].append(cue)
    return {k: tuple(v) for k, v in index.items()}


def cues_for(tok: Token) -> list[Cue]:
    """The cues a token triggers (usually none)."""
    index = load_cues()
    cands = index.get(tok.lemma_.lower(), ()) + index.get(tok.lower_, ())
    unique = {id(c): c for c in cands}.values()
    return [c for c in unique if c.accepts(tok)]
