"""Rule-based coreference for organizations: descriptions ("the startup") and pronouns.

Why rules: the coreference libraries on PyPI fetch models at run time. These
rules use the parse: an apposition ("OpenAI, the startup behind ChatGPT")
teaches the article that "the startup" is OpenAI; a description otherwise
takes the most recent organization whose kind fits; "it"/"its" take the most
recent salient organization (subjects first) that is not the phrase's own
head; "they", "their", "the two companies" take the two most recent ones;
"he", "she", "his", "her" take the most recent person, and stand for that person's
organization when the person is an officer of one ("Bell said ... He called Lumen").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from tieline import data
from tieline.resolve.funded import funded_orgs
from tieline.resolve.gazetteer import AUTHORITY_KINDS, Gazetteer
from tieline.resolve.interview import Interview
from tieline.resolve.mentions import OrgMention, head_word
from tieline.resolve.places import by_place, learn_places, place_of
from tieline.resolve.pronouns import PERSON_PRONOUNS, PLURAL_PRONOUNS, SINGULAR_PRONOUNS, WE
from tieline.resolve.spans import word_before_comma

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_WINDOW_SENTS = 3  # how far back a pronoun or description may reach
_WINDOW_TOKENS = 400  # and at most this many tokens back (run-on "sentences" of garbage)


@cache
def _descriptors() -> dict[str, Any]:
    return data.read_toml("lexicons", "descriptors.toml")


@dataclass(slots=True)
class _Seen:
    org: str
    sent: int
    token: int
    subject: bool


_VENUE = frozenset({"in", "before", "at"})


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in _SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in _SUBJECT_DEPS)


Hints = dict[str, list[tuple[int, str]]]


def _learn_hints(doc: Doc, named: list[OrgMention], gaz: Gazetteer) -> Hints:
    """Description heads the article itself attaches to an organization, with where.

    "OpenAI, the startup behind ChatGPT" (the description right after a name and a
    comma), "battery startup Solenne Cells" and "OpenAI is a startup". Read off word
    order, not the parse: the small model often hangs such appositions on the wrong noun.
    """
    singular = _descriptors()["singular"]
    hints: Hints = {}
    ending = {m.end: m for m in named if len(m.orgs) == 1}
    # "battery startup Solenne Cells": the description right before the name
    starting = {m.start: m for m in named if len(m.orgs) == 1 and m.method != "person"}
    for tok in doc:
        if tok.pos_ != "NOUN":
            continue  # (per token: the cheap test first)
        lemma = head_word(tok)
        if lemma not in singular:
            continue
        left = tok.left_edge.i
        m = ending.get(left - 1) if left > 0 and doc[left - 1].text == "," else None
        if m is None and not _relative_kind(tok):
            m = starting.get(tok.i + 1)
        if m is None and tok.dep_ == "attr" and tok.head.lemma_ == "be":
            subj = next((c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS), None)
            m = next((x for x in named if subj is not None and x.head == subj.i), None)
        if m is None:
            continue
        kinds = singular[lemma]
        if "any" in kinds or (gaz.kind(m.org) or "company") in kinds:
            hints.setdefault(lemma, []).append((tok.i, m.org))
    return hints


_STAKES = frozenset({"stake", "holding", "shareholding"})


def _kind_words(tok: Token) -> frozenset[str]:
    """The common nouns that say what kind of maker or firm a description means ("battery"
    in "the battery maker"; not "Detroit" or "largest")."""
    return frozenset(
        c.lemma_.lower()
        for c in tok.children
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "NOUN" and c.is_lower
    )


def _other_kind(tok: Token, taught: Token) -> bool:
    """ "Halden Motors, the electric-vehicle maker" taught "maker"; "the battery maker"
    is another kind of maker."""
    mine, theirs = _kind_words(tok), _kind_words(taught)
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _appositive_owner(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """The organization a phrase stands in apposition to (to keep "its" off it).

    "Microsoft, its largest investor": the pronoun's noun phrase is an
    appositive of Microsoft, so "its" cannot be Microsoft.
    """
    np = tok.head if tok.dep_ == "poss" else tok
    for node in (np, np.head if np.dep_ == "conj" else None):
        if node is not None and node.dep_ == "appos" and node.head.i in by_token:
            # "A and B, its largest investor": the parser may hang the phrase on A; the
            # name just before the comma, coordinated with A, is the one it describes
            left = node.left_edge.i
            near = by_token.get(left - 2) if left >= 2 and node.doc[left - 1].text == "," else None
            conj = near is not None and node.doc[near.head].head.i == node.head.i
            return near.org if conj and near is not None else by_token[node.head.i].org
    return None


def _appositive_group(tok: Token, by_token: dict[int, OrgMention]) -> set[str]:
    """ "including B and C, its two largest customers": a plural apposition describes
    every name of the coordination, so "its" is none of them."""
    np = tok.head if tok.dep_ == "poss" else tok
    if np.dep_ != "appos" or np.tag_ != "NNS":
        return set()
    anchor = np.head
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    return {
        m.org for t in (anchor, *anchor.conjuncts) if (m := by_token.get(t.i)) and len(m.orgs) == 1
    }


class _History:
    """Organizations mentioned so far, most recent last."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.items: list[_Seen] = []
        self.gaz = gaz
        self.kinds: dict[str, str] = {}
        self.funded: frozenset[str] = frozenset()  # companies shown receiving money

    def add(self, org: str, tok: Token, sent: int) -> None:
        if self.kind(org) == "court" and tok.dep_ == "pobj" and tok.head.lower_ in _VENUE:
            return  # "sued B in the High Court, accusing it of ...": a venue is no referent
        self.items.append(_Seen(org, sent, tok.i, _is_subject(tok)))

    def kind(self, org: str) -> str:
        """The gazetteer's kind, else one read off the name ("... Capital"), else company."""
        if org not in self.kinds:
            self.kinds[org] = self.gaz.kind(org) or "company"
        return self.kinds[org]

    def recent(self, sent: int, before: int) -> list[_Seen]:
        """Mentions within the window, newest first (items are in document order, so the
        scan stops at the window's edge: linear in the window, not in the article)."""
        out = []
        for s in reversed(self.items):
            if sent - s.sent > _WINDOW_SENTS or before - s.token > _WINDOW_TOKENS:
                break
            if s.token < before and self.kind(s.org) != "outlet":
                out.append(s)
        return out

    def singular(
        self,
        sent: int,
        before: int,
        exclude: set[str],
        kinds: list[str],
        fits: tuple[frozenset[str], ...] = (),
        never: frozenset[str] = frozenset(),
    ) -> str | None:
        recent = [s for s in self.recent(sent, before) if self.kind(s.org) not in never]
        for fit in (f for f in fits if f):  # the modifier's fit first, then the head's
            # one recent organization whose name fits ("the carrier" -> "Kestrel Line")
            # wins, even over the clause-subject exclusion, which is only a preference
            # (an unknown name that fits is of the kind it fits: "Sable Ridge Partners" is
            # "the fund" though only the gazetteer's funds are known to be funds)
            named = {
                s.org
                for s in recent
                if _fits(fit, s.org)
                and (
                    "any" in kinds
                    or not kinds
                    or self.kind(s.org) in kinds
                    or s.org not in self.gaz.orgs
                )
            }
            if len(named) == 1:
                return named.pop()
            if named:  # several fit ("the biotech": two "... Bio"s): the usual order among them
                recent = [s for s in recent if s.org in named]
                break
        cands = [s for s in recent if s.org not in exclude]
        if kinds and "any" not in kinds:
            # The description's first kind wins ("the startup" -> a startup before a company);
            # one that fits no kind it can mean refers to none ("the government" is never
            # the company named last)
            wanted = [*kinds, "startup"] if "company" in kinds else kinds  # a startup is one
            cands = next(
                (fit for kind in wanted if (fit := [s for s in cands if self.kind(s.org) == kind])),
                [],
            )
        if not cands:
            return None
        same = [s for s in cands if s.sent == sent]
        last = [s for s in cands if s.sent == sent - 1]
        order = (
            [s for s in same if s.subject],
            same,
            [s for s in last if s.subject],
            last,  # "... keep Lumen's factory running. The company also ..."
            [s for s in cands if s.subject],
            cands,
        )
        return next(group for group in order if group)[0].org

    def pair(
        self, sent: int, before: int, salience: dict[str, int], exclude: str | None = None
    ) -> tuple[str, ...] | None:
        """The two organizations "they" / "the two companies" means.

        Among those mentioned in the window, the two the article names most
        often (its main pair), recency breaking ties.
        """
        order: list[str] = []
        for s in self.recent(sent, before):
            if s.org not in order and self.kind(s.org) not in AUTHORITY_KINDS and s.org != exclude:
                order.append(s.org)  # "the two seed companies" are not the court
        here = [o for o in order if any(s.org == o and s.sent == sent for s in self.items)]
        if len(here) >= 2:  # "A now delivers through B, under a deal the two companies signed"
            return tuple(here[:2])
        for s in reversed(self.items):  # the article's main organizations stay in reach
            main = salience.get(s.org, 0) >= 3 and self.gaz.kind(s.org) != "outlet"
            if s.token < before and main and s.org not in order and s.org != exclude:
                order.append(s.org)
        if len(order) < 2:
            return None
        ranked = sorted(order, key=lambda o: (-salience.get(o, 0), order.index(o)))
        return tuple(ranked[:2])


