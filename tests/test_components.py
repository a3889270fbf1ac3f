"""The extraction steps are ordinary spaCy components that any Dutch pipeline can add."""

from __future__ import annotations

import spacy

import pipeline.components  # noqa: F401  (registers the factories)


def test_components_work_in_a_plain_spacy_pipeline():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    for name in ("notulist_mentions", "notulist_quotes", "notulist_speakers"):
        nlp.add_pipe(name)
    doc = nlp("“We moeten sneller schakelen in de regio”, zegt wethouder Karin Bakker.")
    (quote,) = doc._.quotes
    assert quote.text == "We moeten sneller schakelen in de regio"
    (speaker,) = doc._.speakers
    assert speaker["key"] == quote.speaker_key and speaker["name"] == "Karin Bakker"


def test_indirect_speech_can_be_switched_off():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("notulist_mentions")
    nlp.add_pipe("notulist_quotes", config={"indirect": False})
    doc = nlp("Volgens Stefan van Baarle wordt er maar weinig stikstof bespaard.")
    assert doc._.quotes == []


def test_block_sentences_start_a_sentence_at_each_line():
    nlp = spacy.blank("nl")
    nlp.add_pipe("notulist_block_sentences")
    nlp.add_pipe("sentencizer")
    doc = nlp("Knarsetandend\nOnderzoekers van de universiteit deden onderzoek.")
    assert [s.text.strip() for s in doc.sents] == ["Knarsetandend", "Onderzoekers van de universiteit deden onderzoek."]
