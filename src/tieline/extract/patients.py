"""Who a trigger acts toward (its patient): objects, "against"/"with" phrases, passive
subjects, the thing a regulator looks into and who did it, the one accused."""

from __future__ import annotations

from spacy.tokens import Token

from tieline.extract.arguments import (
    DEAL_NOUNS,
    DEALS,
    PARTITIVE,
    RELATIVE,
    ByToken,
    described_after_gerund,
    is_passive,
    is_relative,
    misparsed_gerund,
    object_of,
    orgs_at,
    participles,
    possessors,
    predicate_passive,
    prep_objects,
    relative_head,
    subject_of,
    that_clause,
)
from tieline.extract.cues import Cue, to_complement
from tieline.resolve.mentions import OrgMention


def _open_question(clause: Token) -> bool:
    """ "whether B broke rules", "how B set its fees", "that B overcharged": a clause an
    authority looks into, not a free relative ("what it called B's practice")."""
    return any(
        (c.dep_ == "mark" and c.lower_ in ("whether", "if", "that"))
        or (c.dep_ == "advmod" and c.lower_ in ("how", "why", "when"))
        for c in clause.children
    )


def _doers(trigger: Token, preps: tuple[str, ...], by_token: ByToken) -> list[OrgMention]:
    """Who did the thing a regulator looks into: the "by" agent of a participle on the
    trigger's object ("fees charged by B", "claims made by B and its rival C")."""
    things = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    things += prep_objects(trigger, preps)
    if trigger.dep_ in ("dobj", "pobj"):  # light verb: "opened an investigation into ..."
        things += prep_objects(trigger.head, preps)
    return [
        m
        for thing in things
        for v in thing.children
        if v.dep_ == "acl" and v.tag_ == "VBN"
        for o in prep_objects(v, ("by",))
        for m in orgs_at(o, by_token)
    ]


def _first_org_in(clause: Token, by_token: ByToken) -> list[OrgMention]:
    """The first organization a clause names, not as an owner ("took B's software" is
    said of whoever took it)."""
    doc = clause.doc
    heads = [by_token[t.i] for t in clause.subtree if t.i in by_token and by_token[t.i].head == t.i]
    return [m for m in heads if doc[m.head].dep_ != "poss" and len(m.orgs) == 1][:1]


_STANDING = frozenset({"pending", "outstanding"})  # a claim still open against B
_VENUE_PREPS = ("to", "with", "before", "in")
_ALONGSIDE = ("with", "alongside")
_GRIEVANCE_TYPES = frozenset({"COMPLAIN", "CRITICIZE"})


def _deep_recipient(obj: Token, by_token: ByToken) -> list[OrgMention]:
    """ "sell a quarter of next season's crop from its glasshouses to B": the parser hangs
    "to B" on the last noun of the object's of/from chain."""
    frontier = [obj]
    for _ in range(3):
        frontier = [p for h in frontier for p in prep_objects(h, ("of", "from"))]
        found = [
            m for h in frontier for o in prep_objects(h, ("to",)) for m in orgs_at(o, by_token)
        ]
        if found:
            return found
    return []


