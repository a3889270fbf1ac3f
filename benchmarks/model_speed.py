"""Words per second of a spaCy pipeline with `nlp.pipe` on one thread.

Usage: python benchmarks/model_speed.py [MODEL] [TEXT_FILE ...]
Defaults: the embedded model (or blank) and the sample report repeated to about 50,000 words.

The text is run through the pipeline three times after a short warm-up; each pass is printed and the
median is the figure to quote. A single pass moves by 10-30% on a shared machine (other processes, memory
allocation on the first large batch), which is why one pass is not enough.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pipeline.nlp import load_base  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSES = 3


def main() -> None:
    model = sys.argv[1] if len(sys.argv) > 1 else None
    files = [Path(p) for p in sys.argv[2:]] or [ROOT / "corpus" / "clustervorming-is-mensenwerk.txt"]
    paragraphs = [p for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    nlp = load_base(model)
    texts: list[str] = []
    while sum(len(t.split()) for t in texts) < 50_000:
        texts.extend(paragraphs)
    list(nlp.pipe(texts[:20]))  # warm-up
    rates: list[float] = []
    for n in range(1, PASSES + 1):
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
        seconds = time.perf_counter() - start
        rates.append(words / seconds)
        print(f"pass {n}: tokens={words} seconds={seconds:.2f} words_per_second={words / seconds:,.0f}")
    print(f"model={model or 'default'} pipes={nlp.pipe_names} median_words_per_second={statistics.median(rates):,.0f}")


if __name__ == "__main__":
    main()
