"""What a speech cue says about its clause: denied, the writer's own, dislocated, a question, an infinitive, a topic.

Token-level checks used by `pipeline.quotes.finder` (all work on a blank pipeline; where the Doc has a dependency
parse, the subject is read from it). Word lists live in `pipeline/resources/` and are named below; every check
looks at a window of a few tokens around one cue, so a document is still read in linear time.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from pipeline.resources import patterns, speech_verbs, word_set
from pipeline.speakers.lexicon import ARTICLES, POSSESSIVES, annotated, is_finite_verb, speech_verb_lemma

#: How many tokens before the speech verb a negation may stand and still deny it ("heeft het nooit gezegd").
MAX_NEGATION_REACH = 3
#: The most tokens from a free relative to its speech verb ("Wat mevrouw Peeters net zegt, dat …").
MAX_DISLOCATION_REACH = 8
#: How many tokens before "weten" a form of "willen" may stand ("wil van de wethouder graag weten of").
MAX_WANT_REACH = 8
#: How many tokens before the speech verb a first-person subject may stand ("ik heb gisteren al gezegd dat").
MAX_SUBJECT_REACH = 5
#: The most tokens from a speech verb to the "te" of its infinitive ("zegt al jaren niet blij te zijn").
MAX_VERB_TO_TE = 12
#: Infinitives that do not end in "-en" (te zijn, te gaan, …).
SHORT_INFINITIVES = frozenset({"zijn", "gaan", "doen", "staan", "zien", "slaan"})
#: Tokens that end the search for a "te"-infinitive: a new clause or a purpose clause ("om … te").
_INFINITIVE_STOPS = frozenset({"dat", "of", "om", ",", ".", ":", ";", "!", "?"})


def negations() -> frozenset[str]:
    """Words that deny a cue (cue_negations.txt)."""
    return word_set("cue_negations.txt")


def first_person() -> frozenset[str]:
    """Subjects that make a cue the writer's own (first_person_pronouns.txt)."""
    return word_set("first_person_pronouns.txt")


def denied(verb: Token, lo: int, hi: int) -> bool:
    """A negation stands in the cue around the speech verb: from `MAX_NEGATION_REACH` tokens before the verb (not
    before token `lo`, the end of the subject) up to token `hi` (the "dat", "of" or "te" that opens the clause).

    "Kaya heeft nooit gezegd dat …" and "Bos zegt niet dat …" are denied; "Jan zegt niet te weten of …" is not
    (`hi` is the "te": the negation inside the infinitive is what he said)."""
    doc = verb.doc
    start = max(lo, verb.i - MAX_NEGATION_REACH, 0)
    for k in range(verb.i - 1, start - 1, -1):
        if doc[k].text in (",", ";", ":") or doc[k].lower_ in _COORDINATORS:
            start = k + 1  # "Jan, die niet kwam, zegt dat", "vindt dat niet genoeg en vindt dat": another clause
            break
    return any(t.lower_ in negations() for t in doc[start:hi])


def first_person_subject(verb: Token, lo: int) -> bool:
    """The speech verb's subject is "ik" or "we": the parse's subject where there is one, else a first-person
    pronoun between token `lo` and the verb or right after the verb ("… dus ik stel voor dat", "stel ik voor")."""
    doc = verb.doc
    if annotated(doc, "DEP"):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subjects:
            return any(s.lower_ in first_person() for s in subjects)
    window = doc[max(lo, verb.i - MAX_SUBJECT_REACH, 0) : min(verb.i + 2, len(doc))]
    return any(t.lower_ in first_person() for t in window)


def dislocated(sent: Span, verb: Token) -> bool:
    """"Wat mevrouw Peeters net zegt, dat klopt niet": a free relative opens the sentence and the cue verb stands
    before its first comma, so the "dat" after the comma points back to her words."""
    doc = sent.doc
    opener = sent.start
    while opener < min(sent.end, sent.start + 3) and (doc[opener].is_punct or doc[opener].is_space):
        opener += 1  # a quotation mark or dash before the first word
    if opener >= sent.end or doc[opener].lower_ not in word_set("dislocation_openers.txt"):
        return False
    if verb.i - opener > MAX_DISLOCATION_REACH:
        return False
    return not any(t.text == "," for t in doc[opener : verb.i])


