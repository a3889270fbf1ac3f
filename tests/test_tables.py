"""Research tables: one row per entity, ids that join across a batch, lists kept, formulas escaped."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.analyze import build_analysis, parse
from pipeline.cli import app
from pipeline.ingest import read_text
from pipeline.outputs.ids import document_id
from pipeline.outputs.tables import OutputsError, corpus_frames, csv_text, load_outputs, write_tables
from pipeline.outputs.writer import to_json

REPORT_A = (
    "Nieuwe fietsbrug in Zwolle\n\n"
    "“We bouwen de brug voor de hele regio”, zegt wethouder Karin Bakker. Zij wil dat de brug in 2027 klaar is.\n\n"
    "Volgens projectleider Tom Visser is het vertrouwen van de bewoners groot. “De samenwerking met de buurt loopt goed”, "
    "zei hij.\n"
)
REPORT_B = (
    "Overleg over de bibliotheek\n\n"
    "“Lezen begint in de buurt”, zegt directeur Sanne de Graaf van de Openbare Bibliotheek.\n\n"
    "Wethouder Ahmed Yilmaz zei dat de gemeente de samenwerking met scholen wil versterken.\n"
)
TURNS = (
    "[00:00:03] Jan de Vries: Goedemorgen, welkom bij het overleg over vertrouwen in de wijk.\n"
    "[00:00:20] Eva Smit: Dank je. Ik wil het hebben over samenwerking met de hogeschool.\n"
    "[00:00:52] Jan de Vries: Goed, dan spreken we dat af.\n"
)


@pytest.fixture(scope="module")
def batch(nlp):
    """Three analyses: two prose reports and a turn transcript, with sources in different folders."""
    out = []
    for source, text in (("verslagen/brug.txt", REPORT_A), ("/elders/bibliotheek.txt", REPORT_B), ("overleg.txt", TURNS)):
        transcript = read_text(text, source=source)
        out.append(build_analysis(parse(nlp, transcript), transcript))
    return out


@pytest.fixture(scope="module")
def tables(batch, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    write_tables(batch, out)
    return load_outputs(out)


def test_every_table_is_written_as_csv_and_parquet(batch, tmp_path):
    written = {p.name for p in write_tables(batch, tmp_path)}
    for name in ("documents", "sessions", "speakers", "quotes", "turns", "themes", "theme_evidence", "keyphrases"):
        assert {f"{name}.csv", f"{name}.parquet"} <= written
    assert all((tmp_path / "tables" / name).is_file() for name in written)


def test_one_row_per_entity(batch, tables):
    assert len(tables["documents"]) == 3
    assert len(tables["quotes"]) == sum(len(a.quotes) for a in batch)
    assert len(tables["speakers"]) == sum(len(a.speakers) for a in batch)
    assert len(tables["turns"]) == 3
    assert len(tables["sessions"]) == sum(len(a.sessions) for a in batch)
    for name in ("documents", "sessions", "speakers", "quotes", "turns", "theme_evidence", "keyphrases"):
        assert tables[name]["id"].is_unique, name


def test_ids_join_across_the_batch(tables):
    documents = set(tables["documents"]["id"])
    for name in ("sessions", "speakers", "quotes", "turns", "themes", "theme_evidence", "keyphrases"):
        assert set(tables[name]["document_id"]) <= documents, name
    speakers = set(tables["speakers"]["id"])
    attributed = tables["quotes"]["speaker_id"].dropna()
    assert len(attributed) > 0 and set(attributed) <= speakers
    assert set(tables["turns"]["speaker_id"]) <= speakers
    assert set(tables["quotes"]["session_id"]) <= set(tables["sessions"]["id"])
    merged = tables["quotes"].merge(tables["speakers"], left_on="speaker_id", right_on="id", suffixes=("", "_speaker"))
    assert (merged["speaker"] == merged["name"]).all()


def test_every_json_field_is_kept(batch, tables):
    quote = batch[0].quotes[0]
    row = tables["quotes"].set_index("local_id").loc[quote.id]
    row = row[row["document_id"] == document_id(batch[0])].iloc[0] if isinstance(row, pd.DataFrame) else row
    for field, value in quote.model_dump(mode="json").items():
        if field not in ("id", "speaker_id", "session"):
            assert row[field] == value, field
    assert row["attribution"] in ("cue", "previous_quote", "context")
    assert {"summary_text", "summary_key_points", "title", "normalisation"} <= set(tables["documents"].columns)


def test_lists_are_real_lists_in_parquet(tables):
    speakers = tables["speakers"].set_index("name")
    assert speakers.loc["Karin Bakker", "roles"] == ["wethouder"]
    evidence = tables["theme_evidence"]
    assert all(isinstance(terms, list) for terms in evidence["terms"])


def test_document_id_does_not_depend_on_the_folder(nlp):
    first = read_text(REPORT_A, source="/home/anna/verslagen/brug.txt")
    second = read_text(REPORT_A, source="brug.txt")
    other = read_text(REPORT_B, source="brug.txt")
    ids = [document_id(build_analysis(parse(nlp, t), t)) for t in (first, second, other)]
    assert ids[0] == ids[1]
    assert ids[0].startswith("brug-")
    assert ids[2] != ids[0]


def test_theme_scores_come_per_document_session_and_speaker(tables):
    scopes = set(tables["themes"]["scope"])
    assert scopes == {"document", "session", "speaker"}
    speaker_rows = tables["themes"][tables["themes"]["scope"] == "speaker"]
    assert set(speaker_rows["speaker_id"]) <= set(tables["speakers"]["id"])


def test_decisions_and_actions_become_tables_only_when_present(batch):
    assert "decisions" not in corpus_frames(batch)
    record = json.loads(to_json(batch[2]))
    record["sessions"][0]["decisions"] = [{"text": "Het wijkteam organiseert in maart een bijeenkomst.", "start": 10, "end": 60}]
    record["sessions"][0]["actions"] = [{"text": "Eva Smit belt de hogeschool.", "start": 0, "end": 10, "who": "Eva Smit"},
                                        "Jan zoekt een zaal."]
    frames = corpus_frames([record])
    assert frames["decisions"]["text"].tolist() == ["Het wijkteam organiseert in maart een bijeenkomst."]
    assert frames["actions"]["text"].tolist() == ["Eva Smit belt de hogeschool.", "Jan zoekt een zaal."]
    eva = frames["speakers"].set_index("name").loc["Eva Smit", "id"]
    assert frames["actions"]["speaker_id"].tolist()[0] == eva
    assert set(frames["decisions"]["session_id"]) <= set(frames["sessions"]["id"])


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tstart", "'=al ontsmet"])
def test_formula_cells_are_escaped_in_csv_and_restored_on_load(batch, tmp_path, dangerous):
    record = json.loads(to_json(batch[0]))
    record["quotes"][0]["text"] = dangerous
    write_tables([record], tmp_path)
    cell = pd.read_csv(tmp_path / "tables" / "quotes.csv", keep_default_na=False)["text"][0]
    assert cell == "'" + dangerous
    for parquet in (tmp_path / "tables").glob("*.parquet"):
        parquet.unlink()
    assert load_outputs(tmp_path)["quotes"]["text"][0] == dangerous


def test_ordinary_text_is_not_escaped():
    frame = pd.DataFrame({"text": ["Gewoon een zin.", "'t Is goed"], "n": [-3, 4]})
    assert csv_text(frame) == "text,n\nGewoon een zin.,-3\n't Is goed,4\n"


def test_csv_lists_load_as_lists_without_parquet(batch, tmp_path):
    write_tables(batch, tmp_path)
    for parquet in (tmp_path / "tables").glob("*.parquet"):
        parquet.unlink()
    speakers = load_outputs(tmp_path)["speakers"].set_index("name")
    assert speakers.loc["Karin Bakker", "roles"] == ["wethouder"]


def test_load_outputs_builds_tables_from_json_when_none_were_written(batch, tmp_path):
    (tmp_path / "brug.json").write_text(to_json(batch[0]), encoding="utf-8")
    (tmp_path / "iets-anders.json").write_text('{"naam": "geen notulist"}', encoding="utf-8")
    frames = load_outputs(tmp_path)
    assert len(frames["documents"]) == 1


def test_a_folder_without_outputs_is_a_clear_error(tmp_path):
    with pytest.raises(OutputsError, match="no notulist output"):
        load_outputs(tmp_path)


def test_tables_command_writes_the_folder_and_refuses_an_empty_one(batch, tmp_path):
    for analysis, name in zip(batch, ("brug", "bibliotheek", "overleg"), strict=True):
        (tmp_path / f"{name}.json").write_text(to_json(analysis), encoding="utf-8")
    result = CliRunner().invoke(app, ["tables", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "tables" / "documents.parquet")) == 3
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = CliRunner().invoke(app, ["tables", str(empty)])
    assert result.exit_code == 2
    assert "no notulist output" in result.output and "Traceback" not in result.output


def test_a_single_file_run_writes_tables(tmp_path):
    source = tmp_path / "brug.txt"
    source.write_text(REPORT_A, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["process", str(source), "--out", str(out), "--model", "blank", "-q"])
    assert result.exit_code == 0, result.output
    quotes = load_outputs(out)["quotes"]
    assert len(quotes) >= 2
    assert quotes["document_id"].iloc[0].startswith("brug-")


def test_tables_report_and_export_files_get_the_umask_mode(batch, tmp_path):
    import os
    import stat

    from pipeline.outputs.convokit import write_convokit
    from pipeline.outputs.report import write_report

    previous = os.umask(0o027)
    try:
        written = write_tables(batch, tmp_path)
        written += write_report([("brug", json.loads(to_json(batch[0])))], tmp_path / "report")
        written += write_convokit(batch, tmp_path / "convokit")
    finally:
        os.umask(previous)
    assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o640}


def test_a_broken_json_file_is_named_and_the_others_are_still_tabled(batch, tmp_path):
    (tmp_path / "brug.json").write_text(to_json(batch[0]), encoding="utf-8")
    (tmp_path / "kapot.json").write_text('{"schema_version": "1.0", "document": {', encoding="utf-8")
    result = CliRunner().invoke(app, ["tables", str(tmp_path), "-q"])
    assert result.exit_code == 1
    assert "kapot.json: cannot be read as JSON" in result.output and "Traceback" not in result.output
    assert len(pd.read_csv(tmp_path / "tables" / "documents.csv")) == 1


def test_a_table_the_new_set_lacks_is_removed_with_the_old_set(batch, tmp_path):
    """The tables are one set: decisions written by an earlier run over other files must not stay beside a new set
    whose files record no decision (they would name documents the new `documents` table does not have)."""
    from pipeline.cli import write_table_set

    with_decision = json.loads(to_json(batch[2]))
    with_decision["sessions"][0]["decisions"] = [{"text": "De raad stemt in met het plan.", "start": 0, "end": 30}]
    write_table_set([with_decision], tmp_path)
    assert (tmp_path / "tables" / "decisions.csv").exists() and (tmp_path / "tables" / "decisions.parquet").exists()
    write_table_set([batch[0]], tmp_path)
    names = {path.name for path in (tmp_path / "tables").iterdir()}
    assert not {"decisions.csv", "decisions.parquet", "actions.csv", "actions.parquet"} & names
    assert "documents.csv" in names
    frames = load_outputs(tmp_path)
    assert "decisions" not in frames


def test_a_table_the_new_set_still_has_is_replaced_not_removed(batch, tmp_path):
    from pipeline.cli import write_table_set

    record = json.loads(to_json(batch[2]))
    record["sessions"][0]["decisions"] = [{"text": "De raad stemt in met het plan.", "start": 0, "end": 30}]
    write_table_set([record], tmp_path)
    record["sessions"][0]["decisions"] = [{"text": "Het plan wordt aangenomen.", "start": 0, "end": 26}]
    write_table_set([record], tmp_path)
    assert pd.read_csv(tmp_path / "tables" / "decisions.csv")["text"].tolist() == ["Het plan wordt aangenomen."]
