"""A Word report with a speaker table in it: the prose before and after the table is report text (paragraph blocks),
a "Besluit: …" line under the table is its own block, and only the table's rows are turns."""

from __future__ import annotations

import io

import docx
import pytest

from pipeline.ingest import read_bytes
from pipeline.ingest.model import BlockKind

ROWS = [
    ("Spreker", "Tekst"),
    ("Anouk Brinkman", "Ik vind de oversteek bij de school gevaarlijk, daar moet iets aan gebeuren."),
    ("Wethouder Lindeman", "Daar kijken we naar, de verkeerskundige komt in maart met een voorstel."),
]


def _word_file(before: list[str], after: list[str], rows: list[tuple[str, str]] = ROWS) -> bytes:
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=2)
    for r, (speaker, text) in enumerate(rows):
        table.cell(r, 0).text = speaker
        table.cell(r, 1).text = text
    for text in after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


BEFORE = [
    "Verslag overleg fietsroutes",
    "Het overleg vond plaats in het gemeentehuis van Oosterwold.",
    "De voorzitter opent de vergadering om half acht.",
    "Wethouder Lindeman zegt dat de nieuwe route vóór de zomer klaar is.",
]
BESLUIT = "Besluit: de commissie stemt in met het voorstel voor de fietsroute."


@pytest.fixture(scope="module")
def transcript():
    return read_bytes(_word_file(BEFORE, [BESLUIT]), source="overleg.docx")


def test_prose_before_the_table_is_kept_as_report_text(transcript) -> None:
    paragraphs = [b.text for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
    assert BEFORE[1] in paragraphs
    assert BEFORE[3] in paragraphs
    assert not any("left out" in w for w in transcript.warnings)


def test_the_title_is_a_heading_and_the_document_title(transcript) -> None:
    assert transcript.title == BEFORE[0]
    assert transcript.blocks[0].kind is BlockKind.HEADING


def test_the_rows_are_the_turns(transcript) -> None:
    turns = [b for b in transcript.blocks if b.kind is BlockKind.TURN]
    assert [t.text for t in turns] == [ROWS[1][1], ROWS[2][1]]


def test_a_besluit_line_under_the_table_is_its_own_block(transcript) -> None:
    last = transcript.blocks[-1]
    assert last.kind is BlockKind.PARAGRAPH
    assert last.text == BESLUIT
    assert all("Besluit" not in b.text for b in transcript.blocks if b.kind is BlockKind.TURN)


def test_a_name_and_text_paragraph_after_the_table_is_still_a_turn() -> None:
    transcript = read_bytes(_word_file(["Verslag"], ["Anouk Brinkman: Dank u wel voor het antwoord."]), source="x.docx")
    last = transcript.blocks[-1]
    assert last.kind is BlockKind.TURN
    assert last.text == "Dank u wel voor het antwoord."


def test_the_prose_is_analysed_as_report_text(analyse_bytes) -> None:
    result = analyse_bytes(_word_file(BEFORE, [BESLUIT]), "overleg.docx")
    assert any(q.text == "de nieuwe route vóór de zomer klaar is" and q.speaker == "Lindeman" for q in result.quotes)


@pytest.fixture(scope="module")
def analyse_bytes(nlp):
    from pipeline.analyze import build_analysis, parse

    def run(data: bytes, source: str):
        transcript = read_bytes(data, source=source)
        return build_analysis(parse(nlp, transcript), transcript)

    return run
