"""Linear time on long and odd inputs: the rules give the same answers as their plain scans, and the
pathological inputs of issue #14 (a line of '=', a paragraph of unclosed „ marks, a sentence full of
cues) give a valid analysis. No timing here: the time per length is measured by benchmarks/scaling.py."""

from __future__ import annotations

import re

import numpy as np
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from pipeline.ingest import read_text
from pipeline.ingest.model import Block, BlockKind
from pipeline.intervals import Coverage, Locator, Regions
from pipeline.quotes.finder import _clause, _Mentions, adopt_fragments, block_index
from pipeline.quotes.marks import STYLES, _can_close, _opener_at, find_quote_pairs
from pipeline.quotes.model import FoundQuote
from pipeline.speakers.lexicon import annotated, has_pos
from pipeline.speakers.mentions import Mention, MentionKind, find_mentions
from pipeline.themes.keyphrases import DAMPING, ITERATIONS, WINDOW, cooccurrence, keyphrases, position_rank
from pipeline.tokenizer import FastSuffixSearch, linear_tokenizer, split_alternatives


def valid(analysis, text: str) -> None:
    """Every offset in the analysis indexes the text, and quote texts are what the offsets say."""
    for q in analysis.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
    for s in analysis.sessions:
        assert 0 <= s.start <= s.end <= len(text)
    for theme in analysis.themes:
        for e in theme.evidence:
            assert 0 <= e.start < e.end <= len(text)


# --- pathological inputs -------------------------------------------------------------------------------


def test_a_line_of_equals_signs_gives_a_valid_analysis(analyse):
    text = "Verslag van de avond\n\n" + "=" * 2000 + "\n\nDe voorzitter opent de vergadering om acht uur.\n"
    analysis = analyse(text)
    valid(analysis, read_text(text, source="t.txt").text)
    assert analysis.quotes == []
    assert analysis.document.words > 0


def test_a_paragraph_of_unclosed_low_quotes_gives_a_valid_analysis(analyse):
    text = "Verslag\n\n" + "„Dit loopt nooit af " * 500 + "\n\nDaarna sprak Jan Bakker over de begroting.\n"
    analysis = analyse(text)
    valid(analysis, read_text(text, source="t.txt").text)
    assert [q for q in analysis.quotes if q.kind == "direct"] == []  # a mark that never closes is no quote


def test_a_sentence_full_of_trailing_cues_gives_a_valid_analysis(analyse):
    text = "Verslag\n\n" + "Het plan werkt niet goed genoeg, zegt Els Visser, " * 300 + "en dat was het.\n"
    analysis = analyse(text)
    valid(analysis, read_text(text, source="t.txt").text)
    assert "Els Visser" in [s.name for s in analysis.speakers]


def test_a_rich_vocabulary_report_gets_keyphrases(analyse):
    words = [f"woord{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}" for i in range(3000)]
    sentences = [" ".join(words[k : k + 10]).capitalize() + "." for k in range(0, len(words), 10)]
    analysis = analyse("Verslag\n\n" + " ".join(sentences) + "\n")
    assert len(analysis.sessions[0].keyphrases) == 8


# --- tokenizer ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tokenizers():
    plain = spacy.blank("nl")
    fast = linear_tokenizer(spacy.blank("nl"))
    return plain, fast


def test_suffix_pattern_is_split_into_its_alternatives():
    assert split_alternatives(r"a$|(?:b|c)$|[|x]$|\|$") == ["a$", "(?:b|c)$", "[|x]$", r"\|$"]


def test_fast_suffix_search_is_installed_once(tokenizers):
    _, fast = tokenizers
    assert isinstance(fast.tokenizer.suffix_search, FastSuffixSearch)
    linear_tokenizer(fast)
    assert isinstance(fast.tokenizer.suffix_search, FastSuffixSearch)


@pytest.mark.parametrize(
    "chunk",
    ["auto's.", "Ja...", "zei:", "(ICC)", "10km", "„Dat”,", "z'n", "heel...........", "=====", "--", "’s", "klaar!?", "5%", "vraag\n"],
)
def test_fast_suffix_search_finds_the_same_suffix(tokenizers, chunk):
    plain, fast = tokenizers
    a, b = plain.tokenizer.suffix_search(chunk), fast.tokenizer.suffix_search(chunk)
    assert (a.span() if a else None) == (b.span() if b else None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="=.-…'’\"”„,:;!?()%km2aB9 \n", max_size=40))
