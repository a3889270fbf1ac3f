"""Word (.docx) transcripts and reports, read with python-docx.

The body is read in document order, tables included, taking tracked insertions (`w:ins`) as text and
leaving deletions (`w:delText`) out. Turns come from:
- Teams transcripts: a header "Naam   0:04" (or "Naam   1 minuut 5 seconden") with the speech below it, in
  the same paragraph after a line break or in the paragraphs that follow; "X started transcription" is no speech;
- Microsoft Stream and older Teams exports: "0:0:0.0 --> 0:0:5.200", the speaker's name, the speech;
- Google Meet "Notes by Gemini": only the part after the "Transcript" heading is speech (the generated
  summary before it is not), with "00:00:11" time paragraphs and "Naam: tekst" paragraphs;
- tables with a speaker and a text column (and an optional time column), "Naam: tekst" paragraphs
  around them, and time paragraphs ("00:01:10") between "Naam: tekst" paragraphs.
Any other Word file is handed, as plain text (paragraphs apart by a blank line), to the `text` reader, which
tells a prose report from the plain-text turn layouts ("Naam: tekst", Handelingen labels on their own line,
agenda headings), so a Word file reads as its text would.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from pipeline.ingest.cues import (
    TIMING_LINE,
    Cue,
    Heading,
    Prose,
    build_transcript,
    clean_speech,
    label_line,
    parse_timestamp,
    split_speaker_prefix,
)
from pipeline.ingest.encoding import normalise
from pipeline.ingest.layout import is_session_heading
from pipeline.ingest.model import Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, readers, register

#: Refuse archives that unpack to more than this many bytes (a zip bomb), before python-docx reads them.
MAX_UNPACKED_BYTES = 500_000_000
#: Refuse a package whose XML parts hold more than this many tags ('<', start and end tags alike), counted while the
#: parts are streamed out of the zip, before python-docx builds its tree: a tree takes hundreds of bytes per element,
#: so a part of tens of millions of empty `<w:p/>` would need gigabytes within the byte limit above. A Word document
#: of a thousand pages holds about a million; the count stops at the limit, so a refusal takes a second, not minutes.
MAX_XML_TAGS = 5_000_000
#: Bytes of a part read from the zip at a time while counting its tags.
_COUNT_CHUNK = 1 << 20
#: A table is a turn table when at least this share of its non-empty rows fit the speaker/time pattern.
TABLE_FIT_SHARE = 0.8
#: In a table without a header row, the speech column's cells are on average at least this much longer
#: than the speaker column's (an attendance list "Naam | Functie" is no turn table).
TABLE_TEXT_TO_SPEAKER_RATIO = 2.0
#: Longest speaker cell in a table without header, in characters and words.
TABLE_SPEAKER_MAX_CHARS = 60
TABLE_SPEAKER_MAX_WORDS = 6
#: Longest paragraph taken for a session heading ("Agendapunt 3: Begroting 2027").
SESSION_HEADING_MAX_CHARS = 100
#: Longest line taken for a Teams header "Naam   0:04" (longer lines are speech; also keeps the match linear).
TEAMS_HEADER_MAX_CHARS = 160
#: Paragraphs before the first turn (a title and a date) that are left out without a warning.
PREAMBLE_QUIET = 2

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
_TEXT, _TAB, _BR, _CR, _NB_HYPHEN = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "noBreakHyphen"))
_DEL, _MOVE_FROM = f"{_W}del", f"{_W}moveFrom"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_DURATION_UNITS = r"(?:uur|uren|hours?|minuut|minuten|minutes?|seconde|seconden|seconds?)"
#: Teams header: "Hanneke Bos   0:04", "Hanneke Bos\t1:02:03", "Hanneke Bos   1 minuut 5 seconden".
_TEAMS_HEADER = re.compile(
    rf"^(?P<name>\S[^\t\n]{{0,80}}?)(?:[ \u00a0]{{2,}}|\t)\s*"
    rf"(?:(?P<clock>\d{{1,2}}(?::\d{{2}}){{1,2}})|(?P<spoken>\d+ {_DURATION_UNITS}(?: \d+ {_DURATION_UNITS}){{0,2}}))$",
    re.IGNORECASE,
)
_SPOKEN_PART = re.compile(rf"(\d+) ({_DURATION_UNITS})", re.IGNORECASE)
_TIME_ONLY = re.compile(r"^\d{1,2}(?::\d{2}){1,2}$")
#: A time before a "Naam: tekst" paragraph: "[00:01:02] Naam: tekst", "0:04 Naam: tekst".
_LEADING_TIME = re.compile(r"^\[?(?P<time>\d{1,2}(?::\d{2}){1,2})\]?\s+(?=\S)")
_ANY_TIME = re.compile(r"\d{1,2}(?::\d{2}){1,2}")
_LEADING_SYMBOLS = re.compile(r"^[^\w\[(]+")
#: A date line under a transcript's title: "Aug 15, 2026", "12 maart 2026, 10:00".
_DATE_LINE = re.compile(r"^(?:\w{3,9}\.? \d{1,2}, \d{4}|\d{1,2} \w{3,9}\.? \d{4})(?:,? .{0,20})?$")
_TITLE_SUFFIX = re.compile(r"\s+-\s+(?:transcript|transcriptie)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Markers:
    not_speech: re.Pattern[str]
    transcript_heading: re.Pattern[str]
    transcript_end: re.Pattern[str]
    columns: dict[str, frozenset[str]]


@cache
def _markers() -> _Markers:
    data = tomllib.loads(resources.files("pipeline.resources").joinpath("docx_transcripts.toml").read_text(encoding="utf-8"))

    def compiled(key: str) -> re.Pattern[str]:
        # One alternation per list: a paragraph is matched once, not once per pattern.
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)

    columns = {k: frozenset(v) for k, v in data["table_columns"].items()}
    return _Markers(compiled("not_speech"), compiled("transcript_heading"), compiled("transcript_end"), columns)


def _bare(text: str) -> str:
    """A paragraph without leading emoji or bullets ("📖 Transcript" → "Transcript")."""
    return _LEADING_SYMBOLS.sub("", text.strip())


def _matches(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.match(text) is not None


# --- the body in document order -------------------------------------------------------------------------


def _paragraph_text(p: Any) -> str:
    """Visible text of a `w:p`: runs including tracked insertions, tabs and line breaks; no deleted text."""
    parts: list[str] = []
    for el in p.iter(_TEXT, _TAB, _BR, _CR, _NB_HYPHEN):
        tag = el.tag
        if tag == _TEXT:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    return "\n".join(t for t in (_paragraph_text(p) for p in tc.iter(_P)) if t.strip())


def _body_items(container: Any) -> Iterator[str | list[list[str]]]:
    """Paragraph texts and tables (rows of cell texts), in document order."""
    for child in container:
        if child.tag == _P:
            yield _paragraph_text(child)
        elif child.tag == _TBL:
            yield [[_cell_text(tc) for tc in tr.iterchildren(_TC)] for tr in child.iterchildren(_TR)]
        elif child.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            yield from _body_items(child)


def _open(data: bytes, source: str) -> Any:
    """The document's `w:body`; `InputError` for a file that is no readable Word document."""
    if data.startswith(_OLE_SIGNATURE):
        raise InputError(source, "an old Word .doc or a password-protected document, not a .docx; save it as .docx without a password")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise InputError(source, f"not a Word .docx file (not a readable zip archive: {err})") from err
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(source, f"the Word file unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB")
    _check_tag_count(data, source)
    if "[Content_Types].xml" not in names and not any(name.startswith("word/") for name in names):
        raise InputError(source, "not a readable Word .docx file: a zip archive without a Word document in it")
    import docx
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many types (KeyError, ValueError, lxml errors) for broken packages
        raise InputError(source, _package_problem(err)) from err
    root = document.element
    body = getattr(root, "body", None)  # a main part whose root is no <w:document> has none (AttributeError)
    if body is None:
        if _W not in str(getattr(root, "tag", "")) or not str(root.tag).endswith("}document"):
            raise InputError(source, f"the Word file's main part is no Word document (its root element is <{etree.QName(root).localname}>)")
        raise InputError(source, "the Word document has no body")
    entity = next(body.iter(etree.Entity), None)
    if entity is not None:
        # python-docx does not expand entities (safely so): the text they stand for would be lost without a word.
        raise InputError(source, f"the Word document uses XML entities from a DTD (first: {entity.text}), which Word never writes; "
                                 "notulist does not expand them and would lose their text: open the file in Word and save it again")
    _drop_unseen(body)
    return body


