"""Process a batch of input files: find and check them, analyse them, write each output atomically.

One bad file never stops the others, and no file is lost without a word:

- `collect_inputs` walks the named files and folders (iteratively: any depth) and returns the files to
  process plus every file it leaves out with the reason (unsupported format, a link not followed, a
  duplicate, a companion file, an unreadable folder); `check_inputs` reads each file once before the model
  loads (existence, readability, size, format) and hashes it;
- `check_outputs` refuses an output path that is one of the inputs before any work;
- `process_files` runs the files in this process, in a pool of worker processes (`jobs > 1`: each worker
  loads the model once, dies with the main process, and a worker that dies fails its own file only), or on
  a Dask cluster (`engine="dask"`), and yields one `Outcome` per file in input order as files finish;
- a run is resumable: next to the outputs, `OUT/.notulist/<output>.stamp.json` records the input's
  SHA-256, a fingerprint of the options, notulist's version and the model's, and the outputs' SHA-256;
  an input whose stamp matches is skipped (unless `force`).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.ingest import InputError, read_file
from pipeline.ingest.names import shown as _shown_name
from pipeline.ingest.read import open_regular
from pipeline.ingest.registry import SNIFF_BYTES, UNSUPPORTED, choose_reader, input_suffixes, is_companion
from pipeline.outputs.model import Analysis
from pipeline.outputs.writer import remove_stale_temporaries, to_json, write_atomic

if TYPE_CHECKING:  # spaCy and the analysis are imported where a file is analysed: a main process that only
    from spacy.language import Language  # hands files to workers stays small
    from spacy.tokens import Doc

    from pipeline.ingest.model import Transcript

#: Words in a spaCy config that mean the model runs PyTorch (then torch must stay importable).
TORCH_MARKERS = ("torch", "transformer", "curated")

#: Folder inside the output folder that holds the stamps of a resumable run.
STATE_FOLDER = ".notulist"
#: Version of the stamp format; a change makes every earlier stamp stale.
STAMP_VERSION = 1
#: How often (seconds) a worker checks that the main process is still alive.
PARENT_POLL_S = 0.5
#: How often (seconds) the main process checks whether the worker analysing a file has died.
WORKER_POLL_S = 0.1
#: How long a result may take to arrive after its worker process ended, before the file counts as lost.
DEATH_GRACE_S = 2.0
#: How long the Dask client tries to reach a scheduler before the run is a set-up error.
SCHEDULER_TIMEOUT = "10s"
#: Tasks in flight per worker: enough to keep workers busy, few enough that memory does not grow.
TASKS_PER_WORKER = 2


# ---------------------------------------------------------------------------------------------- names


def shown(path: Path | str) -> str:
    """A path as safe text for a terminal: control characters, escape codes and undecodable bytes escaped."""
    return _shown_name(path)


# --------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Skip:
    """A path that is not processed, with the reason; `failed` when it is the user's text that was lost."""

    path: Path
    reason: str
    failed: bool = False
    #: left out by a folder search for its suffix only: moot when the same file is also named on its own
    by_suffix: bool = False

    @property
    def message(self) -> str:
        return f"{shown(self.path)}: {self.reason}"


@dataclass
class InputPlan:
    """The files to process, in order, and everything left out with its reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def _not_input_reason(path: Path) -> str | None:
    """Why a regular file inside a folder is not an input, or None when it is one."""
    suffix = path.suffix.lower()
    if is_companion(path):
        return "companion file of another input (read with it), not an input of its own"
    if suffix in input_suffixes():
        return None
    if suffix in UNSUPPORTED:
        return f"unsupported format: {UNSUPPORTED[suffix]} files have no reader"
    kinds = ", ".join(sorted(input_suffixes()))
    return f"not an input format ({suffix or 'no suffix'}); folders are searched for {kinds}"


def _walk(folder: Path, plan: InputPlan) -> list[Path]:
    """Input files under `folder` (sorted by path), recording every entry left out; no recursion limit."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as err:
            plan.skipped.append(Skip(current, f"folder cannot be read ({err.strerror})", failed=True))
            continue
        for entry in listing:
            path = Path(entry.path)
            if entry.name.startswith("."):
                plan.skipped.append(Skip(path, "hidden, not read"))
                continue
            try:
                if entry.is_symlink():
                    plan.skipped.append(Skip(path, "a link, not followed inside a folder (name it to read it)"))
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                    continue
                if not entry.is_file(follow_symlinks=False):
                    plan.skipped.append(Skip(path, "not a regular file (a pipe, socket or device)"))
                    continue
            except OSError as err:
                plan.skipped.append(Skip(path, f"cannot be read ({err.strerror})", failed=True))
                continue
            reason = _not_input_reason(path)
            if reason is None:
                found.append(path)
            else:
                plan.skipped.append(Skip(path, reason, by_suffix=True))
    return sorted(found, key=lambda p: os.fspath(p))