def test_fast_suffix_search_agrees_on_any_punctuation(tokenizers, chunk):
    plain, fast = tokenizers
    a, b = plain.tokenizer.suffix_search(chunk), fast.tokenizer.suffix_search(chunk)
    assert (a.span() if a else None) == (b.span() if b else None)


def test_tokens_do_not_change(tokenizers):
    plain, fast = tokenizers
    text = "„Dat is z'n auto,” zei ze om 10.00 uur... Zie www.nos.nl of (ICC) 5% ====== einde.\n\n‘grote’ -- verhalen!?"
    assert [(t.text, t.idx) for t in fast.make_doc(text)] == [(t.text, t.idx) for t in plain.make_doc(text)]


def test_a_long_run_of_equals_signs_is_one_token_a_sign(tokenizers):
    _, fast = tokenizers
    assert [t.text for t in fast.make_doc("=" * 3000)] == ["="] * 3000


@pytest.fixture(scope="module")
def cutting():
    """A linear tokenizer that cuts runs from 3 characters on, so that short texts exercise the cutting."""
    return linear_tokenizer(spacy.blank("nl"), min_run=3)


@pytest.mark.parametrize("char", ["=", "_", ",", "…", "*", "-", "'", ".", "!"])
@pytest.mark.parametrize("n", [3, 40, 97, 300])
@pytest.mark.parametrize("before, after", [("Kop\n", "\nTekst"), ("Kop ", " tekst"), ("", "  en"), ("a\n\n", ""), ("x\t", " \n")])
def test_runs_are_cut_as_spacy_cuts_them(tokenizers, cutting, char, n, before, after):
    plain, _ = tokenizers
    text = before + char * n + after
    expected = [(t.text, t.whitespace_, t.idx, t.norm_) for t in plain.make_doc(text)]
    assert [(t.text, t.whitespace_, t.idx, t.norm_) for t in cutting.make_doc(text)] == expected
    assert cutting.make_doc(text).to_bytes() == plain.make_doc(text).to_bytes()  # every attribute, no sentence marks


def test_a_run_among_words_keeps_its_neighbours(tokenizers, cutting):
    plain, _ = tokenizers
    text = "Agenda:\n" + "-" * 50 + "\n1. Opening " + "=" * 120 + " (zie ,,bijlage'') " + "_" * 80
    assert [(t.text, t.idx) for t in cutting.make_doc(text)] == [(t.text, t.idx) for t in plain.make_doc(text)]


def test_a_cut_run_starts_no_sentence(cutting):
    doc = cutting.make_doc("Volgens Jan Bakker ===== moet het anders.")
    assert not doc.has_annotation("SENT_START")
    assert [t.i for t in doc if t.is_sent_start] == [0]


def test_the_linear_tokenizer_pickles_and_serialises(cutting):
    import pickle

    again = pickle.loads(pickle.dumps(cutting.tokenizer))
    assert [t.text for t in again("a " + "=" * 5)] == ["a"] + ["="] * 5
    assert spacy.blank("nl").from_bytes(cutting.to_bytes()).tokenizer("„Ja”")[0].text == "„"


# --- quotation marks --------------------------------------------------------------------------------


def quoted(text: str, regions=None) -> list[str]:
    regions = regions or [(0, len(text))]
    return [text[p.inner_start : p.inner_end] for p in find_quote_pairs(text, regions)]


def test_unclosed_marks_before_a_close_give_one_outer_quote():
    text = "Ze zei: „een „twee „drie” en verder."
    assert quoted(text) == ["een „twee „drie"]


def test_many_unclosed_marks_give_no_quote():
    assert quoted("„Nooit dicht " * 500) == []


def test_reopened_paragraphs_that_never_close_give_no_quote():
    paragraphs = ["„Nog een alinea zonder einde"] * 200
    text = "\n\n".join(paragraphs)
    regions, at = [], 0
    for p in paragraphs:
        regions.append((at, at + len(p)))
        at += len(p) + 2
    assert find_quote_pairs(text, regions) == []


def test_reopened_paragraphs_close_in_the_last_one():
    paragraphs = ["„Eerste alinea", "„Tweede alinea", "„Derde alinea.” Dat zei hij."]
    text = "\n\n".join(paragraphs)
    regions, at = [], 0
    for p in paragraphs:
        regions.append((at, at + len(p)))
        at += len(p) + 2
    assert quoted(text, regions) == ["Eerste alinea\n\n„Tweede alinea\n\n„Derde alinea."]


