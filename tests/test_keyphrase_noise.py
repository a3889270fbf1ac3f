"""Keyphrases are what a session is about: never attendance lines, minute labels ("Besluit:", "Conclusie:"),
words of procedure ("Agendapunt", "het woord") or the parts of a split separable verb ("licht … toe", "stel vast")."""

from __future__ import annotations

import pytest

from pipeline.themes.keyphrases import keyphrases


def phrases(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [k.text.lower() for k in keyphrases(list(doc.sents), top=20)]


def words_of(found: list[str]) -> set[str]:
    return {w for p in found for w in p.split()}


def test_an_attendance_line_gives_no_keyphrases(nlp):
    found = phrases(nlp, "Aanwezig: Karel Smit, Ineke Vos, GroenLinks, VVD, CDA, PvdA\nAfwezig: Joost Kramer, D66\n")
    assert found == []


def test_the_meeting_after_the_attendance_line_still_gives_its_subject(nlp):
    text = "Aanwezig: Karel Smit, GroenLinks, VVD\nDe nieuwe speeltuin aan de Lindelaan krijgt een klimrek voor de kinderen.\n"
    found = phrases(nlp, text)
    assert any("speeltuin" in p for p in found)
    assert not words_of(found) & {"aanwezig", "groenlinks", "vvd"}


@pytest.mark.parametrize(
    "text",
    [
        "Besluit: de dorpsraad stemt in met het groenplan voor de Kerkweg.",
        "Conclusie: het groenplan voor de Kerkweg gaat naar de gemeenteraad.",
        "De bomen zijn ziek. Conclusie: het groenplan voor de Kerkweg gaat naar de gemeenteraad.",
        "Voorstel: het groenplan voor de Kerkweg gaat naar de gemeenteraad.",
    ],
)
def test_minute_labels_are_no_keyphrases(nlp, text):
    found = phrases(nlp, text)
    assert not words_of(found) & {"besluit", "conclusie", "voorstel"}
    assert any("groenplan" in p for p in found)


def test_a_label_word_in_running_text_stays(nlp):
    # negative case: "besluit" as the subject of a sentence, no label
    found = phrases(nlp, "Het besluit over de nieuwe brug valt in december.")
    assert any("besluit" in p for p in found)


def test_words_of_procedure_are_no_keyphrases(nlp):
    text = "De heer Bosman krijgt het woord over de nieuwe sporthal. Agendapunt vijf gaat over de sporthal in het dorp."
    found = phrases(nlp, text)
    assert not words_of(found) & {"woord", "agendapunt"}
    assert any("sporthal" in p for p in found)


@pytest.mark.parametrize(
    ("text", "particle_words"),
    [
        ("Ineke Vos licht het groenplan voor de Kerkweg toe.", {"licht", "toe"}),
        ("Ik stel vast dat de dorpsraad het groenplan steunt.", {"stel", "vast"}),
        ("De wethouder legt het groenplan voor de Kerkweg uit.", {"legt", "uit"}),
    ],
)
def test_a_split_separable_verb_is_no_keyphrase(nlp, text, particle_words):
    found = phrases(nlp, text)
    assert not words_of(found) & particle_words
    assert any("groenplan" in p for p in found)


def test_a_word_that_only_looks_like_a_verb_part_stays(nlp):
    # negative cases: "vast" an adjective before a noun; nouns before a particle that make no verb with it
    assert any("vast" in p for p in phrases(nlp, "De vaste bezoekers van de sporthal zijn boos over de vaste prijs."))
    found = phrases(nlp, "Het bestuur kijkt naar de kosten van de nieuwe sporthal in het dorp uit.")
    assert any("sporthal" in p for p in found) and any("kosten" in p for p in found)
