"""Speakers: a minutes header ("Voorzitter: Karin de Wit") gives its person the role that later "de voorzitter"
refers to, when exactly one person is named for it."""

from __future__ import annotations


def speaker(analysis, name):
    return next((s for s in analysis.speakers if s.name == name), None)


def said(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes]


class TestHeaderRole:
    MINUTES = (
        "Verslag van de wijkraad\n\nVoorzitter: Karin de Wit\nNotulist: Pieter Smit\n\n1. Opening\n\n"
        "De voorzitter opent de vergadering. De voorzitter zegt dat de agenda wordt vastgesteld.\n\n"
        "2. Rondvraag\n\nDe heer Bos vraagt wanneer het plan klaar is. De voorzitter antwoordt dat het plan in maart komt."
    )

    def test_the_header_gives_the_person_the_role_and_the_role_noun_as_alias(self, analyse):
        a = analyse(self.MINUTES)
        chair = speaker(a, "Karin de Wit")
        assert chair is not None and "voorzitter" in chair.roles
        assert "De voorzitter" in chair.aliases

    def test_what_de_voorzitter_says_is_the_named_chairs(self, analyse):
        a = analyse(self.MINUTES)
        assert ("de agenda wordt vastgesteld", "Karin de Wit") in said(a)
        assert ("het plan in maart komt", "Karin de Wit") in said(a)
        assert speaker(a, "De voorzitter") is None

    def test_a_title_between_role_and_name(self, analyse):
        a = analyse("Verslag\n\nVoorzitter: mevrouw K. de Wit\n\nDe voorzitter zegt dat iedereen welkom is.")
        assert said(a) == [("iedereen welkom is", "K. de Wit")]
        assert "voorzitter" in speaker(a, "K. de Wit").roles

    def test_another_header_role(self, analyse):
        a = analyse("Verslag\n\nNotulist: Pieter Smit\nVoorzitter: Karin de Wit\n\nDe notulist zegt dat het verslag klaar is.")
        assert said(a) == [("het verslag klaar is", "Pieter Smit")]

    def test_two_people_named_for_the_role_leave_it_the_office(self, analyse):
        a = analyse(
            "Verslag\n\nVoorzitter: Karin de Wit\n\n1. Opening\n\nDe voorzitter opent de vergadering.\n\n"
            "Voorzitter: Piet Smit\n\n2. Rondvraag\n\nDe voorzitter zegt dat er geen vragen zijn."
        )
        assert said(a) == [("er geen vragen zijn", "De voorzitter")]

    def test_without_a_header_the_chair_is_the_office(self, analyse):
        a = analyse("Verslag\n\nKarin de Wit opent de vergadering. De voorzitter zegt dat het voorstel is aangenomen.")
        assert said(a) == [("het voorstel is aangenomen", "De voorzitter")]

    def test_a_fractievoorzitter_is_not_the_chair(self, analyse):
        a = analyse(
            "Verslag\n\nVoorzitter: Karin de Wit\n\nFractievoorzitter Jan Bos zegt dat hij tegen is. "
            "De voorzitter zegt dat het voorstel is aangenomen."
        )
        assert ("het voorstel is aangenomen", "Karin de Wit") in said(a)

    def test_a_role_and_colon_inside_a_sentence_is_no_header(self, analyse):
        a = analyse("Verslag\n\nHet advies van de voorzitter: Karin de Wit moet het plan herschrijven.")
        chair = speaker(a, "Karin de Wit")
        assert chair is None or "voorzitter" not in chair.roles
