"""Bytes to normalised text, keeping what is valid.

Order of decisions (`decode_report`):

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. NUL bytes in a regular pattern are UTF-16 or UTF-32 without a BOM (one NUL in two or three in four
   bytes, on the same side; a stray last byte or a few bad units do not hide the pattern);
3. strict UTF-8;
4. UTF-8 with a few bad bytes: when the file holds at least as many valid multi-byte UTF-8 characters as
   bad bytes, each bad byte becomes U+FFFD and a warning gives their count and the first position;
5. otherwise cp1252 (a file that is not mostly valid UTF-8), with a warning that says so.

Whatever the encoding, bytes it cannot decode (an odd last byte of UTF-16, a lone surrogate) and control
characters that are no text (NUL, escape; not tab, line feed, form feed or carriage return; a vertical tab is
a line break; a C1 control that stands for a cp1252 character, such as U+0092 for ’, becomes that character, with a
warning) become U+FFFD, one for one, with a warning that gives their count and the first position; NUL
padding (a run of `MIN_NUL_RUN` or more) is left out at the end of the file and one U+FFFD inside it. Only a
file in which more than `MAX_NON_TEXT_SHARE` of the characters are such replacements is refused as binary (a short
file with at most `MIN_BINARY_COUNT` of them only when they are at least half of its visible characters).

Then LF line ends, NFC, no trailing spaces: all offsets in the outputs count characters of that text.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass, field

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of the code units that must have a NUL on the same side for a file to count as UTF-16 (or
#: UTF-32) without a BOM; Dutch text is mostly ASCII, so nearly every unit has one.
UTF16_NUL_SHARE = 0.3
#: At least this many NUL bytes on the same side of the code units make a pattern: one NUL in a tiny file ("Ja.\0")
#: is a stray byte, not UTF-16.
MIN_WIDE_NULS = 2
#: A decoded file in which more than this share of the characters had to be replaced (bytes that are not
#: valid in its encoding, NUL and other control characters) is binary, not text. Random bytes read as
#: cp1252 give about 13%; a text with a few stray NUL bytes or a cut-off UTF-16 unit stays far below.
MAX_NON_TEXT_SHARE = 0.10
#: A file with at most this many replaced characters is binary only when they are at least `MIN_SHORT_BINARY_SHARE`
#: of its visible characters (a tiny file with one NUL in a sentence stays text).
MIN_BINARY_COUNT = 2
#: Share of the visible (non-white-space) characters that, once replaced, makes even a short file binary: a few
#: bytes that are mostly control or undecodable bytes ("\x00\x01\x02\x03\x04") are no text, "Ja.\n" is.
MIN_SHORT_BINARY_SHARE = 0.5
#: A short file that is not valid UTF-8 (read as cp1252) or had characters replaced, of at most this many visible
#: (non-white-space) characters, is binary when at least `MAX_SHORT_NOISE_SHARE` of its characters are noise
#: (`_noise`) or its `_word_like` pieces hold fewer than half of them: five random bytes read as cp1252 ("äŸ:±Ç",
#: "ÂuóJí") form no word; "Ja.", "Nee", "OK", "Hmm.", "Oké." and "12:30" do. Valid UTF-8 is not checked (a short
#: text in another script is text).
MAX_SHORT_TEXT_CHARS = 40
#: Share of noise characters (symbols, U+FFFD replacements) that makes a short file binary: "Ja." with a stray NUL
#: (1 in 4) stays text.
MAX_SHORT_NOISE_SHARE = 1 / 3
#: Punctuation a short real text holds; any other non-letter, non-digit is noise in a short file.
COMMON_MARKS = frozenset(".,;:!?'\"-()…‘’“”«»/&%")
#: A run of at least this many NUL characters is padding (a file zero-filled after a crash): left out at the end
#: of the file, one U+FFFD inside it, and counted once towards `MAX_NON_TEXT_SHARE`.
MIN_NUL_RUN = 8

_SURROGATE = re.compile("[\udc80-\udcff]")
#: Punctuation and symbols at the edges of a piece of text ("Ja." → "Ja", "“OK”" → "OK").
_EDGE_MARKS = re.compile(r"^[\W_]+|[\W_]+$")
#: Marks inside a word: "W.v.t.", "Noord-Holland", "z'n", "auto’s".
_INNER_MARKS = re.compile("[.\\-'’]")
_NUL_RUN = re.compile(f"\x00{{{MIN_NUL_RUN},}}")
_C1 = re.compile("[\x80-\x9f]")
#: C1 control code point → the cp1252 character of the same byte value (not for the five bytes cp1252 leaves undefined).
_C1_TABLE = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
#: Unicode category Cc except tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: Name of the codec error handler that replaces undecodable bytes by U+FFFD and records where they were.
_RECORDING = "notulist-record"
_record = threading.local()


def _record_error(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):  # pragma: no cover — only used for decoding
        raise error
    _record.spans.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error(_RECORDING, _record_error)


class DecodeError(ValueError):
    """The bytes are not text notulist can read."""


@dataclass(frozen=True)
class Decoded:
    """Normalised text, the encoding it was read as, and warnings for the user (e.g. replaced bytes)."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    #: Characters of `text` that are U+FFFD for bytes the encoding could not decode (not those of the file).
    replaced: int = 0