def patients(trigger: Token, cue: Cue, by_token: ByToken) -> list[OrgMention]:
    """Mentions in the trigger's patient slots."""
    passive = trigger.pos_ == "VERB" and is_passive(trigger)
    if "head_subject" in cue.patient:
        # "a funding round in B led by Z": the round names its company
        named = [m for o in prep_objects(trigger.head, ("in", "for")) for m in orgs_at(o, by_token)]
        if named:
            return named
        # "raised $40 million in a round led by Z": the round's raiser is the patient
        verb = trigger.head
        # (up through "a round led by Z, with participation from Y" to "raised")
        while (verb.pos_ != "VERB" or verb.dep_ == "acl") and verb.head.i != verb.i:
            verb = verb.head
        return orgs_at(subject_of(verb), by_token) if verb.i != trigger.i else []
    if "xcomp_object" in cue.patient:
        # "urged regulators to block B's merger": B, the object of what is urged
        clause = to_complement(trigger)
        obj = object_of(clause) if clause is not None else None
        # "asked regulators to review the terms of its contract with B": the other party
        # of the deal under review, before the deal's owner (the asker itself)
        held = [obj, *prep_objects(obj, ("of",))] if obj is not None else []
        deals = [d for d in held if d.lemma_ in DEAL_NOUNS]
        dealt = [m for d in deals for o in prep_objects(d, ("with",)) for m in orgs_at(o, by_token)]
        found = orgs_at(obj, by_token) or dealt or possessors(obj, by_token)
        if not found and obj is None and clause is not None:
            # "asked the Commission to examine whether B's exit breaches the lease": the
            # open question's subject
            asked = [c for c in clause.children if c.dep_ == "ccomp" and _open_question(c)]
            subj = subject_of(asked[0]) if asked else None
            found = orgs_at(subj, by_token) or possessors(subj, by_token)
        return found
    if "ccomp" in cue.patient:
        # "alleging that B copied its process": the accused is the reported clause's subject
        clause = next(
            (
                c
                for c in trigger.children
                # "a complaint from A that B used its position": the noun's that-clause
                if c.dep_ == "ccomp" or (c.dep_ in ("acl", "relcl") and that_clause(c))
            ),
            None,
        )
        if clause is not None and cue.type == "REGULATE" and not _open_question(clause):
            clause = None  # "examine what it called B's practice": no "whether B ..."
        subj = subject_of(clause) if clause is not None else None
        found = orgs_at(subj, by_token) or possessors(subj, by_token)
        if not found and clause is not None and cue.type == "CRITICIZE":
            # "alleging that managers who defected to its rival took its software": the
            # clause's first organization is the one accused
            found = _first_org_in(clause, by_token)
        if found:
            return found
    own_preps = tuple(s for s in cue.patient if s != "compound")
    named_after = any(orgs_at(o, by_token) for o in prep_objects(trigger, own_preps))
    if "compound" in cue.patient and not named_after:
        # "its Voltrane stake", "the planned Windsurf purchase": the name before the noun is
        # what is held or bought (not in "the OpenAI acquisition of Windsurf")
        held = [m for c in trigger.children if c.dep_ == "compound" for m in orgs_at(c, by_token)]
        if held:
            return held
    preps = tuple(s for s in cue.patient if s not in ("dobj", "head_subject", "ccomp", "compound"))
    hosts = [trigger]
    gerund = misparsed_gerund(trigger)  # "began shipping units to B"
    if gerund is not None:
        hosts += [trigger.head, gerund]
    # "rents computing power from B", parsed "rents [computing power from B]": a gerund
    # right after the verb and right before a bare noun modifies that noun (not
    # "discussed filing a complaint with B")
    hosts += [c for c in trigger.children if _modifying_gerund(trigger, c)]
    found: list[OrgMention] = []
    owned: Token | None = None
    if "dobj" in cue.patient:
        obj = (
            next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
            # "which is 30% owned by A": the parser may call the passive subject nsubj
            or next((c for c in trigger.children if c.dep_ == "nsubj"), None)
            if passive
            else object_of(trigger) or (trigger.head if gerund is not None else None)
        )
        if obj is not None and obj.lower_ in RELATIVE and trigger.dep_ == "relcl":
            # "B, which is backed by A", "B, a contractor that was fined by A"
            obj = relative_head(trigger)
        if obj is None and passive and trigger.dep_ == "relcl":
            obj = relative_head(trigger)  # "B, which is 30% owned by A" ("which" on "is")
        if obj is None and passive and trigger.dep_ == "xcomp":
            # "B agreed to be acquired by A": whoever agreed (through "that" to its noun)
            obj = subject_of(trigger.head)
            if obj is not None and obj.lower_ in RELATIVE and trigger.head.dep_ == "relcl":
                obj = relative_head(trigger.head)
        if obj is None and predicate_passive(trigger):
            obj = subject_of(trigger.head)  # "B, which is part-owned by A": B
            if obj is not None and obj.lower_ in RELATIVE and trigger.head.dep_ == "relcl":
                obj = relative_head(trigger.head)
        if obj is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            # "B, a local app backed by A": the participle's noun, through the apposition
            obj = trigger.head.head if trigger.head.dep_ == "appos" else trigger.head
        if obj is None and trigger.dep_ == "advcl" and trigger.tag_ == "VBN":
            # "B spent on a warehouse, financed in part by A": what the clause's subject did
            obj = subject_of(trigger.head)
        if not (cue.patient_possessor and obj is not None and obj.pos_ == "PRON"):
            # a cue that takes a thing ("used B's chips") reads "used it" as the thing
            found += orgs_at(obj, by_token)
        if not found and not passive:  # "fined Plimco $5 million": Plimco is the dative
            dative = next((c for c in trigger.children if c.dep_ == "dative"), None)
            found += orgs_at(dative, by_token)
        if obj is not None and not found:
            hosts.append(obj)  # "ended its partnership with B"
            # the object's owner only if no preposition names the party: in "dropped its
            # lawsuit against B", "its" is the agent's own
            owned = obj if cue.patient_possessor else None
    elif trigger.pos_ == "VERB":
        obj = object_of(trigger)
        if obj is not None:
            hosts.append(obj)
        # "sell most of the output from its wind farm to B": the parser may split the
        # object in two and hang "to B" on the second
        hosts += [c for c in trigger.children if c.dep_ == "dobj" and c is not obj]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "pobj", "attr"):
        hosts.append(trigger.head)  # light verb: "signed a deal with B"
    if trigger.pos_ == "NOUN":  # "complaints that A filed against B with the CMA"
        hosts += [c for c in trigger.children if is_relative(c)]
        hosts += participles(trigger)  # "a suit brought against it by B"
        # "a complaint pending against B"
        hosts += [c for c in trigger.children if c.dep_ == "acl" and c.lower_ in _STANDING]
    if cue.type == "SETTLE":  # "withdrew the complaint it filed against B"
        hosts += [c for h in list(hosts[1:]) for c in h.children if is_relative(c)]
    if cue.type in ("COMPLAIN", "SUE"):
        # "weighing a complaint to the Authority against B": "against" may hang on the
        # venue
        hosts += [v for h in list(hosts) for v in prep_objects(h, _VENUE_PREPS)]
    # "buys most of its chips from B": the preposition hangs off the partitive's noun
    hosts += [p for h in hosts[1:] if h.lower_ in PARTITIVE for p in prep_objects(h, ("of",))]
    if cue.reverse and "from" in preps:
        # "will source the sweetener for its snack bars from B": "from" hangs on the
        # purpose phrase of the goods
        hosts += [p for h in hosts[1:] for p in prep_objects(h, ("for",))]
    for host in hosts:
        if found:
            break
        for obj in prep_objects(host, preps):
            if any(c.dep_ == "dobj" and described_after_gerund(obj, c) for c in obj.children):
                found += orgs_at(obj, by_token)  # "the acquisition of coding startup B"
                continue
            if obj.pos_ in ("VERB", "AUX"):  # "an investigation into whether B broke rules"
                own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in obj.children)
                # "committed to growing alongside B": no subject of its own, so its
                # companion is the party
                found += (
                    orgs_at(subject_of(obj), by_token)
                    if own_subject or obj.tag_ != "VBG"
                    else [m for o in prep_objects(obj, _ALONGSIDE) for m in orgs_at(o, by_token)]
                )
                continue
            # "moved its hotels to software from B": a reversed cue's party may hang on
            # its object ("from"), as any cue's may ("with", "of")
            # ("an inquiry into fare discounts at B")
            inner = prep_objects(
                obj, ("with", "of", "at", "from") if cue.reverse else ("with", "of", "at")
            )
            if cue.reverse:  # "runs on models licensed from B", "chips made by B"
                inner += [p for v in participles(obj) for p in prep_objects(v, ("from", "by"))]
            elif cue.type in _GRIEVANCE_TYPES:  # "a complaint over surcharges imposed by B"
                inner += [p for v in participles(obj) for p in prep_objects(v, ("by",))]
            found += (
                orgs_at(obj, by_token)
                or (
                    possessors(obj, by_token)
                    if cue.patient_possessor or cue.prep_possessor or host.i != trigger.i
                    else []
                )
                or [m for o in inner for m in orgs_at(o, by_token)]
                # "provides tools to all of the shipper's terminals"
                or [m for o in inner for m in possessors(o, by_token)] * cue.prep_possessor
            )
    if not found and "to" in preps and trigger.pos_ == "VERB" and len(hosts) > 1:
        found += _deep_recipient(hosts[1], by_token)
    if not found and trigger.dep_ == "relcl" and _stranded(trigger, preps):
        # "B, the developer it has partnered with since 2022": the relative's head
        head = relative_head(trigger)
        found += orgs_at(head.head if head.dep_ == "appos" else head, by_token)
    if not found and owned is not None:
        # "licensed B's catalogue", "licensed the back catalogue of B"
        found += possessors(owned, by_token) or [
            m for o in prep_objects(owned, ("of",)) for m in orgs_at(o, by_token)
        ]
    if not found and cue.type in _GRIEVANCE_TYPES and trigger.pos_ == "VERB":
        found += _faulted_maker(object_of(trigger), by_token)
        # "pinned the slippage on a shortage of chips from B"
        for faulty in prep_objects(trigger, preps) if not found else []:
            found += _faulted_maker(faulty, by_token)
    if cue.type == "REGULATE":
        found = _without_bought(trigger, found, by_token)
        found += _deal_parties(trigger, found, by_token)
        if not found:  # "an investigation into fees charged by B", "examines claims made by B"
            found += _doers(trigger, preps, by_token)
    if not found and cue.type in ("COMPLAIN", "SUE") and trigger.pos_ == "NOUN":
        found += _accused(trigger, by_token)
    if not found and cue.type == "NEGOTIATE" and trigger.pos_ == "NOUN":
        found += _talked_of(trigger, by_token)
    if not found and cue.reverse and preps:
        # "reliance on B's technology": the possessor of the object is the party
        for obj in prep_objects(trigger, preps):
            found += possessors(obj, by_token)
    return found


