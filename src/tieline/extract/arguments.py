"""Parse helpers shared by the argument readers (:mod:`agents`, :mod:`patients`,
:mod:`relational`): the organizations a token stands for, a verb's subject, a
phrase's prepositional objects, possessors, "between A and B", and the word-order
fallbacks (:func:`nearest_left`, :func:`in_subtree`) for what the parse cannot give.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from tieline import data
from tieline.resolve.mentions import OrgMention
from tieline.resolve.spans import word_before_comma

ByToken = dict[int, OrgMention]

_SUBJ = ("nsubj", "csubj")
_CLIMB = ("conj", "xcomp", "advcl", "ccomp", "acl", "pcomp")
RELATIVE = ("which", "that", "who", "whom")
_LIST_PREPS = ("like", "including", "as")
_COUNTING = frozenset({"both", "each", "all", "either", "neither"})
ALL_PREPS = ("for", "to", "in", "at", "with", "from", "on")  # "companies like A and B", "such as"


def orgs_at(tok: Token | None, by_token: ByToken, depth: int = 0) -> list[OrgMention]:
    """Mentions a token stands for, following coordination and "such as" lists."""
    if tok is None or depth > 4 or coordinated_verb(tok):
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
    elif tok.lemma_.lower() in people_words()["heads"]:
        # "regulators at the Trade Authority", "lawyers for B", "B's executives"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in people_words()["preps"]:
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
            elif c.dep_ == "prep" and c.lower_ == "of" and tok.lower_ in _COUNTING:
                # "both of them have funded B": the ones counted
                found += [x for p in _pobjs(c) for x in orgs_at(p, by_token, depth + 1)]
            elif c.dep_ == "compound" and tok.lemma_.lower() in _company_heads():
                # "lost the Penrose Chemist chain": the company the description names
                found += orgs_at(c, by_token, depth + 1)
            elif c.dep_ == "dobj" and described_after_gerund(tok, c):
                # "the acquisition of coding startup B", parsed as "coding [startup B]"
                found += orgs_at(c, by_token, depth + 1)
    if not found and m is None and tok.lemma_.lower() in _led_groups()["heads"]:
        found += [x for lead in _leaders(tok) for x in orgs_at(lead, by_token, depth + 1)]
    for c in tok.children:
        if c.dep_ == "conj":
            found += orgs_at(c, by_token, depth + 1)
    return found


def described_after_gerund(gerund: Token, name: Token) -> bool:
    """A modifier the parser took for a gerund, its "object" a name after a company
    description: "of coding startup B", "of chip designer B"."""
    if gerund.tag_ != "VBG" or gerund.dep_ not in ("pobj", "pcomp"):
        return False
    if name.left_edge.i != gerund.i + 1:
        return False
    between = gerund.doc[gerund.i + 1 : name.i]
    return len(between) > 0 and all(t.lemma_.lower() in _company_heads() for t in between)


def subject_compound_verb(tok: Token) -> bool:
    """A verb-only form the parser took for a noun with its subject as a modifier:
    "given that Google competes with OpenAI" parsed as "[Google competes] with ..."."""
    return (
        tok.tag_ == "NNS"
        and tok.lower_ in _verb_only_forms()
        and any(c.dep_ == "compound" and c.i == tok.i - 1 for c in tok.children)
    )


def coordinated_verb(tok: Token) -> bool:
    """A verb-only form the parser coordinated with a noun ("B, which supplies the modems
    in C's phones and competes with D"; lexicons/verb_only_forms.txt)."""
    return tok.dep_ == "conj" and tok.tag_ == "NNS" and tok.lower_ in _verb_only_forms()


def misparsed_gerund(tok: Token) -> Token | None:
    """The verb a gerund the parser took for a modifier belongs to: "began shipping units
    to B" parsed as "began [shipping units] to B" gives "began"
    (lexicons/gerund_verbs.txt)."""
    noun = tok.head
    if tok.tag_ != "VBG" or tok.dep_ not in ("compound", "amod") or noun.i != tok.i + 1:
        return None
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in _gerund_verbs():
        return None
    return verb


@cache
def _gerund_verbs() -> frozenset[str]:
    return data.read_words("lexicons", "gerund_verbs.txt")


@cache
def _verb_only_forms() -> frozenset[str]:
    return data.read_words("lexicons", "verb_only_forms.txt")


@cache
def _company_heads() -> frozenset[str]:
    """Description heads that name a company ("chain", "group", "carrier")."""
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["singular"])


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


def predicate_passive(tok: Token) -> bool:
    """A participle the parser made a predicate adjective: "is part-owned by A"."""
    return (
        tok.dep_ == "acomp" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
    )


