"""The rules backend: ties from a parsed, resolved doc, one trigger at a time.

For each sentence: find cue triggers; read their parties off the parse
(:mod:`arguments`); fall back to word order inside the sentence where the
parse gives nothing; drop self-ties and ties with the sentence's own source;
set modality, hedging, attribution and score.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
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
from tieline.extract.modality import is_hedged, lexicon, modality_of, speech_verbs
from tieline.extract.parties import Found, Scope, fit_kinds, parties, salient_partners
from tieline.extract.stopping import collapsed, refused_renewal, stopped, stopper, stops
from tieline.model import Tie
from tieline.resolve.gazetteer import AUTHORITY_KINDS, Gazetteer
from tieline.resolve.interview import Interview
from tieline.resolve.mentions import OrgMention, commentators

# A noun trigger governed by one of these verb triggers is its object, not a
# tie of its own: "ended its partnership" is END, not PARTNER; "compete for
# contracts" is COMPETE. Nor is a noun whose own clause is one of them: "reached
# an agreement to end their litigation" is SETTLE, not PARTNER.
_CONSUMING = {"END", "SETTLE", "COMPETE"}
# Ties whose agent is an officer speaking are that party's public statements.
_SPEECH_TYPES = {"SUPPORT", "CRITICIZE"}
EXTRACTOR = "rules.v1"


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
    # (not a verb that is a trigger only with an organization as its object: "lost a
    # suit brought by B" is the suit's, "lost B as a customer" an END)
    verbs = {
        tok.i: cue.type
        for tok, cue in found
        if cue.type in _CONSUMING and tok.pos_ == "VERB" and "requires_dobj_org" not in cue.requires
    }
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


def _pairs(found: Found) -> Iterator[tuple[str, str, OrgMention]]:
    """(source org, target org, source mention) for every combination of the parties."""
    for sm in found.source:
        for tm in found.target:
            if sm is tm and len(sm.orgs) >= 2:  # "the two companies" on both sides
                yield from ((a, b, sm) for a, b in itertools.combinations(sm.orgs, 2))
                continue
            for s in sm.orgs:
                for t in tm.orgs:
                    if s != t:
                        yield s, t, sm


_SETTLEMENT_DEALS = {"settlement", "agreement", "deal", "accord", "pact"}


def _score(typ: str, modality: str) -> float:
    """A tie's score: its type's weight times its modality's factor (TIES.md)."""
    return round(float(data.ontology()[typ]["weight"]) * data.modality_factors()[modality], 3)


def _settlement_partners(ties: list[Tie]) -> list[Tie]:
    """ "approved a settlement between A and B": an agreement that ends a conflict is a
    partnership too (sample README, guideline 8), once made or agreed; so is one that a
    supply or investment is made under."""
    return [
        replace(t, type="PARTNER", score=_score("PARTNER", t.modality))
        for t in ties
        if t.modality in ("asserted", "planned")
    ]


# Relationships a planned, weighed or denied stop leaves in place (guideline 7: only an
# ended deal loses its own tie)
_LIVE_UNTIL_ENDED = frozenset({"SUPPLY", "INVEST"})


def _still_live(ties: list[Tie], stopped_cue: Cue) -> list[Tie]:
    """ "will stop using B's model", "denied it plans to stop buying modules from B": the
    use or the purchases go on, so the relationship the stop is about is asserted."""
    if stopped_cue.type not in _LIVE_UNTIL_ENDED:
        return []
    score = _score(stopped_cue.type, "asserted")
    out = []
    for t in ties:
        if t.type != "END" or t.modality == "asserted":
            continue
        s, o = (t.target, t.source) if stopped_cue.reverse else (t.source, t.target)
        if data.ontology()[stopped_cue.type]["symmetric"] and o < s:
            s, o = o, s
        out.append(
            replace(t, source=s, target=o, type=stopped_cue.type, modality="asserted", score=score)
        )
    return out


