"""Discover themes across a corpus: topics from scikit-learn on lemmas, and new terms for seeded themes.

Units are paragraphs (and turns): a handful of meeting reports gives too few documents for a topic model,
while their paragraphs each keep to one subject. Document weights are the length-weighted mean of their
paragraphs' weights.

The vocabulary leaves out spaCy's Dutch stop words, the speech verbs of `resources/speech_verbs.txt` and the
filler verbs and generic nouns of `resources/topic_stop_words.txt`, so topics are not led by "zeggen" or
"gaan". Each topic gets a label (its strongest terms) and example sentences (from its strongest paragraphs,
the sentences with most of its terms). Theme-term suggestions are nouns and noun phrases (adjective or noun
+ noun) when the model tags parts of speech, content lemmas otherwise.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

METHODS = ("nmf", "lda")
MIN_LEMMA_LENGTH = 3
LABEL_TERMS = 3
EXAMPLE_SENTENCES = 3
MAX_EXAMPLE_CHARS = 240
CONTENT_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})  # the vocabulary when the model tags words
TERM_TAGS = frozenset({"NOUN"})  # theme terms are common nouns: names (PROPN) are not terms of a theme
MODIFIER_TAGS = frozenset({"ADJ", "NOUN"})
SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"']?\s+(?=[„“‘\"'(]?[A-ZÀ-Ý0-9])")


@cache
def topic_stop_words() -> frozenset[str]:
    """Words kept out of the topic vocabulary: speech verbs (forms and lemmas), `resources/topic_stop_words.txt`, and
    greetings, thanks and forms of address (`keyphrases.address_words`: "goedemorgen", "mevrouw", "heer")."""
    from pipeline.resources import speech_verbs, word_set
    from pipeline.themes.keyphrases import address_words

    verbs = speech_verbs()
    return frozenset(set(verbs) | {verb.lemma for verb in verbs.values()} | word_set("topic_stop_words.txt") | address_words())


def _is_topic_word(token) -> bool:
    lemma = (token.lemma_ or token.text).lower()
    return (token.is_alpha and len(lemma) >= MIN_LEMMA_LENGTH and lemma not in STOP_WORDS
            and token.lower_ not in STOP_WORDS and lemma not in topic_stop_words() and token.lower_ not in topic_stop_words()
            and (not token.pos_ or token.pos_ in CONTENT_TAGS))


def topic_lemmas(doc: Doc | Span | Sequence) -> str:
    """The lemmas topic discovery counts: content lemmas, lower-cased, without stop words, speech verbs,
    filler verbs or generic nouns (see `topic_stop_words`)."""
    return " ".join((t.lemma_ or t.text).lower() for t in doc if _is_topic_word(t))


def candidate_terms(doc: Doc | Span) -> list[str]:
    """Theme-term candidates of a text: common nouns and noun phrases (modifier + noun, 'open innovatie')
    when the model tags parts of speech; otherwise every topic word (see `topic_lemmas`)."""
    tokens = list(doc)
    tagged = any(t.pos_ for t in tokens)
    if not tagged:
        return [(t.lemma_ or t.text).lower() for t in tokens if _is_topic_word(t)]
    terms = []
    for i, token in enumerate(tokens):
        if token.pos_ not in TERM_TAGS or not _is_topic_word(token):
            continue
        lemma = (token.lemma_ or token.text).lower()
        terms.append(lemma)
        if i and tokens[i - 1].pos_ in MODIFIER_TAGS and _is_topic_word(tokens[i - 1]):
            terms.append(f"{(tokens[i - 1].lemma_ or tokens[i - 1].text).lower()} {lemma}")
    return terms


def split_sentences(text: str) -> list[str]:
    """A paragraph cut into sentences at . ! ? … followed by a capital (enough for example sentences)."""
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


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

    def labels(self, n_terms: int = LABEL_TERMS) -> list[str]:
        """A label per topic: its `n_terms` strongest terms, 'zorg · huisarts · patiënt'."""
        return [" · ".join(term for term, _ in terms[:n_terms]) for terms in self.top_terms()]

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
    unit_terms: list[list[str]] = field(default_factory=list)
    unit_sentences: list[list[tuple[str, frozenset[str]]]] = field(default_factory=list)


def document_topics(discoverer: ThemeDiscoverer, corpus: Corpus) -> pd.DataFrame:
    """Per document (its file name), the length-weighted mean topic weight of its paragraphs (rows sum to 1)."""
    weights = discoverer.unit_topics_
    lengths = np.array([max(1, len(t.split())) for t in corpus.unit_lemmas], dtype=float)
    rows = []
    for d, name in enumerate(corpus.documents):
        mask = np.array([u == d for u in corpus.unit_document])
        if not mask.any():
            continue
        mean = (weights[mask] * lengths[mask, None]).sum(axis=0) / lengths[mask].sum()
        total = mean.sum()
        rows.append([Path(name).name] + [round(float(v / total), 4) if total else 0.0 for v in mean])
    return pd.DataFrame(rows, columns=["document"] + [f"topic_{k + 1}" for k in range(weights.shape[1])])


def topic_examples(discoverer: ThemeDiscoverer, corpus: Corpus, *, examples: int = EXAMPLE_SENTENCES) -> list[list[tuple[str, str]]]:
    """Per topic, up to `examples` (document, sentence) pairs: from the topic's strongest paragraphs, the
    sentence that holds most of its top terms (one sentence per paragraph, at most `MAX_EXAMPLE_CHARS`)."""
    result = []
    for k, terms in enumerate(discoverer.top_terms()):
        wanted = {t for t, _ in terms}
        order = np.argsort(-discoverer.unit_topics_[:, k], kind="stable")
        chosen: list[tuple[str, str]] = []
        for unit in order:
            if len(chosen) >= examples or discoverer.unit_topics_[unit, k] <= 0:
                break
            sentences = corpus.unit_sentences[unit] if corpus.unit_sentences else [
                (text, frozenset(text.lower().split())) for text in split_sentences(corpus.unit_texts[unit])]
            if not sentences:
                continue
            text, lemmas = max(sentences, key=lambda pair: (len(pair[1] & wanted), -abs(len(pair[0]) - 140)))
            if not lemmas & wanted:
                continue
            if len(text) > MAX_EXAMPLE_CHARS:
                text = text[: MAX_EXAMPLE_CHARS - 1].rsplit(" ", 1)[0] + " …"
            chosen.append((corpus.documents[corpus.unit_document[unit]], text))
        result.append(chosen)
    return result


def topic_table(discoverer: ThemeDiscoverer, corpus: Corpus, *, examples: int = EXAMPLE_SENTENCES) -> pd.DataFrame:
    """Per topic and term: topic number, label, rank, term, weight, and (on the first row of each topic)
    its example sentences joined by ' | '."""
    rows = []
    labels = discoverer.labels()
    samples = topic_examples(discoverer, corpus, examples=examples)
    for k, terms in enumerate(discoverer.top_terms()):
        sample = " | ".join(sentence for _, sentence in samples[k])
        for rank, (term, weight) in enumerate(terms, start=1):
            rows.append({"topic": k + 1, "label": labels[k], "rank": rank, "term": term, "weight": round(weight, 4),
                         "examples": sample if rank == 1 else ""})
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight", "examples"])


def topic_example_table(discoverer: ThemeDiscoverer, corpus: Corpus, *, examples: int = EXAMPLE_SENTENCES) -> pd.DataFrame:
    """One row per example sentence: topic, label, rank, document (file name) and sentence."""
    labels = discoverer.labels()
    rows = [{"topic": k + 1, "label": labels[k], "rank": rank, "document": Path(document).name, "sentence": sentence}
            for k, pairs in enumerate(topic_examples(discoverer, corpus, examples=examples))
            for rank, (document, sentence) in enumerate(pairs, start=1)]
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "document", "sentence"])


def _is_known(term: str, known: Iterable[str]) -> bool:
    """A seed already covers the term: the same word, or a compound that starts or ends with a seed word."""
    for word in term.split():
        for seed in known:
            if word == seed or (len(seed) >= MIN_LEMMA_LENGTH + 2 and (word.startswith(seed) or word.endswith(seed))):
                return True
    return False


def suggest_terms(corpus: Corpus, seeded: dict[str, set[int]], known: dict[str, set[str]], *, top: int = 10, min_count: int = 2) -> pd.DataFrame:
    """New terms for each seeded theme: nouns and noun phrases (see `candidate_terms`; the lemmas when the
    corpus has no candidates) over-represented in the paragraphs that mention its seeds, scored by the
    smoothed log ratio of their share there to their share in the whole corpus, times log(1 + count).

    Terms in `topic_stop_words` ("uur", "jaar", "zeggen"), stop words, terms a seed already covers and terms
    not over-represented are left out."""
    unit_terms = corpus.unit_terms or [text.split() for text in corpus.unit_lemmas]
    stop = topic_stop_words() | STOP_WORDS
    all_counts = Counter(w for terms in unit_terms for w in set(terms))
    n_all = len(unit_terms)
    rows = []
    for theme, units in sorted(seeded.items()):
        if not units:
            continue
        counts = Counter(w for i in units for w in set(unit_terms[i]))
        scored = []
        for word, c in counts.items():
            if c < min_count or any(part in stop for part in word.split()) or _is_known(word, known.get(theme, set())):
                continue
            ratio = math.log(((c + 0.5) / (len(units) + 1)) / ((all_counts[word] + 0.5) / (n_all + 1)))
            if ratio <= 0:
                continue
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
    unit_terms: list[list[str]] = []
    unit_sentences: list[list[tuple[str, frozenset[str]]]] = []
    seeded: dict[str, set[int]] = {t.id: set() for t in matcher.themes}
    for i, doc in enumerate(nlp.pipe(unit_texts, batch_size=64)):
        unit_lemmas.append(topic_lemmas(doc))
        unit_terms.append(candidate_terms(doc))
        unit_sentences.append(_sentences_with_lemmas(doc))
        for match in matcher(doc):
            seeded[match.theme].add(i)
    return Corpus(documents, unit_document, unit_texts, unit_lemmas, unit_terms, unit_sentences), seeded


def _sentences_with_lemmas(doc: Doc) -> list[tuple[str, frozenset[str]]]:
    """The sentences of a paragraph (see `split_sentences`) with their topic lemmas."""
    out = []
    position = 0
    for sentence in split_sentences(doc.text):
        start = doc.text.find(sentence, position)
        position = start + len(sentence)
        span = doc.char_span(start, position, alignment_mode="expand")
        out.append((sentence, frozenset(topic_lemmas(span).split()) if span is not None else frozenset()))
    return out


def topic_chart(shares: Sequence[float], labels: Sequence[str]):
    """A bar chart of each topic's share of the corpus (mean document weight), for the report."""
    from pipeline.outputs.charts import bar_chart

    names = [f"{k}. {label}" for k, label in enumerate(labels, start=1)]
    return bar_chart("topics", "Aandeel van elk onderwerp in het corpus", names, list(shares), unit="%",
                     axis_label="gemiddeld gewicht per document")


