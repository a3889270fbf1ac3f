"""ConvoKit export: the five corpus files in ConvoKit's documented format (docs/source/data_format.rst).

ConvoKit itself is not a notulist dependency; the files are checked against the documented format, and,
when `convokit` can be imported (or `CONVOKIT_PYTHON` names a Python that has it), loaded with ConvoKit.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap

import pytest
from typer.testing import CliRunner

from pipeline.analyze import build_analysis, parse
from pipeline.cli import app
from pipeline.ingest import read_text
from pipeline.outputs.convokit import CORPUS_FILES, write_convokit
from pipeline.outputs.writer import to_json

TURNS = (
    "[00:00:03] Jan de Vries: Goedemorgen, welkom bij het overleg over vertrouwen in de wijk.\n"
    "[00:00:20] Eva Smit: Dank je. Ik wil het hebben over samenwerking met de hogeschool.\n"
    "[00:00:52] Jan de Vries: Goed, dan spreken we dat af.\n"
)
REPORT = (
    "Nieuwe fietsbrug in Zwolle\n\n"
    "“We bouwen de brug voor de hele regio”, zegt wethouder Karin Bakker.\n\n"
    "Volgens projectleider Tom Visser is het vertrouwen groot. “De buurt doet goed mee”, zei hij.\n"
)
MANDATORY_UTTERANCE_FIELDS = {"id", "speaker", "conversation_id", "reply_to", "timestamp", "text"}
MANDATORY_INDEX_FIELDS = {"utterances-index", "speakers-index", "conversations-index", "overall-index", "version"}


@pytest.fixture(scope="module")
def corpus_dir(nlp, tmp_path_factory):
    analyses = []
    for source, text in (("overleg.txt", TURNS), ("brug.txt", REPORT)):
        transcript = read_text(text, source=source)
        analyses.append(build_analysis(parse(nlp, transcript), transcript))
    out = tmp_path_factory.mktemp("convokit")
    write_convokit(analyses, out)
    return out


def utterances(folder):
    return [json.loads(line) for line in (folder / "utterances.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_five_files_are_written(corpus_dir):
    assert sorted(p.name for p in corpus_dir.iterdir()) == sorted(CORPUS_FILES)


def test_utterances_have_the_mandatory_fields_and_known_speakers(corpus_dir):
    rows = utterances(corpus_dir)
    speakers = json.loads((corpus_dir / "speakers.json").read_text(encoding="utf-8"))
    ids = {u["id"] for u in rows}
    assert len(ids) == len(rows)
    for u in rows:
        assert MANDATORY_UTTERANCE_FIELDS <= u.keys()
        assert u["speaker"] in speakers
        assert u["reply_to"] is None or u["reply_to"] in ids
        assert isinstance(u["meta"], dict)


def test_consecutive_turns_reply_to_each_other(corpus_dir):
    turns = [u for u in utterances(corpus_dir) if u["meta"]["kind"] == "turn"]
    assert [u["text"][:11] for u in turns] == ["Goedemorgen", "Dank je. Ik", "Goed, dan s"]
    assert turns[0]["reply_to"] is None
    assert turns[1]["reply_to"] == turns[0]["id"] and turns[2]["reply_to"] == turns[1]["id"]
    assert {u["conversation_id"] for u in turns} == {turns[0]["id"]}
    assert [u["timestamp"] for u in turns] == [3.0, 20.0, 52.0]
    speakers = json.loads((corpus_dir / "speakers.json").read_text(encoding="utf-8"))
    assert speakers[turns[0]["speaker"]]["meta"]["name"] == "Jan de Vries"


def test_quotes_of_a_report_are_utterances_of_their_speakers(corpus_dir):
    quotes = [u for u in utterances(corpus_dir) if u["meta"]["kind"] in ("direct", "indirect")]
    speakers = json.loads((corpus_dir / "speakers.json").read_text(encoding="utf-8"))
    assert "We bouwen de brug voor de hele regio" in [u["text"] for u in quotes]
    first = next(u for u in quotes if u["text"] == "We bouwen de brug voor de hele regio")
    assert speakers[first["speaker"]]["meta"]["name"] == "Karin Bakker"
    assert first["meta"]["attribution"] == "cue"


def test_conversations_and_index_follow_the_format(corpus_dir):
    conversations = json.loads((corpus_dir / "conversations.json").read_text(encoding="utf-8"))
    roots = {u["conversation_id"] for u in utterances(corpus_dir)}
    assert set(conversations) == roots
    index = json.loads((corpus_dir / "index.json").read_text(encoding="utf-8"))
    assert MANDATORY_INDEX_FIELDS <= index.keys()
    assert index["utterances-index"]["start_time"] == ["<class 'float'>"]
    assert index["speakers-index"]["name"] == ["<class 'str'>"]
    assert "notulist_version" in json.loads((corpus_dir / "corpus.json").read_text(encoding="utf-8"))


LOAD_SCRIPT = textwrap.dedent(
    """
    import sys
    from convokit import Corpus
    corpus = Corpus(filename=sys.argv[1])
    assert len(list(corpus.iter_utterances())) == int(sys.argv[2])
    assert all(c.check_integrity(verbose=False) for c in corpus.iter_conversations())
    print(len(list(corpus.iter_conversations())))
    """
)


def test_convokit_loads_the_corpus(corpus_dir):
    expected = str(len(utterances(corpus_dir)))
    python = os.environ.get("CONVOKIT_PYTHON")
    if python is None:
        pytest.importorskip("convokit", reason="convokit is not installed (set CONVOKIT_PYTHON to a Python that has it)")
        import sys

        python = sys.executable
    result = subprocess.run([python, "-c", LOAD_SCRIPT, str(corpus_dir), expected], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "2"


def test_export_command(nlp, tmp_path):
    transcript = read_text(TURNS, source="overleg.txt")
    (tmp_path / "overleg.json").write_text(to_json(build_analysis(parse(nlp, transcript), transcript)), encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "convokit", str(tmp_path), "--out", str(tmp_path / "ck")])
    assert result.exit_code == 0, result.output
    assert len(utterances(tmp_path / "ck")) == 3
    result = CliRunner().invoke(app, ["export", "convokit", str(tmp_path / "leeg")])
    assert result.exit_code == 2 and "not a folder" in result.output
