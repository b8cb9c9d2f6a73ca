"""The rules backend: ties from a parsed, resolved doc, one trigger at a time.

For each sentence: find cue triggers; read their parties off the parse
(:mod:`arguments`); fall back to word order inside the sentence where the
parse gives nothing; drop self-ties and ties with the sentence's own source;
set modality, hedging, attribution and score.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from tieline import data
from tieline.config import Limits
from tieline.extract import arguments as args
from tieline.extract import implied
from tieline.extract.attribution import ANONYMOUS, Source, sentence_sources, source_for
from tieline.extract.cues import Cue, cues_for
from tieline.extract.implicit import Context, implicit_ties
from tieline.extract.judgement import (
    answer_judgements,
    called_judgements,
    quoted_judgements,
)
from tieline.extract.modality import is_hedged, modality_of
from tieline.model import Tie
from tieline.resolve.coref import Interview
from tieline.resolve.gazetteer import AUTHORITY_KINDS, Gazetteer
from tieline.resolve.mentions import OrgMention, head_word

# A noun trigger governed by one of these verb triggers is its object, not a
# tie of its own: "ended its partnership" is END, not PARTNER; "compete for
# contracts" is COMPETE. Nor is a noun whose own clause is one of them: "reached
# an agreement to end their litigation" is SETTLE, not PARTNER.
_CONSUMING = {"END", "SETTLE", "COMPETE"}
# Ties whose agent is an officer speaking are that party's public statements.
_SPEECH_TYPES = {"SUPPORT", "CRITICIZE"}
EXTRACTOR = "rules.v1"


@dataclass(slots=True)
class _Found:
    cue: Cue
    trigger: Token
    source: list[OrgMention]
    target: list[OrgMention]


def _sentence_offsets(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


_DEAL_WORDS = args.DEAL_NOUNS
_TOPIC_PREPS = {"over", "about", "regarding", "concerning", "into", "after", "amid", "despite"}


def _governors(tok: Token) -> list[int]:
    """Up to three heads of a noun, not past a topic preposition: "ends months of
    negotiations" governs the negotiations, "resolved concerns over its purchase"
    does not govern the purchase."""
    out = []
    for _, head in zip(range(3), tok.ancestors, strict=False):
        out.append(head.i)
        if head.dep_ == "prep" and head.lower_ in _TOPIC_PREPS:
            break
        if head.pos_ in ("VERB", "AUX"):
            break  # the noun's own clause: "opened an investigation ..., B has lost ..."
    return out


_VENUES = {"court", "regulator"}


def _venue(m: OrgMention, doc: Doc, gaz: Gazetteer) -> bool:
    """A court or regulator named as where something happens ("before the board", "in
    the High Court"), not as a party."""
    tok = doc[m.head]
    place = tok.dep_ == "pobj" and tok.head.lower_ in ("before", "in", "at", "with")
    return place and gaz.kind(m.org) in _VENUES


_CONTESTED = {"NEGOTIATE", "SUE", "DISPUTE", "REGULATE", "COMPLAIN", "CRITICIZE"}


def _contested_deal(tok: Token, cue: Cue, contesting: set[int]) -> bool:
    """ "renegotiating their contract", "talks over a new contract", "claiming the exit
    breached their contract": a contract that is only the object of another tie is no
    partnership of its own (sample README, guideline 7)."""
    if cue.type != "PARTNER" or tok.lemma_.lower() not in _DEAL_WORDS:
        return False
    for _, head in zip(range(4), tok.ancestors, strict=False):
        if head.i in contesting or head.lemma_.lower() in _contest_words():
            return True
        if head.pos_ in ("VERB", "AUX"):
            break
    return False


@cache
def _contest_words() -> frozenset[str]:
    return data.read_words("lexicons", "contest_words.txt")


def _triggers(sent: Span) -> list[tuple[Token, Cue]]:
    found = [(tok, cue) for tok in sent for cue in cues_for(tok)]
    verbs = {tok.i: cue.type for tok, cue in found if cue.type in _CONSUMING and tok.pos_ == "VERB"}
    contesting = {tok.i for tok, cue in found if cue.type in _CONTESTED}
    kept = []
    for tok, cue in found:
        if _contested_deal(tok, cue, contesting):
            continue
        if cue.role == "relational":
            kept.append((tok, cue))  # "dropped B as its supplier": B was its supplier
            continue
        gov = _governors(tok)
        if tok.pos_ == "NOUN" and any(verbs.get(g) not in (None, cue.type) for g in gov):
            continue
        clauses = [c.i for c in tok.children if c.dep_ in ("acl", "relcl")]
        if tok.pos_ == "NOUN" and any(verbs.get(c) not in (None, cue.type) for c in clauses):
            continue
        kept.append((tok, cue))
    return kept


@cache
def _relationship_nouns() -> frozenset[str]:
    return data.read_words("lexicons", "relationship_nouns.txt")


def salient_partners(mentions: list[OrgMention], gaz: Gazetteer) -> dict[str, str]:
    """Each organization's most co-mentioned counterpart in the article (named twice or more)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if len(m.orgs) == 1 and gaz.kind(m.org) != "outlet":
            counts[m.org] = counts.get(m.org, 0) + 1
    ranked = sorted((o for o, c in counts.items() if c >= 2), key=lambda o: -counts[o])
    return {o: next(p for p in ranked if p != o) for o in ranked if len(ranked) > 1}


def _state_trigger(tok: Token, cue: Cue) -> bool:
    """A state of a relationship (rivalry, tension, "became competitive", "strained ties"):
    with no parties of its own it is about the sentence's organizations."""
    if not data.ontology()[cue.type].get("sentence_pair"):
        return False
    if tok.pos_ in ("NOUN", "ADJ"):
        return True
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.lemma_.lower() in _relationship_nouns() for o in objs)


