"""Quotes in council minutes and on unseen text: question and topic cues, denied and dislocated cues, the writer's
own cues, infinitive complements, names of agenda items, short and split quotes, dash cues."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from pipeline.quotes.cues import denied, dislocated, first_person_subject, infinitive_te
from pipeline.quotes.finder import _cue_source, _Mentions
from pipeline.speakers.mentions import Mention, MentionKind


def direct(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes if q.kind == "direct"]


def indirect(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes if q.kind == "indirect"]


class TestQuestionCues:
    """Minutes report questions in the third person: "X wil weten of …", "X vraagt waarom …"."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Mevrouw Jansen (GroenLinks) wil weten of de fietsenstalling dit jaar klaar is.", "de fietsenstalling dit jaar klaar is"),
            ("De heer Okafor (PvdA) vraagt waarom de aanbesteding is uitgesteld.", "de aanbesteding is uitgesteld"),
            ("Mevrouw Smit vraagt hoe de gemeente de ondernemers gaat informeren.", "de gemeente de ondernemers gaat informeren"),
            ("De heer De Boer wil graag weten wanneer het verkeersplan komt.", "het verkeersplan komt"),
        ],
    )
    def test_question_word_opens_the_reported_question(self, analyse, sentence, expected):
        quotes = indirect(analyse("Besluitenlijst commissie Ruimte\n\n" + sentence))
        assert [text for text, _ in quotes] == [expected]
        assert quotes[0][1] is not None

    def test_question_word_after_a_plain_speech_verb_is_no_cue(self, analyse):
        a = analyse("Wethouder Dekker zegt waarom hij het plan steunt in een lange brief aan de raad.")
        assert indirect(a) == []

    def test_weten_without_willen_is_no_question(self, analyse):
        a = analyse("De heer Vos weet hoe de markt werkt en verkoopt al jaren kaas.")
        assert indirect(a) == []

    def test_the_person_asked_is_not_the_speaker(self, analyse):
        a = analyse("Verslag\n\nWethouder Hoekstra werd gevraagd wanneer de nieuwe sporthal opengaat.")
        assert indirect(a) == []

    def test_topic_of_a_question_is_what_was_raised(self, analyse):
        a = analyse("Verslag\n\nMevrouw Brouwer (SP) informeert naar de kosten van de nieuwe brug.")
        assert indirect(a) == [("de kosten van de nieuwe brug", "Brouwer")]

    def test_the_addressee_is_not_part_of_the_question(self, analyse):
        a = analyse("Verslag\n\nDe heer Maas (PvdA) vraagt het college waarom de kosten zo hoog zijn.")
        assert indirect(a) == [("de kosten zo hoog zijn", "Maas")]

    def test_a_two_word_topic(self, analyse):
        a = analyse("Verslag\n\nMevrouw Brouwer informeert naar de kosten.")
        assert indirect(a) == [("de kosten", "Brouwer")]

    def test_question_about_a_topic(self, analyse):
        a = analyse("Verslag\n\nDe heer Yilmaz heeft een vraag over de parkeertarieven in het centrum.")
        assert indirect(a) == [("de parkeertarieven in het centrum", "Yilmaz")]

    def test_joining_someone_elses_questions_is_raising_them(self, analyse):
        a = analyse("Verslag\n\nDe heer Dekker (CDA) sluit zich aan bij de vragen van mevrouw Jansen over de parkeerplaatsen.")
        assert indirect(a) == [("de vragen van mevrouw Jansen over de parkeerplaatsen", "Dekker")]

    def test_a_road_that_joins_another_is_no_speech(self, analyse):
        assert indirect(analyse("Verslag\n\nDe nieuwe fietsroute sluit aan bij de ring rond het centrum.")) == []

    def test_topic_cue_without_a_subject_before_it_is_no_quote(self, analyse):
        a = analyse("Verslag\n\nDaarna informeert de wethouder naar de planning van het project.")
        assert indirect(a) == []