def _check_tag_count(data: bytes, source: str) -> None:
    """`InputError` when the package's XML parts (`.xml`, `.rels`) hold more than `MAX_XML_TAGS` tags in all; the
    parts are decompressed a chunk at a time and never held whole, and counting stops at the limit."""
    tags = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.lower().endswith((".xml", ".rels")):
                    continue
                with archive.open(info) as part:
                    while chunk := part.read(_COUNT_CHUNK):
                        tags += chunk.count(b"<")
                        if tags > MAX_XML_TAGS:
                            raise InputError(source, f"the Word file holds more than {MAX_XML_TAGS:,} XML tags "
                                                     f"(first past the limit in {info.filename}); far more than a document Word writes")
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 — BadZipFile (a bad CRC), zlib.error, EOFError, NotImplementedError …
        raise InputError(source, f"not a Word .docx file (a part of the zip archive cannot be unpacked: {err})") from err


_MISSING_ITEM = re.compile(r"There is no item named '([^']*)' in the archive")
_OTHER_KINDS = {"spreadsheetml": "an Excel workbook", "presentationml": "a PowerPoint presentation"}


def _package_problem(err: BaseException) -> str:
    """A plain explanation of why python-docx could not open a package (no Python exception names)."""
    message = str(err.args[0]) if err.args else str(err)
    if isinstance(err, KeyError):
        missing = _MISSING_ITEM.search(message)
        if missing:
            return f"the Word file is damaged: a part it refers to is missing ({missing.group(1)})"
        if "officeDocument" in message:
            return "the zip archive holds no Word document (no main document part): not a .docx file"
        return f"the Word file is damaged: a part or relationship it needs is missing ({message})"
    if isinstance(err, ValueError) and "macroEnabled" in message:
        return "a macro-enabled Word document (.docm); notulist reads no macro-enabled files: save it as .docx in Word"
    if isinstance(err, ValueError) and "content type is" in message:
        kind = next((name for key, name in _OTHER_KINDS.items() if key in message), None)
        return f"not a Word document but {kind}; save it as .docx from Word" if kind else "the zip archive's main part is no Word document"
    from lxml import etree

    if isinstance(err, etree.XMLSyntaxError):
        return f"the Word file's XML is damaged ({err.msg})"
    if type(err).__name__ == "PackageNotFoundError":
        return "not a Word .docx package"
    return f"not a readable Word .docx file ({message or type(err).__name__})"


