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
Each configuration is also tried with both ways of filling the word budget (`budget_fill`: "within" passes
over a unit that would go over it; "closest" takes it when the summary ends closer to the budget with it).
K-fold cross-validation by article (shuffled, fixed seed): each configuration is fitted on the training
folds and scored on the held-out fold, so every article is scored once by a model that never saw it. The
winner is the most regularised learned configuration (smallest C, then largest λ) whose held-out mean
ROUGE-1 + ROUGE-L lies within one standard error (over the folds) of the best configuration's: differences
smaller than that are noise, and strong regularisation keeps the weights from overfitting news-article
structure (a weakly regularised fit, C = 3, loses the conclusion of the sample report that opens its first
paragraph). lead and handtuned are baselines, reported but not chosen. The winner is refitted on all the
articles and written. Its held-out
figures are printed beside lead-3's and beside lead-3 cut to the winner's length per article (is the gain
more than a shorter summary?), with paired bootstrap intervals. A nested cross-validation, where each outer
fold's configuration is chosen by cross-validation inside its training part only, gives the figure of the
whole procedure, the choice of configuration held out too (`--no-nested` skips it).

Usage: python benchmarks/summary_fit.py [--folds 10] [--write] [--no-nested] [--model M] PATH...
Needs the bench extra (rouge-score).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
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
from pipeline.summaries.extractive import BUDGET_FILLS, FEATURES, Prepared, choose, prepare  # noqa: E402
from pipeline.summaries.structured import BUDGET_UNITS  # noqa: E402

HANDTUNED = {"lead": 0.7, "centrality": 0.3, "unattributed": -0.3}
LAMBDAS = (0.7, 0.85, 1.0)
#: How the word budget is filled (`pipeline.summaries.extractive.BUDGET_FILLS`).
FILLS = BUDGET_FILLS
#: Inverse regularisation strengths tried, most regularised first (the order of the one-standard-error rule).
STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SENTENCES = 3
SEED = 0
Score = tuple[float, float, int]  # ROUGE-1 F1, ROUGE-L F1, words


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


Config = tuple[str, float, str]  # (method, MMR lambda, budget fill)


def summary_text(item: Item, weights: dict[str, float], lam: float, fill: str = "within") -> str:
    """The summary the ranking gives within lead-3's word budget, as `summarise_span` would choose it."""
    p = item.prepared
    chosen, _ = choose(p, SENTENCES * BUDGET_UNITS, weights=weights, mmr_lambda=lam, budget=item.budget,
                       overshoot=fill == "closest")
    return " ".join(p.units[i].text.strip() for i in chosen)


def cross_validate(
    items: list[Item], folds: list[tuple[np.ndarray, np.ndarray]], configs: list[Config], rouge: Callable[[Item, str], Score]
) -> dict[Config, dict[int, Score]]:
    """Per configuration, each article's (ROUGE-1, ROUGE-L, words) from the model fitted on the other folds."""
    held: dict[Config, dict[int, Score]] = {}
    methods = sorted({c[0] for c in configs})
    for train, test in folds:
        fitted = {m: fit_weights(m, [items[i] for i in train]) for m in methods}
        for config in configs:
            method, lam, fill = config
            scores = held.setdefault(config, {})
            for i in test:
                scores[int(i)] = rouge(items[i], summary_text(items[i], fitted[method], lam, fill))
    return held


def fold_means(held: dict[int, Score], folds: list[tuple[np.ndarray, np.ndarray]]) -> list[float]:
    """Mean ROUGE-1 + ROUGE-L of each held-out fold."""
    return [mean(held[int(i)][0] + held[int(i)][1] for i in test) for _, test in folds]


def best_config(held: dict[Config, dict[int, Score]], folds: list[tuple[np.ndarray, np.ndarray]], configs: list[Config]) -> Config:
    """The first of the configurations (listed most regularised first) whose held-out mean ROUGE-1 + ROUGE-L lies
    within one standard error (over the folds) of the best one's: the one-standard-error rule."""
    means = {c: mean(fold_means(held[c], folds)) for c in configs}
    best = max(configs, key=lambda c: (means[c], -configs.index(c)))
    spread = float(np.std(fold_means(held[best], folds), ddof=1) / np.sqrt(len(folds)))
    return next(c for c in configs if means[c] >= means[best] - spread)


