"""Reader for plain-text transcripts in the layouts people bring, all giving turns with speaker labels and times.

Layouts (one transcript may mix them):

- "Naam: tekst" on one line, optionally after a timestamp ("[00:01:23] Jan de Vries: …", "00:01:23 Jan: …"),
  diarised labels in brackets ("[SPEAKER_01]: …") and Handelingen labels ("De heer Van Baarle (DENK): …");
  "De VOORZITTER heet de aanwezigen welkom en zegt het volgende: …" is the chair speaking.
- Handelingen: the label alone on its line ("Mevrouw Kant (SP):"), the speech in the paragraphs below.
- Teams/Otter text exports: "Naam   0:04" or "Naam   1 minuut 5 seconden" headers, the speech below; also
  "[Naam] 00:00:04" (Zoom text) and a time inside the label, "Naam (00:04):" (Rev).
- Council transcript pages: "• 0:12 P. Terpstra", a role line ("raadslid VVD", "Wethouder (D66)"), the name
  again, then the speech; "• 1 Opening" agenda bullets open sessions.
- Timestamp-only blocks ("[00:01:23]" alone, or a timestamp before unlabelled text): turns of an unknown speaker.
- Minutes whose text extraction put several labels on one line ("… open de vergadering. Het lid Peeters: …").

Lines that are not speech: header lines ("Aanvang: 13:00 uur", "Status: …") before the first turn, and
anywhere a line naming the chair or people in a role ("Voorzitter: Arib", "Griffier: C. Vos"); procedural lines
("Daartoe wordt besloten."); headings standing alone between turns of a Handelingen-style transcript; subtitle
cue numbers. A Zoom chat export and a speaker index (times and names, no speech) are refused with `InputError`.
Clock times running backwards (a live blog) do not make a text a transcript.

In a prose report (`read_report_with_labels`), a paragraph that opens with a clear label ("College: …",
"Inspreker Van Rijn: …") and holds a sentence becomes a turn; the rest stays prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache, lru_cache

from pipeline.ingest.labels import chair_from_header, parse_label, role_header
from pipeline.ingest.labels import is_speaker_label as is_speaker_label
from pipeline.ingest.layout import classify_lines, is_session_heading
from pipeline.ingest.model import Block, BlockKind, Participant, Transcript
from pipeline.ingest.registry import InputError
from pipeline.ingest.report import read_report, split_sessions
from pipeline.resources import patterns, word_set

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_DURATION = (
    r"(?=\d)(?:(?P<h>\d{1,2})\s+(?:uur|hours?)\s*)?(?:(?P<m>\d{1,2})\s+(?:minuten|minuut|minutes?)\s*)?"
    r"(?:(?P<s>\d{1,2})\s+(?:seconden|seconde|seconds?))?"
)
_BULLET = r"[•·▪◦*]"
_LINE = re.compile(
    rf"^\s*(?:\[(?P<t1>{_TIME})(?:\s*-->?\s*(?P<t2>{_TIME}))?\]|(?P<t3>{_TIME}))?\s*"
    r"(?:[-–•·*]\s+)?(?:\[(?P<blabel>[^\]:\n]{1,80})\]|(?P<label>[^:\n]{1,80}?|[^:\n]{1,60}?[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]))\s*:[ \t]+(?P<text>\S.*)$"
)
_OWN_LABEL = re.compile(
    rf"^\s*(?:\[(?P<t1>{_TIME})\]|(?P<t3>{_TIME}))?\s*(?:[-–•·*]\s+)?(?:\[(?P<blabel>[^\]:\n]{{1,80}})\]|(?P<label>[^:\n]{{1,80}}?|[^:\n]{{1,60}}?[\[(]\d{{1,2}}:\d{{2}}(?::\d{{2}})?[\])]))\s*:$"
)
_NAME_TIME = re.compile(rf"^\s*\[?(?P<label>[^\d:\s\[][^:\n\]]{{0,80}}?)\]?\s+(?:(?P<time>{_TIME})|(?P<dur>{_DURATION}))$")
#: A colon that is not inside a time ("1:05"): labels and header keys end in one.
_LABEL_COLON = re.compile(r"(?<!\d):|:(?!\d)")
#: A time after the name in a label: "Hanneke Bos (00:04):" (Rev exports).
_LABEL_TIME = re.compile(rf"^(?P<name>.+?)\s*[\[(](?P<time>{_TIME})[\])]$")
_TIME_NAME = re.compile(rf"^\s*(?:{_BULLET}\s*)?\[?(?P<time>{_TIME})\]?\s+(?P<label>[^:\n\d][^:\n]{{0,80}})$")
_TIME_ONLY = re.compile(rf"^\s*(?:{_BULLET}\s*)?[\[(]?(?P<time>{_TIME})(?:\s*(?:-->|-|–)\s*(?P<end>{_TIME}))?[\])]?$")
_TIME_TEXT = re.compile(rf"^\s*[\[(]?(?P<time>{_TIME})(?:\s*(?:-->|–|-)\s*(?P<end>{_TIME}))?[\])]?\s+(?P<text>\S.*)$")
_INDEX = re.compile(rf"^\s*(?:{_BULLET}\s*)?{_TIME}\s*[-–]\s*{_TIME}\s*[-–]\s*\S.{{0,100}}$")
_CHAT = re.compile(rf"^\s*{_TIME}\s+(?:From\s+)?[^\t\n]{{1,80}}?(?:\s+to\s+[^\t\n]{{1,60}})?:\t")
_AGENDA_BULLET = re.compile(rf"^\s*{_BULLET}\s*(?P<heading>\d{{1,2}}[.)]?\s+\S.{{0,80}})$")
_TERMINAL = re.compile(r"[.:;,!?…\"”’')\]]$")
_SENTENCE_END = re.compile(r"[.!?…”\"]\s+$")
_AGENDA_TAIL = re.compile(r"(?<![\d,])(?P<heading>\b\d{1,2}[.)]\s+[A-Z][^.!?:\n\d]{0,60}?)\s+$")
#: Characters before a label in the middle of a line that `_SENTENCE_END` and `_AGENDA_TAIL` look at: both are
#: anchored at the label, so a bounded window keeps a line of thousands of labels linear (no search of the whole prefix).
LABEL_CONTEXT_CHARS = 256
#: How many non-empty lines a sniff looks at; detection stays linear in the file size.
MAX_DETECT_LINES = 2000
#: A line of at most this many words without closing punctuation is a heading between Handelingen turns.
MAX_HEADING_WORDS = 8


class LineKind(str, Enum):
    """What one line of a transcript is."""

    BLANK = "blank"
    INLINE = "inline"  # label and speech on one line
    OWN_LABEL = "own_label"  # "Mevrouw Kant (SP):" alone
    NAME_TIME = "name_time"  # "Hanneke Bos   0:04"
    TIME_NAME = "time_name"  # "• 0:12 P. Terpstra"
    TIME_ONLY = "time_only"  # "[00:01:23]"
    TIME_TEXT = "time_text"  # "[00:00.000 --> 00:05.000] tekst" without a label
    HEADER = "header"  # "Voorzitter: Arib", "Aanvang: 13:00 uur"
    PROCEDURAL = "procedural"  # "Daartoe wordt besloten."
    AGENDA = "agenda"  # "• 1 Opening"
    INDEX = "index"  # "00:02:38 - 00:05:37 - Naam" (a speaker index: no speech)
    CHAT = "chat"  # "08:02:35 Naam:<TAB>bericht" (a Zoom chat export)
    TEXT = "text"


#: Line kinds that open a turn.
OPENERS = frozenset({LineKind.INLINE, LineKind.OWN_LABEL, LineKind.NAME_TIME, LineKind.TIME_NAME, LineKind.TIME_ONLY, LineKind.TIME_TEXT})
#: Openers no prose report has: a label or a name with a time standing alone on its line.
STRONG_OPENERS = frozenset({LineKind.OWN_LABEL, LineKind.NAME_TIME, LineKind.TIME_NAME})


@dataclass(frozen=True)
class TurnLine:
    """A line that opens a turn: the speaker label (None when unknown), where the speech starts on the line
    (None when it starts on a later line), and the start/end time in seconds."""

    label: str | None
    text_start: int | None
    start_time: float | None
    end_time: float | None = None
    kind: LineKind = LineKind.INLINE


def parse_time(value: str | None) -> float | None:
    """"01:02:03.5" → 3723.5 seconds; None for None or ""."""
    if not value:
        return None
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _duration(m: re.Match[str]) -> float | None:
    if not (m.group("h") or m.group("m") or m.group("s")):
        return None
    return float(int(m.group("h") or 0) * 3600 + int(m.group("m") or 0) * 60 + int(m.group("s") or 0))


def _speech_intro_speaker(label: str) -> str | None:
    """"De VOORZITTER heet de aanwezigen welkom en zegt het volgende" → "De VOORZITTER"."""
    lowered = label.lower().rstrip()
    if not any(lowered.endswith(" " + phrase) for phrase in word_set("speech_intro_phrases.txt")):
        return None
    tokens = label.split()
    for n in range(min(len(tokens) - 1, 8), 0, -1):
        if tokens[n][:1].islower() and parse_label(" ".join(tokens[:n])) is not None:
            return " ".join(tokens[:n])
    return None


def _label_of(m: re.Match[str]) -> tuple[str, float | None] | None:
    """The speaker label of a matched line and a time written inside it ("Hanneke Bos (00:04)")."""
    label = (m.group("blabel") or m.group("label") or "").strip()
    time = None
    timed = _LABEL_TIME.match(label)
    if timed:
        label, time = timed.group("name").strip(), parse_time(timed.group("time"))
    if not label or _session_heading().match(label):
        return None
    if parse_label(label) is not None:
        return label, time
    speaker = _speech_intro_speaker(label)
    return (speaker, time) if speaker else None


def match_turn_line(line: str) -> TurnLine | None:
    """The speaker label and speech offset of a line that opens a turn with its speech on the line, or None."""
    if chair_from_header(line) is not None:
        return None
    return _match_inline(line)


def _match_inline(line: str) -> TurnLine | None:
    m = _LINE.match(line)
    if not m or _session_heading().match(line.strip()):
        return None
    found = _label_of(m)
    if found is None:
        return None
    label, time = found
    start = parse_time(m.group("t1") or m.group("t3"))
    return TurnLine(label, m.start("text"), time if start is None else start, parse_time(m.group("t2")))


@cache
def _header_key() -> re.Pattern[str]:
    keys = sorted(word_set("transcript_header_keys.txt") | word_set("non_speaker_labels.txt"), key=len, reverse=True)
    alternation = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"^\s*(?P<key>{alternation})(?:(?P<direct>\s*:)|\s[^:\n]{{0,80}}:)", re.IGNORECASE)


@cache
def _procedural() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns("transcript_procedural_lines.txt")), re.IGNORECASE)


@cache
def _session_heading() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns("session_headings.txt")), re.IGNORECASE)


def _is_header(line: str) -> bool:
    """A metadata line: a header key ("Aanvang", "Status", "Aanwezig zijn …") before a colon."""
    m = _header_key().match(line)
    if not m:
        return False
    return bool(m.group("direct")) or m.group("key").lower().startswith("aanwezig")


#: Words a duration header ("1 minuut 5 seconden") ends with.
_DURATION_ENDS = ("seconden", "seconde", "minuten", "minuut", "uur", "seconds", "second", "minutes", "minute", "hours", "hour")


def classify_line(line: str, *, in_turn: bool = False) -> tuple[LineKind, TurnLine | None]:
    """The kind of one line; for openers also the `TurnLine`. `in_turn`: a turn is open (header keys such as
    "Let op:" are then part of the speech)."""
    stripped = line.strip()
    if not stripped:
        return LineKind.BLANK, None
    first = stripped[0]
    timed = first.isdigit() or first in "[(•·▪◦*"
    colon = stripped.find(":", 0, 200) >= 0 and _LABEL_COLON.search(stripped, 0, 200) is not None
    if timed and "\t" in line and _CHAT.match(line):
        return LineKind.CHAT, None
    if colon and (chair_from_header(line) is not None or role_header(line)):
        return LineKind.HEADER, None
    if _procedural().match(stripped):
        return LineKind.PROCEDURAL, None
    if colon and not in_turn and _is_header(line):
        return LineKind.HEADER, None
    if timed:
        if _INDEX.match(line):
            return LineKind.INDEX, None
        m = _TIME_ONLY.match(line)
        if m:
            return LineKind.TIME_ONLY, TurnLine(None, None, parse_time(m.group("time")), parse_time(m.group("end")), LineKind.TIME_ONLY)
        agenda = _AGENDA_BULLET.match(line)
        if agenda and not _TERMINAL.search(stripped) and not _TIME_NAME.match(line):
            return LineKind.AGENDA, None
    if colon:
        turn = _match_inline(line)
        if turn is not None:
            return LineKind.INLINE, turn
        if stripped[-1] == ":":
            m = _OWN_LABEL.match(line)
            if m:
                found = _label_of(m)
                if found is not None and not _session_heading().match(stripped):
                    start = parse_time(m.group("t1") or m.group("t3"))
                    return LineKind.OWN_LABEL, TurnLine(found[0], None, start if start is not None else found[1], None, LineKind.OWN_LABEL)
    if timed:
        m = _TIME_NAME.match(line)
        if m and _person_label(m.group("label")):
            return LineKind.TIME_NAME, TurnLine(m.group("label").strip(), None, parse_time(m.group("time")), None, LineKind.TIME_NAME)
    last = stripped[-1]
    if last.isdigit() or (last in "nsrdNSRD" and stripped[-12:].lower().endswith(_DURATION_ENDS)):
        m = _NAME_TIME.match(line)
        if m and _person_label(m.group("label")):
            start = parse_time(m.group("time")) if m.group("time") else _duration(m)
            if m.group("time") or start is not None:
                return LineKind.NAME_TIME, TurnLine(m.group("label").strip(), None, start, None, LineKind.NAME_TIME)
    if timed:
        m = _TIME_TEXT.match(line)
        if m:
            return LineKind.TIME_TEXT, TurnLine(None, m.start("text"), parse_time(m.group("time")), parse_time(m.group("end")), LineKind.TIME_TEXT)
    return LineKind.TEXT, None


def _person_label(label: str) -> bool:
    parsed = parse_label(label.strip())
    return parsed is not None and parsed.type in ("person", "unknown", "office")


@dataclass(frozen=True)
class LayoutCounts:
    """How many of the first `MAX_DETECT_LINES` non-empty lines are of each kind."""

    lines: int
    openers: int
    strong: int
    midline: int
    chat: int
    index: int


def layout_counts(text: str) -> LayoutCounts:
    """Count the line kinds of a text (first `MAX_DETECT_LINES` non-empty lines)."""
    lines = openers = strong = midline = chat = index = 0
    in_turn = False
    times: list[float] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        lines += 1
        if lines > MAX_DETECT_LINES:
            break
        kind, turn = classify_line(line, in_turn=in_turn)
        if kind in (LineKind.TIME_ONLY, LineKind.TIME_TEXT) and turn is not None and turn.start_time is not None:
            times.append(turn.start_time)
        elif kind in OPENERS:
            openers += 1
            in_turn = True
        strong += kind in STRONG_OPENERS
        chat += kind is LineKind.CHAT
        index += kind is LineKind.INDEX
        if kind in (LineKind.TEXT, LineKind.INLINE):
            midline += sum(1 for _ in _midline_labels(line))
    backwards = sum(1 for a, b in zip(times, times[1:], strict=False) if b < a)
    if times and backwards * 2 < len(times):
        # recording offsets run forward; the clock times of a live blog ("13:05", "12:42") run backwards
        openers += len(times)
        in_turn = True
    return LayoutCounts(min(lines, MAX_DETECT_LINES), openers, strong, midline, chat, index)


def looks_like_turns(text: str) -> bool:
    """A transcript: labelled lines open at least a third of the lines, or at least two lines hold a label or
    a name with a time alone, or labels stand in the middle of lines of minutes; also a chat export or a
    speaker index, so that the turn reader can refuse them by name."""
    c = layout_counts(text)
    if c.chat * 2 >= c.lines or (c.index >= 2 and c.index * 4 >= c.lines and c.openers < 2):
        return True
    openers = c.openers + c.midline
    return openers >= 2 and (openers * 3 >= c.lines or c.strong >= 2 or c.midline >= 2)


@cache
def _midline_label() -> re.Pattern[str]:
    """A label in the middle of a line after a sentence ("… vergadering. Het lid Peeters: …"): it opens with a
    capitalised article, form of address or role word (label_honorifics.txt, label_roles.txt)."""
    words = {"de", "het"} | {line.split("\t")[0].strip() for line in word_set("label_honorifics.txt")} | word_set("label_roles.txt")
    firsts = sorted({w.split()[0] for w in words}, key=len, reverse=True)
    alternation = "|".join(re.escape(w[:1].upper() + w[1:]) for w in firsts)
    return re.compile(rf"(?<=\s)(?P<label>(?:{alternation})(?![\w])[^:.!?\n]{{0,60}}?)\s*:\s+(?=\S)")


def _midline_labels(line: str) -> list[tuple[int, int, str]]:
    """(label start, speech start, label) of strong labels in the middle of a line."""
    found: list[tuple[int, int, str]] = []
    if ": " not in line:
        return found
    for m in _midline_label().finditer(line):
        label = m.group("label").strip()
        before = line[max(0, m.start("label") - LABEL_CONTEXT_CHARS) : m.start("label")]
        if not (_SENTENCE_END.search(before) or _AGENDA_TAIL.search(before)):
            continue
        parsed = parse_label(label)
        if parsed is None:
            continue
        strong = parsed.type == "office" or parsed.roles or parsed.organisations or parsed.gender
        if strong:
            found.append((m.start("label"), m.end(), label))
    return found


# --- reading -------------------------------------------------------------------------------------------------


@dataclass
class _Open:
    label: str | None
    start_time: float | None
    end_time: float | None
    text_start: int | None = None
    text_end: int | None = None


class _Builder:
    """Collects blocks in document order; turns are closed when the next opener, heading or procedure comes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.session_starts: set[int] = set()
        self.current: _Open | None = None
        self.known: dict[str, Participant] = {}

    def open(self, turn: TurnLine, line_offset: int, line_end: int) -> None:
        cur = self.current
        if cur is not None and cur.label is None and cur.text_start is None and turn.start_time is None:
            # a timing line alone, then the labelled speech: the turn keeps the times
            turn = replace(turn, start_time=cur.start_time, end_time=cur.end_time)
        self.close()
        self.current = _Open(turn.label, turn.start_time, turn.end_time)
        if turn.text_start is not None:
            self.extend(line_offset + turn.text_start, line_end)

    def extend(self, start: int, end: int) -> None:
        assert self.current is not None
        if self.current.text_start is None:
            self.current.text_start = start
        self.current.text_end = end

    def close(self) -> None:
        cur, self.current = self.current, None
        if cur is None or cur.text_start is None or cur.text_end is None:
            return
        start, end = cur.text_start, cur.text_end
        self.blocks.append(Block(BlockKind.TURN, start, end, self.text[start:end], cur.label, cur.start_time, cur.end_time))

    def other(self, kind: BlockKind, start: int, end: int, *, session: bool = False) -> None:
        self.close()
        if end > start:
            self.blocks.append(Block(kind, start, end, self.text[start:end]))
            if session:
                self.session_starts.add(start)


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip())


