"""Readers for timed transcripts: WebVTT, SRT, speech-to-text JSON and Word .docx.

Every fixture is written here (invented Dutch meetings); .docx files are built with python-docx. The readers
are called directly, so speaker labels are checked raw (before `resolve_labels` normalises them).
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.ingest import InputError, read_bytes, read_text
from pipeline.ingest.cues import Cue, build_transcript, is_anonymous_label, parse_timestamp, split_speaker_prefix
from pipeline.ingest.model import BlockKind, Transcript
from pipeline.ingest.readers.docx import read_docx
from pipeline.ingest.readers.srt import read_srt
from pipeline.ingest.readers.stt_json import read_stt_json
from pipeline.ingest.readers.vtt import read_vtt
from pipeline.ingest.registry import ReadContext, choose_reader, input_suffixes


def turns(transcript: Transcript) -> list[tuple[str | None, str]]:
    """(speaker, text) of every turn, after checking that each block indexes the transcript text."""
    out = []
    for block in transcript.blocks:
        assert transcript.text[block.start : block.end] == block.text
        assert block.kind is BlockKind.TURN
        out.append((block.speaker, block.text))
    return out


def spoken(transcript: Transcript) -> list[tuple[str | None, str]]:
    """(speaker, text) of the turns only (a reader may also give title and heading blocks)."""
    assert all(transcript.text[b.start : b.end] == b.text for b in transcript.blocks)
    return [(b.speaker, b.text) for b in transcript.blocks if b.kind is BlockKind.TURN]


def times(transcript: Transcript) -> list[tuple[float | None, float | None]]:
    return [(b.start_time, b.end_time) for b in transcript.blocks]


def vtt(text: str, encoding: str = "utf-8") -> Transcript:
    return read_vtt(text.encode(encoding), ReadContext("vergadering.vtt"))


def srt(data: str | bytes) -> Transcript:
    return read_srt(data.encode("utf-8") if isinstance(data, str) else data, ReadContext("vergadering.srt"))


def stt(payload: object) -> Transcript:
    return read_stt_json(json.dumps(payload).encode("utf-8"), ReadContext("vergadering.json"))


# --- shared cue helpers ----------------------------------------------------------------------------------


class TestCueHelpers:
    @pytest.mark.parametrize(
        ("value", "seconds"),
        [("00:00:01.000", 1.0), ("01:02:03.5", 3723.5), ("59:58.120", 3598.12), ("00:00:04,250", 4.25), ("1:05", 65.0)],
    )
    def test_timestamps_with_or_without_hours_and_either_decimal_mark(self, value, seconds):
        assert parse_timestamp(value) == pytest.approx(seconds)

    @pytest.mark.parametrize("value", ["", "twaalf uur", "1:2:3:4", "00:00:01.0000", "00:00:01,5 uur"])
    def test_malformed_timestamps_are_none(self, value):
        assert parse_timestamp(value) is None

    @pytest.mark.parametrize(
        ("line", "label", "rest"),
        [
            ("Jan de Vries: Goedemorgen allemaal.", "Jan de Vries", "Goedemorgen allemaal."),
            ("[SPEAKER_03]: Dank u wel.", "SPEAKER_03", "Dank u wel."),
            ("[SPEAKER_03] Dank u wel.", "SPEAKER_03", "Dank u wel."),
            ("Wethouder Lisa Kramer (GroenLinks): Dat klopt.", "Wethouder Lisa Kramer (GroenLinks)", "Dat klopt."),
            ("De voorzitter: Welkom.", "De voorzitter", "Welkom."),
            ("mevrouw Hoekstra (GroenLinks): Ik dank u.", "mevrouw Hoekstra (GroenLinks)", "Ik dank u."),
            ("De heer Van der Ham (D66): Precies.", "De heer Van der Ham (D66)", "Precies."),
        ],
    )
    def test_speaker_prefixes(self, line, label, rest):
        assert split_speaker_prefix(line) == (label, rest)

    @pytest.mark.parametrize(
        "line",
        [
            "Let op: de vergadering begint later.",
            "[applaus] Dank u wel.",
            "Dus: we stemmen morgen.",
            "het punt is: we wachten.",
            "De vraag: wie betaalt dat?",
            "Om 12:30: lunch.",
            "Agendapunt 4: Rondvraag",
        ],
    )
    def test_no_speaker_prefix(self, line):
        assert split_speaker_prefix(line) == (None, line)

    @pytest.mark.parametrize("label", ["SPEAKER_00", "Speaker 2", "Spreker A", "Unknown Speaker", "Onbekende spreker"])
    def test_diarisation_labels_are_anonymous(self, label):
        assert is_anonymous_label(label)

    @pytest.mark.parametrize("label", ["Sanne Speaker", "Jan de Vries", "De voorzitter", "Sprekers", "Deelnemers"])
    def test_names_are_not_anonymous(self, label):
        assert not is_anonymous_label(label)

    def test_consecutive_cues_of_one_speaker_merge_into_one_turn(self):
        transcript = build_transcript(
            [Cue("Goedemorgen.", "Eva", 0.0, 1.0), Cue("Welkom allemaal.", "Eva", 1.0, 3.0), Cue("Dank je.", "Bram", 3.5, 4.0)],
            source="t",
            format="test",
        )
        assert turns(transcript) == [("Eva", "Goedemorgen. Welkom allemaal."), ("Bram", "Dank je.")]
        assert times(transcript) == [(0.0, 3.0), (3.5, 4.0)]
        assert transcript.text == "Goedemorgen. Welkom allemaal.\n\nDank je."

    def test_unknown_speaker_cues_break_at_a_pause(self):
        transcript = build_transcript(
            [Cue("Eerste zin.", None, 0.0, 1.0), Cue("Tweede zin.", None, 1.2, 2.0), Cue("Na de stilte.", None, 9.0, 10.0)],
            source="t",
            format="test",
        )
        assert [text for _, text in turns(transcript)] == ["Eerste zin. Tweede zin.", "Na de stilte."]

    def test_no_speech_at_all_is_an_input_error(self):
        with pytest.raises(InputError, match="no speech text"):
            build_transcript([Cue("  ", "Eva", 0.0, 1.0)], source="leeg.vtt", format="vtt")


# --- WebVTT ------------------------------------------------------------------------------------------------

TEAMS_VTT = """WEBVTT