class TestNotSpeech:
    """Cues that report what was not said, or that are the writer's own."""

    @pytest.mark.parametrize(
        "sentence",
        [
            "Wethouder Lambrechts heeft nooit gezegd dat de school dichtgaat.",
            "Ook de heer Verbeek zegt niet dat de subsidie moet stoppen.",
            "Wat mevrouw Hendriks zojuist zegt, dat klopt volgens mij niet helemaal.",
        ],
    )
    def test_denied_or_dislocated_cue_is_no_quote(self, analyse, sentence):
        assert indirect(analyse("Verslag commissie\n\n" + sentence)) == []

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Wethouder Lambrechts heeft gezegd dat de school openblijft.", "de school openblijft"),
            ("De heer Verbeek zegt dat de subsidie niet moet stoppen.", "de subsidie niet moet stoppen"),
            ("Mevrouw Hendriks, die niet kon komen, schrijft dat ze het plan steunt.", "ze het plan steunt"),
        ],
    )
    def test_negation_outside_the_cue_keeps_the_quote(self, analyse, sentence, expected):
        assert [t for t, _ in indirect(analyse("Verslag commissie\n\n" + sentence))] == [expected]

    def test_first_person_cue_is_not_the_named_persons(self, analyse):
        a = analyse("Verslag\n\nFatima Amrani wacht al in de zaal, dus ik stel voor dat we direct beginnen.")
        assert indirect(a) == []

    def test_third_person_cue_after_a_first_person_aside_is_kept(self, analyse):
        a = analyse("Verslag\n\nFatima Amrani, met wie ik vorige week sprak, zegt dat de zaal te klein is.")
        assert indirect(a) == [("de zaal te klein is", "Fatima Amrani")]

    def test_quoted_name_of_an_agenda_item_is_no_quote(self, analyse):
        a = analyse("Verslag\n\nVanavond wordt het “Plan voor groene daken in de oude binnenstad” besproken door de raad.")
        assert direct(a) == []

    @pytest.mark.parametrize(
        "text",
        [
            "Op de enquête-stelling ‘Laat de dorpen zelf beslissen over hun scholen’ antwoordt de helft ‘eens’.",
            "Op het spandoek stond de tekst ‘Wie betaalt de rekening van morgen?’ De optocht ging door.",
        ],
    )
    def test_a_statement_or_slogan_is_no_quote(self, analyse, text):
        assert direct(analyse("Verslag\n\n" + text)) == []

    def test_quoted_sentence_after_an_article_is_still_speech(self, analyse):
        a = analyse("Verslag\n\nZe zei het zo: “We gaan dit jaar nog beginnen met de bouw.”")
        assert [t for t, _ in direct(a)] == ["We gaan dit jaar nog beginnen met de bouw."]


class TestClauseEnd:
    def test_a_coordinated_main_clause_is_the_writers(self, analyse):
        a = analyse("Verslag\n\nDe fractie van D66 zegt dat de wijk meer groen nodig heeft en wil extra bomen planten.")
        assert [t for t, _ in indirect(a)] == ["de wijk meer groen nodig heeft"]

    def test_a_quoted_phrase_in_the_coordinated_clause_is_still_the_speakers(self, analyse):
        text = "Verslag\n\nRaadslid Sevda Bulut zegt dat het plan te duur is en spreekt van een “financieel avontuur” voor de stad."
        a = analyse(text)
        assert indirect(a) == [("het plan te duur is", "Sevda Bulut")]
        assert direct(a) == [("financieel avontuur", "Sevda Bulut")]

    def test_demonstrative_dat_then_a_second_cue(self, analyse):
        a = analyse("Verslag\n\nRaadslid Sevda Bulut vindt dat niet genoeg en vindt dat de gemeente meer moet doen.")
        assert [t for t, _ in indirect(a)] == ["de gemeente meer moet doen"]

    def test_relative_clause_keeps_its_coordination(self, analyse):
        a = analyse("Verslag\n\nWethouder Kramer zegt dat de mensen die hier wonen en werken meer ruimte krijgen.")
        assert [t for t, _ in indirect(a)] == ["de mensen die hier wonen en werken meer ruimte krijgen"]

    def test_a_new_main_clause_after_comma_maar_is_the_writers(self, analyse):
        a = analyse("Verslag\n\nMeerdere bewoners melden dat het om een jongen van vijftien gaat, maar de politie kan dat niet bevestigen.")
        assert [t for t, _ in indirect(a)] == ["het om een jongen van vijftien gaat"]

    def test_comma_maar_without_a_new_subject_stays_in_the_clause(self, analyse):
        a = analyse("Verslag\n\nWethouder Kramer zegt dat het plan duur is, maar wel nodig voor de wijk.")
        assert [t for t, _ in indirect(a)] == ["het plan duur is, maar wel nodig voor de wijk"]

    def test_coordination_inside_the_reported_clause_stays(self, analyse):
        a = analyse("Verslag\n\nWethouder Kramer zegt dat de wijk groener wordt en de straten veiliger worden.")
        assert [t for t, _ in indirect(a)] == ["de wijk groener wordt en de straten veiliger worden"]


    def test_the_opening_mark_of_the_next_quote_is_not_part_of_the_clause(self, analyse):
        text = 'Verslag\n\nHet "buurtgevoel" staat volgens Anouk Tromp onder druk in de wijk. "Niemand kent elkaar nog."'
        a = analyse(text)
        assert indirect(a)[0][0].endswith("in de wijk")


