"""Process a batch of input files: read, analyse, write; one bad file never stops the others."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline.analyze import build_analysis, parse
from pipeline.ingest import InputError, read_file
from pipeline.ingest.registry import input_suffixes, is_companion
from pipeline.outputs.model import Analysis
from pipeline.outputs.writer import to_json, write_atomic



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
            suffixes = input_suffixes()
            found.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".") and not is_companion(p)
            ))
        else:
            found.append(path)
    return found


def analyse_file(nlp: Language, path: Path, *, format: str | None = None, summariser=None) -> Analysis:
    """Read and analyse one file; raises `InputError` for bad input."""
    transcript = read_file(path, format=format)
    doc = parse(nlp, transcript)
    analysis = build_analysis(doc, transcript)
    if summariser is not None:
        from pipeline.summaries.abstractive import apply_abstractive

        apply_abstractive(analysis, doc, summariser)
    return analysis


def process_one(nlp: Language, path: Path, out_dir: Path, *, format: str | None = None, summariser=None, html: bool = False) -> Outcome:
    """Analyse one file and write its JSON (and HTML report); any failure becomes an `Outcome` with the error."""
    try:
        analysis = analyse_file(nlp, path, format=format, summariser=summariser)
        target = out_dir / f"{path.stem}.json"
        write_atomic(target, to_json(analysis))
        if html:
            from pipeline.outputs.report import render_html

            write_atomic(out_dir / f"{path.stem}.html", render_html(analysis))
        return Outcome(path, target, analysis)
    except InputError as err:
        return Outcome(path, error=str(err))
    except Exception as err:  # noqa: BLE001 — one broken file must not stop the batch
        return Outcome(path, error=f"{path}: could not be analysed ({type(err).__name__}: {err})")


_worker_nlp: Language | None = None
_worker_summariser = None


_worker_html = False


def _init_worker(model: str | None, options: dict, summary_model: str | None, html: bool) -> None:
    global _worker_nlp, _worker_summariser, _worker_html
    _worker_html = html
    from pipeline.nlp import load_nlp

    _worker_nlp = load_nlp(model, **options)
    if summary_model:
        from pipeline.summaries.abstractive import AbstractiveSummariser

        _worker_summariser = AbstractiveSummariser(summary_model)


def _work(job: tuple[Path, Path, str | None]) -> Outcome:
    assert _worker_nlp is not None
    path, out_dir, format = job
    return process_one(_worker_nlp, path, out_dir, format=format, summariser=_worker_summariser, html=_worker_html)


def process_files(
    nlp: Language | None,
    paths: Iterable[Path],
    out_dir: Path,
    *,
    format: str | None = None,
    jobs: int = 1,
    model: str | None = None,
    nlp_options: dict | None = None,
    summariser=None,
    html: bool = False,
) -> Iterator[Outcome]:
    """Analyse each file and write `out_dir/<stem>.json` atomically, in input order.

    With `jobs > 1` files are analysed in worker processes that each load `model` (with `nlp_options`,
    the keyword arguments of `load_nlp`) once.
    """
    seen: dict[str, Path] = {}
    todo: list[Path] = []
    rejected: dict[Path, Outcome] = {}
    ordered = list(paths)
    for path in ordered:
        if path.stem in seen:
            rejected[path] = Outcome(path, error=f"{path}: same file name as {seen[path.stem]}; its output would overwrite that one")
        else:
            seen[path.stem] = path
            todo.append(path)
    if jobs > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(model, nlp_options or {}, summariser.name if summariser else None, html)) as pool:
            done = dict(zip(todo, pool.map(_work, [(p, out_dir, format) for p in todo]), strict=True))
            for path in ordered:
                yield rejected.get(path) or done[path]
        return
    if nlp is None:
        from pipeline.nlp import load_nlp

        nlp = load_nlp(model, **(nlp_options or {}))
    for path in ordered:
        yield rejected.get(path) or process_one(nlp, path, out_dir, format=format, summariser=summariser, html=html)
