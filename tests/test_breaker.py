"""Issue 14, second round: what a hostile or careless user gives notulist is processed or refused with a plain
message naming the file, never a traceback, a hang, a whole batch lost for one file, or a silent empty result.

Each test is one kind of bad input (not one case of it); every fixture is an invented Dutch meeting written here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import InputError, read_text
from pipeline.ingest.turns import read_turns
from pipeline.themes import definitions
from pipeline.themes.definitions import ThemeFileError, load_themes

MINUTES = "Verslag wijkraad Oost\n\nVoorzitter: Ik open de vergadering.\nMarloes Vink: Dank u. Ik heb een vraag over de speeltuin.\n"
THEMES = '[[theme]]\nid = "water"\nlabel = "Waterbeheer"\nterms = ["dijk", "waterschap"]\n'


def cli(*args: str):
    """Run a notulist command; `process` and `themes discover` with the blank model."""
    model = ["--model", "blank"] if args[0] in ("process", "themes") else []
    return CliRunner().invoke(app, [*args, *model])


@pytest.fixture
def no_model(monkeypatch):
    """Fail the test when the model is loaded: the checks under test must come first."""
    import pipeline.nlp

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(pipeline.nlp, "load_nlp", refuse)
    monkeypatch.setattr(pipeline.nlp, "load_base", refuse)


# ------------------------------------------------------------- a file the user may not read fails alone


def test_a_file_the_system_calls_unreadable_does_not_abort_the_batch_as_a_usage_error(tmp_path, monkeypatch):
    (tmp_path / "geheim.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "open.txt").write_text(MINUTES.replace("Oost", "West"), encoding="utf-8")
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # what a file of another user looks like to the argument parser
        if Path(path).name == "geheim.txt":
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    result = cli("process", str(tmp_path / "geheim.txt"), str(tmp_path / "open.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code != 2, result.output
    assert "is not readable" not in result.output
    assert (tmp_path / "uit" / "open.json").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_named_on_the_command_line_fails_alone_with_exit_1(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text(MINUTES, encoding="utf-8")
    secret.chmod(0)
    (tmp_path / "open.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(secret), str(tmp_path / "open.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 1, result.output
    assert "geheim.txt: cannot be read (Permission denied)" in result.output
    assert (tmp_path / "uit" / "open.json").exists()


# ------------------------------------------------------------------------- text without a single word


@pytest.mark.parametrize("text", ["„“”‚‘’«»\"'" * 300, "=-=-=-= ... !!! ??? *** ---\n" * 50, "“ ” „ ”\n\n« »\n"])
def test_a_text_of_only_quotation_marks_and_punctuation_is_refused_not_an_empty_analysis(text):
    with pytest.raises(InputError, match=r"^tekens\.txt: holds no words"):
        read_text(text, source="tekens.txt")


@pytest.mark.parametrize("text", ["„Ja.”\n", "12:30\n", "Vink: ‘Nee!’\n"])
def test_one_word_or_number_among_the_marks_is_enough_to_be_read(text):
    assert read_text(text, source="kort.txt").blocks


def test_a_punctuation_only_file_fails_alone_in_a_batch(tmp_path):
    (tmp_path / "tekens.txt").write_text("„“”\n" * 100, encoding="utf-8")
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "tekens.txt"), str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 1
    assert "tekens.txt: holds no words" in result.output
    assert not (tmp_path / "uit" / "tekens.json").exists() and (tmp_path / "uit" / "verslag.json").exists()


# ------------------------------------------------------------ one long line of minutes with many labels


def test_a_single_line_holding_thousands_of_labelled_turns_is_read_turn_by_turn():
    names = ["De voorzitter", "Wethouder Kramer", "Mevrouw Vink"]
    line = " ".join(f"{names[i % 3]}: Punt {i} is besproken." for i in range(3000))
    transcript = read_turns("Notulen\n\n" + line + "\n", "lang.txt")
    turns = [b for b in transcript.blocks if b.speaker]
    assert len(turns) == 3000
    assert turns[1234].text == "Punt 1234 is besproken."
    assert all(transcript.text[b.start : b.end] == b.text for b in transcript.blocks)


def test_a_label_far_into_a_line_still_needs_a_sentence_end_before_it():
    prose = "Wij spraken over " + "de brug en " * 200 + "Mevrouw Vink: zij vond het goed."
    transcript = read_turns("Notulen\n\n" + prose + "\nDe voorzitter: Dank u.\n", "lang.txt")
    assert "Mevrouw Vink" not in {b.speaker for b in transcript.blocks}  # no '.' before it: part of the prose


# ---------------------------------------------------------------------- theme files that are no file


def test_a_theme_file_that_is_a_pipe_is_refused_without_waiting_for_it(tmp_path, no_model):
    pipe = tmp_path / "thema.toml"
    os.mkfifo(pipe)
    with pytest.raises(ThemeFileError, match=r"thema\.toml: is not a regular file"):
        load_themes(pipe)
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "--themes", str(pipe))
    assert result.exit_code == 2 and "thema.toml: is not a regular file" in result.output
    assert not (tmp_path / "uit").exists()


def test_a_theme_file_that_is_a_folder_is_refused_by_name(tmp_path):
    (tmp_path / "thema").mkdir()
    with pytest.raises(ThemeFileError, match=r"thema: is a folder, not a theme file"):
        load_themes(tmp_path / "thema")


def test_a_theme_file_far_larger_than_themes_are_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(definitions, "MAX_THEME_BYTES", len(THEMES) + 10)
    (tmp_path / "groot.toml").write_text(THEMES * 2, encoding="utf-8")
    (tmp_path / "klein.toml").write_text(THEMES, encoding="utf-8")
    with pytest.raises(ThemeFileError, match=r"groot\.toml: is \d+ bytes, larger than a theme file can be"):
        load_themes(tmp_path / "groot.toml")
    assert [t.id for t in load_themes(tmp_path / "klein.toml")] == ["water"]


def test_a_theme_file_name_with_escape_codes_is_shown_escaped(tmp_path):
    path = tmp_path / "thema\x1b[31m.toml"
    path.write_bytes(b"[[theme]]\nid = \"water\"\nterms = [\"d\xe9ijk\"]\n")
    with pytest.raises(ThemeFileError) as caught:
        load_themes(path)
    assert "\x1b" not in str(caught.value) and "thema\\x1b[31m.toml: line 3" in str(caught.value)


# ------------------------------------------------------- themes discover: the same linear tokenizer


def test_themes_discover_tokenizes_as_process_does_linear_on_long_punctuation_runs(tmp_path, monkeypatch):
    import pipeline.themes.discovery as discovery
    from pipeline.tokenizer import LinearTokenizer

    used = []
    real = discovery.build_corpus

    def spy(nlp, paths, **kwargs):
        used.append(nlp.tokenizer)
        return real(nlp, paths, **kwargs)

    monkeypatch.setattr(discovery, "build_corpus", spy)
    (tmp_path / "streep.txt").write_text("Verslag\n\n" + "=" * 5000 + "\n\nDe dijk is hersteld.\n", encoding="utf-8")
    result = cli("themes", "discover", str(tmp_path / "streep.txt"), "--out", str(tmp_path / "uit"))
    assert used and isinstance(used[0], LinearTokenizer)
    assert "Traceback" not in result.output and result.exit_code in (0, 1)


# ---------------------------------------------------------------- numbers no option can take


def test_a_summary_length_beyond_any_meeting_is_a_usage_error_not_a_traceback(tmp_path, no_model):
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "--summary-sentences", "9" * 20)
    assert result.exit_code == 2 and "--summary-sentences" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "uit").exists()


@pytest.mark.parametrize("seed", ["-1", str(2**32), "9" * 20])
def test_a_seed_scikit_learn_cannot_take_is_a_usage_error_before_any_reading(tmp_path, seed, no_model):
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("themes", "discover", str(tmp_path / "verslag.txt"), "--seed", seed, "--out", str(tmp_path / "uit"))
    assert result.exit_code == 2 and "--seed" in result.output


# ------------------------------------------------------- the corpus tables: a whole set or the old one


def _tables(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "tables").iterdir())}


@pytest.fixture
def two_runs(tmp_path):
    """A first run with its tables written, and a second meeting to add in a run that fails at its tables."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "oost.txt").write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "uit"
    assert cli("process", str(tmp_path / "in"), "--out", str(out), "-q").exit_code == 0
    (tmp_path / "in" / "west.txt").write_text(MINUTES.replace("Oost", "West").replace("Vink", "Kok"), encoding="utf-8")
    return tmp_path / "in", out