def nested_estimate(
    items: list[Item], folds: list[tuple[np.ndarray, np.ndarray]], configs: list[Config], rouge: Callable[[Item, str], Score]
) -> tuple[dict[int, Score], list[Config]]:
    """The held-out scores of the whole procedure, choosing the configuration included: in each outer fold the
    configuration is chosen by an inner cross-validation on the training folds only, fitted on them and
    scored on the outer fold. Returns each article's score and the configuration each outer fold chose."""
    out: dict[int, Score] = {}
    chosen = []
    for k, (train, test) in enumerate(folds):
        inner_items = [items[i] for i in train]
        inner = list(KFold(n_splits=len(folds) - 1, shuffle=True, random_state=SEED + 1 + k).split(inner_items))
        config = best_config(cross_validate(inner_items, inner, configs, rouge), inner, configs)
        chosen.append(config)
        method, lam, fill = config
        weights = fit_weights(method, inner_items)
        for i in test:
            out[int(i)] = rouge(items[i], summary_text(items[i], weights, lam, fill))
    return out, chosen


def cut_to(text: str, words: int) -> str:
    """The text's first `words` words (white-space tokens, as many as needed to hold that many `WORD`s)."""
    out, n = [], 0
    for token in text.split():
        if n >= words:
            break
        out.append(token)
        n += len(WORD.findall(token))
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--model", default=None, help="spaCy model (default: the one `notulist process` uses)")
    parser.add_argument("--write", action="store_true", help="write the winner to pipeline/resources/summary_ranking.toml")
    parser.add_argument("--no-nested", action="store_true", help="skip the nested cross-validation (faster)")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    files = article_files(args.paths, "all")
    articles = load_articles(nlp, files)
    items = []
    for a in articles:
        lead3, budget = lead_budget(a.body, SENTENCES)
        items.append(Item(prepare(a.body, unattributed=a.unattributed), a.lead, lead3, budget))
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False, tokenizer=DiacriticTokenizer())

    def rouge(item: Item, text: str) -> Score:
        result = scorer.score(item.lead, text)
        return result["rouge1"].fmeasure, result["rougeL"].fmeasure, len(WORD.findall(text))

    baselines = [(m, lam, fill) for m in ("lead", "handtuned") for lam in LAMBDAS for fill in FILLS]
    # most regularised first: smallest C, then the largest λ (least MMR), then the fill rules in their order
    learned = [(f"logistic:{c}", lam, fill) for c in STRENGTHS for lam in sorted(LAMBDAS, reverse=True) for fill in FILLS]
    folds = list(KFold(n_splits=args.folds, shuffle=True, random_state=SEED).split(items))
    held = cross_validate(items, folds, baselines + learned, rouge)
    lead3 = {i: rouge(it, it.lead3) for i, it in enumerate(items)}
    order = sorted(lead3)
    print(f"{len(items)} articles ({len(files)} files), {args.folds}-fold cross-validation by article; budget: the words "
          f"of the first {SENTENCES} body sentences; mean over the held-out folds")
    print(f"{'method':14s} {'lambda':>6s} {'fill':>7s} {'ROUGE-1':>8s} {'ROUGE-L':>8s} {'words':>6s}")
    print(f"{'lead-3':14s} {'':6s} {'':7s} {mean(lead3[i][0] for i in order):8.4f} {mean(lead3[i][1] for i in order):8.4f} "
          f"{mean(lead3[i][2] for i in order):6.1f}")
    table = {key: tuple(mean(v[i][k] for i in order) for k in range(3)) for key, v in held.items()}
    for (method, lam, fill), (r1, rl, words) in table.items():
        print(f"{method:14s} {lam:6.2f} {fill:>7s} {r1:8.4f} {rl:8.4f} {words:6.1f}")
    top = max(learned, key=lambda c: (mean(fold_means(held[c], folds)), -learned.index(c)))
    spread = float(np.std(fold_means(held[top], folds), ddof=1) / np.sqrt(len(folds)))
    print(f"best: {top[0]}, lambda {top[1]}, fill {top[2]} (ROUGE-1 + ROUGE-L {mean(fold_means(held[top], folds)):.4f}, "
          f"standard error over folds {spread:.4f})")
    config = best_config(held, folds, learned)
    method, lam, fill = config
    r1, rl, words = table[config]
    print(f"winner (most regularised within one standard error of the best): {method}, lambda {lam}, fill {fill} "
          f"(ROUGE-1 {r1:.4f}, ROUGE-L {rl:.4f}, {words:.1f} words)")
    for k, key in ((0, "ROUGE-1"), (1, "ROUGE-L")):
        low, mid, high = paired_bootstrap([held[config][i][k] for i in order], [lead3[i][k] for i in order])
        print(f"  winner - lead-3 {key}: {mid:+.4f} (95% bootstrap interval {low:+.4f} to {high:+.4f})")
    cut = {i: rouge(items[i], cut_to(items[i].lead3, held[config][i][2])) for i in order}
    print(f"lead-3 cut to the winner's length per article: ROUGE-1 {mean(cut[i][0] for i in order):.4f}, "
          f"ROUGE-L {mean(cut[i][1] for i in order):.4f}")
    for k, key in ((0, "ROUGE-1"), (1, "ROUGE-L")):
        low, mid, high = paired_bootstrap([held[config][i][k] for i in order], [cut[i][k] for i in order])
        print(f"  winner - lead-3 cut {key}: {mid:+.4f} (95% bootstrap interval {low:+.4f} to {high:+.4f})")
    nested_line = ""
    if not args.no_nested:
        nested, picks = nested_estimate(items, folds, learned, rouge)
        n1, nl = mean(nested[i][0] for i in order), mean(nested[i][1] for i in order)
        print(f"nested cross-validation (configuration chosen inside each training part): ROUGE-1 {n1:.4f}, ROUGE-L {nl:.4f}; "
              f"chosen: {', '.join(sorted({f'{m} λ{lm} {fl}' for m, lm, fl in picks}))}")
        for k, key in ((0, "ROUGE-1"), (1, "ROUGE-L")):
            low, mid, high = paired_bootstrap([nested[i][k] for i in order], [lead3[i][k] for i in order])
            print(f"  nested - lead-3 {key}: {mid:+.4f} (95% bootstrap interval {low:+.4f} to {high:+.4f})")
        nested_line = f"# nested cross-validation, the choice of configuration held out too: ROUGE-1 {n1:.4f}, ROUGE-L {nl:.4f}."
    weights = fit_weights(method, items)
    print(f"refitted on all {len(items)} articles:")
    for name in FEATURES:
        print(f"  {name:18s} {weights.get(name, 0.0):+.4f}")
    if args.write:
        target = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "summary_ranking.toml"
        lines = [
            "# Weights of the extractive summary ranking (pipeline/summaries/extractive.py, FEATURES), the MMR",
            "# trade-off between salience and repetition and how the word budget is filled. Written by:",
            f"#   python benchmarks/summary_fit.py --folds {args.folds} --write {' '.join(p.name for p in args.paths)}",
            f"# fitted on all {len(items)} articles after {args.folds}-fold cross-validation by article chose the",
            "# most regularised configuration within one standard error of the best held-out ROUGE-1 + ROUGE-L",
            f"# (best: {top[0]}, lambda {top[1]}, fill {top[2]}: {mean(fold_means(held[top], folds)):.4f} ± {spread:.4f})",
            f"# (held-out folds, budget = lead-3's words: ROUGE-1 {r1:.4f}, ROUGE-L {rl:.4f}, {words:.1f} words;",
            f"# lead-3: {mean(lead3[i][0] for i in order):.4f}, {mean(lead3[i][1] for i in order):.4f}, "
            f"{mean(lead3[i][2] for i in order):.1f} words).",
            *([nested_line] if nested_line else []),
            f'method = "{method}"',
            f"mmr_lambda = {lam}",
            f'budget_fill = "{fill}"',
            "",
            "[weights]",
            *(f"{name} = {weights.get(name, 0.0):.6f}" for name in FEATURES),
            "",
        ]
        target.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
