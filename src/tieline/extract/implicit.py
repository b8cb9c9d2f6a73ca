"""Ties stated without a cue word: goods made by a supplier, stakes sold to a buyer.

"Its first satellites, built by B, reached orbit", "A's phones are manufactured
by B" and "A flies jets made by B" say B supplies A, though no supply word is
used: the thing belongs to A (its possessor, or what A's clause acts on) and B
is the agent of a making verb (lexicons/made_by.toml). Acts and words "made by"
someone ("an offer made by B") are not goods.

"A sold its stake in B to C" says C now invests in B (A's own exit is an END
tie the cue rules read from "sold its stake"); "A sold B to C" and "the sale of B
to C" say C acquires B and A ends its ownership.

"A is the second-largest shareholder in B after C" and "... ahead of C" say C holds
a larger stake in B.

"A trains its models in B's data centers", "A hosts its app on B's servers": work
done on another organization's infrastructure (lexicons/made_by.toml) is B's supply,
and so are goods taken in place of others ("replace its systems with gear from B").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from tieline import data
from tieline.extract import arguments as args
from tieline.extract import cues
from tieline.extract.attribution import ANONYMOUS, Source, source_for
from tieline.extract.modality import modality_of
from tieline.model import Tie
from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention

_NOT_PARTIES = {"outlet", "regulator", "court", "agency", "government"}
_STAKES = frozenset({"stake", "share", "shares", "holding", "interest"})
_HOLDERS = frozenset({"fund", "bank", "government", "agency", "regulator"})
_SELLING = frozenset({"sell", "transfer", "offload", "divest", "unload"})


@dataclass(frozen=True, slots=True)
class Context:
    """What every reading of one sentence shares."""

    sent: Span
    by_token: dict[int, OrgMention]
    gaz: Gazetteer
    sources: list[Source]
    hedged: bool
    evidence: tuple[str, int, int]
    extractor: str

    def tie(
        self, source: str, target: str, typ: str, clause: Token, *, presupposed: bool = False
    ) -> Tie:
        modality = "asserted" if presupposed else modality_of(clause)
        weight = float(data.ontology()[typ]["weight"])
        src = source_for(clause, self.sources)
        text, start, end = self.evidence
        return Tie(
            source=source,
            target=target,
            type=typ,
            modality=modality,
            hedged=self.hedged or (src is not None and src.name == ANONYMOUS),
            attributed_to=src.name if src else None,
            actor=src.actor if src else None,
            score=round(weight * data.modality_factors()[modality], 3),
            evidence=text,
            start=start,
            end=end,
            extractor=self.extractor,
        )


def implicit_ties(ctx: Context) -> Iterator[Tie]:
    """Every tie of the sentence read without a cue word."""
    yield from made_by(ctx)
    yield from stake_buyers(ctx)
    yield from company_sales(ctx)
    yield from on_infrastructure(ctx)
    yield from replacement_goods(ctx)
    yield from ranked_holders(ctx)
    yield from goods_on_site(ctx)
    yield from revenue_share(ctx)


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    table = data.read_toml("lexicons", "made_by.toml")
    return frozenset(table["verbs"]), frozenset(table["not_goods"]), frozenset(table["from_verbs"])


def _org(tok: Token | None, by_token: dict[int, OrgMention]) -> str | None:
    m = by_token.get(tok.i) if tok is not None else None
    return m.org if m is not None and len(m.orgs) == 1 else None


def _maker(verb: Token, by_token: dict[int, OrgMention], via: str) -> str | None:
    """The "by" agent ("made by B"), or for goods obtained, the "from" source ("rented
    from B"); a name or the owner of the named thing ("powered by B engines")."""
    if via == "by":
        prep = next((c for c in verb.children if c.dep_ == "agent"), None)
    else:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    owners = {m.org for m in args.possessors(obj, by_token) if len(m.orgs) == 1}
    return _org(obj, by_token) or (owners.pop() if len(owners) == 1 else None)


def _thing(verb: Token) -> Token | None:
    """The goods: the noun the participle modifies, or the passive clause's subject."""
    if verb.dep_ == "acl":
        return verb.head
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _owner(thing: Token, by_token: dict[int, OrgMention]) -> str | None:
    """Whose the goods are: their possessor, else the subject of the clause that
    acts on them ("A flies jets made by B")."""
    if any(c.dep_ == "poss" for c in thing.children):
        return _possessor(thing, by_token)
    verb = thing
    for _ in range(4):  # "B, which flies jets made by C"; "trains its models on capacity
        # rented from C": up through objects and prepositions to the verb acting on them
        if verb.dep_ not in ("dobj", "pobj", "prep") or verb.head.i == verb.i:
            return None
        verb = verb.head
        # a root with a subject is a verb the tagger took for a noun ("engine runs on")
        if verb.pos_ == "VERB" or (verb.dep_ == "ROOT" and args.subject_of(verb) is not None):
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            subject = args.subject_of(verb) or passive
            # "The studio's games are built on an engine licensed from B": the
            # subject's owner when the subject is a thing
            return _org(subject, by_token) or _possessor(subject, by_token)
    return None


def _possessor(tok: Token | None, by_token: dict[int, OrgMention]) -> str | None:
    poss = next((c for c in tok.children if c.dep_ == "poss"), None) if tok is not None else None
    return _org(poss, by_token)


def made_by(ctx: Context) -> Iterator[Tie]:
    """SUPPLY ties for goods of one organization made by another."""
    verbs, not_goods, from_verbs = _lexicon()
    for verb in ctx.sent:
        lemma = verb.lemma_.lower()
        if verb.tag_ != "VBN" or (lemma not in verbs and lemma not in from_verbs):
            continue
        thing = _thing(verb)
        if thing is None or thing.i in ctx.by_token or thing.lemma_.lower() in not_goods:
            continue
        via = "by" if lemma in verbs else "from"
        maker, owner = _maker(verb, ctx.by_token, via), _owner(thing, ctx.by_token)
        if maker is None or owner is None or maker == owner:
            continue
        if ctx.gaz.kind(maker) in _NOT_PARTIES or ctx.gaz.kind(owner) == "outlet":
            continue
        yield ctx.tie(maker, owner, "SUPPLY", thing.head if thing.dep_ == "dobj" else verb)


def stake_buyers(ctx: Context) -> Iterator[Tie]:
    """INVEST ties for buyers of stakes others sold ("sold its stake in B to C")."""
    for verb in ctx.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _SELLING:
            continue
        stake = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if stake is None or stake.lemma_.lower() not in _STAKES:
            continue
        # "its stake in B": the parser may hang "in B" on the verb
        ins = args.prep_objects(stake, ("in",)) or args.prep_objects(verb, ("in",))
        held = {m.org for o in ins for m in args.orgs_at(o, ctx.by_token)}
        buyers = {  # "to C" hangs on the verb, the stake, or the company the stake is in
            m.org
            for host in (verb, stake, *ins)
            for o in args.prep_objects(host, ("to",))
            for m in args.orgs_at(o, ctx.by_token)
        }
        if not held and not cues.held_object(verb):
            # "agreed to sell a 20% stake to C": shares in the seller itself -- unless the
            # seller is an investor or a state, whose stakes are in other companies
            sellers = args.orgs_at(args.subject_of(verb), ctx.by_token)
            held = {m.org for m in sellers if ctx.gaz.kind(m.org) not in _HOLDERS}
        for buyer in sorted(buyers):
            if ctx.gaz.kind(buyer) in _NOT_PARTIES:
                continue
            for company in sorted(held - {buyer}):
                yield ctx.tie(buyer, company, "INVEST", verb)


def company_sales(ctx: Context) -> Iterator[Tie]:
    """A company sold whole: "A sold B to C", "A completed the sale of B to C" -- C acquires
    B and A ends its ownership (a sale of goods is SUPPLY, read by the cue rules)."""
    for tok in ctx.sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in _SELLING:
            sold = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
            seller = args.subject_of(tok) if sold is not None and sold.dep_ == "dobj" else None
        elif tok.pos_ == "NOUN" and lemma == "sale":
            sold = next(iter(args.prep_objects(tok, ("of",))), None)
            seller = next((c for c in tok.children if c.dep_ == "poss"), None)
            seller = seller or (args.subject_of(tok.head) if tok.dep_ == "dobj" else None)
        else:
            continue
        owned = {m.org for m in _whole(sold, ctx.by_token)}
        buyers = {m.org for o in _to_buyer(tok, sold) for m in args.orgs_at(o, ctx.by_token)}
        sellers = {m.org for m in args.orgs_at(seller, ctx.by_token)} - owned
        for company in sorted(owned):
            for buyer in sorted(buyers - {company}):
                if ctx.gaz.kind(buyer) not in _NOT_PARTIES:
                    yield ctx.tie(buyer, company, "ACQUIRE", tok)
            for gone in sorted(sellers - buyers) if buyers else ():
                yield ctx.tie(gone, company, "END", tok)


_NAMED = frozenset({"gazetteer", "ner", "short", "context"})


def _whole(sold: Token | None, by_token: dict[int, OrgMention]) -> list[OrgMention]:
    """The organization sold itself (not "its stake in B", not "B's cells")."""
    if sold is None or sold.lemma_.lower() in _STAKES:
        return []
    return [
        m
        for m in args.orgs_at(sold, by_token)
        # named: not "sell it to B" (the goods), not "sold Calder's pill X"
        if by_token.get(sold.i) is m and m.method in _NAMED
    ]


def _to_buyer(tok: Token, sold: Token | None) -> list[Token]:
    """ "to C", on the verb or noun, on the company sold or on the verb that has the sale
    as its object ("completed the sale of B, ..., to C"): where the parser may hang it."""
    hosts = [tok] + ([sold] if sold is not None else [])
    hosts += [tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else []
    return [o for h in hosts for o in args.prep_objects(h, ("to",))]


@cache
def _infrastructure() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "made_by.toml")["infrastructure"])


