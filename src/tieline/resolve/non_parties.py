"""Named mentions that are no party: products, places and home countries.

The NER and the context rules read "Quorisa" in "its drug, Quorisa", "Firth Point" in
"its Firth Point farm" and "Norway" in "Norway's Halvard Systems" as organizations.
These filters run on the named mentions before coreference; the nouns that mark a
product or a facility are data (lexicons/descriptors.toml [products]).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from tieline import data
from tieline.resolve.gazetteer import org_words
from tieline.resolve.mentions import OrgMention, head_word
from tieline.resolve.spans import compound_head


def without_non_parties(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """The named mentions, products mapped to their owners, places dropped."""
    named = _without_facilities(doc, _products_in_apposition(doc, named))
    named = _without_channels(doc, named)
    return _without_places_by_use(doc, _without_home_countries(doc, named))


def _without_channels(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """ "in a post on LinkedIn", "wrote on X", "in a LinkedIn post": the platform where
    something was said, not a party to it."""
    words = _channel_words()

    def channel(m: OrgMention) -> bool:
        tok = doc[m.head]
        if tok.dep_ == "pobj" and tok.head.lower_ == "on":
            return tok.head.head.lemma_.lower() in words
        return tok.dep_ == "compound" and compound_head(tok).lemma_.lower() in words

    return [m for m in named if not channel(m)]


@cache
def _channel_words() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["channels"]["words"])


@cache
def _product_nouns() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["products"]["nouns"])


_NAMING = frozenset({"call", "name", "dub", "brand"})
# where a name stands as a party: subject, object, possessor ("accusing Novaro of ...")
_ACTING = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent"})


def _products_in_apposition(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """A name the article calls a product is no organization: "Pellmark's psoriasis drug,
    Quorisa", "Dermavel, Ardent's best-selling skin drug" and "Sablewing's Quill models"
    stand for their named owner (products map to owners); with an owner not named here
    ("its drug, Quorisa") the name is dropped, every time the article uses it."""
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    products: dict[str, str | None] = {}
    actors = {m.org for m in named if len(m.orgs) == 1 and doc[m.head].dep_ in _ACTING}
    for m in named:
        if m.method not in ("ner", "context", "short") or len(m.orgs) != 1:
            continue
        if m.org.split()[-1].lower() in org_words():
            continue  # "Holbrook Stores" is a company, whatever the parser hangs on it
        tok = doc[m.head]
        # "its drug, Quorisa", "Quorisa, its drug", "Sablewing's Quill models"
        noun = compound_head(tok) if tok.dep_ in ("appos", "compound", "nmod", "amod") else None
        appos = next((c for c in tok.children if c.dep_ == "appos"), None)
        nouns = _product_nouns()
        if noun is None and tok.dep_ == "pobj" and tok.head.lower_ in ("as", "including"):
            # "shows such as Saltmarsh", "drugs including Quorisa": a listed product
            host = tok.head.head
            noun = host.head if host.lower_ == "such" else host
        if noun is None and appos is not None:
            noun, nouns = appos, nouns | _appositive_products() | _owned_products()
        named_as = tok.head
        if noun is None and named_as.lemma_.lower() in _NAMING and named_as.dep_ == "acl":
            noun = named_as.head  # "its new machines, called Bison"
        if noun is None or head_word(noun) not in nouns:
            continue
        owner = next((by_token.get(c.i) for c in noun.children if c.dep_ == "poss"), None)
        owner = owner or _subject_behind_its(noun, by_token)
        named_owner = owner is not None and len(owner.orgs) == 1 and owner.org != m.org
        if head_word(noun) in _owned_products() - _product_nouns() and not named_owner:
            continue  # "Kivu Pay, a payments platform": a company called that
        owned = any(c.dep_ == "poss" for c in noun.children)  # "its Kestrel drone"
        maker = noun.tag_ == "NNS" and not owned and m.org in actors
        if tok.dep_ in ("compound", "nmod", "amod") and maker:
            continue  # "Novaro phones" where Novaro also acts: phones Novaro makes
        if tok.dep_ in ("compound", "nmod", "amod") and _short_form(doc, m):
            continue  # "every Tessaro device" after "Tessaro Home": the company's devices
        products[m.org] = owner.org if named_owner and owner is not None else None
    kept = []
    for m in named:
        if len(m.orgs) == 1 and m.org in products and m.method in ("ner", "context", "short"):
            owner = products[m.org]
            if owner is None:
                continue
            m.orgs, m.method = (owner,), "product"
        kept.append(m)
    return kept


def _short_form(doc: Doc, m: OrgMention) -> bool:
    """The mention is the short form of a longer name the article gave the company."""
    text = doc[m.start : m.end].text
    return m.org.startswith(text + " ")


def _subject_behind_its(noun: Token, by_token: dict[int, OrgMention]) -> OrgMention | None:
    """ "A has picked B to supply the computers for its Kestrel drone": "its" is the
    sentence's named subject (coreference has not run yet; this is the one sure case)."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
        return None
    root = noun.sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return by_token.get(subj.i) if subj is not None else None


