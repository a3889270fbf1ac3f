"""Plain text: prose reports ("verslag", news articles) and speaker-turn transcripts ("Naam: tekst")."""

from __future__ import annotations

from pipeline.ingest.encoding import Decoded, DecodeError, decode_report
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register, require_blocks
from pipeline.ingest.turns import looks_like_turns, read_report_with_labels, read_turns


def decode_text(data: bytes, context: ReadContext) -> str:
    """Decoded, normalised text; raises `InputError` for empty or binary data."""
    return _decoded(data, context).text


def decode_text_warned(data: bytes, context: ReadContext) -> tuple[str, list[str]]:
    """Like `decode_text`, with the decoder's warnings (bad bytes replaced, encoding guessed) for `Transcript.warnings`."""
    decoded = _decoded(data, context)
    return decoded.text, decoded.warnings


def _decoded(data: bytes, context: ReadContext) -> Decoded:
    try:
        decoded = decode_report(data)
    except DecodeError as err:
        raise InputError(context.source, str(err)) from err
    if not decoded.text.strip():
        raise InputError(context.source, "the file holds only white space")
    return decoded


def _warned(transcript: Transcript, decoded: Decoded) -> Transcript:
    """The transcript with the decoder's warnings and the encoding it was read in; raises `InputError` when the text
    gave no block at all (only timestamps, labels or markup): never a silent empty result."""
    require_blocks(transcript)  # also when a reader calls this one directly (Word files that are plain text)
    transcript.warnings.extend(w for w in decoded.warnings if w not in transcript.warnings)
    encoding = decoded.encoding.lower().replace("_", "-")
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        transcript.normalisation = f"read as {decoded.encoding}, then NFC, LF line ends"
    return transcript


def read_text_auto(data: bytes, context: ReadContext) -> Transcript:
    """A turn transcript when most lines open with a speaker label, else a prose report."""
    decoded = _decoded(data, context)
    text = decoded.text
    return _warned(read_turns(text, context.source) if looks_like_turns(text) else read_report_with_labels(text, context.source), decoded)


def _read_with(parse):
    def read(data: bytes, context: ReadContext) -> Transcript:
        decoded = _decoded(data, context)
        return _warned(parse(decoded.text, context.source), decoded)

    return read


#: Suffixes a folder walk takes as plain text. Markdown is left out: corpus folders hold README.md and notes that are
#: no meeting material; a .md file named on the command line is still read as text.
TEXT_SUFFIXES = frozenset({".txt", ".text"})

register(Reader("text", "plain text: a turn transcript or a prose report, detected from the lines", read_text_auto, TEXT_SUFFIXES))
register(Reader("report", "prose report or news article (plain text)", _read_with(read_report_with_labels)))
register(Reader("turns", "speaker-turn transcript, 'Naam: tekst' lines (plain text)", _read_with(read_turns)))
