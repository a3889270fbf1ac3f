"""Issue 14: what a user gave is never lost, garbled or mis-reported without a word.

Timestamps that cannot be used are reported and their cue text is kept; voice tags that are too long or not
closed are mended; odd bytes are replaced and reported instead of the whole file being refused. Every fixture is
an invented Dutch meeting written here.
"""

from __future__ import annotations

import json
import math
import unicodedata

import pytest

from pipeline.ingest import InputError, read_bytes
from pipeline.ingest.cues import parse_timestamp, union_seconds
from pipeline.ingest.encoding import DecodeError, decode_report
from pipeline.ingest.model import Transcript


def read(data: str | bytes, name: str, format: str | None = None) -> Transcript:
    return read_bytes(data.encode("utf-8") if isinstance(data, str) else data, source=name, format=format)


def turns(transcript: Transcript) -> list[tuple[str | None, str, float | None, float | None]]:
    for block in transcript.blocks:
        assert transcript.text[block.start : block.end] == block.text
    return [(b.speaker, b.text, b.start_time, b.end_time) for b in transcript.blocks]


# ---------------------------------------------------------------------------------------- 1. timestamps

VTT_BAD_TIME = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Joke Smit>Welkom bij de commissie Ruimte.

00:00:0x.000 --> 00:00:09.000
<v Joke Smit>We beginnen met de fietsenstalling.