def _acting_verb(tok: Token) -> Token:
    """The verb acting on the thing a place phrase hangs on: "trains its models in B's
    data centers", "runs most of its models on B's cloud"."""
    for _ in range(4):
        if tok.pos_ == "VERB" or tok.dep_ not in ("dobj", "pobj", "prep", "advmod", "npadvmod"):
            return tok
        tok = tok.head
    return tok


def on_infrastructure(ctx: Context) -> Iterator[Tie]:
    """SUPPLY ties for work an organization does on another's infrastructure: "A trains
    its models in B's data centers" (B supplies A)."""
    for place in ctx.sent:
        if place.dep_ != "pobj" or place.lemma_.lower() not in _infrastructure():
            continue
        prep, verb = place.head, _acting_verb(place.head.head)
        if prep.lower_ not in ("in", "on", "through") or verb.pos_ != "VERB":
            continue
        owner = next((c for c in place.children if c.dep_ == "poss"), None)
        supplier = _org(owner, ctx.by_token)
        user = _org(args.subject_of(verb), ctx.by_token)
        if supplier is None or user is None or supplier == user:
            continue
        if ctx.gaz.kind(supplier) in _NOT_PARTIES or ctx.gaz.kind(user) in _NOT_PARTIES:
            continue
        yield ctx.tie(supplier, user, "SUPPLY", verb)


