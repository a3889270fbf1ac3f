"""Process a batch of input files: read, analyse, write; one bad file never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline.analyze import build_analysis, parse
from pipeline.ingest import InputError, read_file
from pipeline.outputs.model import Analysis
from pipeline.outputs.writer import to_json, write_atomic

INPUT_SUFFIXES = frozenset({".txt", ".text", ".md"})


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: its output path, or the error."""

    source: Path
    output: Path | None = None
    analysis: Analysis | None = None
    error: str | None = None


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the text files inside folders (recursively, sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith(".")))
        else:
            found.append(path)
    return found


def analyse_file(nlp: Language, path: Path, *, format: str | None = None) -> Analysis:
    """Read and analyse one file; raises `InputError` for bad input."""
    transcript = read_file(path, format=format)
    doc = parse(nlp, transcript)
    return build_analysis(doc, transcript)


def process_files(
    nlp: Language,
    paths: Iterable[Path],
    out_dir: Path,
    *,
    format: str | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Analyse each file and write `out_dir/<stem>.json` atomically."""
    seen: dict[str, Path] = {}
    for path in paths:
        stem = path.stem
        if stem in seen:
            outcome = Outcome(path, error=f"{path}: same file name as {seen[stem]}; its output would overwrite that one")
        else:
            seen[stem] = path
            try:
                analysis = analyse_file(nlp, path, format=format)
                target = out_dir / f"{stem}.json"
                write_atomic(target, to_json(analysis))
                outcome = Outcome(path, target, analysis)
            except InputError as err:
                outcome = Outcome(path, error=str(err))
        if on_done is not None:
            on_done(outcome)
        yield outcome