class TestInfinitiveCues:
    """"X zegt verbijsterd te zijn": the infinitive clause is what X said."""

    @pytest.mark.parametrize(
        ("sentence", "expected", "speaker"),
        [
            ("De gemeente Zwolle zegt verrast te zijn door het besluit.", "verrast te zijn door het besluit", "Zwolle"),
            ("Eerder liet de provincie weten de subsidie te verhogen.", "de subsidie te verhogen", "provincie"),
            ("Eerder liet de provincie weten de subsidie voor fietsenstallingen bij het station sneller te verhogen.",
             "de subsidie voor fietsenstallingen bij het station sneller te verhogen", "provincie"),
            ("Wethouder Kramer zegt het belangrijk te vinden dat de bibliotheek openblijft.",
             "het belangrijk te vinden dat de bibliotheek openblijft", "Kramer"),
            ("Sanne Visser zegt ook plannen te hebben, maar wil eerst de cijfers zien.", "ook plannen te hebben", "Sanne Visser"),
            ("Wethouder Kramer geeft toe namens de gemeente met de bouwer gesproken te hebben.",
             "namens de gemeente met de bouwer gesproken te hebben", "Kramer"),
        ],
    )
    def test_infinitive_complement_is_reported_speech(self, analyse, sentence, expected, speaker):
        quotes = indirect(analyse("Verslag\n\n" + sentence))
        assert [t for t, _ in quotes] == [expected]
        assert speaker in (quotes[0][1] or "")

    def test_quoted_words_inside_the_infinitive_clause(self, analyse):
        a = analyse("Verslag\n\nZo zei wethouder Anna Smit tijdens het debat “echt helemaal niks” te zien in het plan.")
        assert indirect(a) == [("tijdens het debat “echt helemaal niks” te zien in het plan", "Anna Smit")]
        assert direct(a) == [("echt helemaal niks", "Anna Smit")]

    @pytest.mark.parametrize(
        "sentence",
        [
            "Het college dreigt te vallen over de begroting van volgend jaar.",
            "Wethouder Anna Smit zei “niks” om te voorkomen dat er onrust ontstaat.",
            "Wethouder Kramer zegt het om te voorkomen dat er onrust ontstaat.",
            "Wethouder Kramer heeft nooit gezegd blij te zijn met de uitslag.",
            "Bij de gemeente Zwolle kwamen de twijfelende inwoners om hun belasting te betalen.",
        ],
    )
    def test_no_infinitive_speech(self, analyse, sentence):
        assert indirect(analyse("Verslag\n\n" + sentence)) == []

    def test_separable_verb_whose_form_belongs_to_another_verb(self, analyse):
        a = analyse("Verslag\n\nRaadslid Peters geeft toe dat de planning te krap was.")
        assert indirect(a) == [("de planning te krap was", "Peters")]

    def test_giving_something_is_no_speech(self, analyse):
        assert indirect(analyse("Verslag\n\nRaadslid Peters geeft de sleutel aan de beheerder van het gebouw.")) == []

    def test_judgement_before_dat_belongs_to_the_clause(self, analyse):
        a = analyse("Verslag\n\nRaadslid Peters vindt het jammer dat de markt verhuist naar het plein.")
        assert indirect(a) == [("het jammer dat de markt verhuist naar het plein", "Peters")]