def verb_first(sent: Span) -> bool:
    """The sentence opens with a finite verb: a yes/no question ("Kan de wethouder toezeggen dat de wijkteams
    blijven?", also reported: "Kan de wethouder toezeggen dat …, vraagt X.") or a condition ("Zegt de minister dat het
    kan, dan …"). The person named in it is asked or supposed, not reported: the clause after a cue inside it is not
    that person's speech."""
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or not is_finite_verb(first):
        return False
    # without tags "Zijn woordvoerder laat weten dat …" opens with a possessive, not with the verb "zijn"
    return annotated(sent.doc, "POS") or first.lower_ not in POSSESSIVES


def asks(verb: Token, sent: Span) -> bool:
    """The verb asks (question_verbs.txt): "vraagt", "informeert", or "weten" with a form of "willen" at most
    `MAX_WANT_REACH` tokens before it ("wil weten of …")."""
    form = verb.lower_
    if form not in word_set("question_verbs.txt"):
        return False
    if form != "weten":
        return True
    lo = max(sent.start, verb.i - MAX_WANT_REACH)
    return any(t.lower_ in word_set("want_verbs.txt") for t in verb.doc[lo : verb.i])


def opens_clause(token: Token, *, question: bool) -> bool:
    """The token opens the reported clause: "dat" or "of", and after a question cue also "waarom", "hoe", …"""
    lower = token.lower_
    if lower in ("dat", "of"):
        return True
    return question and lower in word_set("question_words.txt")


def is_infinitive(token: Token) -> bool:
    """An infinitive after "te": "zijn", "gaan", or a word ending in "-en" (or a verb tagged VerbForm=Inf)."""
    if annotated(token.doc, "MORPH") and token.morph.to_dict().get("VerbForm") == "Inf":
        return True
    lower = token.lower_
    return token.is_alpha and (lower in SHORT_INFINITIVES or (len(lower) > 3 and lower.endswith("en")))


def takes_infinitive(verb: Token) -> bool:
    """The speech verb may report speech with a "te"-infinitive (infinitive_speech_verbs.txt)."""
    lemma = speech_verb_lemma(verb)
    if lemma is None or _attributive(verb):
        return False
    return lemma.split()[0] in word_set("infinitive_speech_verbs.txt")


def _attributive(token: Token) -> bool:
    """A participle used as an adjective ("de twijfelende kiezers"), not a verb."""
    if annotated(token.doc, "POS") and token.pos_ == "ADJ":
        return True
    return token.lower_.endswith("ende")


def passive(verb: Token, lo: int) -> bool:
    """A form of "worden" (passive_auxiliaries.txt) stands between token `lo` and the verb, or right after it: the
    person named was asked or told ("Timmermans werd gevraagd wat …")."""
    doc = verb.doc
    window = doc[max(lo, verb.i - MAX_NEGATION_REACH, 0) : min(verb.i + 2, len(doc))]
    return any(t.lower_ in word_set("passive_auxiliaries.txt") for t in window if t.i != verb.i)


def infinitive_te(verb: Token, end: int) -> Token | None:
    """The "te" of the verb's infinitive complement within `MAX_VERB_TO_TE` tokens, quotation marks not counted
    (before token `end`), or None when a "dat", "of", "om" or punctuation comes first: "zegt verbijsterd te zijn" →
    "te"."""
    doc = verb.doc
    counted = 0
    for k in range(verb.i + 1, min(end, verb.i + 1 + 2 * MAX_VERB_TO_TE)):
        tok = doc[k]
        if tok.lower_ in _INFINITIVE_STOPS:
            return None
        if tok.is_quote:
            continue  # a quotation mark neither stops nor counts: "zei “echt niks” te hebben met …"
        counted += 1
        if counted > MAX_VERB_TO_TE:
            return None
        if tok.lower_ == "te" and k + 1 < end and is_infinitive(doc[k + 1]):
            return tok
    return None