def participles(noun: Token) -> list[Token]:
    """Past participles modifying a noun ("a lawsuit filed by B", "a suit brought against")."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def is_passive(tok: Token) -> bool:
    """Whether a verb is in the passive voice."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def zero_relative(verb: Token) -> bool:
    """A relative clause with no relative pronoun, whose object is its antecedent ("B, the
    operator it has backed since 2019")."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    # ("the provider that A dropped": the parser may take "that" for a mark, not the object)
    return not any(
        c.dep_ in ("dobj", "nsubjpass") or (c.lower_ in RELATIVE and c.dep_ != "mark")
        for c in verb.children
    )


def relative_head(rel: Token) -> Token:
    """What a relative clause is about: "B, a Swedish developer that buys ..." is B."""
    head = rel.head
    # "B, its closest rival in server processors, which relies on ...": after a comma the
    # clause is about the appositive, not the noun of its last phrase
    after_comma = rel.left_edge.i > 0 and rel.doc[rel.left_edge.i - 1].text == ","
    while (
        head.dep_ == "pobj"
        and head.pos_ != "PROPN"  # "the backing of Fairmount Equity, which invested": Fairmount
        and (head.head.lower_ == "of" or (after_comma and head.head.head.dep_ == "appos"))
        and head.head.head.i != head.i
    ):
        head = head.head.head  # "B, a group of 300 farmers, which signed": up to "group"
    if head.dep_ == "appos":
        return head.head
    return _name_before_comma(head) or head


def _name_before_comma(noun: Token) -> Token | None:
    """ "orders to B, the developer that A has funded": an apposition the parser hung
    elsewhere, found by its place (a determined noun right after a name and a comma)."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" for c in noun.children):
        return None
    name = word_before_comma(noun)
    return name if name is not None and name.pos_ == "PROPN" and name.head.i != noun.i else None


def _label(tok: Token) -> bool:
    """An interview's speaker label ("A: Orla renewed ..."), which the parser may take
    for the subject."""
    return tok.text in ("A", "Q") and tok.i + 1 < len(tok.doc) and tok.nbor().text == ":"


@cache
def intentions() -> frozenset[str]:
    """Nouns whose "in/of/for doing" clause their owner does (descriptors.toml)."""
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["intentions"]["nouns"])


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through coordinated and embedded verbs."""
    tok = verb
    for _ in range(5):
        subj = next((c for c in tok.children if c.dep_ in _SUBJ and not _label(c)), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
                return relative_head(tok)
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
            return relative_head(tok)
        if tok.dep_ not in (*_CLIMB, "relcl") or tok.head.i == tok.i:
            return None
        via_acl = tok.dep_ in ("acl", "relcl")  # "signed a deal to buy chips from B"
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head  # "A is open to selling its stake": through "to" up to "open"
            # "A denied any interest in buying B": the intention noun is A's, like a verb
            via_acl = via_acl or tok.head.lemma_.lower() in intentions()
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT":
            return tok  # headline: "Plimco to buy Brinemoor"
        while via_acl and tok.pos_ in ("NOUN", "PROPN", "ADP") and tok.head.i != tok.i:
            tok = tok.head  # "A reached an agreement to end the case": A ends it
            # "A was in talks to buy cells from B": through "in" up to "was"
    return None


# "invested in B alongside C", "together with C": a second actor of the same deed
ALONGSIDE = ("alongside",)


def co_actors(tok: Token, by_token: ByToken) -> list[OrgMention]:
    """Organizations the trigger says act with its subject: "alongside C", "together
    with C", "along with C"."""
    out = [m for p in prep_objects(tok, ALONGSIDE) for m in orgs_at(p, by_token)]
    for adv in (c for c in tok.children if c.lower_ in ("together", "along")):
        out += [m for p in prep_objects(adv, ("with",)) for m in orgs_at(p, by_token)]
    return out


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
        elif c.dep_ == "advmod" and c.lower_ in _HOSTING_ADVERBS:
            # "hauls containers inland for B", "makes it exclusively for B": the
            # preposition hangs on the adverb
            out += prep_objects(c, words)
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


# adverbs the parser hangs the next preposition on
_HOSTING_ADVERBS = frozenset(
    {"inland", "abroad", "overseas", "locally", "domestically", "exclusively", "directly"}
    | {"mainly", "mostly", "primarily", "largely", "only", "solely", "chiefly", "partly"}
)
# particles the parser may take for prepositions, with the real preposition below them
_PARTICLES = ("out", "away", "back", "off")


