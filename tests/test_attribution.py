"""The attribution sieve: each quote is decided by the first step that names a speaker, and records that step.

Steps in order: cue → previous_quote → announced → reported → context → last_speaker (see pipeline/quotes/attribution.py).
"""

from __future__ import annotations

from pipeline.quotes.attribution import SIEVE
from pipeline.quotes.model import Attribution


def _by_text(analysis):
    return {q.text: (q.speaker, q.attribution) for q in analysis.quotes}


def test_the_sieve_runs_its_steps_in_the_documented_order():
    assert [name for name, _ in SIEVE] == [
        Attribution.CUE, Attribution.PREVIOUS_QUOTE, Attribution.ANNOUNCED, Attribution.REPORTED,
        Attribution.CONTEXT, Attribution.LAST_SPEAKER,
    ]


def test_a_cue_names_the_speaker(analyse):
    analysis = analyse("“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer.\n")
    assert _by_text(analysis)["We bouwen dit jaar nog driehonderd woningen"] == ("Lisa Kramer", "cue")


def test_a_quote_right_after_a_cued_quote_continues_its_speaker(analyse):
    text = "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer. “Dat is hard nodig in deze stad.”\n"
    assert _by_text(analyse(text))["Dat is hard nodig in deze stad."] == ("Lisa Kramer", "previous_quote")


def test_another_person_named_in_between_stops_the_continuation(analyse):
    text = (
        "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer. Raadslid Pieter Smit is kritisch. "
        "“Ik zie die woningen nog nergens verschijnen in de wijk.”\n"
    )
    speaker, step = _by_text(analyse(text))["Ik zie die woningen nog nergens verschijnen in de wijk."]
    assert (speaker, step) == ("Pieter Smit", "context")


def test_an_uncued_quote_after_an_introduction_goes_to_the_person_in_focus(analyse):
    text = (
        "Onderzoeker Sanne Visser volgt de woningmarkt al jaren. Zij ziet de prijzen stijgen. "
        "“Starters komen bijna nergens meer aan de bak in de stad.”\n"
    )
    assert _by_text(analyse(text))["Starters komen bijna nergens meer aan de bak in de stad."] == ("Sanne Visser", "context")


def test_a_quote_in_a_paragraph_that_names_nobody_continues_the_speaker_quoted_last(analyse):
    text = (
        "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer.\n\n"
        "De gemeente heeft daarvoor grond gekocht aan de rand van de stad.\n\n"
        "“De eerste bewoners kunnen er volgend voorjaar al in.”\n"
    )
    assert _by_text(analyse(text))["De eerste bewoners kunnen er volgend voorjaar al in."] == ("Lisa Kramer", "last_speaker")


def test_too_many_paragraphs_back_the_last_speaker_is_not_taken(analyse):
    filler = "".join(f"Paragraaf {i} gaat over de begroting van de gemeente.\n\n" for i in range(4))
    text = "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer.\n\n" + filler + "“Dit is een heel ander verhaal over de begroting.”\n"
    speaker, step = _by_text(analyse(text))["Dit is een heel ander verhaal over de begroting."]
    assert (speaker, step) == (None, "none")


def test_someone_named_inside_the_previous_speakers_reported_words_does_not_stop_the_last_speaker(analyse):
    text = (
        "Trainer Anouk Dekker denkt dat na de kritiek van Bram Hol meer clubs naar het schema gaan kijken.\n\n"
        "“De wedstrijden duren langer dan vroeger, en dat vraagt veel van de spelers.”\n"
    )
    speaker, _ = _by_text(analyse(text))["De wedstrijden duren langer dan vroeger, en dat vraagt veel van de spelers."]
    assert speaker == "Anouk Dekker"


def test_someone_named_outside_the_reported_words_still_stops_it(analyse):
    text = (
        "Trainer Anouk Dekker denkt dat meer clubs naar het schema gaan kijken. Bram Hol is het daar niet mee eens.\n\n"
        "“De wedstrijden duren langer dan vroeger, en dat vraagt veel van de spelers.”\n"
    )
    speaker, _ = _by_text(analyse(text))["De wedstrijden duren langer dan vroeger, en dat vraagt veel van de spelers."]
    assert speaker != "Anouk Dekker"


class TestReportedSpeechThenAnotherBody:
    """News goes on with the speaker of a direct quote across a paragraph about something else; minutes and reports
    that quote bodies by their reported speech do not go on across a paragraph that names another body."""

    def test_after_reported_speech_a_paragraph_about_another_body_is_not_the_speakers(self, analyse):
        text = (
            "Wijkraad Noord zegt dat de fractie het plan steunt.\n\n"
            "De peiling werd betaald door de gemeente. De uitkomst? “De wijk wil vooral meer groen en minder auto's.”\n"
        )
        speaker, step = _by_text(analyse(text))["De wijk wil vooral meer groen en minder auto's."]
        assert (speaker, step) == (None, "none")

    def test_after_reported_speech_a_paragraph_naming_nobody_is_the_speakers(self, analyse):
        text = (
            "Wijkraad Noord zegt dat de fractie het plan steunt.\n\n"
            "De reden? “De wijk wil vooral meer groen en minder auto's.”\n"
        )
        speaker, step = _by_text(analyse(text))["De wijk wil vooral meer groen en minder auto's."]
        assert step == "last_speaker" and speaker is not None