3f2c9a10-1b2d-4e5f-9a8b-0c1d2e3f4a5b/12-0
00:00:01.000 --> 00:00:04.500
<v Marloes Dijkstra>Goedemiddag, we beginnen met de begroting.</v>

3f2c9a10-1b2d-4e5f-9a8b-0c1d2e3f4a5b/12-1
00:00:05.000 --> 00:00:09.200
<v Joris Bakker>Akkoord. De cijfers staan
in de bijlage.</v>

3f2c9a10-1b2d-4e5f-9a8b-0c1d2e3f4a5b/13-0
00:00:09.800 --> 00:00:12.000
<v Marloes Dijkstra>Dan gaan we door naar punt twee.
"""


class TestWebVTT:
    def test_teams_voice_tags_guid_ids_and_a_missing_closing_tag(self):
        transcript = vtt(TEAMS_VTT)
        assert turns(transcript) == [
            ("Marloes Dijkstra", "Goedemiddag, we beginnen met de begroting."),
            ("Joris Bakker", "Akkoord. De cijfers staan in de bijlage."),
            ("Marloes Dijkstra", "Dan gaan we door naar punt twee."),
        ]
        assert times(transcript) == [(1.0, 4.5), (5.0, 9.2), (9.8, 12.0)]
        assert "3f2c9a10" not in transcript.text and "-->" not in transcript.text
        assert transcript.format == "vtt"
        assert transcript.warnings == []

    def test_two_voices_in_one_cue(self):
        text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Eva>Is het zo duidelijk?</v> <v Sem>Ja, helemaal.</v>\n"
        assert turns(vtt(text)) == [("Eva", "Is het zo duidelijk?"), ("Sem", "Ja, helemaal.")]

    def test_voice_with_class_and_other_tags_and_entities(self):
        text = (
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n"
            "<v.loud Femke de Wit><i>Zorg &amp; welzijn</i> gaan voor, <c.geel>zeker</c> 3 &lt; 5.</v>\n"
        )
        assert turns(vtt(text)) == [("Femke de Wit", "Zorg & welzijn gaan voor, zeker 3 < 5.")]

    def test_zoom_name_prefixes_and_integer_ids(self):
        text = (
            "WEBVTT\n\n1\n00:00:01.220 --> 00:00:04.000\nIlse Vermeulen: Hoort iedereen mij?\n\n"
            "2\n00:00:04.100 --> 00:00:06.000\nIlse Vermeulen: Mooi, dan starten we.\n\n"
            "3\n00:00:06.500 --> 00:00:08.000\nTom Hendriks: Ik hoor je goed.\n"
        )
        transcript = vtt(text)
        assert turns(transcript) == [("Ilse Vermeulen", "Hoort iedereen mij? Mooi, dan starten we."), ("Tom Hendriks", "Ik hoor je goed.")]
        assert times(transcript)[0] == (1.22, 6.0)

    def test_whisper_timestamps_without_hours_switching_to_hours(self):
        text = "WEBVTT\n\n00:00.000 --> 00:04.480\n Welkom bij de raadsvergadering.\n\n59:58.120 --> 01:00:02.900\n Dan punt vijf.\n"
        transcript = vtt(text)
        assert times(transcript) == [(0.0, 4.48), (3598.12, 3602.9)]
        assert [s for s, _ in turns(transcript)] == [None, None]
        assert any("no speakers" in w for w in transcript.warnings)

    def test_whisperx_speaker_prefix_is_an_anonymous_speaker(self):
        text = "WEBVTT\n\n00:00.031 --> 00:02.557\n[SPEAKER_01]: Ik heb een vraag.\n\n00:02.600 --> 00:04.000\n[SPEAKER_00]: Gaat uw gang.\n"
        transcript = vtt(text)
        assert turns(transcript) == [("SPEAKER_01", "Ik heb een vraag."), ("SPEAKER_00", "Gaat uw gang.")]
        assert {key: p.type for key, p in transcript.participants.items()} == {"SPEAKER_01": "unknown", "SPEAKER_00": "unknown"}
        assert "[SPEAKER" not in transcript.text

    def test_bom_and_crlf(self):
        transcript = read_vtt(codecs.BOM_UTF8 + TEAMS_VTT.replace("\n", "\r\n").encode(), ReadContext("x.vtt"))
        assert turns(transcript)[1] == ("Joris Bakker", "Akkoord. De cijfers staan in de bijlage.")
        assert "\r" not in transcript.text and "\ufeff" not in transcript.text

    def test_whitespace_only_line_inside_a_cue_keeps_the_rest_of_the_cue(self):
        text = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Noor>Eerst de notulen,\n   \ndaarna de rondvraag.</v>\n"
        assert turns(vtt(text)) == [("Noor", "Eerst de notulen, daarna de rondvraag.")]

    def test_overlapping_cues_keep_file_order_and_their_own_times(self):
        text = (
            "WEBVTT\n\n00:00:01.000 --> 00:00:06.000\n<v Anouk>Ik wil nog iets zeggen over de planning.\n\n"
            "00:00:04.000 --> 00:00:05.000\n<v Daan>Sorry, mag ik even?\n"
        )
        transcript = vtt(text)
        assert turns(transcript) == [("Anouk", "Ik wil nog iets zeggen over de planning."), ("Daan", "Sorry, mag ik even?")]
        assert times(transcript) == [(1.0, 6.0), (4.0, 5.0)]

    def test_note_blocks_and_cue_settings_are_not_speech(self):
        text = "WEBVTT\nKind: captions\n\nNOTE gemaakt door de griffie\n\n00:00:01.000 --> 00:00:02.000 align:start line:90%\n<v Lotte>Welkom.\n"
        transcript = vtt(text)
        assert turns(transcript) == [("Lotte", "Welkom.")]
        assert "griffie" not in transcript.text and "align" not in transcript.text

    def test_colon_inside_speech_is_no_speaker(self):
        text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nLet op: de stemming is na de pauze.\n"
        assert turns(vtt(text)) == [(None, "Let op: de stemming is na de pauze.")]

    @pytest.mark.parametrize("text", ["WEBVTT\n", "WEBVTT\n\nNOTE alleen een opmerking\n"])
    def test_empty_vtt_is_refused_without_recommending_a_format(self, text):
        with pytest.raises(InputError, match="no WebVTT cues") as err:
            vtt(text)
        assert "--format" not in str(err.value)

    def test_cues_without_text_are_refused(self):
        with pytest.raises(InputError, match="no speech text"):
            vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Eva></v>\n")


# --- SRT -----------------------------------------------------------------------------------------------------


class TestSRT:
    def test_name_prefix_and_a_blank_line_inside_a_cue(self):
        text = (
            "1\n00:00:01,000 --> 00:00:03,500\nVoorzitter: Welkom bij de commissie Mobiliteit.\n\n"
            "2\n00:00:04,000 --> 00:00:08,000\nWethouder Karin Smit: De nieuwe brug komt er,\n\nmaar later dan gepland.\n"
        )
        transcript = srt(text)
        assert turns(transcript) == [
            ("Voorzitter", "Welkom bij de commissie Mobiliteit."),
            ("Wethouder Karin Smit", "De nieuwe brug komt er, maar later dan gepland."),
        ]
        assert times(transcript) == [(1.0, 3.5), (4.0, 8.0)]
        assert "00:00" not in transcript.text and "-->" not in transcript.text

    def test_missing_blank_line_and_missing_index(self):
        text = (
            "1\n00:00:01,000 --> 00:00:02,000\nSara: Zijn er vragen?\n"
            "2\n00:00:02,500 --> 00:00:04,000\nMilan: Ja, over de kosten.\n\n"
            "00:00:04,500 --> 00:00:06,000\nSara: Die volgen per mail.\n"
        )
        assert turns(srt(text)) == [("Sara", "Zijn er vragen?"), ("Milan", "Ja, over de kosten."), ("Sara", "Die volgen per mail.")]

    def test_dot_as_decimal_separator(self):
        assert times(srt("1\n00:00:01.250 --> 00:00:02.750\nGoedemorgen.\n")) == [(1.25, 2.75)]

    def test_cp1252(self):
        data = "1\n00:00:01,000 --> 00:00:02,000\nJoëlle: Ideeën genoeg, zeker “nu”.\n".encode("cp1252")
        assert turns(srt(data)) == [("Joëlle", "Ideeën genoeg, zeker “nu”.")]

    def test_utf16_with_bom(self):
        data = "1\r\n00:00:01,000 --> 00:00:02,000\r\nRuben: Dank u, voorzitter.\r\n".encode("utf-16")
        assert turns(srt(data)) == [("Ruben", "Dank u, voorzitter.")]

    def test_whisperx_bracket_labels(self):
        text = "1\n00:00:00,031 --> 00:00:02,557\n[SPEAKER_01]: Mag ik iets vragen?\n\n2\n00:00:02,600 --> 00:00:04,000\n[SPEAKER_00]: Zeker.\n"
        transcript = srt(text)
        assert turns(transcript) == [("SPEAKER_01", "Mag ik iets vragen?"), ("SPEAKER_00", "Zeker.")]
        assert transcript.participants["SPEAKER_00"].type == "unknown"

    def test_voice_tags_left_in_by_a_converter(self):
        assert turns(srt("1\n00:00:01,000 --> 00:00:02,000\n<v Daan Mulder>Klopt helemaal.</v>\n")) == [("Daan Mulder", "Klopt helemaal.")]

    def test_formatting_tags_are_dropped(self):
        assert turns(srt("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hanna:</i> <b>Precies</b>.\n"))[0][1].endswith("Precies.")

    def test_a_line_without_label_in_a_labelled_file_has_no_speaker(self):
        text = "1\n00:00:01,000 --> 00:00:02,000\nSara: Goedemorgen.\n\n2\n00:00:05,000 --> 00:00:06,000\nDe tweede spreker praat.\n"
        transcript = srt(text)
        assert turns(transcript) == [("Sara", "Goedemorgen."), (None, "De tweede spreker praat.")]
        assert any("no speaker label" in w for w in transcript.warnings)

    def test_text_without_timing_lines_is_refused(self):
        with pytest.raises(InputError, match="no SRT cues"):
            srt("Dit is gewoon een brief aan de raad.\n")


# --- speech-to-text JSON -------------------------------------------------------------------------------------


class TestSpeechToTextJSON:
    def test_whisper_segments_have_unknown_speakers_and_a_warning(self):
        payload = {
            "text": " Welkom. Punt één.",
            "segments": [{"id": 0, "start": 0.0, "end": 2.0, "text": " Welkom."}, {"id": 1, "start": 60.0, "end": 62.5, "text": " Punt \u00e9\u00e9n."}],
            "language": "nl",
        }
        transcript = stt(payload)
        assert turns(transcript) == [(None, "Welkom."), (None, "Punt één.")]
        assert times(transcript) == [(0.0, 2.0), (60.0, 62.5)]
        assert any("no speakers" in w for w in transcript.warnings)

    def test_whisperx_speakers_from_segments_or_else_from_words(self):
        payload = {
            "segments": [
                {"start": 0.0, "end": 2.0, "text": " Ik open de vergadering.", "speaker": "SPEAKER_00"},
                {"start": 2.5, "end": 4.0, "text": " Dank u.", "words": [{"word": "Dank", "speaker": "SPEAKER_01"}, {"word": "u."}]},
                {"start": 4.5, "end": 5.0, "text": " Ja.", "words": [{"word": "Ja."}]},
            ]
        }
        transcript = stt(payload)
        assert turns(transcript) == [("SPEAKER_00", "Ik open de vergadering."), ("SPEAKER_01", "Dank u."), (None, "Ja.")]
        assert transcript.participants["SPEAKER_01"].type == "unknown"
        assert any("1 of 3 turns" in w for w in transcript.warnings)

    def test_assemblyai_milliseconds(self):
        payload = {"utterances": [{"speaker": "A", "start": 250, "end": 1730, "text": "Goedemorgen."}, {"speaker": "B", "start": 1900, "end": 2800, "text": "Hallo."}]}
        transcript = stt(payload)
        assert turns(transcript) == [("Speaker A", "Goedemorgen."), ("Speaker B", "Hallo.")]
        assert times(transcript) == [(0.25, 1.73), (1.9, 2.8)]

    def test_assemblyai_without_speaker_labels_reads_its_words(self):
        words = [{"text": "Goedemorgen", "start": 100, "end": 600, "speaker": None}, {"text": "allemaal.", "start": 650, "end": 1200, "speaker": None}]
        transcript = stt({"id": "x", "text": "Goedemorgen allemaal.", "utterances": None, "words": words})
        assert turns(transcript) == [(None, "Goedemorgen allemaal.")]
        assert times(transcript) == [(0.1, 1.2)]

    def test_deepgram_utterances(self):
        payload = {"results": {"utterances": [{"start": 0.5, "end": 1.5, "transcript": "Welkom.", "speaker": 0}, {"start": 2.0, "end": 3.0, "transcript": "Bedankt.", "speaker": 1}]}}
        assert turns(stt(payload)) == [("Speaker 0", "Welkom."), ("Speaker 1", "Bedankt.")]

    def test_deepgram_words_without_utterances(self):
        words = [
            {"word": "goedemorgen", "punctuated_word": "Goedemorgen.", "start": 0.2, "end": 0.9, "speaker": 0},
            {"word": "hoi", "punctuated_word": "Hoi", "start": 1.0, "end": 1.2, "speaker": 1},
            {"word": "allemaal", "punctuated_word": "allemaal.", "start": 1.2, "end": 1.6, "speaker": 1},
        ]
        payload = {"results": {"channels": [{"alternatives": [{"transcript": "x", "words": words}]}]}}
        assert turns(stt(payload)) == [("Speaker 0", "Goedemorgen."), ("Speaker 1", "Hoi allemaal.")]

    def test_invalid_json_names_line_and_column(self):
        with pytest.raises(InputError, match="not valid JSON \\(line 2"):
            read_stt_json(b'{"segments": [\n  {"text": }]}', ReadContext("kapot.json"))

    @pytest.mark.parametrize(
        ("payload", "reason"),
        [
            ({"naam": "Jan"}, "not a speech-to-text result"),
            ({"schema_version": "1.0", "document": {}}, "notulist output"),
            ({"segments": "geen lijst"}, "not a list"),
            ({"segments": ["tekst"]}, "not an object"),
            ({"segments": []}, "no speech text"),
            ("alleen tekst", "not a speech-to-text result"),
            ({"results": [{"type": "word"}]}, "'results' is a list"),
        ],
    )
    def test_other_json_is_refused_with_the_reason(self, payload, reason):
        with pytest.raises(InputError, match=reason):
            stt(payload)


# --- Word .docx ------------------------------------------------------------------------------------------------


def docx_bytes(*paragraphs: str, tables: list[list[list[str]]] | None = None) -> bytes:
    """A .docx with these paragraphs (a "\\n" becomes a line break) and then these tables."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables or []:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def word(data: bytes) -> Transcript:
    return read_docx(data, ReadContext("vergadering.docx"))