def collect_inputs(paths: Iterable[Path]) -> InputPlan:
    """The files named and the input files inside named folders, in order; duplicates and clashes left out.

    A file named on the command line is always tried (its reader decides); inside a folder only files
    with an input suffix are taken, and links are not followed. The same file reached twice is processed
    once; two different files with the same stem would write the same output, so the second one fails.
    """
    plan = InputPlan()
    candidates: list[Path] = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            kind = "a link to a missing file" if path.is_symlink() else "no such file"
            plan.skipped.append(Skip(path, kind, failed=True))
            continue
        except OSError as err:
            plan.skipped.append(Skip(path, f"cannot be read ({err.strerror})", failed=True))
            continue
        if stat.S_ISDIR(info.st_mode):
            candidates.extend(_walk(path, plan))
        else:
            candidates.append(path)
    seen: dict[tuple[int, int], Path] = {}
    stems: dict[str, Path] = {}
    for path in candidates:
        try:
            info = path.stat()
            identity = (info.st_dev, info.st_ino)
        except OSError:
            identity = (-1, hash(os.fspath(path)))
        if identity in seen:
            plan.skipped.append(Skip(path, f"the same file as {shown(seen[identity])}; processed once"))
            continue
        seen[identity] = path
        if path.stem in stems:
            plan.skipped.append(Skip(path, f"same file name as {shown(stems[path.stem])}; its output would overwrite that one", failed=True))
            continue
        stems[path.stem] = path
        plan.files.append(path)
    # a file a folder search left out but that is also named on its own is processed: no "skipped" line for it
    plan.skipped = [skip for skip in plan.skipped if not (skip.by_suffix and _identity(skip.path) in seen)]
    return plan


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a path itself (a link's own, not its target's), or None when it cannot be read."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the input files inside folders (recursively, sorted); see `collect_inputs`."""
    return collect_inputs(paths).files


@dataclass(frozen=True)
class Checked:
    """An input that passed the checks before the model loads: its content hash."""

    path: Path
    sha256: str


def check_input(path: Path, *, format: str | None = None) -> Checked:
    """Existence, file type, size, readability and format of one input, and its SHA-256; raises `InputError`."""
    name = shown(path)
    digest = hashlib.sha256()
    head = b""
    size = 0
    blank = True  # only white space so far (the whole file, not only its head)
    try:
        with open_regular(path, name) as handle:  # a file swapped for a pipe since the stat is refused, not waited on
            while chunk := handle.read(1 << 20):
                if not head:
                    head = chunk[:SNIFF_BYTES]
                size += len(chunk)
                blank = blank and not chunk.strip()
                digest.update(chunk)
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or os.strerror(err.errno or 0)})") from err
    if blank:
        raise InputError(name, "the file is empty" if size == 0 else "the file holds only white space")
    choose_reader(head, path.name, format)
    return Checked(path, digest.hexdigest())


def output_names(path: Path, *, html: bool = False) -> list[str]:
    """The file names one input writes into the output folder."""
    return [f"{path.stem}.json"] + ([f"{path.stem}.html"] if html else [])


def check_outputs(files: Iterable[Path], out_dir: Path, *, html: bool = False, extra: Iterable[Path] = ()) -> list[str]:
    """Messages for every output path that is one of the inputs (it would be overwritten); empty when safe.

    `extra` are further paths the run writes (the corpus tables).
    """
    files = list(files)
    identities: dict[tuple[int, int], Path] = {}
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        identities[(info.st_dev, info.st_ino)] = path
    targets = [out_dir / name for path in files for name in output_names(path, html=html)] + list(extra)
    problems = []
    for target in targets:
        try:
            info = target.stat()
        except OSError:
            continue
        source = identities.get((info.st_dev, info.st_ino))
        if source is not None:
            problems.append(f"{shown(target)} would overwrite the input {shown(source)}; choose another --out folder")
    return problems


# ----------------------------------------------------------------------------------------- start-up


