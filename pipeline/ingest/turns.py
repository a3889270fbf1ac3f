"""Reader for plain speaker-turn transcripts: "Naam: tekst", optionally with timestamps.

Handles "[00:01:23] Jan de Vries: …", "00:01:23 Jan: …", "[SPEAKER_01]: …" (diarised Whisper text),
Handelingen-style "De heer Van Baarle (DENK): …",
and continuation lines that belong to the previous turn. Labels such as "Let op:" or "Conclusie:" and a colon
inside a sentence are not taken for speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.ingest.layout import is_heading, is_session_heading
from pipeline.ingest.model import Block, BlockKind, Transcript
from pipeline.ingest.report import split_sessions
from pipeline.resources import word_set

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LINE = re.compile(
    rf"^\s*(?:\[(?P<t1>{_TIME})(?:\s*-->?\s*(?P<t2>{_TIME}))?\]|(?P<t3>{_TIME}))?\s*"
    r"(?:\[(?P<blabel>[^\]:\n]{1,80})\]|(?P<label>[^:\n]{1,80}?))\s*:\s+(?P<text>\S.*)$"
)
#: Lower-case words inside a speaker label: surname particles, and the prepositions of names like "in 't Veld".
_PARTICLES = word_set("name_particles.txt") | {"in", "op"}
_HONORIFICS = {"de heer", "mevrouw", "mw.", "dhr.", "mr.", "dr.", "prof.", "ir.", "drs."}
_TITLES = {"voorzitter", "de voorzitter", "minister", "staatssecretaris", "interviewer", "moderator", "spreker", "gespreksleider", "presentator", "dagvoorzitter"}


@dataclass(frozen=True)
class TurnLine:
    """A line that opens a turn."""

    label: str
    text_start: int
    start_time: float | None


def parse_time(value: str | None) -> float | None:
    """"01:02:03.5" → 3723.5 seconds."""
    if not value:
        return None
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def is_speaker_label(label: str) -> bool:
    """A name, a title such as "De voorzitter", or "De heer X (Partij)": not "Let op" or a clause."""
    label = re.sub(r"\s*\([^)]{1,40}\)\s*$", "", label.strip())
    lowered = label.lower()
    if not label or lowered in word_set("non_speaker_labels.txt"):
        return False
    if lowered in _TITLES or any(lowered.startswith(t + " ") for t in _TITLES):
        return True
    for honorific in _HONORIFICS:
        if lowered.startswith(honorific + " "):
            label = label[len(honorific) + 1 :]
            break
    tokens = label.split()
    if not 1 <= len(tokens) <= 5:
        return False
    if not (tokens[0][0].isupper() or tokens[0].lower() in _PARTICLES):
        return False
    return all(t[0].isupper() or t.lower() in _PARTICLES or t[0].isdigit() for t in tokens)


def match_turn_line(line: str) -> TurnLine | None:
    """The speaker label and text offset of a line that opens a turn, or None."""
    m = _LINE.match(line)
    if not m:
        return None
    label = (m.group("blabel") or m.group("label") or "").strip()
    if not is_speaker_label(label) or is_session_heading(line.strip()):
        return None
    return TurnLine(label, m.start("text"), parse_time(m.group("t1") or m.group("t3")))


def looks_like_turns(text: str) -> bool:
    """At least two turn lines, and they open at least a third of the non-empty lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    hits = sum(1 for line in lines if match_turn_line(line))
    return hits >= 2 and hits * 3 >= len(lines)


def read_turns(text: str, source: str) -> Transcript:
    """Turns with speaker labels; unlabelled lines continue the previous turn or are headings."""
    blocks: list[Block] = []
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        turn = match_turn_line(line) if line.strip() else None
        if turn is not None:
            start = offset + turn.text_start
            blocks.append(Block(BlockKind.TURN, start, end, text[start:end], turn.label, turn.start_time))
        elif line.strip():
            lead = offset + len(line) - len(line.lstrip())
            prev = blocks[-1] if blocks else None
            if prev is not None and prev.kind is BlockKind.TURN and not (is_heading(line) and is_session_heading(line)):
                blocks[-1] = Block(BlockKind.TURN, prev.start, end, text[prev.start : end], prev.speaker, prev.start_time)
            else:
                kind = BlockKind.HEADING if is_heading(line) else BlockKind.PARAGRAPH
                blocks.append(Block(kind, lead, end, text[lead:end]))
        offset = end + 1
    blocks = _with_end_times(blocks)
    return Transcript(source=source, format="turns", text=text, sessions=split_sessions(blocks, len(text)))


def _with_end_times(blocks: list[Block]) -> list[Block]:
    """A turn ends when the next timed turn starts."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = next((b.start_time for b in blocks[i + 1 :] if b.start_time is not None), None)
        if block.kind is BlockKind.TURN and block.start_time is not None and nxt is not None:
            block = Block(block.kind, block.start, block.end, block.text, block.speaker, block.start_time, nxt)
        out.append(block)
    return out