def _drop_unseen(body: Any) -> None:
    """Remove what a reader of the document does not see: tracked deletions and moved-away text (a move
    leaves its text at `w:moveTo`), and the fallback copy of a text box that Word stores twice."""
    unseen = [el for el in body.iter(_DEL, _MOVE_FROM, _FALLBACK)]
    for el in unseen:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


# --- turns ----------------------------------------------------------------------------------------------


def _spoken_seconds(text: str) -> float:
    total = 0.0
    for number, unit in _SPOKEN_PART.findall(text):
        unit = unit.lower()
        scale = 3600 if unit.startswith(("uur", "uren", "hour")) else 60 if unit.startswith(("min",)) else 1
        total += int(number) * scale
    return total


def _teams_header(line: str) -> tuple[str, float | None] | None:
    """("Hanneke Bos", 4.0) for "Hanneke Bos   0:04"; None for other lines."""
    line = line.strip()
    if len(line) > TEAMS_HEADER_MAX_CHARS:
        return None
    m = _TEAMS_HEADER.match(line)
    if not m:
        return None
    name = m.group("name").strip()
    if len(name.split()) > TABLE_SPEAKER_MAX_WORDS or name[-1] in ".,;:!?":
        return None
    time = parse_timestamp(m.group("clock")) if m.group("clock") else _spoken_seconds(m.group("spoken"))
    return name, time


