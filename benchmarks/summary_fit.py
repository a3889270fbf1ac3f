"""Fit the weights of the extractive summary ranking on news articles against their editors' leads, choose
the method on cross-validated folds, and write the winner to pipeline/resources/summary_ranking.toml.

Every article is summarised from its body (the lead removed) within a budget of as many words as its first
three body sentences (the lead-3 baseline) hold, and compared with its lead (ROUGE-1 and ROUGE-L F1).
Methods compared, each with the MMR trade-off λ from a small grid:
- lead: position only (the first publishable units);
- handtuned: the earlier weights (lead 0.7, centrality 0.3, an unattributed-quote penalty);
- logistic:C: a logistic regression (inverse regularisation strength C, standardised features) of the
  oracle units (those a greedy search picks to maximise unigram F1 against the lead) on all the features
  of `pipeline.summaries.extractive.FEATURES`, position among them, so that it can reproduce the lead
  where that is best and take a better unit where it finds one.
K-fold cross-validation by article (shuffled, fixed seed): each configuration is fitted on the training
folds and scored on the held-out fold, so every article is scored once by a model that never saw it. The
winner is the most regularised logistic configuration (smallest C, then largest λ) whose held-out mean
ROUGE-1 + ROUGE-L lies within one standard error (over the folds) of the best configuration's: differences
smaller than that are noise, and strong regularisation keeps the weights from overfitting news-article
structure (it keeps, for one, the conclusion of the sample report that opens its first paragraph). lead
and handtuned are baselines, reported but not chosen. The winner is refitted on all the articles and
written; its held-out figures are printed beside lead-3's, with a paired bootstrap interval.

Usage: python benchmarks/summary_fit.py [--folds 10] [--write] [--model M] PATH...
Needs the bench extra (rouge-score).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from statistics import mean

import numpy as np
from rouge_score import rouge_scorer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_data import WORD, DiacriticTokenizer, article_files, lead_budget, load_articles, paired_bootstrap  # noqa: E402

from pipeline.nlp import load_nlp  # noqa: E402
from pipeline.summaries.extractive import FEATURES, Prepared, choose, prepare  # noqa: E402
from pipeline.summaries.structured import BUDGET_UNITS  # noqa: E402

HANDTUNED = {"lead": 0.7, "centrality": 0.3, "unattributed": -0.3}
LAMBDAS = (0.7, 0.85, 1.0)
#: Inverse regularisation strengths tried, most regularised first (the order of the one-standard-error rule).
STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SENTENCES = 3
SEED = 0


def unigram_f1(candidate: str, reference: Counter[str]) -> float:
    words = Counter(WORD.findall(candidate.lower()))
    overlap = sum((words & reference).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(words.values()), overlap / sum(reference.values())
    return 2 * p * r / (p + r)


def oracle(prepared: Prepared, reference: Counter[str], k: int = SENTENCES) -> set[int]:
    """Greedy oracle: the units that together best match the lead (unigram F1)."""
    texts = [u.text for u in prepared.units]
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < k:
        gains = [
            (unigram_f1(" ".join(texts[j] for j in sorted([*chosen, i])), reference), -i)
            for i in range(len(texts)) if i not in chosen
        ]
        if not gains:
            break
        value, neg = max(gains)
        if value <= best:
            break
        best = value
        chosen.append(-neg)
    return set(chosen)


class Item:
    """One article ready for fitting: its units and features, its lead, lead-3's text and word budget."""

    def __init__(self, prepared: Prepared, lead: str, lead3: str, budget: int) -> None:
        self.prepared = prepared
        self.lead = lead
        self.lead3 = lead3
        self.budget = budget
        chosen = oracle(prepared, Counter(WORD.findall(lead.lower())))
        self.labels = np.array([1 if i in chosen else 0 for i in range(len(prepared.units))])


def fit_weights(method: str, items: list[Item]) -> dict[str, float]:
    """The feature weights of a method, fitted on the items (none are fitted for lead and handtuned)."""
    if method == "handtuned":
        return dict(HANDTUNED)
    if method == "lead":
        return {"lead": 1.0}
    x = np.vstack([it.prepared.features for it in items if it.prepared.units])
    y = np.concatenate([it.labels for it in items if it.prepared.units])
    scaler = StandardScaler().fit(x)
    strength = float(method.split(":")[1])
    model = LogisticRegression(C=strength, max_iter=5000).fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return dict(zip(FEATURES, map(float, model.coef_[0] / scale), strict=True))


