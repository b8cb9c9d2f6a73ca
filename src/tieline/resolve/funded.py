"""Which companies of an article are funded: "the startup" is most often one of them.

A news story calls the young company of a pair "the startup" without always having
said so ("Altamira, which owns 12% of Quorix ... the startup's chips"). When nothing in
the article taught what "the startup" is, the companies it shows receiving money are
the likely referents: the object of "invested in", "backed", "funded", the company of
"a stake in", "its investment in", "X's investors", "X's funding round". Companies the
gazetteer knows as established ones are never taken for startups this way.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from tieline import data
from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention

ByToken = dict[int, OrgMention]


@cache
def _cues() -> dict[str, frozenset[str]]:
    table = data.read_toml("lexicons", "descriptors.toml")["funded"]
    return {k: frozenset(v) for k, v in table.items()}


def _named(tok: Token, by_token: ByToken) -> list[str]:
    """The named organizations a token stands for (itself and its conjuncts)."""
    out = []
    for t in (tok, *(c for c in tok.children if c.dep_ == "conj")):
        m = by_token.get(t.i)
        if m is not None and len(m.orgs) == 1 and m.method not in ("pronoun", "descriptor"):
            out.append(m.org)
    return out


def _funded_by(tok: Token, by_token: ByToken) -> list[str]:
    cues, lemma = _cues(), tok.lemma_.lower()
    found: list[str] = []
    if lemma in cues["verbs_in"] or lemma in cues["nouns_in"]:  # "invested in B", "a stake in B"
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in cues["preps"]]
        preps += [d for p in preps for d in p.children if d.dep_ == "conj"]  # "in B and in C"
        for prep in preps:
            found += [o for p in prep.children if p.dep_ == "pobj" for o in _named(p, by_token)]
    if lemma in cues["verbs_object"] and tok.pos_ == "VERB":  # "backed B", "funded B"
        found += [o for c in tok.children if c.dep_ == "dobj" for o in _named(c, by_token)]
    if lemma in cues["nouns_owned"]:  # "B's investors", "B's funding round"
        found += [o for c in tok.children if c.dep_ == "poss" for o in _named(c, by_token)]
    return found


def funded_orgs(doc: Doc, named: list[OrgMention], gaz: Gazetteer) -> frozenset[str]:
    """Organizations the article shows receiving investment, unless known as established."""
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    found = {o for tok in doc for o in _funded_by(tok, by_token)}
    known = gaz.orgs  # the gazetteer's own entries: Microsoft is no startup, OpenAI is one
    return frozenset(o for o in found if o not in known or known[o].kind == "startup")
