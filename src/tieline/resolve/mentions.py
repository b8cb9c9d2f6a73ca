"""Find every organization mention on a parsed doc: named, product, person, description, pronoun.

Named mentions come from the entity ruler (gazetteer ids) and spaCy's NER;
descriptions and pronouns are resolved by :mod:`tieline.resolve.coref`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tieline import data
from tieline.resolve.gazetteer import (
    DESCRIPTOR_LABEL,
    PERSON_LABEL,
    PRODUCT_LABEL,
    Gazetteer,
    org_words,
    places,
)
from tieline.resolve.names import display_name, is_legal_suffix, name_key
from tieline.resolve.spans import (
    before_preposition,
    capitalised_by_position,
    comma_parts,
    dateline,
    dateline_place,
    ent_len,
    hyphen_tail,
    joining_hyphen,
    particle_tail,
    town_of_region,
    with_hyphenated_start,
    without_leading_date,
    without_trailing_conjunction,
)

# NER labels that may hide an organization spaCy sm mislabels (OpenAI as GPE).
_MAYBE_ORG = {"GPE", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT"}


@dataclass(slots=True)
class OrgMention:
    """Tokens [start, end) of a doc that refer to one or more organizations."""

    orgs: tuple[str, ...]
    start: int
    end: int
    head: int
    method: str  # gazetteer, ner, product, person, descriptor, pronoun, plural
    actor: str | None = None  # the person, when an officer speaks or acts
    text: str = ""  # surface form, for named mentions

    @property
    def org(self) -> str:
        """The organization (first, for plural mentions)."""
        return self.orgs[0]


@cache
def _not_orgs() -> frozenset[str]:
    return data.read_words("gazetteer", "not_orgs.txt") | data.read_words("gazetteer", "places.txt")


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    titles = data.read_words("lexicons", "titles.txt")
    return tuple(sorted((tuple(t.split()) for t in titles), key=len, reverse=True))


def _plausible_org(text: str) -> bool:
    key = name_key(text)
    return (
        len(key) > 1
        and key not in _not_orgs()
        and any(c.isupper() for c in text)
        and not key.replace(" ", "").isdigit()
    )


def _named(ent: Span, gaz: Gazetteer) -> OrgMention | None:
    m = _named_kind(ent, gaz)
    if m is not None:
        m.text = ent.text
    return m


def _named_kind(ent: Span, gaz: Gazetteer) -> OrgMention | None:
    label, kid = ent.label_, ent.ent_id_
    head = ent.root.i
    if label == "ORG" and kid:
        return OrgMention((kid,), ent.start, ent.end, head, "gazetteer")
    if label == PRODUCT_LABEL and kid:
        return OrgMention((kid,), ent.start, ent.end, head, "product")
    if label == PERSON_LABEL and kid:
        return OrgMention((kid,), ent.start, ent.end, head, "person", actor=ent.text)
    if label == DESCRIPTOR_LABEL and kid:
        return OrgMention((kid,), ent.start, ent.end, head, "descriptor")
    known = gaz.lookup(ent.text) or (_division_of(ent.text, gaz) if label == "ORG" else None)
    if known and (label == "ORG" or label in _MAYBE_ORG):
        return OrgMention((known,), ent.start, ent.end, head, "gazetteer")
    if label == "ORG" and _plausible_org(ent.text):
        start = ent.start
        while (
            capitalised_by_position(ent.doc[start])  # not "The Dairy Farmers Alliance"
            and start < ent.end - 1
            and ent.doc[start].lemma_.lower() in _descriptor_heads()
        ):
            start += 1  # "Grocer Tallow Mart" at a sentence start: the name is Tallow Mart
        name = ent.doc[start : ent.end].text
        return OrgMention((display_name(name),), start, ent.end, head, "ner")
    return None


@cache
def _division_words() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["divisions"]["words"])


def _division_of(name: str, gaz: Gazetteer) -> str | None:
    """The known company whose division this name is: "Microsoft AI" is Microsoft."""
    words = name.split()
    for k in range(len(words) - 1, 0, -1):
        if all(w.casefold() in _division_words() for w in words[k:]):
            owner = gaz.lookup(" ".join(words[:k]))
            if owner is not None:
                return owner
    return None


# relational titles ("its new partner, Zorvex Labs") may stand before a company
_OFFICER_ONLY = frozenset({("partner",), ("analyst",), ("head",), ("executive",)})


def _titled_person(doc: Doc, m: OrgMention) -> bool:
    """ "chief executive Paul Hennessy", "Tenbury's finance director, Olive Haskins,": a
    name the NER took for a company is a person after a job title."""
    if _title_before(doc, m.start) is not None:
        return True
    if m.org.split()[-1].lower() in org_words():
        return False
    if _title_behind(doc, m.end):
        return True  # "said Marte Lund, a partner at Fjellstad"
    start = m.start
    if m.end - start == 1 and start >= 2 and doc[start - 1].is_title and doc[start - 2].text == ",":
        start -= 1  # "Haldor's chief executive, Per Bakke,": the NER kept the surname only
    if start < 2 or doc[start - 1].text != "," or m.end - start not in (2, 3):
        return False
    at = _title_before(doc, start - 1)
    return at is not None and tuple(t.lower_ for t in doc[at : start - 1]) not in _OFFICER_ONLY


def _title_behind(doc: Doc, end: int) -> bool:
    """ ", a partner at B", ", chief executive of B": a job title in apposition after the
    name, with the employer named (a company "B, a partner of C" has no "at")."""
    i = end + 1
    if end >= len(doc) or doc[end].text != ",":
        return False
    if i < len(doc) and doc[i].lower_ in ("a", "an", "the"):
        i += 1
    after = _title_after(doc, i)
    if after is None and i < len(doc) and doc[i].lower_ in _PERSON_ONLY_HEADS:
        after = i + 1
    return after is not None and after < len(doc) and doc[after].lower_ in ("at", "of", "for")


# heads that, followed by "at B", are people ("a partner at Fjellstad", "an analyst at B")
_PERSON_ONLY_HEADS = frozenset({"partner", "analyst", "economist", "strategist", "adviser"})


def _title_before(doc: Doc, start: int) -> int | None:
    """Index where a job title ending right before ``start`` begins, else None."""
    words = [t.lower_ for t in doc[max(0, start - 4) : start]]
    for title in _titles():
        if len(title) <= len(words) and tuple(words[-len(title) :]) == title:
            return start - len(title)
    return None


@cache
def commentators() -> frozenset[str]:
    """People who comment on the parties and act for none (descriptors.toml)."""
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["people"]["commentators"])


def _person_org(ent: Span, by_token: dict[int, OrgMention], gaz: Gazetteer) -> str | None:
    """Organization a PERSON acts for: gazetteer, "Acme CEO Jane Doe", or apposition."""
    known = gaz.person(ent.text)
    if known:
        return known[0]
    t0 = _title_before(ent.doc, ent.start)
    if t0 is not None:
        before = by_token.get(t0 - 1) or by_token.get(t0 - 2)  # "Acme's CEO"
        if before:
            return before.org
    for child in ent.root.children:
        if child.dep_ == "appos" and head_word(child) in commentators():
            return None  # "Tomasz Wiecek, an analyst at Orland Securities"
        if child.dep_ == "appos":
            for tok in child.subtree:
                if tok.i in by_token and tok.i != ent.root.i:
                    return by_token[tok.i].org
    if t0 is not None and (t0 == ent.sent.start or ent.doc[t0 - 1].text in (",", ";", ":")):
        return _last_subject(ent.doc, t0, by_token)  # "Chief executive Fiona Drummond said"
    return None


def _last_subject(doc: Doc, before: int, by_token: dict[int, OrgMention]) -> str | None:
    """The organization that is subject of the sentence before ``before`` (or of this one):
    whose "chief executive" a bare title means."""
    sent = doc[before].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(before - 1, start - 1, -1):
        m = by_token.get(i)
        if m is not None and len(m.orgs) == 1 and doc[m.head].dep_ in ("nsubj", "nsubjpass"):
            return m.org
    return None


def _named_like_a_company(ent: Span, gaz: Gazetteer) -> bool:
    """A two- or three-word "person" the article also calls by its first word alone.

    The small model reads unknown names such as "Tillford Agritech" as people;
    news calls a person by the surname ("Hale said") but a company by its first
    word ("Tillford kept selling").
    """
    if not 2 <= len(ent) <= 3 or gaz.person(ent.text) or _title_before(ent.doc, ent.start):
        return False
    first, second = ent[0], ent[1]
    if not first.is_title:
        return False
    return any(
        t.text == first.text and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].text != second.text)
        for t in ent.doc
        if t.i != first.i
    )


def _company_head_word(ent: Span, gaz: Gazetteer) -> bool:
    """A "person" whose last word heads company names ("Ridgeway Coaches", "Vexa Cells"),
    unless that word is also a surname (surname_words.txt) or a title precedes it."""
    last = ent[-1].lower_
    if len(ent) < 2 or last not in org_words() or last in _surname_words():
        return False
    return not gaz.person(ent.text) and _title_before(ent.doc, ent.start) is None


@cache
def _surname_words() -> frozenset[str]:
    return data.read_words("gazetteer", "surname_words.txt")


def _org_prefix(ent: Span) -> bool:
    """A two-word "person" that opens a longer organization name of the same article
    ("Starling Reach" after "Starling Reach Media"); _unify_short_names maps it."""
    if len(ent) < 2:
        return False
    lead = ent.text + " "
    return any(e.label_ == "ORG" and e.text.startswith(lead) for e in ent.doc.ents)


def _org_head_after(doc: Doc, i: int) -> bool:
    if i >= len(doc) or not doc[i].is_title or doc[i].ent_type_ not in ("", "ORG"):
        return False
    return doc[i].lower_ in org_words()


@cache
def _owned_context() -> dict[str, list[str]]:
    return data.read_toml("lexicons", "descriptors.toml")["owned_context"]


def _owned_thing(ent: Span) -> bool:
    """ "completed its purchase of Tallis Checkout", "took a stake in Vell Ocean", "Quarry
    Silicon, its smaller rival": what is bought, invested in, merged with or described as
    a company is one, whatever the NER calls the name."""
    if len(ent) < 2 or _title_before(ent.doc, ent.start) or _title_behind(ent.doc, ent.end):
        return False  # "Marte Lund, a partner at Fjellstad": a person with her employer
    ctx = _owned_context()
    root = ent.root
    described = {head_word(c) for c in root.children if c.dep_ == "appos"}
    if described & (_descriptor_heads() | set(ctx["relations"])):
        return True  # "Quarry Silicon, its smaller rival": a company's description
    if root.dep_ == "pobj" and root.head.lower_ == "with":
        return root.head.head.lemma_.lower() in ctx["ventures"]  # "a merger with B"
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() in ctx["verbs"]
    if root.dep_ == "pobj" and root.head.lower_ in ("of", "in"):
        return root.head.head.lemma_.lower() in ctx["nouns"]
    return False


# prepositions that never sit inside an organization's name ("of" and "for" may)
def _inside_longer_name(ent: Span) -> bool:
    """A one-word gazetteer match right after a capitalised proper noun that modifies it, or
    the word both modify, and belongs to no other entity ("Marrow Vale" is not Vale, "Costa
    Azul Air" not Azul)."""
    if len(ent) != 1 or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    # at a sentence start any noun is capitalised: "Chipmaker Nvidia" is Nvidia, while
    # "Kalmar Mobil" is not Mobil
    described = before.lower_ in _descriptor_heads() or before.lower_ in _appositive_heads()
    return (
        _bare_capital(before)
        and (
            (before.dep_ == "compound" and before.head.i == ent.start)
            or (before.dep_ in _MODIFIER and before.head.i == ent.root.head.i != ent.root.i)
        )
        and not (before.is_sent_start and described)
    )


_MODIFIER = frozenset({"compound", "amod"})


def _bare_capital(tok: Token) -> bool:
    """A capitalised proper noun outside every entity: part of a name the NER missed."""
    return tok.pos_ == "PROPN" and tok.is_title and tok.ent_type_ == ""


def _name_tail(ent: Span) -> int:
    """End of the longer name around a gazetteer word: "Costa Azul Air" runs on to the
    capitalised word both modify."""
    nxt = ent.end
    if nxt < len(ent.doc) and nxt == ent.root.head.i and _bare_capital(ent.doc[nxt]):
        return nxt + 1
    return ent.end


def find_named(doc: Doc, gaz: Gazetteer) -> list[OrgMention]:
    """Named mentions: gazetteer and NER organizations, products, officers."""
    out: list[OrgMention] = []
    by_token: dict[int, OrgMention] = {}
    persons: list[Span] = []
    first_names = {e[0].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    for ent in (part for whole in _with_group_names(doc) for part in comma_parts(whole)):
        if dateline(ent) or town_of_region(ent) or _MODEL.fullmatch(ent.text):
            continue  # a dateline's or a state's town; "D40", "A320": a model, not its maker
        if ent.start > 0 and doc[ent.start - 1].text == "(" and _next_text(doc, ent.end) == ":":
            continue  # "(Nasdaq: ALDB)": where the shares trade, not an actor
        if ent.label_ == "ORG" and len(ent) == 1 and ent.text in first_names and not ent.ent_id_:
            continue  # '"Dale and his team ...," said ... Dale Okonjo': a first name
        ent = without_trailing_conjunction(without_leading_date(ent))
        ent = _before_title(with_hyphenated_start(before_preposition(ent)))
        if _place_led_description(ent) or _leading_kind_word(ent):
            continue  # "the San Francisco AI start-up": a description, not a name
        m = _named(ent, gaz)
        if m is not None and m.method in ("gazetteer", "product") and _inside_longer_name(ent):
            # "dairy group Marrow Vale": a known one-word name ending an unknown longer one
            start, end = ent.start - 1, _name_tail(ent)
            name = display_name(doc[start:end].text)
            m = OrgMention((name,), start, end, end - 1, "ner", text=doc[start:end].text)
        if m is not None and m.method == "ner" and _titled_person(doc, m):
            # "Sable Ridge partner Ines Duval": a person after a job title, even when her
            # surname is a known brand ("chief executive Paul Hennessy")
            persons.append(doc[m.start : m.end])
            continue
        if (
            m is None
            and ent.label_ == "PERSON"
            and (
                _named_like_a_company(ent, gaz)
                or _owned_thing(ent)
                or _org_prefix(ent)
                or _company_head_word(ent, gaz)
            )
        ):
            m = OrgMention((display_name(ent.text),), ent.start, ent.end, ent.root.i, "ner")
        if m is None:
            if ent.label_ == "PERSON":
                persons.append(ent)
            continue
        if m.end < len(doc) and m.end == ent.end and is_legal_suffix(doc[m.end].text):
            m.end += 1  # "Halden Bank AG": the NER left the legal form outside
        if m.method == "ner":
            _extend_name(m, doc, ent)
        out.append(m)
        for i in range(m.start, m.end):
            by_token[i] = m
    _unify_short_names(out, doc)
    # Short names first ("Osprey CEO ..." after "Osprey Biologics"), then names only the
    # context marks, then short mentions of those.
    out += _short_name_mentions(doc, out, by_token)
    out += _contextual_names(doc, by_token)
    out += _short_name_mentions(doc, out, by_token)
    known_people: dict[str, str] = {}
    for ent in persons:
        if ent.start in by_token:
            continue  # "Bellwood Rides, a local app": the context made it a company
        org = _person_org(ent, by_token, gaz)
        surname = ent[-1].lower_
        if org:
            known_people[surname] = org
        elif surname in known_people:  # "Whitlock said" after "Keltra CEO Dana Whitlock"
            org = known_people[surname]
        if org:
            out.append(OrgMention((org,), ent.start, ent.end, ent.root.i, "person", ent.text))
    # "Bell said": a surname the NER took for an organization; the person's, when known,
    # else no one's ("chief executive Fiona Marsh told analysts ... Marsh said")
    surnames = {ent[-1].lower_ for ent in persons if len(ent) > 1}
    for m in out:
        if m.method == "ner" and m.org.casefold() in known_people:
            m.orgs, m.method, m.actor = (known_people[m.org.casefold()],), "person", m.org
    out = [m for m in out if m.method != "ner" or m.org.casefold() not in surnames]
    # Unknown names seen elsewhere in the article, mislabelled this time ("Keltra" as GPE).
    seen = {name_key(m.org): m.org for m in out}
    for ent in doc.ents:
        if dateline(ent):
            continue  # "ROTTERDAM, April 2 (Northline) -", even if Rotterdam acts later
        if ent.label_ in _MAYBE_ORG and not any(m.start <= ent.start < m.end for m in out):
            org = seen.get(name_key(ent.text))
            if org:
                out.append(OrgMention((org,), ent.start, ent.end, ent.root.i, "ner"))
    return sorted(_descriptors_of_named(out), key=lambda m: m.start)


@cache
def _group_possessors() -> frozenset[str]:
    return frozenset(
        data.read_toml("lexicons", "descriptors.toml")["owned_context"]["group_possessors"]
    )


def _with_group_names(doc: Doc) -> list[Span]:
    """The doc's entities, with a name cut after a group possessive joined to the next
    ("The Pacific Women's" + "Basketball League"; descriptors.toml group_possessors)."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        cut = (
            ent.label_ == "ORG"
            and len(ent) >= 2
            and ent[-1].tag_ == "POS"
            and ent[-2].lower_ in _group_possessors()
        )
        if cut and nxt is not None and nxt.label_ == "ORG" and nxt.start == ent.end:
            out.append(Span(doc, ent.start, nxt.end, label="ORG"))
            i += 2
            continue
        end = ent.end
        while cut and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1  # "the Pacific Women's Basketball League", the rest left untagged
        if end > ent.end and (nxt is None or nxt.start >= end):
            out.append(Span(doc, ent.start, end, label="ORG"))
        else:
            out.append(ent)
        i += 1
    return out


def _leading_kind_word(ent: Span) -> bool:
    """ "Drinks maker Hesper Beverages" opening a sentence: the NER took the capitalised
    first word of the description for a name."""
    tok = ent[0]
    return (
        len(ent) == 1
        and not ent.ent_id_
        and capitalised_by_position(tok)
        and tok.dep_ == "compound"
        and tok.head.pos_ == "NOUN"
        and tok.head.lemma_.lower() in _descriptor_heads()
    )


def _before_title(ent: Span) -> Span:
    """ "Nimbara CEO" as one organization: the name stops where a job title starts
    (not inside a name the gazetteer knows: "Health and Safety Executive")."""
    if ent.ent_id_:
        return ent
    for tok in ent[1:]:
        if _starts_title(tok):
            return ent.doc[ent.start : tok.i]
    return ent


def _in_running_text(tok: Token) -> bool:
    """The word before it is lower case ("talks with Pardillo Agricola"), so the capital
    marks a name; in a title-cased headline ("Keltra Sues Norvane") every word has one."""
    return tok.i > tok.sent.start and tok.doc[tok.i - 1].is_lower


def _extend_name(m: OrgMention, doc: Doc, ent: Span) -> None:
    """Where the NER stopped short of an unknown name, run on to its end."""
    end = m.end
    if m.end >= ent.end and hyphen_tail(doc, m.end):
        end = m.end + 2  # "Ayrvale Dairy Co-operative": the NER stopped at "Co"
    elif m.end == ent.end:
        end = particle_tail(doc, m.end)  # "Superintendencia del Medio Ambiente"
        if end == m.end and _org_head_after(doc, m.end):
            # "Ferrox Energy Storage" read as "Ferrox Energy": the head word is the name's
            end = m.end + 1
    start = m.start
    before = doc[start - 1] if start > 0 else None
    if (
        start == ent.start
        and before is not None
        and _bare_capital(before)
        and before.dep_ == "compound"
        and m.start <= before.head.i < m.end
        and (before.lower_,) not in _titles()
        and _in_running_text(before)
    ):
        start -= 1  # "Pardillo Agricola": the NER took only the last word
    if end > m.end or start < m.start:
        m.start, m.end = start, end
        m.orgs = (display_name(doc[start:end].text),)
        m.text = doc[start:end].text


def _descriptors_of_named(mentions: list[OrgMention]) -> list[OrgMention]:
    """A gazetteer description stands for its company where the article names it, or
    names only companies the gazetteer knows. Beside a company it does not know, "the
    Taiwanese contract manufacturer" may well be that one (Pinewell Electronics, not
    Foxconn): coreference then reads it as any other description."""
    named = {o for m in mentions if m.method != "descriptor" for o in m.orgs}
    if not any(m.method in ("ner", "context") for m in mentions):
        return mentions
    return [m for m in mentions if m.method != "descriptor" or m.org in named]


@cache
def _departments() -> frozenset[str]:
    return data.read_words("lexicons", "departments.txt")


@cache
def _demonyms() -> frozenset[str]:
    return data.read_words("gazetteer", "demonyms.txt")


def _next_text(doc: Doc, i: int) -> str:
    return doc[i].text if i < len(doc) else ""


def _long_names(mentions: list[OrgMention]) -> dict[str, str]:
    """First word -> the multi-word name it abbreviates in this article.

    When several names share a first word ("Quorix Semiconductor", and a
    product the NER took for a company, "Quorix QX-3"), the one the article
    names most often wins.
    """
    counts: dict[str, int] = {}
    for m in mentions:
        if " " in m.org:
            counts[m.org] = counts.get(m.org, 0) + 1
    best: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: -counts[n]):
        first = name.split()[0]
        if first[:1].isupper() and len(first) > 2 and not first.endswith("."):
            # ("U.S." in "U.S. District Court" is a country, never the court's short name)
            best.setdefault(first.casefold(), name)
    return best


def _model_code(name: str) -> bool:
    """A product model name: a brand word followed by a code with digits ("QX-3", "A100")."""
    words = name.split()
    return len(words) >= 2 and any(ch.isdigit() for ch in " ".join(words[1:]))


def _head_names(mentions: list[OrgMention]) -> dict[str, str]:
    """Last word -> the multi-word name it ends ("commission" -> "European Commission")."""
    best: dict[str, str] = {}
    for m in mentions:
        last = m.org.rsplit(" ", 1)[-1] if " " in m.org else ""
        if last[:1].isupper() and len(last) > 3:
            best.setdefault(last.casefold(), m.org)
    return best


def _unify_short_names(mentions: list[OrgMention], doc: Doc) -> None:
    """Within an article, "Keltra" is "Keltra Logistics" when both appear.

    The article's own long name also beats a gazetteer brand or alias that is
    only its first word ("Fairmont" is Fairmont Grocers here, not the hotels).
    """
    brands = _sub_brands(mentions, doc)
    longs = _long_names([m for m in mentions if not _model_code(m.org) and m.org not in brands])
    heads = _head_names(mentions)
    for m in mentions:
        if m.org in brands:
            m.orgs, m.method = (brands[m.org],), "product"
            continue
        if m.method == "ner" and _model_code(m.org):
            # "Quorix QX-3" is the Quorix chip, not a company: its maker's mention
            owner = longs.get(m.org.split()[0].casefold())
            if owner:
                m.orgs, m.method = (owner,), "product"
            continue
        text = m.org if m.method == "ner" else None
        if m.method in ("product", "gazetteer") and m.end - m.start == 1:
            text = _surface(m)
        long = longs.get(text.casefold()) if text and " " not in text else None
        if text and " " in text and m.method == "ner":
            long = _extension_of(text, mentions)  # "Starling Reach" of "Starling Reach Media"
        if not long and text and " " not in text and m.start > 0:
            # "the Commission" after "the European Commission": its head word, with "the"
            long = heads.get(text.casefold()) if doc[m.start - 1].lower_ == "the" else None
        if long and long != m.org:
            m.orgs, m.method = (long,), "ner"


def _sub_brands(mentions: list[OrgMention], doc: Doc) -> dict[str, str]:
    """Long name -> the company it brands: "Novaro Wallet" after "Novaro" has stood alone
    twice. News introduces a company by its full name first, so a longer name that
    only comes later is the company's product or unit, not its full name."""
    firsts: dict[str, int] = {}
    for m in mentions:
        if m.method == "ner" and " " in m.org:
            firsts.setdefault(m.org, m.start)
    out: dict[str, str] = {}
    units = _unit_words()
    for long, start in firsts.items():
        short = long.split()[0]
        if long.split()[-1].casefold() in units:
            continue  # "Halvorsen Capital": an arm of its own
        alone = [
            t
            for t in doc[:start]
            if t.text == short
            and not (t.i + 1 < len(doc) and doc[t.i + 1].is_title)  # "Aldmoor Competition"
            and t.ent_type_ not in ("GPE", "LOC", "NORP")  # nor "Aldmoor" the country
        ]
        if len(alone) >= 2 and short[:1].isupper() and any(m.org == short for m in mentions):
            out[long] = short
    return out


def _extension_of(name: str, mentions: list[OrgMention]) -> str | None:
    """The one longer name of this article that starts with all the words of ``name``."""
    longer = {m.org for m in mentions if m.org.startswith(name + " ") and m.method == "ner"}
    return longer.pop() if len(longer) == 1 else None


def _surface(m: OrgMention) -> str | None:
    return m.text or None


def head_word(tok: Token) -> str:
    """A noun's lemma, with a hyphenated compound joined: "start-up" (parsed "start",
    "-", "up") reads as "startup", "spin-offs" as "spinoff"."""
    doc, i = tok.doc, tok.i
    if i < 2:
        return tok.lemma_.lower()
    hyphen = doc[i - 1]
    if hyphen.tag_ == "HYPH" and not hyphen.whitespace_:
        before = doc[i - 2]
        if not before.whitespace_:
            return before.lower_ + tok.lemma_.lower()
    return tok.lemma_.lower()


@cache
def _unit_words() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["sub_brands"]["units"])


