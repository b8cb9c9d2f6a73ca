"""Quoted judgement: what an organization's officer says of another organization.

'"Dunmore tried to fix its own mistakes by breaking its word," Kestrine's chief
executive said' criticizes Dunmore; 'Maraden's CEO said Quillfield had become the
backbone of its export business' supports Quillfield. The speaker's organization
is the source, each other organization named as a party in what it says is a
target, and the verdict is the polarity of the evaluative words said
(lexicons/judgement.toml): a tie only when one polarity is present and nothing
in the clause is negated. The cue rules read explicit verbs ("praised",
"accused"); this reads the words that carry the judgement without one. The
same words in what a party calls another ('A's CEO called B "the most capable
factory in the West"', "described B as reckless") are judgements too, and so is
every sentence of an interviewee's answer in a question-and-answer interview
("A: Corrin has been superb.").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from tieline import data
from tieline.extract.arguments import possessors, prep_objects
from tieline.extract.attribution import ANONYMOUS, Source
from tieline.model import Tie
from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention

_NOT_PARTIES = {"outlet", "regulator", "court", "agency", "government"}


@cache
def _lexicon() -> dict[str, frozenset[str]]:
    table = data.read_toml("lexicons", "judgement.toml")
    return {k: frozenset(v) for k, v in table.items()}


def _said(sent: Span, src: Source, speech: set[int]) -> list[Token]:
    """The tokens a speaker says: the complements of its speech verb, without what
    someone else is said to say inside them ("..., while B said it was disappointed")."""
    if src.scope is None:
        return []
    verb = sent.doc[src.scope]
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    nested = {t.i for c in comps for v in c.subtree if v.i in speech for t in v.subtree}
    return [t for c in comps for t in c.subtree if t.i not in src.tokens and t.i not in nested]


def _evaluative(words: list[Token]) -> tuple[str | None, list[Token]]:
    """The verdict of a clause and the words that carry it."""
    good = [t for t in words if _is(t, "positive") or _valued_role(t) or _most(t) or _values(t)]
    bad = [t for t in words if _is(t, "negative") or _failed_party(t)]
    if _negated(good + bad, words):
        return None, []  # "we are not disappointed" reads either way: leave it
    if bool(good) == bool(bad):
        return None, []
    return ("SUPPORT", good) if good else ("CRITICIZE", bad)


def _values(tok: Token) -> bool:
    """ "values its relationship with B", "a customer we value enormously": valuing a
    relationship is praise; a deal that "valued B at $2 billion" is not."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() != "value" or tok.tag_ == "VBN":
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None and tok.dep_ == "relcl":
        obj = tok.head  # "a customer we value"
    return obj is not None and obj.lemma_.lower() in _lexicon()["valued_things"]


