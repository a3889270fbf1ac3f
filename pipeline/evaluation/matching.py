"""Match predicted quotes and speakers to gold ones, following the design notes.

A predicted quote matches a gold quote when it covers at least 80% of the gold tokens and at least half of
its own tokens are gold tokens (tokens: lower-cased words, quotation marks and punctuation ignored).
Speakers match on name or alias, ignoring case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

_TOKEN = re.compile(r"\w+", re.UNICODE)
GOLD_COVERAGE = 0.8
OWN_PRECISION = 0.5


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def overlap(pred: str, gold: str) -> tuple[float, float]:
    """(share of gold tokens covered, share of predicted tokens that are gold tokens)."""
    p, g = tokens(pred), tokens(gold)
    common = sum((p & g).values())
    return common / max(1, sum(g.values())), common / max(1, sum(p.values()))


def quotes_match(pred: str, gold: str) -> bool:
    coverage, precision = overlap(pred, gold)
    return coverage >= GOLD_COVERAGE and precision >= OWN_PRECISION


def match_quotes(pred: Sequence[str], gold: Sequence[str]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, best overlap first."""
    scored = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if quotes_match(p, g):
                coverage, precision = overlap(p, g)
                scored.append((coverage + precision, i, j))
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return sorted(pairs)


def norm_name(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def same_speaker(pred_forms: Iterable[str], gold_forms: Iterable[str]) -> bool:
    """Two speakers are the same when any name or alias of one equals one of the other."""
    return bool({norm_name(f) for f in pred_forms if f} & {norm_name(f) for f in gold_forms if f})


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    recall = tp / n_gold if n_gold else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score