@cache
def _descriptor_heads() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["singular"])


@cache
def _appositive_heads() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["appositive"]["heads"])


def _appositive_head(tok: Token) -> bool:
    """ "a local app backed by B", "the market leader" (head alone, or with its compound)."""
    compound = " ".join(c.lemma_.lower() for c in tok.children if c.dep_ == "compound")
    return head_word(tok) in _appositive_heads() or (
        f"{compound} {head_word(tok)}" in _appositive_heads()
    )


def _names_a_description(root: Token) -> bool:
    """ "talks with a second motor supplier, Oberlin Drives": a name in apposition to a
    company description (not to a job title, not a place: "the lobby group ... Europe")."""
    return (
        root.dep_ == "appos"
        and root.head.pos_ == "NOUN"
        and head_word(root.head) in _descriptor_heads()
        and (root.head.lower_,) not in _titles()
        and root.ent_type_ not in ("GPE", "LOC", "NORP")
    )


def _described_as_company(ent: Span | None, by_token: dict[int, OrgMention]) -> bool:
    """A two- or three-word "person" (or place, or title) the context calls a company:
    "Bellwood Rides, a local app", "the grocery chain Ferris Bay", "Tiranga Apparel and
    Kosmo Knit"."""
    if ent is None or len(ent) > 3:
        return False
    tok = ent[0]
    if any(
        c.dep_ == "appos" and (_appositive_head(c) or head_word(c) in _descriptor_heads())
        for c in ent.root.children
    ):
        return True  # "Ledgerlight, a small Dutch startup" (tagged a work of art)
    if _names_a_description(ent.root):
        return True  # "a second motor supplier, Oberlin Drives" (tagged a person)
    before = tok.doc[ent.start - 1] if ent.start > 0 else None
    if (
        before is not None
        and before.pos_ == "NOUN"
        and head_word(before) in _descriptor_heads()
        and (before.lower_,) not in _titles()  # "partner Ines Duval" is a person
    ):
        return True
    root = ent.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.i in by_token and by_token[t.i].method in ("gazetteer", "ner") for t in linked)