class _NoTorch:
    """A meta-path finder that reports torch as missing (see `skip_torch`)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r} (not needed by this notulist run)", name=name)
        return None


def skip_torch(model: str | None) -> bool:
    """Keep thinc from importing PyTorch when the run does not use it; returns whether it was kept out.

    thinc imports torch whenever it is installed (for the transformers summariser), which costs about
    300 MB and seconds in every process. Only possible before thinc is imported, and only for the blank
    pipeline or a model folder whose config does not mention torch or transformers.
    """
    import sys

    if "thinc" in sys.modules or "torch" in sys.modules:
        return False
    name = model or default_model_name()
    if name != BLANK_NAME:
        config = Path(name) / "config.cfg"
        try:
            text = config.read_text(encoding="utf-8").lower()
        except OSError:
            return False
        if any(marker in text for marker in TORCH_MARKERS):
            return False
    sys.meta_path.insert(0, _NoTorch())  # type: ignore[arg-type]
    return True


# ------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """Everything that decides an output besides the input bytes; picklable, sent to every worker."""

    model: str | None = None
    format: str | None = None
    themes_file: str | None = None
    extend_themes: bool = False
    summary_sentences: int = 3
    summary_ratio: float | None = None
    summary_model: str | None = None
    html: bool = False

    def nlp_options(self) -> dict[str, Any]:
        """The keyword arguments of `pipeline.nlp.load_nlp`."""
        return {"themes_file": self.themes_file, "extend_themes": self.extend_themes,
                "summary_sentences": self.summary_sentences, "summary_ratio": self.summary_ratio}


def notulist_version() -> str:
    """The installed notulist version (the package's own when not installed)."""
    try:
        from importlib.metadata import version

        return version("notulist")
    except Exception:  # noqa: BLE001 — not installed: the source tree's version
        from pipeline import __version__

        return __version__


BLANK_NAME = "blank"


def default_model_name() -> str:
    """`pipeline.nlp.default_model()` without importing spaCy: NOTULIST_MODEL, the embedded model, or blank."""
    env = os.environ.get("NOTULIST_MODEL")
    if env:
        return env
    embedded = Path(__file__).resolve().parent.parent / "models" / "nl_notulist"
    return str(embedded) if (embedded / "meta.json").exists() else BLANK_NAME


def _spacy_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")
    except PackageNotFoundError:  # pragma: no cover
        return "?"


def _meta_label(data: bytes) -> str | None:
    """"nl_notulist 0.3.0" from the bytes of a model's meta.json, or None when they are no JSON object."""
    try:
        parsed = json.loads(data)
    except ValueError:
        return None
    if not isinstance(parsed, dict):
        return None
    return f"{parsed.get('lang', '')}_{parsed.get('name', '')} {parsed.get('version', '')}"


def model_label(path: str) -> str | None:
    """The name and version of the model folder at `path` from its meta.json ("nl_notulist 0.3.0"), or None when it
    has no readable one (the blank pipeline, a package name)."""
    try:
        return _meta_label((Path(path) / "meta.json").read_bytes())
    except OSError:
        return None


def model_identity(model: str | None) -> str:
    """Which model a run uses, with its version: 'blank (spaCy x)', 'name version sha256(meta.json)'."""
    name = model or default_model_name()
    spacy_version = _spacy_version()
    if name == BLANK_NAME:
        return f"blank (spaCy {spacy_version})"
    meta = Path(name) / "meta.json"
    if meta.is_file():
        data = meta.read_bytes()
        label = _meta_label(data) or name
        return f"{label} meta:{hashlib.sha256(data).hexdigest()[:16]} (spaCy {spacy_version})"
    try:
        from importlib.metadata import version

        return f"{name} {version(name)} (spaCy {spacy_version})"
    except Exception:  # noqa: BLE001 — not a package: the name alone
        return f"{name} (spaCy {spacy_version})"


def settings_fingerprint(settings: Settings) -> str:
    """SHA-256 of the options, the theme file's content, notulist's version and the model's."""
    themes = None
    if settings.themes_file:
        try:
            themes = hashlib.sha256(Path(settings.themes_file).read_bytes()).hexdigest()
        except OSError:
            themes = "unreadable"
    data = {
        "stamp": STAMP_VERSION, "notulist": notulist_version(), "model": model_identity(settings.model),
        "format": settings.format, "themes": themes, "extend_themes": settings.extend_themes,
        "summary_sentences": settings.summary_sentences, "summary_ratio": settings.summary_ratio,
        "summary_model": settings.summary_model, "html": settings.html,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------- stamps


def stamp_path(out_dir: Path, source: Path) -> Path:
    """Where the stamp of one input's outputs is kept (a long stem is cut and completed by its hash)."""
    name = f"{source.stem}.stamp.json"
    if len(os.fsencode(name)) > 120:
        digest = hashlib.sha256(os.fsencode(source.stem)).hexdigest()[:16]
        name = f"{source.stem[:40]}-{digest}.stamp.json"
    return out_dir / STATE_FOLDER / name


def _sha256_file(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def is_current(out_dir: Path, checked: Checked, fingerprint: str, *, html: bool = False) -> bool:
    """Whether the outputs of this input exist, are unchanged, and came from the same input and options."""
    try:
        stamp = json.loads(stamp_path(out_dir, checked.path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("input_sha256") != checked.sha256 or stamp.get("settings") != fingerprint:
        return False
    outputs = stamp.get("outputs")
    if not isinstance(outputs, dict) or set(outputs) != set(output_names(checked.path, html=html)):
        return False
    return all(_sha256_file(out_dir / name) == digest for name, digest in outputs.items())


def write_stamp(out_dir: Path, checked: Checked, fingerprint: str, outputs: dict[str, str]) -> None:
    """Record that these outputs (name → SHA-256) belong to this input and these options (atomically)."""
    stamp = {"source": os.fspath(checked.path), "input_sha256": checked.sha256, "settings": fingerprint, "outputs": outputs}
    write_atomic(stamp_path(out_dir, checked.path), json.dumps(stamp, indent=1, sort_keys=True) + "\n")


# -------------------------------------------------------------------------------------------- one file


@dataclass(frozen=True)
class Outcome:
    """What happened to one input.

    `output` is the JSON written (or kept, when `skipped`); `error` the message when it failed; `digests`
    the SHA-256 of each output file written (name → hex); `words` the document's word count.
    """

    source: Path
    output: Path | None = None
    error: str | None = None
    skipped: str | None = None
    words: int = 0
    warnings: tuple[str, ...] = ()
    digests: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    fatal: bool = False


def analyse_file(nlp: Language, path: Path, *, format: str | None = None, summariser=None, source: str | None = None) -> Analysis:
    """Read and analyse one file; raises `InputError` for bad input. Reader warnings land in `document.warnings`.
    `source` is the name `document.source` records (default: the path as given)."""
    from pipeline.analyze import parse
    from pipeline.sentences import forget

    transcript = read_file(path, format=format, source=source or os.fspath(path))
    doc = parse(nlp, transcript)
    try:
        return finish_analysis(doc, transcript, summariser)
    finally:
        forget(doc)  # the Doc is not returned: let it go now


def finish_analysis(doc: Doc, transcript: Transcript, summariser=None) -> Analysis:
    """The output model of one parsed document (`analyze.build_analysis`), with the abstractive summaries when a
    `summariser` is given and every reader warning in `document.warnings`."""
    from pipeline.analyze import build_analysis

    analysis = build_analysis(doc, transcript)
    if summariser is not None:
        from pipeline.summaries.abstractive import apply_abstractive

        apply_abstractive(analysis, doc, summariser)
    missing = [w for w in transcript.warnings if w not in analysis.document.warnings]
    if missing:
        analysis.document.warnings = [*analysis.document.warnings, *missing]
    return analysis


#: What the first 4,096 bytes of a notulist output hold, per output suffix (the JSON's keys, the HTML page's generator).
OUTPUT_MARKS: dict[str, tuple[bytes, ...]] = {
    ".json": (b'"schema_version"', b'"document"'),
    ".html": (b'<meta name="generator" content="notulist',),
}


def _foreign(target: Path) -> bool:
    """A file at an output's place that does not look like a notulist output of its kind (JSON or HTML page)."""
    if not target.exists() and not target.is_symlink():
        return False
    try:
        with open(target, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False  # unreadable: the write reports the real problem
    if target.suffix == ".json" and not head.lstrip().startswith(b"{"):
        return True
    return not all(mark in head for mark in OUTPUT_MARKS.get(target.suffix, ()))


def _stamped_outputs(out_dir: Path, path: Path) -> set[str]:
    """The output names the stamp of this input says notulist wrote into `out_dir` (empty without a stamp)."""
    try:
        stamp = json.loads(stamp_path(out_dir, path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    outputs = stamp.get("outputs") if isinstance(stamp, dict) else None
    return {name for name in outputs if isinstance(name, str)} if isinstance(outputs, dict) else set()


def _refused_output(path: Path, out_dir: Path, *, html: bool = False) -> Outcome | None:
    """The outcome of an input one of whose output places (JSON, and the HTML page with `html`) holds a file notulist
    did not write: it is left as it is and the input fails with the reason; else None. A file counts as notulist's
    when it looks like its output or this input's stamp lists it (a hand-edited output is written again)."""
    stamped: set[str] | None = None
    for name in output_names(path, html=html):
        target = out_dir / name
        if not _foreign(target):
            continue
        if stamped is None:
            stamped = _stamped_outputs(out_dir, path)
        if name not in stamped:
            return Outcome(path, error=f"{shown(path)}: {shown(target)} exists and was not written by notulist; it is "
                                       "left as it is (move it away, or choose another --out)")
    return None


def _failed(path: Path, out_dir: Path, err: Exception, started: float) -> Outcome:
    """The outcome of an input whose reading, analysis or writing raised `err`."""
    seconds = time.perf_counter() - started
    if isinstance(err, InputError):
        return Outcome(path, error=str(err), seconds=seconds)
    if isinstance(err, OSError):
        where = shown(err.filename) if err.filename else shown(out_dir)
        return Outcome(path, error=f"{shown(path)}: the output could not be written to {where} ({err.strerror})", seconds=seconds)
    return Outcome(path, error=f"{shown(path)}: could not be analysed ({type(err).__name__}: {err})", seconds=seconds)


def _write_outputs(analysis: Analysis, path: Path, out_dir: Path, *, html: bool, started: float) -> Outcome:
    """Write the JSON (and the HTML report) of one analysis atomically; the outcome with their digests."""
    target = out_dir / f"{path.stem}.json"
    text = to_json(analysis).encode("utf-8")
    _write_named(target, text)
    digests = {target.name: hashlib.sha256(text).hexdigest()}
    if html:
        from pipeline.outputs.report import render_html

        page = render_html(analysis).encode("utf-8")
        _write_named(out_dir / f"{path.stem}.html", page)
        digests[f"{path.stem}.html"] = hashlib.sha256(page).hexdigest()
    return Outcome(path, target, words=analysis.document.words, warnings=tuple(analysis.document.warnings),
                   digests=digests, seconds=time.perf_counter() - started)


def _write_named(target: Path, data: bytes) -> None:
    """`write_atomic`, with an error that names the output, not the hidden temporary file it writes first."""
    try:
        write_atomic(target, data)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(target)) from err


def process_one(nlp: Language, path: Path, out_dir: Path, *, format: str | None = None, summariser=None, html: bool = False,
                source: str | None = None) -> Outcome:
    """Analyse one file and write its JSON (and HTML report); any failure becomes an `Outcome` with the error.
    `source`: the name `document.source` records (default: the path as given)."""
    started = time.perf_counter()
    refused = _refused_output(path, out_dir, html=html)
    if refused is not None:
        return refused
    try:
        analysis = analyse_file(nlp, path, format=format, summariser=summariser, source=source)
        return _write_outputs(analysis, path, out_dir, html=html, started=started)
    except Exception as err:  # noqa: BLE001 — one broken file must not stop the batch
        return _failed(path, out_dir, err, started)


#: Files read and analysed together: their texts go through the model in shared batches (`analyze.parse_many`, as
#: `nlp.pipe` batches), which is faster than one file at a time (larger matrix products, measured ×1.13 on news).
BATCH_FILES = 16
#: At most this many characters of input (file sizes in bytes as the estimate) in one group of files: the model's
#: batch memory grows with the text it holds (measured: ten 40 kB files in one group +400 MiB per process; the
#: model's own batches are capped at `analyze.BATCH_CHARS`), while batching pays on short texts. Equal to
#: BATCH_CHARS, so that a group is one model batch (a larger group leaves a small second batch). Measured on 200
#: news articles (about 7 kB each): 64 kB groups took 1.38x the model alone's CPU time, 128 kB 1.30x, 100 kB
#: 1.26-1.29x, at +110 MiB per process.
BATCH_BYTES = 100_000
#: A batch is split into at least this many groups (when it has as many files), so that a small batch still
#: spreads over the workers; a constant, not the machine's CPU count, so that outputs never depend on the machine.
MIN_GROUPS = 8


def group_files(paths: Sequence[Path], *, files: int = BATCH_FILES, size: int = BATCH_BYTES, parts: int = 1) -> list[list[Path]]:
    """Consecutive groups of input files, in order, each analysed in one pass (`process_many`).

    A group holds at most `files` files (fewer when the batch is small: about `parts` groups, so that `parts`
    workers share the work) and at most `size` bytes unless it is one file. The grouping depends only on the paths,
    their sizes and `parts`, never on timing. A file that cannot be stat'ed counts as empty (its read fails later).
    """
    per_group = max(1, min(files, -(-len(paths) // max(1, parts))))
    groups: list[list[Path]] = []
    current: list[Path] = []
    held = 0
    for path in paths:
        try:
            bytes_ = path.stat().st_size
        except OSError:
            bytes_ = 0
        if current and (len(current) >= per_group or held + bytes_ > size):
            groups.append(current)
            current, held = [], 0
        current.append(path)
        held += bytes_
    if current:
        groups.append(current)
    return groups


def process_many(nlp: Language, paths: Sequence[Path], out_dir: Path, *, format: str | None = None, summariser=None,
                 html: bool = False, sources: Sequence[str] | None = None) -> Iterator[Outcome]:
    """`process_one` for a group of files (see `group_files`), analysed in one pass of the model; outcomes in order.
    `sources`: per path, the name `document.source` records (default: the paths as given; a Dask worker gets
    absolute paths but records the names the user gave, so that its outputs equal a local run's).

    Each file still fails alone: a file that cannot be read or written fails with its own message; when an analysis
    raises inside the shared pass, the files not yet finished are analysed again one by one, so that only the file
    at fault fails.
    """
    from pipeline.analyze import parse_many
    from pipeline.sentences import forget

    started = time.perf_counter()
    outcomes: list[Outcome | None] = [None] * len(paths)
    ready: list[tuple[int, Transcript]] = []
    for k, path in enumerate(paths):
        refused = _refused_output(path, out_dir, html=html)
        if refused is not None:
            outcomes[k] = refused
            continue
        try:
            ready.append((k, read_file(path, format=format, source=sources[k] if sources else os.fspath(path))))
        except Exception as err:  # noqa: BLE001 — one broken file must not stop the batch
            outcomes[k] = _failed(path, out_dir, err, started)
    shown_up_to = 0

    def flush() -> Iterator[Outcome]:
        nonlocal shown_up_to
        while shown_up_to < len(paths) and outcomes[shown_up_to] is not None:
            yield outcomes[shown_up_to]  # type: ignore[misc]
            shown_up_to += 1

    finished = 0
    step = started  # a file's seconds: from the end of the file before it (reading and the pass are shared)
    try:
        for (k, transcript), (_, doc) in zip(ready, parse_many(nlp, [t for _, t in ready]), strict=True):
            try:
                outcomes[k] = _write_outputs(finish_analysis(doc, transcript, summariser), paths[k], out_dir, html=html,
                                             started=step)
            except Exception as err:  # noqa: BLE001
                outcomes[k] = _failed(paths[k], out_dir, err, step)
            finished += 1
            forget(doc)
            del doc
            step = time.perf_counter()
            yield from flush()
    except Exception:  # noqa: BLE001 — the shared pass failed on one of the files: the rest go one by one
        for k, _ in ready[finished:]:
            outcomes[k] = process_one(nlp, paths[k], out_dir, format=format, summariser=summariser, html=html,
                                      source=sources[k] if sources else None)
            yield from flush()
    yield from flush()


# ----------------------------------------------------------------------------------- worker processes


_LIBC: Any = None


def release_memory() -> None:
    """Give freed heap memory back to the system after a document (glibc `malloc_trim`; a no-op elsewhere).

    The arrays of one long document leave the heap fragmented; without this a worker keeps the peak of
    its largest document (measured: 460–540 MiB instead of 380–410 MiB over 5,600-word documents).
    """
    global _LIBC
    if _LIBC is None:
        try:
            import ctypes

            _LIBC = ctypes.CDLL("libc.so.6")
            _LIBC.malloc_trim  # noqa: B018 — glibc only
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


def _analyse_group(nlp: Language, paths: Sequence[Path], out_dir: Path, settings: Settings, summariser: Any,
                   sources: Sequence[str] | None = None) -> Iterator[Outcome]:
    """`process_many` with a run's settings, in whichever process runs the group; the heap given back after it."""
    try:
        yield from process_many(nlp, paths, out_dir, format=settings.format, summariser=summariser, html=settings.html,
                                sources=sources)
    finally:
        release_memory()


def process_alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True


def _watch_parent(main_pid: int) -> None:
    """End this worker as soon as the main process is gone (kill -9 leaves no orphan working on)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent or not process_alive(main_pid):
                os._exit(1)

    threading.Thread(target=watch, name="notulist-parent-watch", daemon=True).start()


class _Worker:
    """The state of one worker process: its pipeline, or the error that kept it from loading."""

    nlp: Language | None = None
    summariser: Any = None
    settings: Settings | None = None
    error: str | None = None
    slots: tuple[Any, Any] | None = None


def _init_worker(settings: Settings, slots: tuple[Any, Any], main_pid: int) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _watch_parent(main_pid)
    _Worker.settings = settings
    _Worker.slots = slots
    try:
        _Worker.nlp, _Worker.summariser = _load(settings)
    except Exception as err:  # noqa: BLE001 — reported on every file instead of a pool that respawns forever
        _Worker.error = f"the worker could not load the model ({type(err).__name__}: {err})"


def _load(settings: Settings) -> tuple[Language, Any]:
    from pipeline.nlp import load_nlp

    nlp = load_nlp(settings.model, **settings.nlp_options())
    summariser = None
    if settings.summary_model:
        from pipeline.summaries.abstractive import AbstractiveSummariser

        summariser = AbstractiveSummariser(settings.summary_model)
    return nlp, summariser


def _pool_task(index: int, paths: list[Path], out_dir: Path) -> list[Outcome]:
    """One group of files (see `group_files`) in a worker process: their outcomes in order."""
    if _Worker.slots is not None:  # tell the main process who works on this task: no lock, no feeder thread
        indices, pids = _Worker.slots
        pids[index % len(pids)] = os.getpid()
        indices[index % len(indices)] = index
    if _Worker.nlp is None or _Worker.settings is None:
        return [Outcome(path, error=_Worker.error or "the worker has no model", fatal=True) for path in paths]
    return list(_analyse_group(_Worker.nlp, paths, out_dir, _Worker.settings, _Worker.summariser))


def _died(path: Path) -> Outcome:
    return Outcome(path, error=f"{shown(path)}: the worker process analysing it died (killed, or out of memory); the other files go on")


def _pool_outcomes(groups: Iterator[list[Path]], out_dir: Path, settings: Settings, jobs: int) -> Iterator[Outcome]:
    """Outcomes in input order from `jobs` worker processes, one task per group of files; when a worker dies, the
    files of its group are analysed again one per task, so that only the file that kills a worker fails."""
    import multiprocessing
    from multiprocessing.sharedctypes import RawArray

    # fork: the workers start with the modules this process has imported (spaCy and notulist: seconds
    # saved per worker); the first workers are forked before the pool starts its threads.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    size = jobs * TASKS_PER_WORKER
    # Task i in flight is slot i % size (at most `size` consecutive tasks are in flight): the worker that
    # takes it writes its pid, then i; a slot whose index is i names the process analysing task i.
    indices, pids = RawArray("q", [-1] * size), RawArray("q", [0] * size)
    pool = context.Pool(jobs, initializer=_init_worker, initargs=(settings, (indices, pids), os.getpid()))

    def wait(index: int, result: Any) -> list[Outcome] | None:
        """The outcomes of task `index`, or None when its worker died."""
        while True:
            try:
                return result.get(timeout=WORKER_POLL_S)
            except multiprocessing.TimeoutError:
                pass
            slot = index % size
            pid = pids[slot] if indices[slot] == index else None
            if pid is not None and not process_alive(pid) and not result.ready():
                try:  # the result of a worker that ended normally may still be on its way
                    return result.get(timeout=DEATH_GRACE_S)
                except multiprocessing.TimeoutError:
                    return None

    try:
        window: deque[tuple[int, list[Path], Any]] = deque()
        counter = 0

        def fill() -> None:
            nonlocal counter
            while len(window) < size:
                group = next(groups, None)
                if group is None:
                    return
                window.append((counter, group, pool.apply_async(_pool_task, (counter, group, out_dir))))
                counter += 1

        fill()
        while window:
            index, group, result = window[0]
            outcomes = wait(index, result)
            if outcomes is None:
                outcomes = []
                for path in group:  # again one by one, in the dead task's own slot (free now, so no clash)
                    indices[index % size] = -1
                    alone = wait(index, pool.apply_async(_pool_task, (index, [path], out_dir)))
                    outcomes.extend(alone if alone is not None else [_died(path)])
            window.popleft()
            fill()
            yield from outcomes
    finally:
        pool.terminate()
        pool.join()


# ------------------------------------------------------------------------------------------- Dask engine


_DASK_CACHE: dict[Settings, tuple[Language, Any]] = {}
_DASK_LOCK = threading.Lock()


def _dask_task(paths: list[str], out_dir: str, settings: Settings, sources: list[str] | None = None) -> list[Outcome]:
    """One group of files on a Dask worker (absolute paths; `sources`: the names the user gave them, recorded as
    `document.source`); the pipeline is loaded once per worker process and kept (per settings)."""
    with _DASK_LOCK:  # a spaCy pipeline is not shared between threads: one group at a time per worker process
        if settings not in _DASK_CACHE:
            try:
                _DASK_CACHE[settings] = _load(settings)
            except Exception as err:  # noqa: BLE001 — reported once by the client as a set-up error
                return [Outcome(Path(p), error=f"a Dask worker could not load the model ({type(err).__name__}: {err})", fatal=True)
                        for p in paths]
        nlp, summariser = _DASK_CACHE[settings]
        return list(_analyse_group(nlp, [Path(p) for p in paths], Path(out_dir), settings, summariser, sources))


def _dask_outcomes(groups: Iterator[list[Path]], out_dir: Path, settings: Settings, scheduler: str | None, jobs: int) -> Iterator[Outcome]:
    """Outcomes in input order from a Dask cluster at `scheduler` (a local one with `jobs` workers when None), one
    task per group of files; a group whose task fails (a worker killed) is run again one file per task.

    Input and output paths must be visible to every worker under the same names (a shared file system).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover — the dask extra is not installed
        raise EngineError("--engine dask needs dask.distributed: pip install 'notulist[dask]'") from err
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
            client = Client(cluster, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler!r} ({type(err).__name__}: {err})") from err
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window: deque[tuple[list[Path], Any]] = deque()
        out = os.path.abspath(out_dir)

        def submit(group: list[Path]) -> Any:
            return client.submit(_dask_task, [os.path.abspath(p) for p in group], out, settings, [os.fspath(p) for p in group],
                                 pure=False)

        def results(group: list[Path], future: Any) -> list[Outcome]:
            done = future.result()
            return [replace(o, source=path, output=out_dir / o.output.name if o.output else None) for path, o in zip(group, done, strict=True)]

        def fill() -> None:
            while len(window) < workers * TASKS_PER_WORKER:
                group = next(groups, None)
                if group is None:
                    return
                window.append((group, submit(group)))

        fill()
        while window:
            group, future = window.popleft()
            try:
                outcomes = results(group, future)
            except Exception:  # noqa: BLE001 — KilledWorker and the like: again one file per task
                outcomes = []
                for path in group:
                    try:
                        outcomes.extend(results([path], submit([path])))
                    except Exception as err:  # noqa: BLE001 — this file fails alone
                        outcomes.append(Outcome(path, error=f"{shown(path)}: failed on the Dask cluster ({type(err).__name__}: {err})"))
            fill()
            yield from outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class EngineError(RuntimeError):
    """The chosen engine cannot run (no Dask, an unreachable scheduler); a set-up error."""


# ----------------------------------------------------------------------------------------------- batch


@dataclass
class Batch:
    """A planned run: per input in order either a `Checked` input still to analyse or its final `Outcome`
    (failed its checks, or skipped as unchanged); the settings and their fingerprint."""

    items: list[Checked | Outcome]
    settings: Settings
    fingerprint: str

    @property
    def todo(self) -> list[Checked]:
        return [item for item in self.items if isinstance(item, Checked)]


def plan_batch(paths: Iterable[Path | Checked], out_dir: Path, settings: Settings, *, force: bool = True,
               preread: bool = False) -> Batch:
    """Check every input (see `check_input`) and, unless `force`, mark those whose outputs are current.

    With `preread`, every input still to analyse is also read once (format, encoding, structure: about 0.1 s per MB,
    cheap beside the model), so that a file the reader refuses fails here, before any model is loaded.
    """
    fingerprint = settings_fingerprint(settings)
    items: list[Checked | Outcome] = []
    for given in paths:
        if isinstance(given, Checked):
            item = given
        else:
            try:
                item = check_input(given, format=settings.format)
            except InputError as err:
                items.append(Outcome(given, error=str(err)))
                continue
        if not force and is_current(out_dir, item, fingerprint, html=settings.html):
            items.append(Outcome(item.path, out_dir / f"{item.path.stem}.json", skipped="unchanged since the last run"))
            continue
        if preread:
            try:
                read_file(item.path, format=settings.format)
            except InputError as err:
                items.append(Outcome(item.path, error=str(err)))
                continue
            except Exception as err:  # noqa: BLE001 — a reader's failure fails its file, never the batch
                items.append(Outcome(item.path, error=f"{shown(item.path)}: could not be read ({type(err).__name__}: {err})"))
                continue
        items.append(item)
    return Batch(items, settings, fingerprint)


def run_batch(
    batch: Batch,
    out_dir: Path,
    *,
    nlp: Language | None = None,
    summariser: Any = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Analyse the batch's inputs and write their outputs and stamps; yield one `Outcome` per input in order.

    `engine` "local": in this process with `nlp` (loaded from the settings when None) for `jobs == 1`, else
    in `jobs` worker processes that each load the model once; "dask": on the cluster at `scheduler` (a
    local cluster of `jobs` workers when None). Raises `EngineError` when the workers cannot load the model
    or the cluster cannot be reached.
    """
    settings = batch.settings
    todo = batch.todo
    for item in todo:  # a run killed while writing leaves hidden temporary files: the rerun clears them
        for name in output_names(item.path, html=settings.html):
            remove_stale_temporaries(out_dir / name)
        remove_stale_temporaries(stamp_path(out_dir, item.path))
    # The same groups for every engine and number of jobs (they depend on the files only), so that every engine
    # gives the same outputs: a model's numbers can depend on which documents share a batch.
    groups = group_files([c.path for c in todo], parts=MIN_GROUPS)
    if not todo:
        fresh: Iterator[Outcome] = iter(())
    elif engine == "dask":
        fresh = _dask_outcomes(iter(groups), out_dir, settings, scheduler, jobs)
    elif jobs > 1 and len(todo) > 1:
        fresh = _pool_outcomes(iter(groups), out_dir, settings, min(jobs, len(groups)))
    else:
        if nlp is None:
            nlp, own_summariser = _load(settings)
            summariser = summariser or own_summariser
        local_nlp = nlp

        fresh = (outcome for group in groups for outcome in _analyse_group(local_nlp, group, out_dir, settings, summariser))
    try:
        for entry in batch.items:
            if isinstance(entry, Outcome):
                yield entry
                continue
            item = entry
            outcome = next(fresh)
            if outcome.fatal:
                raise EngineError(outcome.error or "the workers cannot run")
            if outcome.error is None and outcome.digests:
                try:
                    write_stamp(out_dir, item, batch.fingerprint, outcome.digests)
                except OSError as err:  # the output is written; only resuming will redo it
                    outcome = replace(outcome, warnings=(*outcome.warnings, f"not recorded for resuming ({err.strerror})"))
            yield outcome
    finally:
        close = getattr(fresh, "close", None)
        if close is not None:
            close()


def process_files(
    nlp: Language | None,
    paths: Iterable[Path | Checked],
    out_dir: Path,
    *,
    format: str | None = None,
    jobs: int = 1,
    model: str | None = None,
    nlp_options: dict | None = None,
    summariser=None,
    html: bool = False,
    force: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Analyse each file and write `out_dir/<stem>.json` atomically; yield one `Outcome` per file in input order.

    `plan_batch` then `run_batch`: `nlp_options` are the keyword arguments of `load_nlp`; unless `force`,
    inputs whose stamp in `out_dir/.notulist/` matches are skipped.
    """
    settings = Settings(model=model, format=format, html=html, summary_model=getattr(summariser, "name", None), **(nlp_options or {}))
    batch = plan_batch(paths, out_dir, settings, force=force)
    yield from run_batch(batch, out_dir, nlp=nlp, summariser=summariser, jobs=jobs, engine=engine, scheduler=scheduler)


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover — not Linux
        return os.cpu_count() or 1


def default_scheduler() -> str | None:
    """The scheduler address from DASK_SCHEDULER_ADDRESS, if set."""
    return os.environ.get("DASK_SCHEDULER_ADDRESS") or None


__all__ = [
    "Batch", "Checked", "EngineError", "InputPlan", "Outcome", "Settings", "Skip", "analyse_file", "check_input", "check_outputs",
    "collect_inputs", "cpu_count", "expand_inputs", "is_current", "plan_batch", "process_files", "process_one", "run_batch", "settings_fingerprint",
    "shown", "stamp_path", "write_stamp",
]