# "replace its systems with gear from B", "fit the jets with engines from B"
_TAKING_IN = frozenset({"replace", "switch", "swap", "fit", "equip", "outfit", "refit"})


def replacement_goods(ctx: Context) -> Iterator[Tie]:
    """SUPPLY ties for goods taken in place of others: "A will replace the vendor's
    systems with gear from B" (B will supply A; the END is the cue rules')."""
    for verb in ctx.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _TAKING_IN:
            continue
        user = _org(args.subject_of(verb), ctx.by_token)
        goods = [o for o in args.prep_objects(verb, ("with", "to")) if o.i not in ctx.by_token]
        for o in goods:
            for p in args.prep_objects(o, ("from",)):
                supplier = _org(p, ctx.by_token)
                if supplier is None or user is None or supplier == user:
                    continue
                if ctx.gaz.kind(supplier) in _NOT_PARTIES:
                    continue
                yield ctx.tie(supplier, user, "SUPPLY", verb)


@cache
def _sites() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "made_by.toml")["sites"])


@cache
def _site_verbs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Verbs of goods at work on a site, of installing them, of parts being in products."""
    table = data.read_toml("lexicons", "made_by.toml")
    return (
        frozenset(table["site_verbs"]),
        frozenset(table["installing_verbs"]),
        frozenset(table["being_in_verbs"]),
    )


@cache
def _people() -> frozenset[str]:
    words = args.people_words()
    return frozenset(words["heads"]) | frozenset(words["plural"]) | frozenset(words["outsiders"])


def _orgs_of(toks: list[Token], ctx: Context) -> set[str]:
    return {m.org for t in toks for m in args.orgs_at(t, ctx.by_token) if len(m.orgs) == 1}


def goods_on_site(ctx: Context) -> Iterator[Tie]:
    """SUPPLY ties for goods one organization has at work in another's sites: "the first
    300 robots from A are now working in four B warehouses", "A has installed 200 robots
    at B sites", "B chips are due to appear in C's 2024 models" (the first supplies the
    second)."""
    on_site, installing, being_in = _site_verbs()
    for verb in ctx.sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or (lemma not in on_site and lemma not in installing):
            continue
        goods = _goods(verb, ctx)
        places = args.prep_objects(verb, ("in", "at", "across", "inside", "on", "into"))
        # (not "B's app runs on C's phones": running on another's devices is the reverse)
        inside = [p for p in places if p.lemma_.lower() in _products() and lemma in being_in]
        makers = _goods_makers(verb, goods, bool(inside), lemma in installing, ctx)
        owners = _site_owners(places, inside, ctx)
        if len(makers) != 1 or len(owners) != 1:
            continue
        maker, owner = makers.pop(), owners.pop()
        kinds = {ctx.gaz.kind(maker), ctx.gaz.kind(owner)}
        if maker != owner and kinds.isdisjoint(_NOT_PARTIES):
            yield ctx.tie(maker, owner, "SUPPLY", verb)


def _goods_makers(
    verb: Token, goods: Token | None, in_product: bool, installing: bool, ctx: Context
) -> set[str]:
    """Who the goods come from: "robots from A", the installer ("A has installed"), or for
    parts inside a product the goods' owner ("A chips", "A's chips")."""
    makers = _orgs_of(args.prep_objects(goods, ("from",)) if goods is not None else [], ctx)
    if installing and not makers and not args.is_passive(verb):
        makers = _orgs_of([args.subject_of(verb)], ctx)
    if not makers and in_product and goods is not None:
        makers = {m.org for m in args.possessors(goods, ctx.by_token) if len(m.orgs) == 1}
    return makers


