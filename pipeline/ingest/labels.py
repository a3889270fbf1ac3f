"""Speakers from turn labels: one `Participant` per person across the label variants of a transcript.

Called by `read_bytes` on every transcript after its reader. A label such as "Mevrouw HOEKSTRA (GroenLinks)" is
parsed into a form of address, roles, a name and organisations (`parse_label`); the labels of one transcript
are then grouped so that "Mevrouw HOEKSTRA (GroenLinks)", "mevrouw Hoekstra" and "Hoekstra" become one
participant named "Hoekstra" with organisation GroenLinks, and every turn of that person carries the same
`Block.speaker` key. "De voorzitter" is linked to the chair when the document names one (a header line
"Voorzitter: Arib", an attendance list "H. Wijnands (voorzitter)", a label "Mevrouw Arts (voorzitter)", a reader
that marks the chair; when a sitting names several chairs in turn, each chair turn goes to the one named last
before it); otherwise it stays the office (type "office"). Another role without a name ("De wethouder") joins
the one person holding that role, if there is exactly one. Header lines "Griffier: C. Vos" give roles. Diarisation labels ("SPEAKER_00", "Spreker 1") are type "unknown";
bodies ("College") type "group".

Readers that know more than a label (ParlaMint metadata, a council page's role line) put a `Participant`
under the label's key in `Transcript.participants` before this runs; its name, roles, organisations and chair
flag are kept and label variants are merged into it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from pipeline.capitals import LOWER, UPPER
from pipeline.ingest.model import Block, BlockKind, Participant, Transcript
from pipeline.resources import _lines, patterns, word_set
from pipeline.speakers.abbreviations import merge_abbreviations, same_organisation, written_ties

#: Label text of a person's name: at most this many tokens after roles and forms of address.
MAX_NAME_TOKENS = 5
#: Characters of a bracketed part after a name ("(GroenLinks)", "(Guest)").
MAX_BRACKET_CHARS = 60

#: Capitals by Unicode category, not a list of ranges: "Ş.", "İ. Ağar", "Łukasz", "Őry" (pipeline.capitals).
_INITIALS = re.compile(rf"^(?:[{UPPER}][{LOWER}]?\.)+(?:[{UPPER}][{LOWER}]?)?$")
_NAME_TOKEN = re.compile(rf"^[{UPPER}][\w'’.-]*$")
_TRAILING_BRACKET = re.compile(rf"\s*[(\[]\s*([^()\[\]]{{1,{MAX_BRACKET_CHARS}}}?)\s*[)\]]\s*$")
#: A bare upper-case label of at most four characters, or with a digit, is a party or body ("CDA", "D66", "SP").
_ACRONYM = re.compile(r"^(?=[A-Z0-9]{2,5}$)(?:[A-Z]{2,4}|[A-Z]+\d+|\d+[A-Z]+)$")
_ARTICLE = re.compile(r"^(?:de|het)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    """What one speaker label says.

    `type` is "person", "office" (a role without a name: "De voorzitter"), "unknown" (diarisation) or "group"
    ("College"). `name` is the name as written with upper-case words normalised ("HOEKSTRA" → "Hoekstra"),
    or for offices, groups and unknown speakers the label itself in normalised case. `given` is a first name
    or initials ("Lisa", "P."), `surname` the rest ("Kramer", "Van der Ham"). `gender` is "m", "v" or None.
    """

    raw: str
    type: str
    name: str
    roles: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    given: str | None = None
    surname: str | None = None
    gender: str | None = None


@cache
def _roles() -> tuple[str, ...]:
    return tuple(sorted(word_set("label_roles.txt"), key=len, reverse=True))


@cache
def _honorifics() -> tuple[tuple[str, str | None], ...]:
    pairs = []
    for line in _lines("label_honorifics.txt"):
        form, _, gender = line.partition("\t")
        pairs.append((form.strip().lower(), gender.strip() if gender.strip() in ("m", "v") else None))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _particles() -> frozenset[str]:
    return word_set("name_particles.txt") | {"in", "op", "'t", "’t"}


def is_diarisation_label(label: str) -> bool:
    """"SPEAKER_00", "Spreker 1", "Unknown Speaker": an anonymous voice, never a named person."""
    stripped = label.strip().strip("[]").strip()
    return any(p.match(stripped) for p in patterns("diarisation_labels.txt"))


def normalise_case(word: str, *, first: bool) -> str:
    """An all-capital word in normal case: "HOEKSTRA" → "Hoekstra", "VAN" → "Van" (first) or "van"."""
    if len(word) < 2 or not word.isupper() or _INITIALS.match(word):
        return word
    parts = word.split("-")
    out = []
    for i, part in enumerate(parts):
        lowered = part.lower()
        if lowered in _particles() and not (first and i == 0):
            out.append(lowered)
        else:
            out.append(lowered[:1].upper() + lowered[1:])
    # NFC: "İ".lower() is "i" + a combining dot, which upper-cases back to "I" + the dot ("İLKER" → "İlker")
    return unicodedata.normalize("NFC", "-".join(out))


def _strip_prefix(text: str, options: tuple[str, ...]) -> tuple[str | None, str]:
    lowered = text.lower()
    for option in options:
        if lowered == option or lowered.startswith(option + " "):
            return option, text[len(option) :].lstrip()
    return None, text


def _role_prefix(text: str) -> tuple[str | None, str]:
    """A role word at the start, with an optional article ("De voorzitter", "Het lid Peeters")."""
    role, rest = _strip_prefix(text, _roles())
    if role is None and _ARTICLE.match(text):
        article_free = _ARTICLE.sub("", text, count=1)
        role, rest = _strip_prefix(article_free, _roles())
        if role is None:
            return None, text
    if role == "het lid":
        role = "lid"
    return role, rest


def _honorific_prefix(text: str) -> tuple[bool, str | None, str]:
    for form, gender in _honorifics():
        lowered = text.lower()
        if lowered.startswith(form + " "):
            return True, gender, text[len(form) + 1 :].lstrip()
    return False, None, text


def _office_name(raw: str) -> str:
    words = raw.split()
    out = [normalise_case(w, first=i == 0).lower() if w.isupper() and len(w) > 1 else w for i, w in enumerate(words)]
    name = " ".join(out)
    return name[:1].upper() + name[1:]


def _split_name(tokens: list[str]) -> tuple[str | None, str]:
    """(given name or initials, surname) of name tokens: ["P.", "Terpstra"] → ("P.", "Terpstra")."""
    given: list[str] = []
    i = 0
    while i < len(tokens) - 1 and _INITIALS.match(tokens[i]):
        given.append(tokens[i])
        i += 1
    first = tokens[0]
    hyphen_particle = "-" in first and first.split("-")[-1].lower() in _particles()
    if not given and len(tokens) >= 2 and first.lower() not in _particles() and not hyphen_particle:
        given.append(first)
        i = 1
    surname_tokens = tokens[i:]
    surname = " ".join(surname_tokens)
    if not given:
        surname = surname[:1].upper() + surname[1:]  # a bare surname opens with a capital: "De Vries"
    return (" ".join(given) or None), surname


#: A directory-style name, surname first ("Mulder, Ruud", "Şahin, Elif", "Dijk, Jan van"; Teams and Outlook labels).
_INVERTED_NAME = re.compile(rf"^(?P<surname>[{UPPER}][\w'’-]*(?:\s+[{UPPER}][\w'’-]*)?),\s*(?P<given>[^,]+)$")


def _uninverted(text: str) -> str:
    """"Surname, Given [particles]" in reading order ("Mulder, Ruud" → "Ruud Mulder", "Dijk, Jan van" → "Jan van
    Dijk"); any other text unchanged. The part after the comma must be given names or initials (capitalised) and then
    only name particles, so a list of two names ("Jansen, De Vries") or a phrase stays as it is."""
    m = _INVERTED_NAME.match(text)
    if not m:
        return text
    words = m.group("given").split()
    particles = _particles()
    k = len(words)
    while k > 0 and words[k - 1].lower() in particles:
        k -= 1
    given, trailing = words[:k], words[k:]
    if not 1 <= len(given) <= 3 or not all(_NAME_TOKEN.match(w) for w in given):
        return text
    if any(w.lower() in particles for w in given):
        return text  # "Jansen, De Vries": a second surname, not a given name
    surname = m.group("surname").lower()
    if surname in word_set("label_roles.txt") or any(surname == form for form, _ in _honorifics()):
        return text  # "Voorzitter, Dank": a role speaking, not a name
    return " ".join([*given, *(w.lower() for w in trailing), m.group("surname")])


@lru_cache(maxsize=65_536)
def parse_label(raw: str) -> Label | None:
    """Parse a speaker label; None when the text is not a speaker label ("Let op", "Hij zei het volgende").

    >>> parse_label("Mevrouw HOEKSTRA (GroenLinks)").name
    'Hoekstra'
    """
    text = " ".join(raw.split()).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    if not text or len(text) > 120:
        return None
    if is_diarisation_label(text):
        return Label(raw=raw, type="unknown", name=text)
    roles: list[str] = []
    organisations: list[str] = []
    while True:
        match = _TRAILING_BRACKET.search(text)
        if not match or match.start() == 0:
            break
        for part in re.split(r"\s*[,;/]\s*", match.group(1)):
            lowered = part.strip().lower()
            if not lowered:
                continue
            if lowered in word_set("label_guest_marks.txt"):
                roles.append("gast")
            elif lowered in word_set("label_roles.txt"):
                roles.append("lid" if lowered == "het lid" else lowered)
            else:
                organisations.append(part.strip())
        text = text[: match.start()].rstrip()
    text = _uninverted(text)
    lowered = text.lower()
    if lowered in word_set("non_speaker_labels.txt") or lowered in word_set("transcript_header_keys.txt"):
        return None
    if lowered in word_set("label_groups.txt") or _ACRONYM.match(text):
        return Label(raw=raw, type="group", name=text if _ACRONYM.match(text) else _office_name(text), roles=tuple(roles), organisations=tuple(organisations))
    gender = None
    has_honorific, gender, rest = _honorific_prefix(text)
    role, rest2 = _role_prefix(rest)
    if role is not None:
        roles.insert(0, role)
        rest = rest2
        if not has_honorific:
            has_honorific, gender, rest = _honorific_prefix(rest)
    if not rest:
        if role is None:
            return None
        if has_honorific:
            return None  # "De heer" alone
        return Label(raw=raw, type="office", name=_office_name(text), roles=tuple(dict.fromkeys(roles)), organisations=tuple(organisations))
    if role is not None and re.match(r"^(van|voor)\s", rest):
        # a portfolio, not a name: "Minister van Financiën"
        return Label(raw=raw, type="office", name=_office_name(text), roles=tuple(dict.fromkeys(roles)), organisations=tuple(organisations))
    tokens = rest.split()
    if not 1 <= len(tokens) <= MAX_NAME_TOKENS:
        return None
    particles = _particles()
    for token in tokens:
        if token.lower() in particles:
            continue
        if not _NAME_TOKEN.match(token) or token.endswith("-"):
            return None
    if all(t.lower() in particles for t in tokens) or (tokens[-1].endswith(".") and not _INITIALS.match(tokens[-1])):
        return None
    if len(tokens) == 1 and tokens[0].endswith("."):
        return None
    words = [normalise_case(t, first=i == 0) for i, t in enumerate(tokens)]
    given, surname = _split_name(words)
    name = f"{given} {surname}" if given else surname
    return Label(
        raw=raw, type="person", name=name, roles=tuple(dict.fromkeys(roles)), organisations=tuple(dict.fromkeys(organisations)),
        given=given, surname=surname, gender=gender,
    )


def is_speaker_label(label: str) -> bool:
    """A name, a role such as "De voorzitter", a diarisation label, or "De heer X (Partij)"."""
    return parse_label(label) is not None


# --- chair and attendance named in the document ------------------------------------------------------------

#: "Voorzitter: Arib" (no article, no closing punctuation: "De voorzitter: Welkom." is the chair speaking).
_CHAIR_HEADER = re.compile(r"^\s*voorzitt(?:er|ster)\s*:\s*(?P<name>[^:\n]{2,80}?[^.!?:;,\s])\s*$", re.IGNORECASE | re.MULTILINE)
_CHAIR_INLINE = re.compile(
    rf"\b[Dd]e\s+voorzitt(?:er|ster)\s*:\s*(?P<name>(?:de heer|mevrouw|dhr\.|mevr\.|mw\.)\s+(?:[{UPPER}][{LOWER}]?\.)+\s*"
    rf"(?:(?:van|de|der|den|ter|ten|in 't)\s+)*[{UPPER}][\w'’-]+)"
)
_ATTENDANCE = re.compile(r"^\s*(?:aanwezig(?:en| zijn)?|deelnemers)\b[^:\n]{0,60}:\s*(?P<list>.+)$", re.IGNORECASE | re.MULTILINE)


def chair_from_header(line: str) -> Label | None:
    """The chair a header line names ("Voorzitter: Arib"), else None (also for "Voorzitter: Dank u wel.")."""
    m = _CHAIR_HEADER.match(line)
    if not m:
        return None
    label = parse_label(m.group("name"))
    if label is None or label.type != "person":
        return None
    return replace(label, roles=tuple(dict.fromkeys(("voorzitter", *label.roles))))


@cache
def _role_key() -> re.Pattern[str]:
    roles = {r for r in word_set("label_roles.txt") if not r.startswith(("voorzit", "het "))}
    forms = roles | {r + "s" for r in roles} | {r[:-3] + "leden" for r in roles if r.endswith("lid")}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"^\s*(?P<role>{alternation})\s*:\s*(?P<names>[^:\n]{{2,200}})$", re.IGNORECASE)


def role_header(line: str) -> list[Label]:
    """People a header line names for a role other than the chair ("Griffier: C. Vos", "Wethouders: A. Smit en
    B. Kok"): each with that role; [] when the value is not only names ("Wethouder: Dank u wel.")."""
    m = _role_key().match(line)
    if not m:
        return []
    role = m.group("role").lower()
    singular = next((r for r in word_set("label_roles.txt") if role in (r, r + "s") or (r.endswith("lid") and role == r[:-3] + "leden")), role)
    value = m.group("names").strip()
    items = [i for i in re.split(r"\s*[,;]\s*|\s+en\s+", value) if i]
    if len(items) == 1 and len(value.split()) == 1 and not _INITIALS.match(value.split()[0]):
        return []  # "Griffier: Welkom." could be speech; one bare word is never taken for a header
    found = []
    for item in items:
        label = parse_label(item.rstrip(".") if item.endswith(".") and not _INITIALS.match(item.split()[-1]) else item)
        if label is None or label.type != "person":
            return []
        found.append(replace(label, roles=tuple(dict.fromkeys((singular, *label.roles)))))
    return found


def attendance(line: str) -> list[Label]:
    """People of an attendance line ("Aanwezig: H. Wijnands (voorzitter), mevr. E. Roos (wethouder), dhr. K. Brink.")."""
    m = _ATTENDANCE.match(line)
    if not m:
        return []
    items = re.split(r"\s*[,;]\s*|\s+en\s+", m.group("list").strip().rstrip("."))
    found = []
    for item in items:
        label = parse_label(item)
        if label is not None and label.type == "person":
            found.append(label)
    return found


def _named_in_document(transcript: Transcript) -> list[tuple[Label, bool, int]]:
    """People the non-turn lines name: (label, is chair, offset of the block that names them)."""
    found: list[tuple[Label, bool, int]] = []
    for block in transcript.blocks:
        if block.kind is BlockKind.TURN:
            continue
        for line in block.text.split("\n"):
            chair = chair_from_header(line)
            if chair is not None:
                found.append((chair, True, block.start))
                continue
            for label in attendance(line):
                found.append((label, "voorzitter" in label.roles, block.start))
            for label in role_header(line):
                found.append((label, False, block.start))
            for m in _CHAIR_INLINE.finditer(line):
                named = parse_label(m.group("name"))
                if named is not None and named.type == "person":
                    found.append((replace(named, roles=("voorzitter", *named.roles)), True, block.start))
    return found


def named_participants(transcript: Transcript) -> list[Participant]:
    """People the document's header, attendance and role lines name, with their roles ("Aanwezig: H. Wijnands
    (voorzitter), mevr. E. Roos (wethouder)" → H. Wijnands, chair, role voorzitter; E. Roos, role wethouder), one
    per person, in document order; also for prose reports, where nobody holds turns (for the speaker registry)."""
    people: list[Participant] = []
    for label, is_chair, _offset in _named_in_document(transcript):
        same = next((p for p in people if p.name == label.name), None)
        if same is None:
            people.append(Participant(key=label.name, name=label.name, roles=list(label.roles), organisations=list(label.organisations), chair=is_chair))
        else:
            same.roles.extend(r for r in label.roles if r not in same.roles)
            same.chair = same.chair or is_chair
    return people


# --- grouping labels into participants -----------------------------------------------------------------------


@dataclass(eq=False)
class _Cluster:
    labels: list[Label] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    prefilled: Participant | None = None
    chair: bool = False
    holds_turns: bool = False

    @property
    def type(self) -> str:
        return self.prefilled.type if self.prefilled else self.labels[0].type

    def given(self) -> str | None:
        options = [lab.given for lab in self.labels if lab.given]
        full = [g for g in options if not _INITIALS.match(g.split()[0])]
        chosen = full or options
        return chosen[0] if chosen else None

    def gender(self) -> str | None:
        return next((lab.gender for lab in self.labels if lab.gender), None)

    def organisations(self) -> list[str]:
        orgs = list(self.prefilled.organisations) if self.prefilled else []
        for lab in self.labels:
            orgs.extend(lab.organisations)
        return merge_abbreviations(_unique_ci(orgs))  # "(GroenLinks)" and "(GL)" of one person: one party

    def roles(self) -> list[str]:
        roles = list(self.prefilled.roles) if self.prefilled else []
        for lab in self.labels:
            roles.extend(lab.roles)
        if self.chair:
            roles.append("voorzitter")
        return _unique_ci(roles)

    def surname_key(self) -> str | None:
        return _surname_key(self.labels[0]) if self.labels else None


def _unique_ci(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def _bare(name: str) -> str:
    """A group or office name without its article, lower case: "Het college" → "college"."""
    return _ARTICLE.sub("", name.strip()).lower()


def _surname_key(label: Label) -> str | None:
    return label.surname.lower() if label.type == "person" and label.surname else None


def _given_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a_norm, b_norm = a.replace(" ", "").lower(), b.replace(" ", "").lower()
    a_initials, b_initials = bool(_INITIALS.match(a.split()[0])), bool(_INITIALS.match(b.split()[0]))
    if a_initials and b_initials:
        return a_norm.startswith(b_norm) or b_norm.startswith(a_norm)
    if a_initials or b_initials:
        return a_norm[0] == b_norm[0]
    return a_norm == b_norm


def _compatible(cluster: _Cluster, label: Label) -> bool:
    if cluster.type != "person" or cluster.surname_key() != _surname_key(label):
        return False
    if cluster.gender() and label.gender and cluster.gender() != label.gender:
        return False
    orgs = cluster.organisations()
    if orgs and label.organisations and not any(same_organisation(a, b) for a in orgs for b in label.organisations):
        return False
    return _given_compatible(cluster.given(), label.given)


def _specificity(label: Label) -> int:
    score = 0
    if label.given and not _INITIALS.match(label.given.split()[0]):
        score += 4
    elif label.given:
        score += 3
    if label.organisations:
        score += 2
    if label.gender:
        score += 1
    return score


def resolve_labels(transcript: Transcript) -> Transcript:
    """Give every turn the key of one participant per person (in place; returns the transcript).

    Fills `transcript.participants` (in order of first turn) and rebuilds the turn blocks whose label was
    merged into another participant. Participants that hold no turn are dropped.
    """
    first_seen: dict[str, int] = {}
    for block in transcript.blocks:
        if block.kind is BlockKind.TURN and block.speaker and block.speaker not in first_seen:
            first_seen[block.speaker] = len(first_seen)
    order = list(first_seen)
    if not order:
        transcript.participants = {}
        return transcript
    prefilled = dict(transcript.participants)
    clusters: list[_Cluster] = []
    key_cluster: dict[str, _Cluster] = {}
    # indexes so that grouping stays linear in the number of labels: person clusters by surname and first name
    by_surname: dict[str, list[_Cluster]] = {}
    by_given: dict[str, list[_Cluster]] = {}

    def add(cluster: _Cluster) -> _Cluster:
        clusters.append(cluster)
        index(cluster, cluster.labels[0])
        return cluster

    def index(cluster: _Cluster, label: Label) -> None:
        if cluster.type != "person":
            return
        surname = _surname_key(cluster.labels[0])
        if surname and cluster not in by_surname.setdefault(surname, []):
            by_surname[surname].append(cluster)
        if label.given and not _INITIALS.match(label.given.split()[0]):
            given = by_given.setdefault(label.given.lower(), [])
            if cluster not in given:
                given.append(cluster)

    def compatible(label: Label) -> list[_Cluster]:
        return [c for c in by_surname.get(_surname_key(label) or "", []) if _compatible(c, label)]

    # 1. participants readers already know, and people the document names (chair, attendance list)
    for key, participant in prefilled.items():
        label = parse_label(participant.name) if participant.type == "person" else None
        label = label if label is not None and label.type == "person" else Label(raw=participant.name, type=participant.type, name=participant.name)
        cluster = add(_Cluster(labels=[label], keys=[key], prefilled=participant, chair=participant.chair))
        key_cluster[key] = cluster
    chair_named: list[tuple[int, _Cluster]] = []  # (offset, chair) for each time the document names the chair
    for label, is_chair, offset in _named_in_document(transcript):
        match = compatible(label)
        if len(match) == 1:
            named = match[0]
            named.labels.append(label)
            index(named, label)
            named.chair = named.chair or is_chair
        else:
            named = add(_Cluster(labels=[label], chair=is_chair))
        if is_chair:
            chair_named.append((offset, named))

    # 2. labels of the turns, most specific first so that bare surnames join the fullest form
    parsed: dict[str, Label] = {}
    for key in order:
        if key in key_cluster:
            continue
        label = parse_label(key)
        parsed[key] = label if label is not None else Label(raw=key, type="person", name=key, surname=key)
    offices: list[str] = []
    groups: dict[tuple[str, str], _Cluster] = {(c.type, _bare(c.labels[0].name)): c for c in clusters if c.type in ("unknown", "group")}
    for key in sorted(parsed, key=lambda k: -_specificity(parsed[k])):
        label = parsed[key]
        if label.type == "office":
            offices.append(key)
            continue
        if label.type in ("unknown", "group"):
            same = groups.get((label.type, _bare(label.name)))
            cluster = same or add(_Cluster(labels=[label]))
            groups[(label.type, _bare(label.name))] = cluster
        else:
            match = compatible(label)
            if not match and label.given is None and label.surname and " " not in label.surname:
                # a first name alone ("Lisa") is the one person with that first name ("Lisa Kramer")
                match = [c for c in by_given.get(label.surname.lower(), []) if (c.given() or "").lower() == label.surname.lower()]
            if len(match) == 1:
                cluster = match[0]
                cluster.labels.append(label)
                index(cluster, label)
            else:
                cluster = add(_Cluster(labels=[label]))
        cluster.keys.append(key)
        key_cluster[key] = cluster

    # 3. offices: the chair, or the one person who holds that role, else the office itself; when the document
    #    names several chairs in turn ("Voorzitter: Arib" … "Voorzitter: Bosma"), each chair turn goes to the
    #    chair named last before it
    chairs_in_turn = list(dict.fromkeys(c for _, c in chair_named))
    by_position: dict[str, list[tuple[int, _Cluster]]] = {}
    for key in sorted(offices, key=first_seen.__getitem__):
        label = parsed[key]
        role = label.roles[0] if label.roles else ""
        target: _Cluster | None = None
        persons = [c for c in clusters if c.type == "person"]
        if role in ("voorzitter", "voorzitster", "dagvoorzitter"):
            chairs = [c for c in persons if c.chair]
            if len(chairs_in_turn) > 1:
                by_position[key] = chair_named
                for chair in chairs_in_turn:
                    chair.labels.append(label)
                continue
            if not chairs:
                chairs = [c for c in persons if set(c.roles()) & {"voorzitter", "voorzitster", "dagvoorzitter"}]
                for chair in chairs if len(chairs) == 1 else []:
                    chair.chair = True
            target = chairs[0] if len(chairs) == 1 else None
        elif len(label.name.split()) <= 2:
            holders = [c for c in persons if role in c.roles()]
            target = holders[0] if len(holders) == 1 else None
        if target is None:
            target = next((c for c in clusters if c.type == "office" and c.labels[0].roles[:1] == label.roles[:1] and _bare(c.labels[0].name) == _bare(label.name)), None)
            if target is None:
                same_role = [c for c in clusters if c.type == "office" and c.labels[0].roles[:1] == label.roles[:1] and len(label.name.split()) <= 2 and len(c.labels[0].name.split()) <= 2]
                target = same_role[0] if same_role else None
        if target is None:
            target = _Cluster(labels=[label])
            clusters.append(target)
        else:
            target.labels.append(label)
        target.keys.append(key)
        key_cluster[key] = target

    # 4. participants (in order of first turn) and the key every turn carries
    first_holder: list[_Cluster] = []
    for block in transcript.blocks:
        if block.kind is BlockKind.TURN and block.speaker:
            cluster = _chair_at(by_position[block.speaker], block.start) if block.speaker in by_position else key_cluster[block.speaker]
            if not cluster.holds_turns:
                cluster.holds_turns = True
                first_holder.append(cluster)
    participants: dict[str, Participant] = {}
    cluster_key: dict[int, str] = {}
    ties = written_ties(transcript.text)  # "GroenLinks (GL)" in the text: a label "(GL)" is GroenLinks
    for cluster in first_holder:
        participant = _participant(cluster, participants, ties)
        participants[participant.key] = participant
        cluster_key[id(cluster)] = participant.key
    for session in transcript.sessions:
        blocks = []
        for b in session.blocks:
            if b.kind is BlockKind.TURN and b.speaker:
                cluster = _chair_at(by_position[b.speaker], b.start) if b.speaker in by_position else key_cluster[b.speaker]
                key = cluster_key[id(cluster)]
                if key != b.speaker:
                    b = Block(b.kind, b.start, b.end, b.text, key, b.start_time, b.end_time)
            blocks.append(b)
        session.blocks = blocks
    transcript.participants = participants
    return transcript


def _chair_at(named: list[tuple[int, _Cluster]], offset: int) -> _Cluster:
    """The chair named last before `offset` (the first one named, for turns before any naming)."""
    current = named[0][1]
    for position, chair in named:
        if position > offset:
            break
        current = chair
    return current


def _participant(cluster: _Cluster, taken: dict[str, Participant], ties: dict[str, str] | None = None) -> Participant:
    """The participant of a cluster of labels; `ties` (abbreviation → full name, `written_ties`) name its parties."""
    labels = cluster.labels
    if cluster.prefilled is not None:
        base = cluster.prefilled
        name, key, kind = base.name, base.key, base.type
    elif cluster.type == "person":
        given, surname = cluster.given(), labels[0].surname or labels[0].name
        name = f"{given} {surname}" if given else surname
        key, kind = name, "person"
    else:
        name = labels[0].name
        key, kind = name, cluster.type
    if key in taken:
        orgs = cluster.organisations()
        key = f"{name} ({orgs[0]})" if orgs and f"{name} ({orgs[0]})" not in taken else next(
            f"{name} {i}" for i in range(2, len(taken) + 3) if f"{name} {i}" not in taken
        )
    aliases = _unique_ci([lab.raw.strip() for lab in labels if lab.raw.strip().lower() != name.lower()])
    if cluster.prefilled is not None:
        aliases = _unique_ci(list(cluster.prefilled.aliases) + aliases)
    return Participant(
        key=key, name=name, type=kind, roles=cluster.roles(), organisations=merge_abbreviations(cluster.organisations(), ties),
        aliases=[a for a in aliases if a.lower() != name.lower()], chair=cluster.chair,
    )