def topics_view(folder: Path) -> dict[str, object]:
    """What the report shows of a `themes discover` folder: per topic its label, terms and example
    sentences, and a chart of the topics' shares. Reads `topics.csv`, `document_topics.csv` and, when
    present, `topic_examples.csv`."""
    topics = pd.read_csv(folder / "topics.csv", keep_default_na=False)
    weights_path = folder / "document_topics.csv"
    examples_path = folder / "topic_examples.csv"
    examples = pd.read_csv(examples_path, keep_default_na=False) if examples_path.is_file() else None
    view = []
    for number, group in topics.groupby("topic", sort=True):
        terms = [str(t) for t in group.sort_values("rank")["term"]]
        label = str(group["label"].iloc[0]) if "label" in group else " · ".join(terms[:LABEL_TERMS])
        if examples is not None:
            sentences = [str(x) for x in examples[examples["topic"] == number].sort_values("rank")["sentence"]]
        else:
            sentences = [x for x in str(group.sort_values("rank")["examples"].iloc[0]).split(" | ") if x]
        view.append({"topic": int(number), "label": label, "terms": terms, "examples": sentences})
    chart = None
    if weights_path.is_file() and view:
        weights = pd.read_csv(weights_path)
        columns = [f"topic_{t['topic']}" for t in view if f"topic_{t['topic']}" in weights]
        if columns and len(weights):
            chart = topic_chart([float(weights[c].mean()) for c in columns], [str(t["label"]) for t in view][: len(columns)])
    return {"topics": view, "chart": chart}
