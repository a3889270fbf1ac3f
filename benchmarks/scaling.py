"""How the analysis of one document scales with its length: seconds and peak memory at 1×, 2× and 4×.

The document is a text file repeated with distinct names in every copy (so the vocabulary of names grows
with the length), or a synthetic Dutch report with a rich vocabulary (`--synthetic CHARS`: words drawn from
spaCy's Dutch lemma table, invented people, direct quotes with cues, reported speech), or one of the
pathological inputs of issue #14 (`--pathological equals|quotes|cues`: a line of '=', a paragraph of
unclosed „ marks, or one long sentence full of cues). Every scale runs in a fresh process (peak RSS is a per-process high-water mark); the time is the
analysis alone (`parse` + `build_analysis`), the model load is left out, as wall and CPU seconds (the
ratios use CPU seconds, which other processes on a shared machine move far less). A ratio per doubling of about 2
(per ×4 about 4) is linear; 4 per doubling is quadratic.

`--profile` runs the largest scale once more under cProfile and prints the time per pipeline component and
the functions with the most own time.

Usage:
    python benchmarks/scaling.py FILE... [--model blank] [--scales 1 2 4] [--profile] [--linear-tokenizer]
    python benchmarks/scaling.py --synthetic 150000 [--zipf] [--model M] [--profile]
    python benchmarks/scaling.py --pathological quotes --synthetic 20000
"""

from __future__ import annotations

import argparse
import bisect
import cProfile
import gzip
import io
import itertools
import json
import os
import pstats
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Syllables for invented surnames and for the per-copy suffix of capitalised words.
SYLLABLES = ("ba", "ke", "lo", "mi", "ru", "sen", "dijk", "hof", "ter", "win", "vel", "dor", "man", "gaard")
GIVEN = ("Jan", "Karin", "Pieter", "Sanne", "Els", "Mohamed", "Fatima", "Joris", "Lotte", "Wim", "Anouk", "Bram")
ROLES = ("hoogleraar", "wethouder", "directeur", "woordvoerder", "onderzoeker", "burgemeester")
CUES = ("zegt", "vindt", "stelt", "benadrukt")


def _surname(n: int) -> str:
    """An invented surname, distinct for every n ≥ 0 ("Bake", "Kelodijk", …)."""
    parts = []
    n += len(SYLLABLES)
    while n:
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts).capitalize()


