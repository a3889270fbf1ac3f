"""The one place that knows the input formats: a registry of readers, detection, and suffix lists.

Every reader is a module in `pipeline.ingest.readers` that calls `register(Reader(...))` at import time.
A reader takes the file's bytes (a `.docx` or TEI file is not text) and a `ReadContext`, and returns a
`Transcript` or raises `InputError` naming the file and the problem.

Detection (`choose_reader`): an explicit `--format` wins; else the readers' content sniffers are asked in
descending `priority` order; else the file suffix decides; else decoded text is a turn transcript when most
lines open with a speaker label, and a prose report otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.model import Transcript
from pipeline.ingest.names import shown


class InputError(Exception):
    """An input file that cannot be processed; the message names the file and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{shown(path)}: {reason}")  # the name escaped for a terminal; `path` keeps it as given
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class ReadContext:
    """What a reader may know besides the bytes: the name for messages and outputs, and the file's path
    (None for in-memory input) so that a reader can find companion files (a ParlaMint `-meta.tsv`)."""

    source: str
    path: Path | None = None


#: A letter or digit: a text without one has no word to analyse.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def require_blocks(transcript: Transcript) -> Transcript:
    """The transcript, or `InputError` when its reader found no block at all (only timestamps, labels or markup) or
    its text holds no letter or digit (only quotation marks, punctuation or symbols): never a silent empty result."""
    if not transcript.blocks:
        raise InputError(transcript.source, f"no speech or running text was found in it (read as {transcript.format})")
    if not any(_WORD_CHARACTER.search(block.text) for block in transcript.blocks):
        raise InputError(transcript.source, "holds no words, only punctuation, quotation marks or symbols: nothing to analyse")
    return transcript


def _never(data: bytes, name: str) -> bool:
    return False


def _no_companion(path: Path) -> bool:
    return False


@dataclass(frozen=True)
class Reader:
    """One input format.

    `read(data, context) -> Transcript` raises `InputError`. `sniff(head, name) -> bool` looks at the first
    `SNIFF_BYTES` bytes and the lower-cased file name and says whether the content is surely this format.
    `suffixes` are lower-case with the dot (".vtt"). `companion_suffixes` name files that belong to an input
    of this format and are no inputs of their own (ParlaMint's "-meta.tsv"); `companion(path)` says so of a file
    by what lies beside it (ParlaMint's `X.txt` beside the TEI sitting `X.xml` and `X-meta.tsv`: the same sitting,
    read once, from the TEI).
    """

    name: str
    description: str
    read: Callable[[bytes, ReadContext], Transcript]
    suffixes: frozenset[str] = frozenset()
    sniff: Callable[[bytes, str], bool] = _never
    priority: int = 0
    companion_suffixes: frozenset[str] = field(default_factory=frozenset)
    companion: Callable[[Path], bool] = _no_companion


#: File types notulist has no reader for: refused with a clear message instead of being read as prose.
UNSUPPORTED = {
    ".pdf": "PDF", ".doc": "old Word (.doc)", ".odt": "OpenDocument", ".rttm": "RTTM diarisation (times only, no speech)",
    ".rtf": "RTF", ".html": "HTML", ".htm": "HTML",
}

#: How many bytes of a file the sniffers see.
SNIFF_BYTES = 64_000

_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader; a second reader with the same name replaces the first (so tests can override)."""
    _READERS[reader.name] = reader
    return reader


def readers() -> dict[str, Reader]:
    """All registered readers by name (imports the built-in reader modules first)."""
    import pipeline.ingest.readers  # noqa: F401  (registers the built-in readers)

    return dict(_READERS)


def format_names() -> list[str]:
    """The names `--format` accepts, sorted."""
    return sorted(readers())


def input_suffixes() -> frozenset[str]:
    """File suffixes that a folder walk picks up as inputs."""
    return frozenset(s for r in readers().values() for s in r.suffixes)


def is_companion(path: Path) -> bool:
    """A file that belongs to another input (e.g. `X-meta.tsv` beside `X.txt`) and is no input of its own."""
    name = path.name.lower()
    for reader in readers().values():
        if any(name.endswith(suffix) for suffix in reader.companion_suffixes) or reader.companion(path):
            return True
    return False


def choose_reader(data: bytes, name: str, format: str | None = None, *, source: str | None = None) -> Reader:
    """The reader for these bytes and this file name; raises `InputError` naming `source` (default `name`) for an
    unknown `format` (naming the known ones) or a format notulist has no reader for."""
    known = readers()
    shown = source or name
    if format is not None:
        if format not in known:
            raise InputError(shown, f"unknown format {format!r}; choose one of {', '.join(sorted(known))}")
        return known[format]
    head = data[:SNIFF_BYTES]
    lowered = name.lower()
    for reader in sorted(known.values(), key=lambda r: -r.priority):
        if reader.sniff(head, lowered):
            return reader
    suffix = Path(lowered).suffix
    if suffix in UNSUPPORTED:
        raise InputError(shown, f"{UNSUPPORTED[suffix]} files have no reader; save the text as .txt (or a Word file as .docx)")
    for reader in sorted(known.values(), key=lambda r: -r.priority):
        if suffix in reader.suffixes and reader.name not in ("report", "turns"):
            return reader
    return known["text"]
