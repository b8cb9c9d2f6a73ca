"""Tie cues: trigger words with their tie type and where the other party sits.

Loaded from ``data/lexicons/cues/<type>.jsonl``; each line is one cue with an
example sentence (tests check every cue fires on its own example).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from tieline import data
from tieline.extract.arguments import (
    PARTITIVE,
    coordinated_verb,
    double_object,
    subject_compound_verb,
)
from tieline.resolve.spans import compound_head

# Which spaCy coarse tags a cue's part of speech accepts (participles act as adjectives).
_POS = {"VERB": {"VERB"}, "NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "VERB"}, "ADV": {"ADV"}}


def _mistagged_verb(cue: Cue, tok: Token) -> bool:
    """A verb the small model tagged as a noun: "Acme competes with ..." as an NNS root,
    or "B, which supplies the modems in C's phones and competes with D" as a noun
    coordinated with "phones" (only forms that are never nouns, verb_only_forms.txt)."""
    if cue.pos != "VERB" or tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "ROOT":
        return not any(t.pos_ in ("VERB", "AUX") for t in tok.sent)
    return coordinated_verb(tok) or subject_compound_verb(tok)


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
    prep_possessor: bool = False  # "sells chips to B's factories" -> B (not "its chips")
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
            "prep_possessor",
            "forms",
            "strict",
            "agent",
        }
        requires = {k: v for k, v in rec.items() if k.startswith("requires") or k == "light_verb"}
        unknown = set(requires) - set(_CHECKS)
        if unknown:
            raise ValueError(f"cue {rec.get('lemma')!r}: unknown constraint(s) {sorted(unknown)}")
        return cls(
            type=rec["type"],
            lemma=rec["lemma"],
            pos=rec["pos"],
            patient=tuple(rec.get("patient", ())),
            role=rec.get("role", "trigger"),
            reverse=bool(rec.get("reverse", False)),
            patient_possessor=bool(rec.get("patient_possessor", False)),
            prep_possessor=bool(rec.get("prep_possessor", False)),
            strict=bool(rec.get("strict", False)),
            agent=rec.get("agent", "parse"),
            requires={k: v for k, v in requires.items() if k not in known},
            example=rec.get("example", ""),
        )

    def accepts(self, tok: Token) -> bool:
        """Whether the token satisfies this cue's part of speech and constraints."""
        if tok.pos_ not in _POS.get(self.pos, {self.pos}) and not _mistagged_verb(self, tok):
            return False
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound" and self.role == "trigger":
            return False  # "contract manufacturer TSMC" is not a contract
        return all(_CHECKS[name](tok, value) for name, value in self.requires.items())


def _objects(tok: Token) -> list[Token]:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    # "the stores it bought"; "the rates it charges B" (its object is B, the rates its head);
    # not a name's own words ("Grindel Software, whose platform has run ..." is no software)
    head = tok.head
    return objs + ([head] if tok.dep_ == "relcl" and head.pos_ != "PROPN" else [])


def _object_words(tok: Token) -> set[str]:
    """Lemmas and forms of the verb's objects: "its 25 percent holding" is tagged VBG,
    lemma "hold"."""
    return {w for o in _objects(tok) for w in _content_words(o)}


_SPANS = frozenset({"year", "month", "week", "day", "decade", "period", "spell", "stretch"})


def _name_after_of(tok: Token) -> bool:
    return any(p.pos_ == "PROPN" for o in _objects(tok) for p in _of_objects(o))


def held_object(tok: Token) -> bool:
    """The verb's object is someone's holding: it has an owner, says what it is in, or is
    one already spoken of ("no plans to sell the stake")."""
    return any(
        c.dep_ == "poss"
        or (c.dep_ == "prep" and c.lower_ in ("in", "of"))
        or (c.dep_ == "det" and c.lower_ in ("the", "that", "this", "those", "these"))
        for o in _objects(tok)
        for c in o.children
    )


