"""Plain-text transcript layouts: every layout gives turns with speakers, times and texts (fixtures invented)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import BlockKind, InputError, read_bytes, read_text
from pipeline.ingest.turns import looks_like_turns


def turns_of(transcript):
    return [b for b in transcript.blocks if b.kind is BlockKind.TURN]


def summary(transcript):
    return [(t.speaker, t.start_time, t.text) for t in turns_of(transcript)]


def offsets_hold(transcript):
    return all(transcript.text[b.start : b.end] == b.text for b in transcript.blocks)


HANDELINGEN = """Regeling van de werkzaamheden

De voorzitter:

Het woord is aan mevrouw Bouali.

Mevrouw BOUALI (D66):

Voorzitter. Ik vraag een debat aan over de jeugdzorg.

Daarna wil ik ook een brief.

De voorzitter:

Is daar steun voor? Dat is het geval.

Daartoe wordt besloten.

Minister Grapperhaus:

Ik stuur de brief voor de zomer.

Stemmingen

De heer Van der Linden (CDA):

Dank u wel.
"""


class TestHandelingen:
    def test_labels_on_their_own_line_open_turns_over_several_paragraphs(self):
        transcript = read_text(HANDELINGEN)
        assert transcript.format == "turns"
        assert [(s, text) for s, _, text in summary(transcript)] == [
            ("De voorzitter", "Het woord is aan mevrouw Bouali."),
            ("Bouali", "Voorzitter. Ik vraag een debat aan over de jeugdzorg.\n\nDaarna wil ik ook een brief."),
            ("De voorzitter", "Is daar steun voor? Dat is het geval."),
            ("Grapperhaus", "Ik stuur de brief voor de zomer."),
            ("Van der Linden", "Dank u wel."),
        ]
        assert offsets_hold(transcript)

    def test_procedural_lines_and_headings_are_nobodys_speech(self):
        transcript = read_text(HANDELINGEN)
        kinds = {b.text: b.kind for b in transcript.blocks}
        assert kinds["Daartoe wordt besloten."] is BlockKind.PARAGRAPH
        assert kinds["Stemmingen"] is BlockKind.HEADING
        assert transcript.title == "Regeling van de werkzaamheden"

    def test_a_short_unpunctuated_line_inside_a_speech_stays_speech(self):
        text = "De voorzitter:\n\nHet woord is aan de heer Mol.\n\nDe heer Mol (SP):\n\nIk heb twee punten.\n\nTen eerste de huren\n\nDie zijn te hoog.\n"
        assert [(s, text) for s, _, text in summary(read_text(text))][-1] == (
            "Mol", "Ik heb twee punten.\n\nTen eerste de huren\n\nDie zijn te hoog."
        )

    def test_a_long_sitting_comes_out_whole(self):
        speech = "Wij willen dat de gemeente meer doet voor de jongeren in de wijk, want de wachtlijsten zijn te lang."
        text = "Plenaire vergadering\n\n" + "".join(
            f"{'De voorzitter' if i % 3 == 0 else 'Mevrouw Kaya (PvdA)'}:\n\n{speech} ({i})\n\n" for i in range(10_100)
        )
        assert len(text) > 1_300_000
        transcript = read_text(text)
        ts = turns_of(transcript)
        assert len(ts) == 10_100
        assert ts[-1].text == f"{speech} (10099)"
        assert {t.speaker for t in ts} == {"De voorzitter", "Kaya"}

    def test_party_and_role_come_from_the_label(self):
        participants = read_text(HANDELINGEN).participants
        assert participants["Bouali"].organisations == ["D66"]
        assert participants["Grapperhaus"].roles == ["minister"]
        assert participants["Van der Linden"].organisations == ["CDA"]

    def test_header_lines_are_not_turns(self):
        text = (
            "Tweede Kamer, 30e vergadering\n\nAanvang: 10:15 uur\n\nStatus: Ongecorrigeerd\n\nVoorzitter: Van Beek\n\n"
            "De voorzitter:\nIk open de vergadering.\n\nDe heer Özdemir (GL):\nDank u, voorzitter.\n"
        )
        transcript = read_text(text)
        assert [(s, text) for s, _, text in summary(transcript)] == [("Van Beek", "Ik open de vergadering."), ("Özdemir", "Dank u, voorzitter.")]
        headings = [b.text for b in transcript.blocks if b.kind is BlockKind.HEADING]
        assert "Aanvang: 10:15 uur" in headings and "Voorzitter: Van Beek" in headings

    def test_the_minutes_clause_before_the_colon_is_not_a_name(self):
        text = (
            "Notulen\n\nDe VOORZITTER heet de aanwezigen welkom en zegt het volgende: Fijn dat u er bent.\n\n"
            "Mevrouw DEKKER (SP): Dank u wel.\n\nmevrouw Dekker: Nog een vraag.\n"
        )
        transcript = read_text(text)
        assert [(s, text) for s, _, text in summary(transcript)] == [
            ("De voorzitter", "Fijn dat u er bent."),
            ("Dekker", "Dank u wel."),
            ("Dekker", "Nog een vraag."),
        ]
        assert transcript.participants["De voorzitter"].type == "office"


TEAMS = """Overleg fietsenstalling Noordwijk

