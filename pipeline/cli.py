"""The `notulist` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.outputs.model import json_schema

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Dutch meeting reports and transcripts → speakers, quotes, themes, summaries.")
model_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the embedded Dutch spaCy model.")
app.add_typer(model_app, name="model")
themes_app = typer.Typer(no_args_is_help=True, help="Themes across a corpus.")
app.add_typer(themes_app, name="themes")


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(help="Input files or folders (read recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
    format: Annotated[str | None, typer.Option("--format", "-f", help="Input format (see the README's formats table: text, report, turns, vtt, srt, docx, json, parlamint …); detected when left out.")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="spaCy package name or path; 'blank' for the rule-only fallback.")] = None,
    themes: Annotated[Path | None, typer.Option("--themes", help="TOML theme file (see pipeline/resources/themes.toml).")] = None,
    extend_themes: Annotated[bool, typer.Option("--extend-themes", help="Add the file's themes to the defaults instead of replacing them.")] = False,
    summary_sentences: Annotated[int, typer.Option("--summary-sentences", min=1, help="Sentences per summary.")] = 3,
    summary_ratio: Annotated[float | None, typer.Option("--summary-ratio", min=0.01, max=1.0, help="Summary length as a share of the sentences (instead of --summary-sentences).")] = None,
    summarizer: Annotated[str, typer.Option("--summarizer", help="extractive (default) or transformers.")] = "extractive",
    summary_model: Annotated[str | None, typer.Option("--summary-model", help="Local seq2seq model folder (or cached name) for --summarizer transformers.")] = None,
    html: Annotated[bool, typer.Option("--html", help="Also write OUT/<stem>.html, a report to open in a browser.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for a batch.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Analyse input files; write OUT/<stem>.json per file and corpus tables for several files."""
    from pipeline.nlp import ModelError, load_nlp
    from pipeline.outputs.tables import write_tables
    from pipeline.process import expand_inputs, process_files

    inputs = expand_inputs(paths)
    if not inputs:
        _err("notulist: no input files found in " + ", ".join(map(str, paths)))
        raise typer.Exit(2)
    from pipeline.themes.definitions import ThemeFileError

    themes_file = str(themes) if themes else None
    try:
        # also checks the model and the theme file before any worker starts
        nlp = load_nlp(
            model, themes_file=themes_file, extend_themes=extend_themes, summary_sentences=summary_sentences, summary_ratio=summary_ratio
        )
    except (ModelError, ThemeFileError) as err:
        _err(f"notulist: {err}")
        raise typer.Exit(2) from err
    failures = 0
    analyses = []
    total = len(inputs)
    summariser = None
    if summarizer not in ("extractive", "transformers"):
        _err(f"notulist: --summarizer must be extractive or transformers, not {summarizer!r}")
        raise typer.Exit(2)
    if summarizer == "transformers":
        from pipeline.summaries.abstractive import AbstractiveSummariser, SummaryModelError

        if not summary_model:
            _err("notulist: --summarizer transformers needs --summary-model NAME_OR_PATH")
            raise typer.Exit(2)
        try:
            summariser = AbstractiveSummariser(summary_model)
        except SummaryModelError as err:
            _err(f"notulist: {err}")
            raise typer.Exit(2) from err
    outcomes = process_files(
        nlp if jobs == 1 else None, inputs, out, format=format, jobs=jobs, model=model,
        nlp_options={"themes_file": themes_file, "extend_themes": extend_themes, "summary_sentences": summary_sentences, "summary_ratio": summary_ratio},
        summariser=summariser,
        html=html,
    )
    for n, outcome in enumerate(outcomes, start=1):
        if outcome.error:
            failures += 1
            _err(f"error: {outcome.error}")
        elif outcome.analysis is not None:
            analyses.append(outcome.analysis)
            if not quiet:
                _err(f"[{n}/{total}] {outcome.source} → {outcome.output}")
    if len(inputs) > 1 and analyses:
        for path in write_tables(analyses, out):
            if not quiet:
                _err(f"table → {path}")
    if failures:
        _err(f"notulist: {failures} of {total} input(s) failed")
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files.")],
    pred: Annotated[Path, typer.Option("--pred", help="Folder with notulist's output JSON files.")] = Path("outputs"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every miss, spurious item and wrong attribution.")] = False,
) -> None:
    """Precision, recall and F1 of quotes, attribution and speakers against gold files."""
    from pipeline.evaluation.score import score_corpus, totals

    if not gold_dir.is_dir():
        _err(f"notulist: gold folder {gold_dir} does not exist")
        raise typer.Exit(2)
    scores, missing = score_corpus(gold_dir, pred)
    for stem in missing:
        _err(f"warning: no prediction {pred / (stem + '.json')} for gold file {stem}")
    summary = totals(scores)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(f"documents: {summary['documents']}")
        for key in ("direct", "indirect", "speakers", "roles", "organisations"):
            s = summary[key]
            typer.echo(f"{key:14s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']}, pred {s['pred']}, gold {s['gold']})")
        acc = summary["attribution_accuracy"]
        typer.echo(f"attribution    accuracy {acc:.3f} on {summary['matched_quotes']} matched quotes" if acc is not None else "attribution    no matched quotes")
        typer.echo(f"scare quotes reported: {summary['scare_quotes_reported']}; headlines given to a person: {summary['headlines_given_to_person']}")
        for theme_id, figures in summary["theme_evidence_recall"].items():
            typer.echo(f"theme {theme_id:16s} evidence recall {figures['found']}/{figures['gold']}")
    if details:
        for s in scores:
            for line in s.errors:
                typer.echo(f"{s.name}: {line}")
    if missing and not scores:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@themes_app.command("discover")
