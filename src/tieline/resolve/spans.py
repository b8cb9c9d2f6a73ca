"""Where a name begins and ends: the NER's spans trimmed, split and extended.

The small model runs a name into a date, an amount, a preposition's clause or a second
name after a comma, stops it at a hyphen, and tags a dateline's city; these helpers
correct its spans before resolve/mentions.py decides what each one names.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tieline.resolve.names import is_legal_suffix


def dateline(ent: Span) -> bool:
    """ "OSLO, May 4, 2025 -- ...", "BASEL (Reuters) -": the place of a dateline, not an actor."""
    doc = ent.doc
    if ent.start > 0 and ent.end < len(doc) and doc[ent.start - 1].text == "(":
        # the agency code of "HOUSTON, March 14 (Tidewater) - ...", in the article's first line
        first = next((t for t in reversed(doc[: ent.start]) if "\n" in t.text_with_ws), None)
        head = doc[first.i + 1 if first is not None else 0]
        return doc[ent.end].text == ")" and head.text.isupper() and ent.start - head.i < 12
    return dateline_place(doc, ent.start, ent.end)


def dateline_place(doc: Doc, start: int, end: int) -> bool:
    """Tokens [start, end) open a paragraph in capitals before ", May 4 --" or "(Agency) -"."""
    starts_paragraph = start == 0 or "\n" in doc[start - 1].text_with_ws
    if not (starts_paragraph and doc[start:end].text.isupper() and end < len(doc)):
        return False
    if doc[end].lower_ == "and":  # "BOSTON and BASEL, Switzerland, March 7 -"
        end += 1
        while end < len(doc) and doc[end].is_alpha and doc[end].text.isupper():
            end += 1
        if end == len(doc):
            return False
    after = doc[end : end + 12]
    return doc[end].text in (",", "(") and any(t.text in ("--", "-", "\u2014") for t in after)


_PARTICLES = frozenset({"del", "de", "della", "di", "des", "du", "van", "von", "der", "do", "da"})
_ARTICLES = frozenset({"la", "le", "los", "las", "les"})


def particle_tail(doc: Doc, end: int) -> int:
    """End of a name that runs on over a lowercase particle the NER stopped at:
    "Superintendencia del Medio Ambiente", "Banco de la Nacion" (else ``end``)."""
    i = end
    if i >= len(doc) or doc[i].lower_ not in _PARTICLES or not doc[i].is_lower:
        return end
    i += 1
    if i < len(doc) and doc[i].lower_ in _ARTICLES and doc[i].is_lower:
        i += 1
    tail = i
    while tail < len(doc) and tail - i < 4 and doc[tail].is_title and doc[tail].is_alpha:
        tail += 1
    return tail if tail > i else end


_LOCATIVE = frozenset({"in", "near", "outside", "at"})


def town_of_region(ent: Span) -> bool:
    """ "a plant in Lordstown, Ohio": a town named before its state or country is a place,
    even when a company shares its name."""
    doc = ent.doc
    if ent.start == 0 or ent.end + 1 >= len(doc) or doc[ent.start - 1].lower_ not in _LOCATIVE:
        return False
    region = doc[ent.end + 1]
    return doc[ent.end].text == "," and region.ent_type_ == "GPE" and region.ent_iob_ == "B"


_DATE_WORDS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
))  # fmt: skip


_TIME_PREPS = frozenset({"in", "on", "since", "until", "during", "last"})


def without_leading_date(ent: Span) -> Span:
    """ "On Monday Harlow Foods sued ...": the NER's span starts at the day, the name after
    (only after a preposition of time: "August Capital" is a name)."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before not in _TIME_PREPS or ent.ent_id_:
        return ent
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in _DATE_WORDS:
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


_NOT_IN_NAMES = frozenset({"with", "against", "to", "from", "over", "after", "before", "versus"})


