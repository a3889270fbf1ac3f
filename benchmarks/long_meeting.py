"""A long Handelingen-style sitting end to end: `notulist process` on 1×, 2× and 4× its length, in fresh processes.

The sitting is generated (no data needed): agenda items as session headings, speaker labels on their own line
("De heer Van Dijk (VVD):", "Minister De Jong:", "De voorzitter:") followed by their speech, sentences drawn from
templates with words from spaCy's Dutch lemma table, so the vocabulary grows with the length. For each size the
command is timed (wall seconds, start-up included, and the start-up of a tiny file subtracted) and its peak memory
(RSS of the process and its children) read from `resource.getrusage`. Prints the ratio of each size's time to the
1× time: ≤ 4.6 at 4× is the linear target of issue #15.

Usage:
    python benchmarks/long_meeting.py [--chars 330000] [--scales 1 2 4] [--model M] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARTIES = ("VVD", "D66", "CDA", "SP", "GroenLinks", "PVV", "ChristenUnie", "PvdA", "Partij voor de Dieren", "JA21")
GIVEN = ("Jan", "Karin", "Pieter", "Sanne", "Els", "Mohamed", "Fatima", "Joris", "Lotte", "Wim", "Anouk", "Bram")
SYLLABLES = ("ba", "ke", "lo", "mi", "ru", "sen", "dijk", "hof", "ter", "win", "vel", "dor", "man", "gaard")
TEMPLATES = (
    "Ik wil de minister vragen hoe het staat met de {a} in de {b}.",
    "Wij vinden dat de {a} niet ten koste mag gaan van de {b}.",
    "Volgens mijn fractie is de {a} de sleutel tot een betere {b}.",
    "De {a} in de regio verdient meer aandacht dan de {b}.",
    "Kan de minister toezeggen dat de {a} voor de zomer naar de Kamer komt?",
    "Het kabinet heeft de {a} al twee keer uitgesteld, en dat schaadt het vertrouwen.",
    "Mijn collega zei het al: de {a} is geen bijzaak maar de kern van de {b}.",
    "Ik dank de leden voor hun vragen over de {a}.",
)


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _nouns() -> list[str]:
    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json"
        words = sorted({w.lower() for w in json.loads(path.read_text(encoding="utf-8")).values() if w.isalpha() and len(w) > 5})
        return words or ["begroting", "woningbouw", "zorg", "veiligheid"]
    except (ImportError, OSError, ValueError):
        return ["begroting", "woningbouw", "zorg", "veiligheid", "energie", "onderwijs", "stikstof", "jeugdzorg"]


def sitting(chars: int, seed: int = 7) -> str:
    """A Handelingen-style sitting of about `chars` characters."""
    rng = random.Random(seed)
    nouns = _nouns()
    members = [(f"{rng.choice(('De heer', 'Mevrouw'))} {_surname(rng)}", rng.choice(PARTIES)) for _ in range(150)]
    lines = ["Handelingen van de Tweede Kamer", "", "Voorzitter: Bergkamp", "", "Aanvang 10.15 uur.", ""]
    size, item = 0, 0
    while size < chars:
        item += 1
        lines += [f"{item}. Debat over de {rng.choice(nouns)}", "", "De voorzitter:", "Ik geef het woord aan de eerste spreker.", ""]
        for _ in range(rng.randint(8, 20)):
            who, party = rng.choice(members)
            label = f"{who} ({party}):" if rng.random() < 0.8 else f"Minister {_surname(rng)}:"
            speech = " ".join(rng.choice(TEMPLATES).format(a=rng.choice(nouns), b=rng.choice(nouns)) for _ in range(rng.randint(3, 9)))
            lines += [label, speech, ""]
            size += len(label) + len(speech) + 3
    return "\n".join(lines) + "\n"


def _run(path: Path, out: Path, model: str | None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `notulist process` run in a fresh child process."""
    cmd = [sys.executable, "-m", "pipeline.cli", "process", str(path), "--out", str(out), "-q", "--force"]
    if model:
        cmd += ["--model", model]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=330_000, help="characters at 1× (4× of the default is 1.3 MB)")
    parser.add_argument("--scales", nargs="+", type=int, default=[1, 2, 4])
    parser.add_argument("--model", default=None)
    parser.add_argument("--keep", type=Path, help="write the generated sittings to this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        tiny = folder / "tiny.txt"
        tiny.write_text("De voorzitter:\nIk open de vergadering.\n", encoding="utf-8")
        startup, _ = _run(tiny, Path(tmp) / "out0", args.model)
        print(f"start-up (a two-line file): {startup:.1f} s")
        base = None
        for scale in args.scales:
            path = folder / f"sitting_{scale}x.txt"
            path.write_text(sitting(args.chars * scale), encoding="utf-8")
            out = Path(tmp) / f"out{scale}"
            seconds, peak = _run(path, out, args.model)
            result = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
            work = seconds - startup
            base = base or work
            print(
                f"{scale}x: {path.stat().st_size / 1e6:.2f} MB, {len(result.get('turns') or [])} turns, "
                f"{len(result['speakers'])} speakers, {seconds:.1f} s ({work:.1f} s after start-up, ×{work / base:.2f}), "
                f"peak RSS so far {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