def _named_counterpart(noun: Token) -> bool:
    """ "contracts with other automakers": the other side is named, just not an organization."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between", "to") for c in noun.children)


def _implicit_party(tok: Token, cue: Cue) -> bool:
    """Whether the other party is only implied: "ended the contract", "the partnership",
    "the railroad would countersue"."""
    if tok.pos_ == "VERB" and tok.lemma_.lower() in _relationship_nouns():
        return not any(c.dep_ == "dobj" for c in tok.children)
    if tok.lemma_.lower() in _DEAL_WORDS and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        return False  # "met every specification in the contract": no tie of its own
    if tok.pos_ == "NOUN":
        stated = any(  # "in talks with two unnamed shippers": a party, just not named
            c.dep_ == "prep"
            and c.lower_ in cue.patient
            and any(p.dep_ == "pobj" for p in c.children)
            for c in tok.children
        )
        return (
            tok.lemma_.lower() in _relationship_nouns()
            and not stated
            and not _named_counterpart(tok)
        )
    slots = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    slots += [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in cue.patient
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return any(
        s.lemma_.lower() in _relationship_nouns() and not _named_counterpart(s) for s in slots
    )


def _parties(
    tok: Token,
    cue: Cue,
    sent: Span,
    by_token: args.ByToken,
    banned: set[int],
    partners: dict[str, str],
    speaker: OrgMention | None,
) -> _Found:
    symmetric = bool(data.ontology()[cue.type]["symmetric"])
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    passive = passive or (tok.dep_ == "acl" and tok.tag_ == "VBN")  # "an app backed by A"
    # "approached its largest shareholder, the firm Crestline": the apposition counts
    dobj_org = passive or any(c.dep_ == "dobj" and args.orgs_at(c, by_token) for c in tok.children)
    if cue.requires.get("requires_not_dobj_org") and dobj_org:
        return _Found(cue, tok, [], [])  # "A bought B" is an acquisition, not a purchase from B
    if cue.requires.get("requires_dobj_org") and not dobj_org:
        return _Found(cue, tok, [], [])  # "A backed B's bid" is support, not an investment
    if cue.role == "relational":
        source, target = args.relational(tok, cue, by_token)
        if source and not target and speaker is not None:
            # '"Calloway has been the most patient partner we could ask for," Adeyemi said'
            target = [speaker]
    elif cue.agent == "relation":
        # "relations between A and B have soured", "A's relationship with B deteriorated"
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        both = args.between(subj, by_token) if subj is not None else []
        owner = args.possessors(subj, by_token)
        other = (
            [m for o in args.prep_objects(subj, ("with", "to")) for m in args.orgs_at(o, by_token)]
            if subj is not None
            else []
        )
        source, target = (both[:1], both[1:]) if len(both) >= 2 else (owner, other)
    elif cue.agent == "speaker":
        # "A said its partnership with B remains strong": A speaks, B is in the subject phrase
        source = [speaker] if speaker else []
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        target = args.orgs_at(subj, by_token) if subj is not None else []  # "said B was slow"
        target += args.in_subtree(subj, by_token, banned) if subj is not None else []
        target += [
            m
            for c in (subj.children if subj is not None else [])
            if c.dep_ == "poss"
            for m in args.orgs_at(c, by_token)
        ]
        if not target and tok.dep_ == "amod":
            # '"B has built one of the most elegant products," said A's CEO': the praise
            # is of the clause's subject
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if tok.head.dep_ == "oprd" and verb is not None:
                # 'called B "a terrific partner"': the praise is of the object
                subj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            else:
                subj = args.subject_of(verb) if verb is not None else None
            # "B's scientists have done remarkable work": their organization
            target = args.orgs_at(subj, by_token) or args.possessors(subj, by_token)
    else:
        source = args.agents(tok, by_token, cue)
        target = args.patients(tok, cue, by_token)
        if symmetric and not (source and target):
            both = args.between(tok, by_token)
            if both:
                source, target = both[:1], both[1:] or target
    if cue.type == "SUPPLY" and not target and _deal_clause(tok) and not cue.reverse:
        # "A signed a contract with B to build 18 satellites": B builds them for A
        target = [m for m in args.orgs_at(args.subject_of(tok.head.head), by_token)]
        target = [m for m in target if m not in source]
    if source and not target and cue.role != "relational":
        # "A told B it would not renew the deal": the one told is the other party
        target = [m for m in implied.addressee(tok, by_token) if m not in source]
    if source and not target and cue.type in ("SUPPORT", "CRITICIZE") and implied.about_organ(tok):
        target = implied.organ_owner(tok, sent, by_token, source, partners)
    if cue.type == "END" and not source and tok.pos_ == "VERB":
        # "the takeover will end B's reliance on C": the deal's owner is the one leaving it
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        source = [m for m in args.possessors(obj, by_token) if m not in target]
    source = [m for m in source if m.head not in banned]
    target = [m for m in target if m.head not in banned]
    if cue.role != "relational" and not cue.strict:
        controlled = tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children)
        if not source and target and not controlled:
            # (not "urged regulators to block B": the regulators act, named or not)
            taken = banned | {m.head for m in target}
            source = args.nearest_left(tok, sent, by_token, taken)
        if source and not target:
            taken = banned | {m.head for m in source}
            if cue.patient_possessor:  # "used it": the pronoun is the thing, not a party
                taken |= {c.i for c in tok.children if c.dep_ == "dobj" and c.pos_ == "PRON"}
            target = args.in_subtree(tok, by_token, taken)
    if symmetric and target and not source:
        # "a deal could strain B's relationship with C": B, the relationship's owner
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        source = [m for m in args.possessors(obj, by_token) if m not in target]
    if symmetric and not target and len({o for m in source for o in m.orgs}) >= 2:
        # "A and B set up a joint venture"; "the two companies are in talks"
        # (every pair of "A, B and C formed a venture")
        source, target = (source, source) if len(source) == 1 else (source[:-1], source[1:])
    if symmetric and not target and _state_trigger(tok, cue):
        source, target = _sentence_pair(sent, by_token, banned, source)
    implicit = _implicit_party(tok, cue) or cue.agent == "speaker"
    if not source and not target and implicit and speaker is not None:
        source = [speaker]  # "A spokesperson said the partnership remained strong"
    pair_noun = tok.lemma_.lower() in data.read_words("lexicons", "pair_nouns.txt")
    if not source and not target and pair_noun and symmetric and args.definite(tok) and partners:
        # "the partnership itself is unchanged": the article's main pair
        main = next(iter(partners))
        source = [OrgMention((main,), tok.i, tok.i + 1, tok.i, "salient")]
    if cue.type == "END" and source and implicit and speaker is not None:
        # "B says A has cancelled its charter": B, telling what happened, is the other party
        own = {o for m in source for o in m.orgs}
        told = {o for m in target for o in m.orgs} <= own  # no one else, or only "its"
        if told and speaker.org not in own and modality_of(tok) == "asserted":
            target = [speaker]
    if source and not target and symmetric and tok.dep_ == "dobj" and _renewed(tok):
        # "Velatra renewed our agreement": whoever renews it with "us" is the other party
        own = {o for m in source for o in m.orgs}
        target = [m for m in args.orgs_at(args.subject_of(tok.head), by_token) if m.org not in own]
    if source and not target and len(source) == 1 and len(source[0].orgs) == 1:
        partner = partners.get(source[0].org)
        plural = tok.tag_ == "NNS" or any(
            c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "NNS" for c in tok.children
        )  # "its supply contracts" have many counterparties, not the salient one
        # for END and REGULATE one named after the trigger is usually a replacement
        # ("terminated the agreement and moved its scheduling to C"); one before it is
        # the party ("held funds through B, but ended that arrangement")
        upto = tok.i if cue.type in ("END", "REGULATE") else sent.end
        partner = _sentence_counterpart(sent, by_token, source[0], partner, upto)
        if partner and implicit and not cue.strict and not plural:
            target = [OrgMention((partner,), tok.i, tok.i + 1, tok.i, "salient")]
    if not symmetric:
        # "both operators buy their gear from B": "their" is the buyers, no party of its
        # own (a symmetric "A and B settled their dispute" is between the two)
        own = {o for m in source for o in m.orgs}
        target = [m for m in target if len(m.orgs) < 2 or not set(m.orgs) <= own]
    if cue.reverse:
        source, target = target, source
    return _Found(cue, tok, source, target)


def _sentence_counterpart(
    sent: Span, by_token: args.ByToken, own: OrgMention, partner: str | None, upto: int
) -> str | None:
    """The implied other party: the article's usual partner of ``own``, unless the
    sentence names one other organization instead ("Ridley sued us, and we countersued",
    "working with Ellery ..., and negotiating to extend that partnership"); names in
    ``own``'s own phrase ("A, B's largest shareholder, pushed for a deal") do not count."""
    inside = {t.i for t in sent.doc[own.head].subtree}
    others = {
        m.org
        for i in range(sent.start, upto)
        if i not in inside
        and (m := by_token.get(i)) is not None
        and len(m.orgs) == 1
        and m.org != own.org
    }
    if not others or partner in others:
        return partner
    return next(iter(others)) if len(others) == 1 else None


