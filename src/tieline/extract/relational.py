"""Relational nouns: "A, B's largest investor", "its rival B", "B, which counts A as a
customer": who holds the role toward whom."""

from __future__ import annotations

from spacy.tokens import Token

from tieline.extract.arguments import (
    RELATIVE,
    ByToken,
    co_actors,
    orgs_at,
    possessors,
    prep_objects,
    relative_head,
    subject_of,
)
from tieline.extract.cues import Cue
from tieline.resolve.mentions import OrgMention
from tieline.resolve.spans import word_before_comma

_REPLACING = frozenset({"replace", "supplant", "succeed"})


def relational(
    trigger: Token, cue: Cue, by_token: ByToken
) -> tuple[list[OrgMention], list[OrgMention]]:
    """(referent, other) of a relational noun: "A, B's largest investor" -> ([A], [B])."""
    first = trigger
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head  # "its largest investor and key partner"
    first = _as_phrase(first)
    referent: list[OrgMention] = []
    companions: list[OrgMention] = []
    if trigger.i in by_token:  # resolved already: "prices below those of its larger rival"
        referent = [by_token[trigger.i]]
    elif first.dep_ == "pobj" and first.head.lower_ in ("as", "among"):
        # "described OpenAI as one of its most important partners", "counts B among its
        # suppliers"
        verb = first.head.head
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None and obj.lower_ in RELATIVE and verb.dep_ == "relcl":
            obj = relative_head(verb)  # "B, which it described as a long-term partner"
        if verb.lemma_.lower() in _REPLACING:
            # "replaced B with C as its supplier": C takes the role B loses
            obj = next(iter(prep_objects(verb, ("with", "by"))), obj)
        referent = orgs_at(obj, by_token)
        # "named B alongside C as a rival", "added B as a supplier alongside C"
        companions = [m for h in (verb, first) for m in co_actors(h, by_token)]
    elif first.dep_ == "oprd":
        # "called B the best partner in our supply chain"
        obj = next((c for c in first.head.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lower_ in RELATIVE and first.head.dep_ == "relcl":
            obj = relative_head(first.head)  # "B, which it calls its closest partner"
        referent = orgs_at(obj, by_token)
    elif first.dep_ in ("appos", "compound", "amod"):  # "discount rival B" (rival as ADJ)
        head = first.head
        while head.i not in by_token and head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "rival operator Brackwater Telecom"
        referent = orgs_at(head, by_token)
    elif first.dep_ == "attr" and (named := _comma_named(first, by_token)):
        # "is a setback for B, C's main rival": an apposition parsed as a second predicate
        referent = named
    elif first.dep_ == "attr" or (first.dep_ == "conj" and first.head.lemma_ == "be"):
        # "A is B's largest shareholder and its largest customer" (the second role
        # hung on the copula)
        referent = orgs_at(subject_of(first.head), by_token)
    elif first.dep_ == "nsubj" and first.head.lemma_ == "be":
        # "B's largest investor is A", "B, whose biggest customer is A"
        referent = [
            m for c in first.head.children if c.dep_ == "attr" for m in orgs_at(c, by_token)
        ]
    elif first.dep_ == "nsubj" and first.head.lemma_.lower() in ("include", "comprise"):
        # "Its customers include B and C"
        referent = [
            m for c in first.head.children if c.dep_ == "dobj" for m in orgs_at(c, by_token)
        ]
    if not referent:
        referent = [m for c in first.children if c.dep_ == "appos" for m in orgs_at(c, by_token)]
    if not referent:
        referent = orgs_at(first, by_token)  # "larger rivals, including B and C"
    other: list[OrgMention] = []
    for tok in dict.fromkeys([trigger, first]):
        other += possessors(tok, by_token)
        other += [m for c in tok.children if c.dep_ == "compound" for m in orgs_at(c, by_token)]
        for o in prep_objects(tok, cue.patient):
            # "the main buyer of B's harvest" (a cue that reads its object's owner)
            other += orgs_at(o, by_token) or possessors(o, by_token) * cue.prep_possessor
        if other:
            break
    if not other and first.dep_ in ("amod", "compound"):
        # "supplies Telvra's rival Bexley": the parser hangs the owner on the name
        taken = {o for m in referent for o in m.orgs}
        other = [m for m in possessors(first.head, by_token) if m.org not in taken]
    predicate = first.dep_ in ("oprd", "attr") or (
        first.dep_ == "pobj" and first.head.lower_ == "as"
    )
    if referent and not other and (predicate or not _determined(first)):
        # "a rival" names no counterpart, but "called B a great partner" is the caller's
        other = _clause_subject(first, referent, by_token)
    # companions share the role toward someone, not among themselves
    return (referent + companions if other else referent), other


def _comma_named(tok: Token, by_token: ByToken) -> list[OrgMention]:
    """The name right before the comma that opens the phrase, when the copula already has
    its own predicate before it ("is a setback for B, C's main rival")."""
    before = word_before_comma(tok)
    named = by_token.get(before.i) if before is not None else None
    other_attr = any(c.dep_ == "attr" and c.i < tok.left_edge.i for c in tok.head.children)
    return [named] if named is not None and other_attr else []


def _determined(tok: Token) -> bool:
    """ "a rival", "one rival": an indefinite relational noun names no counterpart."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in tok.children)


def _clause_subject(tok: Token, referent: list[OrgMention], by_token: ByToken) -> list[OrgMention]:
    """ "as it tries to hold off discount rival B": the rival of the clause's subject."""
    taken = {o for m in referent for o in m.orgs}
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            found = [m for m in orgs_at(subject_of(node), by_token) if m.org not in taken]
            if found:
                return found
    return []


_SLOTS = ("one", "some", "kind", "type", "sort")


def _as_phrase(tok: Token) -> Token:
    """Climb "one of X's partners" to "one", the word that fills the slot."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _SLOTS:
        return tok.head.head
    return tok