class TestShortAndSplitQuotes:
    def test_short_sentence_quote_after_a_cued_quote(self, analyse):
        text = "Verslag\n\nGedeputeerde Anouk Hermans was het daarmee eens. „Jongeren moeten meepraten over de wijk”, zei ze. „Dat is geen detail.”"
        assert direct(analyse(text)) == [
            ("Jongeren moeten meepraten over de wijk", "Anouk Hermans"),
            ("Dat is geen detail.", "Anouk Hermans"),
        ]

    def test_short_quote_in_a_short_paragraph(self, analyse):
        text = "Verslag\n\nEen lange eerste alinea over de vergadering van gisteren in het dorpshuis.\n\nVoorzitter Eva Smit knikte. “Prima zo.”\n"
        assert direct(analyse(text)) == [("Prima zo.", "Eva Smit")]

    def test_short_phrase_inside_a_sentence_stays_a_term(self, analyse):
        a = analyse("Verslag\n\nDe wijk noemt zichzelf al jaren een “groen dorp.” in de stad en dat klopt.")
        assert direct(a) == []

    def test_split_quote_with_a_cue_without_speech_verb(self, analyse):
        text = "Verslag\n\n“Om eerlijk te zijn,” begon wethouder Joris Lammerts zijn betoog, “zijn we nog niet klaar.”"
        assert direct(analyse(text)) == [
            ("Om eerlijk te zijn", "Joris Lammerts"),
            ("zijn we nog niet klaar.", "Joris Lammerts"),
        ]

    def test_split_question(self, analyse):
        text = "Verslag\n\n‘Waarom’, wilde bewoner Kees Mulder weten, ‘duurt de verbouwing zo lang?’"
        assert direct(analyse(text)) == [("Waarom", "Kees Mulder"), ("duurt de verbouwing zo lang?", "Kees Mulder")]

    def test_two_terms_around_a_name_are_no_split_quote(self, analyse):
        text = "Verslag\n\nDe ‘groene’ wijk van wethouder Joris Lammerts, de ‘blauwe’ zone en de haven liggen naast elkaar."
        assert direct(analyse(text)) == []

    def test_trailing_dash_names_the_speaker(self, analyse):
        text = "Verslag\n\n“We houden de deur open voor iedereen die wil meedoen.” – burgemeester Lotte de Graaf"
        assert direct(analyse(text)) == [("We houden de deur open voor iedereen die wil meedoen.", "Lotte de Graaf")]

    def test_a_byline_with_an_unknown_name_is_nobody_elses(self, analyse):
        text = (
            "Verslag\n\n“We houden de deur open voor iedereen die wil meedoen.” – burgemeester Lotte de Graaf\n\n"
            "“Eindelijk kan ik weer naar de markt fietsen.” – Sanne\n"
        )
        a = analyse(text)
        assert direct(a) == [
            ("We houden de deur open voor iedereen die wil meedoen.", "Lotte de Graaf"),
            ("Eindelijk kan ik weer naar de markt fietsen.", None),
        ]

    def test_a_dash_before_more_text_is_no_byline(self, analyse):
        text = "Verslag\n\n“We houden de deur open voor iedereen die wil meedoen”, zegt Lotte de Graaf – en dat meent ze.\n"
        assert direct(analyse(text)) == [("We houden de deur open voor iedereen die wil meedoen", "Lotte de Graaf")]

    def test_trailing_cue_before_a_colon(self, analyse):
        text = "Verslag\n\nDe wijk is veiliger geworden, zegt Ruud Smeets: “We lopen nu elke avond een ronde.”"
        a = analyse(text)
        assert indirect(a) == [("De wijk is veiliger geworden", "Ruud Smeets")]
        assert direct(a) == [("We lopen nu elke avond een ronde.", "Ruud Smeets")]

    def test_a_question_before_the_cue_is_not_reported_speech(self, analyse):
        text = "Verslag\n\nOp de vraag hoe het met de wijk gaat, zegt Ruud Smeets: “We lopen nu elke avond een ronde.”"
        assert indirect(analyse(text)) == []

    def test_cue_of_the_next_paragraph_is_not_the_quotes(self, analyse):
        text = (
            "Verslag\n\nWethouder Mirjam Faber opende de avond met een korte terugblik op het jaar. "
            "“Het was een jaar met veel nieuwe plannen voor de wijk.”\n\nBakker zegt dat hij het er niet mee eens is."
        )
        a = analyse(text)
        assert direct(a) == [("Het was een jaar met veel nieuwe plannen voor de wijk.", "Mirjam Faber")]


def _doc(nlp, words, heads, deps, pos):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