@cache
def _kept_deal_verbs() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["kept_deals"]["verbs"])


def _renewed(tok: Token) -> bool:
    """A deal noun that its verb keeps alive ("renewed", "extended", "signed")."""
    return tok.head.lemma_.lower() in _kept_deal_verbs()


def _deal_clause(tok: Token) -> bool:
    """ "a contract with B to build ...": the trigger is the deal's infinitive clause."""
    return tok.dep_ == "acl" and tok.head.dep_ == "dobj" and tok.head.lemma_.lower() in _DEAL_WORDS


def _sentence_pair(
    sent: Span, by_token: args.ByToken, banned: set[int], source: list[OrgMention]
) -> tuple[list[OrgMention], list[OrgMention]]:
    """A symmetric trigger with one party or none: the sentence's only other organization."""
    ments = [m for i, m in by_token.items() if sent.start <= i < sent.end and i == m.head]
    ments = [m for m in ments if m.head not in banned]
    plural = [m for m in ments if len(m.orgs) > 1]
    if plural and not source:
        return [plural[0]], [plural[0]]
    have = {o for m in source for o in m.orgs}
    others = {o: m for m in ments for o in m.orgs if o not in have}
    if source and len(others) == 1:
        return source, list(others.values())
    if not source and len(others) == 2:
        a, b = list(others.values())
        return [a], [b]
    return source, []