def test_a_disk_that_fills_up_while_writing_the_tables_leaves_the_old_tables_whole(two_runs, monkeypatch):
    import errno

    import pipeline.outputs.tables as tables

    folder, out = two_runs
    before = _tables(out)
    real = tables.write_atomic
    written = []

    def fill_up(path, data):
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real(path, data)

    monkeypatch.setattr(tables, "write_atomic", fill_up)
    result = cli("process", str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert f"the corpus tables could not be written to {out / 'tables'} (No space left on device)" in result.output
    assert ".tables-" not in result.output
    assert _tables(out) == before  # not three new tables beside the old others
    assert (out / "west.json").exists()
    assert not list((out / ".notulist").glob(".tables-*"))


def test_ctrl_c_while_writing_the_tables_leaves_them_as_they_were_and_says_how_to_finish(two_runs, monkeypatch):
    import pipeline.outputs.tables as tables

    folder, out = two_runs
    before = _tables(out)
    real = tables.write_atomic
    count = []

    def interrupted(path, data):
        count.append(path)
        if len(count) == 4:
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(tables, "write_atomic", interrupted)
    result = cli("process", str(folder), "--out", str(out))
    assert result.exit_code == 130
    assert "interrupted while writing the corpus tables" in result.output and f"notulist tables {out}" in result.output
    assert _tables(out) == before and (out / "west.json").exists()
    monkeypatch.setattr(tables, "write_atomic", real)
    assert cli("tables", str(out), "-q").exit_code == 0
    assert _tables(out) != before and b"west" in _tables(out)["documents.csv"]


def test_a_new_set_of_tables_replaces_the_old_one_whole(two_runs):
    folder, out = two_runs
    before = _tables(out)
    assert cli("process", str(folder), "--out", str(out), "-q").exit_code == 0
    after = _tables(out)
    assert set(after) >= set(before) and after["documents.csv"] != before["documents.csv"]
    assert b"oost" in after["documents.csv"] and b"west" in after["documents.csv"]


def test_a_staging_folder_left_by_a_killed_run_is_cleared_by_the_next(two_runs):
    folder, out = two_runs
    left = out / ".notulist" / ".tables-999999999-abc"  # no process has this id
    (left / "tables").mkdir(parents=True)
    (left / "tables" / "quotes.csv").write_text("half", encoding="utf-8")
    assert cli("tables", str(out), "-q").exit_code == 0
    assert not left.exists()


def test_ctrl_c_during_the_renames_of_a_set_waits_until_the_set_is_in_place(tmp_path):
    import signal

    from pipeline.outputs.writer import replace_all

    moves = []
    for name in ("documents.csv", "quotes.csv"):
        (tmp_path / f"nieuw-{name}").write_text("nieuw", encoding="utf-8")
        (tmp_path / name).write_text("oud", encoding="utf-8")
        moves.append((tmp_path / f"nieuw-{name}", tmp_path / name))
    real_replace = os.replace
    calls = []

    def replace_then_interrupt(source, target):
        real_replace(source, target)
        calls.append(target)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after the first rename

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", replace_then_interrupt)
        with pytest.raises(KeyboardInterrupt):
            replace_all(moves)
    assert [(tmp_path / name).read_text(encoding="utf-8") for name in ("documents.csv", "quotes.csv")] == ["nieuw", "nieuw"]


# ------------------------------------------------------------------ escape codes from a file's content


def test_escape_codes_written_as_json_escapes_are_replaced_and_reported_like_in_any_text():
    from pipeline.ingest import read_bytes

    data = json.dumps({"segments": [
        {"start": 0.0, "end": 2.0, "speaker": "\u001b[31mJoke Smit", "text": "Welkom \u001b[2J bij de wijkraad."},
        {"start": 2.0, "end": 4.0, "speaker": "Ruud Bakker", "text": "Dank u\u0007, voorzitter."},
    ]}).encode("utf-8")
    transcript = read_bytes(data, source="opname.json")
    assert not any(ch in transcript.text for ch in "\x1b\x07")
    assert [b.text for b in transcript.blocks] == ["Welkom \ufffd[2J bij de wijkraad.", "Dank u\ufffd, voorzitter."]
    assert "3 control characters (JSON escapes such as \\u001b) replaced by U+FFFD (first in speech turn 1)" in transcript.warnings


def test_a_speech_to_text_file_without_escape_codes_gets_no_such_warning():
    from pipeline.ingest import read_bytes

    data = json.dumps({"segments": [{"start": 0.0, "end": 2.0, "text": "Welkom bij de wijkraad.\tTweede deel."}]}).encode("utf-8")
    assert not any("control character" in w for w in read_bytes(data, source="opname.json").warnings)


def test_warnings_quoting_a_file_are_printed_with_control_characters_escaped(tmp_path, monkeypatch):
    import pipeline.process as process

    real = process.process_many

    def with_bidi_warning(*args, **kwargs):
        for outcome in real(*args, **kwargs):
            yield process.replace(outcome, warnings=(*outcome.warnings, "label \u202eredoor\u202c left out"))

    monkeypatch.setattr(process, "process_many", with_bidi_warning)
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "-q")
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output and "label \\u202eredoor\\u202c left out" in result.output