class TestCueChecksOnParsedDocs:
    """The cue checks read the parse's subject where the Doc has one."""

    def test_first_person_subject_from_the_parse(self, nlp):
        # "Jan wacht , dus ik stel voor dat we gaan ."
        words = ["Jan", "wacht", ",", "dus", "ik", "stel", "voor", "dat", "we", "gaan", "."]
        heads = [1, 1, 5, 5, 5, 1, 5, 9, 9, 5, 1]
        deps = ["nsubj", "ROOT", "punct", "advmod", "nsubj", "conj", "compound:prt", "mark", "nsubj", "ccomp", "punct"]
        pos = ["PROPN", "VERB", "PUNCT", "ADV", "PRON", "VERB", "ADP", "SCONJ", "PRON", "VERB", "PUNCT"]
        doc = _doc(nlp, words, heads, deps, pos)
        assert first_person_subject(doc[5], 0)
        assert not first_person_subject(doc[1], 0)

    def test_parsed_third_person_subject_wins_over_a_nearby_ik(self, nlp):
        # "Jan zegt ik weet het niet" is not first person for "zegt": its subject is Jan
        words = ["Jan", "zegt", "ik", "weet", "het", "niet"]
        heads = [1, 1, 3, 1, 3, 3]
        deps = ["nsubj", "ROOT", "nsubj", "ccomp", "obj", "advmod"]
        pos = ["PROPN", "VERB", "PRON", "VERB", "PRON", "ADV"]
        doc = _doc(nlp, words, heads, deps, pos)
        assert not first_person_subject(doc[1], 0)

    def test_denied_and_dislocated(self, nlp):
        doc = nlp("Wat Anna zegt, dat klopt niet.")
        assert dislocated(doc[:], doc[2])
        doc = nlp("Anna zegt niet dat het klopt.")
        assert denied(doc[1], 1, 3)
        doc = nlp("Anna zegt niet te weten of het klopt.")
        assert not denied(doc[1], 1, 2)
        assert infinitive_te(doc[1], len(doc)) is doc[3] or infinitive_te(doc[1], len(doc)).i == 3


class TestMinutesContinuation:
    """In third-person minutes the sentences after "X geeft aan dat …" go on with X's contribution."""

    TEXT = (
        "Verslag inspraakavond\n\n"
        "1. Joost Verhagen, voorzitter van de buurtvereniging, geeft aan dat de vereniging tien jaar bestaat. "
        "Er doen zestig gezinnen mee. Zonder steun van de gemeente stopt de vereniging.\n"
        "2. Mila Hendriks, secretaris, geeft aan dat de zaalhuur omhoog is gegaan. Ook de energie is duurder."
    )

    def test_following_sentences_belong_to_the_reported_speaker(self, analyse):
        assert indirect(analyse(self.TEXT)) == [
            ("de vereniging tien jaar bestaat", "Joost Verhagen"),
            ("Er doen zestig gezinnen mee", "Joost Verhagen"),
            ("Zonder steun van de gemeente stopt de vereniging", "Joost Verhagen"),
            ("de zaalhuur omhoog is gegaan", "Mila Hendriks"),
            ("Ook de energie is duurder", "Mila Hendriks"),
        ]

    def test_a_sentence_naming_another_person_ends_the_contribution(self, analyse):
        text = "Verslag\n\nJoost Verhagen geeft aan dat de zaal te klein is. Wethouder Mila Hendriks knikt instemmend."
        assert indirect(analyse(text)) == [("de zaal te klein is", "Joost Verhagen")]

    def test_news_with_direct_quotes_does_not_continue(self, analyse):
        text = (
            "Nieuws\n\nJoost Verhagen zegt dat de zaal te klein is. Het gebouw is uit 1960. "
            "“We zoeken al jaren naar een betere plek voor de club”, zegt Verhagen."
        )
        assert indirect(analyse(text)) == [("de zaal te klein is", "Joost Verhagen")]


