"""Properties of the timed-transcript readers: on any input a reader returns turns that hold all the speech
text, in order and with the right speakers, or raises `InputError`; never another exception."""

from __future__ import annotations

import html
import io
import json
import unicodedata

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import InputError
from pipeline.ingest.model import Transcript
from pipeline.ingest.readers.docx import read_docx
from pipeline.ingest.readers.srt import read_srt
from pipeline.ingest.readers.stt_json import read_stt_json
from pipeline.ingest.readers.vtt import read_vtt
from pipeline.ingest.registry import ReadContext

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPEAKERS = ["Anna de Vries", "Bram Kok", "SPEAKER_01", "Wethouder Lisa Kramer"]

# Speech words: letters, digits and punctuation that is not cue syntax (no ':' before a word could make a
# label, no '>' could close a tag, no '[' or '{').
_WORD_CHARS = st.characters(categories=["L", "N"]) | st.sampled_from(list(".,;!?'\"-&()/%€"))
WORD = st.text(_WORD_CHARS, min_size=1, max_size=12).filter(lambda w: any(c.isalnum() for c in w))
SPEECH = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
CUES = st.lists(st.tuples(st.sampled_from(SPEAKERS), st.lists(SPEECH, min_size=1, max_size=3)), min_size=1, max_size=8)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def check_invariants(transcript: Transcript) -> None:
    for block in transcript.blocks:
        assert transcript.text[block.start : block.end] == block.text
        assert block.text.strip()


def assert_holds_all_speech(transcript: Transcript, cues: list[tuple[str, list[str]]]) -> None:
    """The turns, in order, are the cues' speech texts, with consecutive cues of one speaker merged."""
    check_invariants(transcript)
    expected: list[tuple[str, str]] = []
    for speaker, lines in cues:
        text = _norm(" ".join(lines))
        if expected and expected[-1][0] == speaker:
            expected[-1] = (speaker, expected[-1][1] + " " + text)
        else:
            expected.append((speaker, text))
    assert [(b.speaker, b.text) for b in transcript.blocks] == expected


def _clock(seconds: int, sep: str) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{sep}000"


@SETTINGS
@given(CUES, st.lists(st.sampled_from(["voice", "voice-unclosed", "prefix", "bracket"]), min_size=8, max_size=8))
def test_vtt_turns_hold_all_speech(cues, styles):
    """Teams voice tags (closed or not), Zoom "Naam: " prefixes and WhisperX "[SPEAKER_01]: " mixed."""
    parts = ["WEBVTT", ""]
    for i, ((speaker, lines), style) in enumerate(zip(cues, styles, strict=False)):
        text = "\n".join(html.escape(line, quote=False) for line in lines)
        cue = {
            "voice": f"<v {speaker}>{text}</v>",
            "voice-unclosed": f"<v.loud {speaker}>{text}",
            "prefix": f"{speaker}: {text}",
            "bracket": f"[{speaker}]: {text}",
        }[style]
        parts += [str(i + 1), f"{_clock(i, '.')} --> {_clock(i + 1, '.')}", cue, ""]
    assert_holds_all_speech(read_vtt("\n".join(parts).encode(), ReadContext("p.vtt")), cues)


@SETTINGS
@given(CUES)
def test_srt_turns_hold_all_speech(cues):
    parts = []
    for i, (speaker, lines) in enumerate(cues):
        label = f"[{speaker}]" if speaker.startswith("SPEAKER") else speaker
        parts += [str(i + 1), f"{_clock(i, ',')} --> {_clock(i + 1, ',')}", f"{label}: " + "\n".join(lines), ""]
    assert_holds_all_speech(read_srt("\n".join(parts).encode(), ReadContext("p.srt")), cues)


@SETTINGS
@given(CUES)
def test_json_turns_hold_all_speech(cues):
    segments = [{"start": i, "end": i + 1, "text": " " + " ".join(lines), "speaker": speaker} for i, (speaker, lines) in enumerate(cues)]
    assert_holds_all_speech(read_stt_json(json.dumps({"segments": segments}).encode(), ReadContext("p.json")), cues)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CUES)
