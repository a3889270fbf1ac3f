"""Turn holders of a transcript are speakers, with their turns, words and speaking time.

Specification:
- every person holding a turn is one speaker, however many turns they hold;
- per speaker: turns, words, share of the words and, where turns carry times, speaking time in seconds and share;
- a turn holder who is also named in the text (or quoted) is one speaker, not two;
- turns point to their speaker by id;
- a prose report has no turn statistics (null shares, no turns list).
"""

from __future__ import annotations

import pytest

TRANSCRIPT = """[00:00:00] Anna de Wit: Goedemorgen allemaal, welkom bij het overleg over de nieuwe speeltuin.
[00:00:10] Tim Verhoef: Dank je. De toestellen worden in mei geleverd.
[00:00:20] Anna de Wit: Mooi, dan kan de opening in juni.
[00:00:30] Tim Verhoef: Dat lijkt me haalbaar, mits het weer meezit.
[00:01:00] Anna de Wit: Dan sluit ik het overleg.
"""


def test_each_turn_holder_is_one_speaker_with_turn_counts(analyse):
    analysis = analyse(TRANSCRIPT, format="turns")
    speakers = {s.name: s for s in analysis.speakers}
    assert set(speakers) == {"Anna de Wit", "Tim Verhoef"}
    assert speakers["Anna de Wit"].turns == 3
    assert speakers["Tim Verhoef"].turns == 2


def test_words_and_their_share_are_counted_per_speaker(analyse):
    analysis = analyse(TRANSCRIPT, format="turns")
    speakers = {s.name: s for s in analysis.speakers}
    anna, tim = speakers["Anna de Wit"], speakers["Tim Verhoef"]
    # Anna's three turns have 10 + 7 + 5 words ("Dan sluit ik het overleg."), Tim's two 8 + 8
    assert anna.words == 22
    assert tim.words == 16
    assert anna.word_share == pytest.approx(22 / 38, abs=1e-4)
    assert anna.word_share + tim.word_share == pytest.approx(1.0, abs=1e-3)


def test_speaking_time_comes_from_the_turn_times(analyse):
    analysis = analyse(TRANSCRIPT, format="turns")
    speakers = {s.name: s for s in analysis.speakers}
    # a turn ends when the next one starts; the last turn has no end time and adds nothing
    assert speakers["Anna de Wit"].speaking_time == pytest.approx(10 + 10)
    assert speakers["Tim Verhoef"].speaking_time == pytest.approx(10 + 30)
    assert speakers["Tim Verhoef"].time_share == pytest.approx(40 / 60, abs=1e-4)


def test_turns_point_to_their_speaker_by_id(analyse):
    analysis = analyse(TRANSCRIPT, format="turns")
    ids = {s.id: s.name for s in analysis.speakers}
    assert analysis.turns is not None
    assert [ids[t.speaker_id] for t in analysis.turns] == ["Anna de Wit", "Tim Verhoef", "Anna de Wit", "Tim Verhoef", "Anna de Wit"]


def test_a_turn_holder_named_in_the_text_is_one_speaker(analyse):
    text = (
        "Anna de Wit: Volgens Tim Verhoef komen de toestellen in mei.\n"
        "Tim Verhoef: Dat klopt, ze worden dan geleverd.\n"
    )
    analysis = analyse(text, format="turns")
    assert [s.name for s in analysis.speakers].count("Tim Verhoef") == 1


def test_a_prose_report_has_no_turn_statistics(analyse):
    analysis = analyse("Wethouder Karin Bakker opende de bijeenkomst.\n\n“We gaan door”, zegt Bakker.\n")
    assert analysis.turns is None
    speaker = next(s for s in analysis.speakers if s.name == "Karin Bakker")
    assert speaker.turns == 0 and speaker.word_share is None and speaker.speaking_time is None


