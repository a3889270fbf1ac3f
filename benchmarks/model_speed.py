"""Words per second of a spaCy pipeline with `nlp.pipe` on one thread.

Usage: python benchmarks/model_speed.py [MODEL] [TEXT_FILE ...]
Defaults: the embedded model (or blank) and the sample report repeated to about 50,000 words.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pipeline.nlp import load_base  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    model = sys.argv[1] if len(sys.argv) > 1 else None
    files = [Path(p) for p in sys.argv[2:]] or [ROOT / "corpus" / "clustervorming-is-mensenwerk.txt"]
    paragraphs = [p for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    nlp = load_base(model)
    texts: list[str] = []
    while sum(len(t.split()) for t in texts) < 50_000:
        texts.extend(paragraphs)
    list(nlp.pipe(texts[:20]))  # warm-up
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - start
    print(f"model={model or 'default'} pipes={nlp.pipe_names} tokens={words} seconds={seconds:.2f} words_per_second={words / seconds:,.0f}")


if __name__ == "__main__":
    main()