def themes_discover(
    paths: Annotated[list[Path], typer.Argument(help="Input files or folders (read recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the tables.")] = Path("outputs/themes"),
    topics: Annotated[int, typer.Option("--topics", "-k", min=2, help="Number of topics.")] = 8,
    method: Annotated[str, typer.Option("--method", help="nmf (TF-IDF) or lda (counts).")] = "nmf",
    seed: Annotated[int, typer.Option("--seed", help="random_state, for reproducible tables.")] = 0,
    model: Annotated[str | None, typer.Option("--model", "-m", help="spaCy package name or path; 'blank' for the fallback.")] = None,
    themes: Annotated[Path | None, typer.Option("--themes", help="TOML theme file whose themes get term suggestions.")] = None,
) -> None:
    """Topics (top terms, example sentences, weights per document) and new terms for the seeded themes."""
    from pipeline.ingest import InputError, read_file
    from pipeline.nlp import ModelError, load_base
    from pipeline.outputs.tables import write_frame
    from pipeline.process import expand_inputs
    from pipeline.themes.definitions import ThemeFileError, load_themes
    from pipeline.themes.discovery import (
        ThemeDiscoverer,
        build_corpus,
        document_topics,
        npmi_coherence,
        suggest_terms,
        topic_table,
    )

    if method not in ("nmf", "lda"):
        _err(f"notulist: --method must be nmf or lda, not {method!r}")
        raise typer.Exit(2)
    readable = []
    for path in expand_inputs(paths):
        try:
            read_file(path)
            readable.append(path)
        except InputError as err:
            _err(f"error: {err}")
    if not readable:
        _err("notulist: no readable input files")
        raise typer.Exit(1)
    try:
        nlp = load_base(model)
        theme_list = load_themes(themes)
    except (ModelError, ThemeFileError) as err:
        _err(f"notulist: {err}")
        raise typer.Exit(2) from err
    corpus, seeded = build_corpus(nlp, readable, themes=theme_list)
    discoverer = ThemeDiscoverer(topics, method=method, random_state=seed).fit(corpus.unit_lemmas)
    top = discoverer.top_terms()
    coherence = npmi_coherence([[t for t, _ in terms] for terms in top], corpus.unit_lemmas)
    known = {t.id: {w for term in t.terms for w in term.split()} for t in theme_list}
    tables = {
        "topics": topic_table(discoverer, corpus),
        "document_topics": document_topics(discoverer, corpus),
        "theme_suggestions": suggest_terms(corpus, seeded, known),
    }
    for name, frame in tables.items():
        for path in write_frame(frame, out / name):
            _err(f"table → {path}")
    for k, (terms, score) in enumerate(zip(top, coherence, strict=True), start=1):
        typer.echo(f"topic {k:2d} (NPMI {score:+.3f}): {', '.join(t for t, _ in terms)}")
    typer.echo(f"mean NPMI {sum(coherence) / len(coherence):+.4f} over {len(top)} topics, {len(corpus.unit_lemmas)} paragraphs, {len(readable)} documents ({method}, seed {seed})")


@model_app.command("train")
def model_train(
    data: Annotated[Path, typer.Option("--data", help="Folder with ud/ (CoNLL-U) and conll2002/ (ned.*).")],
    work: Annotated[Path, typer.Option("--work", help="Folder for converted data and training runs.")] = Path("training"),
    out: Annotated[Path, typer.Option("--out", help="Where the assembled pipeline is written.")] = Path("models/nl_notulist"),
) -> None:
    """Convert the data, train the UD part, then the NER part on the UD token vectors; assemble the pipeline."""
    from pipeline.training.recipe import DataLayout, save_pipeline, train_all

    nlp = train_all(DataLayout(data), work)
    save_pipeline(nlp, out)
    _err(f"model → {out}; run `notulist model evaluate --data {data}` for its figures")


@model_app.command("evaluate")
def model_evaluate(
    data: Annotated[Path, typer.Option("--data", help="Folder with ud/ and conll2002/.")],
    model: Annotated[str | None, typer.Option("--model", help="Model path; the embedded one by default.")] = None,
    work: Annotated[Path, typer.Option("--work", help="Folder for converted test data.")] = Path("training"),
) -> None:
    """Accuracy per component on the held-out test files (UD test, CoNLL-2002 ned.testb)."""
    from pipeline.training.evaluate import evaluate_model

    figures = evaluate_model(Path(model) if model else None, data, work)
    typer.echo(json.dumps(figures, indent=2))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