@dataclass
class _TableColumns:
    speaker: int
    text: int
    time: int | None
    header: bool


def _table_columns(rows: list[list[str]]) -> _TableColumns | None:
    """Which columns of a table hold speaker, speech and time, from a header row or from the cells."""
    if not rows or max(len(r) for r in rows) < 2:
        return None
    words = _markers().columns
    head = [clean_speech(c).lower().rstrip(":") for c in rows[0]]
    found = {kind: next((i for i, c in enumerate(head) if c in words[kind]), None) for kind in ("speaker", "text", "time")}
    if found["speaker"] is not None and found["text"] is not None:
        return _TableColumns(found["speaker"], found["text"], found["time"], True)
    body = [r for r in rows if any(c.strip() for c in r)]
    if len(body) < 2 or min(len(r) for r in body) < 2:
        return None
    width = min(len(r) for r in body)
    time_col = next((i for i in range(width) if _share(body, i, lambda c: parse_timestamp(c) is not None) >= TABLE_FIT_SHARE), None)
    rest = [i for i in range(width) if i != time_col]
    lengths = {i: sum(len(r[i]) for r in body) / len(body) for i in rest}
    text_col = max(rest, key=lambda i: lengths[i])
    speaker_candidates = [i for i in rest if i != text_col and _share(body, i, _speaker_cell) >= TABLE_FIT_SHARE]
    if not speaker_candidates:
        return None
    speaker_col = speaker_candidates[0]
    if lengths[text_col] < TABLE_TEXT_TO_SPEAKER_RATIO * max(lengths[speaker_col], 1.0):
        return None
    return _TableColumns(speaker_col, text_col, time_col, False)


def _share(rows: list[list[str]], col: int, test: Any) -> float:
    cells = [r[col].strip() for r in rows if r[col].strip()]
    return sum(1 for c in cells if test(c)) / len(cells) if cells else 0.0


def _speaker_cell(cell: str) -> bool:
    words = cell.split()
    return len(cell) <= TABLE_SPEAKER_MAX_CHARS and 1 <= len(words) <= TABLE_SPEAKER_MAX_WORDS and "\n" not in cell


@dataclass
class _Draft:
    """A turn being built from paragraphs."""

    speaker: str | None
    start_time: float | None
    parts: list[str] = field(default_factory=list)
    heading: bool = False
    end_time: float | None = None
    #: A table row's turn: complete in its cell, so a paragraph after it is report text, not more of its speech.
    closed: bool = False
    #: A paragraph of report text (before, between or after turn tables), a block of its own.
    prose: bool = False


@dataclass
class _Reading:
    """The state of one pass over the body."""

    turns: list[_Draft] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    opened: int = 0
    #: Seen a layout only Word transcripts have: a Teams header, a Gemini transcript part, a turn table, or
    #: time paragraphs between turns. Without one the document goes to the text reader.
    strong: bool = False
    teams: bool = False
    pending_time: float | None = None
    end_time: float | None = None
    #: Stream layout: a timing paragraph was read, the next paragraph is the speaker's name (and its times).
    expect_name: tuple[float | None, float | None] | None = None
    #: The first turn came from a turn table: the paragraphs before it are the report's own text, kept.
    table_first: bool = False

    def open(self, speaker: str | None, time: float | None, text: str, end: float | None = None) -> None:
        self.turns.append(_Draft(speaker, time if time is not None else self.pending_time, [text] if text.strip() else [], end_time=end))
        self.pending_time = None
        self.opened += 1

    def add(self, text: str) -> None:
        if not self.turns:
            self.preamble.append(text)
        elif self.turns[-1].heading:
            self.turns.append(_Draft(None, self.pending_time, [text]))
            self.pending_time = None
        elif self.turns[-1].closed or self.turns[-1].prose:
            # "Besluit: …" under a speaker table: the row's speech ended in its cell
            self.turns.append(_Draft(None, None, [text], prose=True))
        else:
            self.turns[-1].parts.append(text)

    def heading(self, text: str) -> None:
        self.turns.append(_Draft(None, None, [text], heading=True))