@cache
def _particle_verbs() -> dict[str, frozenset[str]]:
    """Verb form → the particles that make it a separable speech verb: the pairs of particle_speech_verbs.txt, and
    every form of a separable verb in speech_verbs.txt that the table gives to another verb ("toezeggen toe: zegt"
    while "zegt" is "zeggen"; "oproepen op: roept" while "roept" is "roepen"), so "zegt toe dat" keeps its "toe"."""
    table: dict[str, set[str]] = {}
    for line in word_set("particle_speech_verbs.txt"):
        form, _, particle = line.partition(" ")
        table.setdefault(form, set()).add(particle.strip())
    for form, particle in _shadowed_separable_forms():
        table.setdefault(form, set()).add(particle)
    return {form: frozenset(particles) for form, particles in table.items()}


def _shadowed_separable_forms() -> list[tuple[str, str]]:
    """(form, particle) of separable speech verbs (a one-word particle in speech_verbs.txt, "toezeggen toe: …") whose
    finite form the speech verb table gives to a verb of another lemma ("zegt" → "zeggen")."""
    table = speech_verbs()
    pairs: list[tuple[str, str]] = []
    for line in sorted(word_set("speech_verbs.txt")):
        head, _, forms = line.partition(":")
        lemma, *companion = head.split()
        if len(companion) != 1 or not companion[0].isalpha():
            continue
        particle = companion[0]
        for form in forms.split():
            owner = table.get(form)
            if owner is not None and owner.lemma != lemma and not form.startswith(particle):
                pairs.append((form, particle))
    return pairs


@cache
def particle_verb_forms() -> frozenset[str]:
    """The verb forms that take a particle to be a speech verb ("geeft" of "geeft toe"): `particle_of` is None for
    every other word."""
    return frozenset(form for form, particles in _particle_verbs().items() if particles)


def particle_of(verb: Token, end: int) -> int | None:
    """Token index of the particle that makes the verb a separable speech verb (particle_speech_verbs.txt) when it
    stands after the verb before token `end`: "Bikker geeft toe dat …" → the index of "toe"."""
    particles = _particle_verbs().get(verb.lower_)
    if not particles:
        return None
    return next((t.i for t in verb.doc[verb.i + 1 : end] if t.lower_ in particles), None)


#: Conjunctions that may join a second main clause to the speaker's sentence ("zegt dat A en wil B").
_COORDINATORS = frozenset({"en", "maar", "want"})
#: Relative pronouns: after one, "en" + verb may continue the relative clause.
RELATIVES = frozenset({"die", "dat", "wie", "wat", "waar", "welke"})
#: The fewest tokens of a reported clause before a coordinated main clause ("dat hij en zijn partij …" is no cut).
MIN_CLAUSE_BEFORE_COORDINATION = 2


def clause_end(sent: Span, start: int) -> int:
    """Token index where a reported clause that starts at token `start` in the sentence stops: before "en"/"maar" directly followed by
    a finite verb, which coordinates a new main clause of the speaker's sentence ("De partij zegt dat Nederland
    afhankelijk is van arbeidsmigratie en wil huizen bouwen" → the clause ends at "arbeidsmigratie")."""
    doc = sent.doc
    for k in range(start + MIN_CLAUSE_BEFORE_COORDINATION, sent.end - 1):
        if doc[k].lower_ in RELATIVES:
            return sent.end  # "mensen die worden onderdrukt en vechten": the relative clause shares its subject
        if doc[k].lower_ in _COORDINATORS and _finite(doc[k + 1]):
            return k
        if doc[k].text == "," and doc[k + 1].lower_ in _COORDINATORS and _new_subject_clause(doc, k + 2, sent.end):
            return k  # "dat het om een jongen gaat, maar de politie kan dat niet bevestigen": the writer's clause
    return sent.end


#: The most tokens of the subject of a coordinated main clause ("maar de nieuwe politie kan …").
MAX_SUBJECT_TOKENS = 3


def _new_subject_clause(doc: Doc, k: int, end: int) -> bool:
    """From token k a main clause with a subject of its own: an article or personal pronoun, at most
    `MAX_SUBJECT_TOKENS` tokens, then a finite verb ("de politie kan", "zij willen")."""
    if k >= end or not (doc[k].lower_ in ARTICLES or doc[k].lower_ in word_set("subject_pronouns.txt")):
        return False
    return any(_finite(t) for t in doc[k + 1 : min(end, k + 1 + MAX_SUBJECT_TOKENS)])