def _related_to_named(noun: Token, by_token: dict[int, OrgMention]) -> bool:
    """ "Ostro's largest shareholder", "its main rival" after a named company: a relation
    noun owned by an organization."""
    if head_word(noun) not in _owned_context()["relations"]:
        return False
    return any(c.dep_ == "poss" and c.i in by_token for c in noun.children)


def _capitalised_noun(tok: Token) -> bool:
    """ "gives Tillwise more firepower": an unknown name the tagger took for a common noun,
    capitalised where a common noun would not be (the context test still decides)."""
    if tok.pos_ != "NOUN" or not tok.is_title or tok.i == tok.sent.start:
        return False
    return tok.doc[tok.i - 1].text not in ('"', "\u201c", ":", "-", "\u2014", "(")


def _propn_runs(doc: Doc, by_token: dict[int, OrgMention]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns outside known mentions and non-ORG entities."""
    runs, start = [], None
    ent_at = {
        i: e
        for e in doc.ents
        if e.label_ in ("PERSON", "FAC", "WORK_OF_ART")
        for i in range(e.start, e.end)
    }
    for tok in doc:
        text = tok.text
        capitalised = text[:1].isupper()  # cheap first: most tokens are not
        free = (
            capitalised
            and (tok.is_title or any(c.isupper() for c in text[1:]))
            and tok.i not in by_token
            and (tok.pos_ == "PROPN" or _capitalised_noun(tok))
            and not _starts_title(tok)  # "Pantrywise CEO Nadia Osei" is two names
            and (
                tok.ent_type_ in ("", "ORG", "PRODUCT", "NORP", "GPE")
                # a one-word PERSON may be a company the small model does not know
                # ("Pantrywise"); the context test below decides
                or (tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" and ent_len(tok) == 1)
                # "Bellwood Rides, a local app": a two-word "person" described as a company
                or (tok.i in ent_at and _described_as_company(ent_at[tok.i], by_token))
            )
        )
        free = free or (start is not None and joining_hyphen(tok))  # "Kessler-Aumont"
        if free and start is None:
            start = tok.i
        elif not free and start is not None:
            runs.append((start, tok.i))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return runs


@cache
def _title_starts() -> frozenset[str]:
    return frozenset(t[0] for t in _titles())


def _starts_title(tok: Token) -> bool:
    """Whether a job title starts at this token ("CEO", "Chief Executive")."""
    if tok.lower_ not in _title_starts():
        return False  # the common case, without building a span
    words = [t.lower_ for t in tok.doc[tok.i : tok.i + 4]]
    return any(tuple(words[: len(t)]) == t for t in _titles())


def _contextual_names(doc: Doc, by_token: dict[int, OrgMention]) -> list[OrgMention]:
    """Unknown names the context marks as organizations.

    "grocer Pantrywise" (a descriptor noun right before the name) and
    "Pantrywise chief executive Nadia Osei" (a job title and a person after).
    """
    out: list[OrgMention] = []
    surnames = {e[-1].text for e in doc.ents if e.label_ in ("PERSON", PERSON_LABEL) and len(e) > 1}
    text = doc.text
    if any(h in text for h in _HONORIFICS):  # a substring test saves a token walk
        surnames |= {t.text for p, t in pairwise(doc) if p.text.rstrip(".") in _HONORIFICS}
    counts: dict[str, int] = {}
    for t in doc:
        if t.is_title:
            counts[t.text] = counts.get(t.text, 0) + 1
    for start, end in _propn_runs(doc, by_token):
        before = doc[start - 1] if start > 0 else None
        span = doc[start:end]
        if all(is_legal_suffix(t.text) for t in span) or dateline(span):
            continue
        is_org = (
            before is not None
            and before.lemma_.lower() in _descriptor_heads()
            and (before.lower_,) not in _titles()  # "partner Ines Duval" is a person
        )
        # "VoltPath, a fast-charging startup": a description in apposition
        is_org = is_org or any(
            c.dep_ == "appos"
            and span.text.casefold() not in _not_orgs()  # "the Cambridge, Mass. biotech"
            and (
                head_word(c) in _descriptor_heads()
                or head_word(c.doc[c.right_edge.i]) in _descriptor_heads()
                or _appositive_head(c)
            )
            for c in span.root.children
        )  # ("Quillpay, a Berlin-based payments start-up": the phrase ends in the head)
        # "talks with a second motor supplier, Oberlin Drives": the name in apposition
        # to a description
        root = span.root
        is_org = is_org or (
            _names_a_description(root)
            and span.text.casefold() not in _not_orgs()
            and start - 1 not in by_token  # "Open Compute Alliance Europe": a name's tail
        )
        # "Pembury Asset Management, Ostro's largest shareholder": a relation to a named
        # organization (a run the NER left untagged; a tagged person never gets here)
        is_org = is_org or any(
            c.dep_ == "appos" and _related_to_named(c, by_token) for c in span.root.children
        )
        # "Fairmont Grocers and Pantrywise": coordinated with an organization
        root = span.root
        is_org = is_org or (root.dep_ == "conj" and root.head.i in by_token)
        is_org = is_org or any(c.dep_ == "conj" and c.i in by_token for c in root.children)
        if not is_org and span.text.casefold() not in _departments():
            # "Pantrywise chief executive Nadia Osei" ("Finance chief Petra Moll" is a title)
            after = _title_after(doc, end)
            is_org = after is not None and after < len(doc) and doc[after].pos_ == "PROPN"
        recurs = len(span) == 1 and counts.get(span[0].text, 0) >= 2
        if (
            not is_org
            and recurs
            # (the recurrence test first: _coined_name reads every use of the word)
            and (span[0].ent_type_ == "PERSON" or _coined_name(doc, span[0], by_token))
        ):
            # News introduces people by their full name before the surname alone; a
            # one-word "person" that recurs and was never introduced is a company
            # ("Trevanna denied it had held talks ...").
            is_org = (
                span[0].text not in surnames
                and span.text.casefold() not in _not_orgs()  # "the Austin chipmaker" twice
                and not _only_a_place_word(doc, span[0].text)
            )
        if is_org and _title_behind(doc, end):
            is_org = False  # "said Marte Lund, a partner at Fjellstad": a person
        if is_org and hyphen_tail(doc, end):
            end += 2  # "Greenacre Co-op": the run stopped at "Co"
            span = doc[start:end]
        if is_org:
            m = OrgMention((display_name(span.text),), start, end, span.root.i, "context")
            out.append(m)
            for i in range(start, end):
                by_token[i] = m
    return out


# "D40", "A320": a model, not its maker; "Phase 3": a trial stage
_MODEL = re.compile(r"[A-Z]{1,4}-?\d{1,4}[A-Za-z]?|Phase (?:\d[a-z]?|I{1,3}V?)")
_HONORIFICS = {
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Prof",
    "President",
    "Senator",
}


def _place_led_description(ent: Span) -> bool:
    """ "the San Francisco AI start-up", "a London fintech firm": the NER took a place and a
    sector word before a company noun for a name."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.start == 0 or doc[ent.start - 1].lower_ not in ("the", "a"):
        return False
    nxt = ent.end + 2 if hyphen_tail(doc, ent.end + 1) else ent.end  # "start-up"
    if nxt >= len(doc) or head_word(doc[nxt]) not in _descriptor_heads():
        return False
    # a place in the name's first words, with a word after it ("San Francisco" + "AI")
    return any(ent[:k].text.casefold() in places() for k in range(1, len(ent)))


def _coined_name(doc: Doc, tok: Token, by_token: dict[int, OrgMention]) -> bool:
    """An untagged one-word name used like a company's, never like a thing's: no article
    or owner before it ("the Loop", "its V7"), never naming a common noun ("Arc cells",
    "the Dunmere project") and never the end of a known name ("Brightwell Tickets");
    words of titles ("Officer"), letters ("Q") and honorifics ("Dr") are not names. The
    caller has already found that the word recurs."""
    if tok.ent_type_ or len(tok.text) < 3 or tok.text.isupper() or not tok.text.isalpha():
        return False
    if tok.text in _HONORIFICS or (tok.lower_,) in _titles() or tok.lower_ in _title_words():
        return False
    for t in doc:
        if t.text != tok.text:
            continue
        before = doc[t.i - 1] if t.i > 0 else None
        if before is not None and (before.dep_ in ("det", "poss") or before.tag_ == "POS"):
            return False
        if t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN":
            return False
        if t.i - 1 in by_token or t.i + 1 in by_token:
            return False
    return True


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _titles() for w in t)


