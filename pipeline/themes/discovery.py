"""Discover themes across a corpus: topics from scikit-learn on lemmas, and new terms for seeded themes.

Units are paragraphs (and turns): a handful of meeting reports gives too few documents for a topic model,
while their paragraphs each keep to one subject. Document weights are the length-weighted mean of their
paragraphs' weights.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

METHODS = ("nmf", "lda")
MIN_LEMMA_LENGTH = 3


def lemma_text(doc: Doc | Span | Sequence) -> str:
    """Content lemmas of a text, lower-cased, without Dutch stop words, numbers or punctuation."""
    words = []
    for token in doc:
        lemma = (token.lemma_ or token.text).lower()
        if token.is_alpha and len(lemma) >= MIN_LEMMA_LENGTH and lemma not in STOP_WORDS and token.lower_ not in STOP_WORDS:
            words.append(lemma)
    return " ".join(words)


class ThemeDiscoverer(BaseEstimator, TransformerMixin):
    """Topics on lemma texts: NMF on TF-IDF (default) or LDA on counts, reproducible with `random_state`."""

    def __init__(self, n_topics: int = 8, *, method: str = "nmf", min_df: int = 2, max_df: float = 0.5,
                 n_top_terms: int = 10, random_state: int = 0) -> None:
        self.n_topics = n_topics
        self.method = method
        self.min_df = min_df
        self.max_df = max_df
        self.n_top_terms = n_top_terms
        self.random_state = random_state

    def fit(self, texts: Sequence[str], y: object = None) -> ThemeDiscoverer:  # noqa: ARG002 — y is the scikit-learn signature
        """Learn the vocabulary and the topics; `texts` are lemma strings (see `lemma_text`)."""
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}")
        if not texts:
            raise ValueError("no texts to discover themes in")
        vectorizer_class = TfidfVectorizer if self.method == "nmf" else CountVectorizer
        self.vectorizer_ = vectorizer_class(min_df=self.min_df, max_df=self.max_df, token_pattern=r"(?u)\b[\w-]{3,}\b")
        matrix = self.vectorizer_.fit_transform(texts)
        n_topics = min(self.n_topics, matrix.shape[0], matrix.shape[1])
        if self.method == "nmf":
            self.model_ = NMF(n_components=n_topics, init="nndsvda", max_iter=800, random_state=self.random_state)
        else:
            self.model_ = LatentDirichletAllocation(n_components=n_topics, learning_method="batch", max_iter=50, random_state=self.random_state)
        self.unit_topics_ = self.model_.fit_transform(matrix)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return self.model_.transform(self.vectorizer_.transform(texts))

    def top_terms(self) -> list[list[tuple[str, float]]]:
        """Per topic, the strongest terms with their weights."""
        topics = []
        for row in self.model_.components_:
            order = np.argsort(-row, kind="stable")[: self.n_top_terms]
            topics.append([(str(self.terms_[i]), float(row[i])) for i in order])
        return topics


def npmi_coherence(topics: Sequence[Sequence[str]], texts: Sequence[str]) -> list[float]:
    """Mean normalised PMI of each topic's term pairs, with co-occurrence counted in the units themselves."""
    units = [set(t.split()) for t in texts]
    n = len(units)
    df = Counter(w for u in units for w in u)
    scores = []
    for terms in topics:
        pairs = []
        for i, a in enumerate(terms):
            for b in terms[i + 1 :]:
                joint = sum(1 for u in units if a in u and b in u)
                if joint == 0:
                    pairs.append(-1.0)
                    continue
                p_ab, p_a, p_b = joint / n, df[a] / n, df[b] / n
                pairs.append(1.0 if p_ab == 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
        scores.append(sum(pairs) / len(pairs) if pairs else 0.0)
    return scores


@dataclass
class Corpus:
    """Paragraph units of a corpus with the document each belongs to."""

    documents: list[str]
    unit_document: list[int]
    unit_texts: list[str]
    unit_lemmas: list[str]


def document_topics(discoverer: ThemeDiscoverer, corpus: Corpus) -> pd.DataFrame:
    """Per document, the length-weighted mean topic weight of its paragraphs (rows sum to 1)."""
    weights = discoverer.unit_topics_
    lengths = np.array([max(1, len(t.split())) for t in corpus.unit_lemmas], dtype=float)
    rows = []
    for d, name in enumerate(corpus.documents):
        mask = np.array([u == d for u in corpus.unit_document])
        if not mask.any():
            continue
        mean = (weights[mask] * lengths[mask, None]).sum(axis=0) / lengths[mask].sum()
        total = mean.sum()
        rows.append([name] + [round(float(v / total), 4) if total else 0.0 for v in mean])
    return pd.DataFrame(rows, columns=["document"] + [f"topic_{k + 1}" for k in range(weights.shape[1])])


def topic_table(discoverer: ThemeDiscoverer, corpus: Corpus, *, examples: int = 3) -> pd.DataFrame:
    """Per topic: rank, term, weight, and the example paragraphs' opening sentences."""
    rows = []
    for k, terms in enumerate(discoverer.top_terms()):
        order = np.argsort(-discoverer.unit_topics_[:, k], kind="stable")[:examples]
        sample = " | ".join(corpus.unit_texts[i].split(". ")[0][:160] for i in order)
        for rank, (term, weight) in enumerate(terms, start=1):
            rows.append({"topic": k + 1, "rank": rank, "term": term, "weight": round(weight, 4), "examples": sample if rank == 1 else ""})
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "examples"])