Marloes Vink   0:03
Goedemiddag. Zullen we de tekening bekijken?

Yusuf Demir   0:41
Ja. De stalling krijgt tweehonderd plekken.
Er komt ook een oplaadpunt.

Marloes Vink   2 minuten 10 seconden
Mooi, dan plannen we de bouw in maart.
"""


class TestTeamsAndOtterExports:
    def test_name_and_time_headers_with_the_speech_below(self):
        transcript = read_text(TEAMS)
        assert transcript.format == "turns"
        assert transcript.title == "Overleg fietsenstalling Noordwijk"
        assert summary(transcript) == [
            ("Marloes Vink", 3.0, "Goedemiddag. Zullen we de tekening bekijken?"),
            ("Yusuf Demir", 41.0, "Ja. De stalling krijgt tweehonderd plekken.\nEr komt ook een oplaadpunt."),
            ("Marloes Vink", 130.0, "Mooi, dan plannen we de bouw in maart."),
        ]
        assert [t.end_time for t in turns_of(transcript)] == [41.0, 130.0, None]

    def test_unknown_speaker_header_and_export_footer(self):
        text = "Sara  0:00\nWelkom bij de podcast.\n\nUnknown Speaker  0:09\nDank je.\n\nSara  1:02:05\nTot de volgende keer.\n\nTranscribed by https://otter.ai\n"
        transcript = read_text(text)
        assert summary(transcript) == [
            ("Sara", 0.0, "Welkom bij de podcast."),
            ("Unknown Speaker", 9.0, "Dank je."),
            ("Sara", 3725.0, "Tot de volgende keer."),
        ]
        assert transcript.participants["Unknown Speaker"].type == "unknown"

    def test_time_inside_the_label_and_bracketed_names(self):
        rev = "Hanneke Bos (00:04):\nGoedemorgen.\n\nTim Verhoef (00:38):\nPrima.\n"
        assert summary(read_text(rev)) == [("Hanneke Bos", 4.0, "Goedemorgen."), ("Tim Verhoef", 38.0, "Prima.")]
        zoom = "[Hanneke Bos] 00:00:04\nGoedemorgen.\n\n[Tim Verhoef] 00:00:38\nPrima.\n"
        assert summary(read_text(zoom)) == [("Hanneke Bos", 4.0, "Goedemorgen."), ("Tim Verhoef", 38.0, "Prima.")]

    def test_a_sentence_ending_in_a_time_is_not_a_header(self):
        transcript = read_text("Het overleg begint om 10:30\n\nDaarna is er koffie.\n")
        assert transcript.format == "report"


COUNCIL_PAGE = """Commissie Ruimte, 4 juni 2024

 • 1 Opening
  • 0:07 R. Hendriks
   raadslid CDA
   R. Hendriks
   Goedenavond allemaal. Ik open de vergadering.
 • 2 Fietsplan
  • 3:15 M. Claes
   Wethouder (GroenLinks)
   M. Claes
   Het fietsplan is klaar. We beginnen in september.
  • 5:2 R. Hendriks
   raadslid CDA
   R. Hendriks
   Dank u wel.
