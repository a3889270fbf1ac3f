"""Decisions and action items in minutes and transcripts, with character offsets.

Decisions: "Besluit: …", "De raad besluit om …", "stemt in met", "wordt aangenomen/verworpen",
"Conclusie: …", a hamerstuk (`pipeline/resources/decision_cues.txt`, minus the negations in
`decision_negations.txt`: "nog geen besluit", "er wordt aangenomen dat"). Action items: "Actiepunt: …",
"zegt toe", "toezegging", "zal … nagaan", "komt erop terug" (`action_cues.txt`), with who is to act (the
name or office the sentence gives, or the speaker of the turn for "ik"/"wij") and, when given, by when
(`action_due_patterns.txt`). Bulleted lines under a line "Besluiten:" or "Actiepunten:" count as well.

A pure function of the text and its blocks: no spaCy, so it runs on any reader's `Transcript`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

from pipeline.ingest.model import Block, BlockKind
from pipeline.outputs.model import Action, Decision
from pipeline.resources import patterns, word_set

#: Blocks searched: running text, and headings (a line "Besluit: akkoord" may look like one).
SEARCHED = (BlockKind.PARAGRAPH, BlockKind.TURN, BlockKind.HEADING)
#: Words referring to the speaker of a turn.
FIRST_PERSON = frozenset({"ik", "wij", "we", "mij", "me"})
#: Words that may stand inside a person's name or office besides capitalised ones.
NAME_INNER = frozenset({"heer", "mevrouw", "mevr", "dhr", "mw"})

_SECTION = re.compile(r"^\s*(?P<label>besluiten|besluit|besluitenlijst|actiepunten|actiepunt|acties|actielijst|toezeggingen)\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+")
_LABEL = re.compile(r"^\s*(?:[-•*–·]\s+)?(?P<label>[A-Za-zÀ-ÿ ]{2,30}?)\s*(?:\((?P<inner>[^)]{1,40})\))?\s*:\s*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)]*\s+(?=[\"“„‘'(«]?[A-ZÀ-Ý0-9])")
_WORD = re.compile(r"[\w'’.-]+", re.UNICODE)
_TRAILING_WHO = re.compile(r"\((?:actie(?:houder)?\s*:?\s*)?(?P<who>[A-ZÀ-Ý][^()]{0,40})\)\s*[.!]?\s*$")
_ACTION_LABELS = frozenset({"actiepunt", "actiepunten", "actie", "acties", "actiehouder", "todo", "to do", "toezegging", "toezeggingen"})


@cache
def _decision_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("pipeline.resources").joinpath("decision_cues.txt").read_text(encoding="utf-8")
    cues = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            kind, pattern = line.split(None, 1)
            cues.append((kind, re.compile(pattern.strip(), re.IGNORECASE)))
    return tuple(cues)


def sentences_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as character offsets: cut at line ends and after . ! ? … before a capital,
    not after an abbreviation ("dhr.", "o.a."); white space at either end left out."""
    out = []
    abbreviations = word_set("sentence_abbreviations.txt")
    i = start
    while i < end:
        j = text.find("\n", i, end)
        j = end if j < 0 else j
        piece_start = i
        for match in _SENTENCE_END.finditer(text, i, j):
            words = _WORD.findall(text[piece_start : match.start() + 1])
            last = words[-1].lower().rstrip(".") if words else ""
            if last in abbreviations or (len(last) == 1 and words[-1][:1].isupper()):  # an initial: "J. de Vries"
                continue
            out.append((piece_start, match.end()))
            piece_start = match.end()
        out.append((piece_start, j))
        i = j + 1
    stripped = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            stripped.append((a, b))
    return stripped


