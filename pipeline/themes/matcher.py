"""Find theme terms in a parsed document: lemmas, multiword terms, Dutch compounds, with negation kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.sentences import sentences as all_sentences
from pipeline.themes.definitions import Theme
from pipeline.tokens import token_table

#: Shortest one-word term that is also looked for inside compounds; shorter ones (regio, samen) would
#: match inside unrelated words (regionaal is listed as a term of its own).
MIN_COMPOUND_TERM = 6
#: Shortest other part of a compound ("vertrouwens|relatie", "cluster|ecosysteem").
MIN_COMPOUND_PART = 3
#: Endings that make a derived word, not a compound ("partner|schap", "kennis|sen").
DERIVATIONAL = frozenset({"schap", "schappen", "heid", "heden", "lijk", "lijke", "ing", "ingen", "er", "ers", "en", "e", "s",
                          "tje", "tjes", "je", "jes", "isch", "ische", "baar", "bare", "loos", "loze", "ig", "ige", "se", "sen", "'s"})
#: Verb prefixes that make a derived word, not a compound ("ver|sturen" is sending, not steering).
DERIVATIONAL_PREFIXES = frozenset({"ver", "ont"})
LINKING = ("", "s", "e", "en", "-", "s-")
NEGATORS = frozenset({"geen", "niet", "nooit", "zonder", "nauwelijks", "weinig", "gebrek", "onvoldoende", "allerminst"})
NEGATION_WINDOW = 3
#: A context word of a sense condition (`Theme.not_with`, `Theme.only_with`) of at least this many letters also
#: counts as the head of a compound in the sentence ("parkeerbeleid" holds "beleid", "groenplan" holds "plan").
MIN_CONTEXT_HEAD = 4


@dataclass(frozen=True)
class TermMatch:
    """A theme term found in a sentence: token span [start, end)."""

    theme: str
    term: str
    start: int
    end: int
    negated: bool


def _forms(token: Token) -> set[str]:
    return word_forms(token.lower_, token.lemma_)


def word_forms(lower: str, lemma: str) -> set[str]:
    """The forms a term is looked up by: the word in lower case and its lemma in lower case (no empty one)."""
    return {lower, lemma.lower()} - {""}


def compound_match(word: str, term: str) -> bool:
    """The term is the head or the first part of a Dutch compound word, not merely a substring."""
    if len(term) < MIN_COMPOUND_TERM or word == term or " " in term:
        return False
    if word.endswith(term):
        modifier = word[: -len(term)].rstrip("-")
        return len(modifier) >= MIN_COMPOUND_PART and modifier not in DERIVATIONAL_PREFIXES
    if word.startswith(term):
        rest = word[len(term) :]
        if rest in DERIVATIONAL or rest.rstrip("s") in DERIVATIONAL:
            return False
        for link in LINKING:
            if rest.startswith(link):
                part = rest[len(link) :]
                if len(part) >= max(MIN_COMPOUND_PART, 4) and part not in DERIVATIONAL:
                    return True
    return False


class ThemeMatcher:
    """Matches the terms of a set of themes on a Doc."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = list(themes)
        self.single: dict[str, list[tuple[str, str]]] = {}
        self.multi: list[tuple[str, str, tuple[str, ...]]] = []
        self.compound_terms: list[tuple[str, str, frozenset[str]]] = []
        for theme in self.themes:
            for term in theme.terms:
                words = tuple(term.split())
                if len(words) == 1:
                    self.single.setdefault(term, []).append((theme.id, term))
                    if len(term) >= MIN_COMPOUND_TERM:
                        self.compound_terms.append((theme.id, term, frozenset(theme.exclude)))
                else:
                    self.multi.append((theme.id, term, words))
        self.excluded = {theme.id: frozenset(theme.exclude) for theme in self.themes}
        #: (theme, term) → (context words that rule the term out, context words of which one must be present)
        self.conditions: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
        for theme in self.themes:
            nots, onlys = dict(theme.not_with), dict(theme.only_with)
            for term in set(nots) | set(onlys):
                self.conditions[(theme.id, term)] = (frozenset(nots.get(term, ())), frozenset(onlys.get(term, ())))
        self._compound_cache: dict[frozenset[str], list[tuple[str, str]]] = {}
        # compound terms by length, to find the terms a word starts or ends with by lookups, not by trying all
        self._compound_by_length: dict[int, dict[str, list[int]]] = {}
        for n, (_, term, _) in enumerate(self.compound_terms):
            self._compound_by_length.setdefault(len(term), {}).setdefault(term, []).append(n)

    def __call__(self, doc: Doc, sentences: Sequence[Span] | None = None) -> list[TermMatch]:
        """All term matches, at most one per theme and token, in document order."""
        matches: list[TermMatch] = []
        seen: set[tuple[str, int]] = set()
        table = token_table(doc)  # strings read once per Doc: no Token object per word
        lowers, lemmas, punct, space = table.lower, table.lemma, table.is_punct, table.is_space
        for sent in sentences if sentences is not None else all_sentences(doc):
            first = len(matches)  # the matches of this sentence start here
            words_of_sent = [i for i in range(sent.start, sent.end) if not (punct[i] or space[i])]
            forms_of_sent = [word_forms(lowers[i], lemmas[i]) for i in words_of_sent]
            for i, forms in zip(words_of_sent, forms_of_sent, strict=True):
                for form in forms:
                    for theme_id, term in self.single.get(form, []):
                        if lowers[i] not in self.excluded[theme_id]:  # "kennissen" is not "kennis"
                            self._add(matches, seen, theme_id, term, i, i + 1, sent)
                for theme_id, term in self._compounds(frozenset(forms)):
                    if (theme_id, i) not in seen:
                        self._add(matches, seen, theme_id, term, i, i + 1, sent)
            present = set().union(*forms_of_sent)
            for theme_id, term, words in self.multi:
                # a term whose first word is not in the sentence cannot match: most terms, most sentences
                span = _phrase_in(words_of_sent, forms_of_sent, words) if words[0] in present else None
                if span is not None:
                    self._add(matches, seen, theme_id, term, span[0], span[1], sent)
            if self.conditions and any((m.theme, m.term) in self.conditions for m in matches[first:]):
                matches[first:] = [m for m in matches[first:] if self._sense_holds(m, present)]
        return sorted(matches, key=lambda m: (m.start, m.theme))

    def _sense_holds(self, match: TermMatch, present: set[str]) -> bool:
        """Whether the sentence (its word forms and lemmas: `present`) meets the sense conditions of the match's term:
        none of its `not_with` words, and one of its `only_with` words when it has any (`context_holds`)."""
        condition = self.conditions.get((match.theme, match.term))
        if condition is None:
            return True
        ruled_out, required = condition
        if ruled_out and context_holds(ruled_out, present):
            return False
        return not required or context_holds(required, present)

    def _compounds(self, forms: frozenset[str]) -> list[tuple[str, str]]:
        """(theme, term) pairs whose term is part of one of the word forms as a compound; memoised."""
        found = self._compound_cache.get(forms)
        if found is None:
            # a compound match needs the word to start or end with the term: only those terms are tried
            candidates: set[int] = set()
            for form in forms:
                for length, terms in self._compound_by_length.items():
                    if length <= len(form):
                        candidates.update(terms.get(form[:length], ()))
                        candidates.update(terms.get(form[-length:], ()))
            found = [
                (theme_id, term)
                for theme_id, term, exclude in (self.compound_terms[n] for n in sorted(candidates))
                if not forms & exclude and any(compound_match(form, term) for form in forms)
            ]
            self._compound_cache[forms] = found
        return found

    def _add(self, matches: list[TermMatch], seen: set[tuple[str, int]], theme: str, term: str, start: int, end: int, sent: Span) -> None:
        if (theme, start) in seen:
            return
        seen.add((theme, start))
        matches.append(TermMatch(theme, term, start, end, _negated(sent, start)))