def _site_owners(places: list[Token], inside: list[Token], ctx: Context) -> set[str]:
    """Whose the sites or products are: "four B warehouses", "B's plant"."""
    sites = _sites()
    return {
        m.org
        for p in places
        if p.lemma_.lower() in sites or p in inside
        for m in args.possessors(p, ctx.by_token)
        if len(m.orgs) == 1
    }


@cache
def _products() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "made_by.toml")["products"])


@cache
def _revenue() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "made_by.toml")["revenue"])


def revenue_share(ctx: Context) -> Iterator[Tie]:
    """SUPPLY ties for a customer's share of a company's revenue: "Tessaro, which accounts
    for roughly a fifth of Pinewell's revenue" (Pinewell supplies Tessaro)."""
    revenue = _revenue()
    for verb in ctx.sent:
        if verb.lemma_.lower() != "account" or verb.pos_ != "VERB":
            continue
        for share in args.prep_objects(verb, ("for",)):
            whole = [share, *(p for p in args.prep_objects(share, ("of",)))]
            if not any(w.lemma_.lower() in revenue or w.lower_ in revenue for w in whole):
                continue
            sellers = {m.org for m in args.possessors(share, ctx.by_token) if len(m.orgs) == 1}
            buyers = _orgs_of([args.subject_of(verb)], ctx)
            if len(sellers) == 1 and len(buyers) == 1 and sellers != buyers:
                seller, buyer = sellers.pop(), buyers.pop()
                if {ctx.gaz.kind(seller), ctx.gaz.kind(buyer)}.isdisjoint(_NOT_PARTIES):
                    yield ctx.tie(seller, buyer, "SUPPLY", verb)


