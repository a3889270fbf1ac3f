"""Keyphrases of a session: PositionRank (TextRank with a jump biased to early words) on the lemma graph
of candidate words, collapsed into phrases.

Candidates are runs of nouns, proper nouns and adjectives when the model tags part of speech, and runs of
non-stop words otherwise; a run is cut at punctuation and at three words. Greetings, thanks and forms of address
("Goedemorgen", "Dank u wel", "Mevrouw", "heer"; `address_words`) are never part of one, and an office by which
speakers address each other ("voorzitter", `address_offices.txt`) is no keyphrase on its own. Nor are: the words
of an attendance or procedural sentence ("Aanwezig: …", "De voorzitter opent …"), a label before a colon at a
sentence's start ("Besluit:", "Conclusie:"), words of meeting procedure ("Agendapunt", "woord":
`keyphrase_procedure_words.txt`), and both parts of a split separable verb ("licht … toe", "stel vast":
`separable_particles.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from pipeline.resources import word_set
from pipeline.sentences import DocCache
from pipeline.speakers.lexicon import annotated, has_pos, honorifics, is_finite_verb, speech_verb_lemma
from pipeline.tokens import TokenTable, token_table

WINDOW = 2
DAMPING = 0.85
ITERATIONS = 50
MAX_PHRASE_WORDS = 3
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True)
class Keyphrase:
    """A phrase as written at its first occurrence, with its TextRank score."""

    text: str
    score: float


_PARTICIPLE = re.compile(r"^(aan|af|bij|door|in|mee|na|om|onder|op|over|toe|uit|voor|weg|terug)?ge\w{2,}(d|t|en)$")


@cache
def address_words() -> frozenset[str]:
    """Greetings, thanks and forms of address (lower case): `address_words.txt` and the whole words of the titles in
    `honorifics.txt` and `label_honorifics.txt` ("heer", "mevrouw", "juffrouw"; not abbreviations such as "ing")."""
    titles = {word for words, _ in honorifics() for word in words}
    titles |= {line.split("\t")[0].strip().split()[-1] for line in word_set("label_honorifics.txt")}
    whole = {word for word in titles if word.isalpha() and len(word) >= MIN_TITLE_WORD and word not in ("de", "het")}
    return frozenset(word_set("address_words.txt") | whole)


#: Shorter title words are abbreviations ("dhr", "ing") that may be something else in capitals (ING).
MIN_TITLE_WORD = 4


def _is_candidate(token: Token, tagged: bool) -> bool:
    if not token.is_alpha or len(token.text) < 3 or token.lower_ in STOP_WORDS or token.lower_ in address_words():
        return False
    if tagged:
        return token.pos_ in CANDIDATE_POS
    # without a tagger: leave out the frequent verbs and participles that would crowd the graph
    return not (is_finite_verb(token) or speech_verb_lemma(token) or (token.is_lower and _PARTICIPLE.match(token.lower_)))


def _candidates(doc: Doc) -> list[bool]:
    """`_is_candidate` of every token of the Doc (index = token index), read from its token table once per Doc (a
    meeting's sessions share it): a Token object is made only where the answer needs more than the table (no
    tagger)."""
    tagged = has_pos(doc)
    table = token_table(doc)
    stop, address = STOP_WORDS, address_words()
    out = []
    for i, (text, lower, alpha, pos) in enumerate(zip(table.text, table.lower, table.is_alpha, table.pos, strict=True)):
        if not alpha or len(text) < 3 or lower in stop or lower in address:
            out.append(False)
        elif tagged:
            out.append(pos in CANDIDATE_POS)
        else:
            out.append(_is_candidate(doc[i], tagged))
    return out


_CANDIDATES: DocCache[list[bool]] = DocCache()

#: A split separable verb's particle is looked for within this many tokens after the verb form ("licht het nieuwe
#: groenplan van de gemeente toe").
PARTICLE_REACH = 8
#: Words after which a particle still closes its clause ("Ik stel vast dat …").
_CLAUSE_OPENERS = frozenset({"dat", "of", "om", "en", "maar", "want"})
_SENTENCE_END = frozenset({".", "!", "?", "…", ";"})


def _not_material(doc: Doc) -> list[bool]:
    """Per token, whether it is no keyphrase material whatever its part of speech: in an attendance or procedural
    sentence (`summaries.publishable.is_procedural`), a label before a colon at a sentence's start ("Besluit:",
    "Agendapunt 4:"), a word of meeting procedure (`keyphrase_procedure_words.txt`), or a part of a split separable
    verb (`_split_verb_parts`)."""
    from pipeline.sentences import doc_text, sentences
    from pipeline.summaries.publishable import is_procedural

    table = token_table(doc)
    text = doc_text(doc)
    out = [False] * len(table.text)
    procedure = word_set("keyphrase_procedure_words.txt")
    # attendance and procedural sentences ("Aanwezig: …" is one sentence up to its line's end)
    for sent in sentences(doc):
        if is_procedural(text[sent.start_char : sent.end_char]):
            out[sent.start : sent.end] = [True] * (sent.end - sent.start)
    n = len(out)
    words = [i for i in range(n) if not table.is_space[i]]
    for pos, i in enumerate(words):
        if table.lower[i] in procedure:
            out[i] = True
        if table.is_alpha[i] and _opens_sentence(table, text, words, pos):
            rest = words[pos + 1 : pos + 3]
            if rest and table.text[rest[0]] == ":" or len(rest) == 2 and table.text[rest[0]].isdigit() and table.text[rest[1]] == ":":
                out[i] = True  # "Besluit: …", "Agendapunt 4: …"
    for i in _split_verb_parts(doc, words):
        out[i] = True
    return out


def _opens_sentence(table: TokenTable, text: str, words: Sequence[int], pos: int) -> bool:
    """Whether word `words[pos]` opens a line or follows the end of a sentence."""
    if pos == 0:
        return True
    before = words[pos - 1]
    if table.text[before] in _SENTENCE_END:
        return True
    return "\n" in text[table.idx[before] : table.idx[words[pos]]]


def _split_verb_parts(doc: Doc, words: Sequence[int]) -> list[int]:
    """Tokens that are parts of a split separable verb: a particle (`separable_particles.txt`) that closes its
    clause (punctuation, the end or a conjunction after it), with the nearest verb form before it, within
    `PARTICLE_REACH` words, that together with it makes a verb the lemma table knows ("licht … toe" → toelichten,
    "stel vast" → vaststellen); and any token the parser labels a particle (compound:prt)."""
    from pipeline.lemmas import known_lemmas

    table = token_table(doc)
    particles = word_set("separable_particles.txt")
    found: list[int] = []
    if annotated(doc, "DEP"):  # remembered per Doc: spaCy scans every token when it is missing
        prt = doc.vocab.strings.add("compound:prt")
        found += [i for i, dep in enumerate(doc.to_array("DEP").tolist()) if dep == prt]  # no Token per word
    known: frozenset[str] | None = None
    for pos, i in enumerate(words):
        if table.lower[i] not in particles:
            continue
        after = words[pos + 1] if pos + 1 < len(words) else None
        if after is not None and not (table.is_punct[after] or table.lower[after] in _CLAUSE_OPENERS):
            continue
        if known is None:
            known = known_lemmas()
        particle = table.lower[i]
        for back in range(pos - 1, max(-1, pos - 1 - PARTICLE_REACH), -1):
            j = words[back]
            if table.is_punct[j] and table.text[j] in _SENTENCE_END:
                break
            lemma = table.lemma[j].lower()
            if table.is_alpha[j] and (
                lemma.startswith(particle) and lemma in known or any(particle + form in known for form in _infinitives(table.lower[j], lemma))
            ):
                found += [i, j]
                break
    return found


def _infinitives(form: str, lemma: str) -> list[str]:
    """Guesses at the infinitive of a present-tense verb form, for `_split_verb_parts` ("stel" → "stellen",
    "licht" → "lichten", "legt" → "leggen", "maakt" → "maken"), its lemma first."""
    stems = [form, form[:-1]] if form.endswith("t") and len(form) > 3 else [form]
    out = [lemma] if lemma.endswith("en") else []
    for stem in stems:
        out += [stem + "en", stem + stem[-1:] + "en"]
        if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
            out.append(stem[:-2] + stem[-1] + "en")  # maak → maken
    return out


_NOT_MATERIAL: DocCache[list[bool]] = DocCache()


def _lemma(lemma: str, text: str) -> str:
    """The word a keyphrase is ranked by: its lemma (its text where it has none), lower case."""
    return (lemma or text).lower()


def cooccurrence(sequence: Sequence[int], size: int) -> sparse.csr_matrix:
    """Symmetric counts of word pairs at most WINDOW - 1 places apart in the candidate sequence (word
    indices below `size`), a word never paired with itself: a sparse `size` × `size` matrix whose
    non-zeros grow with the length of the sequence, not with the square of the vocabulary."""
    seq = np.asarray(sequence, dtype=np.int64)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for offset in range(1, WINDOW):
        a, b = seq[:-offset], seq[offset:]
        keep = a != b
        rows += [a[keep], b[keep]]
        cols += [b[keep], a[keep]]
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    # duplicate (row, col) entries are summed when the matrix is built: the count of each pair
    return sparse.csr_matrix((np.ones(len(row)), (row, col)), shape=(size, size))


def position_rank(sequence: Sequence[int], size: int) -> np.ndarray:
    """PositionRank scores of the `size` words of a candidate sequence (word indices in text order):
    PageRank on the co-occurrence graph with the random jump weighted by 1 / (position + 1), DAMPING,
    ITERATIONS power steps. Time and memory linear in the length of the sequence."""
    weights = cooccurrence(sequence, size)
    totals = np.asarray(weights.sum(axis=0)).ravel()
    totals[totals == 0] = 1
    transition = weights.copy()
    transition.data = transition.data / totals[transition.indices]  # column-normalised: weights[a, b] / totals[b]
    # PositionRank: the random jump favours words that occur early (reports and news put the gist first)
    jump: np.ndarray = np.bincount(np.asarray(sequence, dtype=np.int64), weights=1 / np.arange(1, len(sequence) + 1), minlength=size)
    jump = jump / jump.sum()
    rank = np.full(size, 1 / size)
    for _ in range(ITERATIONS):
        rank = (1 - DAMPING) * jump + DAMPING * (transition @ rank)
    return rank


def keyphrases(sentences: Sequence[Span], *, top: int = 8, exclude: frozenset[int] = frozenset()) -> list[Keyphrase]:
    """The `top` keyphrases of a set of sentences, best first; tokens in `exclude` (people's names) are
    never part of one."""
    if not sentences:
        return []
    doc = sentences[0].doc
    table = token_table(doc)
    texts, lemmas = table.text, table.lemma
    candidates = _CANDIDATES.get(doc, _candidates)
    not_material = _NOT_MATERIAL.get(doc, _not_material)
    runs: list[list[int]] = []  # token indices
    for sent in sentences:
        run: list[int] = []
        for i in range(sent.start, sent.end):
            if i in exclude:
                if run:
                    runs.append(run)
                run = []
                continue
            candidate = candidates[i] and not not_material[i]
            if candidate and len(run) < MAX_PHRASE_WORDS:
                run.append(i)
            else:
                if run:
                    runs.append(run)
                run = [i] if candidate else []
        if run:
            runs.append(run)
    lemma_of = {i: _lemma(lemmas[i], texts[i]) for run in runs for i in run}
    words = sorted(set(lemma_of.values()))
    if not words:
        return []
    index = {w: i for i, w in enumerate(words)}
    sequence = [index[lemma_of[i]] for run in runs for i in run]
    rank = position_rank(sequence, len(words))
    scored: dict[tuple[str, ...], Keyphrase] = {}
    for run in runs:
        key = tuple(lemma_of[i] for i in run)
        if key not in scored:
            score = float(sum(rank[index[w]] for w in key))
            scored[key] = Keyphrase(" ".join(texts[i] for i in run), round(score, 4))
    best = sorted(scored.items(), key=lambda kv: (-kv[1].score, kv[1].text))
    chosen: list[Keyphrase] = []
    seen: set[str] = set()
    offices = word_set("address_offices.txt")
    for key, phrase in best:
        if len(set(key) & seen) * 2 >= len(key):
            continue  # mostly words of a phrase already chosen
        if all(word in offices for word in key):
            continue  # "voorzitter" alone: how speakers address the chair, not what the session is about
        chosen.append(phrase)
        seen.update(key)
        if len(chosen) == top:
            break
    return chosen
