"""Mentions from the model's entities, specified on hand-built annotated Docs (words and entities set in the test)."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.speakers.mentions import MentionKind, find_mentions


def annotated_doc(nlp, words, ents, sent_starts=None):
    """A Doc with the given words, BIO entity tags and sentence starts (the first word starts a sentence)."""
    starts = sent_starts or [i == 0 for i in range(len(words))]
    return Doc(nlp.vocab, words=words, ents=ents, sent_starts=starts)


def names(doc):
    return [m.text for m in find_mentions(doc) if m.kind in (MentionKind.NAME, MentionKind.SURNAME)]


def test_a_one_word_person_the_model_tags_twice_is_a_name(nlp):
    words = ["Het", "raakt", "mensen", "zoals", "Farouk", ".", "Later", "kreeg", "Farouk", "een", "brief", "."]
    ents = ["O", "O", "O", "O", "B-PER", "O", "O", "O", "B-PER", "O", "O", "O"]
    starts = [w in ("Het", "Later") for w in words]
    assert names(annotated_doc(nlp, words, ents, starts)) == ["Farouk", "Farouk"]


def test_a_one_word_person_tagged_once_needs_a_persons_context(nlp):
    words = ["Het", "raakt", "mensen", "zoals", "Farouk", "."]
    ents = ["O", "O", "O", "O", "B-PER", "O"]
    assert names(annotated_doc(nlp, words, ents)) == []


def test_a_place_the_model_calls_a_person_is_no_name(nlp):
    words = ["Het", "regent", "in", "Zwolle", ".", "Later", "kwam", "Zwolle", "in", "actie", "."]
    ents = ["O", "O", "O", "B-PER", "O", "O", "O", "B-PER", "O", "O", "O"]
    starts = [w in ("Het", "Later") for w in words]
    assert names(annotated_doc(nlp, words, ents, starts)) == []


def test_a_single_word_that_opens_a_sentence_before_a_singular_speech_verb_is_a_name(nlp):
    words = ["Een", "van", "hen", "is", "Farouk", ".", "Farouk", "vertelt", "over", "de", "brand", "."]
    ents = ["O"] * len(words)
    starts = [w in ("Een",) or i == 6 for i, w in enumerate(words)]
    assert names(annotated_doc(nlp, words, ents, starts)) == ["Farouk", "Farouk"]


def test_a_word_only_capitalised_at_sentence_starts_or_tagged_as_an_organisation_is_no_name(nlp):
    words = ["Wildwater", "vertelt", "een", "verhaal", "."]
    assert names(annotated_doc(nlp, words, ["O"] * len(words))) == []
    words = ["Het", "gaat", "om", "Tennet", ".", "Tennet", "zegt", "dat", "het", "kan", "."]
    ents = ["O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O"]
    starts = [i in (0, 5) for i in range(len(words))]
    assert names(annotated_doc(nlp, words, ents, starts)) == []


def test_zijn_tagged_as_a_verb_is_no_possessive(nlp):
    from spacy.tokens import Doc

    words = ["Mensen", "die", "hier", "zijn", "kennen", "zijn", "fiets", "."]
    pos = ["NOUN", "PRON", "ADV", "AUX", "VERB", "PRON", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    pronouns = [m.start for m in find_mentions(doc) if m.kind is MentionKind.PRONOUN]
    assert pronouns == [5]


def test_a_name_written_as_someones_organisation_is_an_organisation_everywhere(nlp):
    words = ["Volgens", "Kees", "Aalders", "van", "Blue", "Harbour", "kost", "het", "geld", ".",
             "Ook", "Blue", "Harbour", "Cleaning", "vraagt", "geld", "."]
    ents = ["O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-PER", "I-PER", "I-PER", "O", "O", "O"]
    starts = [i in (0, 10) for i in range(len(words))]
    found = find_mentions(annotated_doc(nlp, words, ents, starts))
    assert [m.text for m in found if m.kind is MentionKind.NAME] == ["Kees Aalders"]
    assert [m.text for m in found if m.kind is MentionKind.ORGANISATION] == ["Blue Harbour", "Blue Harbour Cleaning"]


def test_a_name_not_written_after_a_name_and_van_stays_a_name(nlp):
    words = ["Volgens", "Kees", "Aalders", "kost", "het", "geld", ".", "Ook", "Tom", "Verbeek", "vraagt", "geld", "."]
    ents = ["O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-PER", "I-PER", "O", "O", "O"]
    starts = [i in (0, 7) for i in range(len(words))]
    found = find_mentions(annotated_doc(nlp, words, ents, starts))
    assert [m.text for m in found if m.kind is MentionKind.NAME] == ["Kees Aalders", "Tom Verbeek"]
