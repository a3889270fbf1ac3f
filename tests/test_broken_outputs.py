"""Commands that read notulist outputs name a broken or invalid file, leave it out, and go on (exit 1)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.outputs.model import Analysis, DocumentInfo, Session


def _good() -> str:
    analysis = Analysis(
        document=DocumentInfo(source="verslag.txt", format="report", words=4),
        sessions=[Session(id="s1", start=0, end=30)], speakers=[], quotes=[],
    )
    return analysis.model_dump_json()


def _folder(tmp_path):
    (tmp_path / "verslag.json").write_text(_good(), encoding="utf-8")
    (tmp_path / "diep.json").write_text('{"schema_version": "1.0", "document": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    wrong = json.loads(_good())
    wrong["sessions"][0]["start"] = "x"
    (tmp_path / "verkeerd.json").write_text(json.dumps(wrong), encoding="utf-8")
    return tmp_path


def test_tables_name_the_broken_files_and_write_the_good_one(tmp_path):
    out = _folder(tmp_path)
    result = CliRunner().invoke(app, ["tables", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "diep.json" in result.output and "verkeerd.json" in result.output
    assert (out / "tables" / "documents.csv").exists()


def test_evaluate_refuses_an_empty_gold_folder_and_a_missing_prediction_folder(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--pred", str(tmp_path)])
    assert result.exit_code == 2 and "no gold JSON files" in result.output
    (gold / "a.json").write_text('{"document": "a.txt", "quotes": [], "speakers": []}', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--pred", str(tmp_path / "nergens")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_evaluate_names_a_gold_file_nested_too_deeply(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "diep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--pred", str(tmp_path)])
    assert result.exit_code == 1 and "diep.json" in result.output and "Traceback" not in result.output


def test_a_file_notulist_did_not_write_is_never_replaced_by_an_output(tmp_path):
    source = tmp_path / "in" / "overleg.txt"
    source.parent.mkdir()
    source.write_text("Anna de Wit: Goedemorgen, we beginnen met de planning.\nTim Verhoef: Prima.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "overleg.json"
    mine.write_text('{"mijn": "eigen gegevens"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["process", str(source), "--out", str(out), "--model", "blank", "-q"])
    assert result.exit_code == 1
    assert "was not written by notulist" in result.output
    assert mine.read_text(encoding="utf-8") == '{"mijn": "eigen gegevens"}'
    mine.unlink()
    again = CliRunner().invoke(app, ["process", str(source), "--out", str(out), "--model", "blank", "-q", "--force"])
    assert again.exit_code == 0
    rerun = CliRunner().invoke(app, ["process", str(source), "--out", str(out), "--model", "blank", "-q", "--force"])
    assert rerun.exit_code == 0  # its own output is replaced