def test_label_variants_and_the_name_in_the_speech_are_one_speaker_with_the_labels_form(analyse):
    text = (
        "Mevrouw KOOIJMAN (GroenLinks):\nVoorzitter! Wij steunen het voorstel voor de nieuwe bibliotheek.\n\n"
        "De heer DE BRUIN (VVD):\nIk sluit mij aan bij mevrouw Kooijman, maar de kosten baren mij zorgen.\n\n"
        "Mevrouw Kooijman (GroenLinks):\nDe kosten vallen binnen de begroting.\n"
    )
    analysis = analyse(text)
    kooijman = [s for s in analysis.speakers if "kooijman" in s.name.lower()]
    assert len(kooijman) == 1
    assert kooijman[0].name == "Kooijman"
    assert kooijman[0].organisations == ["GroenLinks"]
    assert kooijman[0].turns == 2


def test_a_person_introduced_in_report_prose_and_speaking_under_a_label_is_one_speaker(analyse):
    text = (
        "Forumverslag 12 april\n\n"
        "Het forum sprak over de nieuwe fietsbrug. De heer Van Lier woonde de avond bij namens de buurtvereniging.\n\n"
        "Inspreker Van Lier: De brug komt te dicht bij de speelplaats. Wij vragen de raad om een andere plek te kiezen.\n"
    )
    analysis = analyse(text)
    van_lier = [s for s in analysis.speakers if "lier" in s.name.lower()]
    assert len(van_lier) == 1
    assert "inspreker" in [r.lower() for r in van_lier[0].roles]


def test_the_first_sentence_of_a_labelled_turn_counts_for_themes(analyse):
    text = "Karin Smit: Welkom allemaal.\nFatima El Amrani: Het gaat goed met de school.\nKarin Smit: Het vertrouwen groeit.\n"
    analysis = analyse(text, format="turns")
    trust = [t for t in analysis.themes if t.id == "trust"]
    assert trust and any("vertrouwen groeit" in e.text for e in trust[0].evidence)
    assert all(not e.text.startswith("Karin Smit:") for t in analysis.themes for e in t.evidence)


def test_a_sentence_without_a_theme_word_gives_no_theme(analyse):
    analysis = analyse("Karin Smit: Welkom allemaal.\nTim Verhoef: Dank je wel.\n", format="turns")
    assert [t.id for t in analysis.themes if t.id == "trust"] == []


def test_roles_are_clean_words_once_each():
    from pipeline.analyze import _clean_roles

    assert _clean_roles(["raadslid VVD\n   ", "raadslid"], ["VVD"]) == ["raadslid"]
    assert _clean_roles(["Wethouder", "wethouder", "voorzitter"], []) == ["Wethouder", "voorzitter"]
    assert _clean_roles(["directeur Rabobank"], ["VVD"]) == ["directeur Rabobank"]


def test_control_characters_in_a_label_do_not_reach_the_speaker_name():
    from pipeline.analyze import _printable

    assert _printable("Jan\x1b[31m\x07 de Vries") == "Jan [31m de Vries"
    assert _printable("\u202ePiet") == "Piet"
    assert _printable("Anna de Wit") == "Anna de Wit"


def test_label_roles_are_in_running_text_case_and_keep_proper_names(nlp):
    """A reader that gives a turn holder's role as written on the label ("Minister van Financiën", "Wethouder"): the
    speaker's role is written as prose writes it, so one role is one value in the tables, and the ministry keeps its
    capital; a lower-case role stays as it is."""
    from pipeline.analyze import build_analysis, parse
    from pipeline.ingest import read_text

    transcript = read_text("Jansen: Dank u wel.\nDe Boer: Goedemiddag allemaal.\nSmit: Ik ben het eens.\n", source="t.txt")
    for participant in transcript.participants.values():
        participant.roles = {"Jansen": ["Minister van Financiën"], "De Boer": ["Wethouder"], "Smit": ["raadslid"]}[participant.name]
    analysis = build_analysis(parse(nlp, transcript), transcript)
    roles = {s.name: s.roles for s in analysis.speakers}
    assert roles["Jansen"] == ["minister van Financiën"]
    assert roles["De Boer"] == ["wethouder"]
    assert roles["Smit"] == ["raadslid"]