00:00:10.000 --> 00:00:12.000
<v Ruud Bakker>Dank u, voorzitter.
"""


def test_a_vtt_cue_with_an_unreadable_timing_line_keeps_its_text_and_is_reported_with_its_line():
    transcript = read(VTT_BAD_TIME, "commissie.vtt")
    speech = [(speaker, text) for speaker, text, _, _ in turns(transcript)]
    assert speech == [("Joke Smit", "Welkom bij de commissie Ruimte. We beginnen met de fietsenstalling."), ("Ruud Bakker", "Dank u, voorzitter.")]
    assert "-->" not in transcript.text
    [warning] = transcript.warnings
    assert "cannot be read" in warning and "line 6" in warning and "00:00:0x.000" in warning


def test_a_good_vtt_file_has_no_time_warnings():
    transcript = read(VTT_BAD_TIME.replace("00:00:0x.000", "00:00:05.000"), "commissie.vtt")
    assert transcript.warnings == []
    assert [t[2:] for t in turns(transcript)] == [(1.0, 9.0), (10.0, 12.0)]


@pytest.mark.parametrize(
    ("timing", "kind"),
    [
        ("00:99:99.000 --> 00:00:04.000", "60 or more"),
        ("-00:00:02.000 --> 00:00:04.000", "negative"),
        ("00:00:09.000 --> 00:00:04.000", "before the start"),
    ],
)
def test_out_of_range_negative_and_backwards_vtt_times_are_warnings_and_left_out(timing, kind):
    transcript = read(f"WEBVTT\n\n{timing}\n<v Joke Smit>Het plan ligt ter inzage.\n", "inzage.vtt")
    [(speaker, text, start, end)] = turns(transcript)
    assert (speaker, text) == ("Joke Smit", "Het plan ligt ter inzage.")
    assert start is None or end is None
    assert any(kind in w and "line 3" in w for w in transcript.warnings), transcript.warnings


def test_timestamps_out_of_range_are_not_times_but_minutes_past_an_hour_without_hours_are():
    assert parse_timestamp("99:99:99") is None
    assert parse_timestamp("00:00:60.000") is None
    assert parse_timestamp("01:60:00") is None
    assert parse_timestamp("62:03,5") == pytest.approx(3723.5)  # a Whisper time without hours
    assert parse_timestamp("01:59:59.999") == pytest.approx(7199.999)


def test_an_srt_cue_with_a_broken_timing_line_keeps_its_text_and_its_number_does_not_leak():
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\nAnouk: Goedemiddag.\n\n"
        "2\n00:00:0x,000 --> 00:00:05,000\nAnouk: Het verslag is vastgesteld.\n\n"
        "3\n00:00:06,000 --> 00:00:07,000\nBram: Akkoord.\n"
    )
    transcript = read(srt, "raad.srt")
    assert [(s, t) for s, t, _, _ in turns(transcript)] == [("Anouk", "Goedemiddag. Het verslag is vastgesteld."), ("Bram", "Akkoord.")]
    assert any("line 6" in w for w in transcript.warnings)


@pytest.mark.parametrize("speech", ["Van het station --> naar het plein.", "3-->4 is de stand na de eerste ronde."])
def test_a_line_of_speech_with_an_arrow_is_no_timing_line(speech):
    transcript = read(f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Joke Smit>Welkom.\n{speech}\n", "route.vtt")
    assert turns(transcript)[0][1] == f"Welkom. {speech}"
    assert transcript.warnings == []


def test_speech_to_text_json_times_that_are_text_nan_infinite_negative_or_backwards_are_reported():
    payload = (
        '{"segments": ['
        '{"start": "twee", "end": 2.0, "text": "Goedemorgen.", "speaker": "SPEAKER_00"},'
        '{"start": NaN, "end": Infinity, "text": "Het eerste punt.", "speaker": "SPEAKER_00"},'
        '{"start": -3, "end": 4.0, "text": "De notulen.", "speaker": "SPEAKER_00"},'
        '{"start": 9.0, "end": 5.0, "text": "Aangenomen.", "speaker": "SPEAKER_01"}]}'
    )
    transcript = read(payload, "whisper.json")
    assert [t[:2] for t in turns(transcript)] == [("SPEAKER_00", "Goedemorgen. Het eerste punt. De notulen."), ("SPEAKER_01", "Aangenomen.")]
    assert turns(transcript)[1][2:] == (9.0, None)
    warnings = " | ".join(transcript.warnings)
    assert "no number of seconds" in warnings and "segments[0].start: twee" in warnings
    assert "NaN or infinite" in warnings and "segments[1].start" in warnings
    assert "negative start" in warnings and "segments[2]" in warnings
    assert "before the start" in warnings and "segments[3]" in warnings


def test_good_speech_to_text_times_give_no_warning():
    payload = {"segments": [{"start": 0.0, "end": 2.5, "text": "Welkom.", "speaker": "SPEAKER_00"}]}
    transcript = read(json.dumps(payload), "whisper.json")
    assert turns(transcript)[0][2:] == (0.0, 2.5)
    assert transcript.warnings == []


def test_overlapping_intervals_count_once_in_speaking_time():
    assert union_seconds([(0.0, 10.0), (3.0, 8.0), (9.0, 12.0), (20.0, 21.0)]) == pytest.approx(13.0)
    assert union_seconds([(5.0, 6.0), (0.0, 1.0)]) == pytest.approx(2.0)  # apart: both count
    assert union_seconds([(2.0, 1.0)]) == 0.0
    assert union_seconds([]) == 0.0


def test_a_speakers_overlapping_turns_give_the_union_as_speaking_time(nlp):
    from pipeline.analyze import build_analysis, parse

    text = """WEBVTT

00:00:00.000 --> 00:00:10.000
<v Joke Smit>Ik open de vergadering van de commissie.

00:00:02.000 --> 00:00:05.000
<v Ruud Bakker>Mag ik iets vragen?

