"""Lemmas after the parser: separable verbs, proper names, and the lookup table for irregular forms."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

import pipeline.lemmas  # noqa: F401


def annotated(words, pos, heads, deps, lemmas, lookup=True):
    nlp = spacy.blank("nl")
    doc = Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas)
    nlp.add_pipe("notulist_lemma_rules", config={"lookup": lookup})
    return nlp.get_pipe("notulist_lemma_rules")(doc)


def test_separated_particle_joins_the_verb_lemma():
    doc = annotated(
        ["Hij", "komt", "morgen", "terug", "."],
        ["PRON", "VERB", "ADV", "ADP", "PUNCT"],
        [1, 1, 1, 1, 1],
        ["nsubj", "ROOT", "advmod", "compound:prt", "punct"],
        ["hij", "komen", "morgen", "terug", "."],
    )
    assert doc[1].lemma_ == "terugkomen"
    assert doc[3].lemma_ == "terug"


def test_particle_already_in_the_lemma_is_not_doubled():
    doc = annotated(
        ["Zij", "belt", "op", "."],
        ["PRON", "VERB", "ADP", "PUNCT"],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "compound:prt", "punct"],
        ["zij", "opbellen", "op", "."],
    )
    assert doc[1].lemma_ == "opbellen"


def test_preposition_is_not_a_particle():
    doc = annotated(
        ["Hij", "komt", "op", "tijd", "."],
        ["PRON", "VERB", "ADP", "NOUN", "PUNCT"],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "case", "obl", "punct"],
        ["hij", "komen", "op", "tijd", "."],
    )
    assert doc[1].lemma_ == "komen"


def test_proper_names_keep_their_form():
    doc = annotated(
        ["Uitgeverij", "Klooster", "groeit", "."],
        ["PROPN", "PROPN", "VERB", "PUNCT"],
        [2, 0, 2, 2],
        ["nsubj", "flat", "ROOT", "punct"],
        ["uitgeverij", "klooster", "groeien", "."],
    )
    assert [t.lemma_ for t in doc[:2]] == ["Uitgeverij", "Klooster"]
    assert doc[2].lemma_ == "groeien"


SLOEG = (
    ["Zij", "sloeg", "alarm", "."],
    ["PRON", "VERB", "NOUN", "PUNCT"],
    [1, 1, 1, 1],
    ["nsubj", "ROOT", "obj", "punct"],
    ["zij", "sloeg", "alarm", "."],  # the trained lemmatizer kept the irregular form
)


def test_irregular_form_left_unchanged_is_looked_up():
    doc = annotated(*SLOEG)
    assert doc[1].lemma_ == "slaan"


def test_looked_up_verb_still_gets_its_particle():
    doc = annotated(
        ["Zij", "sloeg", "de", "deur", "dicht", "."],
        ["PRON", "VERB", "DET", "NOUN", "ADJ", "PUNCT"],
        [1, 1, 3, 1, 1, 1],
        ["nsubj", "ROOT", "det", "obj", "compound:prt", "punct"],
        ["zij", "sloeg", "de", "deur", "dicht", "."],
    )
    assert doc[1].lemma_ == "dichtslaan"


def test_without_the_table_the_form_stays():
    doc = annotated(*SLOEG, lookup=False)
    assert doc[1].lemma_ == "sloeg"


def test_a_lemma_the_lemmatizer_changed_is_kept():
    doc = annotated(
        ["Zij", "werken", "hard", "."],
        ["PRON", "VERB", "ADV", "PUNCT"],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "advmod", "punct"],
        ["zij", "werken", "hard", "."],
    )
    assert doc[1].lemma_ == "werken"


def test_a_capitalised_noun_inside_a_name_keeps_its_form():
    doc = annotated(
        ["Volgens", "de", "Europese", "Commissie", "groeit", "het", "."],
        ["ADP", "DET", "ADJ", "NOUN", "VERB", "PRON", "PUNCT"],
        [3, 3, 3, 4, 4, 4, 4],
        ["case", "det", "amod", "obl", "ROOT", "nsubj", "punct"],
        ["volgens", "de", "Europees", "commissie", "groeien", "het", "."],
    )
    assert doc[3].lemma_ == "Commissie"
    assert doc[1].lemma_ == "de"


def test_a_capitalised_noun_at_the_start_of_a_sentence_is_lemmatised_as_usual():
    doc = annotated(
        ["Mensen", "Zeggen", "het", "."],  # a title-cased headline: the first word is not inside a name
        ["NOUN", "VERB", "PRON", "PUNCT"],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "obj", "punct"],
        ["mens", "zeggen", "het", "."],
    )
    assert doc[0].lemma_ == "mens"


def test_a_lemma_the_table_does_not_know_gives_way_to_the_table():
    doc = annotated(
        ["De", "vrouwtjes", "zingen", "."],
        ["DET", "NOUN", "VERB", "PUNCT"],
        [1, 2, 2, 2],
        ["det", "nsubj", "ROOT", "punct"],
        ["de", "vrouwt", "zingen", "."],  # an edit tree that cut too much
    )
    assert doc[1].lemma_ == "vrouw"


def test_a_word_misparsed_as_particle_does_not_make_an_unknown_verb():
    doc = annotated(
        ["Hij", "komt", "van", "huis", "."],
        ["PRON", "VERB", "ADP", "NOUN", "PUNCT"],
        [1, 1, 1, 1, 1],
        ["nsubj", "ROOT", "compound:prt", "obl", "punct"],  # "van" wrongly attached as a particle
        ["hij", "komen", "van", "huis", "."],
    )
    assert doc[1].lemma_ == "komen"
