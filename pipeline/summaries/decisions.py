"""Decisions and action items in minutes and transcripts, with character offsets.

Decisions: "Besluit: …", "De raad besluit om …", "stemt in met", "wordt aangenomen/verworpen",
"Conclusie: …", a hamerstuk (`pipeline/resources/decision_cues.txt`, minus the negations in
`decision_negations.txt`: "nog geen besluit", "er wordt aangenomen dat"). Action items: "Actiepunt: …",
"zegt toe", "toezegging", "zal … nagaan", "komt erop terug" (`action_cues.txt`), with who is to act (the
name or office the sentence gives, or the speaker of the turn for "ik"/"wij") and, when given, by when
(`action_due_patterns.txt`). Bulleted lines under a line "Besluiten:" or "Actiepunten:" count as well.

Weaker signs count only when someone is named to act (a name or office as the subject, or "ik"/"wij" in a
turn whose speaker is known): undertakings such as "neemt contact op", "zoekt uit", "informeert bij de gemeente
naar …", "zorgt voor een nieuwe planning" (`action_undertakings.txt`; not "informeert de raad over …", a question
put in the meeting, or a cause: "Dat zorgt voor overlast", `action_effect_nouns.txt`),
"zal/zullen + infinitive" ("Ik zal de aannemer bellen"; not "Ik zal kort zijn", `action_future_exclusions.txt`,
`action_meeting_markers.txt`) and a present tense with a deadline ("Ik stuur u de cijfers voor vrijdag",
`action_deadlines.txt`). A bare "Akkoord." after a sentence that proposes something is a decision spanning both
(`decision_consent.txt`, `decision_proposals.txt`), stated by whoever proposed it when the consent stands outside
the turn ("Daartoe wordt besloten." after the chair's proposal). A sentence that only confirms the decision right
before it ("Dit is een hamerstuk.", "Conform besloten.": `decision_confirmations.txt`) or a minute's label restating
it ("Conclusie: …" after "Dan concluderen we dat …": `restates`) makes one decision spanning both. Questions, and cues after "vraagt of …"
(`decision_question_frames.txt`), record neither. `who` is linked to the document's speakers (`speaker_id`)
by name, alias, surname or the one speaker holding an office (`SpeakerIndex`).

A pure function of the text and its blocks: no spaCy, so it runs on any reader's `Transcript`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

from pipeline.capitals import UPPER
from pipeline.ingest.labels import parse_label
from pipeline.ingest.model import Block, BlockKind
from pipeline.outputs.model import Action, Decision, Speaker
from pipeline.resources import patterns, word_set

#: Blocks searched: running text, and headings (a line "Besluit: akkoord" may look like one).
SEARCHED = (BlockKind.PARAGRAPH, BlockKind.TURN, BlockKind.HEADING)
#: Words referring to the speaker of a turn.
FIRST_PERSON = frozenset({"ik", "wij", "we", "mij", "me"})
#: The finite verb of a present-tense undertaking stands within this many words of the sentence's start.
MAX_SUBJECT_WORDS = 10
#: Characters before "zal" in which a word placing it in the meeting ("straks", "kort") is looked for.
MARKER_WINDOW = 120
#: A bare consent ("Akkoord.", "Daartoe wordt besloten.") is at most this many characters long.
CONSENT_CHARS = 40
#: An effect noun of at least this many letters also counts at the end of a compound ("geluidsoverlast").
MIN_EFFECT_SUFFIX = 5
#: Words that may stand inside a person's name or office besides capitalised ones.
NAME_INNER = frozenset({"heer", "mevrouw", "mevr", "dhr", "mw"})
#: A word shared by a decision and a labelled restatement of it has at least this many letters ("plan", "raad").
MIN_SHARED_LETTERS = 4

_SECTION = re.compile(r"^\s*(?P<label>besluiten|besluit|besluitenlijst|actiepunten|actiepunt|acties|actielijst|toezeggingen)\s*:?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+")
_LABEL = re.compile(r"^\s*(?:[-•*–·]\s+)?(?P<label>(?:[^\W\d_]| ){2,30}?)\s*(?:\((?P<inner>[^)]{1,40})\))?\s*:\s*")
_SENTENCE_END = re.compile(rf"[.!?…]+[\"”’'»)]*\s+(?=[\"“„‘'(«]?[{UPPER}0-9])")  # capitals of any script: "Şahin"
_WORD = re.compile(r"[\w'’.-]+", re.UNICODE)
_TRAILING_WHO = re.compile(rf"\((?:actie(?:houder)?\s*:?\s*)?(?P<who>[{UPPER}][^()]{{0,40}})\)\s*[.!]?\s*$")
_QUESTION_END = re.compile(r"\?[\"”’'»)\s]*$")
#: The future: "zal/zullen/zult", and "gaan" only next to "ik"/"wij" ("Ik ga de aannemer bellen"; "De VVD gaat te ver" is
#: no plan).
_FUTURE = re.compile(
    r"\b(?:zal|zullen|zult|(?<=\bik\s)ga|ga(?=\s+ik\b)|(?<=\bwe\s)gaan|(?<=\bwij\s)gaan|gaan(?=\s+(?:we|wij)\b))\b",
    re.IGNORECASE,
)
#: Where the clause of a "zal" ends: punctuation or a conjunction that opens another clause.
_CLAUSE_END = re.compile(r"[,;:!?…]|\.(?:\s|$)|\s(?:dat|of|om|zodat|want|maar|omdat|als|wanneer|nadat|voordat|zoals|die|wat|en)\s", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
#: Clause boundaries before a verb: punctuation, or a word that opens a subordinate or another clause.
_SUBORDINATE = re.compile(
    r"[,;:—–]|\b(?:dat|of|omdat|als|al|wanneer|die|wat|waardoor|zodat|nadat|terwijl|hoewel|want|maar|indien|tenzij)\b",
    re.IGNORECASE,
)
#: A minute's label that restates a decision ("Conclusie: …", "Besluit: …"); its kind is the decision's kind.
DECISION_LABEL = re.compile(r"^\W*(besluit|besluiten|conclusie|conclusies)\s*:", re.IGNORECASE)
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
def _keywords(name: str) -> tuple[str, ...]:
    """The word parts of a keyword file (lower case): a sentence without any of them matches none of the cues the
    file stands for (`decision_keywords.txt`, `action_keywords.txt`)."""
    return tuple(sorted({w.lower() for w in word_set(name)}))


def has_keyword(name: str, text: str) -> bool:
    """Whether the text holds one of the word parts of keyword file `name`, case ignored: substring tests on the
    lower-cased text, several times faster than one case-insensitive alternation over the words."""
    lowered = text.lower()
    return any(word in lowered for word in _keywords(name))


@cache
def _any_decision() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in _decision_cues()), re.IGNORECASE)


def is_question(sentence: str) -> bool:
    """Whether a sentence ends in a question mark (closing quotation marks and brackets after it allowed)."""
    return bool(_QUESTION_END.search(sentence))


def asked_before(sentence: str, at: int) -> bool:
    """Whether a frame that asks ("vraagt of", "wil weten wanneer") opens before character `at` of the sentence:
    what follows it is asked about, not decided or promised."""
    for pattern in patterns("decision_question_frames.txt"):
        match = pattern.search(sentence)
        if match and match.start() < at:
            return True
    return False


def _opinion_before(sentence: str, at: int) -> bool:
    """Whether a view or expectation ("Volgens …", "verwacht") comes before character `at`, or a hedge
    ("misschien", "waarschijnlijk") stands anywhere: a weaker action sign is then no undertaking
    (`action_opinion_frames.txt`, `action_hedges.txt`)."""
    return bool(_any_of("action_opinion_frames.txt").search(sentence, 0, at) or _any_of("action_hedges.txt").search(sentence))


def decision_kind(sentence: str) -> str | None:
    """The kind of decision a sentence records ("besluit", "instemming", "aangenomen", "verworpen",
    "conclusie", "hamerstuk"), or None: also None for a question, a negated or postponed decision
    (`decision_negations.txt`) and a cue after a frame that asks whether (`asked_before`)."""
    if not has_keyword("decision_keywords.txt", sentence):
        return None
    body = _BULLET.sub("", sentence, count=1).strip()
    if is_question(body) or not _any_decision().search(body) or _any_of("decision_negations.txt").search(body):
        return None
    for kind, pattern in _decision_cues():
        match = pattern.search(body)
        if match:
            return None if asked_before(body, match.start()) else kind
    return None


def consent_kind(sentence: str, before: str) -> str | None:
    """The kind of decision a bare consent ("Akkoord.", "Conform.") records after the sentence `before`:
    "hamerstuk" when `before` puts the agenda, minutes or the like to the meeting, "instemming" when it
    proposes something else (`decision_proposals.txt`; "besluit" for "Daartoe wordt besloten."), None when the sentence is no bare consent or
    `before` proposes nothing."""
    if len(sentence) > CONSENT_CHARS or not has_keyword("decision_keywords.txt", sentence):
        return None
    body = _BULLET.sub("", sentence, count=1).strip()
    if not _any_of("decision_consent.txt").search(body) or not _any_of("decision_proposals.txt").search(before.strip()):
        return None
    if _any_of("decision_procedural_kinds.txt").search(before):
        return "hamerstuk"
    return "besluit" if "beslo" in body.lower() else "instemming"


def confirms(sentence: str) -> bool:
    """Whether a sentence only confirms a decision recorded right before it ("Dit is een hamerstuk.", "Conform
    besloten.", "Aldus besloten.", "Akkoord.": `decision_confirmations.txt`), so that both are one decision."""
    body = _BULLET.sub("", sentence, count=1).strip()
    return len(body) <= CONSENT_CHARS and _any_of("decision_confirmations.txt").search(body) is not None


def restates(decision: str, kind: str, sentence: str, sentence_kind: str | None) -> bool:
    """Whether `sentence`, a labelled decision ("Conclusie: het groenplan gaat naar de gemeenteraad."), restates the
    unlabelled decision of the sentence right before it ("Dan concluderen we dat het plan naar de raad gaat."): the
    same kind, and a content word of at least `MIN_SHARED_LETTERS` letters in common, one word inside the other
    ("plan" in "groenplan"). A label after a label ("Conclusie: … Besluit: …"), another kind or nothing in common
    is another decision."""
    if sentence_kind != kind or not DECISION_LABEL.match(sentence) or DECISION_LABEL.match(decision):
        return False
    function = word_set("function_words.txt")

    def content(text: str) -> set[str]:
        words = (w.lower().strip(".'’-") for w in _WORD.findall(text))
        return {w for w in words if len(w) >= MIN_SHARED_LETTERS and w.isalpha() and w not in function}

    label = DECISION_LABEL.match(sentence)
    ours = content(sentence[label.end() :] if label else sentence)
    theirs = content(decision)
    return any(a in b or b in a for a in ours for b in theirs)


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


def future_undertaking(sentence: str) -> re.Match[str] | None:
    """Where "zal/zullen/zult" (or "ga/gaan" with "ik"/"wij") stands when the sentence undertakes to do something: an
    infinitive ends its clause ("Ik zal de aannemer morgen bellen", "Het college zal ervoor zorgen dat …", "Ik ga
    de cijfers opvragen"; words such as "ervan" are passed over, `action_not_infinitives.txt`) that is not in
    `action_future_exclusions.txt` ("Ik zal kort zijn", "Wij zullen zien"), and nothing places it in the
    meeting itself or negates it (`action_meeting_markers.txt`: "straks", "in mijn tweede termijn", "niet").
    Who undertakes it is not checked here."""
    excluded = word_set("action_future_exclusions.txt")
    function = word_set("function_words.txt")
    openers = word_set("noun_openers.txt") | word_set("prepositions.txt")
    others = word_set("action_not_infinitives.txt")
    for match in _FUTURE.finditer(sentence):
        end = _CLAUSE_END.search(sentence, match.end())
        stop = end.start() if end else len(sentence)
        words = [w.lower().strip(".'’") for w in _WORD.findall(sentence[match.end() : stop])]
        # the infinitive: the last word ending in -n that no article, possessive or preposition opens (a noun
        # such as "de kosten" does), so that a phrase after it ("bellen over de planning") may follow
        verbs = [w for i, w in enumerate(words) if len(w) >= 3 and w.endswith("n") and w.isalpha() and w not in function
                 and w not in others and (i == 0 or words[i - 1] not in openers)]
        if not verbs or verbs[-1] in excluded or verbs[-1] in FIRST_PERSON:
            continue
        if _any_of("action_meeting_markers.txt").search(sentence[max(0, match.start() - MARKER_WINDOW) : stop]):
            continue
        return match
    return None


def deadline_undertaking(sentence: str) -> re.Match[str] | None:
    """Where the finite verb stands when a present-tense sentence with a named or first-person subject sets
    itself a deadline ("Ik stuur u de cijfers voor vrijdag", "Mevrouw Jansen levert de notitie vóór 1 maart
    aan", "Voor vrijdag stuur ik u de cijfers"), or None. A mere time ("volgende week") is no deadline
    (`action_deadlines.txt`); a verb of being, wanting or thinking undertakes nothing
    (`action_present_exclusions.txt`)."""
    deadline = due_date(sentence)
    if deadline is None or not _any_of("action_deadlines.txt").search(deadline):
        return None  # most sentences set no deadline: the same test as at the end, before reading the words
    tokens = list(_TOKEN.finditer(sentence))
    if not tokens:
        return None
    lowered = [t.group(0).lower().strip(".,;:!?()\"'“”’‘") for t in tokens[:MAX_SUBJECT_WORDS]]
    verb_at: int | None = None
    due: str | None = None
    if lowered[0] in FIRST_PERSON:
        verb_at = 1
    elif tokens[0].group(0)[:1].isupper():
        run = _name_run([t.group(0) for t in tokens])
        if run and run != "ik":
            verb_at = len(run.split())
        elif _any_of("action_deadlines.txt").match(sentence):  # inverted: the deadline, the verb, the subject
            due = due_date(sentence)
            if due is not None and sentence.lower().startswith(due.lower()):
                skip = len(due.split())
                if len(lowered) > skip + 1 and (lowered[skip + 1] in FIRST_PERSON or _name_run([t.group(0) for t in tokens[skip + 1 :]])):
                    verb_at = skip
    if verb_at is None or verb_at >= min(len(tokens), MAX_SUBJECT_WORDS):
        return None
    verb = lowered[verb_at]
    if not verb.isalpha() or verb in word_set("action_present_exclusions.txt") or verb in word_set("function_words.txt"):
        return None
    if tokens[verb_at].group(0)[:1].isupper() and verb_at > 0:
        return None  # a capital after the subject is more of a name, not a verb
    due = due or due_date(sentence)
    if due is None or not _any_of("action_deadlines.txt").search(due):
        return None
    where = sentence.lower().find(due.lower())
    if where > tokens[verb_at].start() and clause_start(sentence, where) > tokens[verb_at].start():
        return None  # the deadline belongs to another clause: "Bosz verwacht dat de aanvaller binnen een maand fit is"
    return re.compile(re.escape(tokens[verb_at].group(0))).search(sentence, tokens[verb_at].start())


def undertaking_cue(sentence: str) -> re.Match[str] | None:
    """Where a sentence undertakes an action if someone is named to act (`action_undertakings.txt`,
    `future_undertaking`, `deadline_undertaking`), or None; questions never."""
    body = _BULLET.sub("", sentence, count=1)
    if is_question(body):
        return None
    if has_keyword("action_keywords.txt", body) and _any_of("action_undertakings.txt").search(body):
        for pattern in patterns("action_undertakings.txt"):
            match = pattern.search(body)
            if match and not names_an_effect(match):
                return match
    return future_undertaking(body) or deadline_undertaking(body)


def names_an_effect(cue: re.Match[str]) -> bool:
    """Whether the `object` an undertaking cue captured names an effect, so that the verb names a cause ("Dat
    zorgt voor overlast", "… voor veel geluidsoverlast"; `action_effect_nouns.txt`, also as the end of a longer
    word of 5+ letters), not something arranged ("zorgt voor een nieuwe planning"). Read up to the first
    preposition ("een oplossing voor de overlast" arranges); False for a cue without an `object` group."""
    if "object" not in cue.re.groupindex or cue.group("object") is None:
        return False
    effects = word_set("action_effect_nouns.txt")
    stops = word_set("prepositions.txt")
    for word in cue.group("object").split():
        low = word.lower().strip("'\"“”‘’()")
        if low in stops:
            break
        if low in effects or any(len(e) >= MIN_EFFECT_SUFFIX and low.endswith(e) for e in effects):
            return True
    return False


class SpeakerIndex:
    """The document's speakers indexed by case-folded name and alias, surname, given name and role, so that
    `who` is linked in constant time (`lookup`). Built once per document or session."""

    def __init__(self, speakers: Sequence[Speaker]) -> None:
        self.by_form: dict[str, set[str]] = {}
        self.by_surname: dict[str, list[tuple[str, str | None]]] = {}  # surname → (id, given name or initials)
        self.by_given: dict[str, set[str]] = {}
        self.by_role: dict[str, set[str]] = {}
        for s in speakers:
            for form in (s.name, *s.aliases):
                self.by_form.setdefault(form.casefold(), set()).add(s.id)
                label = parse_label(form)
                if s.type in ("person", "office") and label is not None and label.type == "person" and label.surname:
                    self.by_surname.setdefault(label.surname.casefold(), []).append((s.id, label.given))
            if s.type == "person":
                self.by_given.setdefault(s.name.split()[0].casefold(), set()).add(s.id)
            for role in s.roles:
                self.by_role.setdefault(role.casefold(), set()).add(s.id)
        #: Case-folded names, aliases and surnames: a single capitalised word among them names someone
        #: ("Omtzigt zegde toe …").
        self.known = frozenset(self.by_form) | frozenset(self.by_surname)

    def lookup(self, who: str | None) -> str | None:
        """The id of the one speaker `who` names, or None (none or several match).

        Tried in turn: the name or an alias (case folded); the surname of a person ("Wethouder De Boer", "Mevrouw
        De Boer" → the speaker "De Boer" or "Anna de Boer"; a given name or initials must agree when both give
        one); a given name alone ("Petra" → "Petra Smulders"); an office ("De wethouder" → the one speaker whose
        roles hold "wethouder").
        """
        if not who:
            return None
        exact = self.by_form.get(who.strip().casefold(), set())
        if len(exact) == 1:
            return next(iter(exact))
        label = parse_label(who)
        if label is None:
            return None
        if label.type == "person" and label.surname:
            given = label.given[0].casefold() if label.given else None
            found = {
                key for key, other in self.by_surname.get(label.surname.casefold(), [])
                if not (given and other and other[0].casefold() != given)
            }
            if not found and not label.given and len(label.surname.split()) == 1:  # a given name alone
                found = self.by_given.get(label.surname.casefold(), set())
            return next(iter(found)) if len(found) == 1 else None
        if label.type == "office" and label.roles:
            holders = set().union(*(self.by_role.get(r.casefold(), set()) for r in label.roles))
            return next(iter(holders)) if len(holders) == 1 else None
        return None


def speaker_id_for(who: str | None, speakers: Sequence[Speaker]) -> str | None:
    """The id of the one speaker `who` names, or None (none or several match); see `SpeakerIndex.lookup`."""
    return SpeakerIndex(speakers).lookup(who) if who and speakers else None


def due_date(sentence: str) -> str | None:
    """By when, as the sentence says it ("vóór 1 maart", "in de volgende vergadering"), or None."""
    if not _any_of("action_due_patterns.txt").search(sentence):
        return None  # one scan for all patterns: most sentences name no date
    for pattern in patterns("action_due_patterns.txt"):
        match = pattern.search(sentence)
        if match:
            return match.group(0).strip()
    return None


def _name_run(words: Sequence[str], known: frozenset[str] = frozenset()) -> str | None:
    """A name or office at the start of the words ("Jan de Vries", "de wethouder", "wethouder Bakker"),
    "ik" for the first person, or None. One capitalised word is a name only when it is a role, a given name
    or in `known` (case-folded names and surnames of the document's speakers: "Omtzigt")."""
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
    if len(run) == 1 and run[0].lower() not in roles and run[0].lower() not in word_set("first_names.txt") and run[0].casefold() not in known:
        # one capitalised word opening the sentence ("Dank aan …", "Prima, dat zal ik nagaan") is no name; a first
        # person further on still makes the turn's speaker the one who acts
        return "ik" if any(w.strip(".,;:!?").lower() in FIRST_PERSON for w in words) else None
    return " ".join(run) if content and run else None


def clause_start(sentence: str, at: int) -> int:
    """Where the clause holding character `at` begins: after the last comma, dash or subordinating word
    (`_SUBORDINATE`) before it, else 0. The subject of a verb at `at` stands after it."""
    start = 0
    for match in _SUBORDINATE.finditer(sentence, 0, at):
        start = match.end()
    return start


def _subject(before: Sequence[str], after: Sequence[str], known: frozenset[str]) -> str | None:
    """The subject of a verb, strictly: the words of its clause before it are a name, an office or "ik"/"wij"
    (or those and a first verb phrase joined by "en": "Bram stelt de brief op en stuurt …"), or the words
    just after it are, followed by an article, pronoun or preposition (inverted: "Dan zal de wethouder de
    brief sturen"). "ik" for the first person, else the name; None when neither holds."""
    if before:
        first = before[0].lower()
        run = "ik" if first in FIRST_PERSON else _name_run(before, known)
        rest = before[1:] if run == "ik" else before[len(run.split()) :] if run else before
        if run and (not rest or rest[-1].lower() == "en"):
            return run
    if after:
        if after[0].lower() in FIRST_PERSON:
            return "ik"
        run = _name_run(after, known)
        if run and run != "ik":
            n = len(run.split())
            openers = word_set("noun_openers.txt") | word_set("prepositions.txt") | word_set("function_words.txt")
            if n == len(after) or after[n].lower() in openers:
                return run
    return None


def _who(
    body: str,
    cue: re.Match[str] | None,
    label_inner: str | None,
    speaker: str | None,
    *,
    own_clause: bool = False,
    known: frozenset[str] = frozenset(),
) -> str | None:
    """Who is to act: a name in the label or at the end, the subject before the cue verb, or the words just
    after it (inverted order); the turn's speaker for the first person. With `own_clause` (weaker cues) the
    subject must be the verb's own (`_subject`: "De gemeente zegt dat er kansen zijn, al zullen …" and "Het
    Israëlische leger zal …" name nobody)."""
    if label_inner:
        return label_inner.strip()
    trailing = _TRAILING_WHO.search(body)
    if trailing:
        return trailing.group("who").strip()
    if cue and own_clause:
        verb = _WORD.match(body, cue.start())
        before = _WORD.findall(body[clause_start(body, cue.start()) : cue.start()])
        after = body[verb.end() if verb else cue.end() :]
        after = re.sub(r"^\s*(van|door)\s+", " ", after) if "toezegging" in cue.group(0).lower() else after
        found = _subject(before, _WORD.findall(after), known)
        return speaker if found == "ik" else found
    candidates = [_WORD.findall(body[: cue.start()] if cue else body)]
    if cue:
        verb = _WORD.match(body, cue.start())
        after = body[verb.end() if verb else cue.end() :]
        after = re.sub(r"^\s*(van|door)\s+", " ", after) if "toezegging" in cue.group(0).lower() else after
        candidates.append(_WORD.findall(after))
    for words in candidates:
        found = _name_run(words, known)
        if found == "ik":
            return speaker
        if found:
            return found
    return None


def find_decisions_and_actions(
    text: str,
    blocks: Sequence[Block],
    speakers_at: Callable[[int], str | None] | None = None,
    *,
    speakers: Sequence[Speaker] = (),
) -> tuple[list[Decision], list[Action]]:
    """Decisions and action items in the given blocks (one session's, or a whole document's), in text order.

    `blocks` come from `pipeline.ingest.model` with character offsets into `text`; `speakers_at(offset)` gives
    the speaker of the turn holding a character offset (for "Ik zal dat nagaan"), or None; `speakers` (the
    document's) give each action's `speaker_id` (`SpeakerIndex.lookup`). Offsets of the results are characters of
    `text`, and each result's `text == text[start:end]`; a consent ("Akkoord.") spans the proposal before it. A
    decision's `speaker_id` is the speaker of the turn that states it.
    """
    decisions: list[Decision] = []
    actions: list[Action] = []
    built: list[SpeakerIndex] = []

    def index() -> SpeakerIndex:  # built when the first decision or action needs it (most sessions have none)
        if not built:
            built.append(SpeakerIndex(speakers))
        return built[0]

    section: str | None = None
    previous: tuple[int, int] | None = None  # the sentence before, while it is no decision
    last: int | None = None  # index in `decisions` of the decision the sentence before records
    for block in blocks:
        if block.kind not in SEARCHED:
            section, previous, last = None, None, None
            continue
        for start, end in sentences_of(text, block.start, block.end):
            sentence = text[start:end]
            before, previous = previous, (start, end)
            prior, last = last, None
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
            if prior is not None and confirms(sentence):
                # "Dit is een hamerstuk." after the decision it confirms: one decision spanning both
                first = decisions[prior]
                decisions[prior] = Decision(
                    text=text[first.start : end], start=first.start, end=end,
                    kind="hamerstuk" if "hamerstuk" in sentence.lower() else first.kind,
                    speaker_id=first.speaker_id or index().lookup(speaker),
                )
                last, previous = prior, None
                continue
            consent = consent_kind(sentence, text[before[0] : before[1]]) if before else None
            if consent and before:
                # the consent ("Daartoe wordt besloten.") often stands outside the turn that proposed: its speaker
                # states the decision
                proposer = speaker or (speakers_at(before[0]) if speakers_at else None)
                decisions.append(Decision(
                    text=text[before[0] : end], start=before[0], end=end, kind=consent,  # type: ignore[arg-type]
                    speaker_id=index().lookup(proposer),
                ))
                last, previous = len(decisions) - 1, None
                continue
            kind = decision_kind(sentence)
            if prior is not None and kind and restates(decisions[prior].text, decisions[prior].kind, sentence, kind):
                first = decisions[prior]  # "Conclusie: …" restating the conclusion just drawn
                decisions[prior] = Decision(
                    text=text[first.start : end], start=first.start, end=end, kind=first.kind,
                    speaker_id=first.speaker_id or index().lookup(speaker),
                )
                last, previous = prior, None
                continue
            if kind is None and section == "decision" and bulleted:
                kind = "besluit"
            if kind and label_name not in _ACTION_LABELS:
                decisions.append(Decision(
                    text=sentence, start=start, end=end, kind=kind, speaker_id=index().lookup(speaker),  # type: ignore[arg-type]
                ))
                last, previous = len(decisions) - 1, None
            cue = action_cue(sentence)
            refused = _any_of("action_negations.txt").search(sentence) is not None
            if cue is not None and (refused or is_question(sentence) or asked_before(sentence, cue.start())):
                cue = None
            weak = undertaking_cue(sentence) if cue is None and not kind and not refused else None
            if weak is not None and (asked_before(sentence, weak.start()) or _opinion_before(sentence, weak.start())):
                weak = None
            labelled = label_name in _ACTION_LABELS and label is not None
            listed = section == "action" and bulleted
            if not (cue or weak or labelled or listed) or (kind and cue is None):
                continue
            body = sentence
            inner = None
            if labelled and label is not None:
                inner = label.group("inner")
                body = sentence[label.end() :]
                cue = None if cue and cue.start() < label.end() else action_cue(body)
            elif bulleted:
                body = _BULLET.sub("", sentence, count=1)
                cue = action_cue(body)
            if cue is None and weak is not None and not (labelled or listed):
                cue = undertaking_cue(body)
            who = _who(body, cue, inner, speaker, own_clause=weak is not None, known=index().known)
            if weak is not None and not (labelled or listed) and who is None:
                continue  # an undertaking without anyone named to do it
            actions.append(Action(
                text=sentence, start=start, end=end, who=who, due=due_date(sentence), speaker_id=index().lookup(who),
            ))
    return decisions, actions
