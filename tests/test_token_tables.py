"""Token tables: a Doc's strings and the lexicon's answers read once per Doc must equal what the Token objects say.

The mention rules index these lists instead of making a `Token` per question; if a list disagreed with the lexicon
function it stands for, a rule would silently change its answer. Each test compares the table with the token-by-token
answer on Dutch text written for it, including the words where the answer depends on context.
"""

from __future__ import annotations

import pytest

from pipeline.speakers import lexicon
from pipeline.speakers.mentions import _name_word, find_mentions, word_facts
from pipeline.tokens import token_table

TEXT = (
    "De heer Jansen zegt dat de gemeente Utrecht het plan steunt. Boer Jan de Vries vindt het onzin.\n\n"
    "Volgens D66'er Pieter van der Berg en GroenLinks is TNO te laat. Bakker zegt niets; de bakker wel.\n"
    "Mevrouw El Amrani (VVD) laat weten: 'Wij stemmen voor.' Zij vertelt later meer, aldus het ministerie."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def test_strings_and_flags_equal_the_tokens(doc):
    table = token_table(doc)
    assert len(table) == len(doc)
    assert table.text == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_ for t in doc]
    assert table.sent_start == [bool(t.is_sent_start) for t in doc]
    assert table.is_space == [t.is_space for t in doc]
    assert table.is_punct == [t.is_punct for t in doc]
    assert table.is_alpha == [t.is_alpha for t in doc]
    assert table.ent_type == [t.ent_type_ for t in doc]


def test_a_sentence_start_is_true_only_where_spacy_says_true(doc):
    table = token_table(doc)
    assert table.sent_start[0] is True
    first_word_of_second_sentence = next(t.i for t in doc if t.text == "Boer")
    assert table.sent_start[first_word_of_second_sentence] is True
    assert table.sent_start[first_word_of_second_sentence + 1] is False  # "Jan": inside the sentence


def test_the_table_is_read_once_per_doc_and_anew_for_another_doc(nlp, doc):
    assert token_table(doc) is token_table(doc)
    other = nlp("Een andere tekst.")
    assert token_table(other) is not token_table(doc)
    assert token_table(other).text == ["Een", "andere", "tekst", "."]


def test_an_empty_doc_has_an_empty_table(nlp):
    empty = nlp("")
    assert len(token_table(empty)) == 0
    assert word_facts(empty).capitalised == []


def test_word_facts_equal_the_lexicon_for_every_token(doc):
    facts = word_facts(doc)
    for token in doc:
        i = token.i
        assert facts.capitalised[i] == lexicon.is_capitalised(token), token.text
        assert facts.first_name[i] == lexicon.is_first_name(token), token.text
        assert facts.function[i] == lexicon.is_function_word(token), token.text
        assert facts.particle[i] == lexicon.is_particle(token), token.text
        assert facts.org[i] == lexicon.is_org_word(token), token.text
        assert facts.role[i] == lexicon.is_role_noun(token), token.text
        assert facts.acronym[i] == lexicon.is_acronym(token), token.text
        assert facts.name_word[i] == _name_word(token), token.text
        assert facts.group[i] == lexicon.is_group_noun(token), token.text
        assert facts.camel[i] == lexicon.is_camel_case(token), token.text
        assert facts.speech[i] == lexicon.speech_verb_lemma(token), token.text


def test_context_dependent_answers_follow_the_context(doc):
    facts = word_facts(doc)
    at = {t.text: t.i for t in doc}
    assert facts.role[at["Boer"]]  # an occupation opening a sentence before a given name
    assert not facts.role[at["Bakker"]]  # the same kind of word before a verb: a surname
    assert facts.role[at["bakker"]]
    assert facts.role[at["D66'er"]]
    assert facts.camel[at["GroenLinks"]] and not facts.camel[at["D66'er"]]
    assert facts.speech[at["zegt"]] == lexicon.speech_verb_lemma(doc[at["zegt"]]) is not None
    assert facts.speech[at["plan"]] is None


def test_mentions_are_found_from_the_tables(doc):
    found = {(m.kind.value, m.text) for m in find_mentions(doc)}
    assert ("name", "Pieter van der Berg") in found
    assert ("organisation", "TNO") in found
    assert not any(text == "Bakker" and kind == "role" for kind, text in found)