class TestQuoteAfterReportedSpeech:
    def test_quote_after_reported_speech_goes_to_its_source(self, analyse):
        text = (
            "Verslag\n\nHet “buurtgevoel”, waar wethouder Karel Dekker vaak over praat, staat volgens Anouk Tromp onder "
            "druk. “Niemand heeft nog tijd om vrijwilliger te zijn.”"
        )
        a = analyse(text)
        assert ("Niemand heeft nog tijd om vrijwilliger te zijn.", "Anouk Tromp") in direct(a)
        # the wethouder is named inside what Tromp is reported to say, so the quoted term before goes on with her
        last = [q for q in a.quotes if q.kind == "direct"][-1]
        assert last.attribution in ("previous_quote", "reported")

    def test_someone_named_after_the_cue_leaves_it_to_the_reported_step(self, analyse):
        text = (
            "Verslag\n\nHet buurthuis staat onder druk, zegt Anouk Tromp tegen wethouder Karel Dekker. "
            "“Niemand heeft nog tijd om vrijwilliger te zijn.”"
        )
        a = analyse(text)
        last = [q for q in a.quotes if q.kind == "direct"][-1]
        assert (last.speaker, last.attribution) == ("Anouk Tromp", "reported")
        assert [q.cue for q in a.quotes if q.kind == "indirect"] == ["zegt Anouk Tromp"]  # the cue is the verb and its source (bounded)

    def test_a_quote_inside_a_sentence_with_its_own_speaker_is_not_continued(self, analyse):
        text = (
            "Verslag\n\n“Het was zinvol”, zegt raadslid Anouk Tromp. "
            "Raadslid Karel Dekker concludeert dat het “heel moeilijk te zeggen is wat de buurt nu echt wil”."
        )
        a = analyse(text)
        assert [q.attribution for q in a.quotes if q.kind == "direct"][-1] != "reported"

    def test_a_sentence_without_the_source_in_between_breaks_the_link(self, analyse):
        text = (
            "Verslag\n\nVolgens Anouk Tromp staat het buurthuis onder druk. Wethouder Karel Dekker kwam later binnen. "
            "“Niemand heeft nog tijd om vrijwilliger te zijn.”"
        )
        a = analyse(text)
        assert [q.attribution for q in a.quotes if q.kind == "direct"] != ["reported"]


class TestAnnouncedQuote:
    def test_announcing_sentence_names_the_next_quotes_speaker(self, analyse):
        text = (
            "Verslag\n\nDe zaal was vol en het was warm. Daarna nam wethouder Pieter Claassen het woord.\n\n"
            "“We gaan de wijk samen met de bewoners opnieuw inrichten.”"
        )
        a = analyse(text)
        assert direct(a) == [("We gaan de wijk samen met de bewoners opnieuw inrichten.", "Pieter Claassen")]
        assert [q.attribution for q in a.quotes] == ["announced"]

    @pytest.mark.parametrize(
        "announcement",
        ["Het woord is daarna aan wethouder Pieter Claassen.", "Dan is het de beurt aan wethouder Pieter Claassen."],
    )
    def test_the_floor_given_with_words_between(self, analyse, announcement):
        text = "Verslag\n\nDe zaal was vol en het was warm. " + announcement + "\n\n“We gaan de wijk samen opnieuw inrichten.”"
        a = analyse(text)
        assert [(q.speaker, q.attribution) for q in a.quotes] == [("Pieter Claassen", "announced")]

    def test_a_sentence_that_announces_nothing_leaves_the_quote_open(self, analyse):
        text = (
            "Verslag\n\nDe zaal was vol en het was warm. Wethouder Pieter Claassen zat op de eerste rij.\n\n"
            "“We gaan de wijk samen met de bewoners opnieuw inrichten.”"
        )
        assert [q.attribution for q in analyse(text).quotes] != ["announced"]