@cache
def _any_of(name: str) -> re.Pattern[str]:
    """All patterns of a resource file as one expression: one search tells whether any matches."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns(name)), re.IGNORECASE)


@cache
def _any_decision() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in _decision_cues()), re.IGNORECASE)


def decision_kind(sentence: str) -> str | None:
    """The kind of decision a sentence records ("besluit", "instemming", "aangenomen", "verworpen",
    "conclusie", "hamerstuk"), or None."""
    body = _BULLET.sub("", sentence, count=1)
    if not _any_decision().search(body) or _any_of("decision_negations.txt").search(body):
        return None
    for kind, pattern in _decision_cues():
        if pattern.search(body):
            return kind
    return None


def action_cue(sentence: str) -> re.Match[str] | None:
    """Where a sentence records an action item or promise, or None."""
    body = _BULLET.sub("", sentence, count=1)
    if not _any_of("action_cues.txt").search(body):
        return None
    for pattern in patterns("action_cues.txt"):
        match = pattern.search(body)
        if match:
            return match
    return None


def due_date(sentence: str) -> str | None:
    """By when, as the sentence says it ("vóór 1 maart", "in de volgende vergadering"), or None."""
    for pattern in patterns("action_due_patterns.txt"):
        match = pattern.search(sentence)
        if match:
            return match.group(0).strip()
    return None


def _name_run(words: Sequence[str]) -> str | None:
    """A name or office at the start of the words ("Jan de Vries", "de wethouder", "wethouder Bakker"),
    "ik" for the first person, or None."""
    roles = word_set("office_roles.txt") | word_set("role_nouns.txt") | word_set("org_words.txt")
    particles = word_set("name_particles.txt") | {"het"}
    function = word_set("function_words.txt")
    run: list[str] = []
    content = False
    for word in words:
        bare = word.strip(".,;:!?()\"'“”’‘")
        low = bare.lower()
        if not run and low in FIRST_PERSON:
            return "ik"
        if low in roles or low in NAME_INNER:
            run.append(bare)
            content = True
        elif low in particles:
            run.append(bare)
        elif bare[:1].isupper() and low not in function:
            run.append(bare)
            content = True
        else:
            break
        if bare != word:  # punctuation ends the phrase
            break
    while run and run[-1].lower() in particles:
        run.pop()
    if len(run) == 1 and run[0].lower() not in roles and run[0].lower() not in word_set("first_names.txt"):
        # one capitalised word opening the sentence ("Dank aan …", "Prima, dat zal ik nagaan") is no name; a first
        # person further on still makes the turn's speaker the one who acts
        return "ik" if any(w.strip(".,;:!?").lower() in FIRST_PERSON for w in words) else None
    return " ".join(run) if content and run else None


def _who(body: str, cue: re.Match[str] | None, label_inner: str | None, speaker: str | None) -> str | None:
    """Who is to act: a name in the label or at the end, the subject before the cue verb, or the words just
    after it (inverted order); the turn's speaker for the first person."""
    if label_inner:
        return label_inner.strip()
    trailing = _TRAILING_WHO.search(body)
    if trailing:
        return trailing.group("who").strip()
    candidates = [_WORD.findall(body[: cue.start()] if cue else body)]
    if cue:
        verb = _WORD.match(body, cue.start())
        after = body[verb.end() if verb else cue.end() :]
        after = re.sub(r"^\s*(van|door)\s+", " ", after) if "toezegging" in cue.group(0).lower() else after
        candidates.append(_WORD.findall(after))
    for words in candidates:
        found = _name_run(words)
        if found == "ik":
            return speaker
        if found:
            return found
    return None


def find_decisions_and_actions(
    text: str, blocks: Sequence[Block], speakers_at: Callable[[int], str | None] | None = None
) -> tuple[list[Decision], list[Action]]:
    """Decisions and action items in the given blocks (one session's, or a whole document's), in text order.

    `blocks` come from `pipeline.ingest.model` with character offsets into `text`; `speakers_at(offset)` gives
    the speaker of the turn holding a character offset (for "Ik zal dat nagaan"), or None. Offsets of the
    results are characters of `text`, and each result's `text == text[start:end]`.
    """
    decisions: list[Decision] = []
    actions: list[Action] = []
    section: str | None = None
    for block in blocks:
        if block.kind not in SEARCHED:
            section = None
            continue
        for start, end in sentences_of(text, block.start, block.end):
            sentence = text[start:end]
            heading = _SECTION.match(sentence)
            if heading:
                label = heading.group("label").lower()
                section = "action" if label.startswith(("actie", "toezegging")) else "decision"
                continue
            bulleted = bool(_BULLET.match(sentence))
            if section and not bulleted and block.kind is not BlockKind.HEADING and sentence[:1].isupper():
                section = None
            label = _LABEL.match(sentence)
            label_name = label.group("label").strip().lower() if label else ""
            speaker = speakers_at(start) if speakers_at else None
            kind = decision_kind(sentence)
            if kind is None and section == "decision" and bulleted:
                kind = "besluit"
            if kind and label_name not in _ACTION_LABELS:
                decisions.append(Decision(text=sentence, start=start, end=end, kind=kind))  # type: ignore[arg-type]
            cue = action_cue(sentence)
            is_action = cue is not None or (section == "action" and bulleted)
            if not is_action or (kind and cue is None):
                continue
            body = sentence
            inner = None
            if label_name in _ACTION_LABELS and label is not None:
                inner = label.group("inner")
                body = sentence[label.end() :]
                cue = None if cue and cue.start() < label.end() else action_cue(body)
            elif bulleted:
                body = _BULLET.sub("", sentence, count=1)
                cue = action_cue(body)
            actions.append(Action(text=sentence, start=start, end=end, who=_who(body, cue, inner, speaker), due=due_date(sentence)))
    return decisions, actions
