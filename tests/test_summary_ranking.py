"""Summary ranking: the learned features, the word budget, and who a pronoun-initial sentence may follow."""

from __future__ import annotations

import numpy as np

from pipeline.summaries.extractive import FEATURES, MIN_UNITS, MIN_UNITS_FROM, choose, prepare, ranking_settings
from pipeline.summaries.structured import BUDGET_UNITS, summarise_span, word_budget

ARTICLE = (
    "Het nieuwe zwembad van Oosterwijk gaat pas in het najaar open.\n\n"
    "De aannemer heeft last van vertraging door het natte weer van de afgelopen maanden. "
    "Daardoor kan het dak van het zwembad niet voor de zomer worden gelegd. "
    "Bewoners van de wijk reageren teleurgesteld op het nieuws over de opening. "
    "De gemeente zoekt samen met de zwemclub naar een tijdelijke plek voor de zwemlessen.\n\n"
    "Wethouder Ineke Brons noemt de vertraging vervelend maar onvermijdelijk voor de bouw. "
    "Het zwembad kost de gemeente ruim twaalf miljoen euro aan bouwkosten.\n"
)


def column(name: str) -> int:
    return FEATURES.index(name)


def test_every_feature_has_a_fitted_weight_and_a_column(nlp):
    weights, lam = ranking_settings()
    assert set(weights) == set(FEATURES)
    assert 0.0 <= lam <= 1.0
    prepared = prepare(list(nlp(ARTICLE).sents))
    assert prepared.features.shape == (len(prepared.units), len(FEATURES))
    assert len(prepared.words) == len(prepared.units)


def test_position_features_mark_the_first_units_and_the_paragraphs(nlp):
    prepared = prepare(list(nlp(ARTICLE).sents))
    features = prepared.features
    first_three = [i for i in range(len(prepared.units)) if features[i, column("first")] + features[i, column("position_1")] + features[i, column("position_2")]]
    assert first_three == [0, 1, 2]
    assert features[3, column("position_3_5")] == 1.0 and features[0, column("position_3_5")] == 0.0
    # the title is a paragraph of its own; "Wethouder Ineke Brons …" opens the third paragraph
    brons = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Wethouder"))
    assert features[brons, column("paragraph_lead")] == 1.0 / 3.0
    assert features[brons + 1, column("paragraph_lead")] == 1.0 / 3.0
    assert features[1, column("paragraph_lead")] == 1.0 / 2.0


def test_the_length_feature_saturates_and_entities_count_only_with_a_recogniser(nlp):
    prepared = prepare(list(nlp(ARTICLE).sents))
    lengths = prepared.features[:, column("length")]
    assert np.all((lengths > 0) & (lengths <= 1.0))
    # the blank pipeline has no entity recogniser: no unit has entity density
    assert not prepared.features[:, column("entity_density")].any()


def test_a_word_budget_keeps_the_summary_within_it(nlp):
    prepared = prepare(list(nlp(ARTICLE).sents))
    weights = {"lead": 1.0}
    budget = prepared.words[0] + prepared.words[1]
    chosen, _ = choose(prepared, 10, weights=weights, mmr_lambda=1.0, budget=budget)
    assert chosen == [0, 1]
    assert sum(prepared.words[i] for i in chosen) <= budget
    # the first unit is taken even when it alone is longer than the budget (a summary is never empty), and with
    # MIN_UNITS_FROM candidates or more the summary has MIN_UNITS units whatever the budget
    assert len(prepared.units) >= MIN_UNITS_FROM
    at_least, _ = choose(prepared, 10, weights=weights, mmr_lambda=1.0, budget=3)
    assert at_least == list(range(MIN_UNITS))
    alone, _ = choose(prepared, 1, weights=weights, mmr_lambda=1.0, budget=3)
    assert alone == [0]


def test_a_unit_over_the_budget_is_passed_over_for_a_shorter_one(nlp):
    prepared = prepare(list(nlp(ARTICLE).sents))
    prepared.features[:, :] = 0.0
    order = [3, 1, 6]  # unit 3 ranks first, then 1, then 6
    for rank, i in enumerate(order):
        prepared.features[i, column("lead")] = 3.0 - rank
    budget = prepared.words[3] + prepared.words[6]
    assert prepared.words[3] + prepared.words[1] > budget  # unit 1 does not fit after unit 3
    chosen, more = choose(prepared, 10, weights={"lead": 1.0}, mmr_lambda=1.0, budget=budget, extra=1)
    assert chosen == [3, 6]
    assert more == [1]  # what did not fit may still be a key point


def test_the_budget_of_n_sentences_is_their_words_or_n_median_sentences(nlp):
    sentences = list(nlp(ARTICLE).sents)
    words = [len(s.text.split()) for s in sentences]
    assert word_budget(sentences, 2) == max(words[0] + words[1], 2 * sorted(words)[len(words) // 2])
    greeting = list(nlp("Goedemorgen.\nWelkom.\n" + ARTICLE).sents)
    # two one-word greetings open the text: the budget is that of two ordinary sentences
    assert word_budget(greeting, 2) >= 2 * 10
    assert word_budget([], 3) == 0


def test_a_summary_of_n_sentences_holds_at_most_the_budget_and_at_most_n_units(nlp):
    sentences = list(nlp(ARTICLE).sents)
    summary = summarise_span(sentences, n=2, budget=30)
    words = sum(len(s.text.split()) for s in summary.sentences)
    assert summary.sentences and (words <= 30 or len(summary.sentences) == 1)
    assert len(summary.sentences) <= 2 * BUDGET_UNITS


def test_a_pronoun_sentence_never_follows_a_sentence_that_names_no_one(nlp):
    text = (
        "Het regent al dagen in de polder rond het dorp Ommel en de sloten lopen over. "
        "Zij wil dat de dijk langs de rivier nog dit jaar wordt verhoogd.\n"
    )
    prepared = prepare(list(nlp(text).sents))
    zij = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Zij "))
    assert prepared.predecessor[zij] == -1
    prepared.features[:, :] = 0.0
    prepared.features[zij, column("lead")] = 1.0
    chosen, _ = choose(prepared, 2, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert zij not in chosen


def test_a_pronoun_sentence_may_follow_the_sentence_that_introduces_its_referent(nlp):
    text = (
        "Wethouder Ineke Brons bezocht dinsdag de dijk langs de rivier bij het dorp Ommel. "
        "Zij wil dat de dijk langs de rivier nog dit jaar wordt verhoogd.\n"
    )
    prepared = prepare(list(nlp(text).sents))
    zij = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Zij "))
    assert prepared.predecessor[zij] == zij - 1
    prepared.features[:, :] = 0.0
    prepared.features[zij, column("lead")] = 1.0
    chosen, _ = choose(prepared, 2, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert chosen == [zij - 1, zij]


def test_a_connective_still_needs_only_the_sentence_before_it(nlp):
    text = (
        "Het regent al dagen in de polder rond het dorp Ommel en de sloten lopen over. "
        "Daarom wordt de dijk langs de rivier nog dit jaar verhoogd.\n"
    )
    prepared = prepare(list(nlp(text).sents))
    daarom = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Daarom "))
    assert prepared.predecessor[daarom] == daarom - 1
