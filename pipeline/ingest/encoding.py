"""Bytes to normalised text, keeping what is valid.

Order of decisions (`decode_report`):

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. NUL bytes in a regular pattern are UTF-16 or UTF-32 without a BOM (one NUL in two or three in four
   bytes, on the same side); other NUL bytes mean a binary file;
3. strict UTF-8;
4. UTF-8 with a few bad bytes: when the file holds at least as many valid multi-byte UTF-8 characters as
   bad bytes, each bad byte becomes U+FFFD and a warning gives their count and the first position;
5. otherwise cp1252 (a file that is not mostly valid UTF-8), with a warning that says so.

Then LF line ends, NFC, no trailing spaces: all offsets in the outputs count characters of that text.
"""

from __future__ import annotations

import codecs
import re
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
#: A decoded file with more control characters than this share (and more than 2) is binary, not text.
MAX_CONTROL_SHARE = 0.01

_SURROGATE = re.compile("[\udc80-\udcff]")
#: Unicode category Cc except tab, line feed, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class DecodeError(ValueError):
    """The bytes are not text notulist can read."""


@dataclass(frozen=True)
class Decoded:
    """Normalised text, the encoding it was read as, and warnings for the user (e.g. replaced bytes)."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Decode input bytes and normalise them (see the module notes); raises `DecodeError`."""
    return decode_report(data).text


def decode_report(data: bytes) -> Decoded:
    """Decode and normalise, with the encoding used and warnings; raises `DecodeError` for empty or binary data."""
    if not data.strip():
        raise DecodeError("the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                return _utf8_lenient(data[len(bom):], "utf-8 (with BOM)")
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"not valid {encoding} despite its byte order mark (byte {err.start}: {err.reason})") from err
            return Decoded(normalise(_check_controls(text)), encoding)
    if b"\x00" in data:
        wide = _wide_encoding(data)
        if wide is None:
            raise DecodeError("the file looks binary (it holds NUL bytes), not text")
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as err:
            raise DecodeError(f"looks like {wide.upper()} without a byte order mark but is not valid {wide} (byte {err.start})") from err
        return Decoded(normalise(_check_controls(text)), wide, [f"read as {wide.upper()} (no byte order mark; detected from the NUL bytes)"])
    try:
        return Decoded(normalise(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    return _utf8_lenient(data, "utf-8")


def _utf8_lenient(data: bytes, label: str) -> Decoded:
    """UTF-8 with bad bytes replaced when the file is mostly UTF-8, else cp1252."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = _SURROGATE.findall(escaped)
    if not bad:
        return Decoded(normalise(escaped), label)
    non_ascii = len(escaped) - len(escaped.encode("ascii", errors="ignore"))
    valid_multibyte = non_ascii - len(bad)
    if valid_multibyte >= len(bad):
        first = _SURROGATE.search(escaped)
        assert first is not None
        i = first.start()
        line = escaped.count("\n", 0, i) + 1
        column = i - (escaped.rfind("\n", 0, i) + 1) + 1
        offset = len(escaped[:i].encode("utf-8", errors="surrogateescape"))
        text = _SURROGATE.sub("\ufffd", escaped)
        noun = "byte that is" if len(bad) == 1 else "bytes that are"
        warning = (
            f"{len(bad)} {noun} not valid UTF-8 replaced by U+FFFD (first at line {line}, column {column}, "
            f"byte {offset}: 0x{ord(bad[0]) - 0xDC00:02x})"
        )
        return Decoded(normalise(text), label, [warning])
    text = _decode_cp1252(data)
    return Decoded(normalise(text), "cp1252", ["read as cp1252 (Windows-1252): the file is not valid UTF-8"])


def _wide_encoding(data: bytes) -> str | None:
    """'utf-16-le', 'utf-16-be', 'utf-32-le' or 'utf-32-be' from the pattern of NUL bytes, or None."""
    if len(data) % 4 == 0 and len(data) >= 8:
        units = len(data) // 4
        zeros = [data[k::4].count(0) for k in range(4)]
        le = min(zeros[1], zeros[2], zeros[3])
        be = min(zeros[0], zeros[1], zeros[2])
        if le >= 2 * UTF16_NUL_SHARE * units and zeros[0] * 10 < le:
            return "utf-32-le"
        if be >= 2 * UTF16_NUL_SHARE * units and zeros[3] * 10 < be:
            return "utf-32-be"
    if len(data) % 2 == 0:
        units = len(data) // 2
        odd = data[1::2].count(0)
        even = data[0::2].count(0)
        if odd >= UTF16_NUL_SHARE * units and even * 10 < odd:
            return "utf-16-le"
        if even >= UTF16_NUL_SHARE * units and odd * 10 < even:
            return "utf-16-be"
    return None


def _check_controls(text: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, int(len(text) * MAX_CONTROL_SHARE)):
        raise DecodeError("the file looks binary (many control characters), not text")
    return text


def _decode_cp1252(data: bytes) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise DecodeError(f"neither UTF-8 nor cp1252 text (byte {err.start}: {err.reason})") from err
    return _check_controls(text)


def normalise(text: str) -> str:
    """LF line ends, NFC, no trailing spaces on lines; the text every offset refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
