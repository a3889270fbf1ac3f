"""The kinds of fault seen in the field (council minutes, reports, news), each on invented Dutch text of the same kind,
with the blank pipeline and with the shipped model: who said what must not depend on which one runs.

Each class names the field case whose kind it covers (see issue #11); the texts are written for these tests.
"""

from __future__ import annotations

import pytest

from pipeline.analyze import build_analysis, parse
from pipeline.ingest import read_text
from pipeline.nlp import DEFAULT_MODEL, load_nlp

MODELS = ["blank", pytest.param("shipped", marks=pytest.mark.skipif(
    not (DEFAULT_MODEL / "meta.json").exists(), reason="no model in models/nl_notulist"))]


@pytest.fixture(scope="module", params=MODELS)
def pipeline_nlp(request, nlp):
    return nlp if request.param == "blank" else load_nlp(str(DEFAULT_MODEL))


@pytest.fixture(scope="module")
def run(pipeline_nlp):
    def analyse(text: str):
        transcript = read_text(text, source="veldgeval.txt")
        return build_analysis(parse(pipeline_nlp, transcript), transcript)

    return analyse


def quotes(analysis, kind: str | None = None) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in analysis.quotes if kind is None or q.kind == kind]


def speaker(analysis, name: str):
    found = [s for s in analysis.speakers if s.name == name]
    assert found, f"no speaker {name!r} in {[s.name for s in analysis.speakers]}"
    return found[0]


class TestFirstPersonCue:
    """rp03: "ik stel voor dat …" is the writer's, not a quote of the person named before it."""

    def test_the_writers_own_proposal_is_nobodys_quote(self, run):
        a = run(
            "Verslag buurtavond Zuid\n\n"
            "De gastvrouw heet iedereen welkom. Mark Dekkers staat al bij de ingang, dus ik stel voor dat we snel naar "
            "binnen gaan.\n\nIk verwacht dat het een drukke avond wordt.\n"
        )
        assert all(s is None for _, s in quotes(a))
        assert "Mark Dekkers" not in [s.name for s in a.speakers]

    def test_a_third_person_proposal_is_the_named_persons(self, run):
        a = run("Verslag buurtavond Zuid\n\nMark Dekkers stelt voor dat de bewoners eerst naar binnen gaan.\n")
        assert quotes(a, "indirect") == [("de bewoners eerst naar binnen gaan", "Mark Dekkers")]


class TestIndirectQuestionsInMinutes:
    """rp07: "wil weten of", "vraagt waarom/hoe", "informeert naar" report a member's question."""

    TEXT = (
        "Besluitenlijst commissie Verkeer\n\n"
        "Mevrouw Yilmaz (GroenLinks) wil weten of de busbaan nog dit jaar wordt aangelegd.\n\n"
        "De heer Pronk (VVD) vraagt waarom de fietsbrug duurder uitvalt.\n\n"
        "Mevrouw Verhoeven (CU) vraagt hoe het college de scholen wil informeren.\n\n"
        "De heer Aydin (PvdA) informeert naar de kosten van de rotonde.\n"
    )

    def test_each_question_is_the_members(self, run):
        assert quotes(run(self.TEXT), "indirect") == [
            ("de busbaan nog dit jaar wordt aangelegd", "Yilmaz"),
            ("de fietsbrug duurder uitvalt", "Pronk"),
            ("het college de scholen wil informeren", "Verhoeven"),
            ("de kosten van de rotonde", "Aydin"),
        ]

    def test_each_member_speaks_for_their_party(self, run):
        a = run(self.TEXT)
        parties = {name: speaker(a, name).organisations for name in ("Yilmaz", "Pronk", "Verhoeven", "Aydin")}
        assert parties == {"Yilmaz": ["GroenLinks"], "Pronk": ["VVD"], "Verhoeven": ["CU"], "Aydin": ["PvdA"]}

    def test_a_question_word_that_belongs_to_its_noun_stays(self, run):
        a = run("Besluitenlijst commissie Verkeer\n\nMevrouw Pauw (D66) wil graag weten hoeveel fietsenrekken er komen.\n")
        assert quotes(a, "indirect") == [("hoeveel fietsenrekken er komen", "Pauw")]

    def test_knowing_something_is_no_question(self, run):
        a = run("Besluitenlijst commissie Verkeer\n\nDe heer Pronk (VVD) weet hoe de fietsbrug werkt en fietst er elke dag over.\n")
        assert quotes(a, "indirect") == []


