"""Stopped ties: a cooperative trigger under a stop reading is an END tie.

"stopped buying chips from B", "the termination of its contract", "let its
contract with B lapse", "will not renew", "no longer buys", "Until January, A
shared data with B", "pulled the plug on its venture". An ended deal gets only
its END tie (sample README, guideline 7).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from tieline import data
from tieline.extract.cues import Cue
from tieline.extract.modality import lexicon
from tieline.resolve.mentions import head_word

# Ties a stop verb ends: cooperation, and talks or takeovers broken off (guideline 7).
_STOPPABLE = {"SUPPLY", "PARTNER", "INVEST", "SUPPORT", "NEGOTIATE", "ACQUIRE"}


def stopped(tok: Token, cue: Cue) -> Cue:
    """ "stopped buying chips from B": a cooperative trigger under a stop verb is an END
    tie, its source whoever stops (so a reversed cue is no longer reversed)."""
    if cue.type not in _STOPPABLE:
        return cue
    ended = data.read_words("lexicons", "ended_adjectives.txt")
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in ended for c in tok.children):
        return replace(cue, type="END", reverse=False)  # "the carrier's cancelled contract"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head_word(head.head) in _stop_nouns():
        return replace(cue, type="END", reverse=False)  # "the termination of its contract"
    if _let_lapse(tok):
        return replace(cue, type="END", reverse=False)  # "let its contract with B lapse"
    if refused_renewal(tok):
        return replace(cue, type="END", reverse=False)  # "will not renew its deal with B"
    if _no_longer(tok):
        return replace(cue, type="END", reverse=False)  # "will no longer buy chips from B"
    if _until_past(tok):
        return replace(cue, type="END", reverse=False)  # "Until January, A shared data with B"
    if stopper(tok) is not None:
        # "cancelled a contract to buy from B", "cancelled 12 of the jets it ordered from B",
        # "scrapped its plan to invest in B", "walked away from its agreement to buy B"
        return replace(cue, type="END", reverse=False)
    if collapsed(tok):
        return replace(cue, type="END", reverse=False)  # "its takeover of B collapsed"
    if tok.dep_ == "pobj" and head.lower_ == "on" and _plug_pulled(head.head):
        return replace(cue, type="END", reverse=False)  # "pulled the plug on its venture"
    if tok.dep_ not in ("xcomp", "dobj", "pcomp") or not stops(head):
        return cue
    return replace(cue, type="END", reverse=False)


def _plug_pulled(tok: Token) -> bool:
    if tok.lemma_.lower() == "plug":
        return True
    return tok.lemma_.lower() == "pull" and any(c.lower_ == "plug" for c in tok.children)


def stopper(tok: Token) -> Token | None:
    """The stop verb of the deal a clause trigger belongs to ("scrapped" in "scrapped its
    plan to invest in B"): the END is told with that verb's modality, not the plan's."""
    if tok.dep_ not in ("acl", "relcl"):
        return None
    head = tok.head
    noun = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else head
    if noun.dep_ == "dobj" and stops(noun.head):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("from", "of"):
        verb = noun.head.head
        verb = verb.head if verb.dep_ in ("prt", "advmod") else verb  # "walked away from"
        return verb if stops(verb) else None
    return None


def _listed(verb: Token, lexicon_file: str) -> bool:
    """The verb, or the verb with its particle ("break off", "fall apart"), is listed."""
    words = data.read_words("lexicons", lexicon_file)
    lemma = verb.lemma_.lower()
    # ("walked away", "fell apart": the parser may take the particle for an adverb)
    prts = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    return lemma in words or any(f"{lemma} {p}" in words for p in prts)


def stops(verb: Token) -> bool:
    """A stop verb, or a phrasal one ("break off", "wind down") from stop_verbs.txt."""
    return _listed(verb, "stop_verbs.txt")


def collapsed(tok: Token) -> bool:
    """The deal is the subject of a collapse told as fact: "A's takeover of B collapsed",
    "A's plan to buy B has fallen apart" (the plan's verb is the trigger)."""
    deal = tok.head if tok.dep_ in ("acl", "relcl") and tok.pos_ == "VERB" else tok
    verb = deal.head
    if deal.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    if not _listed(verb, "collapse_verbs.txt"):
        return False
    # "the talks could still collapse", "will collapse", "has not collapsed": not a fact
    lex = lexicon()
    doubt = set(lex["hypothetical"]["aux"]) | set(lex["planned"]["aux"])
    told = not any(c.dep_ == "neg" or c.lower_ in doubt for c in verb.children)
    return told and verb.tag_ in ("VBD", "VBN", "VBZ")


def _until_past(tok: Token) -> bool:
    """A tie told in the past tense as lasting "until" a date has ended."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    return verb.tag_ == "VBD" and any(
        c.dep_ == "prep" and c.lower_ == "until" and any(t.ent_type_ == "DATE" for t in c.subtree)
        for c in verb.children
    )


def _no_longer(tok: Token) -> bool:
    """ "no longer buys from B": the tie is stopped."""
    return tok.pos_ == "VERB" and any(
        c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
        for c in tok.children
    )


def _let_lapse(tok: Token) -> bool:
    let = tok.head
    if tok.dep_ == "nsubj" and let.lemma_.lower() in ("lapse", "expire"):
        let = let.head  # the parse as it should be: "let [its contract lapse]"
    elif tok.dep_ != "dobj":  # or "lapse" misread as a noun inside the object
        return False
    return let.lemma_.lower() == "let" and any(
        t.lemma_.lower() in ("lapse", "expire") for t in let.subtree
    )


def _stop_nouns() -> frozenset[str]:
    return data.read_words("lexicons", "stop_nouns.txt")


_REFUSING = frozenset({"decline", "refuse"})


def refused_renewal(tok: Token) -> bool:
    """ "will not renew its contract with B", "declined to renew its contract": the refusal
    ends the deal, it denies nothing."""
    head = tok.head
    if tok.dep_ != "dobj" or head.lemma_.lower() not in ("renew", "extend"):
        return False
    refused = head.dep_ == "xcomp" and head.head.lemma_.lower() in _REFUSING
    return refused or any(c.dep_ == "neg" for c in head.children)