def suggest_terms(corpus: Corpus, seeded: dict[str, set[int]], known: dict[str, set[str]], *, top: int = 10, min_count: int = 2) -> pd.DataFrame:
    """New terms for each seeded theme: lemmas over-represented in the paragraphs that mention its seeds
    (smoothed log ratio of their share there to their share in the whole corpus)."""
    all_counts = Counter(w for text in corpus.unit_lemmas for w in set(text.split()))
    n_all = len(corpus.unit_lemmas)
    rows = []
    for theme, units in sorted(seeded.items()):
        if not units:
            continue
        counts = Counter(w for i in units for w in set(corpus.unit_lemmas[i].split()))
        scored = []
        for word, c in counts.items():
            if c < min_count or word in known.get(theme, set()):
                continue
            ratio = math.log(((c + 0.5) / (len(units) + 1)) / ((all_counts[word] + 0.5) / (n_all + 1)))
            scored.append((round(ratio * math.log(1 + c), 4), word, c))
        for score, word, c in sorted(scored, key=lambda s: (-s[0], s[1]))[:top]:
            rows.append({"theme": theme, "term": word, "score": score, "paragraphs": c})
    return pd.DataFrame(rows, columns=["theme", "term", "score", "paragraphs"])


def build_corpus(nlp, paths: Sequence, *, themes=None) -> tuple[Corpus, dict[str, set[int]]]:
    """Paragraph units of the readable input files, and per seeded theme the units that mention it.

    Files that cannot be read are skipped by the caller's reader; `paths` must be readable files.
    """
    from pipeline.ingest import read_file
    from pipeline.themes.definitions import load_themes
    from pipeline.themes.matcher import ThemeMatcher

    matcher = ThemeMatcher(themes or load_themes())
    documents, unit_document, unit_texts = [], [], []
    for d, path in enumerate(paths):
        transcript = read_file(path)
        documents.append(str(path))
        for block in transcript.blocks:
            if block.is_content and block.text.strip():
                unit_document.append(d)
                unit_texts.append(block.text)
    unit_lemmas: list[str] = []
    seeded: dict[str, set[int]] = {t.id: set() for t in matcher.themes}
    for i, doc in enumerate(nlp.pipe(unit_texts, batch_size=64)):
        unit_lemmas.append(lemma_text(doc))
        for match in matcher(doc):
            seeded[match.theme].add(i)
    return Corpus(documents, unit_document, unit_texts, unit_lemmas), seeded
