"""How the summary time grows with the length of a document at `--summary-ratio 0.5`: the text of the
given files is repeated up to each size, parsed once, and `summarise_span` is timed on its content
sentences (best of 3). Linear selection gives a time ratio near the size ratio (2 for twice the text);
the earlier selection was cubic (8).

Usage: python benchmarks/summary_scaling.py [--model M] [--sizes 60 120 240] [--ratio 0.5] PATH...
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_data import candidate_sentences  # noqa: E402

from pipeline.analyze import parse  # noqa: E402
from pipeline.components import unattributed_quotes  # noqa: E402
from pipeline.ingest import read_file, read_text  # noqa: E402
from pipeline.nlp import load_nlp  # noqa: E402
from pipeline.process import expand_inputs  # noqa: E402
from pipeline.summaries.structured import summarise_span  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--model", default="blank")
    parser.add_argument("--sizes", nargs="+", type=int, default=[60, 120, 240], help="kilobytes of text")
    parser.add_argument("--ratio", type=float, default=0.5)
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    texts = []
    for path in expand_inputs(args.paths):
        transcript = read_file(path)
        texts.append("\n\n".join(b.text for b in transcript.blocks if b.is_content))
    pool = "\n\n".join(texts)
    previous = None
    print(f"{'kB':>5s} {'sentences':>9s} {'summary':>8s} {'seconds':>8s} {'x time':>7s}")
    for size in args.sizes:
        body = (pool * (size * 1000 // max(1, len(pool)) + 1))[: size * 1000]
        body = body[: body.rfind("\n\n")] if "\n\n" in body else body
        transcript = read_text("Verslag\n\n" + body, format="report")
        doc = parse(nlp, transcript)
        candidates = candidate_sentences(doc)
        unattributed = unattributed_quotes(doc)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            summary = summarise_span(candidates, n=None, ratio=args.ratio, unattributed=unattributed)
            best = min(best, time.perf_counter() - started)
        growth = f"{best / previous:7.2f}" if previous else f"{'':7s}"
        print(f"{size:5d} {len(candidates):9d} {len(summary.sentences):8d} {best:8.2f} {growth}")
        previous = best


if __name__ == "__main__":
    main()
