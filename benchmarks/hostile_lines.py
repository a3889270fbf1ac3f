"""Time of inputs a hostile or careless user gives, at 1×, 2× and 4× their length: ratios, not seconds.

Kinds (each written here, invented Dutch):

- `labels`: minutes on one line without line breaks, a labelled turn after every sentence ("… besproken. Wethouder
  Kramer: …"), as a PDF-to-text conversion gives them (the turn reader looked back over the whole line before each
  label: quadratic);
- `line`: one line of prose with quotes and cues, no line break at all;
- `marks`: one paragraph of every kind of quotation mark with a few words between them.

Each scale runs in a fresh process; the time is CPU seconds of reading and analysing (`pipeline.ingest.read_file`
and `analyse_file`), model load left out. A ratio per doubling of about 2 is linear, 4 is quadratic.

Usage:
    python benchmarks/hostile_lines.py [--kind labels|line|marks] [--chars 100000] [--model blank] [--scales 1 2 4]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

NAMES = ("De voorzitter", "Wethouder Kramer", "Mevrouw Vink", "De heer Bakker")


def make(kind: str, chars: int) -> str:
    """An input of the kind, about `chars` characters long."""
    parts: list[str] = []
    size = 0
    i = 0
    while size < chars:
        if kind == "labels":
            piece = f"{NAMES[i % len(NAMES)]}: Punt {i} van de agenda is besproken."
        elif kind == "line":
            piece = f"De wethouder zegt dat het college „snel” zal handelen in wijk {i}, en: „Wij doen dat”."
        elif kind == "marks":
            piece = f"„ “ ” ‘ ’ \" ' « » woord{i} ,,"
        else:
            raise SystemExit(f"unknown --kind {kind!r}")
        parts.append(piece)
        size += len(piece) + 1
        i += 1
    return ("Notulen\n\n" if kind == "labels" else "") + " ".join(parts) + "\n"


CHILD = """
import json, sys, time
from pathlib import Path
from pipeline.nlp import load_nlp
from pipeline.process import analyse_file
nlp = load_nlp(sys.argv[2])
start = time.process_time()
analysis = analyse_file(nlp, Path(sys.argv[1]))
print(json.dumps({"cpu_s": time.process_time() - start, "words": analysis.document.words, "turns": len(analysis.turns or [])}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", default="labels", choices=("labels", "line", "marks"))
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--model", default="blank")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scales:
            path = Path(folder) / f"{args.kind}_{scale}x.txt"
            path.write_text(make(args.kind, args.chars * scale), encoding="utf-8")
            done = subprocess.run([sys.executable, "-c", CHILD, str(path), args.model], capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append((scale, path.stat().st_size, row))
    base = rows[0][2]["cpu_s"]
    for scale, size, row in rows:
        print(f"{args.kind} {scale}x: {size:,} bytes, {row['words']:,} words, {row['turns']:,} turns, "
              f"{row['cpu_s']:.2f} CPU s, ratio to 1x {row['cpu_s'] / base:.2f}")


if __name__ == "__main__":
    main()
