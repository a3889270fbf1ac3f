"""Reading a file: a path given as text is read like a `Path`, and a bad one is an `InputError` naming it."""

from __future__ import annotations

import pytest

from pipeline.ingest import InputError, read_file


def test_a_path_as_text_is_read_like_a_path(tmp_path):
    path = tmp_path / "verslag.txt"
    path.write_text("Verslag van de wijkraad\n\nDe wijkraad besprak de nieuwe speeltuin aan de Lindelaan.\n", encoding="utf-8")
    assert read_file(str(path)).text == read_file(path).text
    assert "speeltuin" in read_file(str(path)).text


def test_a_missing_path_as_text_names_the_file(tmp_path):
    missing = str(tmp_path / "bestaat-niet.txt")
    with pytest.raises(InputError) as raised:
        read_file(missing)
    assert "bestaat-niet.txt" in str(raised.value) and "no such file" in str(raised.value)
