"""Timed cues to turns: the parts every subtitle and speech-to-text reader shares.

A reader turns its file into `Cue`s (speaker label or None, speech text, start and end in seconds) in file
order; `build_transcript` merges consecutive cues of one speaker into one turn and lays the turns out as the
transcript's text, one turn a paragraph ("\\n\\n" between), so every `Block` indexes that text. Speaker labels
stay raw ("SPEAKER_00", "Jan de Vries (Guest)"); diarisation labels are registered as anonymous participants.

Also here: timestamps ("01:02:03.5", "02:03,500"), the cue splitter for WebVTT and SRT (timing lines, cue
ids, comment blocks), speaker prefixes inside cue text ("Naam: tekst", "[SPEAKER_00]: tekst"), the checks that
turn unusable times into warnings (`TimeIssues`: a timing line that cannot be read, minutes or seconds of 60 or
more, a negative time, an end before the start, NaN or text where seconds belong) and the speaking time of
possibly overlapping intervals (`union_seconds`). Everything is linear in the input size (`union_seconds`: a sort).
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.ingest.encoding import Decoded, DecodeError, decode_report
from pipeline.ingest.layout import is_session_heading
from pipeline.ingest.model import BUILT_FROM_TURNS, Block, BlockKind, Participant, Transcript
from pipeline.ingest.registry import InputError
from pipeline.ingest.report import split_sessions
from pipeline.resources import word_set

#: Cues of an unknown speaker (no label) merge into one turn unless this many seconds of silence lie between.
UNKNOWN_SPEAKER_PAUSE_S = 2.0
#: An unknown speaker's turn is closed at a cue boundary once it holds this many characters (a Whisper file
#: without diarisation would otherwise be one turn of an hour).
UNKNOWN_SPEAKER_MAX_CHARS = 2_000
#: Longest speaker label read from a "Naam: tekst" or "[SPEAKER_00]:" prefix, in characters.
MAX_LABEL_CHARS = 60
#: Most words in a speaker label prefix ("Wethouder Lisa Kramer (GroenLinks)").
MAX_LABEL_WORDS = 6

#: Labels of diarisation voices, not of people: "SPEAKER_00", "Speaker 1", "Spreker A", "Unknown Speaker".
ANONYMOUS_LABEL = re.compile(
    r"^(?:speaker_?\d{1,3}|(?:speaker|spreker|spk|deelnemer|participant)(?:[ _]?\d{1,3}|[ _][a-z])"
    r"|(?:unknown|unidentified) speaker(?: \d{1,3})?|onbekende (?:spreker|deelnemer)(?: \d{1,3})?)$",
    re.IGNORECASE,
)

#: Lower-case openers of a speaker label, longest first: "de heer Jansen", "mevrouw Hoekstra", "de voorzitter".
LABEL_OPENERS = ("het lid", "de heer", "mevrouw", "dhr.", "mw.", "de")

_TIMESTAMP = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
#: A cue timing line: "00:00:01.000 --> 00:00:04.500 align:start" (WebVTT) or with commas (SRT). Both sides
#: must start with a digit; times that do not parse give a cue without times and a warning.
TIMING_LINE = re.compile(r"^\s*(?P<start>\d[\d:.,]*)\s*-->\s*(?P<end>\d[\d:.,]*)?(?P<settings>(?:\s.*)?)$")
#: A line that is meant as a timing line but is broken: WebVTT's arrow "-->" with at most one word (no spaces) on
#: either side ("00:00:0x.000 --> 00:00:09.000", "-00:00:02,000 --> …", "xx --> yy", "--> 00:00:09.000", "12 -->"), or
#: a one-dash arrow "->" between two time-like words (`TIME_LIKE`: "00:01.000 -> 00:02.000"), then at most cue
#: settings ("align:start"), so no speech is dropped with it ("3-->4 is de stand" is speech). Such a line opens a cue
#: without times (and a warning) instead of reaching the previous cue's speech.
BROKEN_TIMING_LINE = re.compile(
    r"^\s*(?P<start>[^\s<>]{0,40}?)\s*(?P<arrow>-->|(?<!-)->)\s*(?P<end>[^\s<>]{0,40})"
    r"(?P<settings>(?:[ \t]+[\w-]{1,20}:\S{1,40}){0,10})\s*$"
)
#: A word that looks like a cue time, readable or not: "00:01.000", "1:2", "-00:00:02,000", "00:00:0x.000".
TIME_LIKE = re.compile(r"^-?[\dxX]{1,3}(?::[\dxX]{1,3}){1,2}(?:[.,][\dxX]{1,4})?$")
#: Longest piece of a bad timing line or value quoted in a warning, in characters.
SHOWN_CHARS = 60
#: Cue identifiers that cannot be speech: integers and Teams' "<GUID>/32-0".
_ID_LIKE = re.compile(r"^(?:\d+|[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{4,}\S*)$")
_BRACKET_PREFIX = re.compile(rf"^\[(?P<label>[^\]\n]{{1,{MAX_LABEL_CHARS}}})\]\s*(?P<colon>:)?\s*")
_COLON_PREFIX = re.compile(rf"^(?P<label>[^:\n\[\]<>{{}}]{{1,{MAX_LABEL_CHARS}}}?)\s?:\s+(?=\S)")
_PARTY = re.compile(r"\s*\([^()]{1,40}\)$")


@dataclass(frozen=True)
class Cue:
    """One timed piece of speech: `text` is speech only (no ids, times, tags or label prefixes)."""

    text: str
    speaker: str | None = None
    start_time: float | None = None
    end_time: float | None = None


@dataclass(frozen=True)
class Heading:
    """A session heading between cues ("Agendapunt 3: Begroting"): a heading block, and a new session when
    `pipeline.ingest.layout.is_session_heading` says so."""

    text: str


@dataclass(frozen=True)
class Prose:
    """A paragraph of report text between cues (a Word file's prose before, between or after a turn table, a
    "Besluit: …" line): a paragraph block of its own, never part of a turn."""

    text: str


@dataclass(frozen=True)
class RawCue:
    """A cue as it stands in a WebVTT or SRT file: its id, times, and the non-blank lines of cue text."""

    ident: str | None
    start_time: float | None
    end_time: float | None
    lines: list[str]
    line_number: int


@dataclass
class Turn:
    """Consecutive cues of one speaker; `pieces` are the cue texts."""

    speaker: str | None
    start_time: float | None
    end_time: float | None
    pieces: list[str] = field(default_factory=list)
    chars: int = 0
    heading: bool = False
    prose: bool = False


def parse_timestamp(value: str) -> float | None:
    """Seconds of "01:02:03.500", "62:03,5" or "02:03" (hours optional, '.' or ',' decimals); None if malformed
    or out of range (seconds of 60 or more; minutes of 60 or more after an hours field: "99:99:99")."""
    m = _TIMESTAMP.match(value.strip())
    if not m:
        return None
    hours, minutes, seconds, fraction = m.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def _timestamp_problem(value: str) -> str:
    """What is wrong with a timing line's time that `parse_timestamp` refused, as a `TimeIssues` kind."""
    value = value.strip()
    if value.startswith("-") and parse_timestamp(value[1:]) is not None:
        return "negative cue time(s) left out; the cue text is kept"
    if _TIMESTAMP.match(value):
        return "cue time(s) with minutes or seconds of 60 or more left out; the cue text is kept"
    return "cue time(s) that cannot be read left out; the cue text is kept"


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


