"""The `notulist` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipeline.outputs.model import json_schema

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Dutch meeting reports and transcripts → speakers, quotes, themes, summaries.")
model_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the embedded Dutch spaCy model.")
app.add_typer(model_app, name="model")
themes_app = typer.Typer(no_args_is_help=True, help="Themes across a corpus.")
app.add_typer(themes_app, name="themes")
export_app = typer.Typer(no_args_is_help=True, help="Export outputs to other tools' formats.")
app.add_typer(export_app, name="export")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        import spacy

        from pipeline.nlp import default_model
        from pipeline.process import model_label, notulist_version

        model = default_model()
        label = model_label(model)
        typer.echo(f"notulist {notulist_version()} (spaCy {spacy.__version__}; default model:{f' {label}' if label else ''} at {model})")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print notulist's version and exit.")] = False,
) -> None:
    """Dutch meeting reports and transcripts → speakers, quotes, themes, summaries."""


#: Most sentences `--summary-sentences` takes: more than any meeting has, and a number the model's config can hold
#: (a 20-digit number was a traceback from spaCy's config).
MAX_SUMMARY_SENTENCES = 100_000
#: Summary length in sentences when neither --summary-sentences nor --summary-ratio is given.
DEFAULT_SUMMARY_SENTENCES = 3
#: Largest `--seed`: scikit-learn takes a random_state from 0 to 2**32 - 1.
MAX_SEED = 2**32 - 1
#: Longest file name, in bytes, when the file system does not say (`os.pathconf` "PC_NAME_MAX").
DEFAULT_NAME_MAX = 255


def _existing_ancestor(path: Path) -> Path:
    """`path` itself or the nearest folder above it that exists (the current folder for a relative path)."""
    current = path
    while not current.exists() and current != current.parent:
        current = current.parent
    return current if current.exists() else Path(".")


def _check_out_dir(out: Path) -> str | None:
    """Why `out` cannot take the outputs (a file, cannot be created, not writable, a file at `OUT/.notulist`), or
    None. Creates nothing: the folder is made only once every other check has passed."""
    import os
    import tempfile

    from pipeline.process import STATE_FOLDER, shown

    if out.exists() and not out.is_dir():
        return f"the output folder {shown(out)} is a file, not a folder"
    if out.is_dir():
        try:
            with tempfile.TemporaryFile(dir=out):
                pass
        except OSError as err:
            return f"the output folder {shown(out)} is not writable ({err.strerror})"
        state = out / STATE_FOLDER
        if state.exists() and not state.is_dir():
            return (f"{shown(state)} is a file, but notulist keeps the records that make a run resumable in that folder; "
                    "move the file away or choose another --out")
        return None
    ancestor = _existing_ancestor(out)
    if not ancestor.is_dir():
        return f"the output folder {shown(out)} cannot be created: {shown(ancestor)} is a file, not a folder"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"the output folder {shown(out)} cannot be created: {shown(ancestor)} is not writable"
    return None


def _is_own_output(path: Path, out: Path) -> bool:
    """Whether a path a folder walk left out is one of the outputs notulist writes into `out` (an input folder that is
    also the output folder): `OUT/<stem>.json` or `.html` with a resume record, anything in `OUT/tables/`, `OUT/.notulist`."""
    from pipeline.outputs.tables import TABLES_FOLDER
    from pipeline.process import STATE_FOLDER, stamp_path

    try:
        relative = path.resolve().relative_to(out.resolve())
    except (OSError, ValueError, RuntimeError):  # outside OUT, or a path that cannot be resolved
        return False
    parts = relative.parts
    if len(parts) == 1:  # a JSON or HTML file counts when a resume record says notulist wrote it
        return parts[0] == STATE_FOLDER or (path.suffix.lower() in (".json", ".html") and stamp_path(out, path).is_file())
    return len(parts) > 1 and parts[0] in (TABLES_FOLDER, STATE_FOLDER)


def _name_max(out: Path) -> int:
    """The longest file name, in bytes, that the output folder's file system takes."""
    import os

    try:
        return os.pathconf(_existing_ancestor(out), "PC_NAME_MAX")
    except (OSError, ValueError):
        return DEFAULT_NAME_MAX


