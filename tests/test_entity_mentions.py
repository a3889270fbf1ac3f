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
