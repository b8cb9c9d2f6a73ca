"""Who acts (a trigger's agent): subjects, "by" agents, possessors ("A's lawsuit"),
participles ("a lawsuit filed by A") and the light verbs around nominal triggers."""

from __future__ import annotations

from spacy.tokens import Token

from tieline.extract.arguments import (
    ALL_PREPS,
    DEAL_NOUNS,
    PARTITIVE,
    ByToken,
    coordinated_verb,
    definite,
    intentions,
    is_passive,
    is_relative,
    light_verbs,
    misparsed_gerund,
    object_of,
    orgs_at,
    participles,
    people_words,
    possessors,
    predicate_passive,
    prep_objects,
    subject_of,
)
from tieline.extract.cues import Cue
from tieline.resolve.mentions import OrgMention


def _possessive_before(noun: Token, by_token: ByToken) -> list[OrgMention]:
    """ "A's planned $2 billion takeover": the owner by word order, when the parse lost it."""
    i = noun.i - 1
    while i >= max(0, noun.i - 7) and noun.doc[i].tag_ in _MODIFIER_TAGS:
        i -= 1
    if i < 1 or noun.doc[i].tag_ != "POS":
        return []
    m = by_token.get(i - 1)
    return [m] if m is not None else []


_TOPICS = frozenset({"for", "on", "about", "over", "regarding", "of"})
_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "CD", "$", "VBN", "VBD", "NN", "HYPH", "RB"}


def _participle(trigger: Token) -> bool:
    """ "an app backed by A"; "spent on a warehouse, financed in part by A" (an adverbial
    participle with its agent)."""
    if trigger.tag_ != "VBN":
        return False
    agent = any(c.dep_ == "agent" for c in trigger.children)
    # ("a report that the two airlines had clashed": a clause with a subject of its own)
    own_subject = any(c.dep_ == "nsubj" for c in trigger.children)
    return (trigger.dep_ == "acl" and not own_subject) or (trigger.dep_ == "advcl" and agent)


def _filing_verb(with_: Token) -> Token:
    """The verb of "filed a complaint with R" (or "filed with R"), whose subject files."""
    host = with_.head
    return host.head if host.dep_ in ("dobj", "nsubjpass") else host