@dataclass
class TimeIssues:
    """Times (and other values, such as a speech text that is no string) a reader could not use, per kind: how many
    and where the first one was (a line number, a JSON key).

    `warnings()` gives one message per kind for `Transcript.warnings`; the text of every cue is kept either way.
    """

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, str] = field(default_factory=dict)

    def note(self, kind: str, where: str) -> None:
        """Count one problem of `kind` (a phrase such as "cue timing line(s) that cannot be read") at `where`."""
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.first.setdefault(kind, where)

    def warnings(self) -> list[str]:
        return [f"{count} {kind} (first at {self.first[kind]})" for kind, count in self.counts.items()]

    def checked(self, start: float | None, end: float | None, where: str) -> tuple[float | None, float | None]:
        """`start` and `end` with unusable values as None: negative times, and an end before its start."""
        if start is not None and start < 0:
            self.note("negative start time(s) left out", where)
            start = None
        if end is not None and end < 0:
            self.note("negative end time(s) left out", where)
            end = None
        if start is not None and end is not None and end < start:
            self.note("end time(s) before the start left out", where)
            end = None
        return start, end

    def seconds(self, value: object, where: str, *, scale: float = 1.0) -> float | None:
        """A JSON time in seconds (`value / scale`), or None with a note for text, true/false, NaN and infinity;
        a missing value (None) is no problem."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.note("time(s) that are no number of seconds left out", f"{where}: {_shown(value)}")
            return None
        try:
            seconds = float(value) / scale
        except OverflowError:
            seconds = math.inf
        if not math.isfinite(seconds):
            self.note("time(s) that are NaN or infinite left out", f"{where}: {_shown(value)}")
            return None
        return seconds


def union_seconds(intervals: Iterable[tuple[float, float]]) -> float:
    """Seconds covered by the union of (start, end) intervals: overlapping and repeated intervals count once.

    Intervals with end < start are ignored; O(n log n) for the sort, then one pass.
    """
    total = 0.0
    current_start: float | None = None
    current_end = 0.0
    for start, end in sorted((s, e) for s, e in intervals if e >= s):
        if current_start is None or start > current_end:
            if current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_start is not None:
        total += current_end - current_start
    return total


def clean_speech(text: str) -> str:
    """NFC, one space for every run of whitespace (cue line wraps included), no outer spaces."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


