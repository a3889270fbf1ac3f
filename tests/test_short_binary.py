"""Ingest: a short file made mostly of control or undecodable bytes is binary, a short real text is not."""

from __future__ import annotations

import pytest

from pipeline.ingest import InputError, read_bytes
from pipeline.ingest.encoding import DecodeError, decode_report


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03\x04",  # five control bytes (they even look like UTF-16 without a byte-order mark)
        b"\x1f\x8b\x08\x00\x00",  # the start of a gzip file
        b"\x01\x02ab\n",  # as many control bytes as letters
        b"\x01\n",
    ],
)
def test_a_short_file_of_mostly_control_bytes_is_binary(data):
    with pytest.raises(DecodeError, match="binary"):
        decode_report(data)


def test_the_refusal_names_the_file():
    with pytest.raises(InputError) as caught:
        read_bytes(b"\x00\x01\x02\x03\x04", source="opname.txt")
    assert "opname.txt" in str(caught.value) and "binary" in str(caught.value)


@pytest.mark.parametrize("data", [b"Ja.\n", b"Nee\n", b"Ok\xc3\xa9.\n", b"Ja.\x00\n"])
def test_a_short_real_text_is_read(data):
    decoded = decode_report(data)
    assert decoded.text.startswith(("Ja", "Nee", "Oké"))


def test_one_stray_control_byte_in_a_sentence_is_replaced_not_refused():
    decoded = decode_report(b"De vergadering begint om acht uur.\x07\n")
    assert "\ufffd" in decoded.text and decoded.warnings
