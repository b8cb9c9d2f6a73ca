"""Find a trigger's parties on the dependency parse: who acts (agent) and toward whom (patient).

Active, passive, nominal ("A's lawsuit against B"), relational ("A, B's
largest investor"), coordination ("A and B") and relative clauses ("B, which
A sued") are read off the parse; what the parse cannot give is filled from
word order inside the sentence (see :func:`nearest_left`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from tieline import data
from tieline.extract.cues import Cue, to_complement
from tieline.resolve.mentions import OrgMention

ByToken = dict[int, OrgMention]

_SUBJ = ("nsubj", "csubj")
_CLIMB = ("conj", "xcomp", "advcl", "ccomp", "acl", "pcomp")
_RELATIVE = ("which", "that", "who", "whom")
_LIST_PREPS = ("like", "including", "as")
_ALL_PREPS = ("for", "to", "in", "at", "with", "from", "on")  # "companies like A and B", "such as"


def orgs_at(tok: Token | None, by_token: ByToken, depth: int = 0) -> list[OrgMention]:
    """Mentions a token stands for, following coordination and "such as" lists."""
    if tok is None or depth > 4:
        return []
    found: list[OrgMention] = []
    m = by_token.get(tok.i)
    if m is not None:
        found.append(m)
        # "Caldris Pharmaceuticals and Ferrowen Bio": the parser may hang the first name,
        # with its "and", on the second one's head
        found += [
            x
            for c in tok.children
            if c.dep_ == "nmod"
            and c.i in by_token
            and by_token[c.i] is not m
            and any(d.dep_ == "cc" for d in c.children)
            for x in orgs_at(c, by_token, depth + 1)
        ]
    elif tok.lemma_.lower() in _people()["heads"]:
        # "regulators at the Trade Authority", "lawyers for B", "B's executives"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _people()["preps"]:
                found += [x for p in c.children if p.dep_ == "pobj" for x in orgs_at(p, by_token)]
            elif c.dep_ in ("poss", "compound") and c.i < tok.i:
                found += orgs_at(c, by_token, depth + 1)
    else:
        for c in tok.children:
            if c.dep_ == "appos":
                found += orgs_at(c, by_token, depth + 1)
            elif c.dep_ == "prep" and c.lower_ in _LIST_PREPS:
                found += [
                    x
                    for p in c.children
                    if p.dep_ == "pobj"
                    for x in orgs_at(p, by_token, depth + 1)
                ]
            elif c.dep_ == "amod" and c.lower_ == "such":
                found += orgs_at(c, by_token, depth + 1)
    if not found and m is None and tok.lemma_.lower() in _led_groups()["heads"]:
        found += [x for lead in _leaders(tok) for x in orgs_at(lead, by_token, depth + 1)]
    for c in tok.children:
        if c.dep_ == "conj":
            found += orgs_at(c, by_token, depth + 1)
    return found


def _open_question(clause: Token) -> bool:
    """ "whether B broke rules", "how B set its fees", "that B overcharged": a clause an
    authority looks into, not a free relative ("what it called B's practice")."""
    return any(
        (c.dep_ == "mark" and c.lower_ in ("whether", "if", "that"))
        or (c.dep_ == "advmod" and c.lower_ in ("how", "why", "when"))
        for c in clause.children
    )


@cache
def _led_groups() -> dict[str, frozenset[str]]:
    table = data.read_toml("lexicons", "descriptors.toml")["led_groups"]
    return {k: frozenset(v) for k, v in table.items()}


def _leaders(group: Token) -> list[Token]:
    """ "a group of investors led by B": B (the participle may hang on "investors")."""
    nouns = [group] + [p for p in prep_objects(group, ("of",))]
    return [
        obj
        for n in nouns
        for v in n.children
        if v.dep_ == "acl" and v.lemma_.lower() in _led_groups()["verbs"]
        for obj in prep_objects(v, ("by",))
    ]


_REPLACING = frozenset({"replace", "supplant", "succeed"})


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


def _predicate_passive(tok: Token) -> bool:
    """A participle the parser made a predicate adjective: "is part-owned by A"."""
    return (
        tok.dep_ == "acomp" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
    )


def _first_org_in(clause: Token, by_token: ByToken) -> list[OrgMention]:
    """The first organization a clause names, not as an owner ("took B's software" is
    said of whoever took it)."""
    doc = clause.doc
    heads = [by_token[t.i] for t in clause.subtree if t.i in by_token and by_token[t.i].head == t.i]
    return [m for m in heads if doc[m.head].dep_ != "poss" and len(m.orgs) == 1][:1]


def participles(noun: Token) -> list[Token]:
    """Past participles modifying a noun ("a lawsuit filed by B", "a suit brought against")."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def is_passive(tok: Token) -> bool:
    """Whether a verb is in the passive voice."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _relative_head(rel: Token) -> Token:
    """What a relative clause is about: "B, a Swedish developer that buys ..." is B."""
    head = rel.head
    while (
        head.dep_ == "pobj"
        and head.pos_ != "PROPN"  # "the backing of Fairmount Equity, which invested": Fairmount
        and head.head.lower_ == "of"
        and head.head.head.i != head.i
    ):
        head = head.head.head  # "B, a group of 300 farmers, which signed": up to "group"
    return head.head if head.dep_ == "appos" else head


def _label(tok: Token) -> bool:
    """An interview's speaker label ("A: Orla renewed ..."), which the parser may take
    for the subject."""
    return tok.text in ("A", "Q") and tok.i + 1 < len(tok.doc) and tok.nbor().text == ":"


@cache
def _intentions() -> frozenset[str]:
    """Nouns whose "in/of/for doing" clause their owner does (descriptors.toml)."""
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["intentions"]["nouns"])


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through coordinated and embedded verbs."""
    tok = verb
    for _ in range(5):
        subj = next((c for c in tok.children if c.dep_ in _SUBJ and not _label(c)), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
                return _relative_head(tok)
            return subj
        controller = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        if tok.dep_ == "xcomp" and controller is not None:
            return controller  # "asked the regulator to investigate B": the regulator acts
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        before = tok.doc[tok.i - 1] if tok.i else tok
        if (
            tok.dep_ == "advcl"
            and tok.tag_ in ("VBD", "VBZ", "VBP")
            and before.dep_ == "pobj"
            and before.head.lower_ in ("after", "before", "since", "until", "as")
        ):
            return before  # "fell after B fined it": B was hung on "after", not on "fined"
        if tok.dep_ == "relcl" and not infinitive:
            return _relative_head(tok)
        if tok.dep_ not in (*_CLIMB, "relcl") or tok.head.i == tok.i:
            return None
        via_acl = tok.dep_ in ("acl", "relcl")  # "signed a deal to buy chips from B"
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head  # "A is open to selling its stake": through "to" up to "open"
            # "A denied any interest in buying B": the intention noun is A's, like a verb
            via_acl = via_acl or tok.head.lemma_.lower() in _intentions()
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT":
            return tok  # headline: "Plimco to buy Brinemoor"
        while via_acl and tok.pos_ in ("NOUN", "PROPN", "ADP") and tok.head.i != tok.i:
            tok = tok.head  # "A reached an agreement to end the case": A ends it
            # "A was in talks to buy cells from B": through "in" up to "was"
    return None


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def prep_objects(tok: Token, words: tuple[str, ...]) -> list[Token]:
    """Objects of the token's prepositions named in ``words``."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in words:
            out += _pobjs(c)
            # "to individual farmers and to B"
            out += [
                p for d in c.children if d.dep_ == "conj" and d.pos_ == "ADP" for p in _pobjs(d)
            ]
        elif c.dep_ == "prt" and c.lower_ in words:  # "pulled out of"
            out += [p for x in c.head.children if x.dep_ == "prep" for p in _pobjs(x)]
        elif c.dep_ in ("prep", "advmod") and c.lower_ in _PARTICLES and not _pobjs(c):
            # "will pull out of its venture", "shift production away from B": the parser
            # may hang the preposition on the particle
            out += prep_objects(c, words)
        elif c.dep_ == "prep" and c.lower_ == "from" and "from" not in words:
            # "sell the output from its farm to B": "to" hangs on "from"
            out += [
                p for d in c.children if d.dep_ == "prep" and d.lower_ in words for p in _pobjs(d)
            ]
    return out


# particles the parser may take for prepositions, with the real preposition below them
_PARTICLES = ("out", "away", "back", "off")


def _object(tok: Token) -> Token | None:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "attr")), None)
    if obj is not None and obj.lower_ in _RELATIVE and tok.dep_ == "relcl":
        return tok.head
    if obj is None and tok.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in tok.children):
        return tok.head  # "the startup it has backed": object relative without "that"
    return obj


def possessors(tok: Token | None, by_token: ByToken) -> list[OrgMention]:
    """Owner of a thing: "B's chips", "its chips", "B chips", "Azure services" (B's product)."""
    if tok is None:
        return []
    if tok.lower_ in _PARTITIVE or tok.like_num:  # "most of B's output", "half of its chips"
        inner = next((p for p in prep_objects(tok, ("of",))), None)
        if inner is not None:
            return possessors(inner, by_token)
    return [
        m
        for c in tok.children
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < tok.i)
        for m in orgs_at(_whose_antecedent(c), by_token)
    ]


def _relative(clause: Token) -> bool:
    """A relative clause on a noun ("the complaint B filed", "complaints that A filed")."""
    if clause.dep_ == "acl" and not any(c.dep_ == "nsubj" for c in clause.children):
        return False  # "a contract to buy chips": an infinitive, not a relative clause
    return clause.dep_ in ("relcl", "acl") and not _that_clause(clause)


def _that_clause(verb: Token) -> bool:
    """ "a complaint that B copied designs" (content), not "complaints that A filed" (a
    relative clause the parser marks the same way: its verb takes the noun as object)."""
    if verb.lemma_.lower() in _light_verbs():
        return False
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in verb.children)


