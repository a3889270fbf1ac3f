"""Plain-text layouts: a line that opens with a label and holds more labels; footers of transcription services."""

from __future__ import annotations

from pipeline.ingest import BlockKind, read_text


def _turns(transcript):
    return [(b.speaker, b.text) for b in transcript.blocks if b.kind is BlockKind.TURN]


def test_a_line_that_opens_with_a_label_and_holds_more_labels_is_split_into_turns():
    text = (
        "Notulen bestuursvergadering\n\n"
        "Voorzitter: Welkom allemaal, we beginnen. Penningmeester: Dank je, de kas is op orde. "
        "Secretaris: De notulen zijn goedgekeurd.\n"
    )
    turns = _turns(read_text(text, source="notulen.txt"))
    assert [speaker for speaker, _ in turns] == ["Voorzitter", "Penningmeester", "Secretaris"]
    assert turns[1][1] == "Dank je, de kas is op orde."


def test_a_colon_inside_ordinary_speech_does_not_split_the_turn():
    text = "Jan de Vries: Welkom. Het punt is dit: we moeten kiezen.\nPiet Jansen: Dank je.\n"
    turns = _turns(read_text(text, source="overleg.txt"))
    assert turns == [("Jan de Vries", "Welkom. Het punt is dit: we moeten kiezen."), ("Piet Jansen", "Dank je.")]


def test_a_transcription_service_footer_is_not_speech():
    text = (
        "Hanneke Bos   0:04\nGoedemorgen, zullen we beginnen?\n\n"
        "Tim Verhoef   0:38\nPrima. Dan informeer ik de bewoners.\n\n"
        "Transcribed by Otter.ai\n"
    )
    turns = _turns(read_text(text, source="otter.txt"))
    assert turns[-1] == ("Tim Verhoef", "Prima. Dan informeer ik de bewoners.")


def test_a_vtt_file_without_its_header_is_read_as_webvtt_with_a_warning():
    text = "00:00:01.000 --> 00:00:03.000\n<v Anna de Wit>Goedemorgen allemaal.</v>\n"
    transcript = read_text(text, source="overleg.vtt")
    assert transcript.format == "vtt"
    assert any("WEBVTT" in w for w in transcript.warnings)
    assert read_text(text, source="overleg.srt").format == "srt"