def test_docx_turns_hold_all_speech(cues):
    document = docx.Document()
    document.add_paragraph("Overleg")
    for i, (speaker, lines) in enumerate(cues):
        document.add_paragraph(f"{speaker}   {i // 60}:{i % 60:02d}")
        for line in lines:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert_holds_all_speech(read_docx(buffer.getvalue(), ReadContext("p.docx")), cues)


def _either_turns_or_input_error(reader, data: bytes, name: str) -> None:
    try:
        transcript = reader(data, ReadContext(name))
    except InputError as err:
        assert name in str(err)
        return
    check_invariants(transcript)
    assert transcript.blocks


_CUE_TEXT = st.lists(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=8) | st.sampled_from(["-->", "\n", "\n\n", "<v ", ">", "</v>", "&amp;", "00:01.000", "1\n"]),
    max_size=40,
).map("".join)


@SETTINGS
@given(_CUE_TEXT)
def test_vtt_on_arbitrary_text(text):
    _either_turns_or_input_error(read_vtt, ("WEBVTT\n\n" + text).encode("utf-8", errors="replace"), "x.vtt")


@SETTINGS
@given(_CUE_TEXT)
def test_srt_on_arbitrary_text(text):
    _either_turns_or_input_error(read_srt, ("1\n00:00:01,000 --> 00:00:02,000\n" + text).encode("utf-8", errors="replace"), "x.srt")


@SETTINGS
@given(st.binary(max_size=300))
def test_subtitle_readers_on_arbitrary_bytes(data):
    _either_turns_or_input_error(read_vtt, data, "x.vtt")
    _either_turns_or_input_error(read_srt, data, "x.srt")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["segments", "utterances", "results", "text", "speaker", "start", "end", "words", "transcript", "channels", "alternatives"]), children, max_size=5),
    max_leaves=25,
)


@SETTINGS
@given(_JSON)
def test_json_on_arbitrary_json(payload):
    _either_turns_or_input_error(read_stt_json, json.dumps(payload).encode(), "x.json")


@SETTINGS
@given(st.binary(max_size=200))
def test_json_on_arbitrary_bytes(data):
    _either_turns_or_input_error(read_stt_json, data, "x.json")


def _pieces(chars: st.SearchStrategy[str], syntax: list[str], size: int) -> st.SearchStrategy[str]:
    return st.lists(st.text(chars, max_size=8) | st.sampled_from(syntax), max_size=size).map("".join)


_CELL = _pieces(st.characters(categories=["L", "N", "P", "Zs"]), ["\n", ":", "0:04", "00:01:02", "Spreker", "Tekst"], 6)
_PARAGRAPH = _pieces(st.characters(categories=["L", "N", "P", "Zs", "So"]), ["\n", ": ", "   0:04", "Transcript", "00:00:11", "Agendapunt 2"], 10)
_TABLE = st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PARAGRAPH | _TABLE, max_size=10), st.booleans())
def test_docx_on_arbitrary_paragraphs_tables_and_merged_cells(items, merge):
    """Any mix of paragraphs and (ragged, partly merged) tables gives a transcript or an `InputError`."""
    document = docx.Document()
    for item in items:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        width = max(len(row) for row in item)
        table = document.add_table(rows=len(item), cols=width)
        for r, row in enumerate(item):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
        if merge and width > 1:
            table.cell(0, 0).merge(table.cell(0, 1))
    buffer = io.BytesIO()
    document.save(buffer)
    _either_turns_or_input_error(read_docx, buffer.getvalue(), "x.docx")


def _small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Anna de Vries: Goedemorgen allemaal.")
    document.add_paragraph("Bram Kok: Dank je wel.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = _small_docx()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(DOCX) - 1), st.binary(min_size=1, max_size=8))
def test_docx_on_corrupted_files(position, junk):
    _either_turns_or_input_error(read_docx, DOCX[:position] + junk + DOCX[position + len(junk) :], "x.docx")


@SETTINGS
@given(st.binary(max_size=200))
def test_docx_on_arbitrary_bytes(data):
    _either_turns_or_input_error(read_docx, data, "x.docx")