@cache
def _funded_descriptions() -> frozenset[str]:
    return frozenset(_descriptors()["funded"]["descriptions"])


def _plural_np(tok: Token) -> bool:
    """ "the two companies", "both sides", "the companies", "the pair"."""
    if tok.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
        return False  # (checked per token: the cheap test first)
    conf = _descriptors()["plural"]
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
    if "other" in dets:
        return False  # "in talks with two other carmakers": not the two named ones
    if tok.lower_ not in conf["heads"] and tok.lemma_.lower() not in conf["heads"]:
        # "the two grocers", "both drugmakers": any kind of organization, counted
        if tok.tag_ != "NNS" or not dets & {"two", "both", "the"}:
            return False
        if head_word(tok) in _descriptors()["products"]["nouns"] and "two" not in dets:
            return False  # "making some of the processors": goods, not two companies
        return head_word(tok) in _descriptors()["singular"]
    if dets & set(conf["determiners"]):
        return True
    return (tok.tag_ == "NNS" and bool(dets & {"the", "these", "those"})) or tok.lower_ == "pair"


def _definite_description(tok: Token) -> bool:
    if tok.pos_ != "NOUN" or tok.tag_ == "NNS":
        return False
    if head_word(tok) not in _descriptors()["singular"]:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _clause_subject_org(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """In object position, the organization that is the clause's subject (never the referent).

    Also for the possessor of an object: in "A praised the robot maker's
    engineers", the robot maker is not A.
    """
    if tok.dep_ == "poss" and tok.head.dep_ in ("dobj", "pobj", "dative", "oprd"):
        tok = tok.head
    elif tok.dep_ == "oprd":
        return None  # "called B the best partner": the description is B itself
    if tok.dep_ not in ("dobj", "pobj", "dative", "oprd"):
        return None
    verb, predicative = tok.head, tok.dep_ == "oprd"
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        predicative = predicative or (verb.dep_ == "prep" and verb.lower_ == "as")
        verb = verb.head  # "holds a stake in the startup": up to "holds"
    if predicative:
        # "A described B as one of the company's partners": the phrase is said of B,
        # so the company is not B (and usually is A).
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        m = by_token.get(obj.i) if obj is not None else None
        return m.org if m is not None and len(m.orgs) == 1 else None
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                subj = verb.head  # "B, which buys its chips": the relative's antecedent
            m = by_token.get(subj.i)
            return m.org if m is not None and len(m.orgs) == 1 else None
        if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"):
            # "fell after B fined it": a finite clause has a subject of its own; the small
            # model hung B on "after", right before the verb
            m = by_token.get(verb.i - 1)
            return m.org if m is not None and len(m.orgs) == 1 else None
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _coordinated(tok: Token, by_token: dict[int, OrgMention]) -> tuple[str, ...] | None:
    """The organizations last named together ("A and B") before a plural pronoun in its
    sentence, when they were the subject or the pronoun counts them ("both of them")."""
    counted = tok.head.dep_ == "prep" and tok.head.head.lower_ in ("both", "each", "all")
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        m = by_token.get(t.i)
        conj = [by_token.get(c.i) for c in t.children if c.dep_ == "conj"]
        if m is None or len(m.orgs) != 1 or not conj or t.i != m.head:
            continue
        orgs = [m.org, *(c.org for c in conj if c is not None and len(c.orgs) == 1)]
        if len(set(orgs)) >= 2 and (counted or t.dep_ in _SUBJECT_DEPS):
            return tuple(dict.fromkeys(orgs))
        return None
    return None


def _speakers(tok: Token, by_token: dict[int, OrgMention]) -> tuple[str, ...] | None:
    """ "A and B said they ...": the coordinated organizations that are the subject of the
    speech verb whose complement "they" opens."""
    if tok.dep_ not in _SUBJECT_DEPS or tok.head.dep_ != "ccomp":
        return None
    subj = next((c for c in tok.head.head.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is None or tok.head.head.lemma_.lower() not in _speech_verbs():
        return None
    orgs: list[str] = []
    for c in (subj, *subj.conjuncts):
        m = by_token.get(c.i)
        if m is None or len(m.orgs) != 1:
            return None  # "A and its bankers said they ...": not only organizations
        orgs += [o for o in m.orgs if o not in orgs]
    return tuple(orgs) if len(orgs) >= 2 else None


def _coordinated_antecedents(tok: Token, by_token: dict[int, OrgMention]) -> set[str | None]:
    """ "against B and C, which compete with it": the relative clause is about B and C,
    so "it" is neither (_clause_subject_org names only the first)."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is None or subj.lower_ not in ("which", "that", "who") or verb.dep_ != "relcl":
        return set()
    return {m.org for c in verb.head.conjuncts if (m := by_token.get(c.i)) and len(m.orgs) == 1}


def _examiner(tok: Token, by_token: dict[int, OrgMention], history: _History) -> str | None:
    """ "The SEC is examining whether it disclosed ...": an authority looking into what "it"
    did is not "it"."""
    if tok.dep_ not in _SUBJECT_DEPS or tok.head.dep_ != "ccomp":
        return None
    subj = next((c for c in tok.head.head.children if c.dep_ in _SUBJECT_DEPS), None)
    m = by_token.get(subj.i) if subj is not None else None
    if m is None or len(m.orgs) != 1 or history.kind(m.org) not in AUTHORITY_KINDS:
        return None
    return m.org


def _other_party(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """The one organization a plural object cannot include: "C sued them" (not "their")."""
    if tok.dep_ == "poss":
        return None  # "A and B renegotiated their deal": "their" is the subjects
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is not None and any(c.dep_ == "conj" for c in subj.children):
        return None  # a coordinated subject is itself a pair
    return _clause_subject_org(tok, by_token)


# parts of speech a pronoun or a description's head can have (_resolve_token)
_REFERRING = frozenset({"PRON", "NOUN", "PROPN", "NUM"})


def resolve_references(doc: Doc, named: list[OrgMention], gaz: Gazetteer) -> list[OrgMention]:
    """Mentions for descriptions and pronouns, resolved to organizations."""
    hints = _learn_hints(doc, named, gaz)
    learn_places(doc, named, gaz)
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    salience: dict[str, int] = {}
    for m in named:
        salience[m.org] = salience.get(m.org, 0) + 1
    history = _History(gaz)
    history.funded = funded_orgs(doc, named, gaz)
    out: list[OrgMention] = []
    person: tuple[int, OrgMention | None] | None = None  # (sentence, officer mention)
    announcer = _announcer(doc, named, gaz)
    interview = Interview.of(doc, named, gaz)
    officers: dict[int, OrgMention] = {}  # sentence start -> its first officer mention
    # (not "a Keltra investor": an outsider, who says "we" of its own firm)
    spokes = frozenset(_descriptors()["people"]["heads"]) - {"investor", "regulator"}
    for m in named:
        head = doc[m.head]
        # "... said Priya Danforth", '"We ...," a Keltra spokesperson said'
        voice = head.dep_ in ("compound", "poss") and head.head.lemma_.lower() in spokes
        if m.method == "person" or (voice and len(m.orgs) == 1):
            officers.setdefault(doc[m.start].sent.start, m)
    officer: OrgMention | None = None
    for sent_i, sent in enumerate(doc.sents):
        # '"We are proud ...," said Priya Danforth, chief executive of A': the speaker's
        # organization is "we", whichever side of the quote the speaker stands; a quote
        # that goes on in the next sentence ('"There is no rift," a B spokesperson said.
        # "We are proud ..."') is still the speaker's
        quoted_on = officer is not None and sent[0].text in ('"', "“") and sent.start > 0
        officer = officers.get(sent.start) or (officer if quoted_on else None)
        described: dict[str, str] = {}  # this sentence's descriptions: head word -> org
        for tok in sent:
            m = by_token.get(tok.i)
            if m is not None and m.method == "person":
                person = (sent_i, m)
            elif tok.ent_type_ == "PERSON" and m is None:
                # a person of no organization; not a company the model took for a person
                person = (sent_i, None)
            if m is not None:
                if tok.i == m.head:
                    history.add(m.org, tok, sent_i)
                continue
            ref = interview.pronoun(tok, sent_i, history) if interview is not None else None
            if ref is not None:  # "A: We walked away from B", "Q: Why did you drop B?"
                out.append(ref)
                by_token[tok.i] = ref
                continue
            if tok.pos_ == "PRON" and tok.lower_ in WE:
                ref = _we(tok, officer, _officer(tok, sent_i, person), announcer)
                if ref is not None:
                    out.append(ref)
                    by_token[tok.i] = ref
                continue
            if tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS:
                ref = _officer(tok, sent_i, person)
                if ref is not None:
                    out.append(ref)
                    by_token[tok.i] = ref
                continue
            if tok.pos_ not in _REFERRING:
                continue  # verbs, function words, adjectives: never a reference
            ref = _resolve_token(tok, sent_i, history, hints, by_token, salience, described)
            if ref is not None:
                out.append(ref)
                by_token[tok.i] = ref
                if len(ref.orgs) == 1:
                    history.add(ref.org, tok, sent_i)
                one = len(ref.orgs) == 1
                if ref.method == "descriptor" and one and not _renames(tok, by_token):
                    described.setdefault(head_word(tok), ref.org)
                    # "the largest backer of the Austin chip designer": later articles'
                    # "the Austin company" is the same one
                    place = place_of(tok)
                    if place is not None:
                        gaz.learned_places.setdefault(ref.org, set()).add(place)
                if ref.method == "descriptor" and one and _taught_by_name(tok, ref.org):
                    # "the terminal operator" (Castellan Port) is "the operator" of later
                    # paragraphs, even where "operator" alone would fit a shipping line
                    hints.setdefault(head_word(tok), []).append((tok.i, ref.org))
    return out


def _announcer(doc: Doc, named: list[OrgMention], gaz: Gazetteer) -> str | None:
    """Who speaks as "we" outside quotes: in a press release ("A today announced ..."),
    the announcing organization; in any other article, nobody."""
    head = doc.text[:1500].lower()
    if not any(marker in head for marker in _descriptors()["press_release"]["markers"]):
        return None
    issuers = [m for m in named if len(m.orgs) == 1 and gaz.kind(m.org) != "outlet"]
    for m in issuers:  # "A today announced": the subject of the announcement
        tok = doc[m.head]
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _speech_verbs():
            return m.org
    return issuers[0].org if issuers else None


def _we(
    tok: Token, officer: OrgMention | None, recent: OrgMention | None, announcer: str | None
) -> OrgMention | None:
    """ "we", "our": the organization of the officer quoted, else the press release's issuer."""
    speaker = officer or recent
    if speaker is not None:
        return OrgMention(speaker.orgs, tok.i, tok.i + 1, tok.i, "pronoun", speaker.actor)
    if announcer is not None:
        return OrgMention((announcer,), tok.i, tok.i + 1, tok.i, "pronoun")
    return None


def _officer(
    tok: Token, sent_i: int, person: tuple[int, OrgMention | None] | None
) -> OrgMention | None:
    """ "He" after "Tessaro CEO Marcus Bell": Tessaro, with Bell as the actor."""
    if person is None or person[1] is None or sent_i - person[0] > 1:
        return None  # the last person named is nobody's officer, or too far back
    officer = person[1]
    return OrgMention(officer.orgs, tok.i, tok.i + 1, tok.i, "pronoun", officer.actor)


def _as_object(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """The object a description in "V B as the X" predicates on."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "as":
        return None
    obj = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None)
    m = by_token.get(obj.i) if obj is not None else None
    return m.org if m is not None and len(m.orgs) == 1 else None


_GENERIC_HEADS = frozenset({"company", "firm", "group", "business", "concern", "maker"})


def _own_words(tok: Token) -> frozenset[str]:
    """A description's head and modifier lemmas ("the container carrier")."""
    mods = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")]
    return frozenset([tok.lemma_.lower(), *mods])


def _relative_kind(tok: Token) -> bool:
    """ "rival operator B", "existing investors B and C": a description relative to
    another company (a role, or a rival's kind), which teaches nothing about "the
    operator" or "the investor" later."""
    ctx = _descriptors()["owned_context"]
    return head_word(tok) in ctx["roles"] or any(
        c.lemma_.lower() in ctx["role_modifiers"] for c in tok.children
    )


def _taught_by_name(tok: Token, org: str) -> bool:
    """A description whose kind words fit the name it resolved to ("the terminal
    operator" and Castellan Port): sure enough to teach its bare head."""
    kinds = _own_words(tok) - {tok.lemma_.lower()}  # (a tagger's JJ "terminal" too)
    table = _descriptors()["name_fit"]
    return bool(kinds) and _fits(frozenset(w for k in kinds for w in table.get(k, ())), org)


def _fits(fit: frozenset[str], org: str) -> bool:
    """A name word is, starts or ends with, a fitting word: "Nyssa Biotherapeutics" is a
    biotech ("therapeutics"), "Halvane Cloud" and "Kestrel Cloudworks" cloud companies."""
    return any(
        w in fit
        or w.rstrip("s") in fit
        or any(w.endswith(f) or w.startswith(f) for f in fit if len(f) >= 5)
        for w in org.casefold().split()
    )


def _name_fit(tok: Token) -> tuple[frozenset[str], frozenset[str]]:
    """Name words that fit a description's modifiers, then its head ("the container
    carrier"). The modifier is the more specific: "the satellite operator" is Skyloom
    Satellites before Corvantis Telecom, which only fits "operator"."""
    table = _descriptors()["name_fit"]
    head = tok.lemma_.lower()
    mods = _own_words(tok) - {head}
    # the words themselves too: "the satellite operator" fits "Skyloom Satellites"
    common = {t.lemma_.lower() for t in (tok, *tok.children) if t.is_lower and t.i <= tok.i}

    def fitting(words: frozenset[str]) -> frozenset[str]:
        plain = {w for w in words & common if len(w) >= 5 and w not in _GENERIC_HEADS}
        return frozenset({w for word in words for w in table.get(word, ())} | plain)

    # a short noun before the head fits a name word it equals: "the oil company" is
    # Castellan Oil (adjectives stay out: "the new company" is not "New Horizons")
    nouns = {
        c.lemma_.lower()
        for c in tok.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < tok.i and len(c.lemma_) >= 3
    }
    return fitting(mods) | frozenset(nouns), fitting(frozenset({head}))


def _antecedent_org(relcl: Token, by_token: dict[int, OrgMention]) -> str | None:
    """The one organization a relative clause hangs on: "B, which ...", and through an
    apposition, "B, Z's larger rival, whose ..."."""
    antecedent = relcl.head.head if relcl.head.dep_ == "appos" else relcl.head
    m = by_token.get(antecedent.i)
    return m.org if m is not None and len(m.orgs) == 1 else None


def _reporting_verb(tok: Token) -> Token | None:
    """The verb whose reported clause "it" is the subject of, through coordinated clauses
    ("said that B had missed ... and that it was weighing ...")."""
    if tok.lower_ != "it" or tok.dep_ not in _SUBJECT_DEPS:
        return None
    clause = tok.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    said = clause.head
    if said.dep_ == "advmod" and said.pos_ == "ADV":
        said = said.head  # "said hours later that it had ...": hung on "later"
    return said


def _relative_reporter(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "B, which had warned that it might stop buying": "it" is B, the relative's antecedent."""
    said = _reporting_verb(tok)
    if said is None:
        return None
    subj = next((c for c in said.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is None or subj.lower_ not in ("which", "that") or said.dep_ != "relcl":
        return None
    return _antecedent_org(said, by_token)


_BUYING = frozenset({"buy", "purchase", "source", "order", "lease", "rent", "procure"})


def _whose_owner(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "B, whose relationship with its biggest partner has soured": "its" in the phrase
    "whose" owns is the relative's antecedent."""
    if tok.lower_ != "its":
        return None
    for noun in list(tok.ancestors)[:4]:
        if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children):
            continue
        verb = noun.head
        return _antecedent_org(verb, by_token) if verb.dep_ == "relcl" else None
    return None


def _reflexive_possessor(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "B, which renewed its own deal with C", "B said it would file its own suit": "its
    own" is the clause subject's (through a relative pronoun to its antecedent), and so
    is a deal a relative clause's subject makes. Not "its own-brand bedding", the
    retailer's private label."""
    if tok.lower_ != "its":
        return None
    own = next((c for c in tok.head.children if c.lower_ == "own" and c.i > tok.i), None)
    reflexive = own is not None and own.nbor(1).text != "-"
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None) if verb else None
    relative = subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl"
    # "B, which completed its takeover of C": a deal is its maker's (not "B, which
    # supplies most of its cells": the cells are the customer's)
    made = relative and tok.head.dep_ == "dobj" and tok.head.lemma_.lower() in _deal_nouns()
    # "the automaker, which still buys some of its cells from B": a buyer buys its own
    bought = relative and verb is not None and verb.lemma_.lower() in _BUYING
    # "B, A's largest investor, which is exploring a sale of its stake": the holder's
    held = relative and tok.head.lemma_.lower() in _STAKES
    if not (reflexive or made or bought or held):
        return None
    if relative:
        return _antecedent_org(verb, by_token)
    m = by_token.get(subj.i) if subj is not None else None
    return m.org if m is not None and len(m.orgs) == 1 else None


def _speaker_itself(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "after B said it had agreed to ...": "it", subject of what B says, is B."""
    said = _reporting_verb(tok)
    if said is None:
        return None
    if said.lemma_.lower() not in _speech_verbs():
        return None
    subj = next((c for c in said.children if c.dep_ in _SUBJECT_DEPS), None)
    # "gained after B said it had agreed ...": the small model hangs B on "after" and
    # leaves "said" without a subject; the name just before the verb is the speaker
    at = subj.i if subj is not None else said.i - 1
    m = by_token.get(at)
    return m.org if m is not None and len(m.orgs) == 1 else None


@cache
def _making_verbs() -> frozenset[str]:
    """Verbs of making or serving goods for someone (made_by.toml)."""
    return frozenset(data.read_toml("lexicons", "made_by.toml")["verbs"])


def _serving_relative(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "Tessaro, which manufactures its chips": what a relative clause's subject does to
    "its" things it does for someone else (its own deals and purchases are read first,
    by _reflexive_possessor), so "its" is not the antecedent."""
    verb = tok.head.head
    if tok.dep_ != "poss" or tok.head.dep_ != "dobj" or verb.dep_ != "relcl":
        return None
    if verb.lemma_.lower() not in _making_verbs():
        return None  # "Hopwell, which accuses its larger rival", "which took its first jet"
    subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is None or subj.lower_ not in ("which", "that"):
        return None
    return _antecedent_org(verb, by_token)


def _predicated_of(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "A counts B as its biggest customer", "A dropped B as its supplier": the "as"
    phrase is said of B, so "its" in it is not B."""
    noun = tok.head
    if tok.dep_ != "poss" or noun.dep_ != "pobj" or noun.head.lower_ != "as":
        return None
    host = noun.head.head  # the verb, or the object itself when "as" hangs on it
    obj = host if host.dep_ == "dobj" else _object(host)
    m = by_token.get(obj.i) if obj is not None else None
    return m.org if m is not None and len(m.orgs) == 1 else None


def _judged_thing(tok: Token) -> bool:
    """ "its" owning the object of praise or blame ("praised its safety improvements")."""
    verb = tok.head.head
    judging = _descriptors()["owned_context"]["judging"]
    return tok.head.dep_ == "dobj" and verb.lemma_.lower() in judging


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _role_of_subject(tok: Token) -> bool:
    """ "its" on a relation noun that a copula predicates of the subject ("B remained its
    partner", "B is its largest supplier"); not "A accused its rival", A's own rival."""
    roles = _descriptors()["owned_context"]["relations"]
    return tok.head.lemma_.lower() in roles and _copula_of(tok.head) is not None


_COPULAS = frozenset({"be", "remain", "become", "stay"})


def _copula_of(noun: Token) -> Token | None:
    """The copula a role noun is predicated by, through coordination ("is both B's
    largest shareholder and by far its largest customer")."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    head = noun.head
    if head.lemma_.lower() not in _COPULAS:
        return None
    return head if noun.dep_ in ("attr", "dobj", "oprd", "conj") else None


@cache
def _deal_nouns() -> frozenset[str]:
    return frozenset(_descriptors()["owned_context"]["deals"])


def _continues_a_thing(tok: Token, by_token: dict[int, OrgMention]) -> bool:
    """ "The contract is a coup for B. It also gives A an edge": a sentence-opening "It"
    carries on the previous sentence's subject, here a thing (topic_things)."""
    things = _descriptors()["topic_things"]
    if tok.i != tok.sent.start or tok.dep_ not in _SUBJECT_DEPS or tok.i == 0:
        return False
    if tok.head.lemma_.lower() not in things["verbs"]:
        return False
    before = tok.doc[tok.i - 1].sent
    subject = next((c for c in before.root.children if c.dep_ in _SUBJECT_DEPS), None)
    return (
        subject is not None
        and subject.i not in by_token
        and subject.tag_ == "NN"
        and subject.lemma_.lower() in things["nouns"]
    )


def _reported_actor(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """ "A has cancelled its order from B, the satellite operator said": a description that
    says, after the clause it reports, is that clause's subject (if one organization)."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.lemma_.lower() not in _speech_verbs():
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < tok.i), None)
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause else None
    m = by_token.get(subj.i) if subj is not None else None
    return m.org if m is not None and len(m.orgs) == 1 else None


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "modality.toml")["attribution"]["speech_verbs"])


def _people_owner(people: Token, by_token: dict[int, OrgMention]) -> str | None:
    if people.lemma_.lower() in _descriptors()["people"]["outsiders"]:
        return None
    for c in people.children:
        owner = by_token.get(c.i) if c.dep_ in ("poss", "compound") else None
        if c.dep_ == "prep" and c.lower_ in ("at", "of", "for"):
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            owner = by_token.get(obj.i) if obj is not None else None
        if owner is not None and len(owner.orgs) == 1:
            return owner.org
    return None


def _people_before(tok: Token, by_token: dict[int, OrgMention]) -> Token | None:
    """The last subject before a plural pronoun, in its sentence or the one before, when it
    is a plural noun for people ("founders", "analysts") rather than organizations."""
    doc = tok.doc
    start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
    subjects = [
        t for t in doc[start : tok.i] if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
    ]
    if not subjects:
        return None
    last = subjects[-1]
    people = set(_descriptors()["people"]["plural"])
    plural_people = last.tag_ == "NNS" and last.lemma_.lower() in people
    return last if plural_people and last.i not in by_token else None


def _renames(tok: Token, by_token: dict[int, OrgMention]) -> bool:
    """An appositive description ("B, the buy-now-pay-later startup"), by its dependency or,
    where the small model lost it, by its place right after a name and a comma."""
    before = word_before_comma(tok)
    return tok.dep_ == "appos" or (before is not None and before.i in by_token)


def _misplaced_apposition(tok: Token, by_token: dict[int, OrgMention]) -> OrgMention | None:
    """The one named organization right before ", the description" when the parser did
    not make the description its apposition (nor the subject of a reporting verb: "B,
    the company said"), nor the owner in "B, the startup's largest investor")."""
    before = word_before_comma(tok)
    if tok.dep_ in ("appos", "nsubj", "nsubjpass", "poss") or before is None:
        return None
    named = by_token.get(before.i)
    return named if _named_org(named) and len(named.orgs) == 1 else None


def _named_org(m: OrgMention | None) -> bool:
    """A mention by name (not a word only the context made a name: "the Austin company")."""
    return m is not None and m.method in ("gazetteer", "ner", "short", "product")


def _described_otherwise(lemma: str, described: dict[str, str]) -> set[str]:
    """Organizations this sentence already gave a different specific description."""
    singular = _descriptors()["singular"]
    return {
        org
        for other, org in described.items()
        if other != lemma and "any" not in singular.get(other, ["any"])
    }


def _called(tok: Token, by_token: dict[int, OrgMention]) -> str | None:
    """The organization a noun is named in apposition: "the venture, called B"."""
    if tok.pos_ != "NOUN":
        return None
    for acl in tok.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in ("call", "name"):
            name = next((c for c in acl.children if c.dep_ == "oprd"), None)
            m = by_token.get(name.i) if name is not None else None
            if m is not None and len(m.orgs) == 1:
                return m.org
    return None


def _resolve_token(
    tok: Token,
    sent_i: int,
    history: _History,
    hints: Hints,
    by_token: dict[int, OrgMention],
    salience: dict[str, int],
    described: dict[str, str],
) -> OrgMention | None:
    low = tok.lower_
    named = _called(tok, by_token)
    if named is not None:
        # "The venture, to be called Pickwell, will be 60% owned by A": the name it is given
        return OrgMention((named,), tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
    if tok.pos_ == "PRON" and low in SINGULAR_PRONOUNS:
        reporter = (
            _relative_reporter(tok, by_token)
            or _speaker_itself(tok, by_token)
            or _reflexive_possessor(tok, by_token)
            or _whose_owner(tok, by_token)
        )
        if reporter is not None:
            return OrgMention((reporter,), tok.i, tok.i + 1, tok.i, "pronoun")
        if low == "it" and _continues_a_thing(tok, by_token):
            return None
        exclude = {_appositive_owner(tok, by_token), *_appositive_group(tok, by_token)}
        if low == "it":
            exclude.add(_clause_subject_org(tok, by_token))
            exclude |= _coordinated_antecedents(tok, by_token)
            exclude.add(_examiner(tok, by_token, history))
        if low == "its":
            exclude.add(_predicated_of(tok, by_token))
            exclude.add(_serving_relative(tok, by_token))
            if _judged_thing(tok):
                exclude.add(_clause_subject_org(tok, by_token))  # "A praised its X"
        if low == "its" and _role_of_subject(tok):
            # "B remained its essential partner": no one is its own partner
            verb = _copula_of(tok.head) or tok.head.head
            subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            while subj is None and verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head  # "which owns 12% of C and is its only customer"
                subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
                # "B, the phone maker that is its biggest customer": B is the subject
                exclude.add(_antecedent_org(verb, by_token))
            m = by_token.get(subj.i) if subj is not None else None
            exclude.add(m.org if m is not None and len(m.orgs) == 1 else None)
        # "the FTC sued B to block its takeover of C": a regulator makes no takeovers, and
        # has no investor or customers ("filed a complaint with the FCC, accusing its
        # biggest investor")
        roles = _descriptors()["owned_context"]["relations"]
        owned = tok.head.lemma_.lower()
        if low == "its" and (owned in _deal_nouns() or owned in roles):
            exclude |= {
                s.org
                for s in history.recent(sent_i, tok.i)
                if history.kind(s.org) in AUTHORITY_KINDS
            }
        if low == "its" and owned in _STAKES:
            # "the agency asked B about its stake in C": watchdogs hold no stakes (states do)
            exclude |= {
                s.org
                for s in history.recent(sent_i, tok.i)
                if history.kind(s.org) in AUTHORITY_KINDS - {"government"}
            }
        org = history.singular(sent_i, tok.i, {e for e in exclude if e}, [])
        return OrgMention((org,), tok.i, tok.i + 1, tok.i, "pronoun") if org else None
    people = _people_before(tok, by_token) if low in PLURAL_PRONOUNS else None
    if tok.pos_ == "PRON" and people is not None:
        # "Medrin's founders remain upbeat. They point to ...": the founders, who speak for
        # their company when it is named ("Medrin's", "at Medrin"), else for no one
        owner = _people_owner(people, by_token)
        return OrgMention((owner,), tok.i, tok.i + 1, tok.i, "pronoun") if owner else None
    if tok.pos_ == "PRON" and low in PLURAL_PRONOUNS and (group := _speakers(tok, by_token)):
        # "A, B and C said they had formed a venture": all three, not the main pair
        return OrgMention(group, tok.i, tok.i + 1, tok.i, "plural")
    if tok.pos_ == "PRON" and low in PLURAL_PRONOUNS and (group := _coordinated(tok, by_token)):
        # "A and B have funded C, and both of them want a return": the pair named together
        return OrgMention(group, tok.i, tok.i + 1, tok.i, "plural")
    if tok.pos_ == "PRON" and low in PLURAL_PRONOUNS:
        pair = history.pair(sent_i, tok.i, salience, _other_party(tok, by_token))
        return OrgMention(pair, tok.i, tok.i + 1, tok.i, "plural") if pair else None
    if _plural_np(tok):
        # "C, which competes with both companies": the two are not C
        pair = history.pair(sent_i, tok.left_edge.i, salience, _other_party(tok, by_token))
        return OrgMention(pair, tok.left_edge.i, tok.i + 1, tok.i, "plural") if pair else None
    if any(_named_org(by_token.get(c.i)) for c in tok.children if c.dep_ == "compound"):
        return None  # "the Harrowgate business": a named company's account, not a company
    in_apposition = tok.dep_ == "appos" or (tok.dep_ == "conj" and tok.head.dep_ == "appos")
    named = _as_object(tok, by_token)
    if _definite_description(tok) and named is not None:
        # "dropped B as the supplier of its milk": the supplier is B
        return OrgMention((named,), tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
    nxt = by_token.get(tok.i + 1)
    if _definite_description(tok) and nxt is not None and len(nxt.orgs) == 1:
        # "the private equity firm Crestline Partners": the description names it
        return OrgMention(nxt.orgs, tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
    teller = _reported_actor(tok, by_token) if _definite_description(tok) else None
    if teller is not None and not in_apposition:
        # "A has cancelled its order from B, the satellite operator said": A tells it
        return OrgMention((teller,), tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
    named_before = _misplaced_apposition(tok, by_token)
    if _definite_description(tok) and named_before is not None:
        # "orders to B and to C, the AI developer that both have funded": C, whatever
        # the parser hung the description on
        return OrgMention(named_before.orgs, tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
    if _definite_description(tok) and not in_apposition:
        # "Microsoft, the startup's biggest backer": the startup is not Microsoft.
        lemma = head_word(tok)
        subject = _clause_subject_org(tok, by_token) or _appositive_owner(tok, by_token)
        # a hint ("Cinderpath, a film company") names one organization for a specific
        # description, never for "the company" or "the firm", which fit any of them
        generic = "any" in _descriptors()["singular"].get(lemma, [])
        # "the insurer's executives blame the startup's models": two specific descriptions
        # in one sentence name two organizations
        others = set() if generic else _described_otherwise(lemma, described)
        # only what the article said before: "Linden, a smaller broadcaster" in the fifth
        # paragraph does not make an earlier "the broadcaster" Linden
        learned = [
            o
            for i, o in hints.get(lemma, [])
            if o != subject and i < tok.i and not _other_kind(tok, tok.doc[i])
        ]
        learned = [] if generic else [o for o in learned if o not in others]
        seen = {s.org for s in history.items if s.token < tok.i} - {subject}
        placed = by_place(tok, seen, history.gaz, _descriptors()["singular"][lemma])
        if placed is not None:
            # "the Swiss drugmaker": the article's one company known to be Swiss
            return OrgMention((placed,), tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
        fits = _name_fit(tok)
        # a modifier the name fits outweighs what "the company" was taught to mean ("the
        # food company": Bramblecote Foods); the head's fit does not ("Swedish studio B"
        # taught "the studio" is B, whatever "Ferrow Interactive" sounds like)
        mod = fits[0]
        if learned and mod and not _fits(mod, learned[-1]) and any(_fits(mod, o) for o in seen):
            learned = []
        if learned:
            return OrgMention((learned[-1],), tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
        kinds = list(_descriptors()["singular"][lemma])
        never = frozenset(_descriptors()["never"].get(lemma, ()))
        exclude = ({subject} if subject else set()) | others
        if lemma in _funded_descriptions() and history.funded:
            # "the startup", untaught: the company the article shows being funded
            unfunded = {s.org for s in history.items} - history.funded
            org = history.singular(sent_i, tok.left_edge.i, exclude | unfunded, kinds, fits, never)
            if org is not None:
                return OrgMention((org,), tok.left_edge.i, tok.i + 1, tok.i, "descriptor")
        org = history.singular(sent_i, tok.left_edge.i, exclude, kinds, fits, never)
        return OrgMention((org,), tok.left_edge.i, tok.i + 1, tok.i, "descriptor") if org else None
    return None
