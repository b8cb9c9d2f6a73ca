"""Goods made by one organization for another: SUPPLY from a passive "made by".

"Its first satellites, built by B, reached orbit", "A's phones are manufactured
by B" and "A flies jets made by B" say B supplies A, though no supply word is
used: the thing belongs to A (its possessor, or what A's clause acts on) and B
is the agent of a making verb (lexicons/made_by.toml). Acts and words "made by"
someone ("an offer made by B") are not goods.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from tieline import data
from tieline.extract.attribution import ANONYMOUS, Source, source_for
from tieline.extract.modality import modality_of
from tieline.model import Tie
from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention

_NOT_MAKERS = {"outlet", "regulator", "court", "agency", "government"}


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    table = data.read_toml("lexicons", "made_by.toml")
    return frozenset(table["verbs"]), frozenset(table["not_goods"])


def _org(tok: Token | None, by_token: dict[int, OrgMention]) -> str | None:
    m = by_token.get(tok.i) if tok is not None else None
    return m.org if m is not None and len(m.orgs) == 1 else None


def _maker(verb: Token, by_token: dict[int, OrgMention]) -> str | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    return _org(obj, by_token)


def _thing(verb: Token) -> Token | None:
    """The goods: the noun the participle modifies, or the passive clause's subject."""
    if verb.dep_ == "acl":
        return verb.head
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _owner(thing: Token, by_token: dict[int, OrgMention]) -> str | None:
    """Whose the goods are: their possessor, else the subject of the clause that
    acts on them ("A flies jets made by B")."""
    poss = next((c for c in thing.children if c.dep_ == "poss"), None)
    if poss is not None:
        return _org(poss, by_token)
    if thing.dep_ == "dobj":
        subj = next((c for c in thing.head.children if c.dep_ == "nsubj"), None)
        return _org(subj, by_token)
    return None


def made_by(
    sent: Span,
    by_token: dict[int, OrgMention],
    gaz: Gazetteer,
    sources: list[Source],
    hedged: bool,
    evidence: tuple[str, int, int],
    extractor: str,
) -> Iterator[Tie]:
    """SUPPLY ties for goods of one organization made by another in a sentence."""
    verbs, not_goods = _lexicon()
    text, start, end = evidence
    for verb in sent:
        if verb.tag_ != "VBN" or verb.lemma_.lower() not in verbs:
            continue
        thing = _thing(verb)
        if thing is None or thing.i in by_token or thing.lemma_.lower() in not_goods:
            continue
        maker, owner = _maker(verb, by_token), _owner(thing, by_token)
        if maker is None or owner is None or maker == owner:
            continue
        if gaz.kind(maker) in _NOT_MAKERS or gaz.kind(owner) == "outlet":
            continue
        clause = thing.head if thing.dep_ == "dobj" else verb
        modality = modality_of(clause)
        weight = float(data.ontology()["SUPPLY"]["weight"])
        src = source_for(verb, sources)
        yield Tie(
            source=maker,
            target=owner,
            type="SUPPLY",
            modality=modality,
            hedged=hedged or (src is not None and src.name == ANONYMOUS),
            attributed_to=src.name if src else None,
            actor=src.actor if src else None,
            score=round(weight * data.modality_factors()[modality], 3),
            evidence=text,
            start=start,
            end=end,
            extractor=extractor,
        )
