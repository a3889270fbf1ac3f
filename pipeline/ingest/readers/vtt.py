"""WebVTT subtitles and meeting transcripts (Teams, Zoom, Whisper, WhisperX) to turns.

Speakers come from voice tags (`<v Hanneke Bos>`, `<v.loud Tim>`, a missing `</v>`, two voices in one cue)
and, in cues without one, from a "Naam: tekst" (Zoom) or "[SPEAKER_00]: " (WhisperX) prefix. Other tags
(`<c.geel>`, `<i>`, timestamp tags) are dropped and entities (`&amp;`) decoded. Our own reader rather than
webvtt-py, which drops cue text after a whitespace-only line and on a missing blank line.
"""

from __future__ import annotations

import html
import re

from pipeline.ingest.cues import Cue, build_transcript, cues_from_lines, decode_or_refuse, head_text, split_cues
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register

# Bounded repeats: a line full of "<v " without ">" must not make the search quadratic.
_VOICE = re.compile(r"<v(?:\.[^\s>]{0,100})?(?:[ \t]{1,10}([^>\n]{0,200}))?>")
# One leading literal "<" lets the regex engine jump from one "<" to the next.
_OTHER_TAG = re.compile(
    r"<(?:/?(?:c|i|b|u|ruby|rt|lang|v)(?:\.[^\s>]{0,100})?(?:[ \t][^>\n]{0,200})?|\d{1,3}(?::\d{2}){1,2}(?:\.\d{1,3})?)>"
)


def _speech(text: str) -> str:
    """Cue text without tags, with entities decoded."""
    if "<" in text:
        text = _OTHER_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def cue_voices(lines: list[str], start: float | None, end: float | None) -> list[Cue]:
    """The cues of one WebVTT cue: one per voice tag; text before any voice tag may carry a prefix label."""
    joined = "\n".join(lines)
    if "<v" not in joined or not _VOICE.search(joined):
        return cues_from_lines((_speech(line) for line in lines), start, end)
    parts = _VOICE.split(joined)
    out = cues_from_lines(_speech(parts[0]).split("\n"), start, end) if parts[0].strip() else []
    for i in range(1, len(parts), 2):
        name = html.unescape(parts[i] or "").strip() or None
        out.append(Cue(_speech(parts[i + 1]), name, start, end))
    return out


def read_vtt(data: bytes, context: ReadContext) -> Transcript:
    """Turns of a WebVTT file; raises `InputError` when it has no cues or no speech text."""
    text = decode_or_refuse(data, context.source)
    warnings: list[str] = []
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        warnings.append("no 'WEBVTT' header on the first line; read as WebVTT anyway")
    raw, notes = split_cues(text, vtt=True)
    warnings.extend(notes)
    if not raw:
        raise InputError(context.source, "no WebVTT cues (timing lines such as '00:00:01.000 --> 00:00:04.000'): an empty or broken WebVTT file")
    cues = [cue for r in raw for cue in cue_voices(r.lines, r.start_time, r.end_time)]
    return build_transcript(cues, source=context.source, format="vtt", warnings=warnings, what=f"{len(raw)} WebVTT cues")


def sniff_vtt(head: bytes, name: str) -> bool:
    """The WebVTT signature "WEBVTT" opens the file (after a byte order mark)."""
    return head_text(head[:64]).lstrip("\ufeff").startswith("WEBVTT")


register(Reader("vtt", "WebVTT subtitles or meeting transcript (Teams, Zoom, Whisper, WhisperX)", read_vtt, frozenset({".vtt"}), sniff_vtt, priority=30))
