"""SRT subtitles (Whisper, WhisperX, subtitle editors) to turns.

Tolerates a missing blank line or cue number, a blank line inside a cue, '.' as decimal separator, cp1252
and UTF-16 with a byte order mark (via `decode`). "Naam: tekst" and "[SPEAKER_00]: " prefixes become
speakers, as do WebVTT voice tags (`<v Naam>`) that some converters leave in; cue numbers, timing lines and formatting tags (`<i>`, `<font …>`, `{\\an8}`) never reach turn text.
"""

from __future__ import annotations

import re

from pipeline.ingest.cues import (
    TIMING_LINE,
    Cue,
    build_transcript,
    cues_from_lines,
    decode_or_refuse,
    head_text,
    split_cues,
)
from pipeline.ingest.model import Transcript
from pipeline.ingest.readers.vtt import VoiceNotes, cue_voices
from pipeline.ingest.registry import InputError, ReadContext, Reader, register

_TAG = re.compile(r"</?(?:i|b|u|s|font)\b[^<>\n]{0,200}>|\{\\[^{}\n]{0,200}\}", re.IGNORECASE)


def _speech(line: str) -> str:
    return _TAG.sub("", line) if ("<" in line or "{" in line) else line


def read_srt(data: bytes, context: ReadContext) -> Transcript:
    """Turns of an SRT file; raises `InputError` when it has no cues or no speech text."""
    decoded = decode_or_refuse(data, context.source)
    raw, notes = split_cues(decoded.text, vtt=False)
    warnings = [*decoded.warnings, *notes]
    if not raw:
        raise InputError(context.source, "no SRT cues (timing lines such as '00:00:01,000 --> 00:00:04,000'): an empty or broken SRT file")
    cues: list[Cue] = []
    voices = VoiceNotes()
    for r in raw:
        lines = [_speech(line) for line in r.lines]
        # Some converters carry WebVTT voice tags into SRT: read them as WebVTT does.
        voiced = any("<v" in line for line in lines)
        cues.extend(cue_voices(lines, r.start_time, r.end_time, voices, r.line_number) if voiced else cues_from_lines(lines, r.start_time, r.end_time))
    warnings.extend(voices.warnings())
    return build_transcript(cues, source=context.source, format="srt", warnings=warnings, what=f"{len(raw)} SRT cues")


def sniff_srt(head: bytes, name: str) -> bool:
    """A cue timing line ("00:00:01,000 --> …") among the first lines, after at most a cue number; not for a file
    named .vtt (a WebVTT file that lost its header is still WebVTT, read with a warning)."""
    if name.endswith(".vtt"):
        return False
    lines = [line for line in head_text(head[:2000]).lstrip("\ufeff").splitlines()[:4] if line.strip()]
    return any(TIMING_LINE.match(line) and "-->" in line for line in lines[:2])


register(Reader("srt", "SRT subtitles (Whisper, WhisperX, subtitle editors)", read_srt, frozenset({".srt"}), sniff_srt, priority=20))
