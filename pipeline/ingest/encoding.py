"""Bytes to normalised text: BOM sniffing, strict UTF-8, cp1252 fallback, LF line ends, NFC."""

from __future__ import annotations

import codecs
import unicodedata

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text notulist can read."""


def decode(data: bytes) -> str:
    """Decode input bytes and normalise them; offsets in all outputs count characters of the result."""
    if not data.strip():
        raise DecodeError("the file is empty")
    text = None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"not valid {encoding} despite its byte order mark: {err.reason}") from err
            break
    if text is None:
        if b"\x00" in data:
            raise DecodeError("the file looks binary (it holds NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_cp1252(data)
    return normalise(text)


def _decode_cp1252(data: bytes) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise DecodeError(f"neither UTF-8 nor cp1252 text (byte {err.start}: {err.reason})") from err
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise DecodeError("the file looks binary (many control characters), not text")
    return text


def normalise(text: str) -> str:
    """LF line ends, NFC, no trailing spaces on lines; the text every offset refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