def _scan_pairs(text: str, regions):
    """The plain scan of the quote pairs (each opening mark read to the end of its paragraph), as a reference."""
    pairs = []
    r = 0
    while r < len(regions):
        start, end = regions[r]
        i, next_region = start, r + 1
        while i < end:
            found = _opener_at(text, i)
            if found is None:
                i += 1
                continue
            style, mark = found
            inner = i + len(mark)

            def close_in(a, b, style=style):
                for k in range(a, b):
                    for m in style.closers:
                        if text.startswith(m, k) and _can_close(text, k, m):
                            return k, m
                return None

            close, k = close_in(inner, end), r
            while close is None and k + 1 < len(regions):
                nstart, nend = regions[k + 1]
                reopened = _opener_at(text, nstart)
                if reopened is None or reopened[0].name != style.name:
                    break
                k += 1
                close = close_in(nstart + len(reopened[1]), nend)
            if close is None:
                i = inner
                continue
            pos, closing = close
            pairs.append((style.name, i, inner, pos, pos + len(closing)))
            if k > r:
                next_region = k + 1
                if pos + len(closing) < regions[k][1]:
                    regions = list(regions[:k]) + [(pos + len(closing), regions[k][1])] + list(regions[k + 1 :])
                    next_region = k
                break
            i = pos + len(closing)
        r = next_region if next_region > r else r + 1
    return pairs


PIECES = ["“", "”", "„", "‘", "’", "'", '"', ",,", "''", "«", "»", " ", " ", "zei", "z'n", "'s", ".", "Dit", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=12), min_size=1, max_size=6))
def test_quote_pairs_equal_the_plain_scan(paragraphs):
    texts = ["".join(p) for p in paragraphs]
    text = "\n\n".join(texts)
    regions, at = [], 0
    for t in texts:
        regions.append((at, at + len(t)))
        at += len(t) + 2
    found = [(p.style, p.open_start, p.inner_start, p.inner_end, p.close_end) for p in find_quote_pairs(text, regions)]
    assert found == _scan_pairs(text, regions)


def test_every_style_still_pairs():
    for style in STYLES:
        opener, closer = style.openers[0], style.closers[0]
        assert quoted(f"Ze zei: {opener}Dit klopt.{closer}") == ["Dit klopt."]


# --- interval lookups ---------------------------------------------------------------------------------


RANGES = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda p: (min(p), max(p))), max_size=8)


@given(RANGES, st.integers(-2, 42))
def test_regions_cover_as_the_scan(ranges, x):
    assert Regions(ranges).covers(x) == any(a <= x < b for a, b in ranges)


@given(RANGES, st.integers(-2, 42), st.integers(0, 6))
def test_regions_hold_a_range_as_the_scan(ranges, start, length):
    end = start + length
    assert Regions(ranges).holds(start, end) == any(a <= start and end <= b for a, b in ranges)


@given(RANGES, st.integers(-2, 42))
def test_locator_finds_the_first_range_as_the_scan(ranges, x):
    assert Locator(ranges).index(x) == next((i for i, (a, b) in enumerate(ranges) if a <= x < b), -1)


@given(RANGES, st.integers(0, 40), st.integers(0, 40))
def test_coverage_counts_as_the_scan(ranges, a, b):
    start, end = min(a, b), max(a, b)
    assert Coverage(ranges).covered(start, end) == sum(max(0, min(e, end) - max(s, start)) for s, e in ranges)


def test_disjoint_ranges_in_order():
    assert Locator([(0, 5), (7, 9), (9, 12)]).index(9) == 2
    assert Locator([(0, 5), (7, 9)]).index(6) == -1
    assert Coverage([(0, 5), (7, 9)]).covered(3, 8) == 3


def test_block_of_a_quote(nlp):
    blocks = [Block(BlockKind.PARAGRAPH, 0, 10, "x" * 10), Block(BlockKind.PARAGRAPH, 12, 20, "y" * 8)]
    assert block_index(blocks, 13) == 1
    assert block_index(blocks, 11) == -1


# --- mentions, cues and fragments ---------------------------------------------------------------------


