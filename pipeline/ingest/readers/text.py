"""Plain text: prose reports ("verslag", news articles) and speaker-turn transcripts ("Naam: tekst")."""

from __future__ import annotations

from pipeline.ingest.encoding import DecodeError, decode_report
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register
from pipeline.ingest.turns import looks_like_turns, read_report_with_labels, read_turns


def decode_text(data: bytes, context: ReadContext) -> str:
    """Decoded, normalised text; raises `InputError` for empty or binary data."""
    return decode_text_warned(data, context)[0]


def decode_text_warned(data: bytes, context: ReadContext) -> tuple[str, list[str]]:
    """Like `decode_text`, with the decoder's warnings (bad bytes replaced, encoding guessed) for `Transcript.warnings`."""
    try:
        decoded = decode_report(data)
    except DecodeError as err:
        raise InputError(context.source, str(err)) from err
    if not decoded.text.strip():
        raise InputError(context.source, "the file is empty")
    return decoded.text, decoded.warnings


def _warned(transcript: Transcript, warnings: list[str]) -> Transcript:
    """The transcript with the decoder's warnings; raises `InputError` when the text gave no block at all
    (only timestamps, labels or markup): never a silent empty result."""
    if not transcript.blocks:
        raise InputError(transcript.source, f"no speech or running text was found in it (read as {transcript.format})")
    transcript.warnings.extend(w for w in warnings if w not in transcript.warnings)
    return transcript


def read_text_auto(data: bytes, context: ReadContext) -> Transcript:
    """A turn transcript when most lines open with a speaker label, else a prose report."""
    text, warnings = decode_text_warned(data, context)
    return _warned(read_turns(text, context.source) if looks_like_turns(text) else read_report_with_labels(text, context.source), warnings)


def _read_with(parse):
    def read(data: bytes, context: ReadContext) -> Transcript:
        text, warnings = decode_text_warned(data, context)
        return _warned(parse(text, context.source), warnings)

    return read


TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})

register(Reader("text", "plain text: a turn transcript or a prose report, detected from the lines", read_text_auto, TEXT_SUFFIXES))
register(Reader("report", "prose report or news article (plain text)", _read_with(read_report_with_labels)))
register(Reader("turns", "speaker-turn transcript, 'Naam: tekst' lines (plain text)", _read_with(read_turns)))