class TestMinutesContinuation:
    """rp09: in minutes, the sentences after "X geeft aan dat …" go on with X's contribution."""

    TEXT = (
        "Verslag hoorzitting\n\n"
        "  1. Femke Jaspers, voorzitter van stichting Groene Hoek, geeft aan dat de moestuin zes jaar bestaat. "
        "Er helpen dertig buurtbewoners mee. De stichting zoekt een nieuwe plek voor de kas.\n"
        "  2. Ruben Claes, secretaris, geeft aan dat het water te duur is geworden. Zonder hulp sluit de tuin in maart.\n"
    )

    def test_the_whole_item_is_the_speakers(self, run):
        assert quotes(run(self.TEXT), "indirect") == [
            ("de moestuin zes jaar bestaat", "Femke Jaspers"),
            ("Er helpen dertig buurtbewoners mee", "Femke Jaspers"),
            ("De stichting zoekt een nieuwe plek voor de kas", "Femke Jaspers"),
            ("het water te duur is geworden", "Ruben Claes"),
            ("Zonder hulp sluit de tuin in maart", "Ruben Claes"),
        ]

    def test_roles_from_the_apposition(self, run):
        a = run(self.TEXT)
        assert "stichting Groene Hoek" in speaker(a, "Femke Jaspers").organisations
        assert speaker(a, "Ruben Claes").roles == ["secretaris"]

    def test_a_sentence_about_someone_else_ends_the_contribution(self, run):
        a = run(
            "Verslag hoorzitting\n\nFemke Jaspers geeft aan dat de moestuin zes jaar bestaat. "
            "Wethouder Ruben Claes bedankt haar voor de rondleiding.\n"
        )
        assert quotes(a, "indirect") == [("de moestuin zes jaar bestaat", "Femke Jaspers")]


class TestNegatedAndDislocatedCues:
    """rp13: "heeft nooit gezegd dat", "zegt niet dat" and "Wat X zegt, dat klopt niet" report no speech of X."""

    def test_no_quotes(self, run):
        a = run(
            "Verslag raadscommissie\n\n"
            "De voorzitter geeft een reactie. Wat de heer Vermeulen zojuist zegt, dat klopt naar mijn idee niet.\n\n"
            "Wethouder Demir heeft nooit gezegd dat de sporthal dichtgaat. Ook mevrouw Smulders zegt niet dat de "
            "bibliotheek moet sluiten.\n"
        )
        assert quotes(a) == []

    def test_the_same_cues_said_are_quotes(self, run):
        a = run(
            "Verslag raadscommissie\n\n"
            "Wethouder Demir heeft gezegd dat de sporthal dichtgaat. Ook mevrouw Smulders zegt dat de "
            "bibliotheek moet sluiten.\n"
        )
        assert quotes(a, "indirect") == [("de sporthal dichtgaat", "Demir"), ("de bibliotheek moet sluiten", "Smulders")]


class TestShortFollowUpQuotes:
    """rp14: a short full-sentence quote after a longer one, and a short quote after its speaker is introduced."""

    def test_short_quotes_are_kept_and_attributed(self, run):
        a = run(
            "Verslag algemene ledenvergadering\n\n"
            "Wethouder Joris Bleeker was het ermee eens. „Jongeren moeten een stem krijgen in de wijkraad”, zei hij. "
            "„Dat is geen detail.”\n\nVoorzitter Marloes Kok lachte. “Goed zo.”\n"
        )
        assert quotes(a, "direct") == [
            ("Jongeren moeten een stem krijgen in de wijkraad", "Joris Bleeker"),
            ("Dat is geen detail.", "Joris Bleeker"),
            ("Goed zo.", "Marloes Kok"),
        ]

    def test_a_short_term_inside_a_sentence_is_no_quote(self, run):
        a = run("Verslag algemene ledenvergadering\n\nDe wijkraad noemt het plan een “goed idee” en stemt in.\n")
        assert quotes(a, "direct") == []


