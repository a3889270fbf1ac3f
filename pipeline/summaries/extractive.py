"""Extractive summaries: publishable units ranked by a learned linear score and chosen without repetition.

1. Units: the candidate sentences merged so that quotation marks balance (`units.py`); units that cannot
   be published as they are (headings, bylines, fragments, questions, procedural lines: `publishable.py`)
   are no candidates.
2. Features per unit (`FEATURES`): position, LexRank centrality on a sparse TF-IDF lemma graph (Dutch stop
   words left out), similarity to the centroid, quotes, length, paragraph start. The score is a weighted sum
   whose weights were fitted on news articles against their editors' leads and chosen on held-out folds
   (`benchmarks/summary_fit.py`; weights and figures in `pipeline/resources/summary_ranking.toml`).
3. Selection: maximal marginal relevance, computed lazily with a heap so that choosing k of n units costs
   O((n + edges) log n), not O(n k²); a unit that refers back ("Zij …", "Daarom …") comes only with the
   unit before it. The summary keeps document order. A meeting's own decision ("Besluit: …", a hamerstuk,
   one spoken in a turn) is always taken; a unit spoken in the first person ("Ik denk dat we …") only when
   nothing else fills the summary; four or more candidates give at least two units (`choose`).
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from pipeline.ingest.model import BlockKind
from pipeline.resources import patterns
from pipeline.results import MENTIONS, QUOTES
from pipeline.sentences import DocCache, doc_text
from pipeline.speakers.lexicon import annotated
from pipeline.summaries.decisions import DECISION_LABEL, confirms, consent_kind, decision_kind, restates
from pipeline.summaries.publishable import first_person, is_procedural, needs_predecessor, opening_pronoun, rejection
from pipeline.summaries.units import quote_units
from pipeline.themes.discovery import MIN_LEMMA_LENGTH, lemma_text
from pipeline.tokens import token_table

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["FEATURES", "Prepared", "choose", "is_procedural", "prepare", "ranking_settings", "summarise"]

DAMPING = 0.85
ITERATIONS = 40
#: The power iteration stops when no score moves by more than this share of the mean score.
TOLERANCE = 1e-4
#: Similarities below this are no edge of the graph (LexRank's threshold), which keeps it sparse.
MIN_SIMILARITY = 0.1
#: Up to this many units the power iteration runs on a dense copy of the (sparse) graph.
DENSE_UNITS = 400
#: Rows of the similarity product computed at a time (bounds the memory of a long session).
ROW_CHUNK = 512
#: How many units apart two units may be and still be compared in the LexRank graph (see `similarity_graph`).
GRAPH_WINDOW = 1000

#: Names of the ranking features, in the column order of `Prepared.features`.
FEATURES = (
    "lead",  # 1 / (1 + position among the candidates)
    "first",  # the first candidate
    "relative_position",  # position / number of candidates, 0..1
    "centrality",  # LexRank score, scaled to a maximum of 1
    "centroid",  # cosine similarity to the mean TF-IDF vector of the candidates
    "quote",  # the unit holds a quotation mark
    "unattributed",  # a direct quote whose speaker the unit does not name
    "log_words",  # log(1 + words)
    "paragraph_start",  # the unit opens a paragraph or turn
    "number",  # the unit holds a figure
    "dependent",  # the unit refers back to the one before it
    "title",  # cosine similarity to the document's first line when it is short (a title)
    "position_1",  # the second candidate
    "position_2",  # the third candidate
    "position_3_5",  # the fourth to sixth candidate
    "paragraph_lead",  # 1 / (1 + index of the unit's paragraph among the candidates' paragraphs)
    "entity_density",  # share of the unit's words inside named entities (0 without an entity recogniser)
    "length",  # min(words, LENGTH_CAP) / LENGTH_CAP
)
#: Words at which the "length" feature saturates.
LENGTH_CAP = 60
#: A first line of at most this many words is taken for the title.
TITLE_WORDS = 30
#: A span with at least `MIN_UNITS_FROM` candidate units gets a summary of at least `MIN_UNITS` units, whatever
#: the word budget (a short news text whose first sentence is long is not summed up by that sentence alone).
MIN_UNITS = 2
MIN_UNITS_FROM = 4
#: How the word budget is filled (`summary_ranking.toml`, key `budget_fill`, chosen by benchmarks/summary_fit.py):
#: "within": a unit that would take the summary over the budget is passed over; "closest": it is taken when
#: the summary's length ends closer to the budget with it than without it (so a summary may run over by less
#: than the words still free).
BUDGET_FILLS = ("within", "closest")

_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTE_MARK = re.compile(r"[“”„‘’\"«»]|,,")
_DIGIT = re.compile(r"\d")


@cache
def ranking_settings() -> tuple[dict[str, float], float]:
    """The fitted feature weights and the MMR trade-off λ from `pipeline/resources/summary_ranking.toml`."""
    text = resources.files("pipeline.resources").joinpath("summary_ranking.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    weights = {name: float(data["weights"].get(name, 0.0)) for name in FEATURES}
    return weights, float(data["mmr_lambda"])


@cache
def budget_fill() -> str:
    """How the word budget is filled: "within" or "closest" (`BUDGET_FILLS`), from `summary_ranking.toml`
    (default "within")."""
    text = resources.files("pipeline.resources").joinpath("summary_ranking.toml").read_text(encoding="utf-8")
    fill = str(tomllib.loads(text).get("budget_fill", "within"))
    if fill not in BUDGET_FILLS:
        raise ValueError(f"summary_ranking.toml: budget_fill must be one of {BUDGET_FILLS}, not {fill!r}")
    return fill


@dataclass
class Prepared:
    """The publishable units of a span of text with their features and similarity graph.

    `units[i]` is a spaCy Span (one or more sentences); `features` is (units × FEATURES); `similarity` is a
    sparse symmetric (units × units) cosine matrix without its diagonal; `predecessor[i]` is the index of
    the unit right before unit i in the text when that one is a candidate too, else -1; `words[i]` is the
    number of words of unit i (the unit of a summary's length budget); `first_person[i]` tells whether unit i
    lies in a speaker's turn and speaks in the first person outside quotations ("Ik denk dat we …":
    `publishable.first_person`; a writer's "ons land" in prose does not count);
    `decision[i]` whether it records a decision of the meeting itself: labelled as minutes write it ("Besluit: …"),
    a hamerstuk, or spoken in a turn ("Dan stel ik vast dat de commissie instemt met …"; `_meeting_decision`).
    """

    units: list[Span]
    features: np.ndarray
    similarity: sp.csr_matrix
    dependent: list[bool]
    predecessor: list[int]
    words: list[int] = field(default_factory=list)
    first_person: list[bool] = field(default_factory=list)
    decision: list[bool] = field(default_factory=list)


def units_of(sentences: Sequence[Span]) -> list[Span]:
    """The sentences merged into quote-balanced units (`units.quote_units`), as spans of their document."""
    if not sentences:
        return []
    doc = sentences[0].doc
    offsets = quote_units(doc_text(doc), [(s.start_char, s.end_char) for s in sentences])
    spans = []
    for start, end in offsets:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def tfidf_matrix(texts: Sequence[str], *, analyzer: str = "split") -> sp.csr_matrix:
    """L2-normalised TF-IDF rows (smoothed idf), sparse; all-zero rows for texts without words.
    `analyzer="split"` takes the texts as ready white-space separated terms (lemma texts)."""
    if analyzer == "split":
        vectorizer = TfidfVectorizer(analyzer=str.split)
    else:
        vectorizer = TfidfVectorizer(lowercase=True, token_pattern=r"(?u)\b\w+\b")
    try:
        # the texts are plain strings built here: sklearn's argument checks cost more than the fit itself
        with sklearn.config_context(skip_parameter_validation=True, assume_finite=True):
            return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no term in any text
        return sp.csr_matrix((len(texts), 1))


def similarity_graph(matrix: sp.csr_matrix, window: int = GRAPH_WINDOW) -> sp.csr_matrix:
    """Cosine similarities of the rows at or above `MIN_SIMILARITY`, without the diagonal, sparse.

    Only pairs of units at most `window` units apart are compared, so the graph costs O(n · window), not O(n²): for
    a document or session of up to `window` units it is the full graph; in a longer one centrality is measured
    among the units around each unit.
    """
    n = matrix.shape[0]
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for start in range(0, n, ROW_CHUNK):
        stop = min(n, start + ROW_CHUNK)
        low, high = max(0, start - window), min(n, stop + window)
        block = (matrix[start:stop] @ matrix[low:high].T).tocoo()
        keep = (block.data >= MIN_SIMILARITY) & (np.abs((block.row + start) - (block.col + low)) <= window)
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep] + low)
        values.append(block.data[keep])
    if not rows:
        return sp.csr_matrix((0, 0))
    graph = sp.csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    graph.setdiag(0.0)
    graph.eliminate_zeros()
    return graph


def lexrank(graph: sp.csr_matrix) -> np.ndarray:
    """Stationary scores of a random walk on the weighted graph, scaled to a maximum of 1."""
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    degree = np.asarray(graph.sum(axis=1)).ravel()
    degree[degree == 0] = 1.0
    transition_t = (sp.diags(1.0 / degree) @ graph).T.tocsr()
    if n <= DENSE_UNITS:  # numpy on a small dense matrix beats scipy's per-call cost
        transition_t = transition_t.toarray()
    scores = np.full(n, 1.0 / n)
    for _ in range(ITERATIONS):
        updated = (1 - DAMPING) / n + DAMPING * (transition_t @ scores)
        converged = np.abs(updated - scores).max() < TOLERANCE / n
        scores = updated
        if converged:
            break
    top = scores.max()
    return scores / top if top > 0 else scores


def prepare(sentences: Sequence[Span], *, unattributed: Sequence[tuple[int, int]] = ()) -> Prepared:
    """Candidate units of the sentences, their features and their similarity graph."""
    all_units = units_of(sentences)
    if not all_units:
        return Prepared([], np.zeros((0, len(FEATURES))), sp.csr_matrix((0, 0)), [], [])
    text = doc_text(all_units[0].doc)
    units: list[Span] = []
    texts: list[str] = []  # the units' text, sliced once: Span.text joins the tokens anew on every call
    predecessor: list[int] = []
    previous_kept = False
    tagged = annotated(all_units[0].doc, "POS")  # remembered per Doc: asked once per session
    pos = token_table(all_units[0].doc).pos  # read once per Doc: a Token object per word cost more
    agreed: set[int] = set()  # units that a consent after them made a decision ("Ik stel voor …" + "Daartoe wordt besloten.")
    for unit in all_units:
        has_verb = any(pos[i] in ("VERB", "AUX") for i in range(unit.start, unit.end)) if tagged else None
        unit_text = text[unit.start_char : unit.end_char]
        if rejection(unit_text, has_verb=has_verb) is None:
            if previous_kept and units and _restates(texts[-1], unit_text):
                # "Conclusie: …" restating the conclusion just drawn: one decision, one unit (as the decisions record it)
                units[-1] = unit.doc[units[-1].start : unit.end]
                texts[-1] = text[units[-1].start_char : units[-1].end_char]
                agreed.add(len(units) - 1)
                continue
            predecessor.append(len(units) - 1 if previous_kept and units else -1)
            units.append(unit)
            texts.append(unit_text)
            previous_kept = True
        elif previous_kept and units and _agrees(unit_text, texts[-1]):
            # a bare consent or confirmation is no unit of its own, but it makes the unit before it a decision
            # taken: one unit spanning both, as `decisions.find_decisions_and_actions` records it
            units[-1] = unit.doc[units[-1].start : unit.end]
            texts[-1] = text[units[-1].start_char : units[-1].end_char]
            agreed.add(len(units) - 1)
        else:
            previous_kept = False
    n = len(units)
    if n == 0:
        return Prepared([], np.zeros((0, len(FEATURES))), sp.csr_matrix((0, 0)), [], [])
    title = title_of(units[0].doc)
    lemmas = lemma_texts(units)
    full = tfidf_matrix([*(lem or t.lower() for lem, t in zip(lemmas, texts, strict=True)), lemma_text(title) if title is not None else ""])
    matrix = full[:n]
    to_title = (matrix @ full[n].T).toarray().ravel()
    graph = similarity_graph(matrix)
    centrality = lexrank(graph)
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    to_centroid = matrix @ (centroid / norm) if norm > 0 else np.zeros(n)
    spans = sorted(unattributed)
    dependent = [needs_predecessor(t) for t in texts]
    naming = _names_someone(units)
    if naming is not None:
        for i, unit_text in enumerate(texts):
            p = predecessor[i]
            pronoun = opening_pronoun(unit_text) if p >= 0 else None
            if pronoun is None:
                continue
            referent = _referent_at(units[i].doc, units[i].start_char + pronoun[0])
            if referent is not None:
                # the quote attribution knows whom "Volgens hem …" means: the unit before must name exactly them
                if not _names_referent(units[p], referent):
                    predecessor[i] = -1
            elif not naming[p]:
                predecessor[i] = -1  # "Zij wil …" after a sentence that names no one: whom does it mean?
    entity_tokens = _entity_tokens(units)
    spoken = _in_turns(units)
    rows = []
    counts: list[int] = []
    paragraph = -1
    for i, unit in enumerate(units):
        start, end = unit.start_char, unit.end_char
        unit_text = texts[i]
        words = len(_WORD.findall(unit_text))
        counts.append(words)
        opens_paragraph = not text[text.rfind("\n", 0, start) + 1 : start].strip()
        if opens_paragraph or i == 0:
            paragraph += 1
        rows.append((
            1.0 / (1.0 + i),
            1.0 if i == 0 else 0.0,
            i / max(1, n - 1),
            float(centrality[i]),
            float(to_centroid[i]),
            1.0 if _QUOTE_MARK.search(unit_text) else 0.0,
            1.0 if any(s < end and start < e for s, e in _overlapping(spans, start, end)) else 0.0,
            math.log1p(words),
            1.0 if opens_paragraph else 0.0,
            1.0 if _DIGIT.search(unit_text) else 0.0,
            1.0 if dependent[i] else 0.0,
            float(to_title[i]),
            1.0 if i == 1 else 0.0,
            1.0 if i == 2 else 0.0,
            1.0 if 3 <= i < 6 else 0.0,
            1.0 / (1.0 + paragraph),
            min(1.0, entity_tokens[i] / max(1, len(unit))),
            min(words, LENGTH_CAP) / LENGTH_CAP,
        ))
    return Prepared(
        units, np.array(rows, dtype=float), graph, dependent, predecessor, counts,
        first_person=[inside and first_person(t) for inside, t in zip(spoken, texts, strict=True)],
        decision=[i in agreed or _meeting_decision(t, inside) for i, (inside, t) in enumerate(zip(spoken, texts, strict=True))],
    )


def _restates(before: str, text: str) -> bool:
    """Whether a labelled decision ("Conclusie: …") restates the decision of the unit before it
    (`decisions.restates`)."""
    if not DECISION_LABEL.match(text):
        return False  # the quick test: most units carry no label
    kind = decision_kind(before)
    return kind is not None and restates(before, kind, text, decision_kind(text))


def _agrees(text: str, before: str) -> bool:
    """Whether a unit is a bare consent to the proposal before it ("Daartoe wordt besloten." after "Ik stel voor
    het voorstel aan te nemen.": `decisions.consent_kind`) or only confirms the decision before it ("Conform
    besloten.", "Dit is een hamerstuk.": `decisions.confirms`)."""
    body = text.strip()
    if consent_kind(body, before) is not None:
        return True
    return confirms(body) and decision_kind(before) is not None


def lemma_texts(spans: Sequence[Span]) -> list[str]:
    """Content lemmas of each span, as `themes.discovery.lemma_text` gives them (lower case; no stop words,
    numbers or punctuation), read from the document's token arrays in one pass: Token objects cost more."""
    if not spans:
        return []
    doc = spans[0].doc
    low, high = min(s.start for s in spans), max(s.end for s in spans)
    table = token_table(doc)  # read once per Doc (not per session: that would be quadratic in a meeting's length)
    known: dict[tuple[str, str, str], str | None] = {}
    content: list[str | None] = []
    for lemma_str, orth, lower, alpha in zip(table.lemma[low:high], table.text[low:high], table.lower[low:high], table.is_alpha[low:high], strict=True):
        if not alpha:
            content.append(None)
            continue
        key = (lemma_str, orth, lower)
        if key not in known:
            lemma = (lemma_str or orth).lower()
            keep = len(lemma) >= MIN_LEMMA_LENGTH and lemma not in STOP_WORDS and lower not in STOP_WORDS
            known[key] = lemma if keep else None
        content.append(known[key])
    return [" ".join(w for w in content[s.start - low : s.end - low] if w) for s in spans]


def _naming_starts(doc: Doc) -> list[int]:
    return sorted(m.start for m in doc.spans[MENTIONS] if m.label_ != "pronoun")


def _entity_prefix(doc: Doc) -> np.ndarray:
    inside = np.zeros(len(doc) + 1, dtype=np.int64)
    for ent in doc.ents:
        inside[ent.start + 1 : ent.end + 1] = 1
    return np.cumsum(inside)


#: Per-Doc tables read once and shared by the sessions of a meeting (each session reads only its own range).
_NAMING_STARTS: DocCache[list[int]] = DocCache()
_ENTITY_PREFIX: DocCache[np.ndarray] = DocCache()
_TURN_RANGES: DocCache[list[tuple[int, int]]] = DocCache()
_QUOTE_SOURCES: DocCache[dict[int, str]] = DocCache()
_REFERENT_FORMS: DocCache[dict[str, frozenset[str]]] = DocCache()
_NAMED: DocCache[tuple[list[int], list[str]]] = DocCache()


def _meeting_decision(text: str, spoken: bool) -> bool:
    """Whether the unit records a decision of the meeting itself: a decision (`decisions.decision_kind`) that is
    labelled as minutes write it ("Besluit: …") or a hamerstuk (`summary_decision_labels.txt`), or spoken in a turn."""
    if decision_kind(text) is None:
        return False
    return spoken or any(p.search(text.strip()) for p in patterns("summary_decision_labels.txt"))


def _turn_ranges(doc: Doc) -> list[tuple[int, int]]:
    return sorted((start, end) for kind, start, end, *_ in doc._.blocks or [] if kind == BlockKind.TURN.value)


def _in_turns(units: Sequence[Span]) -> list[bool]:
    """Per unit, whether its first character lies in a speaker's turn (the reader's blocks stored on the Doc;
    all False without them): spoken words, where "ik" and "we" are the speaker's, not a writer's ("ons land")."""
    turns = _TURN_RANGES.get(units[0].doc, _turn_ranges)
    starts = [t[0] for t in turns]
    out = []
    for unit in units:
        k = bisect.bisect_right(starts, unit.start_char) - 1
        out.append(k >= 0 and unit.start_char < turns[k][1])
    return out


def _quote_sources(doc: Doc) -> dict[int, str]:
    """The speaker key of each attributed quote by the first character of its source mention ("hem" of "Volgens
    hem …", "hij" of "zei hij"): one pass over the stored quotes of the Doc."""
    out: dict[int, str] = {}
    for span in doc.spans[QUOTES] if QUOTES in doc.spans else []:
        data = span._.quote or {}
        if data.get("source") is not None and data.get("speaker_key"):
            out[span.start_char + data["source"][0]] = data["speaker_key"]
    return out


def _referent_forms(doc: Doc) -> dict[str, frozenset[str]]:
    """Per referent key, the case-folded forms that name it (name, aliases, surname; a leading article left out)."""
    forms: dict[str, frozenset[str]] = {}
    for record in doc._.referents or doc._.speakers or []:
        names = [record["name"], *record.get("aliases", [])]
        found = {_bare(n) for n in names}
        if record.get("type") == "person" and len(record["name"].split()) > 1:
            found.add(_bare(record["name"].split()[-1]))
        forms[record["key"]] = frozenset(f for f in found if f)
    return forms


def _bare(name: str) -> str:
    return re.sub(r"^(de|het|een)\s+", "", name.strip().casefold())


def _referent_at(doc: Doc, offset: int) -> str | None:
    """The key of the person a pronoun at character `offset` refers to, when a quote names it as its source
    ("Volgens hem is …" → the quote's speaker); None when no quote attribution resolves it."""
    return _QUOTE_SOURCES.get(doc, _quote_sources).get(offset)


def _names_referent(unit: Span, key: str) -> bool:
    """Whether the unit names the referent `key` by a mention other than a pronoun (its name, surname, an alias
    such as "de wethouder")."""
    doc = unit.doc
    forms = _REFERENT_FORMS.get(doc, _referent_forms).get(key)
    if not forms:
        return False
    starts, names = _NAMED.get(doc, _named_mentions)
    return any(names[k] in forms for k in range(bisect.bisect_left(starts, unit.start), bisect.bisect_left(starts, unit.end)))


def _named_mentions(doc: Doc) -> tuple[list[int], list[str]]:
    """The first tokens of the Doc's mentions other than pronouns, sorted, and their forms (`_bare`)."""
    text = doc_text(doc)
    found = sorted((m.start, _bare(text[m.start_char : m.end_char])) for m in doc.spans[MENTIONS] if m.label_ != "pronoun")
    return [f[0] for f in found], [f[1] for f in found]


def _names_someone(units: Sequence[Span]) -> list[bool] | None:
    """Per unit, whether it names a person, group or organisation (a stored mention other than a pronoun);
    None when the mentions component has not run on the document."""
    doc = units[0].doc
    if MENTIONS not in doc.spans:
        return None
    starts = [u.start for u in units]
    naming = [False] * len(units)
    mentions = _NAMING_STARTS.get(doc, _naming_starts)
    low, high = min(starts), max(u.end for u in units)
    for start in mentions[bisect.bisect_left(mentions, low) : bisect.bisect_left(mentions, high)]:
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and start < units[k].end:
            naming[k] = True
    return naming


def _entity_tokens(units: Sequence[Span]) -> list[int]:
    """Tokens inside named entities per unit (zeros when no entity recogniser ran): one pass over `doc.ents`."""
    doc = units[0].doc
    if not annotated(doc, "ENT_IOB"):
        return [0] * len(units)
    prefix = _ENTITY_PREFIX.get(doc, _entity_prefix)
    return [int(prefix[u.end] - prefix[u.start]) for u in units]


def title_of(doc: Doc) -> Span | None:
    """The document's first line when it is short enough to be a title, as a span; else None."""
    text = doc_text(doc)
    end = text.find("\n")
    end = len(text) if end < 0 else end
    line = text[:end].strip()
    if not line or len(_WORD.findall(line)) > TITLE_WORDS:
        return None
    return doc.char_span(0, end, alignment_mode="expand")


def _overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> Sequence[tuple[int, int]]:
    """The (sorted) spans that may overlap [start, end): a binary search instead of a scan of all of them."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] < end:
            lo = mid + 1
        else:
            hi = mid
    return spans[max(0, lo - 64) : lo]


def scores(prepared: Prepared, weights: Mapping[str, float]) -> np.ndarray:
    """Weighted sum of the features, scaled to 0..1 within the span."""
    if not prepared.units:
        return np.zeros(0)
    w = np.array([weights.get(name, 0.0) for name in FEATURES])
    raw = prepared.features @ w
    low, high = raw.min(), raw.max()
    return (raw - low) / (high - low) if high > low else np.ones_like(raw)


def choose(
    prepared: Prepared,
    n: int,
    *,
    weights: Mapping[str, float] | None = None,
    mmr_lambda: float | None = None,
    extra: int = 0,
    budget: int | None = None,
    overshoot: bool | None = None,
) -> tuple[list[int], list[int]]:
    """Indices of the summary units (document order) and then of up to `extra` further units that add
    to them (best first, none that refers back or speaks in the first person): lazy maximal marginal
    relevance on the sparse graph.

    The summary holds at most `n` units and, when `budget` (in words) is given, at most `budget` words: a
    unit that would take it over the budget is passed over (it may become a key point), unless `overshoot`
    (default: `budget_fill() == "closest"`) and the summary ends closer to the budget with it than without.
    Choosing stops once the budget is spent. Beyond the budget:
    - the first unit is always taken, so that a summary is never empty, and with at least `MIN_UNITS_FROM`
      candidates at least `MIN_UNITS` units are taken (if `n` allows): the best of those passed over;
    - when some unit records a decision, the most salient of them is taken first: a session's main decision
      belongs in its summary;
    - a unit in the first person (`Prepared.first_person`) is held back: it is taken only when the other units
      cannot give the summary its minimum length (one unit, or `MIN_UNITS`).
    """
    if weights is None or mmr_lambda is None:
        fitted, lam = ranking_settings()
        weights = weights or fitted
        mmr_lambda = lam if mmr_lambda is None else mmr_lambda
    if overshoot is None:
        overshoot = budget_fill() == "closest"
    salience = scores(prepared, weights)
    graph = prepared.similarity
    count = len(salience)
    sizes = prepared.words or [0] * count
    own_voice = prepared.first_person or [False] * count
    limit = math.inf if budget is None else budget
    least = min(n, MIN_UNITS if count >= MIN_UNITS_FROM else 1)
    redundancy = np.zeros(count)
    version = [0] * count
    heap = [(-mmr_lambda * salience[i], i, 0) for i in range(count)]
    heapq.heapify(heap)
    taken = [False] * count
    in_summary = [False] * count
    summary: list[int] = []
    more: list[int] = []
    held_back: list[int] = []
    used = 0

    def take(i: int) -> None:
        taken[i] = True
        row = slice(graph.indptr[i], graph.indptr[i + 1])
        for j, value in zip(graph.indices[row], graph.data[row], strict=True):
            if not taken[j] and value > redundancy[j]:
                redundancy[j] = value
                version[j] += 1

    def add(i: int) -> None:
        nonlocal used
        take(i)
        summary.append(i)
        in_summary[i] = True
        used += sizes[i]

    def full() -> bool:
        return len(summary) >= n or (used >= limit and len(summary) >= least)

    decisions = [i for i in range(count) if prepared.decision and prepared.decision[i] and not prepared.dependent[i]]
    if decisions and n > 0:
        add(max(decisions, key=lambda i: (salience[i], -i)))

    while heap and (not full() or len(more) < extra):
        _, i, seen = heapq.heappop(heap)
        if taken[i]:
            continue
        if seen != version[i]:
            value = mmr_lambda * salience[i] - (1 - mmr_lambda) * redundancy[i]
            heapq.heappush(heap, (-value, i, version[i]))
            continue
        if own_voice[i]:
            taken[i] = True  # neither a summary unit nor a key point while units in the third person remain
            held_back.append(i)
            continue
        if not full():
            with_predecessor = None
            if prepared.dependent[i]:
                p = prepared.predecessor[i]
                if p >= 0 and in_summary[p]:
                    pass
                elif p >= 0 and not taken[p] and not prepared.dependent[p] and not own_voice[p] and len(summary) + 2 <= n:
                    with_predecessor = p  # (a predecessor in the first person would bring in what is held back)
                else:
                    taken[i] = True  # cannot stand here; never chosen
                    continue
            size = sizes[i] + (sizes[with_predecessor] if with_predecessor is not None else 0)
            over = used + size > limit and not (overshoot and used + size - limit < limit - used)
            if summary and over:
                taken[i] = True  # over the budget: not in the summary, but it may still add as a key point
                if not prepared.dependent[i]:
                    more.append(i)
                continue
            if with_predecessor is not None:
                add(with_predecessor)
            add(i)
        else:
            taken[i] = True
            if not prepared.dependent[i]:
                more.append(i)
    # the minimum length: first the best units passed over for the budget, then those in the first person
    while len(summary) < least and more:
        add(more.pop(0))
    for i in held_back:
        if len(summary) >= least:
            break
        add(i)
    return sorted(summary), more[:extra]


def summarise(sentences: Sequence[Span], n: int, *, unattributed: Sequence[tuple[int, int]] = ()) -> list[Span]:
    """The n units that best summarise the given sentences, in document order."""
    if n <= 0:
        return []
    prepared = prepare(sentences, unattributed=unattributed)
    chosen, _ = choose(prepared, n)
    return [prepared.units[i] for i in chosen]