def decode(data: bytes) -> str:
    """Decode input bytes and normalise them (see the module notes); raises `DecodeError`."""
    return decode_report(data).text


def decode_report(data: bytes) -> Decoded:
    """Decode and normalise, with the encoding used and warnings; raises `DecodeError` for empty data or data
    that is mostly not text (see `MAX_NON_TEXT_SHARE`)."""
    if not data.strip():
        raise DecodeError("the file is empty" if not data else "the file holds only white space")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                return _finish(_utf8_lenient(data[len(bom):], "utf-8 (with BOM)"))
            return _finish(_decode_wide(data, encoding, f"{encoding} (with BOM)", []))
    if b"\x00" in data:
        wide = _wide_encoding(data)
        if wide is not None:
            note = f"read as {wide.upper()} (no byte order mark; detected from the NUL bytes)"
            return _finish(_decode_wide(data, wide, wide, [note]))
    try:
        return _finish(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    return _finish(_utf8_lenient(data, "utf-8"))


def _decode_wide(data: bytes, encoding: str, label: str, warnings: list[str]) -> Decoded:
    """UTF-16 or UTF-32 with bad units (a lone surrogate, an odd last byte) replaced by U+FFFD and reported."""
    _record.spans = []
    try:
        text = data.decode(encoding, errors=_RECORDING)
        spans = list(_record.spans)
    finally:
        _record.spans = []
    if spans:
        bad = sum(end - start for start, end in spans)
        noun = "byte that is" if bad == 1 else "bytes that are"
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        warnings = [*warnings, f"{bad} {noun} not valid {name} replaced by U+FFFD ({len(spans)} place(s), first at byte {spans[0][0]})"]
    return Decoded(text, label, warnings, len(spans))


def _utf8_lenient(data: bytes, label: str) -> Decoded:
    """UTF-8 with bad bytes replaced when the file is mostly UTF-8, else cp1252."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = _SURROGATE.findall(escaped)
    if not bad:
        return Decoded(escaped, label)
    non_ascii = len(escaped) - len(escaped.encode("ascii", errors="ignore"))
    valid_multibyte = non_ascii - len(bad)
    if valid_multibyte >= len(bad):
        first = _SURROGATE.search(escaped)
        assert first is not None
        i = first.start()
        line, column = _line_column(escaped, i)
        offset = len(escaped[:i].encode("utf-8", errors="surrogateescape"))
        text = _SURROGATE.sub("\ufffd", escaped)
        noun = "byte that is" if len(bad) == 1 else "bytes that are"
        warning = (
            f"{len(bad)} {noun} not valid UTF-8 replaced by U+FFFD (first at line {line}, column {column}, "
            f"byte {offset}: 0x{ord(bad[0]) - 0xDC00:02x})"
        )
        return Decoded(text, label, [warning], len(bad))
    _record.spans = []
    try:
        text = data.decode("cp1252", errors=_RECORDING)  # five byte values have no cp1252 character
        spans = list(_record.spans)
    finally:
        _record.spans = []
    warnings = ["read as cp1252 (Windows-1252): the file is not valid UTF-8"]
    if spans:
        warnings.append(f"{len(spans)} byte(s) without a cp1252 character replaced by U+FFFD (first at byte {spans[0][0]})")
    return Decoded(text, "cp1252", warnings, len(spans))


def _line_column(text: str, i: int) -> tuple[int, int]:
    """1-based line and column of character `i` (lines end at LF, CR LF or CR, as `normalise` makes them)."""
    head = text[:i].replace("\r\n", "\n").replace("\r", "\n")
    return head.count("\n") + 1, len(head) - (head.rfind("\n") + 1) + 1


def _finish(decoded: Decoded) -> Decoded:
    """NUL padding and control characters replaced and reported, the binary check, then `normalise`; raises
    `DecodeError`."""
    text = decoded.text
    warnings = list(decoded.warnings)
    replaced = decoded.replaced
    if "\x00" * MIN_NUL_RUN in text:
        text, padding = _drop_nul_runs(text, warnings)
        replaced += padding
        if not text.strip():
            raise DecodeError("the file holds no text, only NUL bytes")
    if _C1.search(text):
        text = _c1_as_cp1252(text, warnings)
    first = _CONTROL.search(text)
    if first is not None:
        controls = len(_CONTROL.findall(text))
        line, column = _line_column(text, first.start())
        nul = text.count("\x00")
        kind = "NUL byte" if nul == controls else "control character"
        warnings.append(
            f"{controls} {kind}{'s' if controls != 1 else ''} replaced by U+FFFD (first at line {line}, column {column}: "
            f"U+{ord(first.group()):04X})"
        )
        text = _CONTROL.sub("\ufffd", text)
        replaced += controls
    if _binary(replaced, text):
        share = replaced / max(1, len(text))
        raise DecodeError(
            f"the file looks binary, not text ({share:.0%} of it is NUL bytes, control characters or bytes that are no "
            f"{decoded.encoding.split(' ')[0]} text)"
        )
    if (decoded.encoding == "cp1252" or replaced) and _short_without_words(text):
        raise DecodeError(
            f"the file looks binary, not text (only {sum(not ch.isspace() for ch in text)} characters read as "
            f"{decoded.encoding.split(' ')[0]}, and they form no word)"
        )
    return Decoded(normalise(text), decoded.encoding, warnings)


def _binary(replaced: int, text: str) -> bool:
    """More than `MAX_NON_TEXT_SHARE` of the characters were replaced, and either more than `MIN_BINARY_COUNT` of
    them or (a short file) at least `MIN_SHORT_BINARY_SHARE` of its visible characters."""
    if replaced <= MAX_NON_TEXT_SHARE * len(text):
        return False
    if replaced > MIN_BINARY_COUNT:
        return True
    visible = sum(1 for ch in text if not ch.isspace())
    return replaced >= MIN_SHORT_BINARY_SHARE * max(1, visible)


def _short_without_words(text: str) -> bool:
    """A short text (at most `MAX_SHORT_TEXT_CHARS` visible characters) that is mostly noise (`_noise`), or whose
    `_word_like` pieces hold fewer than half of its visible characters."""
    pieces = text.split()
    visible = sum(len(piece) for piece in pieces)
    if not pieces or visible > MAX_SHORT_TEXT_CHARS:
        return False
    if sum(1 for piece in pieces for ch in piece if _noise(ch)) >= MAX_SHORT_NOISE_SHARE * visible:
        return True
    return 2 * sum(len(piece) for piece in pieces if _word_like(piece)) < visible


def _accented(ch: str) -> bool:
    """A Latin letter with an accent ("é", "Ë"), not another letter beyond ASCII ("Ø", "ð", "œ", "ª")."""
    return not ch.isascii() and ch.isalpha() and unicodedata.normalize("NFD", ch)[0].isascii()


def _noise(ch: str) -> bool:
    """A character a short real text hardly holds: not an ASCII letter or digit, an accented Latin letter or one of
    `COMMON_MARKS` (symbols, U+FFFD replacements, other scripts' letters)."""
    return not ((ch.isascii() and ch.isalnum()) or _accented(ch) or ch in COMMON_MARKS)


def _word_like(piece: str) -> bool:
    """A piece that reads as a word once its edge punctuation is off: digits (with ':', '.', ',' or '-' inside, as
    in "12:30"), or letters (with '.', '-' or an apostrophe inside: "W.v.t.", "z'n") among which at least one ASCII
    letter, the others accented Latin letters, an accented capital only first, and no capital right after an
    accented small letter or the other way round ("Ja", "OK", "Hmm", "één", "Oké", "GroenLinks"; not "ØÍ", "uóJí")."""
    core = _EDGE_MARKS.sub("", piece)
    if not core:
        return False
    if core[0].isdigit():
        return all(ch.isdigit() or ch in ":.,-" for ch in core)
    letters = _INNER_MARKS.sub("", core)
    if not letters.isalpha() or not any(ch.isascii() for ch in letters):
        return False
    if any(not ch.isascii() and (not _accented(ch) or (ch.isupper() and i > 0)) for i, ch in enumerate(letters)):
        return False
    return not any(a.islower() and b.isupper() and not (a.isascii() and b.isascii()) for a, b in zip(letters, letters[1:], strict=False))


def replace_controls(text: str) -> tuple[str, int]:
    """`text` with each control character that is no text (NUL, escape, bell …; not tab, line feed, form feed or
    carriage return) replaced by U+FFFD, and how many were replaced: for strings that did not come through
    `decode_report`, such as the `\\u001b` escapes of a JSON file."""
    count = len(_CONTROL.findall(text))
    return (_CONTROL.sub("\ufffd", text), count) if count else (text, 0)


def _c1_as_cp1252(text: str, warnings: list[str]) -> str:
    """C1 control characters (U+0080–U+009F) that stand for a cp1252 character read as that character: text once
    in cp1252 that went through a Latin-1 conversion holds U+0092 for ’ and U+0093/U+0094 for “ ”. The five
    that cp1252 leaves undefined stay (and become U+FFFD as controls)."""
    first = _C1.search(text)
    assert first is not None
    line, column = _line_column(text, first.start())
    mapped = text.translate(_C1_TABLE)
    count = sum(1 for a, b in zip(text, mapped, strict=True) if a != b)
    if count:
        warnings.append(f"{count} C1 control character(s) read as the cp1252 characters they stand for (such as ’ for U+0092; "
                        f"first at line {line}, column {column})")
    return mapped


def _drop_nul_runs(text: str, warnings: list[str]) -> tuple[str, int]:
    """The text without the NUL padding at its end, each run of `MIN_NUL_RUN` or more NULs inside it one U+FFFD
    (a file zero-filled after a crash, a block of NULs); a warning for each; the number of U+FFFD put in."""
    body = text.rstrip("\x00")
    tail = len(text) - len(body)
    if tail >= MIN_NUL_RUN:
        warnings.append(f"{tail} NUL characters at the end of the file (padding, no text) left out")
        text = body
    runs = list(_NUL_RUN.finditer(text))
    if runs:
        line, column = _line_column(text, runs[0].start())
        count = sum(len(m.group()) for m in runs)
        warnings.append(f"{count} NUL characters in {len(runs)} run(s) each replaced by one U+FFFD (first at line {line}, column {column})")
        text = _NUL_RUN.sub("\ufffd", text)
    return text, len(runs)


def _wide_encoding(data: bytes) -> str | None:
    """'utf-16-le', 'utf-16-be', 'utf-32-le' or 'utf-32-be' from the pattern of NUL bytes, or None; a last
    incomplete unit is left out of the count (it is decoded as a bad unit), and so is NUL padding at the end."""
    data = data[: len(data.rstrip(b"\x00")) + 3]
    whole = data[: len(data) - len(data) % 4]
    if len(whole) >= 8:
        units = len(whole) // 4
        zeros = [whole[k::4].count(0) for k in range(4)]
        le = min(zeros[1], zeros[2], zeros[3])
        be = min(zeros[0], zeros[1], zeros[2])
        if le >= 2 * UTF16_NUL_SHARE * units and zeros[0] * 10 < le:
            return "utf-32-le"
        if be >= 2 * UTF16_NUL_SHARE * units and zeros[3] * 10 < be:
            return "utf-32-be"
    whole = data[: len(data) - len(data) % 2]
    if whole:
        units = len(whole) // 2
        odd = whole[1::2].count(0)
        even = whole[0::2].count(0)
        if odd >= max(MIN_WIDE_NULS, UTF16_NUL_SHARE * units) and even * 10 < odd:
            return "utf-16-le"
        if even >= max(MIN_WIDE_NULS, UTF16_NUL_SHARE * units) and odd * 10 < even:
            return "utf-16-be"
    return None


def normalise(text: str) -> str:
    """LF line ends, NFC, no trailing spaces on lines; the text every offset refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\x0b", "\n")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
