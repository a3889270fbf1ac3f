"""Read an input file or string into a `Transcript`, with the reader the registry chooses."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from pipeline.ingest.labels import resolve_labels
from pipeline.ingest.model import Transcript
from pipeline.ingest.names import recorded
from pipeline.ingest.registry import InputError, ReadContext, choose_reader, require_blocks

MAX_BYTES = 50_000_000

__all__ = ["MAX_BYTES", "InputError", "check_file", "open_regular", "read_bytes", "read_file", "read_text"]


def read_bytes(data: bytes, *, source: str = "<bytes>", format: str | None = None, path: Path | None = None) -> Transcript:
    """Parse bytes with the chosen reader; raises `InputError` naming `source`."""
    reader = choose_reader(data, path.name if path is not None else source, format, source=source)
    try:
        transcript = require_blocks(reader.read(data, ReadContext(source=source, path=path)))  # whatever the reader
    except RecursionError as err:  # a reader that walks nested markup recursively: a message, not a traceback
        raise InputError(source, f"nested too deeply to read as {reader.name} (markup or JSON thousands of levels deep)") from err
    transcript.source = recorded(source)  # the real name; undecodable bytes of a file name as U+FFFD
    return resolve_labels(transcript)


def read_text(text: str, *, source: str = "<text>", format: str | None = None) -> Transcript:
    """Build a `Transcript` from already decoded text (UTF-8 encoded for the reader)."""
    return read_bytes(text.encode("utf-8"), source=source, format=format)


def check_file(path: Path, name: str) -> os.stat_result:
    """The file's `stat`, once it is known to exist, be a regular file (not a folder, pipe, socket or device, which
    would block or never end) and be at most `MAX_BYTES` long; raises `InputError` naming `name` otherwise."""
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise InputError(name, "no such file") from err
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror})") from err
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "is not a regular file (a pipe, socket or device); notulist reads files only")
    if info.st_size > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // 1_000_000} MB")
    return info


def open_regular(path: Path, name: str) -> BinaryIO:
    """The file opened for reading in binary, once `check_file` passed and the opened file itself is still a regular
    file: opened without blocking, so that a file swapped for a pipe since the check is refused instead of waiting
    for a writer forever. Raises `InputError` naming `name`."""
    check_file(path, name)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as err:
        raise InputError(name, "no such file (it was removed while notulist ran)") from err
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or os.strerror(err.errno or 0)})") from err
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise InputError(name, "is not a regular file (a pipe, socket or device); notulist reads files only")
    return handle


def read_file(path: Path | str, *, format: str | None = None, source: str | None = None) -> Transcript:
    """Read, decode and parse one input file (a `Path` or a path as text); raise `InputError` naming the file on
    any problem.

    The size is checked with `stat` before anything is read, and only regular files are read (a FIFO or a
    device would block or never end).
    """
    path = Path(path)
    name = source or str(path)
    try:
        with open_regular(path, name) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or os.strerror(err.errno or 0)})") from err
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // 1_000_000} MB")
    return read_bytes(data, source=name, format=format, path=path)