def _pairs(found: _Found) -> Iterator[tuple[str, str, OrgMention]]:
    """(source org, target org, source mention) for every combination of the parties."""
    for sm in found.source:
        for tm in found.target:
            if sm is tm and len(sm.orgs) == 2:  # "the two companies" on both sides
                yield sm.orgs[0], sm.orgs[1], sm
                continue
            for s in sm.orgs:
                for t in tm.orgs:
                    if s != t:
                        yield s, t, sm


# Ties a stop verb ends: cooperation, and talks or takeovers broken off (guideline 7).
_STOPPABLE = {"SUPPLY", "PARTNER", "INVEST", "SUPPORT", "NEGOTIATE", "ACQUIRE"}


def _stopped(tok: Token, cue: Cue) -> Cue:
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
    if _refused_renewal(tok):
        return replace(cue, type="END", reverse=False)  # "will not renew its deal with B"
    if _no_longer(tok):
        return replace(cue, type="END", reverse=False)  # "will no longer buy chips from B"
    if _until_past(tok):
        return replace(cue, type="END", reverse=False)  # "Until January, A shared data with B"
    if tok.dep_ in ("acl", "relcl"):
        # "cancelled a contract to buy from B", "cancelled 12 of the jets it ordered from B"
        noun = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else head
        if noun.dep_ == "dobj" and _stops(noun.head):
            return replace(cue, type="END", reverse=False)
    if tok.dep_ == "pobj" and head.lower_ == "on" and _plug_pulled(head.head):
        return replace(cue, type="END", reverse=False)  # "pulled the plug on its venture"
    if tok.dep_ not in ("xcomp", "dobj", "pcomp") or not _stops(head):
        return cue
    return replace(cue, type="END", reverse=False)


