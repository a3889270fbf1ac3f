"""Issue 14, third round: the failures a hostile tester found, each as the kind of input that caused it.

Every fixture is an invented Dutch meeting written here, in `tmp_path`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import InputError, read_bytes, read_text
from pipeline.outputs.ids import text_document_id

MINUTES = "Verslag buurtoverleg Zuid\n\nVoorzitter: Ik open het overleg.\nFenna Kolk: Dank u. De stoep is kapot.\n"


def cli(*args: str):
    """Run a notulist command; `process` with the blank model."""
    model = ["--model", "blank"] if args[0] == "process" else []
    return CliRunner().invoke(app, [*args, *model])


# ------------------------------------------------ F3: a user's own file at an output's place is never replaced


def test_a_users_own_html_page_where_the_report_page_goes_is_kept_and_the_input_fails(tmp_path):
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    out.mkdir()
    own = out / "overleg.html"
    own.write_text("<html><body>Mijn eigen aantekeningen</body></html>", encoding="utf-8")
    result = cli("process", str(tmp_path / "overleg.txt"), "--out", str(out), "--html", "-q")
    assert result.exit_code == 1, result.output
    assert "overleg.html exists and was not written by notulist" in result.output
    assert own.read_text(encoding="utf-8") == "<html><body>Mijn eigen aantekeningen</body></html>"
    assert not (out / "overleg.json").exists()


def test_the_html_page_of_an_earlier_run_is_written_again(tmp_path):
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    assert cli("process", str(tmp_path / "overleg.txt"), "--out", str(out), "--html", "-q").exit_code == 0
    (tmp_path / "overleg.txt").write_text(MINUTES.replace("kapot", "gerepareerd"), encoding="utf-8")
    result = cli("process", str(tmp_path / "overleg.txt"), "--out", str(out), "--html", "-q")
    assert result.exit_code == 0, result.output
    assert "gerepareerd" in (out / "overleg.html").read_text(encoding="utf-8")


def test_a_users_html_page_added_after_a_run_without_html_is_kept(tmp_path):
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    assert cli("process", str(tmp_path / "overleg.txt"), "--out", str(out), "-q").exit_code == 0
    (out / "overleg.html").write_text("<p>notities</p>", encoding="utf-8")
    result = cli("process", str(tmp_path / "overleg.txt"), "--out", str(out), "--html", "-q")
    assert result.exit_code == 1, result.output
    assert (out / "overleg.html").read_text(encoding="utf-8") == "<p>notities</p>"


def test_without_html_a_users_html_page_beside_the_outputs_is_no_reason_to_fail(tmp_path):
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    out.mkdir()
    (out / "overleg.html").write_text("<p>notities</p>", encoding="utf-8")
    result = cli("process", str(tmp_path / "overleg.txt"), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "overleg.json").read_text(encoding="utf-8"))["document"]["words"] > 0
    assert (out / "overleg.html").read_text(encoding="utf-8") == "<p>notities</p>"


# ----------------------------------------- F4: the output records the real file name; only the terminal escapes it


def test_a_file_name_with_a_newline_is_recorded_as_it_is_and_shown_escaped(tmp_path):
    import pandas as pd

    source = tmp_path / "regel\nbreuk.txt"
    source.write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    result = cli("process", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    record = json.loads((out / "regel\nbreuk.json").read_text(encoding="utf-8"))
    assert record["document"]["source"] == str(source)
    table = pd.read_csv(out / "tables" / "documents.csv", keep_default_na=False)
    assert table["file_name"][0] == "regel\nbreuk.txt"
    assert "regel\nbreuk" not in result.output


def test_a_broken_file_whose_name_has_a_newline_is_named_escaped_in_its_message(tmp_path):
    source = tmp_path / "leeg\nbestand.txt"
    source.write_bytes(b"")
    result = cli("process", str(source), "--out", str(tmp_path / "uit"))
    assert result.exit_code == 1
    assert "leeg\\nbestand.txt" in result.output
    assert "leeg\nbestand" not in result.output


def test_a_file_name_with_bytes_the_file_system_cannot_decode_is_recorded_with_replacement_characters(tmp_path):
    import os

    source = Path(os.fsdecode(os.fsencode(tmp_path) + b"/verslag-\xff.txt"))
    source.write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    result = cli("process", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    written = next(out.glob("verslag-*.json"))
    assert json.loads(written.read_text(encoding="utf-8"))["document"]["source"].endswith("verslag-\ufffd.txt")


def test_the_names_recorded_by_a_batch_in_worker_processes_are_the_real_names(tmp_path):
    names = ["een\ttab.txt", "gewoon.txt"]
    for k, name in enumerate(names):
        (tmp_path / name).write_text(MINUTES.replace("Zuid", f"Zuid {k}"), encoding="utf-8")
    out = tmp_path / "uit"
    result = cli("process", *(str(tmp_path / n) for n in names), "--out", str(out), "--jobs", "2", "--force-jobs", "-q")
    assert result.exit_code == 0, result.output
    for name in names:
        record = json.loads((out / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
        assert record["document"]["source"] == str(tmp_path / name)


# --------------------------------------------------------- F5: document ids are unique per file name in a corpus


@pytest.mark.parametrize("names", [("a b.txt", "a-b.txt", "A_B.txt"), ("Überleg.txt", "überleg.txt"),
                                   ("会议.txt", "протокол.txt", "جلسة.txt")])
def test_files_with_the_same_text_whose_names_slug_alike_get_different_document_ids(names):
    ids = {text_document_id(name, MINUTES) for name in names}
    assert len(ids) == len(names)


def test_a_document_id_is_the_same_for_the_same_file_name_and_text_in_any_folder():
    assert text_document_id("/home/els/verslagen/overleg.txt", MINUTES) == text_document_id("overleg.txt", MINUTES)
    assert text_document_id("C:\\Users\\els\\overleg.txt", MINUTES) == text_document_id("overleg.txt", MINUTES)
    assert text_document_id("overleg.txt", MINUTES).startswith("overleg-")
    assert text_document_id("overleg.txt", MINUTES) != text_document_id("overleg.txt", MINUTES + "Einde.\n")


def test_a_corpus_of_identical_texts_under_different_names_has_one_table_row_per_file(tmp_path):
    import pandas as pd

    names = ["a b.txt", "a-b.txt", "A_B.txt", "会议.txt"]
    for name in names:
        (tmp_path / name).write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    result = cli("process", *(str(tmp_path / n) for n in names), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    documents = pd.read_csv(out / "tables" / "documents.csv", keep_default_na=False)
    assert len(documents) == len(names)
    assert documents["id"].is_unique


# ------------------------------------------- F7: a broken timing line is a cue boundary, never speech of the cue before

GOOD_CUE = "00:00:01.000 --> 00:00:03.000\nMarloes Vink: De brug is dicht.\n\n"


def subtitles(body: str, fmt: str) -> str:
    """The same cues as WebVTT (with its header) or as SRT (comma decimals)."""
    return "WEBVTT\n\n" + body if fmt == "vtt" else body.replace(".000", ",000")


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
@pytest.mark.parametrize("broken", ["00:04.000 -> 00:05.000", "--> 00:00:09.000", "xx --> yy", "12 --> ", "-->"])
def test_a_broken_timing_line_opens_a_cue_of_its_own_and_is_named_in_one_warning(fmt, broken):
    transcript = read_text(subtitles(GOOD_CUE + f"{broken}\nDe fietsers moeten omrijden.\n", fmt), source="s", format=fmt)
    assert broken.strip() not in transcript.text
    assert "De brug is dicht." in transcript.text and "De fietsers moeten omrijden." in transcript.text
    assert not any("De brug is dicht" in b.text and "omrijden" in b.text for b in transcript.blocks)
    timing = [w for w in transcript.warnings if "cue tim" in w]
    assert len(timing) == 1
    as_written = broken.strip() if fmt == "vtt" else broken.strip().replace(".000", ",000")
    assert f"line {6 if fmt == 'vtt' else 4}: {as_written}" in timing[0]


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_a_file_of_only_broken_timing_lines_keeps_every_cue_text_and_warns_once_per_kind(fmt):
    body = "00:01.000 -> 00:02.000\nEerste punt: de begroting.\n\nxx --> yy\nTweede punt: de speeltuin.\n\n12 -->\nDerde punt: de rondvraag.\n"
    transcript = read_text(subtitles(body, fmt), source="s", format=fmt)
    for sentence in ("Eerste punt: de begroting.", "Tweede punt: de speeltuin.", "Derde punt: de rondvraag."):
        assert sentence in transcript.text
    assert not any("before the first cue" in w for w in transcript.warnings)
    assert sum("cannot be read" in w for w in transcript.warnings) == 1
    assert any(w.startswith("2 cue timing line(s) that cannot be read") for w in transcript.warnings)
    assert any(w.startswith("1 cue timing line(s) with '->'") for w in transcript.warnings)


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
@pytest.mark.parametrize("speech", ["De stand is 3-->4 voor ons.", "Van A -> B is het ver.", "ja -> nee", "1 -> 2"])
def test_an_arrow_inside_speech_stays_speech(fmt, speech):
    transcript = read_text(subtitles(GOOD_CUE.replace("De brug is dicht.", speech), fmt), source="s", format=fmt)
    assert speech in transcript.text
    assert not any("cue tim" in w for w in transcript.warnings)


# ----------------------------------------- F8: evaluate leaves a broken gold file out and scores the others

GOLD = {"document": "{name}.txt", "speakers": [{"name": "Sanne Kuipers", "aliases": [], "roles": [], "organisations": []}],
        "quotes": [{"kind": "direct", "speaker": "Sanne Kuipers", "text": "De markt blijft op zaterdag"}]}


def _gold_and_prediction(folder: Path, name: str) -> None:
    """A gold file and a prediction for `name` that agree on the one quote and speaker."""
    gold = json.loads(json.dumps(GOLD).replace("{name}", name))
    (folder / "gold" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    (folder / "pred" / f"{name}.json").write_text(json.dumps({k: v for k, v in gold.items() if k != "document"}), encoding="utf-8")


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    return tmp_path / "gold", tmp_path / "pred"


def test_a_broken_gold_file_is_named_and_left_out_and_the_others_are_still_scored(tmp_path):
    gold, pred = _folders(tmp_path)
    _gold_and_prediction(tmp_path, "markt")
    (gold / "kapot.json").write_text('{"document": "kapot.txt", "quotes": [', encoding="utf-8")
    result = cli("evaluate", str(gold), "--pred", str(pred), "--json")
    assert result.exit_code == 1
    assert "kapot.json: not valid JSON (line 1" in result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 1
    assert figures["direct"]["tp"] == 1


def test_a_gold_file_whose_fields_are_wrong_is_left_out_and_the_others_are_still_scored(tmp_path):
    gold, pred = _folders(tmp_path)
    _gold_and_prediction(tmp_path, "markt")
    (gold / "raar.json").write_text('{"document": "raar.txt", "quotes": 5}', encoding="utf-8")
    (pred / "raar.json").write_text('{"quotes": []}', encoding="utf-8")
    result = cli("evaluate", str(gold), "--pred", str(pred))
    assert result.exit_code == 1
    assert "raar.json" in result.stderr and "left out" in result.stderr
    assert "documents: 1" in result.stdout


def test_gold_files_without_any_prediction_score_nothing_instead_of_perfect_figures(tmp_path):
    gold, pred = _folders(tmp_path)
    (gold / "markt.json").write_text(json.dumps(GOLD).replace("{name}", "markt"), encoding="utf-8")
    result = cli("evaluate", str(gold), "--pred", str(pred))
    assert result.exit_code == 1
    assert "no documents scored" in result.stderr
    assert "1.000" not in result.output and "F1" not in result.output


def test_every_gold_file_found_and_readable_scores_with_exit_code_0(tmp_path):
    gold, pred = _folders(tmp_path)
    _gold_and_prediction(tmp_path, "markt")
    result = cli("evaluate", str(gold), "--pred", str(pred))
    assert result.exit_code == 0, result.output
    assert "documents: 1" in result.stdout


# ------------------------------------ F1, F10: a Word package is bounded by its element count; a .docm is named so


def _word_file(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, change) -> bytes:
    """The package with one part's bytes passed through `change`."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content) if info.filename == name else content)
    return out.getvalue()