def _output_problems(files: list[Path], out: Path, *, html: bool) -> dict[Path, str]:
    """The inputs whose outputs cannot be written (a name longer than the file system takes, a folder in the
    output's place), each with the message naming that output, found before any analysis."""
    import os

    from pipeline.process import output_names, shown

    limit = _name_max(out)
    problems = {}
    for path in files:
        for name in output_names(path, html=html):
            size = len(os.fsencode(name))
            if size > limit:
                problems[path] = (f"{shown(path)}: its output {shown(out / name)} would have a name of {size} bytes, longer than "
                                  f"the file system allows ({limit}); rename the input to a shorter name")
                break
            if (out / name).is_dir():
                problems[path] = f"{shown(path)}: its output {shown(out / name)} is a folder; move it away or choose another --out"
                break
    return problems


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(readable=False, help="Input files or folders (read recursively).")],
    out_option: Annotated[str, typer.Option("--out", "-o", help="Output folder.")] = "outputs",
    format: Annotated[str | None, typer.Option("--format", "-f", help="Input format (see the README's formats table: text, report, turns, vtt, srt, docx, json, parlamint …); detected when left out.")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="spaCy package name or path; 'blank' for the rule-only fallback.")] = None,
    themes: Annotated[Path | None, typer.Option("--themes", help="TOML theme file (see pipeline/resources/themes.toml).")] = None,
    extend_themes: Annotated[bool, typer.Option("--extend-themes", help="Add the file's themes to the defaults instead of replacing them.")] = False,
    summary_sentences: Annotated[int | None, typer.Option("--summary-sentences", min=1, max=MAX_SUMMARY_SENTENCES, help=f"At most N sentences per summary, within the word count of the first N sentences (default {DEFAULT_SUMMARY_SENTENCES}).")] = None,
    summary_ratio: Annotated[float | None, typer.Option("--summary-ratio", min=0.01, max=1.0, help="Summary length as a share of the sentences (instead of --summary-sentences).")] = None,
    summarizer: Annotated[str, typer.Option("--summarizer", help="extractive (default) or transformers.")] = "extractive",
    summary_model: Annotated[str | None, typer.Option("--summary-model", help="Local seq2seq model folder (or cached name) for --summarizer transformers.")] = None,
    html: Annotated[bool, typer.Option("--html", help="Also write OUT/<stem>.html, a report to open in a browser.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for a batch (capped at the CPU count).")] = 1,
    force_jobs: Annotated[bool, typer.Option("--force-jobs", help="Allow --jobs above the CPU count.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Analyse every input again, even those unchanged since the last run.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine, --jobs processes) or dask (a dask.distributed cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786) for --engine dask; a local cluster of --jobs workers when left out.", envvar="DASK_SCHEDULER_ADDRESS")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines (errors and warnings are still shown).")] = False,
) -> None:
    """Analyse input files; write OUT/<stem>.json per file and the corpus tables in OUT/tables (for one file as for many).

    Exit codes: 0 all inputs done (or unchanged), 1 some inputs failed, 2 usage or set-up error, 130 interrupted
    (Ctrl-C or SIGTERM).
    """
    _terminate_as_interrupt()
    from pipeline.ingest.registry import format_names
    from pipeline.process import (
        EngineError,
        Outcome,
        Settings,
        check_outputs,
        collect_inputs,
        cpu_count,
        plan_batch,
        run_batch,
        shown,
        stamp_path,
    )

    if summarizer != "transformers":
        from pipeline.process import skip_torch

        skip_torch(model)  # thinc would import PyTorch (~300 MB per process) that this run does not use
    # Usage and set-up first: nothing is read and no model is loaded before these pass.
    if format is not None and format not in format_names():
        _err(f"notulist: unknown --format {format!r}; choose one of {', '.join(format_names())}")
        raise typer.Exit(2)
    if summarizer not in ("extractive", "transformers"):
        _err(f"notulist: --summarizer must be extractive or transformers, not {summarizer!r}")
        raise typer.Exit(2)
    if summary_model and summarizer != "transformers":
        _err("notulist: --summary-model is the model of --summarizer transformers; add that option, or leave the model out")
        raise typer.Exit(2)
    if summarizer == "transformers" and not summary_model:
        _err("notulist: --summarizer transformers needs --summary-model NAME_OR_PATH")
        raise typer.Exit(2)
    if engine not in ("local", "dask"):
        _err(f"notulist: --engine must be local or dask, not {engine!r}")
        raise typer.Exit(2)
    if jobs > cpu_count() and not force_jobs and not (engine == "dask" and scheduler):
        _err(f"notulist: --jobs {jobs} capped at {cpu_count()}, the CPUs of this machine (--force-jobs to insist)")
        jobs = cpu_count()
    if extend_themes and themes is None:
        _err("notulist: --extend-themes adds the themes of a file to the defaults: give the file with --themes FILE")
        raise typer.Exit(2)
    if summary_ratio is not None and summary_sentences is not None:
        _err("notulist: --summary-sentences and --summary-ratio both set the summary length; give one of them")
        raise typer.Exit(2)
    if summary_sentences is None:
        summary_sentences = DEFAULT_SUMMARY_SENTENCES
    if not out_option.strip():
        _err("notulist: --out is empty; give the output folder (use --out . for the current folder)")
        raise typer.Exit(2)
    out = Path(out_option)
    themes_file = str(themes) if themes else None
    if themes_file:
        from pipeline.themes.definitions import ThemeFileError, load_themes

        try:
            load_themes(themes, extend=extend_themes)
        except ThemeFileError as err:
            _err(f"notulist: {err}")
            raise typer.Exit(2) from err
    problem = _check_out_dir(out)  # creates nothing: a refused run leaves no empty folder behind
    if problem:
        _err(f"notulist: {problem}")
        raise typer.Exit(2)

    plan = collect_inputs(paths)
    lost = 0
    own = [skip for skip in plan.skipped if not skip.failed and _is_own_output(skip.path, out)]
    for skip in plan.skipped:
        if skip not in own:
            _err(f"{'error' if skip.failed else 'skipped'}: {skip.message}")
        lost += skip.failed
    if own:
        _err(f"skipped: {len(own)} file(s) and folder(s) of notulist's own outputs in {shown(out)} (JSON, HTML, tables, "
             "resume records): outputs, not inputs")
    from pipeline.outputs import tables as tables_module

    table_folder = out / getattr(tables_module, "TABLES_FOLDER", "")
    table_names = getattr(tables_module, "TABLE_NAMES", ("documents", "speakers", "quotes"))
    extra = [table_folder / f"{name}.{ext}" for name in table_names for ext in ("csv", "parquet")]
    extra += [stamp_path(out, path) for path in plan.files]  # the resume records are written too
    conflicts = check_outputs(plan.files, out, html=html, extra=extra)
    if conflicts:
        for message in conflicts:
            _err(f"notulist: {message}")
        raise typer.Exit(2)
    if not plan.files and not lost:
        _err("notulist: no input files found in " + ", ".join(shown(p) for p in paths))
        raise typer.Exit(2)
    too_long = _output_problems(plan.files, out, html=html)
    for message in too_long.values():
        _err(f"error: {message}")
    lost += len(too_long)
    if table_folder.exists() and not table_folder.is_dir():
        _err(f"warning: {shown(table_folder)} is a file, not a folder: the corpus tables cannot be written (the JSON outputs can)")

    settings = Settings(model=model, format=format, themes_file=themes_file, extend_themes=extend_themes,
                        summary_sentences=summary_sentences, summary_ratio=summary_ratio,
                        summary_model=summary_model if summarizer == "transformers" else None, html=html)
    # Every input is read once before the model loads: a binary file or a format error is found in seconds.
    batch = plan_batch([p for p in plan.files if p not in too_long], out, settings, force=force, preread=True)
    failures = [item for item in batch.items if isinstance(item, Outcome) and item.error]
    for failure in failures:
        _err(f"error: {shown(failure.error or '')}")
    lost += len(failures)
    batch.items = [item for item in batch.items if not (isinstance(item, Outcome) and item.error)]
    nlp = None
    summariser = None
    if batch.todo and (engine == "local" and (jobs == 1 or len(batch.todo) == 1)):
        nlp, summariser = _load_or_exit(settings)
    elif batch.todo and settings.summary_model:
        _load_summariser_or_exit(settings.summary_model)
    made = [folder for folder in (out, *out.parents) if not folder.exists()]  # removed again if the engine fails
    if batch.todo:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            _err(f"notulist: the output folder {shown(out)} cannot be created ({err.strerror})")
            raise typer.Exit(2) from err

    from pipeline.progress import progress_for

    total = len(batch.items)
    done = skipped = failed = 0
    outputs: list[Path] = []
    try:
        with progress_for(total, quiet=quiet) as progress:
            for outcome in run_batch(batch, out, nlp=nlp, summariser=summariser, jobs=jobs, engine=engine, scheduler=scheduler):
                if outcome.error:
                    failed += 1
                    progress.note(f"error: {shown(outcome.error)}")  # file text quoted in a message stays inert
                else:
                    for warning in outcome.warnings:
                        progress.note(f"warning: {shown(outcome.source)}: {shown(warning)}")
                    skipped += outcome.skipped is not None
                    done += outcome.skipped is None
                    if outcome.output is not None:
                        outputs.append(outcome.output)
                progress.advance(outcome)
            words_per_second = progress.words_per_second()
    except EngineError as err:
        _err(f"notulist: {err}")
        _remove_empty(made, out)
        raise typer.Exit(2) from err
    except KeyboardInterrupt:
        _err(f"notulist: interrupted after {done} of {total} input(s); finished outputs are kept, run the same command again to continue")
        raise typer.Exit(130) from None
    table_error = None
    if outputs:  # tables for one file as for many
        try:
            table_error = _write_tables(outputs, out, quiet)
        except KeyboardInterrupt:
            _err(f"notulist: interrupted while writing the corpus tables; the {len(outputs)} JSON output(s) are complete and "
                 f"{shown(out / 'tables')} is as it was; run `notulist tables {shown(out)}` to write the tables")
            raise typer.Exit(130) from None
    left_out = sum(1 for skip in plan.skipped if not skip.failed)
    failed += lost
    if not quiet or failed or table_error:
        parts = [f"{done} done", f"{skipped} unchanged (skipped)", f"{failed} failed"]
        if left_out:
            parts.append(f"{left_out} left out (listed above)")
        if table_error:
            parts.append("the corpus tables failed (see above)")
        rate = f"; {words_per_second:,.0f} words/s" if done else ""
        _err(f"notulist: {', '.join(parts)}{rate}")
    if failed:
        _err(f"notulist: {failed} of {total + lost} input(s) failed")
        raise typer.Exit(1)
    if table_error:
        raise typer.Exit(1)