def _plug_pulled(tok: Token) -> bool:
    if tok.lemma_.lower() == "plug":
        return True
    return tok.lemma_.lower() == "pull" and any(c.lower_ == "plug" for c in tok.children)


def _stops(verb: Token) -> bool:
    """A stop verb, or a phrasal one ("break off", "wind down") from stop_verbs.txt."""
    stops = data.read_words("lexicons", "stop_verbs.txt")
    lemma = verb.lemma_.lower()
    prts = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return lemma in stops or any(f"{lemma} {p}" in stops for p in prts)


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


def _refused_renewal(tok: Token) -> bool:
    """ "will not renew its contract with B": the refusal ends the deal, it denies nothing."""
    head = tok.head
    return (
        tok.dep_ == "dobj"
        and head.lemma_.lower() in ("renew", "extend")
        and any(c.dep_ == "neg" for c in head.children)
    )


_SETTLEMENT_DEALS = {"settlement", "agreement", "deal", "accord", "pact"}


def _settlement_partners(ties: list[Tie]) -> list[Tie]:
    """ "approved a settlement between A and B": an agreement that ends a conflict is a
    partnership too (sample README, guideline 8), once made or agreed; so is one that a
    supply or investment is made under."""
    weight = float(data.ontology()["PARTNER"]["weight"])
    factors = data.modality_factors()
    return [
        replace(t, type="PARTNER", score=round(weight * factors[t.modality], 3))
        for t in ties
        if t.modality in ("asserted", "planned")
    ]


def _talks_about(
    typ: str,
    found: _Found,
    sent: Span,
    by_token: args.ByToken,
    talk: tuple[Source | None, bool, bool],
) -> list[Tie]:
    """ "A is in talks with B over an order" (B may supply A), "... about a funding round"
    (B may invest in A): considered, as what talks are about is."""
    if typ == "SALE" and implied.for_own_use(found.trigger, found.source, by_token):
        # "talks with B about supplying cells for its cars": whose cars, and so who
        # supplies whom, the parse cannot tell
        return []
    if typ == "SALE":  # "in talks with B about supplying chips": A would supply B
        typ, source, target = "SUPPLY", found.source, found.target
    elif typ == "TAKEOVER":  # "takeover talks with B": A would acquire B
        typ, source, target = "ACQUIRE", found.source, found.target
    else:
        source, target = found.target, found.source
    tie = _Found(replace(found.cue, type=typ), found.trigger, source, target)
    # talks held make their aim considered; talks denied deny it too
    aim = {"asserted": "considered", "planned": "considered", "denied": "denied"}
    factors = data.modality_factors()
    return [
        replace(t, modality=m, score=round(float(data.ontology()[typ]["weight"]) * factors[m], 3))
        for t in _ties_for(tie, sent, *talk)
        if (m := aim.get(t.modality))
    ]