def _only_a_place_word(doc: Doc, word: str) -> bool:
    """Every use of the word modifies a description ("the Grenoble company ... the
    Grenoble company said"): a home town, not a name (places.txt cannot list them all)."""
    return all(
        t.dep_ == "compound"
        and head_word(t.head) in _descriptor_heads()
        and any(c.lower_ == "the" for c in t.head.children)
        for t in doc
        if t.text == word
    )


def _title_after(doc: Doc, end: int) -> int | None:
    """Index right after a job title starting at ``end``, else None."""
    words = [t.lower_ for t in doc[end : end + 4]]
    for title in _titles():
        if tuple(words[: len(title)]) == title:
            return end + len(title)
    return None


def _short_name_mentions(
    doc: Doc, named: list[OrgMention], by_token: dict[int, OrgMention]
) -> list[OrgMention]:
    """Later mentions by first word only: "Altamira" after "Altamira Cloud"."""
    shorts: dict[str, str] = {
        m.org.casefold(): m.org
        for m in named
        if " " not in m.org and m.method in ("ner", "context", "gazetteer")
    }  # later bare mentions of a one-word name
    shorts.update(_long_names(named))
    prefixes = _name_prefixes(named)
    out: list[OrgMention] = []
    for tok in doc:
        text = tok.text
        if not text[:1].isupper():
            continue  # neither a name's first word nor a short name (most tokens)
        long = _prefix_at(doc, tok.i, prefixes, by_token) if prefixes else None
        if long is not None:  # "Starling Reach" (the small model tags "Starling" a verb)
            out.append(long)
            by_token.update({i: long for i in range(long.start, long.end)})
            continue
        org = shorts.get(text.casefold())
        if tok.ent_type_ == "PERSON" and not (tok.ent_iob_ == "B" and ent_len(tok) == 1):
            continue  # "Marcus Bell" is a person even when "Bell" was mistaken for a company
        # (the small model tags an unknown name opening a sentence a verb: "Sorrelmind, the lab")
        if org and tok.i not in by_token and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
            if dateline_place(doc, tok.i, tok.i + 1):
                continue  # "COPENHAGEN, Feb 7 -": the dateline, even if a name matches it
            if tok.lower_ in _demonyms() and tok.dep_ == "amod":
                continue  # "European sales" after "the European Medicines Agency"
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.i in by_token:
                continue  # part of a longer name the ruler already tagged
            m = OrgMention((org,), tok.i, tok.i + 1, tok.i, "short")
            by_token[tok.i] = m
            out.append(m)
    return out


