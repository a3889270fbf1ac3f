"""How much the summaries add to the pipeline's time per document: the whole analysis with and without
the summaries component (and the session summaries built from it), on the same inputs, best of 7
interleaved runs. Run it on a quiet machine: other load shows up as noise.

Usage: python benchmarks/summary_speed.py [--model M] PATH...
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.analyze import build_analysis, parse
from pipeline.ingest import read_file
from pipeline.nlp import load_nlp
from pipeline.process import expand_inputs

RUNS = 7


def run_once(nlp, transcripts) -> float:
    started = time.perf_counter()
    for transcript in transcripts:
        build_analysis(parse(nlp, transcript), transcript)
    return time.perf_counter() - started


def best_times(a, b, transcripts) -> tuple[float, float]:
    """Best of RUNS for each pipeline, the runs interleaved so that machine load hits both alike."""
    best_a = best_b = float("inf")
    for _ in range(RUNS):
        best_a = min(best_a, run_once(a, transcripts))
        best_b = min(best_b, run_once(b, transcripts))
    return best_a, best_b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--model", default="blank")
    args = parser.parse_args()
    transcripts = [read_file(p) for p in expand_inputs(args.paths)]
    with_summaries = load_nlp(args.model)
    without = load_nlp(args.model)
    without.remove_pipe("notulist_summaries")
    run_once(with_summaries, transcripts[:2])  # warm-up
    run_once(without, transcripts[:2])
    full, base = best_times(with_summaries, without, transcripts)
    n = len(transcripts)
    print(f"{n} documents; per document: {1000 * base / n:.1f} ms without summaries, {1000 * full / n:.1f} ms with")
    print(f"summaries add {100 * (full - base) / base:.1f}% to the pipeline's time")


if __name__ == "__main__":
    main()
