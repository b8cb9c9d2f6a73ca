"""Where companies are from: "the Danish manufacturer" is the article's one Danish company.

Descriptions that carry a place ("the Austin chipmaker", "the Swiss drugmaker", "the
Boston company") name a company by where it is from, which a name fit or the continuing
subject cannot tell. What the press has said places a company: its gazetteer country
(data/gazetteer/countries.toml), and descriptions beside its name in this or an
earlier article of the same run ("Hjortlund Vind, the Danish turbine maker", "Austin
chipmaker Corvane", "Boston-based Veridane"). Storylines introduce a company once and
describe it by place afterwards, so the places learned stay with the gazetteer object, as
a reader remembers them, for the later articles of the same chunk of the run
(``pipeline.CHUNK_BATCHES`` batches, the unit a worker process takes, so one and several
processes agree); they are never written to disk.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from tieline import data
from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention, head_word


@cache
def _country_words() -> dict[str, tuple[str, ...]]:
    table = data.read_toml("gazetteer", "countries.toml")
    return {code: tuple(words) for code, words in table.items()}


def place_of(tok: Token) -> str | None:
    """The place a description's head carries: "the San Francisco startup" -> "san
    francisco", "the Danish manufacturer" -> "danish"; None for "the startup"."""
    words = [t for t in tok.doc[tok.left_edge.i : tok.i] if t.dep_ != "det"]
    run: list[Token] = []
    for t in words:
        if t.is_title and t.pos_ in ("PROPN", "ADJ", "NOUN") and not t.is_sent_start:
            run.append(t)
        elif run:
            break
    if not run or any(_through_possessor(t, tok) for t in run):
        return None  # "the Danish company's main rival" is not Danish itself
    return " ".join(t.lower_ for t in run)


def _through_possessor(t: Token, head: Token) -> bool:
    """Whether the word hangs on ``head`` through a possessor ("the Danish company's")."""
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ == "poss" or any(c.dep_ == "case" for c in t.children):
            return True
        t = t.head
    return False


def places_known(gaz: Gazetteer, org: str) -> set[str]:
    """Places the gazetteer and the run so far attach to an organization."""
    known = set(gaz.learned_places.get(org, ()))
    entry = gaz.orgs.get(org)
    if entry is not None and entry.country:
        known.update(_country_words().get(entry.country, ()))
    return known


def learn_places(doc: Doc, named: list[OrgMention], gaz: Gazetteer) -> None:
    """Remember the places the article attaches to its named companies."""
    ending = {m.end: m for m in named if len(m.orgs) == 1 and m.method != "descriptor"}
    starting = {m.start: m for m in named if len(m.orgs) == 1 and m.method != "descriptor"}
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.dep_ == "poss" or head_word(tok) not in _place_heads():
            continue  # ("Nordvik Wind, the Danish company's rival": the possessor is Danish)
        place = place_of(tok)
        if place is None:
            continue
        left = tok.left_edge.i
        # "Hjortlund Vind, the Danish turbine maker" / "Austin chipmaker Corvane Semiconductor"
        m = ending.get(left - 1) if left > 0 and doc[left - 1].text == "," else None
        m = m or starting.get(tok.i + 1)
        if m is not None:
            gaz.learned_places.setdefault(m.org, set()).add(place)
    for t in doc:
        # "Boston-based Veridane"
        if t.lower_ == "based" and t.i >= 2 and doc[t.i - 1].text == "-":
            m = starting.get(t.i + 1)
            if m is not None and doc[t.i - 2].is_title:
                gaz.learned_places.setdefault(m.org, set()).add(doc[t.i - 2].lower_)


def by_place(
    tok: Token, orgs: set[str], gaz: Gazetteer, kinds: list[str] | tuple[str, ...]
) -> str | None:
    """The one organization of ``orgs``, of the description's kinds, from its place."""
    place = place_of(tok)
    if place is None:
        return None
    fits = {
        o
        for o in orgs
        if ("any" in kinds or (gaz.kind(o) or "company") in kinds) and place in places_known(gaz, o)
    }
    return fits.pop() if len(fits) == 1 else None


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["singular"])
