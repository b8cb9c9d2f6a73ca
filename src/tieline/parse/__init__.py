"""Parse: the spaCy pipeline that turns article text into a Doc with sentences and entities."""

from tieline.parse.pipeline import build_nlp, model_name

__all__ = ["build_nlp", "model_name"]