class TestWordDocx:
    def test_teams_headers_with_the_speech_in_the_paragraph_below(self):
        data = docx_bytes(
            "Overleg fietsplan-20260312_100000-Meeting Recording",
            "12 maart 2026, 10:00",
            "Petra Jansen heeft de transcriptie gestart",
            "Petra Jansen   0:04",
            "Goedemorgen, fijn dat jullie er zijn.",
            "Kees van Dam (Guest)   0:12",
            "Dank je. Ik heb de tekeningen meegenomen.",
            "Petra Jansen   1 minuut 5 seconden",
            "Mooi, laat maar zien.",
            "Petra Jansen heeft de transcriptie gestopt",
        )
        transcript = word(data)
        assert turns(transcript) == [
            ("Petra Jansen", "Goedemorgen, fijn dat jullie er zijn."),
            ("Kees van Dam (Guest)", "Dank je. Ik heb de tekeningen meegenomen."),
            ("Petra Jansen", "Mooi, laat maar zien."),
        ]
        assert times(transcript) == [(4.0, 12.0), (12.0, 65.0), (65.0, None)]
        assert transcript.title == "Overleg fietsplan-20260312_100000-Meeting Recording"
        assert "transcriptie" not in transcript.text
        assert transcript.format == "docx"

    def test_in_a_teams_transcript_a_colon_in_speech_opens_no_turn(self):
        data = docx_bytes("Overleg", "Wouter Kok   0:04", "Sanne: kom je even kijken?", "Lieke Mol   0:20", "Ja.")
        assert turns(word(data)) == [("Wouter Kok", "Sanne: kom je even kijken?"), ("Lieke Mol", "Ja.")]

    def test_stream_timing_lines_with_the_name_and_speech_below(self):
        data = docx_bytes(
            "0:0:0.0 --> 0:0:5.200\nAnouk Peters\nGoedemorgen, we beginnen.",
            "0:0:5.200 --> 0:0:9.0",
            "Ruud Bos",
            "Dank je. Ik heb een vraag over de planning.",
            "0:0:9.500 --> 0:0:11.0\nAnouk Peters\nGa je gang.",
        )
        transcript = word(data)
        assert turns(transcript) == [
            ("Anouk Peters", "Goedemorgen, we beginnen."),
            ("Ruud Bos", "Dank je. Ik heb een vraag over de planning."),
            ("Anouk Peters", "Ga je gang."),
        ]
        assert times(transcript) == [(0.0, 5.2), (5.2, 9.0), (9.5, 11.0)]

    def test_teams_header_and_speech_in_one_paragraph(self):
        data = docx_bytes("Overleg", "Wouter Kok   0:04\nWe beginnen.\nEerst de notulen.", "Lieke Mol   0:20\nPrima.")
        assert turns(word(data)) == [("Wouter Kok", "We beginnen. Eerst de notulen."), ("Lieke Mol", "Prima.")]

    def test_gemini_notes_are_no_speech_only_the_transcript_part_is(self):
        data = docx_bytes(
            "📝 Notities",
            "Samenvatting",
            "Het team besprak de begroting en de planning van het nieuwe buurthuis.",
            "📖 Transcriptie",
            "12 maart 2026",
            "Overleg buurthuis - Transcriptie",
            "00:00:05",
            "Yara Bos: Welkom allemaal bij het overleg.",
            "Niels Prins: Dank je, Yara.",
            "00:01:10",
            "Yara Bos: Dan de begroting.",
            "Transcriptie beëindigd na 00:02:00",
            "Deze bewerkbare transcriptie is door een computer gegenereerd en kan fouten bevatten.",
        )
        transcript = word(data)
        assert turns(transcript) == [("Yara Bos", "Welkom allemaal bij het overleg."), ("Niels Prins", "Dank je, Yara."), ("Yara Bos", "Dan de begroting.")]
        assert times(transcript)[0][0] == 5.0 and times(transcript)[2] == (70.0, 120.0)
        assert "buurthuis" not in transcript.text and "bewerkbare" not in transcript.text
        assert transcript.title == "Overleg buurthuis"
        assert any("Transcript" in w for w in transcript.warnings)

    def test_english_teams_and_gemini_markers(self):
        data = docx_bytes(
            "📝 Notes",
            "Summary",
            "The team discussed the budget.",
            "📖 Transcript",
            "00:00:11",
            "Sanne Visser: Zullen we beginnen?",
            "Sanne Visser stopped transcription",
            "Transcription ended after 00:00:39",
            "This editable transcript was computer generated and might contain errors.",
        )
        transcript = word(data)
        assert turns(transcript) == [("Sanne Visser", "Zullen we beginnen?")]
        assert times(transcript) == [(11.0, 39.0)]

    def test_table_with_a_header_row(self):
        rows = [["Tijd", "Spreker", "Tekst"], ["00:00:03", "Eline Vos", "Het plan is rond."], ["00:00:09", "Ahmed Yilmaz", "Dan kunnen we stemmen."]]
        transcript = word(docx_bytes("Verslag werkgroep", tables=[rows]))
        assert spoken(transcript) == [("Eline Vos", "Het plan is rond."), ("Ahmed Yilmaz", "Dan kunnen we stemmen.")]
        assert [(b.start_time, b.end_time) for b in transcript.blocks if b.kind is BlockKind.TURN][0] == (3.0, 9.0)

    def test_table_without_header_row(self):
        rows = [["Eline Vos", "Het plan voor de nieuwe speeltuin is rond en betaald."], ["Ahmed Yilmaz", "Dan kunnen we er vanavond over stemmen."]]
        assert [s for s, _ in turns(word(docx_bytes(tables=[rows])))] == ["Eline Vos", "Ahmed Yilmaz"]

    def test_attendance_table_is_no_turn_table(self):
        rows = [["Naam", "Functie"], ["Eline Vos", "voorzitter"], ["Ahmed Yilmaz", "secretaris"]]
        data = docx_bytes("Verslag van de werkgroep", "De werkgroep sprak over de speeltuin en de kosten daarvan.", tables=[rows])
        transcript = word(data)
        assert transcript.format == "report"
        assert all(b.kind is not BlockKind.TURN for b in transcript.blocks)

    def test_an_empty_table_in_a_report_is_no_problem(self):
        data = docx_bytes("Verslag buurtavond", "Er kwamen veertig bewoners naar de avond in het buurthuis.", tables=[[["", ""], ["", ""]]])
        assert word(data).format == "report"

    def test_tracked_insertions_are_text_and_deletions_are_not(self):
        document = docx.Document()
        document.add_paragraph("Overleg")
        paragraph = document.add_paragraph("Iris de Boer: De begroting is ")
        w = nsdecls("w")
        paragraph._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="Griffie" w:date="2026-03-12T10:00:00Z"><w:r><w:t xml:space="preserve">niet </w:t></w:r></w:ins>'))
        paragraph._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="Griffie" w:date="2026-03-12T10:00:00Z"><w:r><w:delText>wel </w:delText></w:r></w:del>'))
        paragraph.add_run("sluitend.")
        document.add_paragraph("Bart Smit: Dat moeten we oplossen.")
        buffer = io.BytesIO()
        document.save(buffer)
        assert spoken(word(buffer.getvalue())) == [("Iris de Boer", "De begroting is niet sluitend."), ("Bart Smit", "Dat moeten we oplossen.")]

    def test_moved_text_is_read_once_at_its_new_place(self):
        document = docx.Document()
        document.add_paragraph("Overleg")
        w = nsdecls("w")
        first = document.add_paragraph("Iris de Boer: Eerst de cijfers.")
        first._p.append(parse_xml(f'<w:moveFrom {w} w:id="3" w:author="Griffie"><w:r><w:t xml:space="preserve"> Dan de planning.</w:t></w:r></w:moveFrom>'))
        second = document.add_paragraph("Bart Smit: Prima.")
        second._p.append(parse_xml(f'<w:moveTo {w} w:id="4" w:author="Griffie"><w:r><w:t xml:space="preserve"> Dan de planning.</w:t></w:r></w:moveTo>'))
        buffer = io.BytesIO()
        document.save(buffer)
        assert spoken(word(buffer.getvalue())) == [("Iris de Boer", "Eerst de cijfers."), ("Bart Smit", "Prima. Dan de planning.")]

    def test_a_text_box_stored_twice_is_read_once(self):
        document = docx.Document()
        document.add_paragraph("Overleg")
        paragraph = document.add_paragraph("Iris de Boer: Zie het kader.")
        mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        paragraph._p.append(
            parse_xml(
                f'<mc:AlternateContent {mc} {nsdecls("w")}><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> Kader.</w:t></w:r></mc:Choice>'
                '<mc:Fallback><w:r><w:t xml:space="preserve"> Kader.</w:t></w:r></mc:Fallback></mc:AlternateContent>'
            )
        )
        document.add_paragraph("Bart Smit: Gezien.")
        buffer = io.BytesIO()
        document.save(buffer)
        assert spoken(word(buffer.getvalue()))[0] == ("Iris de Boer", "Zie het kader. Kader.")

    def test_a_word_report_without_turns_is_a_prose_report(self):
        data = docx_bytes("Verslag buurtavond", "Op de buurtavond spraken veertig bewoners over het nieuwe park.", "Conclusie: het park komt er.")
        transcript = word(data)
        assert transcript.format == "report"
        assert "veertig bewoners" in transcript.text

    @pytest.mark.parametrize(
        "paragraphs",
        [
            [
                "Verslag van de commissie Wonen",
                "De commissie sprak over de nieuwbouw aan de Dijkstraat.",
                "Inspreker Van Rijn: De bewoners zijn niet gehoord.",
                "De wethouder zegde toe de bewoners uit te nodigen.",
            ],
            [
                "Vergadering van de commissie",
                "De voorzitter:",
                "Ik open de vergadering.",
                "De heer Van der Linden (CDA):",
                "Voorzitter, ik heb twee vragen.",
                "Over de kosten en over de planning.",
            ],
            [
                "Raadsvergadering 12 maart",
                "Agendapunt 1: Opening",
                "De voorzitter: Ik open de vergadering.",
                "Agendapunt 2: Begroting",
                "Wethouder Smit: De begroting sluit.",
                "Mevrouw Ramdin (PvdA): Dat betwijfel ik.",
            ],
            ["[00:01:02] Femke Ros: Welkom.", "0:04:10 Jesse Kok: Dank je."],
        ],
        ids=["report-with-a-label", "handelingen-labels", "agenda-headings", "times-before-labels"],
    )
    def test_a_word_file_without_a_word_transcript_layout_reads_as_its_text_would(self, paragraphs):
        from_word = read_bytes(docx_bytes(*paragraphs), source="vergadering.docx")
        from_text = read_text("\n\n".join(paragraphs), source="vergadering.docx", format="text")
        assert from_word.format == from_text.format
        assert from_word.text == from_text.text
        assert [(b.kind, b.start, b.end, b.speaker, b.start_time) for b in from_word.blocks] == [
            (b.kind, b.start, b.end, b.speaker, b.start_time) for b in from_text.blocks
        ]

    def test_empty_document_is_refused(self):
        with pytest.raises(InputError, match="holds no text"):
            word(docx_bytes())

    @pytest.mark.parametrize("data", [b"geen zip", b"PK\x03\x04kapot", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)])
    def test_not_a_docx_is_refused(self, data):
        with pytest.raises(InputError, match="not a"):
            word(data)

    def test_a_zip_that_is_not_a_word_document_is_refused(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("inhoud.txt", "Dit is geen Word-bestand.")
        with pytest.raises(InputError, match="not a readable Word"):
            word(buffer.getvalue())


# --- detection -------------------------------------------------------------------------------------------------


class TestDetection:
    @pytest.mark.parametrize(
        ("data", "name", "reader"),
        [
            (TEAMS_VTT.encode(), "export.txt", "vtt"),
            (codecs.BOM_UTF8 + TEAMS_VTT.encode(), "export", "vtt"),
            (TEAMS_VTT.encode("utf-16"), "export", "vtt"),
            (b"1\n00:00:01,000 --> 00:00:02,000\nHallo.\n", "ondertitels.txt", "srt"),
            (b"00:00:01,000 --> 00:00:02,000\nHallo.\n", "ondertitels", "srt"),
            (b'{"segments": [{"start": 0, "end": 1, "text": "Hallo."}]}', "uitvoer.txt", "json"),
            (b'{"results": {"utterances": []}}', "deepgram", "json"),
            (b'{"other": 1}', "data.json", "json"),
            (docx_bytes("Hallo."), "verslag", "docx"),
            (b"Sara: Goedemorgen.\nMilan: Hallo.\n", "overleg.txt", "text"),
        ],
    )
    def test_reader_from_content_or_suffix(self, data, name, reader):
        assert choose_reader(data, name).name == reader

    def test_folder_walks_take_subtitles_and_word_files_but_not_json(self):
        suffixes = input_suffixes()
        assert {".vtt", ".srt", ".docx"} <= suffixes
        assert ".json" not in suffixes

    def test_a_named_json_file_is_read_even_when_segments_come_late(self):
        payload = {"text": "x" * 70_000, "segments": [{"start": 0.0, "end": 1.0, "text": "Goedemorgen."}]}
        assert choose_reader(json.dumps(payload).encode(), "lang.json").name == "json"

    def test_read_bytes_uses_the_vtt_reader_for_a_vtt_file(self):
        transcript = read_bytes(TEAMS_VTT.encode(), source="overleg.vtt")
        assert transcript.format == "vtt"
        assert len(transcript.blocks) == 3


# --- through the whole pipeline ----------------------------------------------------------------------------------


class TestEndToEnd:
    def test_srt_role_prefix_becomes_a_speaker_with_a_role(self):
        text = "1\n00:00:01,000 --> 00:00:03,000\nVoorzitter: Welkom.\n\n2\n00:00:04,000 --> 00:00:08,000\nWethouder Karin Smit: De brug komt er.\n"
        transcript = read_bytes(text.encode(), source="commissie.srt")
        people = {p.name: p for p in transcript.participants.values()}
        assert "wethouder" in [r.lower() for r in people["Karin Smit"].roles]
        assert all("-->" not in b.text and "Karin" not in b.text for b in transcript.blocks)

    def test_vtt_analysis_has_turns_with_times_and_anonymous_voices_are_no_quotes(self, nlp):
        from pipeline.analyze import build_analysis, parse

        text = (
            "WEBVTT\n\n00:01.000 --> 00:04.000\n[SPEAKER_00]: Welkom bij de vergadering over het nieuwe zwembad.\n\n"
            "00:04.500 --> 00:09.000\n[SPEAKER_01]: Dank u. Het zwembad gaat in mei open.\n"
        )
        transcript = read_bytes(text.encode(), source="zwembad.vtt")
        analysis = build_analysis(parse(nlp, transcript), transcript)
        assert [(t.speaker, t.start_time, t.end_time) for t in analysis.turns or []] == [("SPEAKER_00", 1.0, 4.0), ("SPEAKER_01", 4.5, 9.0)]
        assert {s.name: s.type for s in analysis.speakers} == {"SPEAKER_00": "unknown", "SPEAKER_01": "unknown"}
        assert all("SPEAKER" not in q.text for q in analysis.quotes)


class TestLongSittings:
    """A sitting of a few MB comes out whole: every cue's words, in order, none dropped."""

    CUES = 12_000  # about 1.3 MB of WebVTT

    def _cues(self) -> list[tuple[str, str]]:
        names = ["Marloes Dijkstra", "Joris Bakker", "Karin Smit"]
        return [(names[(i // 4) % 3], f"Zin nummer {i} over de begroting van het nieuwe zwembad.") for i in range(self.CUES)]

    def test_long_vtt(self):
        parts = ["WEBVTT\n"]
        for i, (name, text) in enumerate(self._cues()):
            parts.append(f"\n{i + 1}\n{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000 --> {i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.900\n<v {name}>{text}</v>\n")
        data = "".join(parts).encode()
        assert len(data) > 1_300_000
        transcript = vtt(data.decode())
        assert len(transcript.blocks) == self.CUES // 4
        assert transcript.text.count("Zin nummer") == self.CUES
        assert transcript.blocks[-1].text.endswith(f"Zin nummer {self.CUES - 1} over de begroting van het nieuwe zwembad.")

    def test_long_json(self):
        segments = [{"start": i, "end": i + 0.9, "text": " " + text, "speaker": name} for i, (name, text) in enumerate(self._cues())]
        transcript = stt({"segments": segments})
        assert len(transcript.blocks) == self.CUES // 4
        assert transcript.text.count("Zin nummer") == self.CUES
