"""Plain text: prose reports ("verslag", news articles) and speaker-turn transcripts ("Naam: tekst")."""

from __future__ import annotations

from pipeline.ingest.encoding import DecodeError, decode
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register
from pipeline.ingest.report import read_report
from pipeline.ingest.turns import looks_like_turns, read_turns


def decode_text(data: bytes, context: ReadContext) -> str:
    """Decoded, normalised text; raises `InputError` for empty or binary data."""
    try:
        text = decode(data)
    except DecodeError as err:
        raise InputError(context.source, str(err)) from err
    if not text.strip():
        raise InputError(context.source, "the file is empty")
    return text


def read_text_auto(data: bytes, context: ReadContext) -> Transcript:
    """A turn transcript when most lines open with a speaker label, else a prose report."""
    text = decode_text(data, context)
    return read_turns(text, context.source) if looks_like_turns(text) else read_report(text, context.source)


TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})

register(Reader("text", "plain text: a turn transcript or a prose report, detected from the lines", read_text_auto, TEXT_SUFFIXES))
register(Reader("report", "prose report or news article (plain text)", lambda d, c: read_report(decode_text(d, c), c.source)))
register(Reader("turns", "speaker-turn transcript, 'Naam: tekst' lines (plain text)", lambda d, c: read_turns(decode_text(d, c), c.source)))
