"""Issue 14, second round: what a hostile or careless user gives notulist is processed or refused with a plain
message naming the file, never a traceback, a hang, a whole batch lost for one file, or a silent empty result.

Each test is one kind of bad input (not one case of it); every fixture is an invented Dutch meeting written here.
"""

from __future__ import annotations

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
    return CliRunner().invoke(app, [*args, "--model", "blank"])


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