def test_a_word_file_of_millions_of_empty_paragraphs_is_refused_before_it_is_parsed(monkeypatch):
    from pipeline.ingest.readers import docx as reader

    monkeypatch.setattr(reader, "MAX_XML_TAGS", 40_000)
    empty = _with_part(_word_file(["Voorzitter: Welkom allemaal."]), "word/document.xml",
                       lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 50_000, 1))

    def never(*args, **kwargs):
        raise AssertionError("python-docx was asked to parse the package")

    monkeypatch.setattr("docx.Document", never)
    with pytest.raises(InputError, match=r"holds more than .* XML tags \(first past the limit in word/document.xml\)"):
        read_bytes(empty, source="leeg.docx", format="docx")


def test_a_word_file_under_the_element_limit_is_read(monkeypatch):
    from pipeline.ingest.readers import docx as reader

    monkeypatch.setattr(reader, "MAX_XML_TAGS", 40_000)
    data = _with_part(_word_file(["Voorzitter: Welkom allemaal."]), "word/document.xml",
                      lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 100, 1))
    assert "Welkom allemaal" in read_bytes(data, source="kort.docx", format="docx").text


def test_a_macro_enabled_word_document_is_named_as_such():
    data = _with_part(_word_file(["Voorzitter: Welkom allemaal."]), "[Content_Types].xml",
                      lambda xml: xml.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"))
    with pytest.raises(InputError, match=r"macro-enabled Word document \(\.docm\)"):
        read_bytes(data, source="macro.docx", format="docx")


# ---------------------------------------- F6: a few bytes that are not UTF-8 and form no word are binary, not text


@pytest.mark.parametrize("data", [b"\xe4\x9f\x3a\xb1\xc7", b"\xc2u\xf3J\xed", b"\xdb\xd2\xf4\xe2\xf0", b"+\x80:\xfb\x03",
                                  b"\xf7\x9bn\xd1\xf9"])
def test_a_few_random_bytes_read_as_cp1252_are_refused_as_binary(data):
    with pytest.raises(InputError, match="looks binary"):
        read_bytes(data, source="ruis.txt")


@pytest.mark.parametrize("text", ["Ja.\n", "Nee\n", "OK\n", "Hmm.\n", "Oké.\n", "Één\n", "Café\n", "Ça va, Zoë?\n",
                                  "Punt 3: W.v.t.\n", "Stem GroenLinks\n", "Stemming: 12 vóór, 3 tegen.\n"])
def test_a_short_real_text_in_cp1252_is_read(text):
    assert read_bytes(text.encode("cp1252"), source="kort.txt").text.strip() == text.strip()


@pytest.mark.parametrize("text", ["Проверка связи\n", "会议开始\n", "Åse Ødegård: Ja\n"])
def test_a_short_valid_utf8_text_in_any_script_is_not_judged_by_its_letters(text):
    assert read_bytes(text.encode("utf-8"), source="kort.txt").text.strip() == text.strip()


# ------------------------------------------------------- F11: a file of only white space is named as such


@pytest.mark.parametrize("data", [b"   \n\t\n", "\u00a0\u2003\n".encode("utf-8"), "  \n".encode("utf-16")])
def test_a_file_of_only_white_space_is_refused_as_such_not_as_empty(tmp_path, data):
    (tmp_path / "wit.txt").write_bytes(data)
    result = cli("process", str(tmp_path / "wit.txt"), "--out", str(tmp_path / "uit"))
    assert result.exit_code == 1
    assert "wit.txt: the file holds only white space" in result.output


def test_a_file_of_no_bytes_is_refused_as_empty(tmp_path):
    (tmp_path / "leeg.txt").write_bytes(b"")
    result = cli("process", str(tmp_path / "leeg.txt"), "--out", str(tmp_path / "uit"))
    assert result.exit_code == 1
    assert "leeg.txt: the file is empty" in result.output


def test_text_after_a_long_run_of_white_space_is_read(tmp_path):
    (tmp_path / "ruim.txt").write_text(" " * 70_000 + "\n" + MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "ruim.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 0, result.output


# ------------------------------------------ F9: two summary lengths are a usage error; SIGTERM ends as Ctrl-C does


def test_summary_sentences_and_summary_ratio_together_are_a_usage_error(tmp_path):
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "overleg.txt"), "--out", str(tmp_path / "uit"), "--summary-sentences", "2",
                 "--summary-ratio", "0.5")
    assert result.exit_code == 2
    assert "--summary-sentences and --summary-ratio both set the summary length" in result.output
    assert not (tmp_path / "uit").exists()