def _read_paragraph(reading: _Reading, text: str) -> None:
    markers = _markers()
    bare = _bare(text)
    if _matches(markers.not_speech, bare):
        return
    if _TIME_ONLY.match(bare):
        reading.pending_time = parse_timestamp(bare)
        reading.strong = reading.strong or reading.opened > 0
        return
    first, _, rest = text.strip().partition("\n")
    if reading.expect_name is not None:
        start, end = reading.expect_name
        reading.expect_name = None
        if _stream_name(first):
            reading.open(first.strip(), start, rest, end)
        else:
            reading.open(None, start, text, end)
        return
    timing = TIMING_LINE.match(first) if "-->" in first else None
    if timing is not None:
        _read_stream_cue(reading, timing, rest)
        return
    header = _teams_header(first)
    if header is not None:
        reading.open(header[0], header[1], rest)
        reading.strong = reading.teams = True
        return
    if reading.teams:
        # In a Teams transcript only headers open turns: "Sanne: kom eens kijken" is someone's speech.
        reading.add(text)
        return
    stripped = text.strip()
    if "\n" not in stripped and len(stripped) <= SESSION_HEADING_MAX_CHARS and is_session_heading(bare):
        reading.heading(bare)
        return
    time = None
    timed = _LEADING_TIME.match(stripped)
    if timed is not None:
        time = parse_timestamp(timed.group("time"))
        stripped = stripped[timed.end() :]
    label, speech = split_speaker_prefix(stripped)
    if label is None and "\n" not in stripped:
        label, speech = label_line(stripped), ""
    if label is not None:
        reading.open(label, time, speech)
        return
    reading.add(text)


def _stream_name(line: str) -> bool:
    """A speaker's name on its own line under a Stream timing line: short, capitalised, no closing punctuation."""
    line = line.strip()
    words = line.split()
    return 0 < len(words) <= TABLE_SPEAKER_MAX_WORDS and len(line) <= TABLE_SPEAKER_MAX_CHARS and line[0].isupper() and line[-1] not in ".,;:!?…"


def _read_stream_cue(reading: _Reading, timing: re.Match[str], rest: str) -> None:
    """Microsoft Stream / older Teams .docx: "0:0:0.0 --> 0:0:5.200", the name, the speech; in one paragraph
    (line breaks) or in consecutive paragraphs."""
    start, end = parse_timestamp(timing.group("start")), parse_timestamp(timing.group("end") or "")
    reading.strong = reading.teams = True
    lines = [line for line in rest.split("\n") if line.strip()]
    if not lines:
        reading.expect_name = (start, end)
    elif _stream_name(lines[0]):
        reading.open(lines[0].strip(), start, "\n".join(lines[1:]), end)
    else:
        reading.open(None, start, "\n".join(lines), end)


def _read_rows(reading: _Reading, rows: list[list[str]]) -> None:
    columns = _table_columns(rows)
    if columns is None:
        for row in rows:
            line = " | ".join(clean_speech(c) for c in row if c.strip())
            if line:
                reading.paragraphs.append(line)
                reading.add(line)
        return
    for row in rows[1:] if columns.header else rows:
        if max(columns.speaker, columns.text) >= len(row):
            continue
        time = parse_timestamp(row[columns.time]) if columns.time is not None and columns.time < len(row) else None
        speaker = clean_speech(row[columns.speaker]).rstrip(":").strip() or None
        reading.table_first = reading.table_first or all(d.heading for d in reading.turns)
        reading.open(speaker, time, row[columns.text])
        reading.turns[-1].closed = True
        reading.strong = True


def _has_text(item: str | list[list[str]]) -> bool:
    if isinstance(item, str):
        return bool(item.strip())
    return any(cell.strip() for row in item for cell in row)


