"""Names that are no party: a person listed by two organizations, a platform posted on."""

from __future__ import annotations

from tieline.model import Article
from tieline.pipeline import Extractor
from tieline.resolve.gazetteer import Gazetteer, OrgEntry


def _gazetteer(*records: dict) -> Gazetteer:
    return Gazetteer(OrgEntry.from_record(r) for r in records)


def test_a_person_belongs_to_the_organization_they_lead_now() -> None:
    gaz = _gazetteer(
        {"name": "Alpha", "people": [{"name": "Dana Ruiz", "role": "Co-founder"}]},
        {"name": "Beta", "people": [{"name": "Dana Ruiz", "role": "CEO"}]},
        {"name": "Gamma", "people": [{"name": "Ravi Menon", "role": "Former CEO"}]},
        {"name": "Delta", "people": [{"name": "Ravi Menon", "role": "Chief Scientist"}]},
    )
    assert gaz.person("Dana Ruiz") == ("Beta", "Dana Ruiz")
    assert gaz.person("Ravi Menon") == ("Delta", "Ravi Menon")
    people = {(p["pattern"], p["id"]) for p in gaz.ruler_patterns() if p["pattern"] == "Dana Ruiz"}
    assert people == {("Dana Ruiz", "Beta")}  # the entity ruler agrees with the lookup


def test_a_platform_posted_on_is_no_party(extractor: Extractor) -> None:
    text = (
        "Zorvex chief executive Ada Quill mocked the plan in a post on LinkedIn. She later "
        "wrote on LinkedIn that Plimco had lost its way."
    )
    result = next(iter(extractor.run([Article(id="1", text=text)])))
    assert "LinkedIn" not in {m.org for m in result.mentions}
    assert {"Zorvex", "Plimco"} <= {m.org for m in result.mentions}