def _finite(token: Token) -> bool:
    if annotated(token.doc, "MORPH") and token.morph.to_dict().get("VerbForm"):
        return token.morph.to_dict().get("VerbForm") == "Fin"
    return is_finite_verb(token)


def topic_cue(text: str) -> re.Match[str] | None:
    """The first minutes cue with a topic object in `text` ("informeert naar", "heeft een vraag over")."""
    found = [m for m in (p.search(text) for p in patterns("topic_cues.txt")) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def impersonal_cue(cue: str) -> bool:
    """The cue ends in a speech verb and an impersonal subject ("klonk het", "zo luidde het", "zegt men"; not "zegt
    het bestuur"): it names no source, so nobody nearby is to be taken as the speaker (impersonal_subjects.txt)."""
    words = cue.lower().replace(",", " ").rstrip(" .!?:").split()
    return len(words) >= 2 and words[-2] in speech_verbs() and words[-1] in word_set("impersonal_subjects.txt")


#: Dashes that open a byline after a quote ("“…” – burgemeester Anna de Wit").
BYLINE_DASHES = ("–", "—", "-")


def unresolved_cue(cue: str) -> bool:
    """The quote has a cue of its own that names no one the mentions know: impersonal ("klonk het") or a byline with
    an unknown name ("– bewoonster Sanne", kept with its dash). No other sieve step may then guess a speaker."""
    return impersonal_cue(cue) or cue.startswith(BYLINE_DASHES)


def announces(text: str) -> bool:
    """The sentence announces that someone takes the floor ("Daarna nam X het woord.")."""
    return any(p.search(text) for p in patterns("announcing_phrases.txt"))


#: The most tokens between two parts of a cue (the speech verb, its source, its particle) that are kept in the cue's
#: text ("liet de gemeente gisteren weten"); a longer stretch, or one with punctuation in it, is left out as " … ".
MAX_CUE_GAP = 2
#: The most tokens of a cue that names no source the mentions know ("klonk het", "zo luidde het").
MAX_UNNAMED_CUE_TOKENS = 4


def cue_text(doc: Doc, parts: list[tuple[int, int]], *, closing: int | None = None) -> str:
    """The words of a cue: the token ranges [start, end) of its speech verb, its source and the verb's particle,
    in text order; ranges at most `MAX_CUE_GAP` tokens apart (with no punctuation between) are joined with the words
    between them, others with " … " ("Caitlin Dijkstra … vindt", "voegt Els Arts toe", "liet weten"). `closing`
    (the "dat", "of" or colon after the cue) is added only when it directly follows the last part. A cue is so at
    most a few words longer than its verb and source, however far apart they stand in the sentence."""
    ranges = sorted((s, e) for s, e in parts if e > s)
    if not ranges:
        return ""
    merged: list[list[int]] = [list(ranges[0])]
    for start, end in ranges[1:]:
        last = merged[-1]
        gap = doc[last[1] : start] if start > last[1] else doc[0:0]
        if start <= last[1] or (len(gap) <= MAX_CUE_GAP and not any(t.is_punct or t.is_space for t in gap)):
            last[1] = max(last[1], end)
        else:
            merged.append([start, end])
    if closing is not None and closing == merged[-1][1]:
        merged[-1][1] = closing + 1
    return " … ".join(doc[start:end].text for start, end in merged)


def companion_at(verb: Token, end: int) -> int | None:
    """Token index of the particle or verb that completes a separable speech verb after it and before token `end`
    ("voegt … toe", "liet … weten"; `particle_speech_verbs.txt` and the companions of `speech_verbs.txt`), or None."""
    particle = particle_of(verb, end)
    if particle is not None:
        return particle
    table = speech_verbs()
    entry = table.get(verb.lower_) or table.get(verb.lemma_.lower())
    if entry is None or entry.companion is None:
        return None
    return next((t.i for t in verb.doc[verb.i + 1 : end] if t.lower_ == entry.companion), None)