@lru_cache(maxsize=4096)
def is_anonymous_label(label: str) -> bool:
    """A diarisation voice ("SPEAKER_00", "Spreker 1", "Unknown Speaker") rather than a named person."""
    return bool(ANONYMOUS_LABEL.match(label.strip()))


@lru_cache(maxsize=4096)
def _is_name_label(label: str) -> bool:
    """"Jan de Vries", "Wethouder Lisa Kramer (GroenLinks)", "De voorzitter", "mevrouw Hoekstra": capitalised
    words, name particles and office nouns, after an optional honorific; not "Let op" or "De vraag"."""
    bare = _PARTY.sub("", label).strip()
    lowered = bare.lower()
    if not bare or lowered in word_set("non_speaker_labels.txt") or is_session_heading(bare):
        return False
    words = bare.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS:
        return False
    opener = next((o for o in LABEL_OPENERS if lowered.startswith(o + " ")), None)
    if opener is not None:
        words = words[len(opener.split()) :]
    elif not words[0][0].isupper() or (len(words) == 1 and lowered in word_set("function_words.txt")):
        return False
    particles, offices = word_set("name_particles.txt"), word_set("office_roles.txt")
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in particles or w.lower() in offices for w in words)


def split_speaker_prefix(line: str) -> tuple[str | None, str]:
    """("SPEAKER_00", "tekst") for "[SPEAKER_00]: tekst", ("Jan", "tekst") for "Jan: tekst", else (None, line).

    A bracketed label needs a colon after it unless it is a diarisation label ("[SPEAKER_00] tekst"), so
    "[applaus]" stays text; a colon label must look like a name or a role ("Let op: …" stays text).
    """
    if line.startswith("["):
        m = _BRACKET_PREFIX.match(line)
        if m:
            label = m.group("label").strip()
            if label and (is_anonymous_label(label) or (m.group("colon") and _is_name_label(label))):
                return label, line[m.end() :]
        return None, line
    m = _COLON_PREFIX.match(line)
    if m and _is_name_label(m.group("label").strip()):
        return m.group("label").strip(), line[m.end() :]
    return None, line


def label_line(line: str) -> str | None:
    """The label of a line that is only a speaker label ("De heer Van der Ham (D66):"), else None."""
    line = line.strip()
    if not line.endswith(":") or len(line) > MAX_LABEL_CHARS + 1:
        return None
    label = line[:-1].strip()
    return label if label and _is_name_label(label) else None


def cues_from_lines(lines: Iterable[str], start: float | None, end: float | None) -> list[Cue]:
    """Cues of one subtitle cue's text lines: a line opening with a speaker prefix starts a new speaker."""
    out: list[Cue] = []
    speaker: str | None = None
    parts: list[str] = []
    for line in lines:
        label, rest = split_speaker_prefix(line.strip())
        if label is not None:
            if parts:
                out.append(Cue(" ".join(parts), speaker, start, end))
            speaker, parts = label, []
        if rest.strip():
            parts.append(rest)
    if parts:
        out.append(Cue(" ".join(parts), speaker, start, end))
    return out