def _talks_about(
    typ: str,
    found: Found,
    sent: Span,
    by_token: args.ByToken,
    talk: tuple[Source | None, bool, bool],
) -> list[Tie]:
    """ "A is in talks with B over an order" (B may supply A), "... about a funding round"
    (B may invest in A): considered, as what talks are about is."""
    if typ == "SALE":
        # "about supplying chips for B's appliances" or "about selling it ad space": A
        # would supply B; "about supplying cells for its cars", "about manufacturing the
        # chips": B would supply A
        to_partner = implied.for_use_of(found.trigger, found.target, by_token) or (
            implied.sells_to_partner(found.trigger)
            and not implied.for_use_of(found.trigger, found.source, by_token)
        )
        ordered = (found.source, found.target) if to_partner else (found.target, found.source)
        typ, (source, target) = "SUPPLY", ordered
    elif typ == "TAKEOVER":  # "takeover talks with B": A would acquire B
        typ, source, target = "ACQUIRE", found.source, found.target
    else:
        source, target = found.target, found.source
    tie = Found(replace(found.cue, type=typ), found.trigger, source, target)
    # talks held make their aim considered; talks denied deny it too
    aim = {"asserted": "considered", "planned": "considered", "denied": "denied"}
    return [
        replace(t, modality=m, score=_score(typ, m))
        for t in _ties_for(tie, sent, *talk)
        if (m := aim.get(t.modality))
    ]


def _defended(found: Found) -> bool:
    """ "A said it would fight the lawsuit": A is the one sued, not the one suing."""
    tok = found.trigger
    if found.cue.type not in ("SUE", "COMPLAIN") or tok.pos_ != "NOUN" or tok.dep_ != "dobj":
        return False
    if "head_subject" in found.cue.patient:
        return False  # "faces a lawsuit from B": this reading already takes the subject as sued
    if any(c.dep_ == "agent" for v in args.participles(tok) for c in v.children):
        return False  # "fights a suit brought against it by B": the suer is named
    return tok.head.lemma_.lower() in data.read_words("lexicons", "defending_verbs.txt")


_CLOSING = frozenset({"close", "end", "conclude", "drop", "abandon", "shut", "complete"})


def _left_open(tok: Token) -> bool:
    """ "The FTC has not said whether it will review the deal", "declined to say whether it
    would renew": a question the speaker leaves open asserts nothing, not even a denial.
    A deal named inside it ("renew its contract with B") is still taken as existing."""
    clause = tok
    if clause.pos_ not in ("VERB", "AUX"):
        return False
    while clause.dep_ == "xcomp":  # "whether it planned to buy"
        clause = clause.head
    asked = any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)
    if clause.dep_ != "ccomp" or not asked:
        return False
    speech = clause.head
    if speech.lemma_.lower() not in speech_verbs():
        return False
    refused = speech.dep_ == "xcomp" and speech.head.lemma_.lower() in ("decline", "refuse")
    return refused or any(c.dep_ == "neg" for c in speech.children)


def _closed_probe(found: Found) -> bool:
    """ "Ofcom closed its investigation into A without taking action": a review that
    ended is over, and an ended conflict gets no tie of its own (guideline 7). A fine or
    an order that closes it is read from its own cue."""
    tok = found.trigger
    if found.cue.type != "REGULATE" or tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "nsubjpass"):
        return False
    return tok.head.lemma_.lower() in _CLOSING and modality_of(tok.head) == "asserted"


def _dropped_as(found: Found) -> bool:
    """ "A drops (or loses) B as its linen supplier": the role is the one B loses, not a
    tie (an ended deal gets only its END tie: sample/README.md, guideline 7)."""
    tok = found.trigger
    if found.cue.role != "relational" or tok.dep_ != "pobj" or tok.head.lower_ != "as":
        return False
    verb = tok.head.head
    lemma = verb.lemma_.lower()
    # "is replacing B as its supplier" (with no successor named) drops B too
    replaced = lemma == "replace" and not args.prep_objects(verb, ("with", "by"))
    dropped = stops(verb) or lemma in ("drop", "lose") or replaced
    # only a drop that happened: "denied it plans to drop B as its supplier" keeps B's tie
    return dropped and modality_of(verb) == "asserted"