def _defended(found: _Found) -> bool:
    """ "A said it would fight the lawsuit": A is the one sued, not the one suing."""
    tok = found.trigger
    if found.cue.type not in ("SUE", "COMPLAIN") or tok.pos_ != "NOUN" or tok.dep_ != "dobj":
        return False
    if "head_subject" in found.cue.patient:
        return False  # "faces a lawsuit from B": this reading already takes the subject as sued
    if any(c.dep_ == "agent" for v in args.participles(tok) for c in v.children):
        return False  # "fights a suit brought against it by B": the suer is named
    return tok.head.lemma_.lower() in data.read_words("lexicons", "defending_verbs.txt")


def _dropped_as(found: _Found) -> bool:
    """ "A drops B as its linen supplier": the role is the one B loses, not a tie (an ended
    deal gets only its END tie: sample/README.md, guideline 7)."""
    tok = found.trigger
    if found.cue.role != "relational" or tok.dep_ != "pobj" or tok.head.lower_ != "as":
        return False
    verb = tok.head.head
    lemma = verb.lemma_.lower()
    # "is replacing B as its supplier" (with no successor named) drops B too
    replaced = lemma == "replace" and not args.prep_objects(verb, ("with", "by"))
    stops = _stops(verb) or lemma == "drop" or replaced
    # only a drop that happened: "denied it plans to drop B as its supplier" keeps B's tie
    return stops and modality_of(verb) == "asserted"