def context_holds(words: frozenset[str], present: set[str]) -> bool:
    """Whether one of the context words stands in the sentence: as a form or lemma of a word (`present`), or as the
    head of a compound of at least `MIN_CONTEXT_HEAD` letters ("groenplan" holds "plan")."""
    if words & present:
        return True
    heads = [w for w in words if len(w) >= MIN_CONTEXT_HEAD]
    return any(form.endswith(w) and len(form) > len(w) for form in present for w in heads)


def _find_phrase(sent: Span, words: tuple[str, ...]) -> tuple[int, int] | None:
    """The words of a multiword term in order, with at most two other words between them."""
    tokens = [t for t in sent if not (t.is_punct or t.is_space)]
    return _phrase_in([t.i for t in tokens], [_forms(t) for t in tokens], words)


def _phrase_in(tokens: Sequence[int], forms: Sequence[set[str]], words: tuple[str, ...]) -> tuple[int, int] | None:
    """`_find_phrase` on a sentence's words (token indices, no punctuation or space) and their forms, computed once."""
    for i in range(len(tokens)):
        if words[0] not in forms[i]:
            continue
        k, j = 1, i + 1
        last = i
        while k < len(words) and j < len(tokens) and j - last <= 3:
            if words[k] in forms[j]:
                last = j
                k += 1
            j += 1
        if k == len(words):
            return tokens[i], tokens[last] + 1
    return None


def _negated(sent: Span, start: int) -> bool:
    """"geen vertrouwen", "niet betrouwbaar", "zonder nabijheid", "gebrek aan vertrouwen"."""
    doc = sent.doc
    for i in range(max(sent.start, start - NEGATION_WINDOW), start):
        if doc[i].lower_ in NEGATORS:
            return True
    return False
