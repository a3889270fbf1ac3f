"""Topic coherence (NPMI on the corpus itself) of notulist's default discovery (NMF on TF-IDF) beside
scikit-learn LDA with the same vocabulary settings, number of topics and random_state, in one run.

Usage: python benchmarks/topic_coherence.py [--topics K] [--seed N] [--model M] PATH...
Example: python benchmarks/topic_coherence.py ../shared/corpus/nos-dev corpus/clustervorming-is-mensenwerk.txt
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.nlp import load_base
from pipeline.process import expand_inputs
from pipeline.themes.discovery import ThemeDiscoverer, build_corpus, npmi_coherence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--topics", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="blank")
    args = parser.parse_args()
    corpus, _ = build_corpus(load_base(args.model), expand_inputs(args.paths))
    print(f"{len(corpus.documents)} documents, {len(corpus.unit_lemmas)} paragraphs, k={args.topics}, seed={args.seed}")
    for method in ("nmf", "lda"):
        started = time.perf_counter()
        discoverer = ThemeDiscoverer(args.topics, method=method, random_state=args.seed).fit(corpus.unit_lemmas)
        scores = npmi_coherence([[t for t, _ in terms] for terms in discoverer.top_terms()], corpus.unit_lemmas)
        mean = sum(scores) / len(scores)
        print(f"{method}: mean NPMI {mean:+.4f} (min {min(scores):+.3f}, max {max(scores):+.3f}) in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
