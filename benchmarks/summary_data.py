"""Shared by the summary benchmarks: news articles whose first paragraph after the title is the editors'
lead (a human summary of the rest), read and parsed once, and the fixed split of a corpus into a part to fit
on and a part held out.

The split: the article files sorted by name, every other one (0th, 2nd, 4th, …) to fit on, the others
(1st, 3rd, …) held out. No randomness, so anyone gets the same split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.analyze import parse
from pipeline.components import unattributed_quotes
from pipeline.ingest import BlockKind, read_file
from pipeline.process import expand_inputs

WORD = re.compile(r"\w+", re.UNICODE)


class DiacriticTokenizer:
    """Lower-cased Unicode words: rouge-score's default tokenizer would split "ideeën" into "idee" and "n"."""

    def tokenize(self, text: str) -> list[str]:
        return WORD.findall(text.lower())


@dataclass
class Article:
    """One article: its lead (the reference summary) and the candidate sentences of the body after it."""

    name: str
    lead: str
    body: list[Span]
    unattributed: list[tuple[int, int]]
    doc: Doc


def candidate_sentences(doc: Doc) -> list[Span]:
    """The content sentences of a parsed document, whichever way the pipeline stores them."""
    try:
        from pipeline.components import theme_sentences
    except ImportError:  # before results moved into doc.spans
        return list(doc._.theme_sentences or [])
    return list(theme_sentences(doc) or [])


def article_files(paths: list[Path], part: str = "all") -> list[Path]:
    """The .txt files under the paths, sorted by name; `part` is "all", "fit" (even positions) or
    "heldout" (odd positions)."""
    files = sorted((p for p in expand_inputs(paths) if p.suffix == ".txt"), key=lambda p: p.name)
    if part == "fit":
        return files[0::2]
    if part == "heldout":
        return files[1::2]
    return files


def lead_budget(body: list[Span], n: int = 3) -> tuple[str, int]:
    """The lead-n baseline of an article body (its first n candidate sentences, joined) and its length in words:
    the word budget a summary gets when it is compared with lead-n."""
    text = " ".join(s.text.strip() for s in body[:n])
    return text, len(WORD.findall(text))


def paired_bootstrap(a: list[float], b: list[float], rounds: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    """Mean of the per-document differences a - b with a 95% interval from resampling the documents."""
    import numpy as np

    diff = np.array(a) - np.array(b)
    rng = np.random.default_rng(seed)
    means = np.sort([diff[rng.integers(0, len(diff), len(diff))].mean() for _ in range(rounds)])
    return float(means[int(0.025 * rounds)]), float(diff.mean()), float(means[int(0.975 * rounds) - 1])


def load_articles(nlp: Language, files: list[Path]) -> list[Article]:
    """Read and parse the articles that have a lead and at least two more paragraphs."""
    articles = []
    for path in files:
        transcript = read_file(path)
        paragraphs = [b for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
        if len(paragraphs) < 3:
            continue
        lead = paragraphs[0]
        doc = parse(nlp, transcript)
        body = [s for s in candidate_sentences(doc) if s.start_char >= lead.end]
        articles.append(Article(path.name, lead.text, body, unattributed_quotes(doc), doc))
    return articles
