"""The command line: processing the sample report, bad input, determinism, schema and evaluation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.outputs.model import json_schema

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "clustervorming-is-mensenwerk.txt"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_sample_report_output_follows_the_schema(tmp_path):
    result = run("process", str(SAMPLE), "--out", str(tmp_path), "--model", "blank", "--quiet")
    assert result.exit_code == 0, result.output
    output = json.loads((tmp_path / "clustervorming-is-mensenwerk.json").read_text(encoding="utf-8"))
    jsonschema.validate(output, json_schema())
    assert output["document"]["title"] == "Clustervorming is mensenwerk"
    speakers = {s["name"] for s in output["speakers"]}
    assert speakers == {"Marc Hameleers", "Arnoud Lagendijk", "Miranda Ebbekink", "Jeroen de Bruijn", "Wim Renders"}
    text = SAMPLE.read_text(encoding="utf-8")
    for quote in output["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    proximity = next(q for q in output["quotes"] if q["text"].startswith("Nabijheid is gewenst"))
    assert proximity["speaker"] == "Arnoud Lagendijk"


def test_rerun_gives_byte_identical_output(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("process", str(SAMPLE), "--out", str(first), "--model", "blank", "-q").exit_code == 0
    assert run("process", str(SAMPLE), "--out", str(second), "--model", "blank", "-q").exit_code == 0
    name = "clustervorming-is-mensenwerk.json"
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_bad_files_are_reported_and_the_rest_is_processed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "goed.txt")
    (inputs / "leeg.txt").write_bytes(b"")
    (inputs / "binair.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 20)
    out = tmp_path / "out"
    result = run("process", str(inputs), str(tmp_path / "ontbreekt.txt"), "--out", str(out), "--model", "blank", "-q")
    assert result.exit_code == 1
    assert "leeg.txt: the file is empty" in result.output
    assert "binair.txt: the file looks binary" in result.output
    assert "ontbreekt.txt: no such file" in result.output
    assert (out / "goed.json").exists()
    assert not (out / "leeg.json").exists()
    assert (out / "tables" / "quotes.csv").exists()


def test_a_failed_run_keeps_the_earlier_output(tmp_path):
    source = tmp_path / "verslag.txt"
    shutil.copy(SAMPLE, source)
    out = tmp_path / "out"
    assert run("process", str(source), "--out", str(out), "--model", "blank", "-q").exit_code == 0
    before = (out / "verslag.json").read_bytes()
    source.write_bytes(b"")
    assert run("process", str(source), "--out", str(out), "--model", "blank", "-q").exit_code == 1
    assert (out / "verslag.json").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_unknown_model_is_a_clear_error(tmp_path):
    result = run("process", str(SAMPLE), "--out", str(tmp_path), "--model", str(tmp_path / "geen-model"))
    assert result.exit_code == 2
    assert "cannot load spaCy model" in result.output


def test_schema_command_prints_the_schema():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert {"document", "sessions", "speakers", "quotes"} <= set(schema["required"])


def test_evaluate_scores_a_prediction_against_gold(tmp_path):
    gold = tmp_path / "gold"
    pred = tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    (gold / "doc.json").write_text(json.dumps({
        "document": "doc.txt",
        "speakers": [{"name": "Karin Bakker", "aliases": ["Bakker"], "roles": ["wethouder"], "organisations": []}],
        "quotes": [
            {"kind": "direct", "speaker": "Karin Bakker", "text": "We moeten sneller schakelen in de regio"},
            {"kind": "direct", "speaker": "Karin Bakker", "text": "Dat kost tijd en geld"},
        ],
    }))
    (pred / "doc.json").write_text(json.dumps({
        "speakers": [{"name": "Karin Bakker", "aliases": [], "roles": ["wethouder"], "organisations": []}],
        "quotes": [
            {"kind": "direct", "speaker": "Bakker", "text": "We moeten sneller schakelen in de regio"},
            {"kind": "direct", "speaker": None, "text": "Iets heel anders dat niet in de gold staat"},
        ],
    }))
    result = run("evaluate", str(gold), "--pred", str(pred), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["direct"]["precision"] == 0.5
    assert figures["direct"]["recall"] == 0.5
    assert figures["attribution_accuracy"] == 1.0
    assert figures["speakers"]["f1"] == 1.0


def test_parallel_jobs_give_the_same_output(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("een.txt", "twee.txt"):
        shutil.copy(SAMPLE, inputs / name)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run("process", str(inputs), "--out", str(serial), "--model", "blank", "-q").exit_code == 0
    assert run("process", str(inputs), "--out", str(parallel), "--model", "blank", "-q", "--jobs", "2").exit_code == 0
    for name in ("een.json", "twee.json", "tables/quotes.csv"):
        serial_text = (serial / name).read_text(encoding="utf-8")
        assert serial_text == (parallel / name).read_text(encoding="utf-8")


def test_bad_theme_file_is_a_clear_error(tmp_path):
    themes = tmp_path / "themes.toml"
    themes.write_text('[[theme]]\nid = "x"\n', encoding="utf-8")
    result = run("process", str(SAMPLE), "--out", str(tmp_path), "--model", "blank", "--themes", str(themes))
    assert result.exit_code == 2
    assert "themes.toml: theme 1 (line 1): 'terms' must be a non-empty list" in result.output


def test_summary_length_option(tmp_path):
    assert run("process", str(SAMPLE), "--out", str(tmp_path), "--model", "blank", "-q", "--summary-sentences", "2").exit_code == 0
    output = json.loads((tmp_path / "clustervorming-is-mensenwerk.json").read_text(encoding="utf-8"))
    assert len(output["summary"]["sentences"]) == 2
    assert len(output["sessions"][0]["summary"]["sentences"]) == 2


def test_html_report_is_written_and_escaped(tmp_path):
    source = tmp_path / "verslag.txt"
    source.write_text(
        "Verslag <script>\n\n“Wij bouwen aan een sterke regio met <b>banen</b>”, zegt wethouder Karin Bakker.\n",
        encoding="utf-8",
    )
    assert run("process", str(source), "--out", str(tmp_path / "out"), "--model", "blank", "-q", "--html").exit_code == 0
    page = (tmp_path / "out" / "verslag.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Karin Bakker" in page and "wethouder" in page
    assert "<script>" not in page and "&lt;b&gt;banen&lt;/b&gt;" in page


def test_turn_transcript_output_follows_the_schema(tmp_path):
    source = tmp_path / "overleg.txt"
    source.write_text(
        "[00:00:05] Jan de Vries: Goedemorgen, welkom bij het overleg over vertrouwen in de regio.\n"
        "[00:00:40] Eva Smit: Dank je. Ik wil het hebben over samenwerking met kennisinstellingen.\n"
        "Daar ligt onze kans.\n",
        encoding="utf-8",
    )
    assert run("process", str(source), "--out", str(tmp_path), "--model", "blank", "-q").exit_code == 0
    output = json.loads((tmp_path / "overleg.json").read_text(encoding="utf-8"))
    jsonschema.validate(output, json_schema())
    assert output["document"]["format"] == "turns"
    assert [(t["speaker"], t["start_time"], t["end_time"]) for t in output["turns"]] == [("Jan de Vries", 5.0, 40.0), ("Eva Smit", 40.0, None)]
    eva = next(s for s in output["speakers"] if s["name"] == "Eva Smit")
    assert {t["id"] for t in eva["themes"]} >= {"collaboration"}


def test_model_with_an_unregistered_component_is_a_clear_error(tmp_path):
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipeline")
    config = (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    config = config.replace('factory = "sentencizer"', 'factory = "niet_geregistreerd"')
    (tmp_path / "pipeline" / "config.cfg").write_text(config, encoding="utf-8")
    result = run("process", str(SAMPLE), "--out", str(tmp_path / "out"), "--model", str(tmp_path / "pipeline"))
    assert result.exit_code == 2
    assert "cannot load spaCy model" in result.output and "niet_geregistreerd" in result.output
