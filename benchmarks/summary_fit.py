"""Fit the weights of the extractive summary ranking on news articles against their editors' leads, choose
the method on cross-validated folds, and write the winner to pipeline/resources/summary_ranking.toml.

Methods compared (each with the MMR trade-off λ from a small grid):
- handtuned: the earlier weights (lead 0.7, centrality 0.3, an unattributed-quote penalty);
- lead: position only (the first publishable units);
- ridge: a linear regression of each unit's ROUGE-1 F1 against the lead on the features;
- logistic: a logistic regression of the oracle units (those a greedy search picks to maximise ROUGE
  against the lead) on the features;
- search: a seeded random search of the weights (from the logistic ones and the hand-tuned ones) that
  maximises the mean unigram F1 of the summaries on the training folds.
The winner is the simplest configuration whose cross-validated ROUGE-1 + ROUGE-L lies within one
standard error (over the folds) of the best one's: differences smaller than that are noise on 100 articles.
Only the fit part of the corpus is used (see benchmarks/summary_data.py: every other article by name);
the held-out part is for benchmarks/summary_rouge.py --part heldout.

Usage: python benchmarks/summary_fit.py [--folds 5] [--write] [--model M] PATH...
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
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_data import WORD, DiacriticTokenizer, article_files, load_articles  # noqa: E402

from pipeline.nlp import load_nlp  # noqa: E402
from pipeline.summaries.extractive import FEATURES, Prepared, choose, prepare  # noqa: E402

HANDTUNED = {"lead": 0.7, "centrality": 0.3, "unattributed": -0.3}
LAMBDAS = (0.5, 0.7, 0.85, 1.0)
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
    """Greedy oracle: the units that together best match the lead (ROUGE-1 F1)."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < k:
        gains = [
            (unigram_f1(" ".join(prepared.units[j].text for j in [*chosen, i]), reference), -i)
            for i in range(len(prepared.units)) if i not in chosen
        ]
        if not gains:
            break
        value, neg = max(gains)
        if value <= best:
            break
        best = value
        chosen.append(-neg)
    return set(chosen)


SEARCH_ROUNDS = 300
#: Methods compared on the folds ("logistic:C" with the inverse regularisation strength C).
#: In order of simplicity, for the one-standard-error rule.
METHODS = ("lead", "handtuned", "logistic:0.01", "logistic:0.1", "logistic", "logistic:10", "ridge")


def proxy(items: list[tuple[Prepared, Counter[str]]], weights: dict[str, float], lam: float) -> float:
    """Mean unigram F1 of the summaries against the leads (a fast stand-in for ROUGE-1)."""
    total = 0.0
    for p, reference in items:
        chosen, _ = choose(p, SENTENCES, weights=weights, mmr_lambda=lam)
        total += unigram_f1(" ".join(p.units[i].text for i in chosen), reference)
    return total / max(1, len(items))


def search(items: list[tuple[Prepared, str]]) -> tuple[dict[str, float], float]:
    """Random search around the logistic and hand-tuned weights; the best on these items, with its λ."""
    counted = [(p, Counter(WORD.findall(lead.lower()))) for p, lead in items if p.units]
    rng = np.random.default_rng(SEED)
    starts = [fit_weights("logistic", items), dict(HANDTUNED)]
    best = max(((w, lam) for w in starts for lam in LAMBDAS), key=lambda c: proxy(counted, *c))
    best_value = proxy(counted, *best)
    for _ in range(SEARCH_ROUNDS):
        base, _lam = best
        scale = max(abs(v) for v in base.values()) or 1.0
        trial = {name: base.get(name, 0.0) + float(rng.normal(0, 0.3 * scale)) * (rng.random() < 0.4) for name in FEATURES}
        lam = float(rng.choice(LAMBDAS))
        value = proxy(counted, trial, lam)
        if value > best_value:
            best, best_value = (trial, lam), value
    return best


def fit_weights(method: str, items: list[tuple[Prepared, str]]) -> dict[str, float]:
    if method == "handtuned":
        return dict(HANDTUNED)
    if method == "lead":
        return {"lead": 1.0}
    x = np.vstack([p.features for p, _ in items if p.units])
    if method == "ridge":
        y = np.concatenate([
            [unigram_f1(u.text, Counter(WORD.findall(lead.lower()))) for u in p.units] for p, lead in items if p.units
        ])
        model = Ridge(alpha=1.0).fit(x, y)
        return dict(zip(FEATURES, map(float, model.coef_), strict=True))
    labels = []
    for p, lead in items:
        if p.units:
            chosen = oracle(p, Counter(WORD.findall(lead.lower())))
            labels.extend(1 if i in chosen else 0 for i in range(len(p.units)))
    strength = float(method.split(":")[1]) if ":" in method else 1.0
    model = LogisticRegression(C=strength, max_iter=2000, class_weight="balanced").fit(x, np.array(labels))
    return dict(zip(FEATURES, map(float, model.coef_[0]), strict=True))


