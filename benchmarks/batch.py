"""End-to-end batch speed and memory: `notulist process --jobs 1` and `--jobs 2` against the spaCy model alone.

    python benchmarks/batch.py FOLDER [--model M] [--repeat N] [--jobs 1 2]

Runs, as whole processes (start-up included) on the same texts, in turn:

- `model`: a script that loads the base spaCy model (`pipeline.nlp.load_base`), reads every input with
  notulist's reader and runs `nlp.pipe(texts, batch_size=16)`: the floor;
- `jobs N`: `notulist process FOLDER --jobs N --force -q` into a fresh folder.

For each it reports wall seconds, words/s (words = the sum of `document.words` over the outputs, the same
number for every run) and the peak resident memory of the whole process tree (main process and workers,
polled every 50 ms with psutil). Ratios: `jobs 2 / jobs 1` in words/s, `jobs 1 / model` in time; and
whether every JSON of `--jobs 2` is byte-identical to `--jobs 1`. With `--repeat N` the runs are
interleaved N times and medians reported (the machine drifts; only interleaved runs compare).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

MODEL_ONLY = """
import sys, time
from pathlib import Path
from pipeline.ingest import read_file
from pipeline.nlp import load_base
from pipeline.process import expand_inputs
nlp = load_base(sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None)
texts = [read_file(p).text for p in expand_inputs([Path(sys.argv[1])])]
tokens = 0
for doc in nlp.pipe(texts, batch_size=16):
    tokens += len(doc)
print(tokens)
"""


def measure(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in bytes of the process and all its descendants, and stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        total = 0
        try:
            for proc in [root, *root.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.05)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, peak, out


def words_in(folder: Path) -> int:
    return sum(json.loads(p.read_text(encoding="utf-8"))["document"]["words"] for p in folder.glob("*.json"))


def identical(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.json"))
    return names == sorted(p.name for p in b.glob("*.json")) and all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--model", default="", help="spaCy model (default: notulist's default model)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-model-run", action="store_true", help="skip the model-alone run")
    args = parser.parse_args()
    notulist = [sys.executable, "-c", "from pipeline.cli import app; app()"]
    results: dict[str, list[tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="notulist-batch-") as tmp:
        outs = {}
        for round_ in range(args.repeat):
            if not args.no_model_run:
                seconds, peak, _ = measure([sys.executable, "-c", MODEL_ONLY, str(args.folder), args.model])
                results.setdefault("model", []).append((seconds, peak))
                print(f"round {round_ + 1} model alone: {seconds:.1f} s, peak {peak / 2**20:,.0f} MiB", flush=True)
            for jobs in args.jobs:
                out = Path(tmp) / f"jobs{jobs}"
                command = [*notulist, "process", str(args.folder), "--out", str(out), "--jobs", str(jobs), "--force", "-q"]
                if args.model:
                    command += ["--model", args.model]
                seconds, peak, _ = measure(command)
                results.setdefault(f"jobs {jobs}", []).append((seconds, peak))
                outs[jobs] = out
                print(f"round {round_ + 1} jobs {jobs}: {seconds:.1f} s, peak {peak / 2**20:,.0f} MiB", flush=True)
        words = words_in(outs[args.jobs[0]])
        files = len(list(outs[args.jobs[0]].glob("*.json")))
        print(f"\n{files} files, {words:,} words (sum of document.words); medians of {args.repeat} round(s)")
        print(f"{'run':10s} {'seconds':>9s} {'words/s':>9s} {'peak MiB':>9s}")
        median = {name: (statistics.median(s for s, _ in runs), max(p for _, p in runs)) for name, runs in results.items()}
        for name, (seconds, peak) in median.items():
            print(f"{name:10s} {seconds:9.1f} {words / seconds:9,.0f} {peak / 2**20:9,.0f}")
        if "jobs 1" in median and "jobs 2" in median:
            print(f"jobs 2 / jobs 1 words/s: {median['jobs 1'][0] / median['jobs 2'][0]:.2f}x")
            print(f"jobs 2 JSON identical to jobs 1: {identical(outs[1], outs[2])}")
        if "model" in median and "jobs 1" in median:
            print(f"jobs 1 time / model alone time: {median['jobs 1'][0] / median['model'][0]:.2f}x")


if __name__ == "__main__":
    main()