# ------------------------------------------------------------- outputs never written over an input


def test_an_input_where_a_resume_record_belongs_is_never_written_over(tmp_path, no_model):
    out = tmp_path / "uit"
    (out / ".notulist").mkdir(parents=True)
    record = out / ".notulist" / "overleg.stamp.json"
    record.write_text(json.dumps({"segments": [{"start": 0, "end": 2, "text": "Welkom bij het overleg."}]}), encoding="utf-8")
    (tmp_path / "overleg.txt").write_text(MINUTES, encoding="utf-8")
    before = record.read_bytes()
    result = cli("process", str(record), str(tmp_path / "overleg.txt"), "--out", str(out))
    assert result.exit_code == 2 and "would overwrite the input" in result.output
    assert record.read_bytes() == before


# ------------------------------------------------------ commands on a folder of outputs that are not ours


@pytest.mark.parametrize("command", [["tables"], ["report"], ["export", "convokit"]])
def test_a_folder_whose_only_json_is_no_valid_output_names_that_file_and_why(tmp_path, command):
    (tmp_path / "uit").mkdir()
    (tmp_path / "uit" / "kapot.json").write_text('{"schema_version": "1.0", "document": {}, "sessions": 5}', encoding="utf-8")
    result = cli(*command, str(tmp_path / "uit"))
    assert result.exit_code == 2
    assert "kapot.json: not a valid notulist output" in result.output and "left out" in result.output
    assert "no notulist output" in result.output