def _remove_empty(made: list[Path], out: Path) -> None:
    """Remove the folders this run made (the output folder and those above it) when a set-up error ends it before
    anything was written: only empty ones, the resume-record folder first."""
    import os

    from pipeline.process import STATE_FOLDER

    for folder in [out / STATE_FOLDER, *made] if made else []:
        try:
            os.rmdir(folder)
        except OSError:  # not empty (something was written), or gone
            pass


def _load_or_exit(settings):
    """The pipeline and summariser for in-process runs; a bad model or summariser is a set-up error (exit 2)."""
    from pipeline.nlp import ModelError, load_nlp
    from pipeline.themes.definitions import ThemeFileError

    try:
        nlp = load_nlp(settings.model, **settings.nlp_options())
    except (ModelError, ThemeFileError) as err:
        _err(f"notulist: {err}")
        raise typer.Exit(2) from err
    summariser = _load_summariser_or_exit(settings.summary_model) if settings.summary_model else None
    return nlp, summariser


def _load_summariser_or_exit(summary_model: str):
    from pipeline.summaries.abstractive import AbstractiveSummariser, SummaryModelError

    try:
        return AbstractiveSummariser(summary_model)
    except SummaryModelError as err:
        _err(f"notulist: {err}")
        raise typer.Exit(2) from err


