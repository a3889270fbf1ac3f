"""Odd input never crashes the analysis, and offsets always point at the reported text."""

from __future__ import annotations

import random

import pytest

PIECES = [
    "“", "”", "‘", "’", ",,", "''", '"', "'", "«", "»", "„", " ", "\n", "\n\n", "Jan de Vries", " zegt ", " volgens ",
    " dat ", "z'n", "auto's", ".", ",", ":", "Sessie 2", "De heer Bakker", "Hij", "vertrouwen", "ideeën", "\t",
    "[00:01:02] Piet: ", "Let op: ", "— ", "…", "?", "!",
]


@pytest.mark.parametrize("seed", range(60))
def test_random_quote_marks_and_cues(analyse, seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(5, 80)))
    if not text.strip():
        return
    from pipeline.ingest.encoding import normalise

    normalised = normalise(text)
    a = analyse(text)
    for q in a.quotes:
        assert normalised[q.start : q.end] == q.text
    for theme in a.themes:
        for e in theme.evidence:
            assert normalised[e.start : e.end] == e.text


def test_colon_glued_to_a_quote_mark(analyse):
    a = analyse("Sessie 2De heer Bakker….\"vertrouwen:«,,‘auto's?.vertrouwenauto's.: dat .…— “…'».")
    assert a.document.words > 0 and all(q.speaker is None or q.speaker_id for q in a.quotes)


# ---------------------------------------------------------------------------------- whole files, any bytes

import json  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from pipeline.cli import app  # noqa: E402
from pipeline.ingest.encoding import decode_report  # noqa: E402
from pipeline.process import process_files  # noqa: E402

DUTCH_PIECES = st.sampled_from([
    "Karin Bakker", "de wethouder", " zegt ", " zei ", " volgens ", " dat ", "Hij", "Zij", "het plan", "vertrouwen",
    "de buurt", "samenwerking", "De heer Jansen", "Eva:", "Voorzitter:", "[00:01:02] Jan:", "Sessie 3", "\n", "\n\n",
])
MARKS = st.sampled_from(["“", "”", "‘", "’", "„", "\"", "'", "«", "»", ",,", ":", "::", "...", "…", "!!!", "?", ".", ",", "—", "=" * 5])
DUTCH_LIKE = st.lists(st.one_of(DUTCH_PIECES, MARKS, st.text(max_size=6)), min_size=1, max_size=40).map("".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300), DUTCH_LIKE.map(lambda t: t.encode("utf-8")),
                      DUTCH_LIKE.map(lambda t: t.encode("utf-8", errors="replace") + b"\x92 en \xe9")))
