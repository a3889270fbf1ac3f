"""The format registry: one place that knows the formats, their suffixes and their companion files."""

from __future__ import annotations

from pipeline.ingest.registry import format_names, input_suffixes, is_companion


def test_every_reader_is_registered_once_by_name():
    names = format_names()
    for expected in ("text", "report", "turns", "vtt", "srt", "parlamint"):
        assert expected in names
    assert len(names) == len(set(names))


def test_folders_pick_up_transcript_suffixes():
    suffixes = input_suffixes()
    assert {".txt", ".vtt", ".srt", ".docx", ".xml"} <= suffixes
    assert ".pdf" not in suffixes


def test_a_parlamint_meta_file_is_a_companion_not_an_input(tmp_path):
    meta = tmp_path / "ParlaMint-NL_2020-01-01-tweedekamer-1-meta.tsv"
    meta.write_text("ID\tSpeaker_name\n", encoding="utf-8")
    assert is_companion(meta)


def test_the_txt_form_beside_the_tei_sitting_and_its_meta_is_read_once_from_the_tei(tmp_path):
    stem = "ParlaMint-NL_2020-01-01-tweedekamer-1"
    for name in (f"{stem}.xml", f"{stem}.txt", f"{stem}-meta.tsv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert is_companion(tmp_path / f"{stem}.txt")
    assert not is_companion(tmp_path / f"{stem}.xml")


def test_a_txt_beside_an_unrelated_xml_without_meta_is_an_input_of_its_own(tmp_path):
    (tmp_path / "verslag.xml").write_text("<root/>", encoding="utf-8")
    (tmp_path / "verslag.txt").write_text("De raad vergadert.", encoding="utf-8")
    assert not is_companion(tmp_path / "verslag.txt")


def test_text_that_gives_no_block_at_all_is_refused_not_read_as_empty():
    import pytest

    from pipeline.ingest import InputError, read_text

    with pytest.raises(InputError, match="no speech or running text"):
        read_text("0:00\n\n0:05\n", source="tijden.txt", format="turns")
    assert read_text("0:00 Jan de Vries: Goedemorgen allemaal.\n", source="t.txt", format="turns").blocks


def test_the_transcript_says_what_its_offsets_count():
    from pipeline.ingest import read_text
    from pipeline.ingest.model import BUILT_FROM_TURNS

    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Anna de Wit>Goedemorgen allemaal.</v>\n"
    assert read_text(vtt, source="overleg.vtt").normalisation == BUILT_FROM_TURNS
    assert read_text("De raad vergadert over de begroting.\n", source="verslag.txt").normalisation.startswith("utf-8")


def test_folder_walks_leave_markdown_notes_out_but_a_named_md_file_is_read(tmp_path):
    from pipeline.ingest import read_file

    assert ".md" not in input_suffixes()
    note = tmp_path / "verslag.md"
    note.write_text("De raad vergadert over de begroting.\n", encoding="utf-8")
    assert read_file(note).blocks


def test_a_refusal_names_the_file_as_given_not_only_its_name(tmp_path):
    import pytest

    from pipeline.ingest import InputError, read_file

    pdf = tmp_path / "notulen.pdf"
    pdf.write_bytes(b"%PDF-1.4 De raad vergadert.")
    with pytest.raises(InputError) as err:
        read_file(pdf)
    assert str(err.value).startswith(str(pdf))


def test_a_cp1252_file_says_so_in_its_normalisation(tmp_path):
    from pipeline.ingest import read_file

    path = tmp_path / "oud.txt"
    path.write_bytes("De wethouder zegt dat het café dicht gaat en de coördinatie beter moet.\n".encode("cp1252"))
    transcript = read_file(path)
    assert "cp1252" in transcript.normalisation
    utf8 = tmp_path / "nieuw.txt"
    utf8.write_text("De wethouder zegt dat het café dicht gaat.\n", encoding="utf-8")
    assert read_file(utf8).normalisation.startswith("utf-8")


def test_json_that_is_no_transcript_is_refused_not_read_as_a_report():
    import pytest

    from pipeline.ingest import InputError, read_text

    for text in ("null", '"hallo"', "42"):
        with pytest.raises(InputError, match="x.json: JSON that is not a speech-to-text result"):
            read_text(text, source="x.json")
    assert read_text('{"segments": [{"start": 0, "end": 2, "text": "Goedemorgen allemaal."}]}', source="x.json").blocks