class TestQuotedAgendaTitle:
    """rp16: words in quotation marks that name an agenda item are not speech."""

    def test_an_agenda_title_is_no_quote(self, run):
        a = run(
            "Forumverslag 14 april 2025\n\n"
            "De voorzitter opent de avond. Vanavond wordt het “Plan voor deelauto's in de oude wijken van de stad” "
            "besproken. Ook inspreker Dirk Hamers is er.\n\nDe wethouder licht het plan toe.\n"
        )
        assert quotes(a) == []

    def test_council_documents_named_in_quotation_marks_are_no_quotes(self, run):
        a = run(
            "Verslag raadsvergadering\n\nDe motie ‘Meer groen voor de oude wijk’ wordt aangenomen. Het agendapunt "
            "“Herinrichting van het Marktplein in het centrum” wordt aangehouden. Het raadsvoorstel 'Nieuwe regels "
            "voor de kermis in de zomer' wordt besproken.\n"
        )
        assert quotes(a) == []

    def test_a_quoted_sentence_with_a_cue_is_speech(self, run):
        a = run("Forumverslag 14 april 2025\n\n“Het plan komt te laat voor de oude wijken”, zegt inspreker Dirk Hamers.\n")
        assert quotes(a, "direct") == [("Het plan komt te laat voor de oude wijken", "Dirk Hamers")]


class TestOrganisationSpeakers:
    """rp17: a local party of several capitalised words speaks as one body; a finding in a paragraph about another
    body is not the party's quote."""

    TEXT = (
        "Besluitenlijst gemeenteraad\n\n"
        "De voorzitter meldt dat er twee moties zijn ingediend. Lokaal Belang Oost en West zegt dat de fractie het "
        "plan voor de haven steunt.\n\n"
        "Het onderzoek werd uitgevoerd in opdracht van ING Gelderland. De belangrijkste uitkomst? ‘De stad groeit "
        "snel, maar de bereikbaarheid blijft achter en dat is een risico.’\n"
    )

    def test_the_party_is_one_body(self, run):
        a = run(self.TEXT)
        assert ("de fractie het plan voor de haven steunt", "Lokaal Belang Oost en West") in quotes(a, "indirect")
        assert speaker(a, "Lokaal Belang Oost en West").type in ("organisation", "group")

    def test_the_finding_is_not_the_partys(self, run):
        found = quotes(run(self.TEXT), "direct")
        assert [text for text, _ in found] == [
            "De stad groeit snel, maar de bereikbaarheid blijft achter en dat is een risico."
        ]
        assert found[0][1] != "Lokaal Belang Oost en West"

    def test_a_paragraph_naming_nobody_still_goes_on_with_the_party(self, run):
        text = (
            "Besluitenlijst gemeenteraad\n\nLokaal Belang Oost en West zegt dat de fractie het plan voor de haven steunt."
            "\n\nDe belangrijkste reden? ‘De stad groeit snel, maar de bereikbaarheid blijft achter.’\n"
        )
        assert quotes(run(text), "direct") == [
            ("De stad groeit snel, maar de bereikbaarheid blijft achter.", "Lokaal Belang Oost en West")
        ]

    def test_a_chair_nobody_names_is_an_office(self, run):
        assert speaker(run(self.TEXT), "De voorzitter").type == "office"


class TestRolesFromAttendance:
    """rp18: roles come from the attendance list; "De voorzitter concludeert dat" is the named chair's."""

    TEXT = (
        "Besluitenlijst commissie Financiën\n\n"
        "Aanwezig: J. Hofstra (voorzitter), mevr. L. Bosman (wethouder), dhr. P. Kuiper.\n\n"
        "Dhr. Kuiper vraagt of de lasten omhooggaan. Mevr. Bosman antwoordt dat de lasten gelijk blijven. "
        "De voorzitter concludeert dat het voorstel naar de raad gaat.\n"
    )

    def test_the_chairs_conclusion_is_the_named_chairs(self, run):
        a = run(self.TEXT)
        assert quotes(a, "indirect") == [
            ("de lasten omhooggaan", "P. Kuiper"),
            ("de lasten gelijk blijven", "L. Bosman"),
            ("het voorstel naar de raad gaat", "J. Hofstra"),
        ]
        assert "De voorzitter" not in [s.name for s in a.speakers]

    def test_roles_from_the_list(self, run):
        a = run(self.TEXT)
        assert speaker(a, "J. Hofstra").roles == ["voorzitter"]
        assert speaker(a, "L. Bosman").roles == ["wethouder"]
        assert speaker(a, "P. Kuiper").roles == []