def test_any_file_is_processed_or_refused_with_a_message_and_offsets_index_the_text(nlp, data):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "invoer.txt"
        source.write_bytes(data)
        [outcome] = list(process_files(nlp, [source], Path(folder) / "out"))
        if outcome.error is not None:
            assert outcome.error.startswith(str(source)) and "could not be analysed" not in outcome.error
            return
        output = json.loads(outcome.output.read_text(encoding="utf-8"))
    text = decode_report(data).text
    for quote in output["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for turn in output["turns"] or []:
        assert 0 <= turn["start"] <= turn["end"] <= len(text)
    for theme in output["themes"]:
        for evidence in theme["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    for session in output["sessions"]:
        for sentence in session["summary"]["sentences"]:
            assert text[sentence["start"] : sentence["end"]] == sentence["text"]


# ------------------------------------------------------------------------- encodings (own reliability cases)

VERSLAG = "Vergadering in Zwolle\n\n“Het café van José blijft open”, zegt wethouder Ingrid Mulder.\n\nDe raad knikt.\n"


def test_one_stray_cp1252_byte_in_utf8_is_replaced_and_reported(tmp_path):
    data = VERSLAG.encode("utf-8").replace(b"De raad", b"De \x92raad")
    decoded = decode_report(data)
    assert "José" in decoded.text and "“Het café" in decoded.text
    assert "\ufffdraad" in decoded.text
    byte = data.index(b"\x92")
    assert decoded.warnings == [f"1 byte that is not valid UTF-8 replaced by U+FFFD (first at line 5, column 4, byte {byte}: 0x92)"]
    source = tmp_path / "gemengd.txt"
    source.write_bytes(data)
    result = CliRunner().invoke(app, ["process", str(source), "--out", str(tmp_path / "out"), "--model", "blank", "-q"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "not valid UTF-8" in result.output
    output = json.loads((tmp_path / "out" / "gemengd.json").read_text(encoding="utf-8"))
    assert output["document"]["warnings"] == decoded.warnings


def test_a_file_that_is_not_mostly_utf8_is_read_as_cp1252():
    decoded = decode_report(VERSLAG.replace("“", '"').replace("”", '"').encode("cp1252"))
    assert decoded.encoding == "cp1252" and "café van José" in decoded.text
    assert "cp1252" in decoded.warnings[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_without_bom_are_detected_not_called_binary(encoding):
    decoded = decode_report(VERSLAG.encode(encoding))
    assert decoded.text == VERSLAG and decoded.encoding == encoding


def test_nul_bytes_without_a_pattern_are_binary():
    from pipeline.ingest.encoding import DecodeError

    with pytest.raises(DecodeError, match="binary"):
        decode_report(b"\x00\x01\x02\x03PK\x03\x04" * 20)


def test_a_byte_order_mark_still_decides():
    assert decode_report(b"\xef\xbb\xbf" + VERSLAG.encode("utf-8")).text == VERSLAG
    assert decode_report("\ufeff".encode("utf-16-le") + VERSLAG.encode("utf-16-le")).text == VERSLAG


# --------------------------------------------------------------------------------------- clear messages


def test_theme_files_in_latin1_with_a_bom_or_a_bare_list_are_clear_errors(tmp_path):
    from pipeline.themes.definitions import ThemeFileError, load_themes

    latin1 = tmp_path / "latijn.toml"
    latin1.write_bytes('[[theme]]\nid = "zorg"\nlabel = "Zorg"\nterms = ["thuiszorg", "cafébezoek"]\n'.encode("latin-1"))
    with pytest.raises(ThemeFileError, match=r"latijn.toml: line 4, column 27: byte 0xe9 is not UTF-8"):
        load_themes(latin1)
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + b'[[theme]]\nid = "zorg"\nlabel = "Zorg"\nterms = ["thuiszorg"]\n')
    assert [t.terms for t in load_themes(bom)] == [("thuiszorg",)]
    bom.write_bytes(b"\xef\xbb\xbf" + b'[[theme]]\nid = "Zorg!"\nterms = ["thuiszorg"]\n')
    with pytest.raises(ThemeFileError, match=r"theme 1 \(line 1\): 'id'"):
        load_themes(bom)
    bare = tmp_path / "lijst.toml"
    bare.write_text('theme = ["zorg"]\n', encoding="utf-8")
    with pytest.raises(ThemeFileError, match="must be a \\[\\[theme\\]\\] table"):
        load_themes(bare)


def test_evaluate_on_a_broken_json_names_the_file_and_line(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    (gold / "verslag.json").write_text('{"document": "verslag.txt",\n "quotes": [}', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--pred", str(pred)])
    assert result.exit_code == 1  # named and left out; nothing else to score
    assert "verslag.json: not valid JSON (line 2" in result.output
    assert "Traceback" not in result.output


def test_themes_discover_on_text_without_content_words_is_a_message(tmp_path):
    source = tmp_path / "leeg.txt"
    source.write_text("de het een\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["themes", "discover", str(source), "--out", str(tmp_path / "uit"), "--model", "blank"])
    assert result.exit_code == 1
    assert "too little text with content words" in result.output
