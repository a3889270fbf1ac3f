"""Show what the readers make of real files: reader, turns (speaker, times, start of the text), participants
and warnings, or the refusal. For checking files of a kind the tests cover with invented fixtures.

A JSON file with a "paragraphs" list (paragraph texts of a Word document, as python-docx returns them) is
rebuilt as a .docx in memory with `--paragraphs-as-docx` and read by the Word reader.

Usage: python benchmarks/readers_check.py [--paragraphs-as-docx] [--turns N] PATH...
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from pipeline.ingest import InputError, read_bytes, read_file
from pipeline.ingest.model import BlockKind, Transcript


def paragraphs_docx(path: Path) -> bytes:
    """A .docx whose paragraphs are the "paragraphs" of a JSON file."""
    import docx

    document = docx.Document()
    for text in json.loads(path.read_text(encoding="utf-8"))["paragraphs"]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def show(transcript: Transcript, shown: int) -> None:
    turns = [b for b in transcript.blocks if b.kind is BlockKind.TURN]
    print(f"  reader {transcript.format}, title {transcript.title!r}, {len(turns)} turns, {len(transcript.sessions)} session(s)")
    for block in turns[:shown]:
        print(f"  - {block.speaker!s:32.32} {block.start_time!s:>8}–{block.end_time!s:<8} {block.text[:70]!r}")
    if len(turns) > shown:
        print(f"  … {len(turns) - shown} more")
    for participant in transcript.participants.values():
        extra = ", ".join(participant.roles + participant.organisations)
        print(f"  participant {participant.name!r} ({participant.type}{', ' + extra if extra else ''})")
    for warning in transcript.warnings:
        print(f"  warning: {warning}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--paragraphs-as-docx", action="store_true")
    parser.add_argument("--turns", type=int, default=6, help="turns to show per file")
    args = parser.parse_args()
    refused = 0
    for path in args.paths:
        print(path)
        try:
            if args.paragraphs_as_docx and path.suffix == ".json":
                transcript = read_bytes(paragraphs_docx(path), source=path.with_suffix(".docx").name)
            else:
                transcript = read_file(path)
        except InputError as err:
            refused += 1
            print(f"  refused: {err.reason}")
            continue
        show(transcript, args.turns)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