def comma_parts(ent: Span) -> list[Span]:
    """ "seen by Retail Ledger, Marlow & Finch's director": the NER ran two names together
    over a comma; a legal form after it ("Halden, Inc.") stays in the name."""
    cuts = [
        t.i for t in ent[1:-1] if t.text == "," and not is_legal_suffix(t.nbor().text.rstrip("."))
    ]
    if not cuts or ent.ent_id_ or ent.label_ != "ORG":
        return [ent]
    bounds = [ent.start, *cuts, ent.end]
    parts = []
    for a, b in pairwise(bounds):
        a = a + 1 if ent.doc[a].text == "," else a
        b = b - 1 if ent.doc[b - 1].tag_ == "POS" else b  # "Marlow & Finch's"
        parts.append(Span(ent.doc, a, b, label=ent.label_))
    # one-word parts are one name's ("Skadden, Arps, Slate, Meagher & Flom"), unless the
    # last is a possessor ("Dashmere, Quickpath's smaller rival": two names)
    owned = len(parts) == 2 and ent.doc[ent.end - 1].tag_ == "POS"
    return parts if owned or all(len(p) >= 2 for p in parts) else [ent]


def capitalised_by_position(tok: Token) -> bool:
    """A word that opens its sentence or a dateline's text ("LONDON (Wire) - Grocer ...")."""
    before = tok.doc[tok.i - 1].text if tok.i else ""
    return tok.i == tok.sent.start or before in ("-", "--", "\u2014", "\u2013", ":", '"', "\u201c")


def before_preposition(ent: Span) -> Span:
    """ "a complaint against Corvex with the Commission": the NER ran two names together
    (or a name and a clause: "the Ministry of Defence awarded Aldergate a ...")."""
    cut = next(
        (
            t.i
            for t in ent[1:]
            if (t.is_lower and (t.lower_ in _NOT_IN_NAMES or t.tag_ in ("VBD", "VBZ", "VBP")))
            or t.is_currency  # "fined Novaro €1.1 billion": a name and an amount
        ),
        None,
    )
    if cut is None or ent.ent_id_:
        return ent
    return Span(ent.doc, ent.start, cut, label=ent.label_)


def without_trailing_conjunction(ent: Span) -> Span:
    """ "the software maker Lexenta and Brava Health": the NER may end a name on the
    "and" that joins it to the next one."""
    end = ent.end
    while end - ent.start > 1 and ent.doc[end - 1].lower_ in ("and", "or", ","):
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def with_hyphenated_start(ent: Span) -> Span:
    """ "Brenner-Hale Pharma", "Pell & Crane Logistics": the NER may start the name
    after the hyphen or the ampersand."""
    doc, start = ent.doc, ent.start
    while start >= 2 and doc[start - 2].is_title and doc[start - 2].pos_ == "PROPN":
        joint = doc[start - 1]
        hyphen = joint.text == "-" and not joint.whitespace_ and not doc[start - 2].whitespace_
        if not (hyphen or joint.text == "&"):
            break
        start -= 2
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


def hyphen_tail(doc: Doc, i: int) -> bool:
    """Tokens i, i+1 are "-" and a word that continue the name before them ("Co-operative")."""
    return (
        i < len(doc)
        and _tight_hyphen(doc[i])
        and doc[i + 1].is_alpha
        # not "the Zorvex-backed startup", "a Plimco-style deal"
        and doc[i + 1].tag_ not in ("VBN", "VBD")
        and doc[i + 1].lower_ not in _NAME_MODIFIERS
    )


_NAME_MODIFIERS = frozenset(
    {"backed", "owned", "led", "based", "funded", "made", "style", "era", "like", "wide"}
)


def joining_hyphen(tok: Token) -> bool:
    """A hyphen inside one name: no space around it and a capitalised word after."""
    return _tight_hyphen(tok) and tok.doc[tok.i + 1].is_title


def _tight_hyphen(tok: Token) -> bool:
    """A hyphen between two words with no space on either side, not the last token."""
    doc = tok.doc
    return (
        tok.text == "-"
        and 0 < tok.i < len(doc) - 1
        and not tok.whitespace_
        and not doc[tok.i - 1].whitespace_
    )


def ent_len(tok: Token) -> int:
    """Length of the entity a token begins."""
    n = 1
    while tok.i + n < len(tok.doc) and tok.doc[tok.i + n].ent_iob_ == "I":
        n += 1
    return n


def compound_head(tok: Token) -> Token:
    """The noun a modifier describes, past other compounds: "its Dunmere wind farm" ->
    farm, "rival operator Brackwater" -> Brackwater."""
    head = tok.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head


def word_before_comma(tok: Token) -> Token | None:
    """The word before the comma that opens the token's phrase: in "B, the developer that
    A funded", B for "developer". Appositions found by place, where the parser lost them."""
    start = tok.left_edge.i
    return tok.doc[start - 2] if start >= 2 and tok.doc[start - 1].text == "," else None
