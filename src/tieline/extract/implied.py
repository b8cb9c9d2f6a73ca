"""Parties and ties a trigger implies without naming them in its own phrase.

"A told B it would not renew the deal" (the one told), "A, which owns 12% of B,
backed management's decision" (the company whose management it is), "the
Commission cleared the deal" (the buyer in the article's acquisition), "fined A,
concluding an investigation that began with a complaint from B" (whom B
complained of). And ties beside a trigger's own: a supply made "under an
agreement" is a partnership too; talks "over an order" or "about a funding
round" may become a supply or an investment. The rules call these when a
trigger's own arguments leave a party missing, or after its ties are made.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from tieline import data
from tieline.extract import arguments as args
from tieline.extract.cues import cues_for
from tieline.model import Tie
from tieline.resolve.mentions import OrgMention


def about_organ(tok: Token) -> bool:
    """ "backed management's handling of the crisis", "supports the strategy", "stood
    behind the management team", "has every confidence in management"."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        obj = next(iter(args.prep_objects(tok, ("behind", "by", "in"))), None)
    if obj is None:
        return False
    organs = data.read_words("lexicons", "company_organs.txt")
    poss = next((c for c in obj.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss.lemma_.lower() in organs
    return obj.lemma_.lower() in organs


def organ_owner(
    tok: Token,
    sent: Span,
    by_token: args.ByToken,
    source: list[OrgMention],
    partners: dict[str, str],
) -> list[OrgMention]:
    """The company whose management is meant: the sentence's one other organization
    ("A, which owns 30% of B, said it supported management's decision"), else the
    speaker's most co-mentioned counterpart in the article."""
    have = {o for m in source for o in m.orgs}
    others = {
        m.org: m
        for i, m in by_token.items()
        if sent.start <= i < sent.end and len(m.orgs) == 1 and m.org not in have
    }
    # "B, which owns 14% of C, accused the board": C, named in B's own phrase
    own = {i for m in source for i in _phrase(sent.doc[m.head])}
    inside = {o: m for o, m in others.items() if m.head in own}
    if len(inside) == 1:
        return list(inside.values())
    if len(others) == 1:
        return list(others.values())
    partner = partners.get(source[0].org) if len(source) == 1 else None
    return [OrgMention((partner,), tok.i, tok.i + 1, tok.i, "salient")] if partner else []


def _object_or_about(tok: Token) -> Token | None:
    """The trigger's object, or for a noun what it is about ("opened a review of the deal",
    "an investigation into the takeover")."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is not None or tok.pos_ != "NOUN":
        return obj
    about = (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _ABOUT)
    return next((g for c in about for g in c.children if g.dep_ == "pobj"), None)


def deal_in_article(tok: Token, ties: list[Tie]) -> list[OrgMention]:
    """ "cleared the deal", "is reviewing the takeover": the buyer in the article's latest
    acquisition, when the object names no one."""
    obj = _object_or_about(tok)
    if obj is None or obj.lemma_.lower() not in _BIDS or not args.definite(obj):
        return []
    if any(c.dep_ == "poss" for c in obj.children):
        return []  # "cleared its own deal": the possessor was the party to find
    bought = [t for t in ties if t.type == "ACQUIRE"]
    if not bought:
        return []
    # the buyer, who needs the clearance (the sample gold does not count the bought as
    # regulated by a clearance; an investigation into A's takeover of B names both)
    buyer = bought[-1].source
    return [OrgMention((buyer,), tok.i, tok.i + 1, tok.i, "deal")]


_ABOUT = frozenset({"of", "into", "over"})
_BIDS = frozenset(args.DEALS) | {"offer", "bid"}  # "endorsed the offer": the buyer's


def round_in_article(tok: Token, ties: list[Tie]) -> list[OrgMention]:
    """ "also joined the round", "took part in the round": the company whose funding round
    the article reported last, when the round names no one."""
    near = [c for c in tok.children if c.dep_ in ("dobj", "prep")]
    near += [g for c in near for g in c.children if c.dep_ in ("pobj", "prep")]
    near += [g for c in near if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    rnd = next((t for t in near if t.lemma_.lower() == "round"), None)
    if rnd is None and not _joining(tok):
        return []
    if rnd is not None and not args.definite(rnd):
        return []
    if rnd is not None and any(c.dep_ in ("poss", "prep") for c in rnd.children):
        return []  # "joined Plimco's round", "the round in Plimco": named
    funded = [t for t in ties if t.type == "INVEST"]
    if not funded:
        return []
    return [OrgMention((funded[-1].target,), tok.i, tok.i + 1, tok.i, "deal")]


def _joining(tok: Token) -> bool:
    """ "B also put in money", "C participated alongside B": an investor added to a round
    the article has already reported, without naming it again."""
    return any(
        (c.dep_ == "advmod" and c.lower_ == "also")
        or (c.dep_ == "prep" and c.lower_ in args.ALONGSIDE)
        for c in tok.children
    )


def holding_in_article(tok: Token, sellers: list[OrgMention], ties: list[Tie]) -> list[OrgMention]:
    """ "B, which owns 22% of C, is considering selling its stake": the company the seller
    was last said to hold, when the stake names none."""
    stake = next((o for o in tok.children if o.dep_ in ("dobj", "nsubjpass")), None)
    if stake is None or stake.lemma_.lower() not in _holdings():
        return []
    own = {o for m in sellers for o in m.orgs}
    held = [t.target for t in ties if t.type == "INVEST" and t.source in own]
    return [OrgMention((held[-1],), tok.i, tok.i + 1, tok.i, "deal")] if held else []


_GRIEVANCES = frozenset({"CRITICIZE", "DISPUTE", "COMPLAIN", "END"})


def aggrieved_party(
    tok: Token, plaintiffs: list[OrgMention], sentence_ties: list[Tie]
) -> list[OrgMention]:
    """ "A accused B of delays, and is weighing legal action": whom the sentence has the
    plaintiff already accuse, fall out with or drop."""
    own = {o for m in plaintiffs for o in m.orgs}
    hit = [t for t in sentence_ties if t.type in _GRIEVANCES and t.source in own]
    return [OrgMention((hit[-1].target,), tok.i, tok.i + 1, tok.i, "told")] if hit else []


_TELLING = frozenset({"tell", "inform", "notify", "assure", "warn", "write"})


def addressee(tok: Token, by_token: args.ByToken) -> list[OrgMention]:
    """The organization told what the trigger's clause says ("told B that it would ...")."""
    clause = tok
    while clause.dep_ not in ("ccomp", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.lemma_.lower() not in _TELLING:
        return []
    told = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    return args.orgs_at(told, by_token) if told is not None else []


def _phrase(head: Token) -> set[int]:
    """Tokens of a mention's relative clauses and appositions."""
    return {t.i for c in head.children if c.dep_ in ("relcl", "appos", "acl") for t in c.subtree}


def under_agreement(trigger: Token) -> bool:
    """ "sources its cells from B under a volume agreement signed in 2024", "signed a deal to
    buy cells from B": the verb's tie is made under a deal between the two, so they are
    partners too (sample/README.md, guideline 8)."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    if trigger.dep_ in ("acl", "relcl") and trigger.head.lemma_.lower() in args.DEAL_NOUNS:
        return trigger.dep_ == "acl" or infinitive
    if trigger.dep_ == "advcl" and infinitive:  # "weighing a deal to buy ...", misattached
        return any(
            c.dep_ == "dobj" and c.lemma_.lower() in args.DEAL_NOUNS for c in trigger.head.children
        )
    return any(
        c.dep_ == "prep"
        and c.lower_ == "under"
        # "under a settlement, A will license B's patents" (guideline 8: a settling
        # agreement is a partnership too)
        and (p.lemma_.lower() in args.DEAL_NOUNS or p.lemma_.lower() == "settlement")
        for h in (trigger, *(o for o in trigger.children if o.dep_ == "dobj"))
        for c in h.children
        for p in c.children
        if p.dep_ == "pobj"
    )


def talks_topic(trigger: Token) -> str | None:
    """The tie talks are about: "in talks with B over an order for six vessels" (SUPPLY from
    B), "about supplying chips" (SALE: SUPPLY to B), "takeover talks" (TAKEOVER: A would
    acquire B), "about a funding round" (INVEST by B); None for any other subject."""
    if _about(trigger, "purchase_topics"):
        return "SUPPLY"
    takeovers = _topics("takeover_topics")
    if any(c.dep_ in ("compound", "amod") and c.lower_ in takeovers for c in trigger.children):
        return "TAKEOVER"  # "denied it had held takeover talks with B"
    if trigger.lemma_.lower() == "approach" and _about(trigger, "takeover_topics"):
        return "TAKEOVER"  # "approached B about a takeover"
    if _about_doing(trigger):
        return "SALE"
    return "INVEST" if _about(trigger, "funding_topics") else None


@cache
def _sale_verbs() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["sale_topics"]["verbs"])


def for_use_of(trigger: Token, party: list[OrgMention], by_token: args.ByToken) -> bool:
    """ "talks with B about supplying cells for its cars": whether the goods are for the
    party's own use (an owner inside the topic phrase)."""
    own = {o for m in party for o in m.orgs}
    return any(
        t.dep_ == "poss" and (m := by_token.get(t.i)) is not None and not own.isdisjoint(m.orgs)
        for o in args.prep_objects(trigger, ("over", "about", "on"))
        for t in o.subtree
    )


def sells_to_partner(trigger: Token) -> bool:
    """ "talks with B about selling it ad inventory": the talker sells. Talks about
    supplying, making or building something are, without an owner for the goods, talks
    with the one who would supply it ("held talks with B about manufacturing the chips")."""
    return any(
        o.lemma_.lower() == "sell" for o in args.prep_objects(trigger, ("over", "about", "on"))
    )


def _about_doing(trigger: Token) -> bool:
    """ "in discussions with B about supplying chips": talks about a sale."""
    return any(
        o.pos_ == "VERB"
        and o.lemma_.lower() in _sale_verbs()
        # "about selling the stake": a stake sold is an exit, not a supply
        and not any(c.dep_ == "dobj" and c.lemma_.lower() in _holdings() for c in o.children)
        for o in args.prep_objects(trigger, ("over", "about", "on"))
    )


@cache
def _holdings() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["sale_topics"]["holdings"])


@cache
def _topics(table: str) -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")[table]["nouns"])


def _about(trigger: Token, table: str) -> bool:
    """Whether the trigger's "over/about/on/for" phrase is one of a table's topics."""
    topics = _topics(table)
    return any(
        o.lemma_.lower() in topics
        or any(c.lower_ in topics for c in o.children if c.dep_ in ("compound", "amod"))
        for host in (trigger, *([trigger.head] if trigger.dep_ == "dobj" else []))
        for o in args.prep_objects(host, ("over", "about", "on", "for"))
    )


def complained_of(
    trigger: Token, sentence_ties: list[Tie], article_ties: list[Tie]
) -> list[OrgMention]:
    """The organizations a complaint with no named target is about: those the same
    sentence has an authority regulate ("fined A, concluding an investigation that began
    with a complaint from B"), or the article's last probe when the sentence points back
    to it ("The probe follows a complaint filed by B")."""
    regulated = sorted({t.target for t in sentence_ties if t.type == "REGULATE"})
    if not regulated and _names_the_probe(trigger.sent):
        last = next((t for t in reversed(article_ties) if t.type == "REGULATE"), None)
        regulated = [last.target] if last is not None else []
    i = trigger.i
    return [OrgMention((org,), i, i + 1, i, "complained") for org in regulated]


def _names_the_probe(sent: Span) -> bool:
    """ "the probe", "the investigation": a definite noun of a REGULATE cue."""
    return any(
        tok.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        and any(cue.type == "REGULATE" for cue in cues_for(tok))
        for tok in sent
    )


def parallel_target(
    tok: Token, typ: str, source: list[OrgMention], ties: list[Tie]
) -> list[OrgMention]:
    """ "C is considering a complaint of its own", "its own lawsuit": against whom the
    article's earlier tie of that type was, by someone else."""
    own = any(c.lower_ == "own" for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ == "own" for p in c.children)
        for c in tok.children
    )
    if not own or data.ontology()[typ]["symmetric"]:
        return []
    mine = {o for m in source for o in m.orgs}
    earlier = (t for t in reversed(ties) if t.type == typ and not {t.source, t.target} & mine)
    last = next(earlier, None)
    return [OrgMention((last.target,), tok.i, tok.i + 1, tok.i, "parallel")] if last else []