def object_of(tok: Token) -> Token | None:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "attr")), None)
    if obj is not None and obj.lower_ in RELATIVE and tok.dep_ == "relcl":
        return relative_head(tok)  # "B, the developer that A has funded": B
    # "the startup (that) it helped fund": the object of the clause's second verb
    relative_object = (obj is not None and obj.lower_ in RELATIVE) or (
        obj is None and zero_relative(tok.head)
    )
    if tok.dep_ == "xcomp" and tok.head.dep_ == "relcl" and relative_object:
        return relative_head(tok.head)
    if obj is None and zero_relative(tok):
        # "the startup it has backed": object relative without "that"; through an
        # apposition ("B, the operator it has backed") to the name
        return relative_head(tok)
    return obj


def double_object(verb: Token) -> bool:
    """ "sold B every cell", "will license B the rights": a recipient before the thing
    given, which the parser labels "dative" or as a second object."""
    nominal = ("NOUN", "PROPN", "PRON")
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in nominal]
    dative = any(c.dep_ == "dative" and c.pos_ in nominal for c in verb.children)
    return len(objs) >= 2 or (dative and bool(objs))


def possessors(tok: Token | None, by_token: ByToken) -> list[OrgMention]:
    """Owner of a thing: "B's chips", "its chips", "B chips", "Azure services" (B's product)."""
    if tok is None:
        return []
    if tok.lower_ in PARTITIVE or tok.like_num:  # "most of B's output", "half of its chips"
        inner = next((p for p in prep_objects(tok, ("of",))), None)
        if inner is not None:
            return possessors(inner, by_token)
    return [
        m
        for c in tok.children
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < tok.i)
        for m in orgs_at(_whose_antecedent(c), by_token)
    ]


def is_relative(clause: Token) -> bool:
    """A relative clause on a noun ("the complaint B filed", "complaints that A filed")."""
    if clause.dep_ == "acl" and not any(c.dep_ == "nsubj" for c in clause.children):
        return False  # "a contract to buy chips": an infinitive, not a relative clause
    return clause.dep_ in ("relcl", "acl") and not that_clause(clause)


def that_clause(verb: Token) -> bool:
    """ "a complaint that B copied designs" (content), not "complaints that A filed" (a
    relative clause the parser marks the same way: its verb takes the noun as object)."""
    if verb.lemma_.lower() in light_verbs():
        return False
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in verb.children)


def _whose_antecedent(tok: Token) -> Token:
    """ "B, whose largest investor is A": "whose" stands for B, also through an
    apposition ("B, a Montreal startup whose software is used by C")."""
    if tok.lower_ != "whose":
        return tok
    for up in tok.ancestors:
        if up.dep_ == "relcl":
            return relative_head(up)
    # the parser may hang the clause elsewhere ("For B, whose largest shareholder is A,
    # the deal ..."): the name right before the comma
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "," and tok.doc[tok.i - 2].pos_ == "PROPN":
        return tok.doc[tok.i - 2]
    return tok


PARTITIVE = {
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
    "majority",
    "third",
    "thirds",
    "quarter",
    "quarters",
    "fifth",
    "fifths",
    "%",
    "percent",
}


# Nouns naming an agreement between two parties ("signed a contract with B")
DEAL_NOUNS = frozenset({"contract", "agreement", "deal", "pact", "arrangement", "transaction"})
DEALS = ("takeover", "acquisition", "purchase", "merger", "deal", "buyout", "combination")


@cache
def people_words() -> dict[str, list[str]]:
    return dict(data.read_toml("lexicons", "descriptors.toml")["people"])


@cache
def light_verbs() -> frozenset[str]:
    return data.read_words("lexicons", "light_verbs.txt")


def between(trigger: Token, by_token: ByToken) -> list[OrgMention]:
    """Parties of "the X between A and B" / "among"."""
    return [m for o in prep_objects(trigger, ("between", "among")) for m in orgs_at(o, by_token)]


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
        if node.pos_ in ("VERB", "AUX") or coordinated_verb(node):
            return False
        node = node.head
    return node.i == top.i


def in_subtree(trigger: Token, by_token: ByToken, banned: set[int]) -> list[OrgMention]:
    """Organizations inside the trigger's own noun and prepositional phrases, after it.

    "reiterated the strength of their partnership" reaches "their"; a clause
    further down ("opened a line in Dayton") is another event and is not searched, nor
    is a name's apposition ("with Rollo, Zorvex's largest rival": Zorvex describes Rollo).
    """
    return [
        by_token[t.i]
        for t in trigger.subtree
        if t.i > trigger.i
        and t.i in by_token
        and t.i not in banned
        and by_token[t.i].head == t.i
        and _no_verb_between(t, trigger)
        and not _in_apposition_of_name(t, trigger, by_token)
    ]


def _in_apposition_of_name(tok: Token, top: Token, by_token: ByToken) -> bool:
    node = tok
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ == "appos" and node.head.i in by_token and node.i not in by_token:
            return True
        node = node.head
    return False


def definite(tok: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their")
        for c in tok.children
    )
