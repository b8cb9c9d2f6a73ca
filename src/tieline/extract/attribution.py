"""Who makes a claim: an outlet, a party or its officer, anonymous sources, or the article.

Sources are found with "according to X", "per X", "reports from X", "as
detailed by X", and speech verbs ("X said that ...") whose complement holds
the trigger. A sentence with no source of its own inherits a reported source
("according to reports from X") from the sentence before it in the paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tieline.extract.modality import lexicon, speech_verbs
from tieline.resolve.mentions import OrgMention

ANONYMOUS = "anonymous"


@dataclass(frozen=True, slots=True)
class Source:
    """The source of a sentence's claims."""

    name: str  # organization, or "anonymous"
    actor: str | None  # the person speaking, if any
    tokens: frozenset[int]  # tokens of the source phrase (never tie arguments)
    scope: int | None  # token index whose subtree the source covers; None = whole sentence
    joint: tuple[str, ...] = ()  # every party of a joint statement ("A and B said")


def _is_anonymous(tok: Token) -> bool:
    text = " ".join(t.lower_ for t in tok.subtree)
    return any(a in text for a in lexicon()["attribution"]["anonymous"])


def _source_in(tok: Token, by_token: dict[int, OrgMention]) -> tuple[str, str | None] | None:
    """The organization (and person) named in a source phrase headed by ``tok``."""
    for t in tok.subtree:
        m = by_token.get(t.i)
        if m is None or len(m.orgs) != 1:
            continue
        # "its operations chief, Sunil Varma, told ...": an officer of "its" speaks for it
        owned = m.method == "pronoun" and t.dep_ == "poss" and t.head.i == tok.i
        # '"...," he said': "he" after a named officer speaks for the officer's company
        officer = m.method == "pronoun" and m.actor is not None and t.lower_ in ("he", "she")
        if m.method not in ("pronoun", "descriptor") or owned or officer:
            return m.org, m.actor
    if _is_anonymous(tok):
        return ANONYMOUS, None
    return None


def _prep_sources(sent: Span, by_token: dict[int, OrgMention]) -> list[Source]:
    out: list[Source] = []
    report_nouns = set(lexicon()["attribution"]["report_nouns"])
    for tok in sent:
        low = tok.lower_
        obj: Token | None = None
        if low == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        elif low == "per" and tok.dep_ == "prep":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        elif tok.lemma_.lower() in report_nouns and tok.pos_ == "NOUN":
            # "Reports from X highlight ...", "coverage by X"
            prep = next((c for c in tok.children if c.lower_ in ("from", "by")), None)
            obj = tok if prep else None
        elif low == "by" and tok.dep_ == "agent" and tok.head.lemma_.lower() in speech_verbs():
            obj = tok  # "as detailed by X"
        if obj is None:
            continue
        found = _source_in(obj, by_token)
        if found:
            span = frozenset(t.i for t in obj.subtree) | {tok.i}
            out.append(Source(found[0], found[1], span, None))
    return out


def _verb_sources(sent: Span, by_token: dict[int, OrgMention]) -> list[Source]:
    out: list[Source] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in speech_verbs():
            continue
        comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if not comp or subj is None:
            continue
        found = _source_in(subj, by_token)
        joint = _joint_speakers(subj, by_token)
        if found is None and joint:
            found = (joint[0], None)  # "the two companies said"
        if found:
            span = frozenset(t.i for t in subj.subtree)
            out.append(Source(found[0], found[1], span, tok.i, joint))
    return out


def _joint_speakers(subj: Token, by_token: dict[int, OrgMention]) -> tuple[str, ...]:
    """The parties of a joint statement: "A and B said", "the two companies said"."""
    heads = [subj]
    for h in heads:  # "A, B and C said": each conjunct hangs on the one before
        heads += [c for c in h.children if c.dep_ == "conj"]
    orgs: list[str] = []
    for h in heads:
        m = by_token.get(h.i)
        # (not "they": after "three people familiar with ...", the people speak)
        if m is not None and m.method != "person" and h.pos_ != "PRON":
            orgs += [o for o in m.orgs if o not in orgs]
    return tuple(orgs) if len(orgs) >= 2 else ()


def sentence_sources(sent: Span, by_token: dict[int, OrgMention]) -> list[Source]:
    """Every source a sentence names."""
    return _prep_sources(sent, by_token) + _verb_sources(sent, by_token)


def source_for(trigger: Token, sources: list[Source]) -> Source | None:
    """The source whose scope covers a trigger (speech verb complements first)."""
    for src in sources:
        if src.scope is not None and src.scope in {a.i for a in trigger.ancestors}:
            return src
    for src in sources:
        if src.scope is None:
            return src
    return None
