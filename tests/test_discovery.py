"""Theme discovery across a corpus: the estimator contract, reproducibility, coherence, suggestions."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.base import clone
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.themes.discovery import Corpus, ThemeDiscoverer, npmi_coherence, suggest_terms

TEXTS = [
    "fiets fietspad verkeer fietser fiets",
    "fietspad verkeer fietser auto",
    "fiets verkeer fietspad",
    "school leerling docent onderwijs",
    "leerling docent school les",
    "onderwijs les leerling school docent",
] * 2


def test_init_only_stores_parameters():
    discoverer = ThemeDiscoverer(3, method="lda", random_state=7)
    assert discoverer.get_params()["n_topics"] == 3
    assert not hasattr(discoverer, "model_")
    assert clone(discoverer).get_params() == discoverer.get_params()


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_fit_returns_self_and_separates_topics(method):
    discoverer = ThemeDiscoverer(2, method=method, min_df=1, max_df=1.0, n_top_terms=3, random_state=0)
    assert discoverer.fit(TEXTS) is discoverer
    tops = [{t for t, _ in terms} for terms in discoverer.top_terms()]
    assert any(top <= {"fiets", "fietspad", "verkeer", "fietser", "auto"} for top in tops)
    assert any(top <= {"school", "leerling", "docent", "onderwijs", "les"} for top in tops)


def test_same_seed_same_topics():
    first = ThemeDiscoverer(2, min_df=1, max_df=1.0, random_state=3).fit(TEXTS).top_terms()
    second = ThemeDiscoverer(2, min_df=1, max_df=1.0, random_state=3).fit(TEXTS).top_terms()
    assert first == second


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method"):
        ThemeDiscoverer(2, method="kmeans").fit(TEXTS)


def test_npmi_rewards_terms_that_occur_together():
    together, apart = npmi_coherence([["fiets", "fietspad"], ["fiets", "leerling"]], TEXTS)
    assert together > 0 > apart
    assert apart == -1.0


def test_suggestions_come_from_paragraphs_with_the_seeds():
    corpus = Corpus(["a"], [0] * len(TEXTS), TEXTS, TEXTS)
    seeded = {"mobility": {i for i, t in enumerate(TEXTS) if "fiets" in t.split()}}
    table = suggest_terms(corpus, seeded, {"mobility": {"fiets"}}, top=3)
    assert set(table["term"]) <= {"fietspad", "verkeer", "fietser", "auto"}
    assert "fiets" not in set(table["term"])


def test_discover_command_writes_tables(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "een.txt").write_text("Titel\n\n" + "\n\n".join(t.capitalize() + "." for t in TEXTS[:6]) + "\n", encoding="utf-8")
    (src / "twee.txt").write_text("Titel\n\n" + "\n\n".join(t.capitalize() + "." for t in TEXTS[6:]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["themes", "discover", str(src), "--out", str(out), "--topics", "2", "--model", "blank"])
    assert result.exit_code == 0, result.output
    weights = pd.read_csv(out / "document_topics.csv")
    assert list(weights.columns) == ["document", "topic_1", "topic_2"]
    assert weights[["topic_1", "topic_2"]].sum(axis=1).round(2).tolist() == [1.0, 1.0]
    assert "mean NPMI" in result.output


# Topics people can read: vocabulary, labels, example sentences, suggestions.

from spacy.tokens import Doc  # noqa: E402

from pipeline.themes.discovery import (  # noqa: E402
    candidate_terms,
    split_sentences,
    topic_examples,
    topic_lemmas,
    topics_view,
)


def test_speech_and_filler_verbs_stay_out_of_the_vocabulary(nlp):
    lemmas = topic_lemmas(nlp("De wethouder zegt dat de fietsenmaker volgende week gaat verhuizen."))
    assert "fietsenmaker" in lemmas.split()
    assert not {"zegt", "zeggen", "gaat", "gaan", "week"} & set(lemmas.split())


def test_a_word_that_is_not_a_speech_verb_stays():
    doc = Doc(__import__("spacy").blank("nl").vocab, words=["Fietspaden", "verbeteren"], lemmas=["fietspad", "verbeteren"])
    assert topic_lemmas(doc).split() == ["fietspad", "verbeteren"]


def test_each_topic_gets_a_label_of_its_top_terms():
    discoverer = ThemeDiscoverer(2, min_df=1, max_df=1.0, random_state=0).fit(TEXTS)
    for label, terms in zip(discoverer.labels(), discoverer.top_terms(), strict=True):
        assert label == " · ".join(term for term, _ in terms[:3])


def test_example_sentences_hold_the_topic_terms():
    texts = ["De fiets staat op het fietspad. Het regent.", "De leerling leest. De docent geeft les op school."] * 3
    corpus = Corpus(["a.txt"], [0] * len(texts), texts, ["fiets fietspad", "leerling docent les school"] * 3)
    discoverer = ThemeDiscoverer(2, min_df=1, max_df=1.0, random_state=0).fit(corpus.unit_lemmas)
    for examples, terms in zip(topic_examples(discoverer, corpus), discoverer.top_terms(), strict=True):
        assert examples
        top = {t for t, _ in terms}
        for _, sentence in examples:
            assert top & set(sentence.lower().rstrip(".").split())
            assert sentence != "Het regent."


def test_split_sentences():
    assert split_sentences("Het regent. „Dat is fijn”, zegt Jan. 3 mensen kwamen.") == [
        "Het regent.", "„Dat is fijn”, zegt Jan.", "3 mensen kwamen."]


def test_suggestions_are_nouns_and_noun_phrases_when_the_model_tags():
    vocab = __import__("spacy").blank("nl").vocab
    doc = Doc(vocab, words=["Open", "innovatie", "vraagt", "Philips", "veel", "uur"],
              lemmas=["open", "innovatie", "vragen", "Philips", "veel", "uur"],
              pos=["ADJ", "NOUN", "VERB", "PROPN", "DET", "NOUN"])
    assert candidate_terms(doc) == ["innovatie", "open innovatie"]


def test_generic_nouns_are_never_suggested():
    units = ["vertrouwen uur samenwerking", "vertrouwen uur samenwerking", "fiets", "school"]
    corpus = Corpus(["a"], [0] * 4, units, units)
    table = suggest_terms(corpus, {"trust": {0, 1}}, {"trust": {"vertrouwen"}})
    assert table["term"].tolist() == ["samenwerking"]


def test_suggestions_leave_out_compounds_of_a_seed():
    units = ["vertrouwensrelatie buurt", "vertrouwensrelatie buurt", "fiets", "school"]
    corpus = Corpus(["a"], [0] * 4, units, units)
    table = suggest_terms(corpus, {"trust": {0, 1}}, {"trust": {"vertrouwen"}})
    assert table["term"].tolist() == ["buurt"]


def test_discover_writes_labels_and_examples_that_the_report_shows(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "een.txt").write_text("Titel\n\n" + "\n\n".join(t.capitalize() + "." for t in TEXTS[:6]) + "\n", encoding="utf-8")
    (src / "twee.txt").write_text("Titel\n\n" + "\n\n".join(t.capitalize() + "." for t in TEXTS[6:]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["themes", "discover", str(src), "--out", str(out), "--topics", "2", "--model", "blank"])
    assert result.exit_code == 0, result.output
    topics = pd.read_csv(out / "topics.csv")
    assert "label" in topics.columns and "«" in result.output
    assert len(pd.read_csv(out / "topic_examples.csv")) >= 2
    view = topics_view(out)
    assert [t["topic"] for t in view["topics"]] == [1, 2]
    assert view["chart"] is not None and view["chart"].src.startswith("data:image/svg+xml;base64,")