def split_cues(text: str, *, vtt: bool) -> tuple[list[RawCue], list[str]]:
    """The cues of a WebVTT (`vtt=True`) or SRT text, and warnings; one pass over the lines.

    A cue starts at a timing line and holds the non-blank lines up to the next cue's id or timing line, so
    a blank (or whitespace-only) line inside a cue and a missing blank line between cues lose nothing. The
    line just before a timing line is that cue's id when it is id-like (an integer; in WebVTT also a
    Teams GUID or one word after a blank line). WebVTT `NOTE`, `STYLE` and `REGION` blocks and the header
    block (the `WEBVTT` line and the lines below it up to the first blank line) are skipped; other text before
    the first cue is left out with a warning that names its first line.
    """
    cues: list[RawCue] = []
    warnings: list[str] = []
    current: list[str] | None = None
    previous_blank = True
    comment = False
    last_was_text = False
    last_after_blank = False
    issues = TimeIssues()
    header = vtt and text.lstrip("\ufeff").startswith("WEBVTT")
    before: list[tuple[int, str]] = []  # text lines before the first cue: (line number, text)
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            previous_blank, comment, last_was_text, header = True, False, False, False
            continue
        if comment or header:
            continue
        if vtt and previous_blank and (current is None or stripped.startswith("NOTE")) and _is_vtt_block(stripped):
            comment, previous_blank, last_was_text = True, False, False
            continue
        m = _timing_match(line) if "->" in line else None
        if m is None:
            if current is not None:
                current.append(stripped)
            else:
                before.append((number, stripped))
            last_was_text, last_after_blank = True, previous_blank
            previous_blank = False
            continue
        ident = None
        lines = current if current is not None else [text for _, text in before]
        if last_was_text and lines:
            candidate = lines[-1]
            if _ID_LIKE.match(candidate) or (vtt and last_after_blank and " " not in candidate and "\t" not in candidate):
                ident = candidate
                if current is not None:
                    current.pop()
                else:
                    before.pop()
        if current is None and before:
            first, shown = before[0]
            warnings.append(f"{len(before)} line(s) of text before the first cue, outside any cue, left out (first at line {first}: {_shown(shown)})")
        start, end = _cue_times(m, issues, f"line {number}: {_shown(stripped)}")
        start, end = issues.checked(start, end, f"line {number}")
        current = []
        cues.append(RawCue(ident, start, end, current, number))
        previous_blank, last_was_text = False, False
    warnings.extend(issues.warnings())
    return cues, warnings


def _timing_match(line: str) -> re.Match[str] | None:
    """The match of a timing line: one whose times both parse (whatever follows them), else one that has the shape
    of a broken timing line (`BROKEN_TIMING_LINE`); None for speech that holds an arrow ("3-->4 is de stand")."""
    if "-->" in line:
        m = TIMING_LINE.match(line)
        if m is not None and parse_timestamp(m.group("start")) is not None and parse_timestamp(m.group("end") or "") is not None:
            return m
    broken = BROKEN_TIMING_LINE.match(line)
    if broken is None or broken.group("arrow") == "-->":
        return broken
    return broken if TIME_LIKE.match(broken.group("start")) and TIME_LIKE.match(broken.group("end")) else None


def _cue_times(m: re.Match[str], issues: TimeIssues, where: str) -> tuple[float | None, float | None]:
    """The start and end of a timing line's match (None for a time it lacks or cannot give), its problems noted in
    `issues`: one note for a line without a single readable time or with a one-dash arrow, else one per bad time."""
    if m.re is BROKEN_TIMING_LINE and m.group("arrow") != "-->":
        issues.note("cue timing line(s) with '->' instead of '-->': their times left out, the cue text kept", where)
        return None, None
    start = parse_timestamp(m.group("start"))
    end = parse_timestamp(m.group("end") or "")
    if start is None and end is None:
        issues.note("cue timing line(s) that cannot be read: the cue text kept without times", where)
        return None, None
    for value, parsed in ((m.group("start"), start), (m.group("end") or "", end)):
        if parsed is None:
            issues.note(_timestamp_problem(value), where)
    return start, end


def _is_vtt_block(line: str) -> bool:
    """A WebVTT comment, style or region block header."""
    for keyword in ("NOTE", "STYLE", "REGION"):
        if line == keyword or line.startswith(keyword + " ") or line.startswith(keyword + "\t"):
            return True
    return False