def mention(kind: MentionKind, start: int, end: int, start_char: int, end_char: int) -> Mention:
    return Mention(kind, start, end, "x", start_char, end_char)


MENTIONS = [
    mention(MentionKind.NAME, 0, 2, 0, 9),
    mention(MentionKind.PRONOUN, 3, 4, 14, 17),
    mention(MentionKind.SURNAME, 3, 5, 14, 22),
    mention(MentionKind.ROLE, 8, 10, 40, 52),
]


@pytest.mark.parametrize("ordered", [MENTIONS, MENTIONS[::-1]])
def test_mention_lookups_equal_the_scans(ordered):
    index = _Mentions(ordered)
    for lo in range(0, 11):
        for end in range(0, 11):
            assert index.by_tokens(lo, end) == [m for m in ordered if lo <= m.start and m.end <= end]
            assert index.by_tokens(lo, end, start_below=4) == [m for m in ordered if lo <= m.start < 4 and m.end <= end]
        assert index.starting_at(lo) == next((m for m in ordered if m.start == lo), None)
    for a in range(0, 55, 3):
        for b in range(a, 56, 4):
            assert index.by_chars(a, b) == [m for m in ordered if m.start_char >= a and m.end_char <= b]


def test_surname_alone_refers_back_to_the_name(nlp):
    doc = nlp("Anna van Dam opende de vergadering. Later zei Van Dam dat het goed ging.")
    surnames = [m.text for m in find_mentions(doc) if m.kind is MentionKind.SURNAME]
    assert surnames == ["Van Dam"]


def test_every_named_person_is_found_again_by_surname(nlp):
    doc = nlp("Anna van Dam en Piet Bakker openden de avond. Later waren Van Dam en Bakker het eens.")
    surnames = [m.text for m in find_mentions(doc) if m.kind is MentionKind.SURNAME]
    assert surnames == ["Van Dam", "Bakker"]


def test_lowercase_word_is_no_surname(nlp):
    doc = nlp("Jan Bakker kwam binnen. De bakker verkocht brood.")
    assert [m.text for m in find_mentions(doc) if m.kind is MentionKind.SURNAME] == []


def test_clause_keeps_an_opening_mark_whose_partner_is_inside(nlp):
    doc = nlp("„ „ „Afstand’ is niet alleen geografisch.")
    start, end = _clause(doc, 0, len(doc))
    assert doc.text[start:end] == "„ „ „Afstand’ is niet alleen geografisch"


def test_clause_drops_marks_without_partner(nlp):
    doc = nlp("Het is niet alleen geografisch. ” ”")
    start, end = _clause(doc, 0, len(doc))
    assert doc.text[start:end] == "Het is niet alleen geografisch"
    doc = nlp("„ „ „ Het is niet alleen geografisch.")
    start, end = _clause(doc, 0, len(doc))
    assert doc.text[start:end] == "Het is niet alleen geografisch"


def test_fragment_joins_the_first_indirect_quote_around_it():
    host_a = FoundQuote("indirect", 10, 60, "a", 0, cue="zegt A")
    host_b = FoundQuote("indirect", 20, 80, "b", 0, cue="zegt B")
    outside = FoundQuote("direct", 90, 95, "c", 0)
    inside = FoundQuote("direct", 30, 50, "d", 0)
    late = FoundQuote("direct", 65, 70, "e", 0)
    adopted = adopt_fragments([inside, late, outside], [host_a, host_b])
    assert adopted == [inside, late]
    assert inside.cue == "zegt A" and late.cue == "zegt B"


# --- annotations and keyphrases ---------------------------------------------------------------------


def test_annotation_of_a_blank_doc(nlp):
    doc = nlp("Hij zegt dat het goed is.")
    assert has_pos(doc) is False
    assert annotated(doc, "DEP") is False


def test_annotation_of_a_tagged_doc(nlp):
    doc = Doc(nlp.vocab, words=["Hij", "zegt"], pos=["PRON", "VERB"])
    assert has_pos(doc) is True
    assert annotated(doc, "DEP") is False


