"""The Dutch pipeline shipped in models/: loads offline and tags, parses and finds entities."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import DEFAULT_MODEL, default_model, load_nlp

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL / "meta.json").exists(), reason="no model in models/nl_notulist")


@pytest.fixture(scope="module")
def model():
    return spacy.load(DEFAULT_MODEL)


def test_it_is_the_default(monkeypatch):
    monkeypatch.delenv("NOTULIST_MODEL", raising=False)
    assert default_model() == str(DEFAULT_MODEL)


def test_components(model):
    assert model.pipe_names == ["tok2vec", "morphologizer", "trainable_lemmatizer", "parser", "notulist_lemma_rules", "ner"]


def test_tags_lemmas_and_parse(model):
    doc = model("De burgemeester opende gisteren de nieuwe brug in Utrecht.")
    pos = {t.text: t.pos_ for t in doc}
    assert pos["burgemeester"] == "NOUN" and pos["opende"] == "VERB" and pos["Utrecht"] == "PROPN"
    assert doc[2].lemma_ == "openen"
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert root.text == "opende"
    assert next(t for t in doc if t.text == "burgemeester").head.text == "opende"


def test_entities(model):
    doc = model("Mark Rutte sprak in Den Haag met de directie van Philips.")
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents.get("Mark Rutte") == "PER"
    assert ents.get("Den Haag") == "LOC"


def test_full_pipeline_with_the_model():
    nlp = load_nlp(str(DEFAULT_MODEL))
    assert "sentencizer" in nlp.pipe_names
    doc = nlp("“We moeten sneller schakelen in de regio”, zegt wethouder Karin Bakker.")
    assert [{s["key"]: s["name"] for s in doc._.speakers}[q.speaker_key] for q in doc._.quotes] == ["Karin Bakker"]


def test_separable_verbs_and_compounds(model):
    """The lemma rules run inside the shipped model: particle joined to the verb, linking s kept."""
    doc = model("De wethouder belde de raadsleden op over de parlementsverkiezingen.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["belde"] == "opbellen"
    assert lemmas["raadsleden"] == "raadslid" and lemmas["parlementsverkiezingen"] == "parlementsverkiezing"


def test_ner_can_be_left_out():
    """CoNLL-2002 is research use only: the pipeline works without its NER component."""
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    doc = nlp("Mark Rutte sprak in Den Haag.")
    assert "ner" not in nlp.pipe_names and doc[2].pos_ == "VERB"


def test_one_tok2vec_serves_every_component(model):
    """NER reads the shared token vectors instead of running an embedding pass of its own."""
    assert set(model.get_pipe("tok2vec").listening_components) == {"morphologizer", "trainable_lemmatizer", "parser", "ner"}


def test_leaving_out_ner_changes_nothing_else(model):
    """The UD components never depend on the NER weights (trained with the tok2vec frozen)."""
    text = "Volgens hoogleraar Arnoud Lagendijk van de Radboud Universiteit draait clustervorming om vertrouwen."
    without = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    full, bare = model(text), without(text)
    assert [(t.pos_, t.lemma_, t.dep_, t.head.i) for t in full] == [(t.pos_, t.lemma_, t.dep_, t.head.i) for t in bare]
    assert full.ents and not bare.ents



def _token_by_token(doc, table, known):
    from pipeline.lemmas import looked_up_lemma, proper_name_lemma, separable_verb_lemma

    for token in doc:
        token.lemma_ = proper_name_lemma(token)
        token.lemma_ = looked_up_lemma(token, table, known)
    for token in doc:
        token.lemma_ = separable_verb_lemma(token, known)
    return [t.lemma_ for t in doc]


def test_the_lemma_component_gives_the_lemmas_of_its_token_rules(model):
    """The component reads arrays for speed; its lemmas are those of the three token-by-token rules in order."""
    from pipeline.lemmas import dutch_lookup_table, known_lemmas

    texts = [
        "Hij komt morgen terug, zegt wethouder Fleur Aerts, en belt de bewoners op.",
        "De Raad van State sloeg het advies af, zei de voorzitter van Uitgeverij Klooster.",
        "Het Centraal Planbureau verwacht dat de vrouwtjes later terugkeren dan de mannetjes.",
        "Zij gaven aan dat de Europese Commissie het voorstel heeft afgewezen.",
    ]
    rules = model.get_pipe("notulist_lemma_rules")
    with model.select_pipes(disable=["notulist_lemma_rules"]):
        by_component = [[t.lemma_ for t in rules(doc)] for doc in model.pipe(texts)]
        by_rules = [_token_by_token(doc, dutch_lookup_table(), known_lemmas()) for doc in model.pipe(texts)]
    assert by_component == by_rules
    assert "terugkomen" in by_component[0] and "Klooster" in by_component[1]
