"""Summaries: what communication staff can publish."""

from __future__ import annotations

from pathlib import Path

from pipeline.summaries.extractive import is_procedural
from pipeline.summaries.structured import sentence_count, shorten

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "clustervorming-is-mensenwerk.txt"


def test_sample_report_summary_has_the_conclusion_and_no_residue(analyse):
    a = analyse(SAMPLE.read_text(encoding="utf-8"))
    text = a.summary.text
    assert "mensenwerk" in text and "vertrouwen en open innovatie" in text
    for residue in ("verslag Clusters", "Knarsetandend", "Civic entrepreneurs\n", "Hieronder vindt u", "Klik op"):
        assert residue not in text
    # the pull quote is not repeated: each summary sentence occurs once in the text, in document order
    starts = [s.start for s in a.summary.sentences]
    assert starts == sorted(starts)
    source = SAMPLE.read_text(encoding="utf-8")
    for s in a.summary.sentences:
        assert source[s.start : s.end] == s.text
    headings = {"Knarsetandend", "Civic entrepreneurs", "Brengen", "Discussies"}
    assert not headings & {s.text for s in a.summary.sentences}


def test_one_session_document_summary_is_the_session_summary(analyse):
    a = analyse(SAMPLE.read_text(encoding="utf-8"))
    assert len(a.sessions) == 1 and a.summary == a.sessions[0].summary


def test_who_said_what_names_speakers_with_role_and_quote(analyse):
    a = analyse(SAMPLE.read_text(encoding="utf-8"))
    who = {w.speaker: w for w in a.summary.who_said_what}
    assert who["Arnoud Lagendijk"].role == "hoogleraar Economische Geografie"
    assert who["Arnoud Lagendijk"].kind == "direct"
    assert set(who) == {"Marc Hameleers", "Arnoud Lagendijk", "Miranda Ebbekink", "Jeroen de Bruijn"}


def test_each_session_gets_its_own_summary(analyse):
    text = (
        "Verslag\n\nSessie 1: Fietsen\n\nHet fietspad langs de rivier wordt volgend jaar verbreed. "
        "De gemeente legt ook nieuwe verlichting aan bij het fietspad. Fietsers reageren positief op de plannen.\n\n"
        "Sessie 2: Scholen\n\nDe nieuwe basisschool in de wijk opent in maart haar deuren. "
        "Ouders zijn blij met het groene schoolplein van de school.\n"
    )
    a = analyse(text)
    first, second = (s.summary for s in a.sessions)
    assert "fietspad" in first.text and "basisschool" not in first.text
    assert "basisschool" in second.text and "fietspad" not in second.text
    assert a.summary is not None and a.summary.sentences


def test_procedural_lines_are_never_chosen():
    assert is_procedural("Klik op de titel voor het verslag.")
    assert is_procedural("Vaststellen agenda")
    assert not is_procedural("De wethouder opende de discussie over de begroting.")


def test_length_by_sentences_or_ratio():
    assert sentence_count(20, sentences=4, ratio=None) == 4
    assert sentence_count(20, sentences=3, ratio=0.25) == 5
    assert sentence_count(2, sentences=3, ratio=0.1) == 1


def test_key_points_are_whole_clauses_never_cut_mid_phrase():
    long = (
        "De gemeenteraad wil het nieuwe zwembad in Oosterwijk nog voor de zomer van volgend jaar openen, "
        "maar de aannemer heeft last van vertraging door het natte weer en de hoge bouwkosten van dit moment."
    )
    point = shorten(long)
    assert point == "De gemeenteraad wil het nieuwe zwembad in Oosterwijk nog voor de zomer van volgend jaar openen."
    assert "…" not in point
    assert shorten("Korte zin met vijf woorden.") == "Korte zin met vijf woorden."


def test_a_long_sentence_without_a_clause_break_is_no_key_point():
    long = (
        "Dit is een heel lange zin, met veel woorden die eigenlijk niet allemaal nodig zijn om het punt "
        "te maken dat we willen maken vandaag in deze vergadering."
    )
    assert shorten(long) is None


MINUTES = """Verslag wijkoverleg Zonnehoek

Aanwezig: Petra Smulders, Karim Bouzid, Els van der Heijden en Joris Lammers.

De wijkraad wil dat de speeltuin aan de Lindelaan volgend voorjaar opnieuw wordt ingericht met natuurlijk speelgoed.
Bewoners van de Lindelaan klagen al jaren over de kapotte schommels en de modderige grasvelden rond de speeltuin.
De gemeente heeft voor de nieuwe speeltuin veertigduizend euro gereserveerd in de begroting van volgend jaar.
Karim Bouzid vraagt offertes aan bij twee hoveniers uit de buurt voor het ontwerp van de speeltuin.
"""


