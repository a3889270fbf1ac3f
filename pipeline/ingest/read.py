"""Read an input file or string into a `Transcript`, detecting its format."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest.encoding import DecodeError, decode, normalise
from pipeline.ingest.model import Transcript
from pipeline.ingest.report import read_report
from pipeline.ingest.turns import looks_like_turns, read_turns

READERS = {"report": read_report, "turns": read_turns}
MAX_BYTES = 50_000_000
#: File types that have no reader yet: refused with a clear message instead of being read as prose.
UNSUPPORTED = {
    ".vtt": "WebVTT subtitles", ".srt": "SRT subtitles", ".json": "JSON (Whisper/WhisperX)", ".xml": "XML (ParlaMint TEI)",
    ".rttm": "RTTM diarisation", ".docx": "Word", ".doc": "Word", ".odt": "OpenDocument", ".pdf": "PDF",
}


class InputError(Exception):
    """An input file that cannot be processed; the message names the file and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def detect_format(text: str) -> str:
    """`turns` when most lines open with a speaker label, else `report`."""
    return "turns" if looks_like_turns(text) else "report"


def read_text(text: str, *, source: str = "<text>", format: str | None = None) -> Transcript:
    """Build a `Transcript` from already decoded text."""
    text = normalise(text)
    fmt = format or detect_format(text)
    if fmt not in READERS:
        raise InputError(source, f"unknown format {fmt!r}; choose one of {', '.join(sorted(READERS))}")
    if not text.strip():
        raise InputError(source, "the file is empty")
    return READERS[fmt](text, source)


def read_file(path: Path, *, format: str | None = None, source: str | None = None) -> Transcript:
    """Read, decode and parse one input file; raise `InputError` naming the file on any problem."""
    name = source or str(path)
    if not path.exists():
        raise InputError(name, "no such file")
    kind = UNSUPPORTED.get(path.suffix.lower())
    if kind is not None and format is None:
        raise InputError(name, f"{kind} files have no reader yet; save the text as .txt, or pass --format report|turns to read it as plain text")
    if path.is_dir():
        raise InputError(name, "is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror})") from err
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        text = decode(data)
    except DecodeError as err:
        raise InputError(name, str(err)) from err
    return read_text(text, source=name, format=format)
