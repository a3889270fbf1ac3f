"""File names in two forms: as text safe to print on a terminal, and as text to record in an output.

A file name may hold anything but "/" and NUL on POSIX: newlines, escape codes, bidirectional controls, and bytes
that are not valid in the file system's encoding (`os.fsdecode` keeps those as lone surrogates U+DC80–U+DCFF).
Messages show the name escaped (`shown`); outputs record the real name (`recorded`), which JSON holds whatever its
characters, except the lone surrogates of undecodable bytes: each becomes U+FFFD, so that the output is valid UTF-8.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Characters that reorder or hide the text around them on a terminal (bidirectional marks and embeddings).
_INVISIBLE_CONTROLS = frozenset("\u2028\u2029\u200e\u200f\u061c") | {chr(c) for c in range(0x202A, 0x202F)} \
    | {chr(c) for c in range(0x2066, 0x206A)}
#: The lone surrogates `os.fsdecode` uses for bytes it cannot decode (surrogateescape).
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def shown(path: Path | str) -> str:
    """A path as safe text for a terminal: control characters, escape codes and undecodable bytes escaped
    (a newline as `\\n`, the byte 0xFF as `\\xff`)."""
    out = []
    for ch in os.fspath(path):
        code = ord(ch)
        if code in _ESCAPED_BYTES:  # a byte that was not valid in the file system's encoding
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0 or ch in _INVISIBLE_CONTROLS:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def recorded(path: Path | str) -> str:
    """A path as the text an output records (`document.source`): the real name, each undecodable byte (a lone
    surrogate from `os.fsdecode`) as U+FFFD, any other lone surrogate likewise."""
    text = os.fspath(path)
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