def _failed_party(tok: Token) -> bool:
    """ "B had missed every deadline", "the robot maker failed its audits": a party that
    failed, not talks or a deal that did."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _lexicon()["failing_verbs"]:
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() in _lexicon()["failed_things"]:
        return False
    # "the vendor", "its contractor, B,": a known party, not "a supplier"
    definite = subj.pos_ == "NOUN" and any(
        c.lower_ == "the" or c.dep_ == "poss" for c in subj.children
    )
    return subj.pos_ == "PROPN" or definite


def _most(tok: Token) -> bool:
    """ "the most efficient chips on the market": a quality raised to the top is praise,
    unless the quality is a fault (the negative list) or what has it is a rival ("our
    most serious competitor")."""
    return (
        tok.pos_ == "ADJ"
        and not _is(tok, "negative")
        and tok.lower_ not in _lexicon()["neutral_superlatives"]
        and tok.head.lemma_.lower() not in _lexicon()["rivalry_nouns"]
        and any(c.dep_ == "advmod" and c.lower_ == "most" for c in tok.children)
    )


def _valued_role(tok: Token) -> bool:
    """ "B remains a critical partner for us": a praised role, qualified, said of B."""
    if tok.dep_ not in ("attr", "oprd") or tok.lemma_.lower() not in _lexicon()["called_roles"]:
        return False
    qualifiers = [c.lower_ for c in tok.children if c.dep_ == "amod"]
    return bool(qualifiers) and _ended().isdisjoint(qualifiers)


def _ended() -> frozenset[str]:
    """ "a former partner": no praise of what was"""
    return data.read_words("lexicons", "ended_adjectives.txt")


def _negated(judging: list[Token], words: list[Token]) -> bool:
    """A negation over an evaluative word or a word governing it; one in another clause
    ("B remains the backbone of what we build, and that is not changing") is not."""
    governing = {a.i for t in judging for a in (t, *t.ancestors)}
    return any(t.dep_ == "neg" and t.head.i in governing for t in words)


def _is(tok: Token, polarity: str) -> bool:
    return tok.lemma_.lower() in _lexicon()[polarity] or tok.lower_ in _lexicon()[polarity]


def _judged(
    word: Token, by_token: dict[int, OrgMention], speaker: str, said: set[int]
) -> str | None:
    """The organization an evaluative word is about: one in its own phrase ("proud to
    work with B"), else the nearest up its head chain, as the phrase itself, its owner
    or its clause's subject ("Castevor's tired rooms", "B was greedy")."""

    def org(t: Token) -> str | None:
        m = by_token.get(t.i)
        return m.org if m is not None and len(m.orgs) == 1 and m.org != speaker else None

    inside = [o for t in word.subtree if t is not word and (o := org(t))]
    if inside:
        return inside[0]
    for node in [word, *(a for a in word.ancestors if a.i in said)]:
        for t in [node, *node.children, *_with(node)]:
            near = t is node or t.dep_ in ("poss", "nsubj", "nsubjpass", "compound", "pobj")
            if near and (found := org(t)):
                return found
            if t.dep_ in ("nsubj", "nsubjpass"):
                # "B's science is among the most promising": the subject's owner
                owner = next((o for c in t.children if c.dep_ == "poss" and (o := org(c))), None)
                if owner:
                    return owner
    return None


def _with(node: Token) -> list[Token]:
    """ "a productive partnership with B": the party a relationship noun is with."""
    return prep_objects(node, ("with",)) if node.pos_ == "NOUN" else []


def quoted_judgements(
    sent: Span,
    sources: list[Source],
    by_token: dict[int, OrgMention],
    gaz: Gazetteer,
    evidence: tuple[str, int, int],
    extractor: str,
) -> Iterator[Tie]:
    """SUPPORT or CRITICIZE ties for what parties say about other parties in a sentence."""
    speech = {s.scope for s in sources if s.scope is not None}
    for src in sources:
        if src.name == ANONYMOUS or gaz.kind(src.name) in _NOT_PARTIES:
            continue  # reporters and authorities speak, but not as a party's judgement
        if src.joint:
            continue  # "the companies said": one voice of both, no judgement of either
        said = _said(sent, src, speech - {src.scope})
        judged = _judged_in(said, src.name, by_token, gaz, {"outlet"})
        for target, verdict in judged:
            yield _tie(src.name, target, verdict, src.actor, evidence, extractor)


def _judged_in(
    said: list[Token],
    speaker: str,
    by_token: dict[int, OrgMention],
    gaz: Gazetteer,
    not_judged: set[str],
) -> list[tuple[str, str]]:
    """(organization, verdict) for each organization the speaker judges in what it says;
    organizations of the ``not_judged`` kinds are left out."""
    verdict, carriers = _evaluative(said)
    if verdict is None:
        return []
    region = {t.i for t in said}
    targets = {o for w in carriers if (o := _judged(w, by_token, speaker, region))}
    return [(t, verdict) for t in sorted(targets - {speaker}) if gaz.kind(t) not in not_judged]


def _tie(
    source: str,
    target: str,
    verdict: str,
    actor: str | None,
    evidence: tuple[str, int, int],
    extractor: str,
) -> Tie:
    """An asserted judgement, attributed to the one who makes it."""
    text, start, end = evidence
    return Tie(
        source=source,
        target=target,
        type=verdict,
        modality="asserted",
        hedged=False,
        attributed_to=source,
        actor=actor,
        score=float(data.ontology()[verdict]["weight"]),
        evidence=text,
        start=start,
        end=end,
        extractor=extractor,
    )


_CALLING = frozenset({"call", "describe", "hail", "label", "dub", "brand"})


def _praised_role(words: list[Token]) -> bool:
    """A role that is praise by itself ("the partner we should have had"), with no
    negative word or negation in the phrase."""
    if any(t.dep_ == "neg" or _is(t, "negative") for t in words):
        return False
    inside = {t.i for t in words}
    nouns = [t for t in words if t.pos_ == "NOUN"]
    # "a model customer": the phrase's head, not its first noun
    head = next((t for t in nouns if t.head.i not in inside or t.head is t), None)
    head = head or (nouns[0] if nouns else None)
    return head is not None and head.lemma_.lower() in _lexicon()["called_roles"]


def _described(verb: Token) -> list[Token]:
    """What a calling verb says its object is: 'called B "the best in the business"',
    "described B as reckless"."""
    words = [t for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp") for t in c.subtree]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            words += [t for p in c.children for t in p.subtree]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if not words and obj is not None:
        words = _quoted_after(obj.right_edge)  # the parser may end the sentence at a quote
    if not words and obj is not None:
        # 'called B's suit "a desperate attempt"': the quote parsed as the object's apposition
        words = [t for c in obj.children if c.dep_ == "appos" and _quoted(c) for t in c.subtree]
    return words


def _quoted(phrase: Token) -> bool:
    """A phrase that opens with a quotation mark."""
    first = phrase.left_edge
    return first.text in ('"', "\u201c") or (
        first.i > 0 and first.doc[first.i - 1].text in ('"', "\u201c")
    )


def _quoted_after(tok: Token) -> list[Token]:
    """The quotation that opens right after a token, up to 40 tokens."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text not in ('"', "\u201c"):
        return []
    words = []
    for t in doc[tok.i + 2 : tok.i + 42]:
        if t.text in ('"', "\u201d"):
            return words
        words.append(t)
    return []


def _speaker(subj: Token | None, by_token: dict[int, OrgMention]) -> OrgMention | None:
    """The organization of a calling verb's subject: a name, or the company of an
    officer ("Zorvex chief executive Ralph Ossei called ...", where the tagger may make
    the company an adjective of the title)."""
    if subj is None:
        return None
    around = [c for c in subj.children if c.dep_ in ("poss", "compound", "amod", "appos")]
    return next((m for t in (subj, *around) if (m := by_token.get(t.i)) is not None), None)


def _judged_object(obj: Token | None, by_token: dict[int, OrgMention]) -> OrgMention | None:
    """Who a calling verb judges: its object, the party of the relationship it calls
    something, or the owner of that thing ("called B's statement 'sour grapes'")."""
    if obj is None:
        return None
    if obj.i in by_token:
        return by_token[obj.i]
    # "called its partnership with B 'the most important'": the one it is with
    partners = [by_token[o.i] for o in _with(obj) if o.i in by_token]
    owners = partners or possessors(obj, by_token)
    return owners[0] if len(owners) == 1 else None


def called_judgements(
    sent: Span,
    by_token: dict[int, OrgMention],
    gaz: Gazetteer,
    evidence: tuple[str, int, int],
    extractor: str,
) -> Iterator[Tie]:
    """SUPPORT or CRITICIZE ties for what a party calls another ('A's CEO called B "the
    most capable factory in the West"')."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _CALLING:
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue  # "did not call B reckless"
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        # 'called B "the most disciplined cell maker"': the parser may make B a second
        # predicate rather than the object
        obj = obj or next((c for c in verb.children if c.dep_ == "oprd" and c.i in by_token), None)
        speaker, judged = _speaker(subj, by_token), _judged_object(obj, by_token)
        if speaker is None or judged is None or len(speaker.orgs) != 1 or len(judged.orgs) != 1:
            continue
        if speaker.org == judged.org or gaz.kind(speaker.org) in _NOT_PARTIES:
            continue
        described = _described(verb)
        verdict, _ = _evaluative(described)
        if verdict is None and _praised_role(described):
            verdict = "SUPPORT"
        if verdict is None or gaz.kind(judged.org) == "outlet":
            continue
        yield _tie(speaker.org, judged.org, verdict, speaker.actor, evidence, extractor)


def answer_judgements(
    sent: Span,
    interviewee: str,
    by_token: dict[int, OrgMention],
    gaz: Gazetteer,
    evidence: tuple[str, int, int],
    extractor: str,
) -> Iterator[Tie]:
    """SUPPORT or CRITICIZE ties for what an interviewee says in an answer, where the
    whole sentence is said without a speech verb ("A: Velatra has been fantastic.")."""
    said = [t for t in sent if not t.is_space]
    for target, verdict in _judged_in(said, interviewee, by_token, gaz, _NOT_PARTIES):
        yield _tie(interviewee, target, verdict, None, evidence, extractor)