def _lemma_words() -> list[str]:
    """Dutch words of the spaCy lookup lemma table (spacy-lookups-data), 3–14 letters, sorted."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    return sorted({w.lower() for w in itertools.chain(table, table.values()) if w.isalpha() and 3 <= len(w) <= 14})


def synthetic_report(size: int, *, zipf: bool = False, seed: int = 5) -> str:
    """A Dutch report of at least `size` characters: a title, then paragraphs of random words with, in
    about a third of them, a direct quote with its cue, reported speech or a named person with a role."""
    rnd = random.Random(seed)
    words = _lemma_words()
    if zipf:
        rnd.shuffle(words)
        cumulative = list(itertools.accumulate(1 / (r + 1) ** 1.07 for r in range(len(words))))

        def word() -> str:
            return words[bisect.bisect_left(cumulative, rnd.random() * cumulative[-1])]
    else:

        def word() -> str:
            return rnd.choice(words)

    def sentence(k: int) -> str:
        ws = [word() for _ in range(k)]
        return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."

    lines = ["Verslag van de ledenvergadering", ""]
    total = 0
    person = 0
    while total < size:
        parts = [sentence(rnd.randint(8, 16)) for _ in range(3)]
        roll = rnd.random()
        name = f"{rnd.choice(GIVEN)} {_surname(person)}"
        if roll < 0.15:
            parts.append(f"„{sentence(10)[:-1]}”, {rnd.choice(CUES)} {rnd.choice(ROLES)} {name}.")
            parts.append(f"Volgens {name.split()[-1]} {sentence(8)[0].lower()}{sentence(8)[1:]}")
            person += 1
        elif roll < 0.25:
            parts.append(f"{name}, {rnd.choice(ROLES)} van de gemeente, {rnd.choice(CUES)} dat {sentence(9)[0].lower()}{sentence(9)[1:]}")
            person += 1
        elif roll < 0.3:
            parts.append(f"De heer {_surname(person)}: „{sentence(7)}”")
            person += 1
        paragraph = " ".join(parts)
        lines += [paragraph, ""]
        total += len(paragraph) + 2
    return "\n".join(lines) + "\n"


def pathological(kind: str, size: int) -> str:
    """Issue #14's worst cases, `size` characters: a line of '=', a paragraph of unclosed „ quotes, or one
    sentence full of speech verbs and cues (no full stop: one sentence for the sentence splitter)."""
    if kind == "equals":
        return "Verslag\n\n" + "=" * size + "\n"
    if kind == "cues":
        unit = "het plan werkt niet goed, zegt wethouder Els Visser, en volgens haar zei Jan de Vries dat "
        return "Verslag\n\n" + (unit * (size // len(unit) + 1))[:size] + "\n"
    unit = "„Dit loopt nooit af "
    return "Verslag\n\n" + (unit * (size // len(unit) + 1))[:size] + "\n"


_CAPITALISED = re.compile(r"(?<=[a-zë,] )([A-Z][a-zë]{2,})\b")


def repeated(text: str, copies: int) -> str:
    """The text `copies` times; in copy c ≥ 1 every capitalised word inside a sentence gets a suffix of its
    own ("Lagendijk" → "Lagendijkke"), so names and organisations grow with the length."""
    out = [text]
    for c in range(1, copies):
        suffix = _surname(c).lower()
        out.append(_CAPITALISED.sub(lambda m, s=suffix: m.group(1) + s, text))
    return "\n\n".join(out)


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Timed:
    """A pipeline component that adds its own CPU seconds to `stages[name]`."""

    def __init__(self, name: str, component, stages: dict[str, float]) -> None:
        self.name, self.component, self.stages = name, component, stages

    def __call__(self, doc):
        started = time.process_time()
        doc = self.component(doc)
        self.stages[self.name] = self.stages.get(self.name, 0.0) + time.process_time() - started
        return doc


def measure(path: Path, model: str, profile: bool, linear_tokenizer: bool = False) -> dict:
    """Analyse one file in this process: load the model, then time `parse` + `build_analysis`."""
    from pipeline.analyze import build_analysis, parse
    from pipeline.ingest import read_file
    from pipeline.nlp import load_nlp

    nlp = load_nlp(model)
    nlp.max_length = max(nlp.max_length, 10_000_000)  # the benchmark measures the rules, not spaCy's guard
    if linear_tokenizer:
        from pipeline.tokenizer import linear_tokenizer as make_linear

        make_linear(nlp)
    stages: dict[str, float] = {}
    # time each component as `parse` runs it (Language keeps its components in `_components`)
    nlp._components = [(name, _Timed(name, proc, stages)) for name, proc in nlp._components]
    tokenizer = nlp.tokenizer
    nlp.tokenizer = _Timed("tokenizer", tokenizer, stages)
    transcript = read_file(path)
    loaded_rss = _peak_rss_mb()
    profiler = cProfile.Profile() if profile else None
    cpu_started = time.process_time()
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    doc = parse(nlp, transcript)
    t = time.process_time()
    analysis = build_analysis(doc, transcript)
    stages["build_analysis"] = time.process_time() - t
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    if profiler is not None:
        profiler.disable()
    result = {
        "chars": len(transcript.text), "tokens": len(doc), "seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3), "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_after_load_mb": round(loaded_rss, 1), "quotes": len(analysis.quotes), "speakers": len(analysis.speakers),
        "stages": {k: round(v, 3) for k, v in stages.items()},
    }
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
        result["profile"] = out.getvalue()
    return result


def _run_scale(path: Path, model: str, profile: bool, linear_tokenizer: bool = False) -> dict:
    command = [sys.executable, __file__, "--measure", str(path), "--model", model] + (["--profile"] if profile else [])
    command += ["--linear-tokenizer"] if linear_tokenizer else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measuring {path} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--model", default="blank")
    parser.add_argument("--scales", nargs="+", type=int, default=[1, 2, 4])
    parser.add_argument("--synthetic", type=int, default=0, help="characters of a synthetic report at 1×")
    parser.add_argument("--zipf", action="store_true", help="synthetic words Zipf-distributed instead of uniform")
    parser.add_argument("--pathological", choices=("equals", "quotes", "cues"))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--linear-tokenizer", action="store_true", help="install pipeline.tokenizer.linear_tokenizer first")
    parser.add_argument("--keep", type=Path, help="also write the generated inputs to this folder")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.model, args.profile, args.linear_tokenizer)))
        return
    if not args.paths and not args.synthetic:
        parser.error("give text files or --synthetic CHARS")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for scale in args.scales:
            if args.pathological:
                text = pathological(args.pathological, args.synthetic * scale)
            elif args.synthetic:
                text = synthetic_report(args.synthetic * scale, zipf=args.zipf)
            else:
                base = "\n\n".join(p.read_text(encoding="utf-8") for p in args.paths)
                text = repeated(base, scale)
            path = Path(tmp) / f"scale{scale}.txt"
            path.write_text(text, encoding="utf-8")
            if args.keep is not None:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / path.name).write_text(text, encoding="utf-8")
            row = _run_scale(path, args.model, profile=False, linear_tokenizer=args.linear_tokenizer)
            rows.append((scale, row))
            print(f"{scale}×  {row['chars']:>9,} chars {row['tokens']:>8,} tokens  {row['seconds']:8.2f} s "
                  f"(CPU {row['cpu_seconds']:.2f} s)  "
                  f"peak RSS {row['peak_rss_mb']:7.0f} MB (after load {row['rss_after_load_mb']:.0f})  "
                  f"quotes {row['quotes']} speakers {row['speakers']}", flush=True)
            print("    stages (CPU s): " + ", ".join(f"{k} {v:.2f}" for k, v in row["stages"].items()), flush=True)
        # ratios of CPU time: wall time on a shared machine moves with the other processes' load
        for (s0, a), (s1, b) in itertools.pairwise(rows):
            print(f"{s0}× → {s1}×: CPU time ×{b['cpu_seconds'] / a['cpu_seconds']:.2f} (wall ×{b['seconds'] / a['seconds']:.2f}), "
                  f"peak RSS ×{b['peak_rss_mb'] / a['peak_rss_mb']:.2f}")
        if len(rows) > 1:
            (s0, a), (s1, b) = rows[0], rows[-1]
            print(f"{s0}× → {s1}×: CPU time ×{b['cpu_seconds'] / a['cpu_seconds']:.2f} (wall ×{b['seconds'] / a['seconds']:.2f}; "
                  f"linear: ×{s1 / s0:.0f})")
        if args.profile:
            scale, _ = rows[-1]
            row = _run_scale(Path(tmp) / f"scale{scale}.txt", args.model, profile=True, linear_tokenizer=args.linear_tokenizer)
            print(f"\nprofile at {scale}× ({row['seconds']:.2f} s under cProfile):")
            print(row["profile"])


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