def test_an_attendance_list_never_opens_the_summary_of_minutes(analyse):
    a = analyse(MINUTES)
    assert a.summary.sentences
    assert not any(s.text.startswith("Aanwezig") for s in a.summary.sentences)
    assert not any(k.startswith("Aanwezig") for k in a.summary.key_points)


def test_key_points_add_to_the_summary_and_are_never_cut(analyse):
    a = analyse(SAMPLE.read_text(encoding="utf-8"))
    summary_texts = {s.text for s in a.summary.sentences}
    assert a.summary.key_points
    for point in a.summary.key_points:
        assert point not in summary_texts
        assert "…" not in point and point.rstrip("”’\"'")[-1] in ".!"


QUOTED = (
    "Verslag\n\n"
    "De dorpsraad van Ommel vergaderde dinsdagavond over het nieuwe dorpsplein bij de kerk. "
    "Voorzitter Noor Dekker opende met een waarschuwing aan de gemeente over de kosten van het plein. "
    "„Wij willen een plein voor iedereen. Maar zonder geld van de gemeente lukt het niet”, zei Dekker tegen de zaal. "
    "Zij wil dat de gemeente voor de zomer meer geld voor het dorpsplein vrijmaakt. "
    "De gemeente Ommel reageert volgende week op de brief van de dorpsraad over het dorpsplein.\n"
)


def test_a_quote_over_two_sentences_stays_whole_in_a_summary(analyse):
    a = analyse(QUOTED.replace("Verslag", "Verslag dorpsraad"))
    everything = summarise_all(a)
    assert "„Wij willen een plein voor iedereen. Maar zonder geld van de gemeente lukt het niet”, zei Dekker tegen de zaal." in everything
    assert not any(t.startswith("Maar zonder geld") for t in everything)


def summarise_all(a) -> list[str]:
    return [s.text for s in a.summary.sentences] + list(a.summary.key_points)


def test_a_pronoun_opens_a_summary_sentence_only_with_its_referent_before_it(nlp):
    from pipeline.summaries.extractive import choose, prepare

    doc = nlp(QUOTED.split("\n\n", 1)[1])
    prepared = prepare(list(doc.sents))
    zij = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Zij "))
    prepared.features[:, :] = 0.0
    prepared.features[zij, 0] = 1.0  # make "Zij wil …" the most salient unit
    weights = {"lead": 1.0}
    alone, _ = choose(prepared, 1, weights=weights, mmr_lambda=1.0)
    assert zij not in alone  # no room for its referent: left out
    pair, _ = choose(prepared, 2, weights=weights, mmr_lambda=1.0)
    assert pair == [zij - 1, zij] and "Dekker" in prepared.units[zij - 1].text


def test_half_of_the_sentences_of_a_long_text_by_ratio(nlp):
    from pipeline.summaries.structured import summarise_span

    text = " ".join(f"Op dag {i} bespreekt de raad van Ommel agendapunt {i} over de begroting van het dorp." for i in range(400))
    doc = nlp(text)
    summary = summarise_span(list(doc.sents), n=None, ratio=0.5)
    assert len(summary.sentences) == 200
    starts = [s.start_char for s in summary.sentences]
    assert starts == sorted(starts)


def test_the_representative_quote_is_the_one_about_the_session_subject():
    from pipeline.summaries.structured import representative

    quotes = ["Het weer is mooi vandaag in Ommel.", "De begroting van de gemeente moet omlaag, zegt de wethouder."]
    assert representative(quotes, "De raad sprak over de begroting van de gemeente en de bezuinigingen.") == 1
    assert representative(quotes, "Het weer in Ommel was mooi, de zon scheen.") == 0
    assert representative(quotes[:1], "Wat dan ook.") == 0


def test_the_similarity_graph_is_the_full_graph_up_to_its_window_and_local_beyond():
    import numpy as np
    import scipy.sparse as sp

    from pipeline.summaries.extractive import MIN_SIMILARITY, similarity_graph, tfidf_matrix

    words = ["begroting", "woningbouw", "zorg", "fietspad", "school", "haven", "subsidie", "energie"]
    texts = [f"de {words[i % 8]} en de {words[(i * 3) % 8]} in de raad" for i in range(60)]
    matrix = tfidf_matrix(texts, analyzer="words")
    full = (matrix @ matrix.T).toarray()
    full[full < MIN_SIMILARITY] = 0.0
    np.fill_diagonal(full, 0.0)
    assert np.allclose(similarity_graph(matrix, window=60).toarray(), full)
    local = similarity_graph(matrix, window=5).toarray()
    i, j = np.nonzero(local)
    assert (np.abs(i - j) <= 5).all() and len(i) > 0
    assert np.allclose(local[np.abs(np.subtract.outer(np.arange(60), np.arange(60))) <= 5],
                       full[np.abs(np.subtract.outer(np.arange(60), np.arange(60))) <= 5])
    assert isinstance(similarity_graph(matrix), sp.csr_matrix)
