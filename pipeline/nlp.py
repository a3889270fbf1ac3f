"""Load the spaCy pipeline: the Dutch model shipped in `models/`, any installed package or path, or the
blank Dutch fallback; then add notulist's components."""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

import pipeline.components  # noqa: F401  (registers the factories)
from pipeline.tokenizer import linear_tokenizer

#: The model trained by the project (see models/README.md); NOTULIST_MODEL overrides where it is looked for.
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "nl_notulist"
BLANK = "blank"
COMPONENTS = ("notulist_mentions", "notulist_quotes", "notulist_speakers")


class ModelError(Exception):
    """A model that cannot be loaded; the message says which and why."""


def default_model() -> str:
    """The embedded model when it is present, else the blank Dutch pipeline."""
    env = os.environ.get("NOTULIST_MODEL")
    if env:
        return env
    return str(DEFAULT_MODEL) if (DEFAULT_MODEL / "meta.json").exists() else BLANK


def blank_dutch() -> Language:
    """Tokenizer, rule-based sentences and lookup lemmas (spacy-lookups-data); no download needed."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def load_base(model: str | None = None) -> Language:
    """The spaCy pipeline without notulist's components."""
    name = model or default_model()
    if name == BLANK:
        return blank_dutch()
    try:
        return spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy model {name!r}: give an installed package name (nl_core_news_sm) or the path "
            f"of a pipeline folder, or 'blank'. ({err})"
        ) from err
    except (ValueError, KeyError) as err:  # spaCy E002/E893 etc.: an unregistered component or layer, a bad config
        raise ModelError(
            f"cannot load spaCy model {name!r}: its config names a component or layer this installation does not "
            f"provide (install the package that registers it), or is not valid. ({err})"
        ) from err


def load_nlp(
    model: str | None = None,
    *,
    themes_file: str | None = None,
    extend_themes: bool = False,
    summary_sentences: int = 3,
    summary_ratio: float | None = None,
) -> Language:
    """The full notulist pipeline on top of the chosen spaCy model (its tokenizer made linear on long runs of one
    punctuation character, with the same tokens: `pipeline.tokenizer`)."""
    nlp = linear_tokenizer(load_base(model))
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    if first is not None:
        nlp.add_pipe("notulist_block_sentences", before=first)
    else:
        nlp.add_pipe("notulist_block_sentences")
    if "parser" in nlp.pipe_names and "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        # Punctuation sentences are more reliable on edited report text than the parser's own; the parser
        # keeps those boundaries and parses within them.
        nlp.add_pipe("sentencizer", after="notulist_block_sentences")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.add_pipe("notulist_themes", config={"themes_file": themes_file, "extend": extend_themes})
    nlp.add_pipe("notulist_summaries", config={"sentences": summary_sentences, "ratio": summary_ratio})
    return nlp
