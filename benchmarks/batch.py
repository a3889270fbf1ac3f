"""End-to-end batch speed and memory: `notulist process --jobs 1` and `--jobs 2` against the spaCy model alone.

    python benchmarks/batch.py FOLDER [--model M] [--repeat N] [--jobs 1 2]

Runs, as whole processes (start-up included) on the same texts, in turn:

- `model`: a script that loads the base spaCy model (`pipeline.nlp.load_base`), reads every input with
  notulist's reader and runs `nlp.pipe(texts, batch_size=16)`: the floor;
- `jobs N`: `notulist process FOLDER --jobs N --force -q` into a fresh folder.

For each it reports wall seconds, words/s (words = the sum of `document.words` over the outputs, the same
number for every run), the CPU seconds of the whole process tree (user + system, from `wait4`: robust on
a busy machine), and the peak memory of the process tree (main process and workers, polled every 100 ms
with psutil): the sum of RSS, which counts pages that forked workers share once per process, and the sum
of PSS, which shares them out. Ratios: `jobs 2 / jobs 1` in words/s, `jobs 1 / model` in time; and
whether every JSON of `--jobs 2` is byte-identical to `--jobs 1`. With `--repeat N` the runs are
interleaved N times and medians reported (the machine drifts; only interleaved runs compare).
"""

from __future__ import annotations

import argparse
import json
import os
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
from pipeline.process import skip_torch
skip_torch(sys.argv[2] or None)  # as notulist process does: the same imports on both sides
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


def measure(command: list[str], *, ok: tuple[int, ...] = (0,)) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS sum and peak PSS sum (bytes) of the process and its descendants."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        root = psutil.Process(process.pid)
        peak_rss = peak_pss = 0
        status = None
        while status is None:
            rss = pss = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        info = proc.memory_full_info()
                        rss += info.rss
                        pss += getattr(info, "pss", info.rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            pid, code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(code)
                process.returncode = status
                break
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        if status not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({status}):\n{err.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, peak_rss, peak_pss


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
    results: dict[str, list[tuple[float, float, int, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="notulist-batch-") as tmp:
        outs = {}
        for round_ in range(args.repeat):
            if not args.no_model_run:
                run = measure([sys.executable, "-c", MODEL_ONLY, str(args.folder), args.model])
                results.setdefault("model", []).append(run)
                print(f"round {round_ + 1} model alone: {run[0]:.1f} s, cpu {run[1]:.1f} s, peak RSS {run[2] / 2**20:,.0f} MiB, "
                      f"PSS {run[3] / 2**20:,.0f} MiB; load {os.getloadavg()[0]:.1f}", flush=True)
            for jobs in args.jobs:
                out = Path(tmp) / f"jobs{jobs}"
                command = [*notulist, "process", str(args.folder), "--out", str(out), "--jobs", str(jobs), "--force", "-q"]
                if args.model:
                    command += ["--model", args.model]
                run = measure(command, ok=(0, 1))
                results.setdefault(f"jobs {jobs}", []).append(run)
                outs[jobs] = out
                print(f"round {round_ + 1} jobs {jobs}: {run[0]:.1f} s, cpu {run[1]:.1f} s, peak RSS {run[2] / 2**20:,.0f} MiB, "
                      f"PSS {run[3] / 2**20:,.0f} MiB; load {os.getloadavg()[0]:.1f}", flush=True)
        words = words_in(outs[args.jobs[0]])
        files = len(list(outs[args.jobs[0]].glob("*.json")))
        print(f"\n{files} files, {words:,} words (sum of document.words); medians of {args.repeat} round(s)")
        print(f"{'run':10s} {'wall s':>8s} {'words/s':>9s} {'CPU s':>8s} {'RSS MiB':>8s} {'PSS MiB':>8s}")
        median = {
            name: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                   max(r[2] for r in runs), max(r[3] for r in runs))
            for name, runs in results.items()
        }
        for name, (seconds, cpu, rss, pss) in median.items():
            print(f"{name:10s} {seconds:8.1f} {words / seconds:9,.0f} {cpu:8.1f} {rss / 2**20:8,.0f} {pss / 2**20:8,.0f}")
        if "jobs 1" in median and "jobs 2" in median:
            print(f"jobs 2 / jobs 1 words/s (wall): {median['jobs 1'][0] / median['jobs 2'][0]:.2f}x")
            print(f"jobs 2 JSON identical to jobs 1: {identical(outs[1], outs[2])}")
        if "model" in median and "jobs 1" in median:
            print(f"jobs 1 / model alone: wall {median['jobs 1'][0] / median['model'][0]:.2f}x, "
                  f"CPU {median['jobs 1'][1] / median['model'][1]:.2f}x")


if __name__ == "__main__":
    main()