def _whose_antecedent(tok: Token) -> Token:
    """ "B, whose largest investor is A": "whose" stands for B."""
    if tok.lower_ != "whose":
        return tok
    for up in tok.ancestors:
        if up.dep_ == "relcl":
            return up.head
    return tok


_PARTITIVE = {
    "most",
    "some",
    "part",
    "all",
    "half",
    "much",
    "many",
    "share",
    "portion",
    "rest",
    "bulk",
    "%",
    "percent",
}


def _possessive_before(noun: Token, by_token: ByToken) -> list[OrgMention]:
    """ "A's planned $2 billion takeover": the owner by word order, when the parse lost it."""
    i = noun.i - 1
    while i >= max(0, noun.i - 7) and noun.doc[i].tag_ in _MODIFIER_TAGS:
        i -= 1
    if i < 1 or noun.doc[i].tag_ != "POS":
        return []
    m = by_token.get(i - 1)
    return [m] if m is not None else []


_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "CD", "$", "VBN", "VBD", "NN", "HYPH", "RB"}


def patients(trigger: Token, cue: Cue, by_token: ByToken) -> list[OrgMention]:
    """Mentions in the trigger's patient slots."""
    passive = trigger.pos_ == "VERB" and is_passive(trigger)
    if "head_subject" in cue.patient:
        # "raised $40 million in a round led by Z": the round's raiser is the patient
        verb = trigger.head
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head
        return orgs_at(subject_of(verb), by_token) if verb.i != trigger.i else []
    if "xcomp_object" in cue.patient:
        # "urged regulators to block B's merger": B, the object of what is urged
        clause = to_complement(trigger)
        obj = _object(clause) if clause is not None else None
        return orgs_at(obj, by_token) or possessors(obj, by_token)
    if "ccomp" in cue.patient:
        # "alleging that B copied its process": the accused is the reported clause's subject
        clause = next(
            (
                c
                for c in trigger.children
                # "a complaint from A that B used its position": the noun's that-clause
                if c.dep_ == "ccomp" or (c.dep_ in ("acl", "relcl") and _that_clause(c))
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
    preps = tuple(s for s in cue.patient if s not in ("dobj", "head_subject", "ccomp"))
    hosts = [trigger]
    found: list[OrgMention] = []
    owned: Token | None = None
    if "dobj" in cue.patient:
        obj = (
            next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
            # "which is 30% owned by A": the parser may call the passive subject nsubj
            or next((c for c in trigger.children if c.dep_ == "nsubj"), None)
            if passive
            else _object(trigger)
        )
        if obj is not None and obj.lower_ in _RELATIVE and trigger.dep_ == "relcl":
            obj = trigger.head  # "B, which is backed by A"
        if obj is None and passive and trigger.dep_ == "relcl":
            obj = _relative_head(trigger)  # "B, which is 30% owned by A" ("which" on "is")
        if obj is None and _predicate_passive(trigger):
            obj = subject_of(trigger.head)  # "B, which is part-owned by A": B
            if obj is not None and obj.lower_ in _RELATIVE and trigger.head.dep_ == "relcl":
                obj = _relative_head(trigger.head)
        if obj is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            # "B, a local app backed by A": the participle's noun, through the apposition
            obj = trigger.head.head if trigger.head.dep_ == "appos" else trigger.head
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
        obj = _object(trigger)
        if obj is not None:
            hosts.append(obj)
        # "sell most of the output from its wind farm to B": the parser may split the
        # object in two and hang "to B" on the second
        hosts += [c for c in trigger.children if c.dep_ == "dobj" and c is not obj]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "pobj", "attr"):
        hosts.append(trigger.head)  # light verb: "signed a deal with B"
    if trigger.pos_ == "NOUN":  # "complaints that A filed against B with the CMA"
        hosts += [c for c in trigger.children if _relative(c)]
        hosts += participles(trigger)  # "a suit brought against it by B"
    # "buys most of its chips from B": the preposition hangs off the partitive's noun
    hosts += [p for h in hosts[1:] if h.lower_ in _PARTITIVE for p in prep_objects(h, ("of",))]
    for host in hosts:
        if found:
            break
        for obj in prep_objects(host, preps):
            if obj.pos_ in ("VERB", "AUX"):  # "an investigation into whether B broke rules"
                found += orgs_at(subject_of(obj), by_token)
                continue
            # "moved its hotels to software from B": a reversed cue's party may hang on
            # its object ("from"), as any cue's may ("with", "of")
            # ("an inquiry into fare discounts at B")
            inner = prep_objects(
                obj, ("with", "of", "at", "from") if cue.reverse else ("with", "of", "at")
            )
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
    if not found and owned is not None:
        # "licensed B's catalogue", "licensed the back catalogue of B"
        found += possessors(owned, by_token) or [
            m for o in prep_objects(owned, ("of",)) for m in orgs_at(o, by_token)
        ]
    if cue.type == "REGULATE":
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


# Nouns naming an agreement between two parties ("signed a contract with B")
DEAL_NOUNS = frozenset({"contract", "agreement", "deal", "pact", "arrangement", "transaction"})
DEALS = ("takeover", "acquisition", "purchase", "merger", "deal", "buyout", "combination")


def _deal_parties(trigger: Token, found: list[OrgMention], by_token: ByToken) -> list[OrgMention]:
    """ "an investigation into A's takeover of B": B is scrutinised too."""
    scope = trigger.head if trigger.dep_ in ("dobj", "attr") else trigger  # "opened a probe into"
    deals = [t for t in scope.subtree if t.lemma_.lower() in DEALS and t.i > trigger.i]
    have = {m.head for m in found}
    parties = [
        m
        for deal in deals[:1]
        for m in possessors(deal, by_token)
        + [x for o in prep_objects(deal, ("of", "with")) for x in orgs_at(o, by_token)]
    ]
    return [m for m in parties if m.head not in have]


@cache
def _people() -> dict[str, list[str]]:
    return dict(data.read_toml("lexicons", "descriptors.toml")["people"])


@cache
def _light_verbs() -> frozenset[str]:
    return data.read_words("lexicons", "light_verbs.txt")


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
        found = orgs_at(_object(clause), by_token)
        found += [
            m
            for o in prep_objects(clause, ("to", "with", "from", "into"))
            for m in orgs_at(o, by_token)
        ]
        return found
    return []


def agents(trigger: Token, by_token: ByToken, cue: Cue | None = None) -> list[OrgMention]:
    """Mentions acting through the trigger."""
    if _predicate_passive(trigger):  # "B is part-owned by A": A owns
        return [m for o in prep_objects(trigger, ("by",)) for m in orgs_at(o, by_token)]
    if trigger.pos_ == "VERB" and trigger.dep_ not in ("amod", "acomp"):
        if trigger.tag_ == "VBG" and trigger.dep_ == "pcomp" and trigger.head.lower_ == "with":
            # "filed a complaint with the FTC accusing B": parsed as the FTC accusing,
            # it is the filer who accuses
            return orgs_at(subject_of(trigger.head.head), by_token)
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and cue and cue.reverse:
            # "added 800 cars leased from B": the customer is whoever has the things
            return orgs_at(subject_of(trigger.head.head), by_token)
        if is_passive(trigger) or (trigger.dep_ == "acl" and trigger.tag_ == "VBN"):
            by = prep_objects(trigger, ("by",))
            if not by:  # "produced for A by B": the by-phrase hung on A
                by = [
                    b for o in prep_objects(trigger, _ALL_PREPS) for b in prep_objects(o, ("by",))
                ]
            return [m for o in by for m in orgs_at(o, by_token)]
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
        if trigger.dep_ in ("acl", "relcl") and trigger.head.lemma_.lower() in DEAL_NOUNS:
            owner = possessors(trigger.head, by_token)
            if owner:  # "extended its agreement to buy equipment from B": its buyer
                return owner
        subj = subject_of(trigger)
        found = orgs_at(subj, by_token)
        if subj is not None and subj.lower_ in _PARTITIVE:
            subj = next(iter(prep_objects(subj, ("of",))), subj)  # "the rest of B's output"
        if not found and subj is not None and subj.lemma_.lower() in _people()["proxies"]:
            found = possessors(subj, by_token)  # "B's new service will compete with C"
        return found
    if trigger.pos_ in ("NOUN", "PROPN"):
        found = possessors(trigger, by_token)
        for rel in (c for c in trigger.children if _relative(c)):
            # "the complaint B filed": the relative clause's subject acts (not "a complaint
            # that B copied": a content clause the parser took for a relative one)
            found += [m for c in rel.children if c.dep_ == "nsubj" for m in orgs_at(c, by_token)]
        found += [
            m
            for c in trigger.children
            if c.dep_ in ("compound", "amod", "nmod") and c.i < trigger.i
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
        verb = trigger.head if trigger.dep_ in ("dobj", "attr", "conj") else None
        if trigger.dep_ == "pobj" and trigger.head.head.pos_ in ("VERB", "AUX"):
            verb = trigger.head.head  # "engaged in talks with B"
        if verb is not None and (verb.lemma_.lower() in _light_verbs() or trigger.dep_ == "pobj"):
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


def between(trigger: Token, by_token: ByToken) -> list[OrgMention]:
    """Parties of "the X between A and B" / "among"."""
    return [m for o in prep_objects(trigger, ("between", "among")) for m in orgs_at(o, by_token)]


def relational(
    trigger: Token, cue: Cue, by_token: ByToken
) -> tuple[list[OrgMention], list[OrgMention]]:
    """(referent, other) of a relational noun: "A, B's largest investor" -> ([A], [B])."""
    first = trigger
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head  # "its largest investor and key partner"
    first = _as_phrase(first)
    referent: list[OrgMention] = []
    if trigger.i in by_token:  # resolved already: "prices below those of its larger rival"
        referent = [by_token[trigger.i]]
    elif first.dep_ == "pobj" and first.head.lower_ in ("as", "among"):
        # "described OpenAI as one of its most important partners", "counts B among its
        # suppliers"
        verb = first.head.head
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None and obj.lower_ in _RELATIVE and verb.dep_ == "relcl":
            obj = _relative_head(verb)  # "B, which it described as a long-term partner"
        if verb.lemma_.lower() in _REPLACING:
            # "replaced B with C as its supplier": C takes the role B loses
            obj = next(iter(prep_objects(verb, ("with", "by"))), obj)
        referent = orgs_at(obj, by_token)
    elif first.dep_ == "oprd":
        # "called B the best partner in our supply chain"
        obj = next((c for c in first.head.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lower_ in _RELATIVE and first.head.dep_ == "relcl":
            obj = _relative_head(first.head)  # "B, which it calls its closest partner"
        referent = orgs_at(obj, by_token)
    elif first.dep_ in ("appos", "compound", "amod"):  # "discount rival B" (rival as ADJ)
        head = first.head
        while head.i not in by_token and head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "rival operator Brackwater Telecom"
        referent = orgs_at(head, by_token)
    elif first.dep_ == "attr":
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
    predicate = first.dep_ in ("oprd", "attr") or (
        first.dep_ == "pobj" and first.head.lower_ == "as"
    )
    if referent and not other and (predicate or not _determined(first)):
        # "a rival" names no counterpart, but "called B a great partner" is the caller's
        other = _clause_subject(first, referent, by_token)
    return referent, other


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


def nearest_left(
    trigger: Token, sent: Span, by_token: ByToken, banned: set[int]
) -> list[OrgMention]:
    """The closest organization before the trigger in its sentence, subjects first.

    In "A filed a complaint with B accusing C", the parse may hang "accusing"
    on B; the subject A is still the one who accuses.
    """
    left = [
        by_token[i]
        for i in range(trigger.i - 1, sent.start - 1, -1)
        if i in by_token and i not in banned and i == by_token[i].head
    ]
    subjects = [m for m in left if sent.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
    return (subjects or left)[:1]


def _no_verb_between(tok: Token, top: Token) -> bool:
    node = tok.head
    while node.i != top.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return node.i == top.i


def in_subtree(trigger: Token, by_token: ByToken, banned: set[int]) -> list[OrgMention]:
    """Organizations inside the trigger's own noun and prepositional phrases, after it.

    "reiterated the strength of their partnership" reaches "their"; a clause
    further down ("opened a line in Dayton") is another event and is not searched.
    """
    return [
        by_token[t.i]
        for t in trigger.subtree
        if t.i > trigger.i
        and t.i in by_token
        and t.i not in banned
        and by_token[t.i].head == t.i
        and _no_verb_between(t, trigger)
    ]


def definite(tok: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their")
        for c in tok.children
    )