def _descriptive(found: Found) -> bool:
    """A relational noun that only describes a party ("as it tries to hold off rival B",
    "A, its largest investor, plans ..."): the clause's modality is not the relation's.
    Predicates ("A could become B's rival", "denied that A is its supplier") keep theirs."""
    tok = found.trigger
    if found.cue.role != "relational" or tok.dep_ in ("attr", "oprd", "ROOT"):
        return False
    if tok.pos_ == "ADJ" and tok.head.pos_ != "PROPN":
        return False  # "planned to launch a rival app": the launch's modality holds
    return not (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _presupposed(tok: Token) -> bool:
    """ "could complicate Pellmark's alliance with B": a possessed relationship noun that
    its verb does not make is presupposed to exist (modality.toml [presupposed])."""
    if tok.pos_ != "NOUN" or tok.dep_ != "dobj" or not any(c.dep_ == "poss" for c in tok.children):
        return False
    noun = tok.lemma_.lower()
    return tok.head.lemma_.lower() not in _relationship_makers() and (
        noun in data.read_words("lexicons", "pair_nouns.txt") or noun in _held()
    )


def _contract_in_passing(tok: Token) -> bool:
    """A deal noun owned or pointed at ("its contract", "that agreement") that its verb
    does not make."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _DEAL_WORDS:
        return False
    owned = any(c.dep_ == "poss" or c.lower_ in ("that", "this", "existing") for c in tok.children)
    # ("would be our first big hotel deal" predicates a deal still to be made)
    return owned and tok.dep_ != "attr" and tok.head.lemma_.lower() not in _relationship_makers()


def _contract_as_background(tok: Token, ties: list[Tie]) -> list[Tie]:
    """ "weighing a complaint over exclusivity terms in their contract": a contract of the
    pair is there already, so the partnership is asserted whatever is weighed about it;
    "did not affect its contract", "denied it would leave its agreement": with no named
    counterparty, what is denied or planned is something else, and no tie is made."""
    pair = any(c.lower_ == "their" for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children
    )
    if not pair:
        return [t for t in ties if t.modality == "asserted"]
    return [replace(t, modality="asserted", score=_score("PARTNER", "asserted")) for t in ties]


def _sells_holding(tok: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _held() for c in tok.children)


@cache
def _held() -> frozenset[str]:
    return frozenset(lexicon()["presupposed"]["held"])


@cache
def _relationship_makers() -> frozenset[str]:
    return frozenset(lexicon()["presupposed"]["makers"])


def _ties_for(
    found: Found,
    sent: Span,
    src: Source | None,
    hedged: bool,
    inherited: bool,
) -> Iterator[Tie]:
    start, end = _sentence_offsets(sent)
    # (sent.text, not doc.text: spaCy rebuilds a doc's text on every access)
    evidence = sent.text[start - sent.start_char : end - sent.start_char]
    presupposed = _descriptive(found) or _presupposed(found.trigger)
    # "its planned takeover of B collapsed": the collapse is told as fact, not the plan;
    # "scrapped its plan to invest in B": as the scrapping is
    told = presupposed or (found.cue.type == "END" and collapsed(found.trigger))
    stop = stopper(found.trigger) if found.cue.type == "END" else None
    modality = "asserted" if told else modality_of(stop or found.trigger)
    if found.cue.type == "END" and refused_renewal(found.trigger) and modality == "denied":
        aux = {c.lower_ for c in found.trigger.head.children if c.dep_ == "aux"}
        modality = "planned" if aux & {"will", "would", "'ll", "shall"} else "asserted"
    score = _score(found.cue.type, modality)
    symmetric = bool(data.ontology()[found.cue.type]["symmetric"])
    seen: set[tuple[str, str]] = set()
    for s, t, sm in _pairs(found):
        if symmetric and t < s:
            s, t = t, s  # symmetric ties are stored once per unordered pair
        if (s, t) in seen:
            continue
        seen.add((s, t))
        attributed, actor = (src.name, src.actor) if src else (None, None)
        if src is not None and s in src.joint:
            attributed = s  # "A and B said they remain committed": each speaks for itself
        elif src is not None and t in src.joint:
            attributed = t  # "A and B said C had been a reliable partner": of itself too
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
            score=score,
            evidence=evidence,
            start=start,
            end=end,
            extractor=EXTRACTOR,
        )


# (not REGULATE: "the dispute" after a probe is no regulation)
_CONFLICTS = frozenset({"SUE", "DISPUTE", "COMPLAIN"})


def _conflict_told_before(
    tok: Token, cue: Cue, by_token: args.ByToken, ties: list[Tie]
) -> Found | None:
    """ "Pellmark said the lawsuit was without merit", "The dispute could also complicate
    ...": a definite conflict noun with no parties of its own is the article's last
    conflict, between its parties (not the speaker's, nor the sentence's other names)."""
    if cue.type not in ("SUE", "DISPUTE") or tok.pos_ != "NOUN" or not args.definite(tok):
        return None
    if tok.i in by_token or any(
        c.dep_ in ("poss", "prep", "compound", "acl", "relcl") for c in tok.children
    ):
        return None
    last = next((t for t in reversed(ties) if t.type in _CONFLICTS), None)
    if last is None or (cue.type == "SUE" and last.type != "SUE"):
        return None
    i = tok.i
    source = OrgMention((last.source,), i, i + 1, i, "told")
    target = OrgMention((last.target,), i, i + 1, i, "told")
    return Found(cue, tok, [source], [target])


def _reported(src: Source, gaz: Gazetteer, doc: Doc | None = None) -> bool:
    """An outlet, anonymous people, or commentators ("analysts at B wrote"): they report
    on the parties and are none of them."""
    if src.name == ANONYMOUS or gaz.kind(src.name) == "outlet":
        return True
    return doc is not None and any(doc[i].lemma_.lower() in commentators() for i in src.tokens)


def _acted_on(tok: Token) -> bool:
    """A party in the clause ("accusing its own investor of ..."), not a role said of
    someone ("making it the startup's largest investor", "its run as B's backer")."""
    predicate = tok.dep_ in ("oprd", "ccomp", "xcomp") or any(
        c.dep_ == "nsubj" for c in tok.children
    )
    return not predicate and not (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _named_in(sent: Span, by_token: args.ByToken, org: str) -> bool:
    return any(
        (m := by_token.get(t.i)) is not None and m.orgs == (org,) and m.method != "relational"
        for t in sent
    )


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
        if tok.tag_ == "NNS":
            continue  # "one of B's largest customers": a set, not the one B is linked to
        cue = next((c for c in cues_for(tok) if c.role == "relational"), None)
        owner = next((by_token.get(c.i) for c in tok.children if c.dep_ == "poss"), None)
        if cue is None or owner is None or len(owner.orgs) != 1:
            continue
        if any(c.dep_ == "appos" and (c.i in by_token or c.ent_type_) for c in tok.children):
            continue  # "its main rival, Pellham Broadband", "B's owner, Carl Jansen": named
        # "B's investor" is the source of an INVEST tie to B (the target, if reversed)
        linked = [
            (t.target if cue.reverse else t.source)
            for t in ties
            if t.type == cue.type and (t.source if cue.reverse else t.target) == owner.org
        ]
        partner = partners.get(owner.org)
        if not linked and partner and data.ontology()[cue.type]["symmetric"]:
            linked = [partner]
        elif not linked and partner and _acted_on(tok) and _named_in(sent, by_token, partner):
            # "sued B, accusing its own investor of ...": no tie says who the investor
            # is yet, but the owner's usual counterpart is named in this sentence
            linked = [partner]
        if linked:
            org = max(dict.fromkeys(linked), key=linked.count)  # ties: the first linked
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
        banned = {i for s in sources if _reported(s, gaz, doc) or s.scope is None for i in s.tokens}
        hedged = is_hedged(sent)
        for tok, read in _triggers(sent):
            cue = stopped(tok, read)
            own = source_for(tok, sources)
            speaker = None
            # "The CMA said it would review the deal": an authority speaking about a deal
            # is not a party to it.
            if (
                own is not None
                and own.name != ANONYMOUS
                and not _reported(own, gaz, doc)
                and (gaz.kind(own.name) not in AUTHORITY_KINDS)
                and not own.joint  # "the companies said": no one party speaks
            ):
                speaker = OrgMention((own.name,), tok.i, tok.i + 1, tok.i, "speaker", own.actor)
            found = _conflict_told_before(tok, cue, by_token, ties) or parties(
                tok, cue, Scope(sent, by_token, banned, partners, speaker)
            )
            if _dropped_as(found) or _defended(found) or _closed_probe(found) or _left_open(tok):
                continue
            fit_kinds(found, doc, gaz, ties[first:], ties, by_token)
            src = own or inherited
            from_before = own is None and inherited is not None
            new = list(_ties_for(found, sent, src, hedged or from_before, from_before))
            if found.cue.type == "PARTNER" and _contract_in_passing(tok):
                new = _contract_as_background(tok, new)
            # (not "will scrap its plan to invest in B": that investment was never made)
            planned_only = tok.dep_ == "acl" and tok.head.lemma_.lower() in args.intentions()
            if cue is not read and not planned_only:
                new += _still_live(new, read)
            elif cue.type == "END" and _sells_holding(tok):
                # "plans to sell its stake in B": the stake is held until it is sold
                new += _still_live(new, replace(cue, type="INVEST", reverse=False))
            if found.cue.type == "SETTLE" and tok.lemma_.lower() in _SETTLEMENT_DEALS:
                new += _settlement_partners(new)
            topic = implied.talks_topic(tok) if found.cue.type == "NEGOTIATE" else None
            approach = topic == "TAKEOVER" and tok.pos_ == "VERB"
            if topic and (tok.pos_ == "NOUN" or approach):
                talk = (src, hedged or from_before, from_before)
                # "approached B about a takeover": a bid weighed, not talks held
                new = [] if approach else new
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
        reported = [s for s in sources if _reported(s, gaz, doc)]
        inherited = reported[0] if reported else (None if sources else inherited)
    # "delaying a deal the drugmakers had hoped to close": in an article about A buying
    # B, "the deal" between them is the acquisition, not a partnership
    bought = {frozenset((t.source, t.target)) for t in ties if t.type == "ACQUIRE"}
    kept = [
        t for t in ties if not (id(t) in deal_ties and frozenset((t.source, t.target)) in bought)
    ]
    kept = _not_ended(kept)
    # two cues for one reading ("won an order from B": "win" and "order") give one tie
    unique = {_reading(t): t for t in reversed(kept)}
    return [t for t in kept if unique[_reading(t)] is t]


def _not_ended(ties: list[Tie]) -> list[Tie]:
    """Drop the ties an asserted END or SETTLE of the same pair reports as over: the
    supply a terminated contract was, the lawsuit a settlement ended, the purchase still
    to be made that was called off (the "ends" and "ends_unrealized" lists of
    ontology/ties.toml; sample README, guideline 7)."""
    ontology = data.ontology()
    ended = [t for t in ties if t.modality == "asserted"]
    over = {
        (frozenset((t.source, t.target)), kind)
        for t in ended
        for kind in ontology[t.type].get("ends", ())
    }
    # (only in the END's own sentence: a purchase planned elsewhere in the article is
    # often another deal between the two)
    unrealized = {
        (frozenset((t.source, t.target)), kind, t.start)
        for t in ended
        for kind in ontology[t.type].get("ends_unrealized", ())
    }
    return [
        t
        for t in ties
        if (pair := frozenset((t.source, t.target)), t.type) not in over
        and (t.modality != "planned" or (pair, t.type, t.start) not in unrealized)
    ]


def _reading(t: Tie) -> tuple[str, str, str, str, int, int]:
    return (t.source, t.target, t.type, t.modality, t.start, t.end)
