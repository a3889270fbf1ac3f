"""Which summary units communication staff can publish as they are.

A unit (a sentence, or sentences merged so that their quotation marks balance: `units.py`) is turned away
when it is a fragment, a heading, a byline or caption, an attendance or procedural line, a greeting or a
spoken filler opening ("Dank u, voorzitter.", "Nou, …"), a question to the reader, an intro ending in ':'
or when its quotation marks do not balance. A unit that opens with a word
referring back ("Zij", "Dat", "Daarom", "Volgens hem") is publishable only together with the unit before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import islice

from pipeline.quotes.marks import QuotePair
from pipeline.resources import patterns, word_set
from pipeline.summaries.decisions import decision_kind
from pipeline.summaries.units import quote_pairs, unbalanced

#: Fewer words than this is a fragment, not a sentence.
MIN_WORDS = 5
#: More words than this is a run-on unit (often sentences a quote merged) that no reader wants as a summary.
MAX_WORDS = 70
#: Punctuation that closes a publishable sentence (before any closing quotation marks or brackets).
FINAL_PUNCTUATION = ".!…"

_WORD = re.compile(r"\w+", re.UNICODE)
_MARK = re.compile(r"[“”„‘’‚\"'«»]|,,")
_FIRST_PERSON_WORD = re.compile(r"\w+(?:'\w+)?|'\w+", re.UNICODE)
_CLOSERS = "”“’‘\"'»«) \t\n"
_OPENERS = "“„‘‚\"'«»(,– \t\n"


@cache
def _combined(*names: str) -> re.Pattern[str]:
    """The patterns of the resource files as one expression, '^' and '$' at every line (one search per unit)."""
    return re.compile("|".join(f"(?:{p.pattern})" for name in names for p in patterns(name)), re.IGNORECASE | re.MULTILINE)


def _lines_of(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def is_procedural(text: str) -> bool:
    """Procedure, attendance or page furniture rather than content ("Aanwezig: …", "Klik op …"), on any line."""
    return _combined("procedural_lines.txt", "summary_procedural_lines.txt").search(_lines_of(text)) is not None


def is_byline(text: str) -> bool:
    """A byline, credit or caption ("Door Anna de Wit", "verslaggever politiek Tom Bakker", "Foto: ANP"), on any line."""
    return _combined("summary_bylines.txt").search(_lines_of(text)) is not None


def is_filler(text: str) -> bool:
    """Whether the unit opens as speech does and no summary may ("Dank u, voorzitter.", "Nou, het college …", "Ja.")."""
    return _combined("summary_filler_openers.txt").match(text.strip()) is not None


def procedural_decision(text: str) -> bool:
    """Whether the unit records a decision about the meeting's own paperwork ("De agenda wordt ongewijzigd
    vastgesteld.", "De notulen worden vastgesteld."): a decision (`decisions.decision_kind`) whose subject opens
    the unit and is the agenda, the minutes or the like (`summary_procedural_decisions.txt`). It stays a decision
    of the session; it is no summary material."""
    body = text.strip()
    return _combined("summary_procedural_decisions.txt").match(body) is not None and decision_kind(body) is not None


def first_word(text: str) -> str:
    """The first word of a unit, lower-cased, after any opening quotation marks."""
    match = _WORD.search(text.lstrip(_OPENERS))
    return match.group(0).lower() if match else ""


def opening_pronoun(text: str) -> tuple[int, str] | None:
    """The personal pronoun a unit opens with, directly ("Zij wil …", "Hem werd gevraagd …") or after an opening
    preposition ("Volgens hem …", "Voor haar …", "Met hen …"), as (character offset in `text`, the word
    lower-cased); None otherwise. Pronouns: `summary_person_openers.txt`; prepositions: `prepositions.txt`."""
    start = len(text) - len(text.lstrip(_OPENERS))
    words = list(islice(_WORD.finditer(text, start), 2))
    if not words:
        return None
    pronouns = word_set("summary_person_openers.txt")
    first = words[0].group(0).lower()
    if first in pronouns:
        return words[0].start(), first
    if len(words) == 2 and first in word_set("prepositions.txt") and words[1].group(0).lower() in pronouns:
        if text[words[0].end() : words[1].start()].isspace():
            return words[1].start(), words[1].group(0).lower()
    return None


def needs_predecessor(text: str) -> bool:
    """Whether the unit opens with a word that refers back to the sentence before ("Zij wil …", "Daarom …"), or
    with a preposition and a personal pronoun ("Volgens hem …", `opening_pronoun`)."""
    return first_word(text) in word_set("summary_dependent_openers.txt") or opening_pronoun(text) is not None


def first_person(text: str) -> bool:
    """Whether the unit speaks in the first person outside its quotations ("Ik denk dat we …", "Volgens mij …"):
    a word of `summary_first_person.txt` in the text with every quotation (its marks included) left out.
    "Hij zei: „Wij gaan door.”" is not first person: the quotation has its speaker."""
    body = text.strip()
    if _MARK.search(body):
        kept, last = [], 0
        for pair in quote_pairs(body):
            kept.append(body[last : pair.open_start])
            last = pair.close_end
        body = " ".join([*kept, body[last:]])
    words = word_set("summary_first_person.txt")
    return any(w in words for w in _FIRST_PERSON_WORD.findall(body.lower()))


def wholly_quoted(text: str, pairs: Sequence[QuotePair] | None = None) -> bool:
    """Whether the unit is one quotation and nothing else ("„Dat kan niet.”"): it does not say who speaks.
    `pairs` are the stripped text's `quote_pairs` when the caller has them already."""
    body = text.strip()
    return any(p.open_start == 0 and p.close_end == len(body) for p in (quote_pairs(body) if pairs is None else pairs))