def summary_text(item: Item, weights: dict[str, float], lam: float) -> str:
    """The summary the ranking gives within lead-3's word budget, as `summarise_span` would choose it."""
    p = item.prepared
    chosen, _ = choose(p, SENTENCES * BUDGET_UNITS, weights=weights, mmr_lambda=lam, budget=item.budget)
    return " ".join(p.units[i].text.strip() for i in chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--model", default=None, help="spaCy model (default: the one `notulist process` uses)")
    parser.add_argument("--write", action="store_true", help="write the winner to pipeline/resources/summary_ranking.toml")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    files = article_files(args.paths, "all")
    articles = load_articles(nlp, files)
    items = []
    for a in articles:
        lead3, budget = lead_budget(a.body, SENTENCES)
        items.append(Item(prepare(a.body, unattributed=a.unattributed), a.lead, lead3, budget))
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False, tokenizer=DiacriticTokenizer())

    def rouge(item: Item, text: str) -> tuple[float, float]:
        result = scorer.score(item.lead, text)
        return result["rouge1"].fmeasure, result["rougeL"].fmeasure

    methods = ["lead", "handtuned", *(f"logistic:{c}" for c in STRENGTHS)]
    folds = list(KFold(n_splits=args.folds, shuffle=True, random_state=SEED).split(items))
    held: dict[tuple[str, float], dict[int, tuple[float, float]]] = {}
    lead3 = {i: rouge(it, it.lead3) for i, it in enumerate(items)}
    for train, test in folds:
        train_items = [items[i] for i in train]
        for method in methods:
            weights = fit_weights(method, train_items)
            for lam in LAMBDAS:
                scores = held.setdefault((method, lam), {})
                for i in test:
                    scores[int(i)] = rouge(items[i], summary_text(items[i], weights, lam))
    order = sorted(lead3)
    print(f"{len(items)} articles ({len(files)} files), {args.folds}-fold cross-validation by article; budget: the words "
          f"of the first {SENTENCES} body sentences; mean over the held-out folds")
    print(f"{'method':14s} {'lambda':>6s} {'ROUGE-1':>8s} {'ROUGE-L':>8s}")
    print(f"{'lead-3':14s} {'':6s} {mean(lead3[i][0] for i in order):8.4f} {mean(lead3[i][1] for i in order):8.4f}")
    table = {key: (mean(v[i][0] for i in order), mean(v[i][1] for i in order)) for key, v in held.items()}
    for (method, lam), (r1, rl) in table.items():
        print(f"{method:14s} {lam:6.2f} {r1:8.4f} {rl:8.4f}")
    per_fold = {key: [mean(v[int(i)][0] + v[int(i)][1] for i in test) for _, test in folds] for key, v in held.items()}
    best = max(per_fold, key=lambda key: mean(per_fold[key]))
    spread = float(np.std(per_fold[best], ddof=1) / np.sqrt(len(folds)))
    learned = [(f"logistic:{c}", lam) for c in STRENGTHS for lam in sorted(LAMBDAS, reverse=True)]
    method, lam = next(key for key in learned if mean(per_fold[key]) >= mean(per_fold[best]) - spread)
    r1, rl = table[(method, lam)]
    print(f"best: {best[0]}, lambda {best[1]} (ROUGE-1 + ROUGE-L {mean(per_fold[best]):.4f}, standard error {spread:.4f})")
    print(f"winner (most regularised within one standard error): {method}, lambda {lam} (ROUGE-1 {r1:.4f}, ROUGE-L {rl:.4f})")
    for k, key in ((0, "ROUGE-1"), (1, "ROUGE-L")):
        low, mid, high = paired_bootstrap([held[(method, lam)][i][k] for i in order], [lead3[i][k] for i in order])
        print(f"  winner - lead-3 {key}: {mid:+.4f} (95% bootstrap interval {low:+.4f} to {high:+.4f})")
    weights = fit_weights(method, items)
    print(f"refitted on all {len(items)} articles:")
    for name in FEATURES:
        print(f"  {name:18s} {weights.get(name, 0.0):+.4f}")
    if args.write:
        target = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "summary_ranking.toml"
        lines = [
            "# Weights of the extractive summary ranking (pipeline/summaries/extractive.py, FEATURES) and the MMR",
            "# trade-off between salience and repetition. Written by:",
            f"#   python benchmarks/summary_fit.py --folds {args.folds} --write {' '.join(p.name for p in args.paths)}",
            f"# fitted on all {len(items)} articles after {args.folds}-fold cross-validation by article chose the method by",
            f"# the one-standard-error rule (best: {best[0]}, lambda {best[1]}, ROUGE-1 + ROUGE-L {mean(per_fold[best]):.4f} ± {spread:.4f})",
            f"# (held-out folds, budget = lead-3's words: ROUGE-1 {r1:.4f}, ROUGE-L {rl:.4f};",
            f"# lead-3: {mean(lead3[i][0] for i in order):.4f}, {mean(lead3[i][1] for i in order):.4f}).",
            f'method = "{method}"',
            f"mmr_lambda = {lam}",
            "",
            "[weights]",
            *(f"{name} = {weights.get(name, 0.0):.6f}" for name in FEATURES),
            "",
        ]
        target.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