class TestBackReferences:
    """A cue's source may point back: "Spreker" (the member who spoke last), "De man" (the person just described),
    "volgens hen" (the group or organisation just named as a subject)."""

    def test_spreker_is_the_member_named_before(self, analyse):
        text = "Verslag\n\nDe heer Van Dam (D66) steunt het voorstel. Spreker vraagt of de wethouder de kosten kan toelichten.\n"
        assert _by_text(analyse(text))["de wethouder de kosten kan toelichten"] == ("Van Dam", "cue")

    def test_spreekster_takes_the_woman_named_before(self, analyse):
        text = (
            "Verslag\n\nMevrouw Öztürk (GL) reageert op de heer Van Dam. Spreekster vindt dat de bewoners te laat zijn "
            "betrokken.\n"
        )
        assert _by_text(analyse(text))["de bewoners te laat zijn betrokken"] == ("Öztürk", "cue")

    def test_spreker_with_nobody_named_before_is_no_quote(self, analyse):
        a = analyse("Verslag\n\nSpreker vraagt of de wethouder de kosten kan toelichten.\n")
        assert [q.speaker for q in a.quotes] == []

    def test_de_man_is_the_person_just_described(self, analyse):
        text = "Nieuws\n\nEen buurman zag het ongeluk gebeuren. De man zegt dat de auto veel te hard reed.\n"
        assert _by_text(analyse(text))["de auto veel te hard reed"] == ("Een buurman", "cue")

    def test_een_man_is_someone_new(self, analyse):
        text = "Nieuws\n\nEen buurman zag het ongeluk gebeuren. Een man zegt dat de auto veel te hard reed.\n"
        speaker, _ = _by_text(analyse(text))["de auto veel te hard reed"]
        assert speaker != "Een buurman"

    def test_volgens_hen_is_the_group_that_opens_the_sentence_before(self, analyse):
        text = "Nieuws\n\nMeerdere onderzoekers keken naar duizend huishoudens. Volgens hen is de energierekening te hoog.\n"
        speaker, step = _by_text(analyse(text))["is de energierekening te hoog"]
        assert step == "cue" and speaker is not None and speaker.lower().endswith("onderzoekers")

    def test_volgens_hen_after_a_pair_of_names_is_the_first(self, analyse):
        text = (
            "Nieuws\n\nHet plan is te duur, zeggen econoom Fleur Aksoy en onderzoeker Daan Mol. Volgens hen moet de "
            "gemeente eerst de kosten laten doorrekenen.\n"
        )
        assert _by_text(analyse(text))["moet de gemeente eerst de kosten laten doorrekenen"] == ("Fleur Aksoy", "cue")

    def test_volgens_hen_with_only_a_body_after_a_preposition_is_no_quote(self, analyse):
        text = "Nieuws\n\nAl jaren is er ruzie met de provincie over de mest. Volgens hen is de regel oneerlijk.\n"
        assert [q.text for q in analyse(text).quotes] == []

    def test_a_back_reference_source_survives_storage_on_the_doc(self, nlp):
        from pipeline.results import get_mentions, get_quotes

        doc = nlp("Meerdere onderzoekers keken naar de cijfers. Volgens hen is de energierekening te hoog.")
        assert "hen" not in [m.text for m in get_mentions(doc)]  # the mention finder leaves it out
        quotes = get_quotes(doc, get_mentions(doc))
        assert [(q.source.text, q.speaker_key is not None) for q in quotes] == [("hen", True)]


class TestImpersonalCue:
    """"“…”, klonk het." names no source: nobody named nearby is taken as the speaker."""

    def test_an_impersonal_cue_leaves_the_quote_without_speaker(self, analyse):
        text = (
            "Nieuws\n\nVoor de avond waren wethouder Anna Kok en raadslid Karel Mol uitgenodigd. "
            "“Omdat zij het meest over de nieuwe brug weten”, klonk het. Ook de pers was er.\n"
        )
        assert _by_text(analyse(text))["Omdat zij het meest over de nieuwe brug weten"] == (None, "none")

    def test_an_article_after_the_verb_opens_a_source(self, analyse):
        text = "Nieuws\n\n“De brug gaat in mei open voor alle verkeer”, zegt het college van de gemeente Zwolle.\n"
        speaker, step = _by_text(analyse(text))["De brug gaat in mei open voor alle verkeer"]
        assert step == "cue" and speaker is not None