def _of_objects(tok: Token) -> list[Token]:
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    return [p for c in preps for p in c.children if p.dep_ == "pobj"]


def _has_child(tok: Token, word: str | list[str]) -> bool:
    """A child with this form or lemma (any of them, for a list)."""
    words = {word} if isinstance(word, str) else set(word)
    return any(c.lower_ in words or c.lemma_.lower() in words for c in tok.children)


def _prep_hosts_children(tok: Token) -> list[Token]:
    """Where a verb's preposition may hang: on the verb, on its object ("runs its models on
    B's cloud"), or on the first of coordinated verbs ("builds and runs apps on B's cloud")."""
    hosts = [tok, *_objects(tok)]
    if tok.dep_ == "conj":
        hosts.append(tok.head)
    return [c for h in hosts for c in h.children]


def _particle(verb: Token, tok: Token, word: str) -> bool:
    """The verb's particle: tagged so, right after the verb ("taking on B"), or without
    an object of its own ("pulled B out of ..."); not "took a seat on B's board"."""
    if tok.lower_ != word:
        return False
    own_object = any(c.dep_ == "pobj" for c in tok.children)
    return tok.dep_ == "prt" or tok.i == verb.i + 1 or not own_object


def _prep_object(tok: Token, prep: str, lemma: str | list[str]) -> bool:
    """ "took B to court", "challenge the ruling in court" (hung on the object); a list
    of lemmas matches any ("through B's platform or marketplace")."""
    lemmas = {lemma} if isinstance(lemma, str) else set(lemma)
    return any(
        c.dep_ in ("prep", "dative")
        and c.lower_ == prep
        and any(w in lemmas for o in c.children for w in _content_words(o))
        for c in _prep_hosts_children(tok)
    )