def _descriptive(found: _Found) -> bool:
    """A relational noun that only describes a party ("as it tries to hold off rival B",
    "A, its largest investor, plans ..."): the clause's modality is not the relation's.
    Predicates ("A could become B's rival", "denied that A is its supplier") keep theirs."""
    tok = found.trigger
    if found.cue.role != "relational" or tok.dep_ in ("attr", "oprd", "ROOT"):
        return False
    if tok.pos_ == "ADJ" and tok.head.pos_ != "PROPN":
        return False  # "planned to launch a rival app": the launch's modality holds
    return not (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _ties_for(
    found: _Found,
    sent: Span,
    src: Source | None,
    hedged: bool,
    inherited: bool,
) -> Iterator[Tie]:
    start, end = _sentence_offsets(sent)
    # (sent.text, not doc.text: spaCy rebuilds a doc's text on every access)
    evidence = sent.text[start - sent.start_char : end - sent.start_char]
    modality = "asserted" if _descriptive(found) else modality_of(found.trigger)
    if found.cue.type == "END" and _refused_renewal(found.trigger) and modality == "denied":
        aux = {c.lower_ for c in found.trigger.head.children if c.dep_ == "aux"}
        modality = "planned" if aux & {"will", "would", "'ll", "shall"} else "asserted"
    factor = data.modality_factors()[modality]
    weight = float(data.ontology()[found.cue.type]["weight"])
    symmetric = bool(data.ontology()[found.cue.type]["symmetric"])
    seen: set[tuple[str, str]] = set()
    for s, t, sm in _pairs(found):
        if symmetric and t < s:
            s, t = t, s  # symmetric ties are stored once per unordered pair
        if (s, t) in seen:
            continue
        seen.add((s, t))
        attributed, actor = (src.name, src.actor) if src else (None, None)
        if sm.actor and found.cue.type in _SPEECH_TYPES and (src is None or inherited):
            attributed, actor = s, sm.actor
        elif sm.actor and actor is None:
            actor = sm.actor
        yield Tie(
            source=s,
            target=t,
            type=found.cue.type,
            modality=modality,
            hedged=hedged or attributed == ANONYMOUS,
            attributed_to=attributed,
            actor=actor,
            score=round(weight * factor, 3),
            evidence=evidence,
            start=start,
            end=end,
            extractor=EXTRACTOR,
        )


def _reported(src: Source, gaz: Gazetteer) -> bool:
    return src.name == ANONYMOUS or gaz.kind(src.name) == "outlet"


def _resolve_relational(
    sent: Span, by_token: args.ByToken, ties: list[Tie], partners: dict[str, str]
) -> None:
    """Resolve "its largest shareholder" through ties the article already stated.

    A relational noun with a possessor and no named referent ("taking legal
    action against its largest shareholder") refers to the organization an
    earlier tie of the noun's type links to the possessor. A symmetric one with
    no such tie ("prices below those of its larger rival") refers to the
    possessor's most co-mentioned counterpart in the article.
    """
    for tok in sent:
        if tok.i in by_token or tok.pos_ != "NOUN" or tok.dep_ in ("appos", "attr", "compound"):
            continue
        cue = next((c for c in cues_for(tok) if c.role == "relational"), None)
        owner = next((by_token.get(c.i) for c in tok.children if c.dep_ == "poss"), None)
        if cue is None or owner is None or len(owner.orgs) != 1:
            continue
        if any(c.dep_ == "appos" and c.i in by_token for c in tok.children):
            continue  # "its main rival, Pellham Broadband": the apposition names it
        # "B's investor" is the source of an INVEST tie to B (the target, if reversed)
        linked = [
            (t.target if cue.reverse else t.source)
            for t in ties
            if t.type == cue.type and (t.source if cue.reverse else t.target) == owner.org
        ]
        if not linked and data.ontology()[cue.type]["symmetric"] and owner.org in partners:
            linked = [partners[owner.org]]
        if linked:
            org = max(set(linked), key=linked.count)
            by_token[tok.i] = OrgMention((org,), tok.i, tok.i + 1, tok.i, "relational")


def extract_ties(doc: Doc, mentions: list[OrgMention], gaz: Gazetteer, limits: Limits) -> list[Tie]:
    """Every tie the rules find in a parsed doc with resolved mentions."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    partners = salient_partners(mentions, gaz)
    ties: list[Tie] = []
    deal_ties: set[int] = set()
    inherited: Source | None = None
    interview = Interview.of(doc, mentions, gaz)
    for sent in doc.sents:
        if sent.start > 0 and "\n" in doc[sent.start - 1].text_with_ws:
            inherited = None  # a new paragraph starts without a source
        if len(sent) > limits.max_sentence_tokens:
            continue
        first = len(ties)  # this sentence's ties start here
        _resolve_relational(sent, by_token, ties, partners)
        sources = sentence_sources(sent, by_token)
        # An outlet or anonymous source reports; it is not a party. A party that
        # speaks ("Keltra said it will sue") may still be one.
        banned = {i for s in sources if _reported(s, gaz) or s.scope is None for i in s.tokens}
        hedged = is_hedged(sent)
        for tok, cue in _triggers(sent):
            cue = _stopped(tok, cue)
            own = source_for(tok, sources)
            speaker = None
            # "The CMA said it would review the deal": an authority speaking about a deal
            # is not a party to it.
            if (
                own is not None
                and own.name != ANONYMOUS
                and not _reported(own, gaz)
                and (gaz.kind(own.name) not in AUTHORITY_KINDS)
            ):
                speaker = OrgMention((own.name,), tok.i, tok.i + 1, tok.i, "speaker", own.actor)
            found = _parties(tok, cue, sent, by_token, banned, partners, speaker)
            if _dropped_as(found) or _defended(found):
                continue
            if (
                cue.type == "SUE"
                and tok.pos_ == "VERB"
                and found.source
                and all(gaz.kind(m.org) in AUTHORITY_KINDS - {"court"} for m in found.source)
            ):
                # "the Trade Authority sued B to block the merger" is regulation (TIES.md)
                found.cue = replace(found.cue, type="REGULATE")
            if found.cue.type == "ACQUIRE":  # "FTC sues A to block takeover of B"
                found.source = [
                    m
                    for m in found.source
                    if gaz.kind(m.org) not in AUTHORITY_KINDS - {"government"}
                ]
            if found.cue.type in ("SETTLE", "END", "COMPETE", "DISPUTE"):
                # "withdrew the rate case before the board": the venue settles nothing
                found.source = [m for m in found.source if not _venue(m, doc, gaz)]
                found.target = [m for m in found.target if not _venue(m, doc, gaz)]
            if found.cue.type == "COMPLAIN" and found.source:
                # "a complaint to the adjudicator": the authority hears it, it is not accused
                found.target = [m for m in found.target if gaz.kind(m.org) not in AUTHORITY_KINDS]
            if found.cue.type == "COMPLAIN" and found.source and not found.target:
                # "an investigation that began with a complaint from B": B complained of
                # whoever the sentence's regulator investigates or fines
                found.target = implied.complained_of(tok, ties[first:])
            if found.cue.type == "REGULATE" and found.source and not found.target:
                # "the Commission cleared the deal": the article's acquisition
                found.target = implied.deal_in_article(tok, ties)
            if found.cue.type == "REGULATE":
                # only an authority regulates: in "regulator blocks A's bid for B", A is not
                # the actor (a name of unknown kind may still be one)
                found.source = [
                    m for m in found.source if gaz.kind(m.org) in AUTHORITY_KINDS | {None}
                ]
            kinds = cue.requires.get("requires_not_party_kind", ())
            # "cooperating with the agency" is compliance, not a partnership
            found.source = [m for m in found.source if gaz.kind(m.org) not in kinds]
            found.target = [m for m in found.target if gaz.kind(m.org) not in kinds]
            src = own or inherited
            from_before = own is None and inherited is not None
            new = list(_ties_for(found, sent, src, hedged or from_before, from_before))
            if found.cue.type == "SETTLE" and tok.lemma_.lower() in _SETTLEMENT_DEALS:
                new += _settlement_partners(new)
            topic = implied.talks_topic(tok) if found.cue.type == "NEGOTIATE" else None
            if topic and tok.pos_ == "NOUN":
                talk = (src, hedged or from_before, from_before)
                new += _talks_about(topic, found, sent, by_token, talk)
            if found.cue.type in ("SUPPLY", "INVEST") and implied.under_agreement(tok):
                new += _settlement_partners(new)  # "sources its cells from B under a deal"
            if found.cue.type == "PARTNER" and tok.lemma_.lower() in _DEAL_WORDS:
                deal_ties.update(id(t) for t in new)
            ties.extend(new)
        start, end = _sentence_offsets(sent)
        evidence = (sent.text[start - sent.start_char : end - sent.start_char], start, end)
        ties.extend(quoted_judgements(sent, sources, by_token, gaz, evidence, EXTRACTOR))
        ties.extend(called_judgements(sent, by_token, gaz, evidence, EXTRACTOR))
        if interview is not None and interview.answers_at(start):
            ties.extend(answer_judgements(sent, interview.org, by_token, gaz, evidence, EXTRACTOR))
        ties.extend(
            implicit_ties(Context(sent, by_token, gaz, sources, hedged, evidence, EXTRACTOR))
        )
        reported = [s for s in sources if _reported(s, gaz)]
        inherited = reported[0] if reported else (None if sources else inherited)
    # "delaying a deal the drugmakers had hoped to close": in an article about A buying
    # B, "the deal" between them is the acquisition, not a partnership
    bought = {frozenset((t.source, t.target)) for t in ties if t.type == "ACQUIRE"}
    kept = [
        t for t in ties if not (id(t) in deal_ties and frozenset((t.source, t.target)) in bought)
    ]
    # two cues for one reading ("won an order from B": "win" and "order") give one tie
    unique = {_reading(t): t for t in reversed(kept)}
    return [t for t in kept if unique[_reading(t)] is t]


def _reading(t: Tie) -> tuple[str, str, str, str, int, int]:
    return (t.source, t.target, t.type, t.modality, t.start, t.end)