def _name_prefixes(named: list[OrgMention]) -> dict[tuple[str, ...], str]:
    """Leading runs of two or more words of this article's longer names -> the name, and
    the whole name: "Verdant Loop" where the NER missed it once is not "Verdant"."""
    found: dict[tuple[str, ...], set[str]] = {}
    for m in named:
        words = tuple(m.org.split())
        if m.method in ("ner", "gazetteer", "context") and len(words) >= 2:
            for k in range(2, len(words) + 1):
                found.setdefault(words[:k], set()).add(m.org)
    return {words: orgs.pop() for words, orgs in found.items() if len(orgs) == 1}


def _prefix_at(
    doc: Doc, i: int, prefixes: dict[tuple[str, ...], str], by_token: dict[int, OrgMention]
) -> OrgMention | None:
    """A mention of a longer name by its first words, starting at token i."""
    if not doc[i].is_title or i in by_token:
        return None
    for k in (4, 3, 2):
        words = tuple(t.text for t in doc[i : i + k])
        org = prefixes.get(words)
        end = i + k
        if org and not any(j in by_token for j in range(i, end)):
            if end < len(doc) and doc[end].is_title:
                return None  # the full name, or another one, goes on
            return OrgMention((org,), i, end, end - 1, "short")
    return None


def find_mentions(doc: Doc, gaz: Gazetteer, *, coref: bool = True) -> list[OrgMention]:
    """All organization mentions in document order, coreference included unless turned off."""
    from tieline.resolve.coref import resolve_references
    from tieline.resolve.non_parties import without_non_parties

    named = without_non_parties(doc, _acronyms_in_context(doc, find_named(doc, gaz)))
    refs = resolve_references(doc, named, gaz) if coref else []
    return sorted(named + refs, key=lambda m: m.start)


_MINOR_WORDS = frozenset({"of", "and", "the", "for", "&", "on", "in", "de", "du", "des"})


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _MINOR_WORDS and w[0].isalpha())


def _acronyms_in_context(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """An acronym means the organization the article spells out: after "the Federal
    Maritime Commission", "the FMC" is that commission, not the company the gazetteer
    lists under FMC."""
    spelled = {
        _initials(text).upper(): m.org
        for m in named
        if len(m.orgs) == 1 and " " in (text := doc[m.start : m.end].text)
    }
    for m in named:
        text = doc[m.start : m.end].text.removeprefix("the ").removeprefix("The ")
        if len(m.orgs) != 1 or not (2 <= len(text) <= 6 and text.isupper()):
            continue
        org = spelled.get(text)
        if org is not None and org != m.org:
            m.orgs = (org,)
    return named