# ------------------------------------------------------ any bytes under any input suffix: a message at worst

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

STRUCTURE = st.sampled_from([
    "WEBVTT\n\n", "00:00:01.000 --> 00:00:04.000\n", "00:00:0x,000 --> 00:00:09,000\n", "1\n", "<v Joke Smit>", "<v ", "</v>",
    '{"segments": [', '{"utterances": null', '{"start": 1, "end": "x", "text": ', '"Welkom bij de wijkraad."', "]}", "}", ",",
    "<TEI><text><body><u who=\"#Vink\">", "</u></body></text></TEI>", "Voorzitter: ", "Marloes Vink: ", "„", "”", ":", "\n", "\n\n",
    "Het plan voor de speeltuin is klaar.", "\u001b", "\\u001b", "\x00", "\ufeff", "=" * 300,
])
SUFFIXES = st.sampled_from([".txt", ".vtt", ".srt", ".json", ".xml", ".docx", ".text", ""])


@settings(max_examples=int(os.environ.get("BREAKER_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(suffix=SUFFIXES, data=st.one_of(st.binary(max_size=400), st.lists(STRUCTURE, min_size=1, max_size=30).map(lambda p: "".join(p).encode("utf-8"))))
def test_any_bytes_under_any_input_suffix_give_an_output_or_a_message_naming_the_file(nlp, suffix, data):
    import tempfile

    from pipeline.process import check_input, process_files

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"vergadering{suffix}"
        source.write_bytes(data)
        try:
            check_input(source)
        except InputError as err:
            assert str(err).startswith(str(source) + ": ")
            return
        [outcome] = list(process_files(nlp, [source], Path(folder) / "uit"))
        if outcome.error is not None:
            assert outcome.error.startswith(str(source) + ": ") and "could not be analysed" not in outcome.error
            return
        output = json.loads(outcome.output.read_text(encoding="utf-8"))
    assert output["document"]["words"] > 0  # never an empty analysis
    assert not any(ch in json.dumps(output["turns"] or [], ensure_ascii=False) for ch in "\x00\x1b")


# ------------------------------------------------------- files that change between the check and the read


def test_a_file_swapped_for_a_pipe_after_its_check_is_refused_instead_of_waiting_forever(tmp_path, monkeypatch):
    import threading

    import pipeline.ingest.read as read

    pipe = tmp_path / "verslag.txt"
    os.mkfifo(pipe)
    monkeypatch.setattr(read, "check_file", lambda path, name: None)  # the check ran while it was still a file
    caught: list[BaseException] = []

    def attempt():
        try:
            read.read_file(pipe)
        except BaseException as err:  # noqa: BLE001 — kept for the assertion below
            caught.append(err)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(60)  # a hang guard, not a speed check: a blocking open never returns
    if worker.is_alive():
        with open(pipe, "wb"):  # release the blocked reader before failing
            pass
        pytest.fail("reading a pipe blocked")
    assert len(caught) == 1 and isinstance(caught[0], InputError)
    assert str(caught[0]).endswith("verslag.txt: is not a regular file (a pipe, socket or device); notulist reads files only")


def test_a_file_removed_after_the_check_fails_alone_and_the_rest_is_written(tmp_path, monkeypatch):
    import pipeline.process

    (tmp_path / "a.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "b.txt").write_text(MINUTES.replace("Oost", "Noord"), encoding="utf-8")
    real = pipeline.process.plan_batch

    def then_remove(*args, **kwargs):
        batch = real(*args, **kwargs)  # every input checked and read once
        (tmp_path / "b.txt").unlink()  # gone before the analysis reads it
        return batch

    monkeypatch.setattr(pipeline.process, "plan_batch", then_remove)
    result = cli("process", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "uit"))
    assert result.exit_code == 1, result.output
    assert "b.txt: no such file" in result.output and "1 of 2 input(s) failed" in result.output
    assert (tmp_path / "uit" / "a.json").exists() and not (tmp_path / "uit" / "b.json").exists()


# ------------------------------------------------- a folder that is both the input and the output folder


def test_a_folder_processed_into_itself_names_its_own_outputs_in_one_line_and_other_files_each(tmp_path):
    folder = tmp_path / "vergaderingen"
    folder.mkdir()
    (folder / "oost.txt").write_text(MINUTES, encoding="utf-8")
    assert cli("process", str(folder), "--out", str(folder), "-q").exit_code == 0
    (folder / "gold.json").write_text("{}", encoding="utf-8")  # the user's own JSON, not written by notulist
    result = cli("process", str(folder), "--out", str(folder))
    assert result.exit_code == 0, result.output
    own = [line for line in result.output.splitlines() if "notulist's own outputs" in line]
    assert len(own) == 1 and str(folder) in own[0]
    assert "gold.json: not an input format (.json)" in result.output
    assert "tables/quotes.csv" not in result.output and "oost.json" not in result.output


def test_evaluate_names_the_gold_file_and_prediction_whose_fields_are_wrong(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold" / "goed.json").write_text('{"document": "goed.txt", "quotes": [], "speakers": []}', encoding="utf-8")
    (tmp_path / "gold" / "raar.json").write_text('{"document": "raar.txt", "quotes": 5}', encoding="utf-8")
    (tmp_path / "pred" / "raar.json").write_text('{"schema_version": "1.0"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "gold"), "--pred", str(tmp_path / "pred")])
    assert result.exit_code == 1  # the broken pair is left out, the others scored
    assert f"the gold file {tmp_path / 'gold' / 'raar.json'} or its prediction {tmp_path / 'pred' / 'raar.json'} does not have" in result.output
    assert "Traceback" not in result.output


def test_extend_themes_without_a_theme_file_is_a_usage_error_not_ignored(tmp_path, no_model):
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "--extend-themes")
    assert result.exit_code == 2 and "--themes FILE" in result.output
    assert not (tmp_path / "uit").exists()


def test_a_summary_model_without_the_transformers_summariser_is_a_usage_error_not_ignored(tmp_path, no_model):
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "--summary-model", str(tmp_path / "t5"))
    assert result.exit_code == 2 and "--summarizer transformers" in result.output


@pytest.fixture
def outputs(tmp_path):
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    assert cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit"), "-q").exit_code == 0
    return tmp_path / "uit"


@pytest.mark.parametrize("command", [["report"], ["export", "convokit"]])
def test_a_site_or_corpus_folder_that_is_a_file_is_a_usage_error_and_the_file_is_kept(outputs, tmp_path, command):
    (tmp_path / "notities.txt").write_text("mijn eigen notities", encoding="utf-8")
    result = cli(*command, str(outputs), "--out", str(tmp_path / "notities.txt"))
    assert result.exit_code == 2 and "notities.txt is a file, not a folder" in result.output
    assert (tmp_path / "notities.txt").read_text(encoding="utf-8") == "mijn eigen notities"


def test_a_sources_folder_that_does_not_exist_is_a_usage_error_not_ignored(outputs, tmp_path):
    result = cli("report", str(outputs), "--sources", str(tmp_path / "bronnen"))
    assert result.exit_code == 2 and "bronnen is not a folder" in result.output
    assert not (outputs / "report").exists()


def test_a_cluster_that_cannot_be_reached_leaves_no_empty_output_folders_behind(tmp_path, monkeypatch):
    import pipeline.process as process

    def unreachable(*args, **kwargs):
        raise process.EngineError("cannot reach the Dask scheduler 'tcp://127.0.0.1:1'")
        yield  # a generator, as run_batch is

    monkeypatch.setattr(process, "run_batch", unreachable)
    (tmp_path / "verslag.txt").write_text(MINUTES, encoding="utf-8")
    result = cli("process", str(tmp_path / "verslag.txt"), "--out", str(tmp_path / "uit" / "week1"), "--engine", "dask")
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.output
    assert not (tmp_path / "uit").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_theme_file_saved_as_unicode_by_notepad_is_read(tmp_path, encoding):
    (tmp_path / "thema.toml").write_bytes(THEMES.replace("dijk", "dĳk één").encode(encoding))  # the codec writes the BOM
    [theme] = load_themes(tmp_path / "thema.toml")
    assert theme.id == "water" and theme.terms == ("dĳk één", "waterschap")


def test_a_cut_off_utf16_theme_file_is_named_as_such_not_as_latin1(tmp_path):
    (tmp_path / "thema.toml").write_bytes(THEMES.encode("utf-16")[:-1])
    with pytest.raises(ThemeFileError, match=r"thema\.toml: not valid UTF-16 text"):
        load_themes(tmp_path / "thema.toml")