def _modifying_gerund(verb: Token, tok: Token) -> bool:
    if tok.dep_ != "xcomp" or tok.tag_ != "VBG" or tok.i != verb.i + 1:
        return False
    obj = object_of(tok)
    return obj is not None and obj.i == tok.i + 1 and not any(c.dep_ == "det" for c in obj.children)


def _faulted_maker(obj: Token | None, by_token: ByToken) -> list[OrgMention]:
    """ "blamed defects in cells supplied by B", "criticized flaws in B's software": the
    maker of the faulty thing."""
    if obj is None or obj.i in by_token:
        return []
    things = prep_objects(obj, ("in", "of", "with"))
    made = [p for t in things for v in participles(t) for p in prep_objects(v, ("by",))]
    # "a shortage of chips from B" (the parser hangs "from B" on either noun)
    made += [p for t in [obj, *things] for p in prep_objects(t, ("from",))]
    return [m for t in made for m in orgs_at(t, by_token)] or [
        m for t in things for m in possessors(t, by_token)
    ]


def _stranded(verb: Token, preps: tuple[str, ...]) -> bool:
    """A preposition left without its object at the end of a relative clause ("the
    developer it has partnered with")."""
    return any(
        c.dep_ == "prep" and c.lower_ in preps and not any(g.dep_ == "pobj" for g in c.children)
        for c in verb.children
    )