class TestQuestionsPutToSomeone:
    """The person a question is put to is not its speaker: "Kan de wethouder toezeggen dat …?", "vraagt het college of"."""

    def test_a_yes_no_question_is_not_the_addressees_speech(self, analyse):
        a = analyse("Verslag\n\nMevrouw Claes (CDA) heeft een vraag. Kan de wethouder toezeggen dat de speeltuin openblijft?")
        assert indirect(a) == []

    def test_the_same_promise_stated_is_the_wethouders(self, analyse):
        a = analyse("Verslag\n\nMevrouw Claes (CDA) heeft een vraag. De wethouder zegt toe dat de speeltuin openblijft.")
        assert [t for t, _ in indirect(a)] == ["de speeltuin openblijft"]

    def test_a_sentence_opening_with_a_possessive_is_no_question(self, analyse):
        a = analyse("Verslag\n\nZo gaat wethouder Claes over de speeltuin. Zijn woordvoerder laat weten dat de speeltuin openblijft.")
        assert [t for t, _ in indirect(a)] == ["de speeltuin openblijft"]

    def test_a_question_with_its_askers_cue_is_the_askers(self, analyse):
        a = analyse("Verslag\n\nKan de wethouder toezeggen dat de speeltuin openblijft, vraagt mevrouw Claes.")
        assert [s for _, s in indirect(a)] == ["Claes"]

    def test_the_member_before_the_verb_asks_even_when_the_parse_takes_the_addressee(self, nlp):
        # "Mevrouw Claes vraagt het college of het kan ." with a parse that (wrongly) makes "college" the subject
        words = ["Mevrouw", "Claes", "vraagt", "het", "college", "of", "het", "kan", "."]
        heads = [1, 2, 2, 4, 2, 7, 7, 2, 2]
        deps = ["compound", "obj", "ROOT", "det", "nsubj", "mark", "nsubj", "ccomp", "punct"]
        pos = ["NOUN", "PROPN", "VERB", "DET", "NOUN", "SCONJ", "PRON", "AUX", "PUNCT"]
        doc = _doc(nlp, words, heads, deps, pos)
        claes = Mention.of(MentionKind.NAME, doc[1:2])
        college = Mention.of(MentionKind.ORGANISATION, doc[3:5])
        assert _cue_source(doc[2], doc[:], _Mentions([claes, college]), 5) == claes

    def test_a_fronted_adverbial_is_no_subject(self, nlp):
        # "Door in Zwolle te bouwen , hoopt het college dat …": the parse's subject after the verb stays
        words = ["Door", "in", "Zwolle", "te", "bouwen", ",", "hoopt", "het", "college", "dat", "het", "lukt", "."]
        heads = [4, 2, 4, 4, 6, 6, 6, 8, 6, 11, 11, 6, 6]
        deps = ["mark", "case", "obl", "mark", "advcl", "punct", "ROOT", "det", "nsubj", "mark", "nsubj", "ccomp", "punct"]
        pos = ["SCONJ", "ADP", "PROPN", "ADP", "VERB", "PUNCT", "VERB", "DET", "NOUN", "SCONJ", "PRON", "VERB", "PUNCT"]
        doc = _doc(nlp, words, heads, deps, pos)
        zwolle = Mention.of(MentionKind.ORGANISATION, doc[2:3])
        college = Mention.of(MentionKind.ORGANISATION, doc[7:9])
        assert _cue_source(doc[6], doc[:], _Mentions([zwolle, college]), 9) == college

    def test_a_fronted_object_pronoun_is_no_subject(self, nlp):
        # "Hem vraagt de wethouder of het kan ."
        words = ["Hem", "vraagt", "de", "wethouder", "of", "het", "kan", "."]
        heads = [1, 1, 3, 1, 6, 6, 1, 1]
        deps = ["obj", "ROOT", "det", "nsubj", "mark", "nsubj", "ccomp", "punct"]
        pos = ["PRON", "VERB", "DET", "NOUN", "SCONJ", "PRON", "AUX", "PUNCT"]
        doc = _doc(nlp, words, heads, deps, pos)
        hem = Mention.of(MentionKind.PRONOUN, doc[0:1])
        wethouder = Mention.of(MentionKind.ROLE, doc[2:4])
        assert _cue_source(doc[1], doc[:], _Mentions([hem, wethouder]), 4) == wethouder


class TestDatZegt:
    """"Dat zegt X." makes the sentence before X's words, unless that sentence already has a cue of its own."""

    def test_the_sentence_before_is_the_sources(self, analyse):
        a = analyse("Nieuws\n\nDe nieuwe brug wordt veel te duur voor de stad. Dat zegt wethouder Mila Bos in de krant.")
        assert indirect(a) == [("De nieuwe brug wordt veel te duur voor de stad", "Mila Bos")]

    def test_a_sentence_with_its_own_cue_is_not_reported_twice(self, analyse):
        a = analyse("Nieuws\n\nVolgens wethouder Mila Bos wordt de brug veel te duur. Dat zegt ze in de krant.")
        assert indirect(a) == [("wordt de brug veel te duur", "Mila Bos")]


