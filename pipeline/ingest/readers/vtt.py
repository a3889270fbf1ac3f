"""WebVTT subtitles and meeting transcripts (Teams, Zoom, Whisper, WhisperX) to turns.

Speakers come from voice tags (`<v Hanneke Bos>`, `<v.loud Tim>`, a missing `</v>`, two voices in one cue)
and, in cues without one, from a "Naam: tekst" (Zoom) or "[SPEAKER_00]: " (WhisperX) prefix. A voice label
longer than `MAX_VOICE_LABEL_CHARS` is kept, cut at a word; a voice tag without its '>' is markup all the same:
the name is the rest of its line when the speech follows on the next line, or runs up to a colon
("<v Jan: tekst"); else the tag is dropped and its text kept with speaker unknown (each with a warning). Other tags
(`<c.geel>`, `<i>`, timestamp tags) are dropped and entities (`&amp;`) decoded. Our own reader rather than
webvtt-py, which drops cue text after a whitespace-only line and on a missing blank line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from pipeline.ingest.cues import Cue, build_transcript, cues_from_lines, decode_or_refuse, head_text, split_cues
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register

#: Longest voice label kept, in characters; a longer one is cut at a word (with a warning).
MAX_VOICE_LABEL_CHARS = 120

# A label holds no '<': a search from one "<v" stops at the next '<', '>' or line end, so a line full of "<v "
# without '>' stays linear. One space or tab after the tag name, the rest of the label stripped later.
_VOICE = re.compile(r"<v(?:\.[^\s<>]{0,100})?(?:[ \t]([^<>\n]*))?>")
#: A voice tag that is not closed before the next tag, the line end or the end of the cue.
_UNCLOSED_VOICE = re.compile(r"<v(?:\.[^\s<>]{0,100})?(?:[ \t]([^<>\n]*))?(?=[<\n]|$)")
#: The name in an unclosed voice tag that runs up to a colon: "<v Jan de Vries: Goedemorgen".
_COLON_NAME = re.compile(rf"^\s*([^:]{{1,{MAX_VOICE_LABEL_CHARS}}}?)\s*:\s*")
# One leading literal "<" lets the regex engine jump from one "<" to the next.
_OTHER_TAG = re.compile(
    r"<(?:/?(?:c|i|b|u|ruby|rt|lang|v)(?:\.[^\s>]{0,100})?(?:[ \t][^>\n]{0,200})?|\d{1,3}(?::\d{2}){1,2}(?:\.\d{1,3})?)>"
)


def _speech(text: str) -> str:
    """Cue text without tags, with entities decoded."""
    if "<" in text:
        text = _OTHER_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


@dataclass
class VoiceNotes:
    """Voice tags a reader had to mend, counted for one warning each kind (with the first cue's line)."""

    cut: int = 0
    unclosed: int = 0
    nameless: int = 0
    first: dict[str, int] = field(default_factory=dict)

    def warnings(self) -> list[str]:
        out = []
        if self.cut:
            out.append(f"{self.cut} voice label(s) longer than {MAX_VOICE_LABEL_CHARS} characters cut at a word "
                       f"(first in the cue at line {self.first['cut']})")
        if self.unclosed:
            out.append(f"{self.unclosed} voice tag(s) without '>' closed after the name (first in the cue at line {self.first['unclosed']})")
        if self.nameless:
            out.append(f"{self.nameless} voice tag(s) without '>' whose name could not be told from the speech: the tag "
                       f"was dropped and its text kept with speaker unknown (first in the cue at line {self.first['nameless']})")
        return out

    def count(self, kind: str, line: int) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.first.setdefault(kind, line)


def _voice_label(raw: str | None, notes: VoiceNotes, line: int) -> str | None:
    """The speaker of a voice tag's label: entities decoded, white space folded, at most `MAX_VOICE_LABEL_CHARS`."""
    name = " ".join(html.unescape(raw or "").split())
    if len(name) > MAX_VOICE_LABEL_CHARS:
        cut = name[: MAX_VOICE_LABEL_CHARS + 1].rsplit(" ", 1)[0] if " " in name[:MAX_VOICE_LABEL_CHARS] else name[:MAX_VOICE_LABEL_CHARS]
        name = cut.rstrip(" ,;:")
        notes.count("cut", line)
    return name or None


def _close_voices(joined: str, notes: VoiceNotes, line: int) -> str:
    """The cue text with every unclosed voice tag closed ("<v Jan\ntekst" → "<v Jan>tekst", "<v Jan: tekst" →
    "<v Jan>tekst") or dropped when its name cannot be told from the speech."""

    def mend(m: re.Match[str]) -> str:
        label = m.group(1) or ""
        following = joined[m.end() : m.end() + 1]
        tag = m.group()[: len(m.group()) - len(label)].rstrip(" \t")
        if following == "\n" and label.strip():  # the name fills the line, the speech follows
            notes.count("unclosed", line)
            return f"{tag} {label}>"
        named = _COLON_NAME.match(label)
        if named:
            notes.count("unclosed", line)
            return f"{tag} {named.group(1)}>{label[named.end():]}"
        notes.count("nameless", line)
        return f"<v>{label.lstrip()}"

    return _UNCLOSED_VOICE.sub(mend, joined)


def cue_voices(lines: list[str], start: float | None, end: float | None, notes: VoiceNotes | None = None, line: int = 0) -> list[Cue]:
    """The cues of one WebVTT cue: one per voice tag; text before any voice tag may carry a prefix label.

    `notes` collects mended voice tags (cut labels, tags without '>'); `line` is the cue's line for them.
    """
    notes = notes if notes is not None else VoiceNotes()
    joined = "\n".join(lines)
    if "<v" not in joined:
        return cues_from_lines((_speech(line) for line in lines), start, end)
    if _UNCLOSED_VOICE.search(joined):
        joined = _close_voices(joined, notes, line)
    if not _VOICE.search(joined):
        return cues_from_lines((_speech(line) for line in joined.split("\n")), start, end)
    parts = _VOICE.split(joined)
    out = cues_from_lines(_speech(parts[0]).split("\n"), start, end) if parts[0].strip() else []
    for i in range(1, len(parts), 2):
        out.append(Cue(_speech(parts[i + 1]), _voice_label(parts[i], notes, line), start, end))
    return out


def read_vtt(data: bytes, context: ReadContext) -> Transcript:
    """Turns of a WebVTT file; raises `InputError` when it has no cues or no speech text."""
    decoded = decode_or_refuse(data, context.source)
    text = decoded.text
    warnings: list[str] = list(decoded.warnings)
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        warnings.append("no 'WEBVTT' header on the first line; read as WebVTT anyway")
    raw, notes = split_cues(text, vtt=True)
    warnings.extend(notes)
    if not raw:
        raise InputError(context.source, "no WebVTT cues (timing lines such as '00:00:01.000 --> 00:00:04.000'): an empty or broken WebVTT file")
    voices = VoiceNotes()
    cues = [cue for r in raw for cue in cue_voices(r.lines, r.start_time, r.end_time, voices, r.line_number)]
    warnings.extend(voices.warnings())
    return build_transcript(cues, source=context.source, format="vtt", warnings=warnings, what=f"{len(raw)} WebVTT cues")


def sniff_vtt(head: bytes, name: str) -> bool:
    """The WebVTT signature "WEBVTT" opens the file (after a byte order mark)."""
    return head_text(head[:64]).lstrip("\ufeff").startswith("WEBVTT")


register(Reader("vtt", "WebVTT subtitles or meeting transcript (Teams, Zoom, Whisper, WhisperX)", read_vtt, frozenset({".vtt"}), sniff_vtt, priority=30))
