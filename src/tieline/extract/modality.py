"""Modality (asserted/planned/considered/denied/hypothetical) and hedging of a trigger.

The cue words are data (``data/lexicons/modality.toml``). Modality is read
on the trigger and on the words that govern it, climbing heads until the
trigger's path is a subject: in "its integration with B could stifle
competition", "could" governs "stifle", not the integration.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from tieline import data

_STOP_CLIMB = {"nsubj", "nsubjpass", "csubj", "relcl", "appos", "ROOT"}
_MAX_HOPS = 6


@cache
def lexicon() -> dict[str, Any]:
    """The modality/hedge/attribution lexicon."""
    return data.read_toml("lexicons", "modality.toml")


@cache
def speech_verbs() -> frozenset[str]:
    """Verbs that report speech ("said", "told"), from modality.toml [attribution]."""
    return frozenset(lexicon()["attribution"]["speech_verbs"])


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the heads that govern it, up to a subject boundary."""
    chain = [trigger]
    tok = trigger
    for _ in range(_MAX_HOPS):
        content = tok.dep_ == "relcl" and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
        )  # "denied a report that it planned to sue": a content clause the model took
        # for a relative one, so the denial still covers it
        if (tok.dep_ in _STOP_CLIMB and not content) or tok.head.i == tok.i:
            break
        if _factual_clause(tok):
            break
        tok = tok.head
        chain.append(tok)
    return chain


def _factual_clause(tok: Token) -> bool:
    """ "denied the report, after B said the two had clashed": a clause of time or cause
    is not in the scope of its governor's denial, plan or doubt."""
    marks = lexicon()["denied"]["factual_marks"]
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)


def _not_ruled_out(tok: Token) -> bool:
    """ "has not ruled out", "did not exclude": a denial denied."""
    lemma = tok.lemma_.lower()
    out = lemma == "exclude" or (lemma == "rule" and any(c.lower_ == "out" for c in tok.children))
    return out and _negated(tok, lexicon()["denied"]["neg_exceptions"])


def _participle(tok: Token) -> bool:
    """ "rejected the offer, deepening a dispute": a participle clause says what the
    rejection did, it is not what is rejected."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not any(c.dep_ == "mark" for c in tok.children)
    )


def _negated(tok: Token, exceptions: list[str]) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" and child.lower_ in lexicon()["denied"]["neg"]:
            nxt = child.nbor(1) if child.i + 1 < len(child.doc) else None
            if nxt is None or nxt.lower_ not in exceptions:
                return True
    return False


def _headline_infinitive(trigger: Token) -> bool:
    """Headline future: "Plimco to buy Brinemoor" (no finite verb, "to" + verb)."""
    head = trigger.head
    return (
        trigger.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
    )


def _contrasted(trigger: Token) -> bool:
    """ "reality rather than a rift": the trigger is the object of a contrast."""
    if trigger.dep_ != "pobj":
        return False
    prep = trigger.head
    before = " ".join(t.lower_ for t in trigger.doc[max(0, prep.i - 1) : prep.i + 1])
    return any(before.endswith(c) for c in lexicon()["denied"]["contrast"] if " " in c)


def _reported_future(verb: Token) -> bool:
    """ "would" backshifted from "will": the clause is what a past-tense speech verb reports,
    with no condition ("if", "unless") of its own."""
    if verb.dep_ != "ccomp" or verb.head.tag_ != "VBD":
        return False
    if verb.head.lemma_.lower() not in lexicon()["attribution"]["speech_verbs"]:
        return False
    return not any(
        c.dep_ in ("advcl", "mark") and c.lower_ in ("if", "unless") for c in verb.children
    ) and not any(
        m.lower_ in lexicon()["hypothetical"]["marks"]
        for c in verb.children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark"
    )


def modality_of(trigger: Token) -> str:
    """The modality of the claim a trigger makes."""
    lex = lexicon()
    found: set[str] = set()
    own_planned = False
    chain = _chain(trigger)
    for depth, tok in enumerate(chain):
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if depth and _not_ruled_out(tok):
            found.add("considered")  # "has not ruled out suing B": a live possibility
            continue
        if _negated(tok, lex["denied"]["neg_exceptions"]):
            found.add("denied")
        elif depth == 1 and lemma in lex["ongoing"]["governors"]:
            break  # "would keep buying from B": the buying goes on now
        if any(c.dep_ == "det" and c.lower_ == "no" for c in kids) and (
            depth or tok.pos_ == "NOUN"
        ):
            found.add("denied")  # "has no plans to ship", "no deal has been reached"
        phrasal = {f"{lemma} {c.lower_}" for c in kids if c.dep_ == "prt"}  # "played down"
        denier = lemma in lex["denied"]["governors"] or phrasal & set(lex["denied"]["governors"])
        # "She denied the report and praised B": a verb coordinated with the trigger shares
        # its auxiliaries and what governs both, but does not govern it
        governs = depth and chain[depth - 1].dep_ != "conj"
        if governs and denier and not _participle(chain[depth - 1]):
            found.add("denied")
        if governs and lemma in lex["considered"]["governors"]:
            found.add("considered")
        if any(c.dep_ == "advmod" and c.lower_ in lex["considered"]["adverbs"] for c in kids):
            found.add("considered")
        planner = governs and lemma in lex["planned"]["governors"]
        if planner and lemma in lex["planned"]["complement_only"]:
            planner = chain[depth - 1].dep_ in ("xcomp", "ccomp")
        if aux & set(lex["planned"]["aux"]) or planner:
            found.add("planned")
        if not depth and any(
            c.dep_ == "amod" and c.lower_ in lex["planned"]["adjectives"] for c in kids
        ):
            # "asked regulators to block A's proposed takeover of B": the deal's own
            # status is stated, whatever is asked or supposed about it
            own_planned = True
            found.add("planned")
        if "would" in aux and _reported_future(tok):
            found.add("planned")  # "A said it would buy B": the reported form of "will"
        elif aux & set(lex["hypothetical"]["aux"]):
            found.add("hypothetical")
        if any(c.dep_ == "mark" and c.lower_ in lex["hypothetical"]["marks"] for c in kids):
            found.add("hypothetical")
        if governs and lemma in lex["hypothetical"]["governors"]:
            found.add("hypothetical")
    if _contrasted(trigger):
        found.add("denied")
    if _headline_infinitive(trigger):
        found.add("planned")
    if own_planned and "denied" not in found:
        return "planned"
    for modality in ("denied", "considered", "hypothetical", "planned"):
        if modality in found:
            return modality
    return "asserted"


def is_hedged(sent: Span) -> bool:
    """Whether a sentence marks its claims as second-hand or uncertain."""
    hedge = lexicon()["hedge"]
    words = set(hedge["words"])
    if any(t.lower_ in words or t.lemma_.lower() in words for t in sent):
        return True
    low = " ".join(sent.text.lower().split())
    return any(p in low for p in hedge["phrases"])