class TestReportedClauseAroundAQuote:
    """A sentence that is mostly quoted words but opens with its own cue reports a clause around the quote."""

    def test_the_clause_around_the_quote_is_reported_too(self, analyse):
        text = (
            "Verslag\n\nRaadslid Joost Pel concludeert dat het binnen de regels “heel moeilijk vast te stellen is wanneer "
            "een oude boom in de wijk gekapt mag worden”."
        )
        a = analyse(text)
        assert [s for _, s in indirect(a)] == ["Joost Pel"]
        assert indirect(a)[0][0].startswith("het binnen de regels")
        assert [s for _, s in direct(a)] == ["Joost Pel"]

    def test_a_cue_inside_the_quoted_words_is_the_speakers_own(self, analyse):
        text = (
            "Verslag\n\nRaadslid Joost Pel was duidelijk: “Ik zeg al jaren dat het heel moeilijk vast te stellen is "
            "wanneer een oude boom in de wijk gekapt mag worden.”"
        )
        assert indirect(analyse(text)) == []

    def test_a_pronoun_source_is_left_to_the_quote(self, analyse):
        text = (
            "Verslag\n\nRaadslid Joost Pel sprak na de wethouder. Hij concludeert dat het binnen de regels “heel moeilijk "
            "vast te stellen is wanneer een oude boom in de wijk gekapt mag worden”."
        )
        assert indirect(analyse(text)) == []


class TestTrailingCues:
    def test_a_trailing_cue_before_a_long_quote_reports_its_clause(self, analyse):
        text = (
            "Nieuws\n\nEn de wijkagent moet weer de straat op, vindt Ilse Dam: “Omdat we uit die buurten zijn "
            "vertrokken en de mensen daar niet meer kennen, raken we het contact met de bewoners kwijt.”"
        )
        a = analyse(text)
        assert indirect(a) == [("En de wijkagent moet weer de straat op", "Ilse Dam")]
        assert [s for _, s in direct(a)] == ["Ilse Dam"]

    def test_an_observation_verb_reports_only_as_a_trailing_cue(self, analyse):
        a = analyse("Nieuws\n\nDe wachtlijsten voor de sportclubs worden steeds langer, ziet Ilse Dam.")
        assert indirect(a) == [("De wachtlijsten voor de sportclubs worden steeds langer", "Ilse Dam")]

    def test_an_observation_verb_elsewhere_is_no_cue(self, analyse):
        a = analyse("Nieuws\n\nIlse Dam ziet dat de wachtlijsten voor de sportclubs steeds langer worden.")
        assert indirect(a) == []

    def test_a_relative_clause_after_a_cue_between_commas_is_not_the_speakers(self, analyse):
        text = "Nieuws\n\n“Ja, er is geld bij gekomen”, geeft Ilse Dam toe, die over een maand stopt als voorzitter van de club."
        a = analyse(text)
        assert indirect(a) == []
        assert direct(a) == [("Ja, er is geld bij gekomen", "Ilse Dam")]


class TestTitleOrIntroducedSpeech:
    def test_a_motto_after_a_colon_is_no_quote(self, analyse):
        a = analyse("Verslag\n\nBij de vereniging was jarenlang het motto: ‘Samen sterk in de wijk en daarbuiten’. Dat veranderde.")
        assert direct(a) == []

    def test_a_cue_and_a_colon_before_a_title_noun_introduce_speech(self, analyse):
        text = (
            "Verslag\n\nRaadslid Jan Smit vraagt aandacht voor het thema: “Wie in de wijk woont, moet ook mee kunnen "
            "praten over de plannen voor de wijk.”"
        )
        assert [s for _, s in direct(analyse(text))] == ["Jan Smit"]


class TestPhrasesOfOccasion:
    def test_a_name_after_a_preposition_and_article_is_no_source(self, nlp):
        from pipeline.quotes.finder import _after_preposition

        doc = nlp.make_doc("Zo zei de leider tijdens het Radio-debat dat het niet kan.")
        assert [t.text for t in doc[4:7]] == ["tijdens", "het", "Radio-debat"]
        assert _after_preposition(doc, Mention.of(MentionKind.ORGANISATION, doc[6:7]))  # tijdens het Radio-debat
        assert not _after_preposition(doc, Mention.of(MentionKind.ROLE, doc[2:4]))  # zei de leider

    def test_quotation_marks_do_not_count_towards_the_infinitive_reach(self, analyse):
        text = (
            "Verslag\n\nZo zei wethouder Anna Smit tijdens de vergadering gisteren “echt helemaal niks” te zien in het "
            "plan."
        )
        assert [s for _, s in indirect(analyse(text))] == ["Anna Smit"]
