"""Structured summaries for communication staff: a paragraph, key points and who said what."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span

from pipeline.resources import patterns
from pipeline.sentences import doc_text
from pipeline.summaries.extractive import choose, prepare
from pipeline.summaries.publishable import MIN_WORDS, is_publishable

#: Key points per summary: units that add to the summary sentences, best first.
KEY_POINTS = 5
#: With a word budget, a summary of n sentences holds at most this many times n units. 1 keeps the meaning of
#: --summary-sentences (at most n units), and did better than 2 on the held-out folds (benchmarks/summary_fit.py).
BUDGET_UNITS = 1
#: A key point longer than this many words is cut after its first complete clause, or left out.
KEY_POINT_WORDS = 25

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SpanSummary:
    """Chosen units (spans of one or more sentences, document order) and the key points (best first)."""

    sentences: list[Span]
    key_points: list[str] = field(default_factory=list)


def sentence_count(n_candidates: int, *, sentences: int | None, ratio: float | None) -> int:
    """Summary length: a fixed number of sentences, or a share of the candidates (at least one)."""
    if ratio is not None:
        return max(1, round(n_candidates * ratio))
    return sentences if sentences is not None else 3


def shorten(text: str, limit: int = KEY_POINT_WORDS) -> str | None:
    """A key point: the sentence itself when it has at most `limit` words, else its first complete clause
    (cut before "; ", ", maar …", ", want …", " – " and the like, ending in a full stop), or None when no
    such clause of `MIN_WORDS` to `limit` words exists. Never a cut mid-phrase, never "…"."""
    body = text.strip()
    if len(_WORD.findall(body)) <= limit:
        return body
    for pattern in patterns("summary_clause_breaks.txt"):
        for match in pattern.finditer(body):
            head = body[: match.start()].rstrip(" ,;:–—")
            words = len(_WORD.findall(head))
            if words > limit:
                break
            if words >= MIN_WORDS and is_publishable(head + "."):
                return head + "."
    return None


def word_budget(sentences: Sequence[Span], n: int) -> int:
    """The length of an n-sentence summary in words: as many words as the first n candidate sentences hold
    (what the first n sentences of a news article give), and at least n times the median sentence, so that
    a session opening with short greetings still gets a summary of n ordinary sentences."""
    if not sentences:
        return 0
    text = doc_text(sentences[0].doc)  # slices of the text: Span.text joins the tokens anew on every call
    counts = [len(_WORD.findall(text[s.start_char : s.end_char])) for s in sentences]
    if not counts:
        return 0
    median = sorted(counts)[len(counts) // 2]
    return max(sum(counts[:n]), n * median)


def summarise_span(
    sentences: Sequence[Span],
    *,
    n: int | None = 3,
    ratio: float | None = None,
    unattributed: Sequence[tuple[int, int]] = (),
    budget: int | None = None,
) -> SpanSummary:
    """Summary units in document order, and key points that add to them (best first).

    `sentences` are the candidate sentences of one session or document (spaCy spans of one Doc);
    `unattributed` holds character ranges of direct quotes whose speaker the sentence does not name.
    With a number of sentences `n` the summary gets a length budget in words (`budget`, by default
    `word_budget(sentences, n)`) and at most `BUDGET_UNITS` × n units; with a `ratio` it gets that share of
    the units, whatever their length.
    """
    prepared = prepare(sentences, unattributed=unattributed)
    count = sentence_count(len(prepared.units), sentences=n, ratio=ratio)
    if ratio is None:
        budget = word_budget(sentences, count) if budget is None else budget
        count *= BUDGET_UNITS
    else:
        budget = None
    chosen, more = choose(prepared, count, extra=3 * KEY_POINTS, budget=budget)
    summary = [prepared.units[i] for i in chosen]
    key_points: list[str] = []
    for i in more:
        unit = prepared.units[i]
        point = shorten(doc_text(unit.doc)[unit.start_char : unit.end_char])
        if point and point not in key_points:
            key_points.append(point)
        if len(key_points) == KEY_POINTS:
            break
    if not key_points and more:
        # every unit left over is longer than a key point and has no clause to cut it at: the best one, whole
        # (a complete publishable sentence), rather than no key point while informative sentences are unused
        unit = prepared.units[more[0]]
        key_points.append(doc_text(unit.doc)[unit.start_char : unit.end_char].strip())
    return SpanSummary(summary, key_points)


def representative(quotes: Sequence[str], context: str) -> int:
    """Index of the quote closest to what the session is about (TF-IDF cosine to the whole session, smoothed
    idf over the session and the quotes). Plain Python: it runs once per speaker, where building a
    vectorizer would cost more than the comparison."""
    if len(quotes) == 1:
        return 0
    bags = [Counter(_WORD.findall(text.lower())) for text in (context, *quotes)]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {w: math.log((1 + len(bags)) / (1 + n)) + 1 for w, n in df.items()}
    vectors = []
    for bag in bags:
        weights = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vectors.append({w: v / norm for w, v in weights.items()})
    session = vectors[0]
    scores = [sum(v * session.get(w, 0.0) for w, v in q.items()) for q in vectors[1:]]
    return int(max(range(len(quotes)), key=lambda i: (scores[i], -i)))
