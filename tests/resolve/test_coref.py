"""Coreference and name rules on real parses: what a description, pronoun or acronym means."""

from __future__ import annotations

import pytest

from tieline.pipeline import Extractor
from tieline.resolve import find_mentions


def _resolved(extractor: Extractor, text: str) -> dict[str, set[str]]:
    """Surface text of each mention -> the organizations it was resolved to."""
    extractor.gazetteer.forget_learned()  # each text a run of its own (resolve/places.py)
    doc = extractor.nlp(text)
    out: dict[str, set[str]] = {}
    for m in find_mentions(doc, extractor.gazetteer):
        out.setdefault(doc[m.start : m.end].text, set()).update(m.orgs)
    return out


@pytest.mark.parametrize(
    ("text", "surface", "orgs"),
    [
        # a description that fits no kind it can mean refers to nobody
        (
            "Northmere Energy sold its stake in Blackrig Generation ahead of the government's "
            "deadline.",
            "the government",
            None,
        ),
        # ... and finds the body that it can mean
        (
            "The Ministry of Defence opened a review. Later the ministry scrapped an order.",
            "the ministry",
            {"Ministry of Defence"},
        ),
        # a startup is a company: "the carrier" may be one
        (
            "Plimco shares rose. Zorvex Capital took a stake in the carrier.",
            "the carrier",
            {"Plimco"},
        ),
        # an acronym follows the name the article spells out
        (
            "Corlander Lines complained to the Federal Maritime Commission. The FMC opened an "
            "inquiry.",
            "FMC",
            {"Federal Maritime Commission"},
        ),
        # a non-reflexive object is not the subject, even when the parser loses the subject
        (
            "Hesper Beverages fell after Germany's Bundeskartellamt fined it EUR 41 million.",
            "it",
            {"Hesper Beverages"},
        ),
        # an authority examining "whether it ..." is not "it"
        (
            "Brackenfield Software fell. The Securities and Exchange Commission is examining "
            "whether it disclosed a breach.",
            "it",
            {"Brackenfield Software"},
        ),
        # a known one-word name ending a longer unknown one at a sentence start
        ("Kalmar Mobil extended its agreement.", "Kalmar Mobil", {"Kalmar Mobil"}),
        # ... or inside one, before the word both modify ("Delta" is Delta Air Lines)
        ("Zorvex agreed to buy Porto Delta Air.", "Porto Delta Air", {"Porto Delta Air"}),
        # a description word capitalised by its position is no part of the name: at a
        # dateline's text, as at a sentence start ...
        (
            "LONDON, May 4 (Daily Lantern) - Grocer Tallow Mart has agreed to buy Plimco.",
            "Tallow Mart",
            {"Tallow Mart"},
        ),
        # ... but one after "the" or mid-sentence is
        (
            "The Dairy Farmers Alliance praised Plimco.",
            "Dairy Farmers Alliance",
            {"Dairy Farmers Alliance"},
        ),
        ("Zorvex bought a stake in Tokyo's Studio Hanabi.", "Studio Hanabi", {"Studio Hanabi"}),
        # a name before a singular product noun is the product, even when it acts later;
        # only a maker is named before its goods in the plural ("Novaro phones")
        (
            "Zorvex launched the Skyhook drone in May. Skyhook beat Plimco's drones in trials.",
            "Skyhook",
            None,
        ),
        # a town before its state is a place, even when a company shares its name ...
        ("Zorvex builds its vans at a plant in Lordstown, Ohio.", "Lordstown", None),
        # ... as is a dateline that names two cities
        (
            "BOSTON and BASEL, Switzerland, March 7, 2023 - Zorvex and Plimco signed a "
            "licence agreement.",
            "BOSTON",
            None,
        ),
        # an exchange in a listing is no actor
        ("Zorvex (Nasdaq: ZRVX) signed a licence deal with Plimco.", "Nasdaq", None),
        # a nationality adjective is no short name of the agency named after it
        (
            "Plimco will file with the European Medicines Agency. Plimco will pay Zorvex "
            "royalties on European sales.",
            "European",
            None,
        ),
        # a company's short name before a product noun is its maker, not a product
        (
            "Tarnwell Home, the Denver maker of smart thermostats, has extended its contract "
            "with Zorvex. Zorvex has assembled every Tarnwell device since 2017.",
            "Tarnwell",
            {"Tarnwell Home"},
        ),
        # a surname alone is the person introduced before, not a company ...
        (
            '"We have been patient," chief executive Fiona Marsh told analysts. Marsh said '
            "the company had no plans to sell its stake in Plimco.",
            "Marsh",
            None,
        ),
        # ... a company function before a title is no company ...
        ("Finance chief Petra Moll said Tarnwell Motors would spend more.", "Finance", None),
        # ... and a name in apposition to an officer's title is the officer, no company
        ("Plimco's finance director, Olive Haskins, praised Zorvex.", "Olive Haskins", None),
        # a name runs on over a lowercase particle the NER stopped at
        (
            "Peru's environmental regulator, the Superintendencia del Ambiente Andino, fined "
            "Zorvex last year.",
            "Superintendencia del Ambiente Andino",
            {"Superintendencia del Ambiente Andino"},
        ),
        # a known name owned by another before a facility noun is the place
        ("Zorvex buys cells from Plimco's Lordstown plant.", "Lordstown", None),
        # an agency's head word makes a "person" a company
        (
            "Retailer Zorvex has ended its advertising contract with Sapwell Ads.",
            "Sapwell Ads",
            {"Sapwell Ads"},
        ),
        # an apposition teaches "maker" for one kind of maker, not for every kind
        (
            "Halden Motors, the Detroit electric-vehicle maker, will invest in Corvane Energy, "
            "a producer of battery cells. The battery maker competes with CATL.",
            "The battery maker",
            {"Corvane Energy"},
        ),
        # a town the NER calls a person twice is still a town
        (
            "Tarrow Semiconductor, the Austin chipmaker, will supply Pinecrest Devices. "
            "Qualcomm competes with the Austin company for its business.",
            "Austin",
            None,
        ),
        # a state is a place; its attorney general is named as such
        ("Corvane's patent lawsuit in Texas is set for trial in September.", "Texas", None),
        ("The Texas AG sued Apple.", "Texas AG", {"Texas Attorney General"}),
        # the NER's "Nimbara CEO" is the company, short for the name the article gave it
        (
            'Nimbara Cloud invested in Lexigen AI. "Lexigen has the best team we have seen," '
            "Nimbara CEO Marcus Delgado said.",
            "Nimbara",
            {"Nimbara Cloud"},
        ),
        # a name the NER starts after its ampersand
        (
            "Pell & Crane Logistics will deploy 600 robots from Rovanta Robotics.",
            "Pell & Crane Logistics",
            {"Pell & Crane Logistics"},
        ),
        # a law firm's name runs over its commas
        (
            "Plimco hired Skadden, Arps, Slate, Meagher & Flom to defend it.",
            "Skadden, Arps, Slate, Meagher & Flom",
            {"Skadden, Arps, Slate, Meagher & Flom"},
        ),
    ],
)
def test_reference_resolves(
    extractor: Extractor, text: str, surface: str, orgs: set[str] | None
) -> None:
    got = _resolved(extractor, text)
    assert got.get(surface) == orgs, got


