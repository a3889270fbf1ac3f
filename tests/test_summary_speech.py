"""Summaries of turn transcripts: no greetings or fillers, and each main speaker's own position."""

from __future__ import annotations

import pytest

from pipeline.analyze import parse
from pipeline.components import theme_sentences
from pipeline.ingest import BlockKind, read_text
from pipeline.summaries.positions import speaker_positions
from pipeline.summaries.publishable import is_filler, rejection

TRANSCRIPT = """Voorzitter: Goedemorgen allemaal, welkom bij deze vergadering van de commissie Ruimte.
Voorzitter: We bespreken vandaag het nieuwe parkeerbeleid voor de binnenstad van Ommel.
Wethouder Brons: Dank u, voorzitter.
Wethouder Brons: Nou, het college wil betaald parkeren in de hele binnenstad invoeren vanaf volgend jaar.
Wethouder Brons: Het college wil betaald parkeren in de binnenstad invoeren om de binnenstad autoluw te maken.
Wethouder Brons: De opbrengst van het betaald parkeren gaat naar fietsenstallingen in de binnenstad.
Wethouder Brons: Ja.
Raadslid De Vries: Dank u wel, voorzitter, en goedemorgen.
Raadslid De Vries: Mijn fractie vindt betaald parkeren in de binnenstad een slecht idee voor de winkeliers.
Raadslid De Vries: De winkeliers in de binnenstad verliezen klanten door betaald parkeren.
Raadslid De Vries: Het weer was gisteren prachtig aan de kust bij Zandvoort.
Voorzitter: Dank u wel. Dan sluit ik dit agendapunt.
"""


@pytest.mark.parametrize(
    "text",
    [
        "Dank u, voorzitter.",
        "Dank u wel, voorzitter, en goedemorgen allemaal in de zaal.",
        "Nou, het college wil betaald parkeren invoeren in de binnenstad.",
        "Ja, wij steunen dit voorstel van het college van harte.",
        "Mevrouw de voorzitter, ik wil graag iets zeggen over de begroting.",
        "Goed, dan gaan we nu verder met de begroting van volgend jaar.",
    ],
)
def test_spoken_openings_are_fillers_no_summary_starts_with(text):
    assert is_filler(text)
    assert rejection(text) in ("filler", "procedural")  # thanking the chair may be both


@pytest.mark.parametrize(
    "text",
    [
        "Het college wil betaald parkeren invoeren in de binnenstad.",
        "Goedkoper parkeren is volgens de wethouder niet mogelijk.",
        "„Nee, dat gaat niet gebeuren”, zei de wethouder tegen de raad.",
        "Dankzij de nieuwe regels parkeren bewoners gratis voor hun deur.",
        "Zowel de raad als het college wil een autoluwe binnenstad.",
    ],
)
def test_content_sentences_are_no_fillers(text):
    assert not is_filler(text)
    assert rejection(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Goedemorgen allemaal, welkom bij deze vergadering van de commissie.",
        "Dan sluit ik dit agendapunt van de vergadering.",
        "Ik geef als eerste het woord aan de heer Jansen van de fractie.",
        "Daarmee zijn we gekomen aan het einde van dit debat.",
        "U heeft allen een spreektijd van vier minuten in dit debat.",
    ],
)
def test_greetings_and_the_chair_closing_an_item_are_procedural(text):
    assert rejection(text) == "procedural"


def test_a_transcript_summary_never_opens_with_a_greeting_or_filler(analyse):
    a = analyse(TRANSCRIPT, format="turns")
    assert a.summary.sentences
    for sentence in a.summary.sentences:
        assert not sentence.text.startswith(("Goedemorgen", "Dank u", "Nou,", "Ja.", "Dan sluit"))
    assert "parkeren" in a.summary.text


def _positions(nlp, text: str):
    transcript = read_text(text, source="commissie.txt", format="turns")
    doc = parse(nlp, transcript)
    turns = [(b.start, b.end, b.speaker) for b in transcript.blocks if b.kind is BlockKind.TURN and b.speaker]
    return {p.speaker: p for p in speaker_positions(theme_sentences(doc), turns)}, doc.text


def test_each_main_speaker_gets_their_most_representative_own_sentence(nlp):
    positions, text = _positions(nlp, TRANSCRIPT)
    brons = next(p for name, p in positions.items() if "Brons" in name)
    vries = next(p for name, p in positions.items() if "Vries" in name)
    # the sentence that shares most with the speaker's other sentences, not the filler or the thanks
    assert brons.text == "Het college wil betaald parkeren in de binnenstad invoeren om de binnenstad autoluw te maken."
    assert vries.text.startswith(("Mijn fractie vindt betaald parkeren", "De winkeliers in de binnenstad"))
    assert "Zandvoort" not in vries.text
    for p in positions.values():
        assert text[p.start : p.end] == p.text


def test_only_the_main_speakers_get_a_position(nlp):
    transcript = read_text(TRANSCRIPT, source="commissie.txt", format="turns")
    doc = parse(nlp, transcript)
    turns = [(b.start, b.end, b.speaker) for b in transcript.blocks if b.kind is BlockKind.TURN and b.speaker]
    words: dict[str, int] = {}
    for start, end, speaker in turns:
        words[speaker] = words.get(speaker, 0) + len(doc.text[start:end].split())
    most = max(words, key=lambda s: words[s])
    assert [p.speaker for p in speaker_positions(theme_sentences(doc), turns, limit=1)] == [most]
    short = "Voorzitter: Welkom.\nWethouder Brons: Het college wil betaald parkeren invoeren in de hele binnenstad vanaf volgend jaar.\n"
    positions, _ = _positions(nlp, short)
    assert "Voorzitter" not in positions  # too few words to be a main speaker


def test_a_speaker_with_only_fillers_has_no_position(nlp):
    text = (
        "Wethouder Brons: Het college wil betaald parkeren in de binnenstad invoeren vanaf volgend jaar.\n"
        "Raadslid De Vries: Dank u wel, voorzitter, en goedemorgen allemaal.\nRaadslid De Vries: Ja.\n"
        "Raadslid De Vries: Nou, dank u wel, voorzitter, dank u wel.\n"
    )
    positions, _ = _positions(nlp, text)
    assert not any("Vries" in name for name in positions)


def test_no_turns_no_positions(nlp):
    doc = nlp("Het college wil betaald parkeren invoeren in de binnenstad van Ommel.")
    assert speaker_positions(list(doc.sents), []) == []


def test_a_position_never_refers_back_to_a_sentence_it_leaves_out(nlp):
    text = (
        "Raadslid De Vries: Ook toen ging het over betaald parkeren in de binnenstad van Ommel.\n"
        "Raadslid De Vries: De winkeliers in de binnenstad verliezen klanten door betaald parkeren.\n"
        "Raadslid De Vries: Betaald parkeren in de binnenstad jaagt de klanten van de winkeliers weg.\n"
    )
    positions, _ = _positions(nlp, text)
    vries = next(p for name, p in positions.items() if "Vries" in name)
    assert not vries.text.startswith("Ook")
    assert "winkeliers" in vries.text