# deals an authority looks into: "whether the partnership between A and B is a merger"
_LOOKED_INTO = frozenset(DEALS) | {"partnership", "alliance", "tie-up", "arrangement"}


def _deal_parties(trigger: Token, found: list[OrgMention], by_token: ByToken) -> list[OrgMention]:
    """ "an investigation into A's takeover of B": A, whose deal it is, is scrutinised (the
    company bought is not regulated by it); "a probe into the merger of A and B": both."""
    scope = trigger.head if trigger.dep_ in ("dobj", "attr") else trigger  # "opened a probe into"
    deals = [t for t in scope.subtree if t.lemma_.lower() in _LOOKED_INTO and t.i > trigger.i]
    have = {m.head for m in found}
    parties = [
        m
        for deal in deals[:1]
        for m in possessors(deal, by_token)
        or [x for o in prep_objects(deal, ("of", "with", "between")) for x in orgs_at(o, by_token)]
    ]
    return [m for m in parties if m.head not in have]


def _without_bought(trigger: Token, found: list[OrgMention], by_token: ByToken) -> list[OrgMention]:
    """ "a review of A's takeover of B": B, read as the review's object, is the company
    bought, not the one regulated, when the deal has an owner (A)."""
    for deal in (t for t in trigger.subtree if t.lemma_.lower() in DEALS and t.i > trigger.i):
        if possessors(deal, by_token):
            bought = {x.head for o in prep_objects(deal, ("of",)) for x in orgs_at(o, by_token)}
            return [m for m in found if m.head not in bought]
    return found


def _accused(trigger: Token, by_token: ByToken) -> list[OrgMention]:
    """ "filed a complaint with the FTC accusing B of ...": the accused is the target."""
    verb = trigger.head if trigger.dep_ in ("dobj", "pobj") else trigger
    for tok in verb.subtree:
        if tok.lemma_.lower() in ("accuse", "allege", "charge") and tok.i > trigger.i:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            accused = orgs_at(obj, by_token)
            if accused:  # else "alleging that B ...", "that B charges fees": the clause below
                return accused
    # "a complaint from A, which argues that B's deals locked it out"; "was considering a
    # complaint to the adjudicator, arguing that B had given it too little notice"
    for tok in trigger.sent:
        if tok.dep_ == "ccomp" and tok.i > trigger.i and tok.head.lemma_.lower() in _CLAIMS:
            subj = subject_of(tok)
            return orgs_at(subj, by_token) or possessors(subj, by_token)
    return []


_CLAIMS = ("argue", "allege", "claim", "say", "contend", "assert")


def _talked_of(trigger: Token, by_token: ByToken) -> list[OrgMention]:
    """ "in talks to shift part of its production to B", "talks to buy B": the other side
    is the one the talks' aim involves."""
    for clause in trigger.children:
        if clause.dep_ != "acl" or not any(c.lower_ == "to" for c in clause.children):
            continue
        found = orgs_at(object_of(clause), by_token)
        found += [
            m
            for o in prep_objects(clause, ("to", "with", "from", "into"))
            for m in orgs_at(o, by_token)
        ]
        return found
    return []