def merge_cues(cues: Iterable[Cue | Heading | Prose]) -> list[Turn]:
    """Consecutive cues of one speaker become one turn; unknown speakers break at pauses and at a size cap;
    a heading is a turn of its own with `heading=True`, a prose paragraph one with `prose=True`."""
    turns: list[Turn] = []
    for cue in cues:
        text = clean_speech(cue.text)
        if not text:
            continue
        if isinstance(cue, Heading):
            turns.append(Turn(None, None, None, [text], len(text), heading=True))
            continue
        if isinstance(cue, Prose):
            turns.append(Turn(None, None, None, [text], len(text), prose=True))
            continue
        last = turns[-1] if turns else None
        if last is not None and not (last.heading or last.prose) and last.speaker == cue.speaker and not _breaks_unknown(last, cue):
            last.pieces.append(text)
            last.chars += len(text) + 1
            if cue.end_time is not None and (last.end_time is None or cue.end_time > last.end_time):
                last.end_time = cue.end_time
            if cue.start_time is not None and (last.start_time is None or cue.start_time < last.start_time):
                last.start_time = cue.start_time
            if last.start_time is not None and last.end_time is not None and last.end_time < last.start_time:
                last.end_time = None  # only when a cue's own times were left out (and reported)
            continue
        turns.append(Turn(cue.speaker, cue.start_time, cue.end_time, [text], len(text)))
    return turns


def _breaks_unknown(turn: Turn, cue: Cue) -> bool:
    if turn.speaker is not None:
        return False
    if turn.chars >= UNKNOWN_SPEAKER_MAX_CHARS:
        return True
    return turn.end_time is not None and cue.start_time is not None and cue.start_time - turn.end_time >= UNKNOWN_SPEAKER_PAUSE_S


def build_transcript(
    cues: Iterable[Cue | Heading | Prose], *, source: str, format: str, warnings: Iterable[str] = (), title: str | None = None, what: str = "cues"
) -> Transcript:
    """A `Transcript` whose text is the merged turns, one a paragraph; one session, or one per session heading.

    Raises `InputError` when no cue holds speech text (`what` names the units in the message). Warns when
    no turn has a speaker or when some turns have none; registers anonymous labels as `type="unknown"`.
    """
    merged = merge_cues(cues)
    turns = [turn for turn in merged if not (turn.heading or turn.prose)]
    if not turns:
        raise InputError(source, f"no speech text in any of its {what}: nothing to analyse")
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for turn in merged:
        body = " ".join(turn.pieces)
        if pieces:
            pieces.append("\n\n")
            offset += 2
        kind = BlockKind.HEADING if turn.heading else BlockKind.PARAGRAPH if turn.prose else BlockKind.TURN
        blocks.append(Block(kind, offset, offset + len(body), body, turn.speaker, turn.start_time, turn.end_time))
        pieces.append(body)
        offset += len(body)
    text = "".join(pieces)
    notes = list(warnings)
    unlabelled = sum(1 for turn in turns if turn.speaker is None)
    if unlabelled == len(turns):
        notes.append("the file names no speakers: every turn has speaker unknown")
    elif unlabelled:
        notes.append(f"{unlabelled} of {len(turns)} turns have no speaker label (speaker unknown)")
    participants: dict[str, Participant] = {}
    for turn in turns:
        if turn.speaker is not None and turn.speaker not in participants and is_anonymous_label(turn.speaker):
            participants[turn.speaker] = Participant(key=turn.speaker, name=turn.speaker, type="unknown")
    return Transcript(
        source=source,
        format=format,
        text=text,
        sessions=split_sessions(blocks, len(text)),
        title=title,
        participants=participants,
        warnings=notes,
        normalisation=BUILT_FROM_TURNS,
    )


def decode_or_refuse(data: bytes, source: str) -> Decoded:
    """`pipeline.ingest.encoding.decode_report` (text, encoding, warnings about replaced bytes), with its errors
    as `InputError` naming the file."""
    try:
        return decode_report(data)
    except DecodeError as err:
        raise InputError(source, str(err)) from err


_SNIFF_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def head_text(head: bytes) -> str:
    """Best-effort text of a file's first bytes for a sniffer (BOM honoured, undecodable bytes dropped)."""
    for bom, encoding in _SNIFF_BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")
