"""Ordinary council words do not fire themes: a term in another sense (sending is not steering), the municipality
as the setting of a sentence, a derived verb ("versturen"), and any term in an attendance or procedural line.
Evidence never ends with the opening mark of the next sentence (",,")."""

from __future__ import annotations

import pytest

from pipeline.themes.definitions import ThemeFileError, load_themes, parse_themes
from pipeline.themes.matcher import ThemeMatcher, compound_match, context_holds
from pipeline.themes.scoring import balanced, bounds


def themes_of(nlp, text: str, themes=None) -> set[str]:
    doc = nlp(text)
    return {m.theme for m in ThemeMatcher(themes or load_themes())(doc)}


@pytest.mark.parametrize(
    ("sentence", "governance"),
    [
        ("De secretaris stuurt de brief aan de wethouder.", False),
        ("De secretaris wil de wijkraad voor de zomer een groenplan sturen.", False),
        ("De uitnodigingen voor de buurtavond zijn verstuurd.", False),
        ("Wij sturen de stukken naar de raad.", False),
        # negative cases: steering is governance
        ("De provincie wil het cluster meer sturen en minder loslaten.", True),
        ("Het college moet sturen op resultaten en niet op regels.", True),
        ("De wethouder wil de aanpak bijsturen.", True),
    ],
)
def test_sending_is_not_steering(nlp, sentence, governance):
    assert ("governance" in themes_of(nlp, sentence)) is governance


@pytest.mark.parametrize(
    ("sentence", "policy"),
    [
        ("De gemeente wil in het dorp veertig nieuwe bomen planten.", False),
        ("De gemeenteraad beslist in december over het speelveld.", False),
        # negative cases: the municipality with its rules, money or policy is policy
        ("De gemeente verhoogt de subsidie voor de sportclubs.", True),
        ("Het parkeerbeleid van de gemeente is streng.", True),
        ("De gemeente past de regels voor terrassen aan.", True),
    ],
)
def test_the_municipality_counts_for_policy_only_with_a_policy_word(nlp, sentence, policy):
    assert ("policy" in themes_of(nlp, sentence)) is policy


@pytest.mark.parametrize(
    ("word", "term", "compound"),
    [
        ("versturen", "sturen", False),
        ("ontleren", "leren", False),
        # negative cases: a real first part
        ("bijsturen", "sturen", True),
        ("bijsturing", "sturing", True),
    ],
)
def test_a_verb_prefix_makes_no_compound(word, term, compound):
    assert compound_match(word, term) is compound


def test_a_notice_of_absence_is_no_knowledge(nlp):
    assert "knowledge" not in themes_of(nlp, "Zij is met kennisgeving afwezig bij het overleg over de school.")
    assert "knowledge" in themes_of(nlp, "De kennis van de buurt helpt het overleg over de school.")


def test_context_words_match_forms_and_compound_heads():
    assert context_holds(frozenset({"plan"}), {"groenplan", "sturen"})
    assert context_holds(frozenset({"brief"}), {"brief"})
    # negative cases: a short word inside another, a word that only starts with it
    assert not context_holds(frozenset({"na"}), {"buurtavond"})
    assert not context_holds(frozenset({"plan"}), {"planning"})


def test_sense_conditions_are_read_from_a_theme_file_and_checked():
    (theme,) = parse_themes(
        '[[theme]]\nid = "water"\nterms = ["dijk", "peil"]\n[theme.not_with]\npeil = ["opinie"]\n[theme.only_with]\ndijk = ["water"]\n'
    )
    assert theme.not_with == (("peil", ("opinie",)),)
    assert theme.only_with == (("dijk", ("water",)),)
    with pytest.raises(ThemeFileError, match="'not_with' names 'sloot'"):
        parse_themes('[[theme]]\nid = "water"\nterms = ["dijk"]\n[theme.not_with]\nsloot = ["opinie"]\n')
    with pytest.raises(ThemeFileError, match="non-empty list"):
        parse_themes('[[theme]]\nid = "water"\nterms = ["dijk"]\n[theme.only_with]\ndijk = []\n')


def test_a_users_theme_with_a_condition(nlp):
    (theme,) = parse_themes('[[theme]]\nid = "water"\nterms = ["peil"]\n[theme.not_with]\npeil = ["opiniepeiling", "peiling"]\n')
    assert themes_of(nlp, "Het peil in de vijver is te laag.", [theme]) == {"water"}
    assert themes_of(nlp, "Het peil van de partij in de peiling daalt.", [theme]) == set()


def test_a_term_in_an_attendance_or_procedural_line_never_counts(analyse):
    text = (
        "Verslag van de wijkraad\n\n"
        "Afwezig met kennisgeving: Joost Kramer van de universiteit.\n\n"
        "De voorzitter opent de vergadering over het onderzoek naar de luchtkwaliteit.\n\n"
        "Het onderzoek naar de luchtkwaliteit in de wijk is klaar.\n"
    )
    analysis = analyse(text)
    knowledge = next(t for t in analysis.themes if t.id == "knowledge")
    assert [e.text for e in knowledge.evidence] == ["Het onderzoek naar de luchtkwaliteit in de wijk is klaar."]


def test_evidence_does_not_end_with_the_next_sentences_opening_mark(nlp):
    text = "Ook ondernemer Henk Mulder van bakkerij De Korenschoof liet van zich horen. ,,Mijn klanten blijven weg,'' zegt hij."
    doc = nlp(text)
    first = next(iter(doc.sents))
    start, end = balanced(text, *bounds(first))
    assert text[start:end] == "Ook ondernemer Henk Mulder van bakkerij De Korenschoof liet van zich horen."


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Hij liet van zich horen. ,,", "Hij liet van zich horen."),
        ('Hij liet van zich horen. "', "Hij liet van zich horen."),
        # negative cases: marks that belong to the sentence stay
        ("Hij zegt: ,,Wij gaan door.''", "Hij zegt: ,,Wij gaan door.''"),
        ('„Wij gaan door,” zegt hij.', '„Wij gaan door,” zegt hij.'),
    ],
)
def test_an_opening_mark_left_at_a_sentence_end_is_cut(nlp, sentence, kept):
    doc = nlp(sentence)
    start, end = bounds(doc[:])
    assert sentence[start:end] == kept


def test_extending_the_default_themes_joins_the_condition_words(tmp_path):
    own = tmp_path / "eigen.toml"
    own.write_text('[[theme]]\nid = "governance"\nlabel = "Regie"\nterms = ["sturen"]\n[theme.not_with]\nsturen = ["memo"]\n', encoding="utf-8")
    governance = next(t for t in load_themes(own, extend=True) if t.id == "governance")
    words = dict(governance.not_with)["sturen"]
    assert "memo" in words and "brief" in words
    # replacing the defaults keeps only the file's own words
    replaced = next(t for t in load_themes(own) if t.id == "governance")
    assert dict(replaced.not_with)["sturen"] == ("memo",)
