"""Long documents are analysed in pieces and merged; results are serialisable with the Doc.

Specification:
- pieces cover the text without gaps, end at block starts, and stay under the limit where a cut is possible;
- a document analysed in many small pieces gives the same output as in one piece: speakers introduced in one piece
  are recognised when a later piece uses their surname, role or a pronoun;
- the Doc with all results survives `DocBin`, `Doc.to_bytes` and `nlp.pipe(n_process=2)`.
"""

from __future__ import annotations

from spacy.tokens import Doc, DocBin

from pipeline.analyze import build_analysis, parse, parse_many, plan_pieces
from pipeline.ingest import Block, BlockKind, read_text

REPORT = """Verslag van de regiobijeenkomst

Wethouder Karin Bakker van de gemeente Almere opende de bijeenkomst. Zij sprak over de samenwerking in de regio.

“We moeten sneller schakelen in de regio”, zegt Bakker. “De bedrijven wachten niet op ons.”

Daarna was het woord aan Jeroen de Bruijn, directeur van het innovatiecentrum. Hij vertelde over vertrouwen tussen
bedrijven en kennisinstellingen.

Volgens De Bruijn is nabijheid belangrijk: “Als je elkaar bij de koffieautomaat tegenkomt, ontstaan nieuwe ideeën.”

Bakker zegt dat de gemeente volgend jaar een nieuw programma start.

De wethouder benadrukte dat open innovatie alleen werkt als partijen elkaar vertrouwen.

Sessie 2: Talent

In de tweede sessie vertelde Sanne Visser, onderzoeker bij de universiteit, over talent in de regio.

“Jonge mensen vertrekken te vaak naar de Randstad”, zei Visser. Zij pleitte voor meer stageplekken.
"""


def _blocks(text: str) -> list[Block]:
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Block(BlockKind.PARAGRAPH, offset, offset + len(line), line))
        offset += len(line) + 1
    return out


def test_pieces_cover_the_text_and_end_at_block_starts():
    text = "\n\n".join(f"Alinea {i} gaat over de begroting van de gemeente." for i in range(40))
    blocks = _blocks(text)
    pieces = plan_pieces(text, blocks, max_chars=300)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))
    starts = {b.start for b in blocks}
    assert all(p.start in starts for p in pieces[1:])
    assert all(p.end - p.start <= 300 for p in pieces)
    assert len(pieces) > 5


def test_a_text_that_fits_is_one_piece():
    text = "De raad vergadert.\n\nDe wethouder antwoordt."
    assert len(plan_pieces(text, _blocks(text), max_chars=10_000)) == 1


def test_a_block_longer_than_the_limit_is_cut_at_white_space_not_inside_a_word():
    text = " ".join(["gemeenteraadsvergadering"] * 200)
    pieces = plan_pieces(text, _blocks(text), max_chars=500)
    assert len(pieces) > 5
    assert all(text[p.start - 1] == " " for p in pieces[1:])
    assert "".join(text[p.start : p.end] for p in pieces) == text


def test_analysis_in_small_pieces_equals_the_one_piece_analysis(nlp):
    transcript = read_text(REPORT, source="verslag.txt")
    whole = build_analysis(parse(nlp, transcript, max_chars=1_000_000), transcript)
    pieces = plan_pieces(transcript.text, transcript.blocks, max_chars=200)
    assert len(pieces) >= 5  # the speakers' introductions and their later quotes fall in different pieces
    split = build_analysis(parse(nlp, transcript, max_chars=200), transcript)
    assert split.model_dump() == whole.model_dump()


def test_a_surname_in_a_later_piece_finds_the_person_introduced_earlier(nlp):
    transcript = read_text(REPORT, source="verslag.txt")
    analysis = build_analysis(parse(nlp, transcript, max_chars=200), transcript)
    by_text = {q.text: q.speaker for q in analysis.quotes}
    assert by_text["We moeten sneller schakelen in de regio"] == "Karin Bakker"
    assert by_text["Jonge mensen vertrekken te vaak naar de Randstad"] == "Sanne Visser"
    assert "Bakker" in next(s for s in analysis.speakers if s.name == "Karin Bakker").aliases


def test_results_survive_docbin_and_to_bytes(nlp):
    transcript = read_text(REPORT, source="verslag.txt")
    doc = parse(nlp, transcript, max_chars=400)
    expected = build_analysis(doc, transcript).model_dump()
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert build_analysis(restored, transcript).model_dump() == expected
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (again,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert build_analysis(again, transcript).model_dump() == expected


def test_pipe_with_two_processes_gives_the_same_results(nlp):
    texts = [REPORT, REPORT.replace("Karin Bakker", "Lisa Kramer").replace("Bakker", "Kramer")]
    one = [(d._.speakers, [(q.text, q.speaker_key) for q in d._.quotes]) for d in nlp.pipe(texts)]
    two = [(d._.speakers, [(q.text, q.speaker_key) for q in d._.quotes]) for d in nlp.pipe(texts, n_process=2)]
    assert two == one
    assert any(s["name"] == "Lisa Kramer" for s in one[1][0])


def test_a_stream_of_documents_gives_what_each_gives_alone(nlp):
    texts = [REPORT, "Anna de Wit: Goedemorgen, we beginnen.\nTim Verhoef: Dank je, ik heb een vraag.\n", REPORT[:400]]
    transcripts = [read_text(t, source=f"doc{i}.txt") for i, t in enumerate(texts)]
    streamed = [build_analysis(doc, t).model_dump() for t, doc in parse_many(nlp, transcripts, max_chars=200, batch_size=3)]
    alone = [build_analysis(parse(nlp, t), t).model_dump() for t in transcripts]
    assert streamed == alone


def test_model_batches_hold_at_most_the_given_docs_and_characters_in_order(nlp):
    from pipeline.analyze import model_batches

    docs = [nlp.make_doc(text) for text in ("a" * 40, "b" * 40, "c" * 40, "d" * 200, "e" * 10)]
    batches = list(model_batches(iter(docs), max_docs=4, max_chars=100))
    assert [d for batch in batches for d in batch] == docs
    assert [len(b) for b in batches] == [2, 1, 1, 1]  # 40+40, then 40 (a 200 would pass 100), 200 alone, 10
    assert list(model_batches(iter(docs[:3]), max_docs=2, max_chars=10_000)) == [docs[:2], docs[2:3]]