#: Name prefix of the folder inside `OUT/.notulist/` where a run writes its tables before moving them into place;
#: the process id follows, so that a folder left by a killed run can be told from one being written.
TABLES_STAGING_PREFIX = ".tables-"


def write_table_set(analyses, out: Path) -> list[Path]:
    """Write the corpus tables of `analyses` to `out/tables/` as one set: every table is written in full to a staging
    folder inside `out/.notulist/` first, then all are renamed into place with Ctrl-C held back, so that a full disk,
    an encoding error or an interrupt leaves the tables that were there (or none), never a mix of new and old or a
    part of a set. Returns the paths written; raises `OSError` (the tables folder then is as it was)."""
    import os
    import shutil
    import tempfile

    from pipeline.outputs.tables import OPTIONAL_TABLES, TABLES_FOLDER, write_tables
    from pipeline.outputs.writer import replace_all
    from pipeline.process import STATE_FOLDER, process_alive

    state = out / STATE_FOLDER
    state.mkdir(parents=True, exist_ok=True)
    for stale in state.glob(f"{TABLES_STAGING_PREFIX}*"):  # left by a run killed while writing its tables
        pid = stale.name.removeprefix(TABLES_STAGING_PREFIX).split("-")[0]
        if not (pid.isdigit() and process_alive(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{TABLES_STAGING_PREFIX}{os.getpid()}-", dir=state))
    try:
        staged = write_tables(analyses, staging)
        folder = out / TABLES_FOLDER
        folder.mkdir(exist_ok=True)
        moves = [(path, folder / path.name) for path in staged]
        # a table only some corpora have (decisions, actions) left by an earlier run is not part of this set
        new = {target for _, target in moves}
        leftover = [path for name in OPTIONAL_TABLES for path in folder.glob(f"{name}.*") if path.suffix in (".csv", ".parquet") and path not in new]
        replace_all(moves, remove=leftover)
        return [target for _, target in moves]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_tables(outputs: list[Path], out: Path, quiet: bool) -> str | None:
    """Corpus tables from the JSON outputs (read back one at a time); a full disk is a message, not a traceback."""
    from pipeline.outputs.model import Analysis
    from pipeline.process import shown

    def analyses():
        for path in outputs:
            data = path.read_bytes()
            try:
                yield Analysis.model_validate_json(data)
            except ValueError:  # an output of another notulist version: the tables take its JSON as it is
                yield json.loads(data)

    from pipeline.outputs.tables import TABLES_FOLDER

    folder = out / TABLES_FOLDER
    if folder.exists() and not folder.is_dir():
        message = f"notulist: the corpus tables could not be written: {shown(folder)} is a file, not a folder; the JSON outputs are complete"
        _err(message)
        return message
    try:
        written = write_table_set(analyses(), out)
    except OSError as err:
        message = (f"notulist: the corpus tables could not be written to {shown(folder)} ({err.strerror}); the JSON outputs are "
                   "complete and the tables there are as they were")
        _err(message)
        return message
    except Exception as err:  # noqa: BLE001 — the JSON outputs are written; the tables' failure is a message
        message = f"notulist: the corpus tables could not be built ({type(err).__name__}: {err}); the JSON outputs are complete"
        _err(message)
        return message
    if written and not quiet:
        folders = sorted({shown(path.parent) for path in written})
        kinds = sorted({path.suffix.lstrip(".") for path in written})
        _err(f"tables → {', '.join(folders)} ({len({path.stem for path in written})} tables as {' and '.join(kinds)})")
    return None


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files.")],
    pred: Annotated[Path, typer.Option("--pred", help="Folder with notulist's output JSON files.")] = Path("outputs"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every miss, spurious item and wrong attribution.")] = False,
) -> None:
    """Precision, recall and F1 of quotes, attribution and speakers against gold files.

    A gold file (or its prediction) that cannot be read or scored is named on stderr and left out, the others are
    scored (exit code 1); when no document could be scored, "no documents scored" and exit code 1, never figures."""
    from pipeline.evaluation.score import evaluate_folder, totals

    if not gold_dir.is_dir():
        _err(f"notulist: gold folder {gold_dir} does not exist")
        raise typer.Exit(2)
    if not any(gold_dir.glob("*.json")):
        _err(f"notulist: gold folder {gold_dir} holds no gold JSON files")
        raise typer.Exit(2)
    if not pred.is_dir():
        _err(f"notulist: prediction folder {pred} does not exist (give it with --pred)")
        raise typer.Exit(2)
    evaluation = evaluate_folder(gold_dir, pred)
    for message in evaluation.left_out:
        _err(f"notulist: {message}")
    for stem in evaluation.missing:
        _err(f"warning: no prediction {pred / (stem + '.json')} for gold file {stem}")
    scores = evaluation.scores
    if not scores:
        _err(f"notulist: no documents scored ({len(evaluation.left_out)} gold file(s) left out, "
             f"{len(evaluation.missing)} without a prediction)")
        raise typer.Exit(1)
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
        for score in scores:
            for line in score.errors:
                typer.echo(f"{score.name}: {line}")
    if evaluation.left_out:
        _err(f"notulist: {len(evaluation.left_out)} gold file(s) left out; {len(scores)} document(s) scored")
        raise typer.Exit(1)


def _terminate_as_interrupt() -> None:
    """Make SIGTERM (a `kill`, a stopped container or job) end the run as Ctrl-C does: the same message on what is
    kept and how to go on, exit code 130. Only in this process: a worker process that inherits the handler dies of
    the signal as before (the pool and the cluster end their workers with it)."""
    import os
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set in the main thread (a test runner's thread, say)
    main = os.getpid()

    def interrupt(signum: int, frame: object) -> None:
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        signal.signal(signum, signal.SIG_IGN)  # a second SIGTERM (to the whole process group, say) while ending
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@themes_app.command("discover")
def themes_discover(
    paths: Annotated[list[Path], typer.Argument(readable=False, help="Input files or folders (read recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the tables.")] = Path("outputs/themes"),
    topics: Annotated[int, typer.Option("--topics", "-k", min=2, help="Number of topics.")] = 8,
    method: Annotated[str, typer.Option("--method", help="nmf (TF-IDF) or lda (counts).")] = "nmf",
    seed: Annotated[int, typer.Option("--seed", min=0, max=MAX_SEED, help="random_state, for reproducible tables (0 to 4294967295).")] = 0,
    model: Annotated[str | None, typer.Option("--model", "-m", help="spaCy package name or path; 'blank' for the fallback.")] = None,
    themes: Annotated[Path | None, typer.Option("--themes", help="TOML theme file whose themes get term suggestions.")] = None,
) -> None:
    """Topics (top terms, example sentences, weights per document) and new terms for the seeded themes."""
    from pipeline.ingest import InputError, read_file
    from pipeline.nlp import ModelError, load_base
    from pipeline.outputs.tables import write_frame
    from pipeline.themes.definitions import ThemeFileError, load_themes
    from pipeline.themes.discovery import (
        ThemeDiscoverer,
        build_corpus,
        document_topics,
        npmi_coherence,
        suggest_terms,
        topic_example_table,
        topic_table,
    )
    from pipeline.tokenizer import linear_tokenizer

    if method not in ("nmf", "lda"):
        _err(f"notulist: --method must be nmf or lda, not {method!r}")
        raise typer.Exit(2)
    from pipeline.process import collect_inputs, shown

    plan = collect_inputs(paths)
    for skip in plan.skipped:
        _err(f"{'error' if skip.failed else 'skipped'}: {skip.message}")
    readable: list[Path] = []
    longest: dict[Path, int] = {}
    for path in plan.files:
        try:
            transcript = read_file(path)
            readable.append(path)
            longest[path] = max((len(block.text) for block in transcript.blocks), default=0)
        except InputError as err:
            _err(f"error: {err}")
    if not readable:
        _err("notulist: no readable input files")
        raise typer.Exit(1)
    try:
        theme_list = load_themes(themes)
        nlp = linear_tokenizer(load_base(model))  # as `process` does: a line of 20,000 '=' costs seconds, not minutes
    except (ModelError, ThemeFileError) as err:
        _err(f"notulist: {err}")
        raise typer.Exit(2) from err
    too_long = [path for path in readable if longest[path] > nlp.max_length]
    for path in too_long:
        _err(f"error: {shown(path)}: a paragraph of {longest[path]:,} characters is longer than the model takes "
             f"({nlp.max_length:,}); split it into paragraphs (blank lines) to discover themes in it")
    readable = [path for path in readable if path not in too_long]
    if not readable:
        _err("notulist: no input file left to discover themes in")
        raise typer.Exit(1)
    corpus, seeded = build_corpus(nlp, readable, themes=theme_list)
    try:
        discoverer = ThemeDiscoverer(topics, method=method, random_state=seed).fit(corpus.unit_lemmas)
    except ValueError as err:
        _err(f"notulist: cannot discover {topics} topics in {len(corpus.unit_lemmas)} paragraph(s) of {len(readable)} "
             f"file(s): too little text with content words ({err}); give more text or fewer --topics")
        raise typer.Exit(1) from err
    top = discoverer.top_terms()
    coherence = npmi_coherence([[t for t, _ in terms] for terms in top], corpus.unit_lemmas)
    known = {t.id: {w for term in t.terms for w in term.split()} for t in theme_list}
    tables = {
        "topics": topic_table(discoverer, corpus),
        "topic_examples": topic_example_table(discoverer, corpus),
        "document_topics": document_topics(discoverer, corpus),
        "theme_suggestions": suggest_terms(corpus, seeded, known),
    }
    for name, frame in tables.items():
        for path in write_frame(frame, out / name):
            _err(f"table → {path}")
    for k, (label, terms, score) in enumerate(zip(discoverer.labels(), top, coherence, strict=True), start=1):
        typer.echo(f"topic {k:2d} «{label}» (NPMI {score:+.3f}): {', '.join(t for t, _ in terms)}")
    typer.echo(f"mean NPMI {sum(coherence) / len(coherence):+.4f} over {len(top)} topics, {len(corpus.unit_lemmas)} paragraphs, {len(readable)} documents ({method}, seed {seed})")


@app.command("tables")
def tables_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder with notulist's JSON outputs.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No lines for the files written.")] = False,
) -> None:
    """Write OUT_DIR/tables/ (CSV and Parquet, ids that join) from the JSON outputs in OUT_DIR."""
    from pipeline.outputs.tables import TABLES_FOLDER, OutputsError, read_outputs
    from pipeline.process import shown

    problems: list[str] = []
    try:
        written = write_table_set(read_outputs(out_dir, problems=problems), out_dir)
    except OutputsError as err:
        _no_outputs(err, problems)
    except OSError as err:
        _err(f"notulist: the tables could not be written to {shown(out_dir / TABLES_FOLDER)} ({err.strerror}); the tables there are as they were")
        raise typer.Exit(1) from err
    except KeyboardInterrupt:
        _err(f"notulist: interrupted; {shown(out_dir / TABLES_FOLDER)} is as it was")
        raise typer.Exit(130) from None
    for path in written:
        if not quiet:
            _err(f"table → {path}")
    _left_out(problems)


@app.command("report")
def report_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder with notulist's JSON outputs.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for the site (default OUT_DIR/report).")] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help="Folder with the input files, to show each quote in its text.")] = None,
    topics: Annotated[Path | None, typer.Option("--topics", help="Folder of `themes discover` tables (default OUT_DIR/themes when it has them).")] = None,
) -> None:
    """A static HTML site of OUT_DIR's outputs: index.html and one page per document; opens from disk."""
    from pipeline.outputs.report import write_report
    from pipeline.outputs.tables import OutputsError, read_output_files

    target = out or out_dir / "report"
    _folder_or_exit(target, "--out")
    if sources is not None and not sources.is_dir():
        _err(f"notulist: --sources {_shown(sources)} is not a folder; give the folder that holds the input files")
        raise typer.Exit(2)
    problems: list[str] = []
    try:
        records = [(path.stem, record) for path, record in read_output_files(out_dir, problems=problems)]
    except OutputsError as err:
        _no_outputs(err, problems)
    topics_view = None
    topics_dir = topics or out_dir / "themes"
    if (topics_dir / "topics.csv").is_file():
        from pipeline.themes.discovery import topics_view as load_topics_view

        topics_view = load_topics_view(topics_dir)
    elif topics is not None:
        _err(f"notulist: {topics}: no topics.csv (write it with `notulist themes discover … --out {topics}`)")
        raise typer.Exit(2)
    without_text: list[str] = []
    try:
        written = write_report(records, target, sources=sources, topics=topics_view, without_text=without_text)
    except OSError as err:
        _err(f"notulist: the report could not be written to {err.filename or target} ({err.strerror})")
        raise typer.Exit(1) from err
    _err(f"report → {written[-1]} ({len(records)} document{'s' if len(records) != 1 else ''})")
    if without_text:
        named = ", ".join(_shown(Path(name)) for name in without_text[:5]) + (" …" if len(without_text) > 5 else "")
        hint = "" if sources is not None else "; give the folder of the input files with --sources"
        _err(f"warning: the source text of {len(without_text)} document{'s' if len(without_text) != 1 else ''} was not found "
             f"or has changed ({named}): their pages show the quotes without context{hint}")
    _left_out(problems)


@export_app.command("convokit")
def export_convokit(
    out_dir: Annotated[Path, typer.Argument(help="Folder with notulist's JSON outputs.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Corpus folder to write (default OUT_DIR/convokit).")] = None,
) -> None:
    """A ConvoKit corpus: turns (and quotes of prose reports) as utterances, sessions as conversations."""
    from pipeline.outputs.convokit import write_convokit
    from pipeline.outputs.tables import OutputsError, read_outputs

    target = out or out_dir / "convokit"
    _folder_or_exit(target, "--out")
    problems: list[str] = []
    try:
        written = write_convokit(read_outputs(out_dir, problems=problems), target)
    except OutputsError as err:
        _no_outputs(err, problems)
    except OSError as err:
        _err(f"notulist: the corpus could not be written to {err.filename or target} ({err.strerror})")
        raise typer.Exit(1) from err
    _err(f"convokit corpus → {target} ({', '.join(p.name for p in written)})")
    _left_out(problems)


def _no_outputs(err: Exception, problems: list[str]) -> NoReturn:
    """No output to work on: name each JSON file that was left out and why, then the folder; exit code 2."""
    for problem in problems:
        _err(f"error: {problem}; left out")
    _err(f"notulist: {err}")
    raise typer.Exit(2) from err


def _shown(path: Path) -> str:
    from pipeline.process import shown

    return shown(path)


def _folder_or_exit(target: Path, option: str) -> None:
    """A usage error (exit 2) when the folder a command writes to is a file or lies below one."""
    problem = _check_out_dir(target)
    if problem:
        _err(f"notulist: {option}: {problem}")
        raise typer.Exit(2)


def _left_out(problems: list[str]) -> None:
    """Name the output files a command left out, and end with exit code 1 when there are any."""
    for problem in problems:
        _err(f"error: {problem}; left out")
    if problems:
        _err(f"notulist: {len(problems)} file(s) left out")
        raise typer.Exit(1)


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
