"""Themes: terms matched on lemmas, multiword terms and compounds, negation, scores and evidence."""

from __future__ import annotations

import pytest

from pipeline.themes.definitions import ThemeFileError, load_themes, parse_themes
from pipeline.themes.matcher import ThemeMatcher, compound_match


def theme_terms(nlp, text, themes=None):
    doc = nlp(text)
    matcher = ThemeMatcher(themes or load_themes())
    return [(m.theme, doc[m.start : m.end].text, m.negated) for m in matcher(doc)]


def test_lemma_match_finds_inflected_forms(nlp):
    assert ("collaboration", "samenwerkingen", False) in theme_terms(nlp, "Er zijn nieuwe samenwerkingen gestart.")


def test_multiword_term(nlp):
    assert ("open_innovation", "open innovatie", False) in theme_terms(nlp, "Het draait om vertrouwen en open innovatie.")


def test_multiword_term_with_a_word_between(nlp):
    assert any(t[0] == "open_innovation" for t in theme_terms(nlp, "We willen kennis met elkaar delen."))


@pytest.mark.parametrize("word, term", [("vertrouwensrelatie", "vertrouwen"), ("kennisdelingsplatform", "kennisdeling"), ("clusterecosysteem", "ecosysteem")])
def test_compounds_match_as_head_or_modifier(word, term):
    assert compound_match(word, term)


@pytest.mark.parametrize("word, term", [("partnerschap", "partner"), ("kennissen", "kennis"), ("wantrouwen", "vertrouwen"), ("begeleid", "beleid")])
def test_no_match_inside_unrelated_or_derived_words(word, term):
    assert not compound_match(word, term)


def test_compound_in_a_sentence(nlp):
    assert ("trust", "vertrouwensrelatie", False) in theme_terms(nlp, "Er is een sterke vertrouwensrelatie ontstaan.")


def test_excluded_compound_is_not_a_theme(nlp):
    assert not [t for t in theme_terms(nlp, "Waar is de afstandsbediening?") if t[0] == "proximity"]


def test_acquaintances_are_not_knowledge(nlp):
    found = theme_terms(nlp, "Het gaat om kennis en kennissen.")
    assert [t for t in found if t[0] == "knowledge"] == [("knowledge", "kennis", False)]


def test_negation_is_kept_as_a_flag(nlp):
    assert ("trust", "vertrouwen", True) in theme_terms(nlp, "Er is geen vertrouwen meer tussen de partners.")
    assert ("trust", "vertrouwen", False) in theme_terms(nlp, "Er is veel vertrouwen tussen de partners.")


def test_scores_evidence_and_speaker(analyse):
    text = (
        "Titel\n\nHet overleg ging over vertrouwen. Daarna was er koffie.\n\n"
        "“Nabijheid is gewenst, maar kan soms verstikkend werken”, zegt hoogleraar Arnoud Lagendijk.\n"
    )
    a = analyse(text)
    themes = {t.id: t for t in a.themes}
    assert themes["trust"].score == pytest.approx(1 / 3, abs=1e-3)
    (proximity,) = themes["proximity"].evidence
    assert proximity.speaker == "Arnoud Lagendijk"
    assert text[proximity.start : proximity.end] == proximity.text
    lagendijk = next(s for s in a.speakers if s.name == "Arnoud Lagendijk")
    assert [t.id for t in lagendijk.themes] == ["proximity"]
    assert {t.id for t in a.sessions[0].themes} >= {"trust", "proximity"}


def test_headings_are_not_evidence(analyse):
    a = analyse("Vertrouwen\n\nDe vergadering begon om negen uur met koffie.\n")
    assert a.themes == []


THEMES = """
[[theme]]
id = "water"
label = "Water"
terms = ["dijk", "waterschap"]
"""


def test_own_theme_file_replaces_or_extends(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text(THEMES, encoding="utf-8")
    assert [t.id for t in load_themes(path)] == ["water"]
    assert "water" in [t.id for t in load_themes(path, extend=True)] and "trust" in [t.id for t in load_themes(path, extend=True)]


def test_bad_theme_file_names_the_line():
    text = '[[theme]]\nid = "goed"\nterms = ["a"]\n\n[[theme]]\nid = "Fout Id"\nterms = ["b"]\n'
    with pytest.raises(ThemeFileError, match=r"mijn.toml: theme 2 \(line 5\)"):
        parse_themes(text, "mijn.toml")


def test_invalid_toml_is_reported_with_its_position():
    with pytest.raises(ThemeFileError, match="line 2"):
        parse_themes('[[theme]]\nid = "x\n', "kapot.toml")


def test_keyphrases_per_session(analyse):
    text = (
        "Titel\n\nSessie 1: Fietsen\n\nHet fietspad langs de rivier wordt verbreed. Het nieuwe fietspad krijgt verlichting. "
        "Fietsers zijn blij met het fietspad.\n\nSessie 2: Scholen\n\nDe nieuwe basisschool opent in maart. "
        "De basisschool krijgt een groen schoolplein.\n"
    )
    sessions = analyse(text).sessions
    first = [k.text.lower() for k in sessions[0].keyphrases]
    second = [k.text.lower() for k in sessions[1].keyphrases]
    assert any("fietspad" in k for k in first) and not any("fietspad" in k for k in second)
    assert any("basisschool" in k for k in second)
    assert sessions[0].keyphrases[0].score >= sessions[0].keyphrases[-1].score


def test_keyphrases_leave_out_peoples_names(analyse):
    text = (
        "Titel\n\nOnderzoeker Lisa Mulder liet zien dat bedrijven binnen twintig kilometer vaker samenwerken. "
        "Lisa Mulder noemde nabijheid en regionale netwerken belangrijk voor samenwerking.\n"
    )
    phrases = [k.text for k in analyse(text).sessions[0].keyphrases]
    assert phrases and not any("Mulder" in p or "Lisa" in p for p in phrases)