@cache
def _owned_products() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["products"]["owned_nouns"])


@cache
def _appositive_products() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["products"]["appositive_nouns"])


def _without_facilities(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """ "its Firth Point farm", "Tallowa's Mount Fenner mine": an unknown name that
    modifies a facility noun names the place, not an organization."""
    nouns = _facility_nouns()

    def facility(m: OrgMention) -> bool:
        tok = doc[m.head]
        if tok.dep_ != "compound" or compound_head(tok).lemma_.lower() not in nouns:
            return False
        if m.method == "gazetteer":
            # "buys cells from its Lordstown plant": a known name owned by another is
            # the place, not the company of that name
            return any(c.dep_ == "poss" for c in compound_head(tok).children)
        unknown = m.method in ("ner", "context", "short")
        return unknown and m.org.split()[-1].lower() not in org_words()

    return [m for m in named if not facility(m)]


@cache
def _facility_nouns() -> frozenset[str]:
    return frozenset(data.read_toml("lexicons", "descriptors.toml")["products"]["facilities"])


_LOCATIVE = frozenset({"at", "in", "near", "outside"})  # "a plant in Wilson"
_WHERE_TO = frozenset({"at", "in", "to"})  # "diverted ships to Sines, where ..."


def _without_places_by_use(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """ "a new terminal at Algeciras", "diverted ships to Sines, where B signed ...": an
    unknown name the article uses as a place (after a facility noun and a locative
    preposition, or the antecedent of "where") is no organization, wherever it occurs."""

    def place(m: OrgMention) -> bool:
        tok = doc[m.head]
        if m.method not in ("ner", "context", "short") or tok.dep_ != "pobj":
            return False
        if m.org.split()[-1].lower() in org_words():
            return False
        where = tok.head.lower_ in _WHERE_TO and any(
            c.dep_ == "relcl" and any(w.lower_ == "where" and w.i < c.i for w in c.children)
            for c in tok.children
        )
        site = tok.head.lower_ in _LOCATIVE and tok.head.head.lemma_.lower() in _facility_nouns()
        return where or site

    places = {m.org for m in named if place(m)}
    return [m for m in named if m.org not in places or m.method not in ("ner", "context", "short")]


def _without_home_countries(doc: Doc, named: list[OrgMention]) -> list[OrgMention]:
    """ "Aldergate and Norway's Halvard Systems": a place owning an organization's name
    says where it is from; it is no party (a known government in the gazetteer stays).
    Read off word order: the parser may coordinate the place with the first name."""
    starts = {m.start for m in named}

    def home(m: OrgMention) -> bool:
        if m.method == "gazetteer" or doc[m.head].ent_type_ not in ("GPE", "LOC"):
            return False
        return m.end + 1 < len(doc) and doc[m.end].tag_ == "POS" and m.end + 1 in starts

    return [m for m in named if not home(m)]
