"""Ingest: decoding, report layout, sessions and plain turn transcripts."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from pipeline.ingest import BlockKind, read_text
from pipeline.ingest.encoding import DecodeError, decode, decode_report
from pipeline.ingest.turns import is_speaker_label


class TestDecoding:
    def test_utf8_with_bom_loses_the_bom(self):
        assert decode(codecs.BOM_UTF8 + "Één vergadering".encode()) == "Één vergadering"

    def test_utf16_with_bom(self):
        assert decode("Goedemorgen allemaal".encode("utf-16")) == "Goedemorgen allemaal"

    def test_cp1252_fallback_reads_curly_quotes(self):
        assert decode("“Goed zo”, zei ze. Café".encode("cp1252")) == "“Goed zo”, zei ze. Café"

    def test_crlf_becomes_lf(self):
        assert decode(b"Regel een\r\nRegel twee\r\n") == "Regel een\nRegel twee\n"

    def test_text_is_nfc(self):
        decomposed = unicodedata.normalize("NFD", "ideeën")
        assert decode(decomposed.encode()) == "ideeën"

    @pytest.mark.parametrize(("data", "reason"), [(b"", "the file is empty"), (b"   \n\n", "the file holds only white space")])
    def test_empty_file_is_an_error(self, data, reason):
        with pytest.raises(DecodeError, match=reason):
            decode(data)

    def test_binary_file_is_an_error(self):
        with pytest.raises(DecodeError, match="binary"):
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


REPORT = """‘Samenwerken is vertrouwen’

De bijeenkomst werd geopend door Anna de Wit, voorzitter van de Stichting Groen. “Wij willen samen bouwen aan een sterke regio met veel nieuwe banen”, zei zij.
verslag Clusters 3

Sessie 1: Energie

“Wij willen samen bouwen aan een sterke regio met veel nieuwe banen.”

Het eerste gesprek ging over energie en warmte in de wijk.

Sessie 2: Mobiliteit

Daarna ging het over fietsen en het openbaar vervoer.
"""


class TestReportLayout:
    def test_blocks_are_classified(self):
        transcript = read_text(REPORT)
        kinds = {b.text: b.kind for b in transcript.blocks}
        assert kinds["‘Samenwerken is vertrouwen’"] is BlockKind.TITLE
        assert kinds["verslag Clusters 3"] is BlockKind.NOISE
        assert kinds["Sessie 1: Energie"] is BlockKind.HEADING
        assert kinds["“Wij willen samen bouwen aan een sterke regio met veel nieuwe banen.”"] is BlockKind.PULL_QUOTE

    def test_block_offsets_point_into_the_text(self):
        transcript = read_text(REPORT)
        for block in transcript.blocks:
            assert transcript.text[block.start : block.end] == block.text

    def test_session_headings_split_sessions(self):
        transcript = read_text(REPORT)
        # the opening paragraph before the first session heading is a session of its own
        assert [s.title for s in transcript.sessions] == ["‘Samenwerken is vertrouwen’", "Sessie 1: Energie", "Sessie 2: Mobiliteit"]
        assert transcript.sessions[0].start == 0
        assert transcript.sessions[0].end == transcript.sessions[1].start
        assert transcript.sessions[-1].end == len(transcript.text)

    def test_numbered_agenda_items_are_sessions(self):
        text = "Notulen\n\n01. Opening\n\nDe voorzitter opent de vergadering.\n\n02. Vaststellen agenda\n\nDe agenda wordt vastgesteld.\n"
        assert [s.title for s in read_text(text).sessions] == ["01. Opening", "02. Vaststellen agenda"]

    def test_report_without_session_headings_is_one_session(self):
        transcript = read_text("Titel\n\nEen alinea over de vergadering. Nog een zin.\n\nKopje\n\nMeer tekst hier.\n")
        assert len(transcript.sessions) == 1
        assert transcript.format == "report"


TURNS = """[00:00:05] Jan de Vries: Goedemorgen allemaal, welkom bij dit overleg.
Ik begin met de mededelingen.
[00:01:10] Fatima El Amrani: Dank je. Let op: de agenda is gewijzigd.
Let op: dit is geen spreker.
[00:02:00] De voorzitter: We gaan verder met punt twee.
"""


class TestTurns:
    def test_detected_as_turns(self):
        assert read_text(TURNS).format == "turns"

    def test_turns_have_speakers_times_and_continuations(self):
        turns = [b for b in read_text(TURNS).blocks if b.kind is BlockKind.TURN]
        assert [t.speaker for t in turns] == ["Jan de Vries", "Fatima El Amrani", "De voorzitter"]
        assert turns[0].text.endswith("Ik begin met de mededelingen.")
        assert turns[1].text.endswith("Let op: dit is geen spreker.")
        assert (turns[0].start_time, turns[0].end_time) == (5.0, 70.0)

    @pytest.mark.parametrize("label", ["Let op", "Conclusie", "Aanwezig", "Hij zei het volgende", "de kosten"])
    def test_labels_and_clauses_are_not_speakers(self, label):
        assert not is_speaker_label(label)

    @pytest.mark.parametrize("label", ["Jan de Vries", "De heer Van Baarle (DENK)", "Mevrouw Arib", "De voorzitter"])
    def test_names_and_titles_are_speakers(self, label):
        assert is_speaker_label(label)

    def test_diarised_labels_in_brackets(self):
        turns = [b for b in read_text("[SPEAKER_01]: Voorzitter, ik heb een vraag.\n[SPEAKER_00]: Gaat uw gang.\nJa.\n").blocks]
        assert [(t.speaker, t.text) for t in turns] == [("SPEAKER_01", "Voorzitter, ik heb een vraag."), ("SPEAKER_00", "Gaat uw gang.\nJa.")]

    def test_prose_with_a_colon_is_not_a_transcript(self):
        text = "De conclusie was duidelijk: het moet anders.\n\nVolgens de wethouder: geen geld.\n\nDaarna volgde de lunch.\n"
        assert read_text(text).format == "report"


def test_a_byte_that_is_neither_utf8_nor_cp1252_is_replaced_and_reported_not_refused():
    # 0x81 is neither valid UTF-8 here nor defined in cp1252: the rest of the text is kept
    decoded = decode_report(b"Dit is tekst met een kapotte byte \x81 erin.")
    assert decoded.text == "Dit is tekst met een kapotte byte \ufffd erin."
    assert any("1 byte(s) without a cp1252 character" in w and "byte 34" in w for w in decoded.warnings)


def test_session_heading_with_colon_is_not_a_turn():
    transcript = read_text("Titel\n\nSessie 1: Fietsen\n\nHet fietspad wordt breder.\n\nSessie 2: Scholen\n\nDe school opent.\n")
    assert transcript.format == "report"
    assert [s.title for s in transcript.sessions] == ["Sessie 1: Fietsen", "Sessie 2: Scholen"]


def test_formats_without_a_reader_are_refused_clearly(tmp_path):
    from pipeline.ingest import InputError, read_file

    path = tmp_path / "notulen.pdf"
    path.write_bytes(b"%PDF-1.4 De raad vergadert.")
    with pytest.raises(InputError, match="notulen.pdf: PDF files have no reader"):
        read_file(path)
    assert read_file(path, format="report").text.startswith("%PDF")


def test_an_unknown_format_name_is_refused_with_the_known_ones():
    from pipeline.ingest import InputError

    with pytest.raises(InputError, match="unknown format 'foo'; choose one of .*report.*turns"):
        read_text("De raad vergadert.", format="foo")