def evaluate(items: list[tuple[Prepared, str]], weights: dict[str, float], lam: float, scorer) -> tuple[float, float]:
    r1, rl = [], []
    for p, lead in items:
        chosen, _ = choose(p, SENTENCES, weights=weights, mmr_lambda=lam)
        result = scorer.score(lead, " ".join(p.units[i].text.strip() for i in chosen))
        r1.append(result["rouge1"].fmeasure)
        rl.append(result["rougeL"].fmeasure)
    return mean(r1), mean(rl)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--model", default=None, help="spaCy model (default: the one `notulist process` uses)")
    parser.add_argument("--write", action="store_true", help="write the winner to pipeline/resources/summary_ranking.toml")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    files = article_files(args.paths, "fit")
    articles = load_articles(nlp, files)
    items = [(prepare(a.body, unattributed=a.unattributed), a.lead) for a in articles]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False, tokenizer=DiacriticTokenizer())
    folds = list(KFold(n_splits=args.folds, shuffle=True, random_state=SEED).split(items))
    results: dict[tuple[str, float], list[tuple[float, float]]] = {}
    lead3 = []
    for train, test in folds:
        train_items = [items[i] for i in train]
        test_items = [items[i] for i in test]
        for a in (articles[i] for i in test):
            result = scorer.score(a.lead, " ".join(s.text.strip() for s in a.body[:SENTENCES]))
            lead3.append((result["rouge1"].fmeasure, result["rougeL"].fmeasure))
        for method in METHODS:
            weights = fit_weights(method, train_items)
            for lam in LAMBDAS:
                results.setdefault((method, lam), []).append(evaluate(test_items, weights, lam, scorer))
        weights, lam = search(train_items)
        results.setdefault(("search", -1.0), []).append(evaluate(test_items, weights, lam, scorer))
    print(f"{len(items)} articles of the fit part ({len(files)} files), {args.folds}-fold cross-validation, "
          f"{SENTENCES} units per summary; mean over the held-out folds")
    print(f"{'method':10s} {'lambda':>6s} {'ROUGE-1':>8s} {'ROUGE-L':>8s}")
    print(f"{'lead-3':10s} {'':6s} {mean(r for r, _ in lead3):8.4f} {mean(r for _, r in lead3):8.4f}")
    table = {key: (mean(a for a, _ in v), mean(b for _, b in v)) for key, v in results.items()}
    for (method, lam), (r1, rl) in table.items():
        print(f"{method:10s} {lam:6.2f} {r1:8.4f} {rl:8.4f}")
    # the one-standard-error rule: the simplest configuration (METHODS order, then λ) whose mean ROUGE-1 +
    # ROUGE-L over the folds lies within one standard error of the best one's
    sums = {key: [a + b for a, b in v] for key, v in results.items()}
    best_key = max(sums, key=lambda key: mean(sums[key]))
    folds_best = sums[best_key]
    spread = float(np.std(folds_best, ddof=1) / np.sqrt(len(folds_best)))
    order = [(m, lam) for m in (*METHODS, "search") for lam in (*LAMBDAS, -1.0) if (m, lam) in table]
    method, lam = next(key for key in order if mean(sums[key]) >= mean(folds_best) - spread)
    r1, rl = table[(method, lam)]
    print(f"best: {best_key[0]}, lambda {best_key[1]} ({mean(folds_best):.4f} ROUGE-1 + ROUGE-L, standard error {spread:.4f})")
    if method == "search":
        weights, lam = search(items)
    else:
        weights = fit_weights(method, items)
    print(f"winner: {method}, lambda {lam} (cross-validated ROUGE-1 {r1:.4f}, ROUGE-L {rl:.4f}); refit on all {len(items)}")
    for name in FEATURES:
        print(f"  {name:18s} {weights.get(name, 0.0):+.4f}")
    if args.write:
        target = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "summary_ranking.toml"
        lines = [
            "# Weights of the extractive summary ranking (pipeline/summaries/extractive.py, FEATURES) and the MMR",
            "# trade-off between salience and repetition. Written by:",
            f"#   python benchmarks/summary_fit.py --folds {args.folds} --write {' '.join(str(p) for p in args.paths)}",
            f"# on the fit part ({len(items)} articles: every other file by name), chosen on {args.folds}-fold",
            f"# cross-validation by the one-standard-error rule (best: {best_key[0]}, lambda {best_key[1]}, "
            f"ROUGE-1 + ROUGE-L {mean(folds_best):.4f} ± {spread:.4f});",
            f"# this one: ROUGE-1 {r1:.4f}, ROUGE-L {rl:.4f} on the held-out folds (lead-3: "
            f"{mean(r for r, _ in lead3):.4f}, {mean(r for _, r in lead3):.4f}).",
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