def rejection(text: str, *, has_verb: bool | None = None) -> str | None:
    """Why the unit cannot stand in a published summary, or None when it can.

    Reasons: "fragment" (too short or too long, starting mid-sentence, or without a verb when `has_verb` is
    False: pass it when a tagger has run), "heading" (no closing punctuation), "intro" (ends in ':'),
    "question", "unbalanced" (quotation marks), "unattributed" (a quotation and nothing else: who says it?),
    "byline", "procedural" (also a decision about the agenda or the minutes themselves: `procedural_decision`),
    "filler" (a spoken opening: thanks to the chair, "Nou, …", "Ja.").
    """
    body = text.strip()
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    joined = "\n".join(lines)
    if _combined("summary_bylines.txt").search(joined):
        return "byline"
    addressed = _combined("summary_vocatives.txt").sub("", joined, count=1)  # "Dames en heren, ik open …"
    if _combined("procedural_lines.txt", "summary_procedural_lines.txt").search(joined) or (
        addressed != joined and _combined("procedural_lines.txt", "summary_procedural_lines.txt").search(addressed)
    ):
        return "procedural"
    if is_filler(body) or addressed != joined and is_filler(addressed):
        return "filler"
    if procedural_decision(body):
        return "procedural"
    if not MIN_WORDS <= len(_WORD.findall(body)) <= MAX_WORDS:
        return "fragment"
    core = body.rstrip(_CLOSERS)
    if core.endswith(":"):
        return "intro"
    if core.endswith("?"):
        return "question"
    if not core or core[-1] not in FINAL_PUNCTUATION or any(
        line.rstrip(_CLOSERS)[-1:] not in FINAL_PUNCTUATION + ":,;" for line in lines[:-1]
    ):
        return "heading"
    opening = body.lstrip(_OPENERS)
    if not opening or opening[0].islower() or opening[0] in ".,;:-–—)":
        return "fragment"
    if _MARK.search(body):  # most sentences hold no quotation mark at all
        pairs = quote_pairs(body)
        if unbalanced(body, pairs):
            return "unbalanced"
        if wholly_quoted(body, pairs):
            return "unattributed"
    if has_verb is False:
        return "fragment"
    return None


def is_publishable(text: str) -> bool:
    """A unit that can stand in a summary as it is (see `rejection`)."""
    return rejection(text) is None