def agents(trigger: Token, by_token: ByToken, cue: Cue | None = None) -> list[OrgMention]:
    """Mentions acting through the trigger."""
    if trigger.pos_ == "NOUN" and coordinated_verb(trigger):
        # "B, which supplies the modems in C's phones and competes with D": the verb the
        # parser took for a noun shares the subject of the verb above it
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return orgs_at(subject_of(verb), by_token) if verb is not None else []
    verb = misparsed_gerund(trigger)
    if verb is not None:  # "began shipping units to B": who began ships
        return orgs_at(subject_of(verb), by_token)
    if predicate_passive(trigger):  # "B is part-owned by A": A owns
        return [m for o in prep_objects(trigger, ("by",)) for m in orgs_at(o, by_token)]
    if trigger.pos_ == "VERB" and trigger.dep_ not in ("amod", "acomp"):
        if trigger.tag_ == "VBG" and trigger.dep_ == "pcomp" and trigger.head.lower_ == "with":
            # "filed a complaint with the FTC accusing B": parsed as the FTC accusing,
            # it is the filer who accuses
            return orgs_at(subject_of(_filing_verb(trigger.head)), by_token)
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and cue and cue.reverse:
            # "added 800 cars leased from B": the customer is whoever has the things
            # ("made its servers built on B's chips available": their owner)
            found = orgs_at(subject_of(trigger.head.head), by_token)
            return found or possessors(trigger.head, by_token)
        if is_passive(trigger) or _participle(trigger):
            by = prep_objects(trigger, ("by",))
            if not by:  # "produced for A by B": the by-phrase hung on A
                by = [b for o in prep_objects(trigger, ALL_PREPS) for b in prep_objects(o, ("by",))]
            found = [m for o in by for m in orgs_at(o, by_token)]
            if not found and cue is not None and cue.type == "SUPPLY" and not cue.reverse:
                # "B's models are licensed to C": the goods' owner sells them
                goods = [c for c in trigger.children if c.dep_ == "nsubjpass"]
                found = [m for g in goods for m in possessors(g, by_token)]
            return found
        if (
            trigger.dep_ == "acl"
            and trigger.head.lemma_.lower() in DEAL_NOUNS
            and cue
            and not cue.reverse
        ):
            # "signed a contract with B to build 18 satellites": B builds them
            party = [m for o in prep_objects(trigger.head, ("with",)) for m in orgs_at(o, by_token)]
            if party:
                return party
        owned = DEAL_NOUNS | intentions()  # "its agreement to buy", "A's plan to buy B"
        if trigger.dep_ in ("acl", "relcl") and trigger.head.lemma_.lower() in owned:
            owner = possessors(trigger.head, by_token)
            if owner:  # "extended its agreement to buy equipment from B": its buyer
                return owner
        subj = subject_of(trigger)
        found = orgs_at(subj, by_token)
        if subj is not None and subj.lower_ in PARTITIVE:
            subj = next(iter(prep_objects(subj, ("of",))), subj)  # "the rest of B's output"
        if not found and subj is not None and subj.lemma_.lower() in people_words()["proxies"]:
            found = possessors(subj, by_token)  # "B's new service will compete with C"
        return found
    if trigger.pos_ in ("NOUN", "PROPN"):
        held = cue is not None and "compound" in cue.patient  # "its Voltrane stake"
        compounds = {c.i for c in trigger.children if c.dep_ == "compound"}
        # "the Plimco takeover": the name before the noun is what is taken over, no owner
        found = [m for m in possessors(trigger, by_token) if not (held and m.head in compounds)]
        for rel in (c for c in trigger.children if is_relative(c)):
            # "the complaint B filed": the relative clause's subject acts (not "a complaint
            # that B copied": a content clause the parser took for a relative one)
            found += [m for c in rel.children if c.dep_ == "nsubj" for m in orgs_at(c, by_token)]
        found += [
            m
            for c in trigger.children
            if c.dep_ in ("compound", "amod", "nmod")
            and c.i < trigger.i
            and not (held and c.dep_ == "compound")
            for m in orgs_at(c, by_token)
        ]
        by = ("by", "within") if cue is None or "from" in cue.patient else ("by", "within", "from")
        found += [m for o in prep_objects(trigger, by) for m in orgs_at(o, by_token)]
        # "a lawsuit filed by B", "the investment made by B": the participle's agent
        found += [
            m
            for v in participles(trigger)
            for o in prep_objects(v, ("by",))
            for m in orgs_at(o, by_token)
        ]
        if found:
            return found
        found = _possessive_before(trigger, by_token)
        if found:
            return found
        if (
            trigger.dep_ == "pobj"
            and trigger.head.lower_ == "with"
            and cue
            and cue.type == "INVEST"
        ):
            # "the deal leaves A with a stake of 27% in B": the verb's object holds it
            held = object_of(trigger.head.head)
            found = orgs_at(held, by_token)
            if found:
                return found
        if trigger.dep_ == "pobj" and trigger.head.lower_ in _TOPICS and definite(trigger):
            # "praised B for the deal", "declined to comment on the agreement": a deal
            # told of before, not one the subject makes
            return []
        verb = trigger.head if trigger.dep_ in ("dobj", "attr", "conj") else None
        if trigger.dep_ == "pobj" and trigger.head.head.pos_ in ("VERB", "AUX"):
            verb = trigger.head.head  # "engaged in talks with B"
        if verb is not None and (verb.lemma_.lower() in light_verbs() or trigger.dep_ == "pobj"):
            return orgs_at(subject_of(verb), by_token)
        return []
    if trigger.pos_ == "ADV":  # "A and B will jointly develop"
        return orgs_at(subject_of(trigger.head), by_token)
    # adjectives: "A is frustrated with B", "A grew unhappy with B"
    if trigger.dep_ in ("acomp", "oprd", "attr", "xcomp", "amod"):
        head = trigger.head
        if trigger.dep_ == "amod":
            found = orgs_at(head, by_token) or possessors(head, by_token)
            if not found and head.dep_ == "dobj" and cue is not None and cue.patient == ("with",):
                found = orgs_at(subject_of(head.head), by_token)  # "A and B opened a joint lab"
            return found
        return orgs_at(subject_of(head), by_token)
    return []