def test_summary_ratio_alone_is_no_usage_error(tmp_path):
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "overleg.txt"), "--out", str(tmp_path / "uit"), "--summary-ratio", "0.5", "-q")
    assert result.exit_code == 0, result.output


@pytest.fixture
def sigterm_restored():
    import signal

    before = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, before)


def test_sigterm_during_a_run_says_what_is_kept_and_how_to_go_on_as_ctrl_c_does(tmp_path, monkeypatch, sigterm_restored):
    import os
    import signal

    import pipeline.process

    for name in ("een.txt", "twee.txt"):
        (tmp_path / name).write_text(MINUTES, encoding="utf-8")

    def terminated(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` from another shell
        raise AssertionError("SIGTERM did not stop the run")

    monkeypatch.setattr(pipeline.process, "finish_analysis", terminated)
    result = cli("process", str(tmp_path / "een.txt"), str(tmp_path / "twee.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 130
    assert "interrupted after 0 of 2 input(s)" in result.output and "run the same command again" in result.output


@pytest.mark.parametrize(("source", "name"), [("/data/raad\\notulen.txt", "raad\\notulen.txt"),
                                              ("C:\\Users\\els\\notulen.txt", "notulen.txt"),
                                              ("verslagen/notulen.txt", "notulen.txt")])
def test_the_file_name_of_a_recorded_path_splits_at_the_separators_of_its_system(source, name):
    from pipeline.outputs.ids import file_name

    assert file_name(source) == name


def test_the_report_finds_the_source_of_a_file_whose_name_has_a_newline(tmp_path):
    from pipeline.outputs.report import source_text

    source = tmp_path / "regel\nbreuk.txt"
    source.write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    assert cli("process", str(source), "--out", str(out), "-q").exit_code == 0
    record = json.loads((out / "regel\nbreuk.json").read_text(encoding="utf-8"))
    assert source_text(record) is not None and "De stoep is kapot." in source_text(record)
    assert source_text({**record, "document": {**record["document"], "source": str(tmp_path / "weg.txt")}}) is None
