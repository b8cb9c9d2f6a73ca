"""Descriptions by place: "the Danish manufacturer" is the article's one Danish company."""

from __future__ import annotations

from tieline.model import Article
from tieline.pipeline import CHUNK_BATCHES, Extractor, extract_articles


def _ties(extractor: Extractor, *texts: str) -> list[tuple[str, str, str]]:
    """(source, type, target) of the last text, the texts run in order as one stream."""
    arts = [Article(id=str(i), text=t, date=f"2025-01-0{i + 1}") for i, t in enumerate(texts)]
    *_, last = extractor.run(arts)
    return [(t.source, t.type, t.target) for t in last.ties]


def test_a_place_named_beside_a_company_resolves_its_description(extractor: Extractor) -> None:
    text = (
        "Brellstone Power has ordered 64 turbines from Tarnwell Vind, the Danish turbine "
        "maker. The Danish manufacturer sued Quorral Grid over a patent in May."
    )
    assert ("Tarnwell Vind", "SUE", "Quorral Grid") in _ties(extractor, text)


def test_places_are_remembered_by_later_articles_of_the_run(extractor: Extractor) -> None:
    first = "Tarnwell Micro, the Austin chipmaker, signed a supply deal with Brellstone Cloud."
    later = (
        "Brellstone Cloud has cut its orders from Quorral Systems and Tarnwell Micro. The "
        "Austin chipmaker said it would sue Brellstone Cloud."
    )
    assert ("Tarnwell Micro", "SUE", "Brellstone Cloud") in _ties(extractor, first, later)
    # a new run starts with no memory: alone, the later article cannot tell which one
    assert ("Tarnwell Micro", "SUE", "Brellstone Cloud") not in _ties(extractor, later)


def test_a_possessor_place_is_not_the_appositive_company_place(extractor: Extractor) -> None:
    _ties(extractor, "Plimco chose Tarnwell Wind over Quorral Wind, the Danish company's rival.")
    assert "danish" not in extractor.gazetteer.learned_places.get("Quorral Wind", set())


def test_one_and_two_processes_remember_the_same(extractor: Extractor) -> None:
    """Places are remembered within a chunk of the run (64 articles at batch size 16),
    the unit a worker takes, so one and two processes give the same ties."""
    intro = "Tarnwell Micro, the Austin chipmaker, signed a supply deal with Brellstone Cloud."
    later = (
        "Brellstone Cloud has cut its orders from Quorral Systems and Tarnwell Micro. The "
        "Austin chipmaker said it would sue Brellstone Cloud."
    )
    texts = ["Plimco reported higher quarterly sales."] * 70
    texts[10], texts[20], texts[66] = intro, later, later
    arts = [Article(id=str(i), text=t, date="2025-01-01") for i, t in enumerate(texts)]
    span = extractor.settings.batch_size * CHUNK_BATCHES
    assert span == 64

    def run(procs: int) -> list[set[tuple[str, str, str]]]:
        results = extract_articles(
            arts, settings=extractor.settings, n_process=procs, extractor=extractor
        )
        return [{(t.source, t.type, t.target) for t in r.ties} for r in results]

    one, two = run(1), run(2)
    assert one == two
    sue = ("Tarnwell Micro", "SUE", "Brellstone Cloud")
    assert sue in one[20]  # same chunk as the introduction
    assert sue not in one[66]  # the next chunk starts with no memory


def test_a_resolved_description_teaches_its_place_to_later_articles(
    extractor: Extractor,
) -> None:
    first = (
        "Brellstone Cloud has invested $500 million in Tarnwell Micro, becoming the largest "
        "backer of the Austin chip designer."
    )
    later = (
        "Brellstone Cloud has cut its orders from Quorral Systems and Tarnwell Micro. The "
        "Austin company said it would sue Brellstone Cloud."
    )
    assert ("Tarnwell Micro", "SUE", "Brellstone Cloud") in _ties(extractor, first, later)