class TestAgendaListIsIntro:
    """rp21: a numbered agenda list under "Op de agenda stonden:" is part of the intro; the items below it with
    their text are the sessions."""

    TEXT = (
        "Verslag commissievergadering 3 april 2025\n\n"
        "Op de agenda stonden:\n\n"
        "1. Vragenronde\n2. Nieuwe sporthal\n3. Rondvraag\n\n"
        "1. Vragenronde\n"
        "De heer Janssen (SP) vraagt of het buurthuis openblijft. Wethouder Peeters zegt dat er geen plannen zijn om "
        "het te sluiten.\n\n"
        "2. Nieuwe sporthal\n"
        "Mevrouw Hoek (D66) zegt dat de sporthal te klein wordt.\n"
    )

    def test_sessions_are_the_intro_and_the_items_with_text(self, run):
        a = run(self.TEXT)
        assert [s.title for s in a.sessions] == [
            "Verslag commissievergadering 3 april 2025", "1. Vragenronde", "2. Nieuwe sporthal"
        ]
        assert [s.speakers for s in a.sessions] == [[], ["Janssen", "Peeters"], ["Hoek"]]

    def test_the_list_stays_in_the_intro(self, run):
        a = run(self.TEXT)
        intro = a.sessions[0]
        assert intro.start == 0 and intro.end == self.TEXT.index("1. Vragenronde\nDe heer")

    def test_a_list_under_an_agenda_heading_stays_in_the_intro(self, run):
        text = (
            "Verslag raadsavond\n\nAgenda\n\n1. Opening\n2. Vaststellen agenda\n3. Rondvraag\n\n"
            "1. Opening\nDe voorzitter opent de vergadering en heet iedereen welkom.\n\n"
            "2. Vaststellen agenda\nDe agenda wordt zonder wijzigingen vastgesteld.\n\n"
            "3. Rondvraag\nMevrouw Kaya vraagt of de zomerstop later begint.\n"
        )
        assert [s.title for s in run(text).sessions] == [
            "Verslag raadsavond", "1. Opening", "2. Vaststellen agenda", "3. Rondvraag"
        ]

    def test_numbered_items_with_text_are_sessions(self, run):
        text = (
            "Verslag commissievergadering 3 april 2025\n\n1. Vragenronde\nDe heer Janssen (SP) vraagt of het buurthuis "
            "openblijft.\n\n2. Nieuwe sporthal\nMevrouw Hoek (D66) zegt dat de sporthal te klein wordt.\n"
        )
        assert [s.title for s in run(text).sessions] == ["1. Vragenronde", "2. Nieuwe sporthal"]


class TestSplitQuoteAndDescriptiveMention:
    """rp23: a quote split by its cue ("“…,” begon X zijn antwoord, “…”"), a resident named after a description
    whose surname is also a role noun, and a quotation mark that is never an organisation."""

    TEXT = (
        "Verslag informatieavond\n\n"
        "“Eerlijk is eerlijk,” begon wethouder Sander Blom zijn verhaal, “we hadden meer aanmeldingen verwacht.”\n\n"
        "‘Wanneer’, wilde bewoonster Hiske Voorman weten, ‘gaat de bibliotheek weer open?’\n"
    )

    def test_both_parts_of_each_quote_are_attributed_by_the_cue(self, run):
        a = run(self.TEXT)
        assert quotes(a, "direct") == [
            ("Eerlijk is eerlijk", "Sander Blom"),
            ("we hadden meer aanmeldingen verwacht.", "Sander Blom"),
            ("Wanneer", "Hiske Voorman"),
            ("gaat de bibliotheek weer open?", "Hiske Voorman"),
        ]
        assert {q.attribution for q in a.quotes} == {"cue"}

    def test_no_quotation_mark_is_a_speaker_or_mention(self, run, pipeline_nlp):
        a = run(self.TEXT)
        assert all(any(ch.isalnum() for ch in s.name) for s in a.speakers)
        doc = parse(pipeline_nlp, read_text(self.TEXT, source="veldgeval.txt"))
        assert all(any(ch.isalnum() for ch in m.text) for m in doc._.mentions)

    def test_a_role_noun_in_lower_case_stays_out_of_the_name(self, run):
        a = run("Verslag informatieavond\n\nVolgens bewoonster Sjaan Dekker komt de arts altijd te laat.\n")
        assert quotes(a, "indirect") == [("komt de arts altijd te laat", "Sjaan Dekker")]

    def test_a_two_word_verslag_line_is_the_title(self, run):
        assert run(self.TEXT).document.title == "Verslag informatieavond"

    def test_a_link_to_another_report_is_no_title(self, run):
        text = "verslag Werkgroep 3\n\nDe werkgroep kwam twee keer bij elkaar in het buurthuis aan de Dorpsstraat.\n"
        assert run(text).document.title != "verslag Werkgroep 3"