def _gemini_cut(items: list[str | list[list[str]]]) -> tuple[list[str | list[list[str]]], int]:
    """The items after a Gemini "Transcript" heading (and how many were cut), or all items when there is none."""
    headings = _markers().transcript_heading
    for i, item in enumerate(items):
        if isinstance(item, str) and _matches(headings, _bare(item)) and i > 0:
            return items[i + 1 :], i
    return items, 0


def read_docx(data: bytes, context: ReadContext) -> Transcript:
    """Turns of a Word transcript layout, else what the `text` reader makes of the paragraphs.

    Raises `InputError` for a file that is no readable .docx, a document without text, and a Gemini notes
    document whose transcript part holds no turns.
    """
    body = _open(data, context.source)
    items = list(_body_items(body))
    if not any(_has_text(item) for item in items):
        raise InputError(context.source, "the Word document holds no text")
    kept, cut = _gemini_cut(items)
    reading = _Reading(strong=cut > 0)
    end_markers = _markers().transcript_end
    for item in kept:
        if isinstance(item, list):
            _read_rows(reading, item)
            continue
        if not item.strip():
            continue
        if _matches(end_markers, _bare(item)):
            found = _ANY_TIME.search(item)
            reading.end_time = parse_timestamp(found.group()) if found else None
            break
        reading.paragraphs.append(item)
        _read_paragraph(reading, item)
    if not (reading.turns and reading.strong):
        if cut:
            raise InputError(context.source, "a Google Meet notes document whose transcript part holds no turns")
        # Plain text from here on: the text reader knows the report and turn layouts (Handelingen labels,
        # council transcript pages, labels inside report prose) that a Word file may hold as well.
        text = normalise("\n\n".join(p.strip() for p in reading.paragraphs if p.strip()))
        if not text.strip():
            raise InputError(context.source, "the Word document holds no text to read")
        return readers()["text"].read(text.encode("utf-8"), context)
    warnings = []
    if cut:
        warnings.append(f"the {cut} paragraphs before the 'Transcript' heading (generated notes and summary) are no speech and were left out")
    cues: list[Cue | Heading | Prose] = []
    # A turn without an end of its own ends where the next timed turn starts: one backward pass.
    ends: list[float | None] = []
    following = reading.end_time
    for draft in reversed(reading.turns):
        ends.append(draft.end_time if draft.end_time is not None else following if draft.start_time is not None else None)
        if draft.start_time is not None:
            following = draft.start_time
    tabled = any(d.closed for d in reading.turns)
    for draft, end in zip(reading.turns, reversed(ends), strict=True):
        text = " ".join(draft.parts)
        if tabled and draft.speaker is None and draft.start_time is None and not (draft.heading or draft.closed):
            draft.prose = True  # a report with speaker tables: a paragraph under a heading that no one speaks
        cues.append(Heading(text) if draft.heading else Prose(text) if draft.prose else Cue(text, draft.speaker, draft.start_time, end))
    title = next((_TITLE_SUFFIX.sub("", clean_speech(p)) for p in reading.preamble if not _DATE_LINE.match(p.strip())), None)
    if reading.table_first:
        # a report with a speaker table in it: the paragraphs before the table are report text (the title a heading)
        cues[:0] = [Heading(p) if i == 0 and title is not None and clean_speech(p) == title else Prose(p) for i, p in enumerate(reading.preamble)]
    elif len(reading.preamble) > PREAMBLE_QUIET:
        warnings.append(f"the {len(reading.preamble)} paragraphs before the first turn are no speech and were left out")
    return build_transcript(cues, source=context.source, format="docx", warnings=warnings, title=title, what="Word turns")


def sniff_docx(head: bytes, name: str) -> bool:
    """A zip archive holding `word/` parts (or named .docx)."""
    return head.startswith(b"PK\x03\x04") and (b"word/" in head or name.endswith(".docx"))


register(Reader("docx", "Word .docx: Teams or Google Meet transcript, turn table, or prose report", read_docx, frozenset({".docx"}), sniff_docx, priority=40))