def _dense_position_rank(sequence: list[int], size: int) -> np.ndarray:
    """PositionRank with a dense matrix, as a reference."""
    weights = np.zeros((size, size))
    for i, a in enumerate(sequence):
        for b in sequence[i + 1 : i + WINDOW]:
            if a != b:
                weights[a, b] += 1
                weights[b, a] += 1
    totals = weights.sum(axis=0)
    totals[totals == 0] = 1
    jump = np.zeros(size)
    for position, w in enumerate(sequence):
        jump[w] += 1 / (position + 1)
    jump /= jump.sum()
    rank = np.full(size, 1 / size)
    for _ in range(ITERATIONS):
        rank = (1 - DAMPING) * jump + DAMPING * (weights / totals) @ rank
    return rank


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=60))
def test_sparse_position_rank_equals_the_dense_one(raw):
    order = {w: i for i, w in enumerate(sorted(set(raw)))}
    sequence = [order[w] for w in raw]
    assert np.allclose(position_rank(sequence, len(order)), _dense_position_rank(sequence, len(order)), rtol=0, atol=1e-12)


def test_cooccurrence_counts_neighbours_once_each_way():
    matrix = cooccurrence([0, 1, 0, 0, 2], 3).toarray()
    assert matrix.tolist() == [[0, 2, 1], [2, 0, 0], [1, 0, 0]]


def test_keyphrases_of_a_dutch_paragraph(nlp):
    doc = nlp("Het waterschap beheert de dijken. Het waterschap overlegt met de gemeente over de dijken en de droogte.")
    phrases = [k.text.lower() for k in keyphrases(list(doc.sents))]
    assert "waterschap" in phrases[0]  # the word that comes back, and comes first
    assert not any(re.search(r"\b(het|de|met)\b", p) for p in phrases)


# --- theme terms ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def theme_matcher():
    from pipeline.themes.definitions import load_themes
    from pipeline.themes.matcher import ThemeMatcher

    return ThemeMatcher(load_themes(None))


@settings(max_examples=200, deadline=None)
@given(st.sets(st.sampled_from(["vertrouwen", "vertrouwensrelatie", "kennisdeling", "kennissen", "clusterecosysteem",
                                "samenwerkingsverband", "partnerschap", "afstandsbediening", "innovatiebeleid", "huis",
                                "ecosysteembenadering", "wantrouwen", "netwerk", "netwerkorganisatie"]), min_size=1, max_size=2))
def test_compound_terms_found_by_lookup_equal_trying_every_term(theme_matcher, forms):
    from pipeline.themes.matcher import compound_match

    forms = frozenset(forms)
    expected = [
        (theme_id, term)
        for theme_id, term, exclude in theme_matcher.compound_terms
        if not forms & exclude and any(compound_match(form, term) for form in forms)
    ]
    assert theme_matcher._compounds(forms) == expected


def test_multiword_term_with_words_between(nlp, theme_matcher):
    from pipeline.themes.matcher import _find_phrase

    sent = next(iter(nlp("Zij delen graag hun kennis met elkaar.").sents))
    assert _find_phrase(sent, ("kennis", "delen")) is None  # the order of the term's words counts
    sent = next(iter(nlp("Zij willen kennis met anderen delen.").sents))
    assert _find_phrase(sent, ("kennis", "delen")) == (2, 6)


@pytest.mark.parametrize(
    "word, role",
    [("hoogleraar", True), ("stikstofhoogleraar", True), ("oudmanager", False), ("clustermanager", True), ("oud-wethouder", True), ("wethouders", False)],
)
def test_role_nouns_also_head_long_compounds(nlp, word, role):
    from pipeline.speakers.lexicon import is_role_noun

    assert is_role_noun(nlp(word)[0]) is role


def test_a_sentence_is_searched_for_a_group_organisation_once_however_many_names_follow_it(monkeypatch, analyse):
    """'Onderzoekers van de Radboud Universiteit …' is read once for all the names in the sentence after it
    (reading it per name made a long sentence of cues quadratic)."""
    from pipeline.speakers import roles

    calls: list[int] = []
    original = roles._group_organisation

    def counted(sentence):
        calls.append(sentence.start)
        return original(sentence)

    monkeypatch.setattr(roles, "_group_organisation", counted)
    text = (
        "Verslag\n\nOnderzoekers van de Radboud Universiteit keken naar de wijk. "
        + "Volgens Anna Smit, onderzoeker, en Bert Kok, promovendus, en Cor Bos, docent, gaat het goed. " * 3
    )
    analysis = analyse(text)
    assert len(calls) == len(set(calls))  # each sentence at most once
    names = {s.name for s in analysis.speakers}
    assert {"Anna Smit", "Bert Kok", "Cor Bos"} & names