@cache
def _role_start() -> re.Pattern[str]:
    roles = sorted(word_set("label_roles.txt"), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(r) for r in roles)})(?=\s|$)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _role_line(line: str, name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Roles and organisations of a council page's role line ("raadslid VVD", "Wethouder (ChristenUnie)")."""
    text = " ".join(line.split())
    if not text or text.lower() == name.lower() or _TERMINAL.search(text) and not text.endswith(")"):
        return None
    organisations = [m.group(1).strip() for m in re.finditer(r"\(\s*([^()]{1,60}?)\s*\)", text)]
    text = re.sub(r"\s*\([^()]*\)", "", text).strip()
    m = _role_start().match(text)
    if m is None:
        return None
    roles = [m.group(0).lower()]
    text = text[m.end() :].strip()
    if text:
        organisations.insert(0, text)
    return tuple(roles), tuple(organisations)


def read_turns(text: str, source: str) -> Transcript:
    """Turns of every layout in the module docstring; unlabelled lines continue the open turn.

    Raises `InputError` for a Zoom chat export or a speaker index without speech. A transcript in which no
    turn is found keeps its lines as paragraphs and gets a warning.
    """
    lines = text.split("\n")
    offsets = []
    offset = 0
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    kinds: list[tuple[LineKind, TurnLine | None]] = []
    first_opener: int | None = None
    in_turn = False
    for i, line in enumerate(lines):
        kind, turn = classify_line(line, in_turn=in_turn)
        if kind in OPENERS or (kind is LineKind.TEXT and _midline_labels(line)):
            in_turn = True
            if first_opener is None:
                first_opener = i
        kinds.append((kind, turn))
    cue_numbers: set[int] = set()
    for i, (kind, _) in enumerate(kinds):
        # subtitle cue numbers ("12" above "00:00:04,000 --> 00:00:08,000") are nobody's speech
        if kind is LineKind.TEXT and lines[i].strip().isdigit() and _next_kind(kinds, i) is LineKind.TIME_ONLY:
            kinds[i] = (LineKind.BLANK, None)
            cue_numbers.add(offsets[i] + _lead(lines[i]))
    nonblank = [k for k, _ in kinds if k is not LineKind.BLANK]
    if nonblank and sum(k is LineKind.CHAT for k in nonblank) * 2 >= len(nonblank):
        raise InputError(source, "looks like a Zoom chat export (typed messages 'HH:MM:SS Naam:<tab>tekst'), not a transcript of speech; notulist does not read chats")
    has_openers = any(k in OPENERS for k in nonblank) or first_opener is not None
    if not has_openers and sum(k is LineKind.INDEX for k in nonblank) >= 2:
        raise InputError(source, "looks like a speaker index (times and names, no speech): there is no speech to analyse; use the meeting's transcript or minutes")

    builder = _Builder(text)
    handelingen = sum(1 for k, _ in kinds if k is LineKind.OWN_LABEL) >= 2
    preamble_end = offsets[first_opener] if first_opener is not None else len(text)
    preamble = [b for b in classify_lines(text[:preamble_end]) if b.start not in cue_numbers] if preamble_end else []
    for k, block in enumerate(preamble):
        agenda = _AGENDA_BULLET.match(block.text)
        if block.kind is BlockKind.HEADING and agenda and not _TERMINAL.search(block.text):
            start = block.start + agenda.start("heading")
            preamble[k] = block = Block(BlockKind.HEADING, start, block.end, text[start : block.end])
            builder.session_starts.add(block.start)
        elif block.kind is BlockKind.HEADING and is_session_heading(block.text):
            builder.session_starts.add(block.start)
    if first_opener is not None and preamble and preamble[0].kind is BlockKind.HEADING and preamble[0].start == _lead(lines[0]):
        preamble[0] = replace(preamble[0], kind=BlockKind.TITLE)
    builder.blocks.extend(preamble)

    i = first_opener if first_opener is not None else len(lines)
    while i < len(lines):
        line, start = lines[i], offsets[i]
        end = start + len(line)
        kind, turn = kinds[i]
        if kind is LineKind.HEADER and builder.current is not None and chair_from_header(line) is None and not role_header(line):
            kind = LineKind.TEXT  # "Let op: …" inside a turn is speech
        if kind is LineKind.BLANK:
            i += 1
            continue
        if kind in OPENERS and turn is not None:
            inner = [p for p in _midline_labels(line) if turn.text_start is not None and p[0] > turn.text_start] if kind is LineKind.INLINE else []
            if inner:  # "Voorzitter: Welkom. Penningmeester: Dank je." — more labels after the first one
                builder.open(replace(turn, text_start=None), start, end)
                _text_line(line, start, builder, skip=turn.text_start)
            else:
                builder.open(turn, start, end)
            if kind is LineKind.TIME_NAME and turn.label:
                i = _council_page_lines(lines, i, turn.label, builder)
            i += 1
            continue
        if kind in (LineKind.HEADER, LineKind.INDEX, LineKind.CHAT):
            builder.other(BlockKind.HEADING, start + _lead(line), end)
        elif kind is LineKind.PROCEDURAL:
            builder.other(BlockKind.PARAGRAPH, start + _lead(line), end)
        elif kind is LineKind.AGENDA:
            m = _AGENDA_BULLET.match(line)
            assert m is not None
            builder.other(BlockKind.HEADING, start + m.start("heading"), end, session=True)
        else:
            stripped = line.strip()
            short = len(stripped) <= 100 and not _TERMINAL.search(stripped)
            if short and _session_heading().match(stripped):
                builder.other(BlockKind.HEADING, start + _lead(line), end, session=True)
            elif short and handelingen and _standalone_heading(lines, i) and _next_kind(kinds, i) is not LineKind.TEXT:
                builder.other(BlockKind.HEADING, start + _lead(line), end)
            else:
                _text_line(line, start, builder)
        i += 1
    builder.close()
    blocks = _with_end_times(builder.blocks)
    title = next((b.text.strip() for b in blocks if b.kind is BlockKind.TITLE), None)
    transcript = Transcript(source=source, format="turns", text=text, sessions=split_sessions(blocks, len(text), lambda b: b.start in builder.session_starts), title=title)
    transcript.participants.update(builder.known)
    if not any(b.kind is BlockKind.TURN for b in blocks):
        transcript.warnings.append("read as a turn transcript, but no speaker labels or timestamps were found; the text is kept as paragraphs without speakers")
    return transcript


def _text_line(line: str, start: int, builder: _Builder, *, skip: int | None = None) -> None:
    """A line without an opener at its start: speech of the open turn, prose, or minutes with labels inside.
    With `skip`, the line's first `skip` characters (an opening label already read) are left out."""
    end = start + len(line)
    cursor = start + (skip if skip is not None else _lead(line))
    pieces = [p for p in _midline_labels(line) if skip is None or p[0] >= skip]
    if not pieces:  # the common case: a line of speech or prose
        if builder.current is not None:
            builder.extend(cursor, end)
        else:
            builder.other(BlockKind.PARAGRAPH, cursor, end)
        return
    for label_start, speech_start, label in pieces:
        head_end = start + label_start
        before = builder.text[cursor:head_end].rstrip()
        agenda = _AGENDA_TAIL.search(builder.text[cursor:head_end])
        heading: tuple[int, int] | None = None
        if agenda:
            heading = (cursor + agenda.start("heading"), cursor + agenda.end("heading"))
            before = builder.text[cursor : heading[0]].rstrip()
        if before.strip():
            before_end = cursor + len(before)
            if builder.current is not None:
                builder.extend(cursor, before_end)
            else:
                builder.other(BlockKind.PARAGRAPH, cursor, before_end)
        if heading is not None:
            builder.other(BlockKind.HEADING, heading[0], heading[1], session=True)
        builder.open(TurnLine(label, None, None), start, end)
        cursor = start + speech_start
    rest_end = end
    if cursor < rest_end and builder.text[cursor:rest_end].strip():
        if builder.current is not None:
            builder.extend(cursor, rest_end)
        else:
            builder.other(BlockKind.PARAGRAPH, cursor, rest_end)


def _next_kind(kinds: list[tuple[LineKind, TurnLine | None]], i: int) -> LineKind | None:
    """The kind of the next non-blank line after line `i` (None at the end)."""
    j = i + 1
    while j < len(kinds):
        if kinds[j][0] is not LineKind.BLANK:
            return kinds[j][0]
        j += 1
    return None


def _standalone_heading(lines: list[str], i: int) -> bool:
    """A short line without closing punctuation with blank lines around it (a Handelingen heading)."""
    stripped = lines[i].strip()
    if _TERMINAL.search(stripped) or not 0 < len(stripped.split()) <= MAX_HEADING_WORDS:
        return False
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after


def _council_page_lines(lines: list[str], i: int, name: str, builder: _Builder) -> int:
    """Skip the role line and the repeated name after "• 0:12 P. Terpstra"; return the last skipped line."""
    j = i + 1
    following = [k for k in range(j, min(j + 3, len(lines))) if lines[k].strip()]
    if not following:
        return i
    norm = " ".join(name.split()).lower()
    first = " ".join(lines[following[0]].split())
    if first.lower() == norm:
        return following[0]
    role = _role_line(first, name)
    if role is not None:
        roles, organisations = role
        known = builder.known.get(name)
        if known is None:
            known = builder.known[name] = Participant(key=name, name=name)
        known.roles.extend(r for r in roles if r not in known.roles)
        known.organisations.extend(o for o in organisations if o not in known.organisations)
        if len(following) > 1 and " ".join(lines[following[1]].split()).lower() == norm:
            return following[1]
        return following[0]
    return i


def _with_end_times(blocks: list[Block]) -> list[Block]:
    """A timed turn without an end ends when the next timed turn starts (one pass from the back: linear)."""
    out: list[Block] = []
    following: float | None = None
    for block in reversed(blocks):
        if block.kind is BlockKind.TURN and block.start_time is not None:
            if block.end_time is None and following is not None and following >= block.start_time:
                block = Block(block.kind, block.start, block.end, block.text, block.speaker, block.start_time, following)
            following = block.start_time
        out.append(block)
    out.reverse()
    return out


# --- labels inside report prose ------------------------------------------------------------------------------

_QUOTE_OPENERS = "“„‘‚«\"'‹"
_SENTENCE_FINAL = ".!?…"
_REPORT_LABEL = re.compile(r"^(?:[-–•·*]\s+)?(?P<label>[^:\n]{1,60}?)\s*:\s+(?P<text>\S.*)$", re.DOTALL)


def read_report_with_labels(text: str, source: str) -> Transcript:
    """A prose report whose labelled paragraphs ("College: …") are turns; warns when it holds a speaker index."""
    transcript = label_turns_in_report(read_report(text, source))
    index_lines = sum(1 for line in text.split("\n") if _INDEX.match(line))
    if index_lines >= 2 and not any(b.kind is BlockKind.TURN for b in transcript.blocks):
        transcript.warnings.append(
            f"holds a speaker index ({index_lines} lines of times and names) but not the speech itself; "
            "only the prose around it is analysed"
        )
    return transcript


def label_turns_in_report(transcript: Transcript) -> Transcript:
    """Paragraphs of a prose report that open with a clear speaker label ("College: …", "Inspreker Van Rijn: …",
    "De heer Jansen (VVD): …") become turns of that speaker; everything else stays report prose (in place)."""
    for session in transcript.sessions:
        out = []
        for block in session.blocks:
            if block.kind is BlockKind.PARAGRAPH:
                m = _REPORT_LABEL.match(block.text)
                parsed = parse_label(m.group("label")) if m else None
                strong = parsed is not None and (
                    parsed.type in ("office", "group") or parsed.roles or parsed.organisations or parsed.gender
                )
                speech = m.group("text").strip() if m else ""
                # "Laudy: “…”" is a quote the quote finder attributes; "Jetten (D66): trap niet in …" a headline
                sentence = bool(speech) and speech[0] not in _QUOTE_OPENERS and speech[-1] in _SENTENCE_FINAL
                if m and strong and sentence and not is_session_heading(block.text):
                    start = block.start + m.start("text")
                    block = Block(BlockKind.TURN, start, block.end, transcript.text[start : block.end], m.group("label").strip())
            out.append(block)
        session.blocks = out
    return transcript