"""


class TestCouncilTranscriptPages:
    def test_time_name_role_name_speech_blocks(self):
        transcript = read_text(COUNCIL_PAGE)
        assert summary(transcript) == [
            ("R. Hendriks", 7.0, "Goedenavond allemaal. Ik open de vergadering."),
            ("M. Claes", 195.0, "Het fietsplan is klaar. We beginnen in september."),
            ("R. Hendriks", 302.0, "Dank u wel."),
        ]

    def test_role_lines_give_roles_and_parties(self):
        participants = read_text(COUNCIL_PAGE).participants
        assert (participants["R. Hendriks"].roles, participants["R. Hendriks"].organisations) == (["raadslid"], ["CDA"])
        assert (participants["M. Claes"].roles, participants["M. Claes"].organisations) == (["wethouder"], ["GroenLinks"])

    def test_agenda_bullets_open_sessions(self):
        transcript = read_text(COUNCIL_PAGE)
        assert [s.title for s in transcript.sessions] == ["1 Opening", "2 Fietsplan"]
        assert transcript.title == "Commissie Ruimte, 4 juni 2024"
        assert not any("raadslid" in t.text or "• " in t.text for t in turns_of(transcript))


class TestTimestampBlocks:
    def test_timestamp_only_lines_give_turns_without_a_speaker(self):
        text = "[00:00:04]\nWelkom bij de bewonersavond.\n\n[00:01:20]\nDe eerste vraag gaat over parkeren.\n"
        transcript = read_text(text)
        assert summary(transcript) == [(None, 4.0, "Welkom bij de bewonersavond."), (None, 80.0, "De eerste vraag gaat over parkeren.")]
        assert transcript.participants == {}

    def test_timestamp_ranges_before_unlabelled_text(self):
        text = "[00:00.000 --> 00:03.500]  Goedemorgen allemaal.\n[00:03.500 --> 00:07.000]  We beginnen met de notulen.\n"
        assert [(t.start_time, t.end_time, t.text) for t in turns_of(read_text(text))] == [
            (0.0, 3.5, "Goedemorgen allemaal."),
            (3.5, 7.0, "We beginnen met de notulen."),
        ]

    def test_subtitles_read_as_turns_keep_times_and_lose_cue_numbers(self):
        text = "1\n00:00:02,000 --> 00:00:05,000\nVoorzitter: Welkom bij de raad.\n\n2\n00:00:06,000 --> 00:00:09,500\nWethouder Eva Mos: Het plan is klaar.\n"
        transcript = read_text(text, format="turns")
        assert [(t.speaker, t.start_time, t.end_time, t.text) for t in turns_of(transcript)] == [
            ("Voorzitter", 2.0, 5.0, "Welkom bij de raad."),
            ("Eva Mos", 6.0, 9.5, "Het plan is klaar."),
        ]
        assert all(b.kind is BlockKind.TURN for b in transcript.blocks)

    def test_a_turn_at_zero_seconds_keeps_its_time(self):
        assert [(t.start_time, t.end_time) for t in turns_of(read_text("[00:00:00] Ilse: Welkom.\n[00:00:07] Bram: Dank je.\n"))] == [
            (0.0, 7.0),
            (7.0, None),
        ]
        assert turns_of(read_text("Ilse   0:00\nWelkom.\n\nBram   0:07\nDank je.\n"))[0].start_time == 0.0

    def test_timestamp_before_a_label(self):
        assert summary(read_text("00:00:05 Ilse: Goedemorgen.\n00:00:09 Bram: Hallo Ilse.\n")) == [
            ("Ilse", 5.0, "Goedemorgen."),
            ("Bram", 9.0, "Hallo Ilse."),
        ]


class TestLabelsInsideLines:
    def test_several_labels_on_one_extracted_line(self):
        text = (
            "Notulen van de raad\n\n1. Opening De voorzitter: Ik open de vergadering. Het lid Peeters: Mag ik iets zeggen? "
            "De voorzitter: Gaat uw gang. 2. Vaststelling agenda De voorzitter: De agenda is vastgesteld.\n"
        )
        transcript = read_text(text)
        assert [(s, text) for s, _, text in summary(transcript)] == [
            ("De voorzitter", "Ik open de vergadering."),
            ("Peeters", "Mag ik iets zeggen?"),
            ("De voorzitter", "Gaat uw gang."),
            ("De voorzitter", "De agenda is vastgesteld."),
        ]
        assert [s.title for s in transcript.sessions] == ["1. Opening", "2. Vaststelling agenda"]
        assert transcript.participants["Peeters"].roles == ["lid"]

    def test_a_lower_case_role_inside_a_sentence_is_no_label(self):
        transcript = read_text("Verslag\n\nZij zei tegen de voorzitter: dat klopt niet. Daarna ging het over geld.\n")
        assert turns_of(transcript) == []


class TestLabelsInReportProse:
    REPORT = (
        "Forumverslag 2 april 2025\n\nVerslag van de avond\n\n"
        "De voorzitter opent de avond. Het gaat over de nieuwe sporthal en de plannen van de gemeente voor de wijk. "
        "Mevrouw Wiersma spreekt in namens de buurtvereniging. Daarna reageert het college op de vragen die er zijn.\n\n"
        "Dat leidde tot een levendige discussie over parkeren en over de bomen langs de weg, die zouden moeten wijken.\n\n"
        "Het college: De sporthal komt er in 2027.\n\n"
        "Insprekster Wiersma: Wij willen dat de bomen blijven staan.\n"
    )

    def test_labelled_paragraphs_become_turns_and_the_rest_stays_prose(self):
        transcript = read_text(self.REPORT)
        assert transcript.title == "Forumverslag 2 april 2025"
        assert [(s, text) for s, _, text in summary(transcript)] == [
            ("Het college", "De sporthal komt er in 2027."),
            ("Wiersma", "Wij willen dat de bomen blijven staan."),
        ]
        assert transcript.participants["Het college"].type == "group"
        assert transcript.participants["Wiersma"].roles == ["insprekster"]
        assert any(b.kind is BlockKind.PARAGRAPH and b.text.startswith("De voorzitter opent") for b in transcript.blocks)

    def test_a_bulleted_label_in_a_report(self):
        text = "Verslag\n\nDe avond begon laat door een storing in de zaal, zodat de sprekers moesten wachten.\n\n- Inspreker Van Rijn: Wij zijn tegen de windmolens.\n"
        assert summary(read_text(text)) == [("Van Rijn", None, "Wij zijn tegen de windmolens.")]

    def test_read_as_report_the_labels_still_become_turns(self):
        transcript = read_text(self.REPORT, format="report")
        assert [t.speaker for t in turns_of(transcript)] == ["Het college", "Wiersma"]

    def test_a_quote_after_a_label_and_a_headline_stay_prose(self):
        text = (
            "Verkiezingsnieuws\n\nWethouder Laan (D66): “Wij bouwen door, wat er ook gebeurt.”\n\n"
            "Mevrouw Tol (CDA): geen nieuwe wijk zonder school\n\nDe raad vergaderde tot laat over de plannen voor de wijk.\n"
        )
        assert turns_of(read_text(text, format="report")) == []

    def test_live_blog_clock_times_running_backwards_are_not_a_transcript(self):
        blog = (
            "Debat over de begroting\n\n14:10\n\nDe stemming is uitgesteld tot morgen.\n\n13:45\n\nDe fracties overleggen nog.\n\n"
            "12:30\n\nHet debat begint met een uur vertraging, meldt de griffie.\n"
        )
        transcript = read_text(blog)
        assert transcript.format == "report" and turns_of(transcript) == []

    def test_a_colon_in_report_prose_is_not_a_label(self):
        transcript = read_text("Verslag\n\nDe conclusie was duidelijk: het moet anders, vond iedereen in de zaal.\n\nKortom: geen geld.\n", format="report")
        assert turns_of(transcript) == []


class TestRefusalsAndWarnings:
    def test_a_zoom_chat_export_is_refused_by_name(self):
        chat = "09:01:12 Femke Bos:\tGoedemorgen!\n09:01:40 Ali:\tIk hoor jullie niet\n09:02:03 Femke Bos:\tNu wel?\n"
        with pytest.raises(InputError, match="chat.*chat.txt|chat.txt.*chat"):
            read_text(chat, source="chat.txt")

    def test_a_speaker_index_without_speech_is_refused(self):
        index = "Sprekers\n00:00:10 - 00:02:00 - Anouk Peters\n00:02:01 - 00:03:30 - Bas Kramer - wethouder\n00:03:31 - 00:04:00 - Anouk Peters\n"
        with pytest.raises(InputError, match="speaker index"):
            read_text(index, source="index.txt")

    def test_a_page_with_a_speaker_index_among_prose_gets_a_warning(self):
        page = "Raadsvergadering\n\nDe raad stelt de agenda vast na een korte discussie over de volgorde van de punten.\n\n" + "".join(
            f"00:0{i}:00 - 00:0{i}:59 - Spreker Naam{i}\n" for i in range(1, 3)
        )
        transcript = read_text(page, format="report", source="pagina.txt")
        assert any("speaker index" in w for w in transcript.warnings)
        assert not any("pagina.txt" in w for w in transcript.warnings)

    def test_turns_forced_on_prose_warns_instead_of_staying_silent(self):
        transcript = read_text("Verslag\n\nHet was een mooie avond in het dorpshuis.\n", format="turns", source="verslag.txt")
        assert turns_of(transcript) == []
        assert any("no speaker labels" in w for w in transcript.warnings)
        assert not any("verslag.txt" in w for w in transcript.warnings)  # the CLI names the file once, in front


def test_detection_picks_up_every_layout():
    assert looks_like_turns(HANDELINGEN)
    assert looks_like_turns(TEAMS)
    assert looks_like_turns(COUNCIL_PAGE)
    assert not looks_like_turns("Titel\n\nEen gewone alinea over de vergadering. Er werd veel gepraat.\n")


# --- property tests: arbitrary input gives turns holding all speech text, or InputError -------------------

NAMES = ["Anna de Wit", "Mevrouw Kaya (PvdA)", "De voorzitter", "Wethouder Bram Smit", "SPEAKER_01", "Jeroen Bakker"]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéë", min_size=1, max_size=8)
SPEECH = st.lists(WORD, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
LAYOUTS = {
    "inline": lambda label, speech, i: f"{label}: {speech}\n",
    "own_line": lambda label, speech, i: f"{label}:\n\n{speech}\n\n",
    "teams": lambda label, speech, i: f"{_plain(label)}   {i}:{i % 60:02d}\n{speech}\n\n",
    "timestamp": lambda label, speech, i: f"[00:{i % 60:02d}:{i % 60:02d}] {label}: {speech}\n",
}


def _plain(label: str) -> str:
    return label.split(" (")[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(LAYOUTS)),
    st.lists(st.tuples(st.sampled_from(NAMES), SPEECH), min_size=2, max_size=6),
)
def test_generated_transcripts_keep_every_speech_in_a_turn_of_its_speaker(layout, items):
    text = "".join(LAYOUTS[layout](label, speech, i + 1) for i, (label, speech) in enumerate(items))
    transcript = read_text(text)
    ts = turns_of(transcript)
    assert [t.text for t in ts] == [speech for _, speech in items]
    keys = [t.speaker for t in ts]
    for (label_a, _), key_a in zip(items, keys, strict=True):
        for (label_b, _), key_b in zip(items, keys, strict=True):
            assert (label_a == label_b) == (key_a == key_b) or {label_a, label_b} <= {"De voorzitter"}
    assert offsets_hold(transcript)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda s: s.encode("utf-8")))
def test_arbitrary_bytes_give_a_transcript_or_a_clear_error(data):
    for fmt in ("turns", "text", "report"):
        try:
            transcript = read_bytes(data, source="x.txt", format=fmt)
        except InputError as err:
            assert str(err).startswith("x.txt: ")
            continue
        assert offsets_hold(transcript)
        for t in turns_of(transcript):
            assert t.text.strip()