def _about_something(verb: Token) -> bool:
    """Whether what the verb asks for is about something ("documents on how ...")."""
    asked = [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(
        c.dep_ == "prep" and c.lower_ in ("on", "about", "regarding", "concerning")
        for a in asked
        for c in a.children
    )


def _content_words(tok: Token) -> list[str]:
    """A noun's lemma and form, and through a span or part ("ending more than a year of
    friction", "most of its revenue", "asked B for three years of records") those of
    what it measures."""
    nouns = [tok]
    if tok.lemma_.lower() in _SPANS or tok.lower_ in PARTITIVE or tok.like_num:
        nouns += _of_objects(tok)
    return [w for n in nouns for w in (n.lemma_.lower(), n.lower_)]


def to_complement(tok: Token) -> Token | None:
    """The verb's to-infinitive complement: its xcomp, or a to-clause parsed as advcl.

    The small model reads "petitioned the agency to investigate B" as a purpose clause.
    """
    for c in tok.children:
        if c.dep_ == "xcomp" or (
            c.dep_ == "advcl" and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
        ):
            return c
    return None


def _to_clause(tok: Token) -> bool:
    if to_complement(tok) is not None:
        return True  # "contracted B to build": xcomp, or the clause parsed as a purpose
    return any(
        a.dep_ == "acl" and any(x.dep_ == "aux" and x.lower_ == "to" for x in a.children)
        for o in _objects(tok)
        for a in o.children
    )


def predicate_clause(tok: Token) -> Token:
    """A verb trigger's own clause, or the clause an adjective or noun trigger completes
    ("relations ... have grown strained", "... came under strain")."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return clause.head if clause.pos_ == "ADP" else clause


def _subject_lemma(tok: Token) -> str:
    clause = predicate_clause(tok)
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj.lemma_.lower() if subj is not None else ""


# One check per "requires*" key a cue line may carry.
_CHECKS: dict[str, Callable[[Token, Any], bool]] = {
    "requires_child": _has_child,
    "requires_tag": lambda tok, tags: tok.tag_ in tags,  # "in talks", not "the talk of"
    # "bought 15% of Brasmont" (a stake), not "buys 60 percent of Orvane's output" (supply)
    "requires_name_after_of": lambda tok, on: not on or _name_after_of(tok),
    "requires_no_name_after_of": lambda tok, on: not on or not _name_after_of(tok),
    # "managing partner Adele Kwan" is a job, not a relation
    "requires_not_child": lambda tok, ws: not any(_has_child(tok, w) for w in ws),
    "requires_prt": lambda tok, w: any(_particle(tok, c, w) for c in tok.children),
    "requires_prep": lambda tok, w: any(
        c.dep_ in ("prep", "dative") and c.lower_ == w for c in _prep_hosts_children(tok)
    ),
    "requires_child_dep": lambda tok, dep: any(c.dep_ == dep for c in tok.children),
    # "licensed B the rights" (B receives) against "licensed B's catalogue" (B gives)
    "requires_double_object": lambda tok, on: double_object(tok) == on,
    # "faces a lawsuit filed by B": a participle on the noun names its agent
    "requires_participle_by": lambda tok, on: (
        not on
        or any(
            c.dep_ == "agent"
            for v in tok.children
            if v.dep_ == "acl" and v.tag_ == "VBN"
            for c in v.children
        )
    ),
    # "ordered B to sell": the parser may hang "to sell" on B instead of on the verb
    "requires_to_clause": lambda tok, on: not on or _to_clause(tok),
    "requires_not_prep": lambda tok, w: (
        not any(c.dep_ in ("prep", "dative") and c.lower_ == w for c in tok.children)
    ),
    "requires_not_child_dep": lambda tok, dep: not any(c.dep_ == dep for c in tok.children),
    "requires_dobj_lemma": lambda tok, ls: not _object_words(tok).isdisjoint(ls),
    # "sold its stake", "sold a stake in B", not "sold a 10% stake to B" (its own shares)
    "requires_held_object": lambda tok, on: not on or held_object(tok),
    "requires_not_dobj_lemma": lambda tok, ls: _object_words(tok).isdisjoint(ls),
    "requires_subject_lemma": lambda tok, ls: _subject_lemma(tok) in ls,
    "requires_head_lemma": lambda tok, ls: tok.head.lemma_.lower() in ls,
    # "said B had been slow": a predicate, not "a slow quarter"
    "requires_dep": lambda tok, deps: tok.dep_ in deps,
    # "B is under investigation", not "a claim under investigation"
    "requires_clause_head": lambda tok, on: not on or tok.head.head.pos_ in ("VERB", "AUX"),
    # "discount rival Pantrywise", not "a rival app"
    "requires_head_pos": lambda tok, tags: compound_head(tok).pos_ in tags,
    "requires_xcomp_lemma": lambda tok, ls: (
        (c := to_complement(tok)) is not None and c.lemma_.lower() in ls
    ),
    # "took B to court": a preposition with this object
    "requires_prep_object": lambda tok, pair: _prep_object(tok, pair[0], pair[1]),
    # "asked B for its records", not "for documents on how C's customers use ...": B
    # then only holds evidence about someone else
    "requires_no_topic": lambda tok, on: not on or not _about_something(tok),
    # "challenging B in search" is rivalry, "challenging it in court" a lawsuit
    "requires_not_prep_object": lambda tok, pair: not _prep_object(tok, pair[0], pair[1]),
    # "filed claims against B", not "a claim now under investigation"
    "light_verb": lambda tok, on: (
        not on
        or tok.dep_ in ("dobj", "pobj", "attr", "conj")
        or (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ("expire", "lapse", "run"))
        # "its contract with B would be extended" (a live contract, carried on)
        or (
            tok.dep_ == "nsubjpass"
            and tok.head.lemma_.lower() in ("extend", "renew")
            and not any(c.dep_ == "neg" for c in tok.head.children)
        )
    ),
    # checked where mentions are known (parties.parties)
    "requires_not_dobj_org": lambda tok, on: True,
    "requires_dobj_org": lambda tok, on: True,
    "requires_not_party_kind": lambda tok, kinds: True,
    "requires_known_authority": lambda tok, on: True,
}


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