00:00:03.000 --> 00:00:08.000
<v Joke Smit>U krijgt zo het woord, meneer Bakker.
"""
    transcript = read(text, "overlap.vtt")
    analysis = build_analysis(parse(nlp, transcript), transcript)
    seconds = {s.name: s.speaking_time for s in analysis.speakers}
    assert seconds["Joke Smit"] == pytest.approx(10.0)  # not 15: 3–8 lies inside 0–10
    assert seconds["Ruud Bakker"] == pytest.approx(3.0)


# ------------------------------------------------------------------------------------ 2. voice tags


def test_a_long_voice_label_is_kept_cut_at_a_word_with_a_warning():
    label = "Wethouder Karin de Boer namens het college van burgemeester en wethouders " * 3
    transcript = read(f"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v {label.strip()}>Het college neemt de motie over.\n", "lang.vtt")
    [(speaker, text, _, _)] = turns(transcript)
    assert text == "Het college neemt de motie over."
    assert speaker is not None and speaker.startswith("Wethouder Karin de Boer") and len(speaker) <= 120
    assert label.startswith(speaker)
    assert any("longer than 120 characters" in w for w in transcript.warnings)


def test_a_short_voice_label_is_kept_whole_without_warning():
    transcript = read("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Karin de Boer>Het college neemt de motie over.\n", "kort.vtt")
    assert turns(transcript)[0][:2] == ("Karin de Boer", "Het college neemt de motie over.")
    assert transcript.warnings == []


@pytest.mark.parametrize(
    ("cue", "speaker", "text"),
    [
        ("<v.loud Karin de Boer\nHet college neemt de motie over.", "Karin de Boer", "Het college neemt de motie over."),
        ("<v Karin de Boer: Het college neemt de motie over.", "Karin de Boer", "Het college neemt de motie over."),
        ("<v Karin de Boer Het college neemt de motie over.", None, "Karin de Boer Het college neemt de motie over."),
    ],
)
def test_an_unclosed_voice_tag_leaks_no_markup_and_keeps_the_name_when_it_can_be_told(cue, speaker, text):
    transcript = read(f"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n{cue}\n", "open.vtt")
    [(found, spoken, _, _)] = turns(transcript)
    assert (found, spoken) == (speaker, text)
    assert "<v" not in transcript.text
    assert any("without '>'" in w and "line 3" in w for w in transcript.warnings)


def test_a_line_full_of_unclosed_voice_tags_is_read_in_linear_time_and_leaks_no_markup():
    transcript = read("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n" + "<v " * 20_000 + "Dag.\n", "veel.vtt")
    assert "<v" not in transcript.text and transcript.text.endswith("Dag.")


# --------------------------------------------------------------------------------------- 7. encodings

VERSLAG = "Verslag van de dorpsraad Elst\n\nDe dorpsraad besprak het nieuwe speelveld aan de Dijkstraat.\n\nMevrouw Kok zegt: “Het veld is klaar in mei.”\n"


def test_nul_bytes_in_a_text_are_replaced_and_reported_with_count_and_position_not_refused():
    data = VERSLAG.encode("utf-8").replace(b"nieuwe", b"nieu\x00we").replace(b"mei", b"m\x00ei")
    decoded = decode_report(data)
    assert "nieu\ufffdwe" in decoded.text and "m\ufffdei" in decoded.text and "Dijkstraat" in decoded.text
    [warning] = decoded.warnings
    assert warning.startswith("2 NUL bytes replaced by U+FFFD") and "line 3, column 30" in warning


def test_utf16_with_an_odd_number_of_bytes_keeps_its_text_and_reports_the_last_byte():
    data = VERSLAG.encode("utf-16-le") + b"\x41"
    decoded = decode_report(data)
    assert decoded.text.startswith(VERSLAG.rstrip("\n")) and decoded.encoding == "utf-16-le"
    assert any("not valid UTF-16" in w and f"byte {len(data) - 1}" in w for w in decoded.warnings)


def test_utf16_with_a_lone_surrogate_keeps_the_rest_of_the_text():
    data = b"\xff\xfe" + "Eerste regel.\n".encode("utf-16-le") + b"\x00\xd8" + "Tweede regel.\n".encode("utf-16-le")
    decoded = decode_report(data)
    assert decoded.text == "Eerste regel.\n\ufffdTweede regel.\n"
    assert any("not valid UTF-16" in w and "byte 30" in w for w in decoded.warnings)


def test_a_file_that_is_mostly_not_text_is_still_refused_as_binary():
    with pytest.raises(DecodeError, match="binary"):
        decode_report(b"Kop\x00\x01\x02\x03\x04\x05\x06\x07" * 30)
    with pytest.raises(InputError, match="binary"):
        read(bytes(range(256)) * 8, "willekeurig.txt")


def test_a_vertical_tab_from_a_word_export_is_a_line_break_not_a_replacement():
    decoded = decode_report(b"Eerste regel\x0bTweede regel\n")
    assert decoded.text == "Eerste regel\nTweede regel\n" and decoded.warnings == []


def test_decoding_warnings_of_subtitles_reach_the_transcript():
    data = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Karin de Boer>Het café is open.\n".encode().replace(b"open", b"op\x00en")
    transcript = read(data, "nul.vtt")
    assert turns(transcript)[0][:2] == ("Karin de Boer", "Het café is op\ufffden.")
    assert any("NUL byte" in w for w in transcript.warnings)


def test_replacement_characters_already_in_the_file_are_not_counted_as_binary():
    decoded = decode_report(("Kapot: \ufffd\ufffd\ufffd\ufffd. " * 3).encode("utf-8"))
    assert decoded.warnings == [] and math.isclose(decoded.text.count("\ufffd"), 12)


# ------------------------------------------------------------------- 3. Word files the parser cannot read


def _docx(paragraphs: list[str], change=None) -> bytes:
    """A .docx made with python-docx; `change(parts)` may edit its zip parts (name → bytes) before it is packed."""
    import io
    import zipfile

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if change is not None:
        change(parts)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return packed.getvalue()


NOTULEN = ["Notulen van de wijkraad Oost.", "Wijkraad Oost bespreekt de nieuwe speeltuin aan de Lindelaan."]


def _with_dtd(declaration: str, replace: tuple[str, str]):
    def change(parts: dict[str, bytes]) -> None:
        xml = parts["word/document.xml"].decode("utf-8")
        end = xml.index("?>") + 2
        parts["word/document.xml"] = (xml[:end] + declaration + xml[end:]).replace(*replace).encode("utf-8")

    return change


def test_a_word_file_with_entities_from_a_dtd_is_refused_with_a_message_not_read_with_text_missing():
    data = _docx(NOTULEN, _with_dtd('<!DOCTYPE w:document [<!ENTITY wijk "wijkraad Oost">]>', ("nieuwe speeltuin", "nieuwe speeltuin van &wijk;")))
    with pytest.raises(InputError, match=r"wijkraad\.docx: .*XML entities .*&wijk;"):
        read(data, "wijkraad.docx")


def test_a_word_file_with_a_doctype_but_no_entities_loses_nothing():
    transcript = read(_docx(NOTULEN, _with_dtd("<!DOCTYPE w:document>", ("x", "x"))), "wijkraad.docx")
    assert "Wijkraad Oost bespreekt de nieuwe speeltuin aan de Lindelaan." in transcript.text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda parts: parts.pop("word/document.xml"), "a part it refers to is missing (word/document.xml)"),
        (lambda parts: parts.pop("word/styles.xml"), "a part it refers to is missing (word/styles.xml)"),
        (lambda parts: parts.pop("_rels/.rels"), "holds no Word document"),
        (lambda parts: parts.update({"word/document.xml": b'<?xml version="1.0"?><lijst><punt/></lijst>'}), "its root element is <lijst>"),
        (lambda parts: parts.update({"word/document.xml": parts["word/document.xml"][:-40]}), "XML is damaged"),
        (lambda parts: parts.update({"[Content_Types].xml": parts["[Content_Types].xml"].replace(b"wordprocessingml.document.main", b"spreadsheetml.sheet.main")}),
         "an Excel workbook"),
    ],
)
def test_odd_word_packages_are_input_errors_in_plain_words(change, reason):
    with pytest.raises(InputError) as caught:
        read(_docx(NOTULEN, change), "wijkraad.docx")
    message = str(caught.value)
    assert message.startswith("wijkraad.docx: ") and reason in message
    assert "KeyError" not in message and "AttributeError" not in message and "ValueError" not in message


# ------------------------------------------------------------------ 4. plain messages for Python's limits


def test_a_json_number_too_long_for_python_is_a_plain_message():
    payload = '{"segments": [{"start": ' + "7" * 5000 + ', "end": 2, "text": "Welkom."}]}'
    with pytest.raises(InputError, match=r"whisper\.json: JSON with a number too long to read \(more than [\d,]+ digits\)"):
        read(payload, "whisper.json")


def test_speech_in_tei_markup_nested_thousands_deep_is_read_without_a_recursion_error():
    depth = 5_000
    tei = ('<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#Vos"><seg>Ik steun '
           + "<hi>" * depth + "deze motie" + "</hi>" * depth + " van harte.</seg></u></body></text></TEI>")
    transcript = read(tei, "handelingen.xml")
    assert [b.text for b in transcript.blocks] == ["Ik steun deze motie van harte."]


def test_a_reader_that_recurses_too_deep_gives_an_input_error_naming_the_file(monkeypatch):
    from dataclasses import replace

    from pipeline.ingest import registry

    def deep(data, context):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(registry._READERS, "srt", replace(registry.readers()["srt"], read=deep))  # Reader is frozen
    with pytest.raises(InputError, match=r"^diep\.srt: nested too deeply to read as srt"):
        read("1\n00:00:01,000 --> 00:00:02,000\nHallo.\n", "diep.srt")


# ------------------------------------------------------- 4–6. the command line: early, clear, nothing lost

from typer.testing import CliRunner  # noqa: E402

from pipeline.cli import app  # noqa: E402

TURNS = "Voorzitter: Ik open de vergadering van de wijkraad.\nMarloes Vink: Dank u. Ik heb een vraag over de speeltuin.\n"


def cli(*args: str):
    return CliRunner().invoke(app, ["process", *args, "--model", "blank"])


@pytest.fixture
def no_model(monkeypatch):
    """Fail the test when the model is loaded: the checks under test must come first."""
    import pipeline.nlp

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(pipeline.nlp, "load_nlp", refuse)


def test_a_binary_file_and_a_format_error_are_found_before_the_model_loads(tmp_path, no_model):
    (tmp_path / "kapot.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "leeg.vtt").write_text("WEBVTT\n\nNOTE alleen een notitie\n", encoding="utf-8")
    (tmp_path / "lijst.json").write_text('{"deelnemers": ["Vink", "Kok"]}', encoding="utf-8")
    result = cli(str(tmp_path / "kapot.txt"), str(tmp_path / "leeg.vtt"), str(tmp_path / "lijst.json"), "--out", str(tmp_path / "uit"))
    assert result.exit_code == 1, result.output
    assert "kapot.txt: the file looks binary" in result.output
    assert "leeg.vtt: no WebVTT cues" in result.output
    assert "lijst.json: JSON without 'segments'" in result.output
    assert "3 of 3 input(s) failed" in result.output
    assert not (tmp_path / "uit").exists()  # nothing to write: no folder made


def test_a_file_with_python_limits_fails_alone_with_a_message_and_the_rest_is_written(tmp_path):
    (tmp_path / "groot.json").write_text('{"segments": [{"start": ' + "7" * 5000 + ', "end": 2, "text": "Welkom."}]}', encoding="utf-8")
    (tmp_path / "goed.txt").write_text(TURNS, encoding="utf-8")
    result = cli(str(tmp_path / "groot.json"), str(tmp_path / "goed.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 1
    assert "groot.json: JSON with a number too long to read" in result.output
    assert "Traceback" not in result.output and "ValueError" not in result.output
    assert (tmp_path / "uit" / "goed.json").exists()


def test_an_empty_out_option_is_a_usage_error_and_writes_nothing(tmp_path, monkeypatch, no_model):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("vergadering.txt", "--out", "")
    assert result.exit_code == 2 and "--out is empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vergadering.txt"]


def test_out_dot_still_means_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    (tmp_path / "uit").mkdir()
    monkeypatch.chdir(tmp_path / "uit")
    result = cli(str(tmp_path / "in" / "vergadering.txt"), "--out", ".", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "uit" / "vergadering.json").exists()


def test_a_file_where_the_resume_folder_belongs_is_a_usage_error(tmp_path, no_model):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    out = tmp_path / "uit"
    out.mkdir()
    (out / ".notulist").write_text("van iemand anders", encoding="utf-8")
    result = cli(str(tmp_path / "vergadering.txt"), "--out", str(out))
    assert result.exit_code == 2
    assert ".notulist is a file" in result.output and "resumable" in result.output
    assert (out / ".notulist").read_text(encoding="utf-8") == "van iemand anders"


def test_a_file_where_the_tables_belong_is_counted_and_named_with_exit_1(tmp_path):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    out = tmp_path / "uit"
    out.mkdir()
    (out / "tables").write_text("geen map", encoding="utf-8")
    result = cli(str(tmp_path / "vergadering.txt"), "--out", str(out))
    assert result.exit_code == 1
    assert "tables is a file, not a folder" in result.output
    assert "the corpus tables failed" in result.output
    assert (out / "vergadering.json").exists()


def test_an_output_name_longer_than_the_file_system_allows_fails_that_input_before_the_analysis(tmp_path, monkeypatch):
    import pipeline.cli

    monkeypatch.setattr(pipeline.cli, "_name_max", lambda out: 40)  # a file system with short names
    long_stem = "verslag-van-de-wijkraad-oost-over-de-speeltuin"
    (tmp_path / f"{long_stem}.txt").write_text(TURNS, encoding="utf-8")
    (tmp_path / "kort.txt").write_text(TURNS, encoding="utf-8")
    out = tmp_path / "uit"
    result = cli(str(tmp_path / f"{long_stem}.txt"), str(tmp_path / "kort.txt"), "--out", str(out), "-q")
    assert result.exit_code == 1
    assert f"its output {out / long_stem}.json would have a name of {len(long_stem) + 5} bytes" in result.output
    assert ".tmp" not in result.output
    assert (out / "kort.json").exists() and not list(out.glob("verslag*"))


def test_a_bad_theme_file_leaves_no_output_folder_behind(tmp_path, no_model):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    (tmp_path / "thema.toml").write_text("[vertrouwen\nterms = [", encoding="utf-8")
    result = cli(str(tmp_path / "vergadering.txt"), "--out", str(tmp_path / "uit"), "--themes", str(tmp_path / "thema.toml"))
    assert result.exit_code == 2
    assert "thema.toml" in result.output
    assert not (tmp_path / "uit").exists()


def test_an_output_folder_below_a_file_is_a_usage_error_before_anything_is_made(tmp_path, no_model):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    result = cli(str(tmp_path / "vergadering.txt"), "--out", str(tmp_path / "bestand" / "uit"))
    assert result.exit_code == 2 and "cannot be created" in result.output and "is a file" in result.output


def test_a_file_named_twice_is_processed_once_and_the_repeat_is_named(tmp_path):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    path = str(tmp_path / "vergadering.txt")
    result = cli(path, path, "--out", str(tmp_path / "uit"))
    assert result.exit_code == 0, result.output
    assert "the same file as" in result.output and "1 done" in result.output and "1 left out" in result.output


def test_a_theme_file_with_a_number_too_long_for_python_is_a_plain_usage_error(tmp_path, no_model):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    (tmp_path / "thema.toml").write_text(f'[[theme]]\nid = "vertrouwen"\nlabel = "Vertrouwen"\nterms = ["vertrouwen"]\ngewicht = {"9" * 5000}\n', encoding="utf-8")
    result = cli(str(tmp_path / "vergadering.txt"), "--out", str(tmp_path / "uit"), "--themes", str(tmp_path / "thema.toml"))
    assert result.exit_code == 2
    assert "thema.toml: holds a number too long to read" in result.output
    assert "ValueError" not in result.output and "set_int_max_str_digits" not in result.output


# ------------------------------------------------------------- property: broken times never cost speech

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NAMES = ["Joke Smit", "Ruud Bakker", "Karin de Boer"]
_WORD = st.text(st.characters(categories=["L", "N"]) | st.sampled_from(list(".,;!?'-()%")), min_size=1, max_size=10).filter(
    lambda w: any(c.isalnum() for c in w)
)
_SPEECH = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_GOOD = "good"
_BROKEN_TIMES = ["00:00:0x.000 --> 00:00:09.000", "-00:00:01.000 --> 00:00:02.000", "00:99:99.000 --> 00:00:04.000",
                 "00:00:09.000 --> 00:00:04.000", "ab:00:05.000 --> 00:00:06.000", "00:00:01.000 -->"]
_CUE = st.tuples(st.sampled_from(_NAMES), _SPEECH, st.sampled_from([_GOOD, _GOOD, *_BROKEN_TIMES]),
                 st.sampled_from(["closed", "open-line", "open-colon", "prefix"]))


def _clock(seconds: int) -> str:
    return f"00:{seconds // 60:02d}:{seconds % 60:02d}.000"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CUE, min_size=1, max_size=8), st.booleans())
def test_broken_times_and_open_voice_tags_never_cost_speech_nor_leak_markup(cues, as_srt):
    parts = [] if as_srt else ["WEBVTT", ""]
    expected: list[tuple[str, str]] = []
    broken = False
    for i, (name, speech, timing, style) in enumerate(cues):
        line = f"{_clock(i)} --> {_clock(i + 1)}" if timing == _GOOD else timing
        broken = broken or timing != _GOOD
        text = {"closed": f"<v {name}>{speech}", "open-line": f"<v {name}\n{speech}", "open-colon": f"<v {name}: {speech}",
                "prefix": f"{name}: {speech}"}[style]
        parts += [str(i + 1), line.replace(".", ",") if as_srt else line, text, ""]
        if expected and expected[-1][0] == name:
            expected[-1] = (name, f"{expected[-1][1]} {speech}")
        else:
            expected.append((name, speech))
    transcript = read("\n".join(parts), "eigenschap.srt" if as_srt else "eigenschap.vtt")
    assert [(speaker, text) for speaker, text, _, _ in turns(transcript)] == [(n, " ".join(unicodedata.normalize("NFC", s).split())) for n, s in expected]
    assert "-->" not in transcript.text and "<v" not in transcript.text
    for block in transcript.blocks:
        assert block.start_time is None or block.start_time >= 0
        assert block.start_time is None or block.end_time is None or block.start_time <= block.end_time
    assert bool([w for w in transcript.warnings if "time" in w]) == broken


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-32-le"])
def test_nul_padding_at_the_end_of_a_file_is_left_out_and_reported_not_called_binary(encoding):
    data = VERSLAG.encode(encoding) + b"\x00" * 6000  # a file zero-filled after a crash: more padding than text
    decoded = decode_report(data)
    assert decoded.text == VERSLAG
    assert any("NUL characters at the end of the file (padding, no text) left out" in w for w in decoded.warnings)


def test_a_block_of_nul_bytes_inside_a_text_becomes_one_replacement_character():
    data = VERSLAG.encode("utf-8").replace(b"speelveld", b"speel" + b"\x00" * 400 + b"veld")
    decoded = decode_report(data)
    assert "speel\ufffdveld" in decoded.text
    column = VERSLAG.split("\n")[2].index("veld") + 1  # the run stands where "veld" started
    assert decoded.warnings == [f"400 NUL characters in 1 run(s) each replaced by one U+FFFD (first at line 3, column {column})"]


def test_a_file_of_nul_bytes_only_is_refused():
    with pytest.raises(DecodeError, match="only NUL bytes"):
        decode_report(b"\x00" * 64)


def test_text_before_the_first_cue_is_named_in_a_warning_not_dropped_silently():
    vtt = "WEBVTT\nKind: captions\nLanguage: nl\n\nDeze regel hoort bij geen cue.\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Joke Smit>Welkom.\n"
    transcript = read(vtt, "voor.vtt")
    assert [t[:2] for t in turns(transcript)] == [("Joke Smit", "Welkom.")]
    assert transcript.warnings == ["1 line(s) of text before the first cue, outside any cue, left out (first at line 5: Deze regel hoort bij geen cue.)"]


def test_the_webvtt_header_block_and_a_first_cue_id_give_no_warning():
    vtt = "WEBVTT - vergadering\nKind: captions\n\nb1c2-id\n00:00:01.000 --> 00:00:02.000\n<v Joke Smit>Welkom.\n"
    assert read(vtt, "kop.vtt").warnings == []


def test_a_speech_text_that_is_no_string_is_named_in_a_warning():
    payload = {"segments": [{"start": 0, "end": 2, "text": "Welkom allemaal.", "speaker": "SPEAKER_00"},
                            {"start": 2, "end": 3, "text": ["Een", "lijst"], "speaker": "SPEAKER_00"}]}
    transcript = read(json.dumps(payload), "whisper.json")
    assert [t[1] for t in turns(transcript)] == ["Welkom allemaal."]
    assert transcript.warnings == ["1 speech text(s) that are no string left out (first at segments[1].text)"]


def test_c1_controls_from_an_old_cp1252_conversion_become_the_quote_marks_they_stand_for():
    decoded = decode_report("Het is \u0092s avonds \u0093koud\u0094 aan de Dijkstraat.".encode())
    assert decoded.text == "Het is ’s avonds “koud” aan de Dijkstraat."
    assert decoded.warnings == ["3 C1 control character(s) read as the cp1252 characters they stand for (such as ’ for U+0092; first at line 1, column 8)"]


def test_a_c1_control_without_a_cp1252_character_is_replaced_and_reported():
    decoded = decode_report("Het speelveld\u0081 is klaar.".encode())
    assert decoded.text == "Het speelveld\ufffd is klaar."
    assert decoded.warnings == ["1 control character replaced by U+FFFD (first at line 1, column 14: U+0081)"]


def test_a_folder_in_an_outputs_place_fails_that_input_before_the_analysis_naming_the_output(tmp_path):
    (tmp_path / "vergadering.txt").write_text(TURNS, encoding="utf-8")
    (tmp_path / "kort.txt").write_text(TURNS, encoding="utf-8")
    out = tmp_path / "uit"
    (out / "vergadering.json").mkdir(parents=True)
    result = cli(str(tmp_path / "vergadering.txt"), str(tmp_path / "kort.txt"), "--out", str(out), "-q")
    assert result.exit_code == 1
    assert f"its output {out / 'vergadering.json'} is a folder" in result.output and ".tmp" not in result.output
    assert (out / "kort.json").is_file()


def test_timing_warnings_reach_document_warnings_in_the_json_output(tmp_path):
    (tmp_path / "commissie.vtt").write_text(VTT_BAD_TIME, encoding="utf-8")
    result = cli(str(tmp_path / "commissie.vtt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "line 6" in result.output
    output = json.loads((tmp_path / "uit" / "commissie.json").read_text(encoding="utf-8"))
    assert any("line 6" in w and "cannot be read" in w for w in output["document"]["warnings"])
    assert "-->" not in " ".join(turn["text"] for turn in output["turns"])
