"""Keyphrases and topic words: greetings, thanks and forms of address are never what a session is about."""

from __future__ import annotations

import pytest

from pipeline.themes.discovery import topic_lemmas
from pipeline.themes.keyphrases import keyphrases

TRANSCRIPT = (
    "Goedemorgen allemaal. Mevrouw de voorzitter, dank u wel. Goedemorgen, voorzitter. "
    "De heer Jansen heeft een vraag over de nieuwe fietsbrug. Voorzitter, de fietsbrug over het kanaal is te smal. "
    "Dank u wel, voorzitter. Mevrouw Smit vraagt naar de kosten van de fietsbrug en de planning van het kanaal. "
    "Voorzitter, dank u wel. Mijnheer Jansen, dank u."
)


def phrases(nlp, text):
    doc = nlp(text)
    return [k.text.lower() for k in keyphrases(list(doc.sents), top=20)]


def test_greetings_thanks_and_titles_are_no_keyphrases(nlp):
    found = phrases(nlp, TRANSCRIPT)
    words = {w for p in found for w in p.split()}
    assert not words & {"goedemorgen", "dank", "mevrouw", "heer", "mijnheer"}
    assert "voorzitter" not in found


def test_the_subject_of_the_meeting_still_is_one(nlp):
    found = phrases(nlp, TRANSCRIPT)
    assert any("fietsbrug" in p for p in found)
    assert any("kanaal" in p for p in found)


def test_an_office_inside_a_longer_phrase_may_stay(nlp):
    text = "De gemeenteraad kiest volgende maand een nieuwe voorzitter. De nieuwe voorzitter krijgt een zware taak."
    found = phrases(nlp, text)
    assert "voorzitter" not in found
    assert any("voorzitter" in p and p != "voorzitter" for p in found)


@pytest.mark.parametrize("word", ["goedemorgen", "mevrouw", "heer", "dank"])
def test_topic_words_leave_out_forms_of_address(nlp, word):
    doc = nlp("Goedemorgen. Mevrouw, de heer Jansen zegt dank voor de nieuwe fietsbrug over het kanaal.")
    lemmas = topic_lemmas(doc).split()
    assert word not in lemmas
    assert "fietsbrug" in lemmas