def test_interview_pronouns_are_the_interviewee(extractor: Extractor) -> None:
    text = (
        "Skylark Travel sells tickets. Its chief executive, Kasia Mroz, spoke to us.\n\n"
        "Q: Who supplies your booking engine?\n\n"
        "A: Corbel Systems. We have run on their platform since 2014.\n\n"
        "Q: And rivals?\n\n"
        "A: Wayfarer Group is the one we watch."
    )
    got = _resolved(extractor, text)
    assert got["your"] == {"Skylark Travel"}
    assert got["We"] == {"Skylark Travel"}
    assert got["their"] == {"Corbel Systems"}


def test_gazetteer_description_needs_its_company_beside_unknown_ones(
    extractor: Extractor,
) -> None:
    """Beside a company the gazetteer does not know, its description of an absent one
    (Foxconn's) is read as any description; among known companies it still names its own."""
    text = (
        "Tarnwell Home has renewed its contract with Brellstone Electronics. The Taiwanese "
        "contract manufacturer will build a second plant."
    )
    assert _resolved(extractor, text).get("The Taiwanese contract manufacturer") != {"Foxconn"}
    known = _resolved(extractor, "The iPhone maker sued Samsung over its patents.")
    assert known.get("The iPhone maker") == {"Apple"}


def test_both_of_them_are_the_pair_named_together(extractor: Extractor) -> None:
    # the two most recent names were once taken (Plimco and Brinemoor)
    text = "Zorvex and Brinemoor have funded Plimco, and both of them want a return."
    extractor.gazetteer.forget_learned()
    doc = extractor.nlp(text)
    plural = [m.orgs for m in find_mentions(doc, extractor.gazetteer) if len(m.orgs) > 1]
    assert plural == [("Zorvex", "Brinemoor")]


def test_a_description_before_a_name_teaches_its_head(extractor: Extractor) -> None:
    # "battery startup Solenne Cells" makes a later "the startup" Solenne, not the seller
    text = (
        "Zorvex has sold its 14% stake in battery startup Solenne Cells. Quantel Capital, "
        "already the startup's second-largest backer, raised its holding to 20%."
    )
    ties = {(t.source, t.type, t.target) for t in extractor.extract(text)}
    assert ("Quantel Capital", "INVEST", "Solenne Cells") in ties
    assert ("Quantel Capital", "INVEST", "Zorvex") not in ties


def test_a_rival_kind_before_a_name_teaches_nothing(extractor: Extractor) -> None:
    # "rival operator Brackwater" does not make the investigated operator Brackwater
    text = (
        "The Trade Authority opened an inquiry into Tidewell Mobile's roaming fees, a year "
        "after rival operator Brackwater Telecom complained. Tidewell denied wrongdoing. "
        "The Trade Authority could order the operator to cut its rates."
    )
    ties = {(t.source, t.type, t.target) for t in extractor.extract(text)}
    assert ("Trade Authority", "REGULATE", "Brackwater Telecom") not in ties
