"""Quote and speaker figures per half of a development set, and on the whole (develop on one half, check on the other).

Each HALF is a folder (or file) of inputs whose gold JSON files (same stem) lie in GOLD. Every half is analysed in
one process with the chosen model and scored with `pipeline.evaluation.score`, as `notulist evaluate` does.

Usage:
    python benchmarks/quality_halves.py GOLD HALF [HALF ...] [--model blank] [--details] [--json]
e.g.
    python benchmarks/quality_halves.py ../shared/corpus/gold \
        ../shared/corpus/nos-dev ../shared/corpus/nos-dev2 ../shared/corpus/clustervorming-is-mensenwerk.txt
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from pipeline.analyze import build_analysis, parse_many
from pipeline.evaluation.score import score_corpus, totals
from pipeline.ingest import read_file
from pipeline.nlp import load_nlp
from pipeline.outputs.writer import to_json

KEYS = ("direct", "indirect", "speakers", "roles", "organisations")


def _inputs(path: Path, gold: Path) -> list[Path]:
    files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")) if path.is_dir() else [path]
    return [p for p in files if (gold / f"{p.stem}.json").exists()]


def _line(name: str, summary: dict) -> str:
    parts = [f"{name:28s} docs {summary['documents']:3d}"]
    for key in KEYS:
        parts.append(f"{key} {summary[key]['f1']:.3f}")
    acc = summary["attribution_accuracy"]
    parts.append(f"attribution {acc:.3f} ({summary['matched_quotes']})" if acc is not None else "attribution -")
    return "  ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("halves", nargs="+", type=Path)
    parser.add_argument("--model", default=None, help="spaCy model (default: the shipped one); 'blank' for rules only")
    parser.add_argument("--details", action="store_true", help="print every miss and wrong attribution")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    nlp = load_nlp(args.model)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        everything = Path(tmp) / "all"
        everything.mkdir()
        for half in args.halves:
            out = Path(tmp) / half.name
            out.mkdir()
            transcripts = [read_file(p) for p in _inputs(half, args.gold)]
            for transcript, doc in parse_many(nlp, transcripts):
                stem = Path(transcript.source).stem
                text = to_json(build_analysis(doc, transcript))
                (out / f"{stem}.json").write_text(text, encoding="utf-8")
                (everything / f"{stem}.json").write_text(text, encoding="utf-8")
            scores, _ = score_corpus(args.gold, out)
            results[half.name] = totals(scores)
            if args.details:
                for s in scores:
                    for line in s.errors:
                        print(f"{s.name}: {line}")
        scores, _ = score_corpus(args.gold, everything)
        results["all"] = totals(scores)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, summary in results.items():
        print(_line(name, summary))


if __name__ == "__main__":
    main()