def _goods(verb: Token, ctx: Context) -> Token | None:
    """The goods doing the verb: its subject, unless that is a party, an act or people
    ("engineers from A working in B's labs" are staff, not goods)."""
    goods = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if goods is None and verb.dep_ == "xcomp" and verb.head.dep_ == "acomp":
        # "B chips are due to appear in C's models": the subject of "are due"
        goods = next((c for c in verb.head.head.children if c.dep_ == "nsubj"), None)
    if goods is None or goods.i in ctx.by_token:
        return None
    word = goods.lemma_.lower()
    return None if word in _lexicon()[1] or word in _people() else goods


_HOLDER_NOUNS = frozenset({"shareholder", "investor", "backer", "owner", "stakeholder"})


def ranked_holders(ctx: Context) -> Iterator[Tie]:
    """INVEST ties for the holder a ranking names: "makes A the largest shareholder in B,
    ahead of C", "the Dutch company's second-largest shareholder after the fund C"."""
    for noun in ctx.sent:
        if noun.lemma_.lower() not in _HOLDER_NOUNS or not _ranked(noun):
            continue
        holders = _ranked_behind(noun, ctx.by_token)
        company = _held_company(noun, ctx) if holders else None
        if company is None:
            continue
        for holder in holders:
            if holder != company and ctx.gaz.kind(holder) not in _NOT_PARTIES:
                # C holds its stake now, whatever the new holder only plans
                yield ctx.tie(holder, company, "INVEST", noun, presupposed=True)


def _ranked(noun: Token) -> bool:
    """ "largest", "second-largest", "biggest": a ranking among holders."""
    return any(
        c.dep_ in ("amod", "compound") and ("larg" in c.lower_ or "bigg" in c.lower_)
        for c in noun.children
    )


def _ranked_behind(noun: Token, by_token: dict[int, OrgMention]) -> list[str]:
    """The organizations after "after" or "ahead of" following the holder noun, within
    its clause."""
    out = []
    for tok in noun.sent[noun.i - noun.sent.start + 1 :]:
        if tok.lower_ not in ("after", "ahead") or tok.i - noun.i > 6:
            continue
        host = next((c for c in tok.children if c.lower_ == "of"), tok)  # "ahead of C"
        for obj in (c for c in host.children if c.dep_ == "pobj"):
            out += [m.org for m in args.orgs_at(obj, by_token) if len(m.orgs) == 1]
    return out


def _held_company(noun: Token, ctx: Context) -> str | None:
    """Whose shares: "shareholder in B", "B's shareholder", else the company of the
    sentence's stake ("take a 12% stake in B, which would make it the ... shareholder")."""
    ranked = _ranked_one(noun, ctx.by_token)
    found = [m.org for o in args.prep_objects(noun, ("in",)) for m in args.orgs_at(o, ctx.by_token)]
    found = found or [m.org for m in args.possessors(noun, ctx.by_token) if len(m.orgs) == 1]
    companies = set(found) - ranked
    if not companies:
        for stake in (t for t in ctx.sent if t.lemma_.lower() in _STAKES | _INVESTING):
            ins = args.prep_objects(stake, ("in",)) or args.prep_objects(stake.head, ("in",))
            companies |= {m.org for o in ins for m in args.orgs_at(o, ctx.by_token)} - ranked
    return companies.pop() if len(companies) == 1 else None


_INVESTING = frozenset({"investment", "invest"})


def _ranked_one(noun: Token, by_token: dict[int, OrgMention]) -> set[str]:
    """Who the ranking is of: the object or subject of the verb that makes or calls it so
    ("makes A the largest shareholder", "A ..., becoming the largest shareholder")."""
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out = set()
    for v in (verb, verb.head, noun.sent.root):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "ccomp") and c.i != noun.i:
                out |= {m.org for m in args.orgs_at(c, by_token) if len(m.orgs) == 1}
    return out
