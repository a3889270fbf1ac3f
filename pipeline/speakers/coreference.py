"""Coreference: resolve mentions to people, groups and organisations, and mark who is reported as speaking.

Mentions are read in document order. A name opens (or finds) a record; a surname finds the record with that
surname; a role noun ("de Nijmeegse hoogleraar") or pronoun finds the person most in focus: the first person
mentioned earlier in the same sentence, else in the nearest sentence before it that mentions one. Mentions
inside direct quotes are skipped: they are the speaker's words, not the reporter's. Which quote a speaker said is
decided in `pipeline.quotes.attribution`, from the referents found here.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Token

from pipeline.intervals import Regions
from pipeline.resources import word_set
from pipeline.sentences import doc_text, sentence_of, sentences
from pipeline.speakers.abbreviations import merge_abbreviations, written_ties
from pipeline.speakers.lexicon import (
    has_pos,
    is_finite_verb,
    is_plural_pronoun,
    is_plural_verb,
    is_role_noun,
    is_role_text,
    name_gender,
    party_member_prefix,
    pronoun_gender,
    speech_verb_lemma,
    title_gender,
)
from pipeline.speakers.mentions import ORGANISATION_PREPOSITIONS, Mention, MentionKind, honorific_end, surname
from pipeline.speakers.roles import Description, describe, header_role, inherited_organisation, org_noun_phrase
from pipeline.tokens import token_table

#: How many earlier sentences that name people a pronoun's look-up walks back for a person of its gender.
MAX_FOCUS_SENTENCES = 4

#: How many sentences back "de partij" may find the organisation named last (`org_back_references.txt`).
MAX_BACK_REFERENCE_SENTENCES = 20

#: Words that open a definite organisation mention that may refer back ("de gemeente", "Die partij").
_DEFINITE = frozenset({"de", "het", "deze", "die", "dit", "dat"})

BODY_KINDS = frozenset({MentionKind.GROUP, MentionKind.ORGANISATION})
PERSON_KINDS = frozenset({MentionKind.NAME, MentionKind.SURNAME, MentionKind.ROLE, MentionKind.PRONOUN, MentionKind.DESCRIPTION})


@dataclass
class SpeakerRecord:
    """Everything known about one referent."""

    key: str
    name: str
    type: str = "person"
    description: Description = field(default_factory=Description)
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    first_offset: int = 0
    speaks: bool = False
    gender: str | None = None  # "f" or "m" when the given name or a title says so (for hij/zij agreement)

    def add_alias(self, alias: str) -> None:
        if alias != self.name and alias.lower() not in (a.lower() for a in self.aliases):
            self.aliases.append(alias)

    def to_data(self) -> dict:
        """Plain data for `doc._.speakers` (serialisable with the Doc)."""
        return {
            "key": self.key, "name": self.name, "type": self.type, "roles": list(self.description.roles),
            "organisations": list(self.description.organisations), "aliases": list(self.aliases),
            "mentions": self.mentions, "first_offset": self.first_offset, "speaks": self.speaks, "gender": self.gender,
        }

    @classmethod
    def from_data(cls, data: dict) -> SpeakerRecord:
        """The record stored by `to_data`."""
        return cls(
            key=data["key"], name=data["name"], type=data["type"],
            description=Description(roles=list(data["roles"]), organisations=list(data["organisations"])),
            aliases=list(data["aliases"]), mentions=data["mentions"], first_offset=data["first_offset"], speaks=data["speaks"],
            gender=data.get("gender"),
        )


@dataclass
class Resolution:
    """Records by key and the record each mention refers to."""

    records: dict[str, SpeakerRecord]
    referent: dict[Mention, str]


def _role_head(mention: Mention) -> str:
    """The role noun of a role mention: "hoogleraar" of "de Nijmeegse hoogleraar" and of "De eigenaar van de slang";
    of a description too: "bron" of "een anonieme bron binnen de IND", "iemand" of "iemand uit het publiek"."""
    words = mention.text.split()
    cut = next((k for k, w in enumerate(words[1:], 1) if w.lower() in _COMPLEMENT_WORDS), len(words))
    return words[:cut][-1].lower()


def office_role(mention: Mention) -> str | None:
    """The role an unnamed role mention names ("wethouder" of "De wethouder"), or None when its head is no role noun."""
    head = _role_head(mention)
    return head if is_role_text(head) else None


#: Words that open the complement after a role or description noun ("van de slang", "binnen de IND").
_COMPLEMENT_WORDS = ORGANISATION_PREPOSITIONS | {"uit"}


#: Prepositions that name the source of what is said ("volgens de hoogleraar"): a role after them is still the focus.
_SOURCE_PREPOSITIONS = frozenset({"volgens", "aldus", "door", "namens"})


def _role_party(doc: Doc, m: Mention, head: str) -> str | None:
    """The party or organisation written in a role compound ("de VVD-leider" → "VVD", "de D66'er" → "D66"), or None."""
    for tok in doc[m.start : m.end]:
        if tok.lower_ != head:
            continue
        member_of = party_member_prefix(tok)
        if member_of is not None:
            return member_of
        prefix = tok.text.rsplit("-", 1)[0] if "-" in tok.text else ""
        if prefix[:1].isupper() and prefix.split("-")[0].lower() not in word_set("role_prefixes.txt"):
            return prefix
    return None


#: Dashes that open an apposition ("deze bron - een interim-manager - deelde …").
_DASHES = frozenset({"-", "–", "—"})


def _dash_apposition(doc: Doc, m: Mention, last_person: tuple[Mention, str] | None) -> str | None:
    """The record of the person mention right before "- een X -" when description m is such an apposition."""
    if last_person is None or m.start < 2 or doc[m.start - 1].text not in _DASHES:
        return None
    before, key = last_person
    return key if before.end == m.start - 1 and m.end < len(doc) and doc[m.end].text in _DASHES else None


def _after_preposition(doc: Doc, start: int) -> bool:
    """The phrase at token `start` is the object of a preposition ("van de interim-manager", "naar de woordvoerder"):
    ADP before it where the model tags part of speech, else "van" or a word of `place_prepositions.txt`."""
    if start == 0:
        return False
    before = doc[start - 1]
    if has_pos(doc):
        return before.pos_ == "ADP"
    return before.lower_ == "van" or before.lower_ in word_set("place_prepositions.txt")


def _complement_organisation(doc: Doc, m: Mention) -> str | None:
    """"Een woordvoerder van het Openbaar Ministerie": the organisation after "van"/"bij" in a description, or None."""
    for k in range(m.start + 1, m.end - 1):
        if doc[k].lower_ in ORGANISATION_PREPOSITIONS:
            org = org_noun_phrase(doc, k + 1)
            return org.text if org is not None and org.end <= m.end else None
    return None


class _NameIndex:
    """Person records by full name, by lower-cased surname and by one-word name, with their creation order, so that
    `_find_or_add_name` finds the first matching record without scanning all records."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}
        self.by_name: dict[str, list[str]] = {}
        self.by_surname: dict[str, list[str]] = {}
        self.by_single: dict[str, list[str]] = {}
        self.by_given: dict[str, list[str]] = {}

    def add(self, record: SpeakerRecord) -> None:
        self.order.setdefault(record.key, len(self.order))
        self.by_name.setdefault(record.name, []).append(record.key)
        self.by_surname.setdefault(surname(record.name).lower(), []).append(record.key)
        words = record.name.split()
        if len(words) == 1:
            self.by_single.setdefault(record.name.lower(), []).append(record.key)
        elif surname(record.name) != record.name:
            self.by_given.setdefault(words[0].lower(), []).append(record.key)

    def rename(self, record: SpeakerRecord, old: str) -> None:
        for index, value in (
            (self.by_name, old), (self.by_surname, surname(old).lower()), (self.by_single, old.lower()), (self.by_given, old.split()[0].lower()),
        ):
            keys = index.get(value, [])
            if record.key in keys:
                keys.remove(record.key)
        self.add(record)


def resolve(doc: Doc, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]) -> Resolution:
    """Link every mention outside quoted speech to a record.

    One pass over the mentions in document order; the look-ups (a surname's record, the person in focus, a name's
    record) go through indexes, so the pass is linear in the number of mentions (a role noun's look-up walks the
    people introduced so far, newest first).
    """
    records: dict[str, SpeakerRecord] = {}
    referent: dict[Mention, str] = {}
    by_sentence: dict[int, list[tuple[Mention, str]]] = {}
    person_sentences: list[int] = []  # sorted starts of the sentences in by_sentence
    introduced: dict[str, None] = {}  # record keys in the order of their first entry in by_sentence
    names = _NameIndex()
    inside_quote = Regions(quoted)
    surname_names: dict[str, list[Mention]] = {}
    header_holders: dict[str, set[str]] = {}  # role -> names that header lines give it ("Voorzitter: Karin de Wit")
    offices = _OfficeHolders(records)

    def add_description(key: str, description: Description) -> None:
        records[key].description.extend(description)
        offices.note(key, description.roles)
    for n in mentions:
        if n.kind is MentionKind.NAME:
            surname_names.setdefault(surname(n.text).lower(), []).append(n)
            role = header_role(doc[n.start : n.end])
            if role is not None:
                header_holders.setdefault(role, set()).add(n.text)
    shared_offices = {role for role, holders in header_holders.items() if len(holders) > 1}

    def _add_to_sentence(m: Mention, key: str) -> None:
        """Index a person mention by its sentence, for `focus`."""
        start = sentence_of(doc, m.start).start
        if start not in by_sentence:
            by_sentence[start] = []
            insort(person_sentences, start)
        by_sentence[start].append((m, key))
        introduced.setdefault(key, None)

    def agrees(key: str, gender: str | None) -> bool:
        have = records[key].gender
        return gender is None or have is None or have == gender

    def focus(m: Mention, want_role: str | None = None, gender: str | None = None) -> str | None:
        """The person in focus before mention m: a holder of `want_role`, else the first person of m's sentence, else
        of the nearest sentence before it that names one; with `gender`, only people whose gender agrees (within
        `MAX_FOCUS_SENTENCES` sentences that name people)."""
        sent = sentence_of(doc, m.start)
        # the first agreeing person earlier in the sentence: stops at the first hit, so a sentence with many
        # mentions is not rescanned in full for each of them
        same = next((key for other, key in by_sentence.get(sent.start, []) if other.start < m.start and agrees(key, gender)), None)
        if want_role:
            for key in reversed(introduced):
                if any(want_role in r.lower() for r in records[key].description.roles):
                    return key
        if same is not None:
            return same
        i = bisect_left(person_sentences, sent.start) - 1
        looked = 0
        while i >= 0 and looked < MAX_FOCUS_SENTENCES:
            people = [k for _, k in by_sentence[person_sentences[i]] if records[k].type == "person"]
            agreeing = [k for k in people if agrees(k, gender)]
            if agreeing:
                return agreeing[0]
            if people and gender is None:
                return people[0]
            looked += 1
            i -= 1
        return None

    sentence_starts = [s.start for s in sentences(doc)]

    def sentence_index(token: int) -> int:
        return bisect_right(sentence_starts, token) - 1

    bodies: dict[int, list[tuple[Mention, str]]] = {}  # sentence index -> groups and organisations named in it
    body_sentences: list[int] = []  # sorted keys of bodies (mentions come in document order)

    def body_focus(m: Mention) -> str | None:
        """The group or organisation in focus before a plural pronoun: the first one named earlier in its sentence,
        else the first one of the nearest sentence before it, at most `MAX_FOCUS_SENTENCES` sentences back."""
        here = sentence_index(m.start)
        same = next((key for other, key in bodies.get(here, []) if other.start < m.start), None)
        if same is not None:
            return same
        i = bisect_left(body_sentences, here) - 1
        if i >= 0 and here - body_sentences[i] <= MAX_FOCUS_SENTENCES:
            return bodies[body_sentences[i]][0][1]
        return None

    last_person: tuple[Mention, str] | None = None  # the person mention resolved last, for dash appositions
    holders: dict[str, str] = {}  # "role:…", "plain:…", "org:…" -> the person mentioned last with that role or party
    last_organisation: tuple[str, int] | None = None  # the named organisation mentioned last, with its sentence
    described_roles: dict[str, str] = {}  # role noun -> record of an unnamed person described by it
    described: list[tuple[int, int]] = []  # heap of (end, start) token ranges read as a name's description
    for m in mentions:
        if inside_quote.holds(m.start_char, m.end_char):
            continue
        while described and described[0][0] < m.end:
            if described[0][0] <= m.start:
                heapq.heappop(described)  # ends before this mention, so before every later one too
            else:
                break
        if any(s <= m.start and m.end <= e for e, s in described):
            continue  # part of the apposition or role that describes a named person
        key: str | None = None
        if m.kind is MentionKind.NAME:
            key = _find_or_add_name(records, m, names)
            span = doc[m.start : m.end]
            for start in range(max(0, m.start - 2), m.start):
                if honorific_end(doc, start) == m.start:
                    records[key].add_alias(doc[start : m.end].text)  # "De heer Jansen"
                    if records[key].gender is None:
                        records[key].gender = title_gender(doc[m.start - 1].text)
            if records[key].gender is None:
                records[key].gender = name_gender(m.text)
            description = describe(span)
            for s, e in description.covered:
                heapq.heappush(described, (e, s))
            add_description(key, description)
            for role in description.roles:
                described_roles.pop(role.split()[-1].lower(), None)  # a named holder of the role from now on
            if not records[key].description.organisations:
                org = inherited_organisation(span)
                if org:
                    add_description(key, Description(organisations=[org]))
        elif m.kind is MentionKind.SURNAME:
            family = m.text.lower()
            known = [k for k in names.by_surname.get(family, []) if records[k].type == "person"]
            key = max(known, key=names.order.__getitem__) if known else None  # the newest such record
            if key is None:
                # the surname is used before the full name appears ("Tennet … Netbeheerder Tennet")
                later = next((n for n in surname_names.get(family, []) if n.start > m.start), None)
                if later is not None:
                    key = _find_or_add_name(records, later, names)
            if key is None:
                bearers = {k for k in names.by_given.get(family, []) if records[k].type == "person"}
                key = bearers.pop() if len(bearers) == 1 else None  # "volgens Marjolein": her given name
            if key:
                records[key].add_alias(m.text)
                # "Omtzigt (NSC)", "D66-leider Jetten": a surname, too, may carry a role or party
                description = describe(doc[m.start : m.end])
                for s, e in description.covered:
                    heapq.heappush(described, (e, s))
                add_description(key, description)
        elif m.kind is MentionKind.ROLE:
            head = _role_head(m)
            party = _role_party(doc, m, head)
            if party is not None:
                # "de VVD-leider": a person known with that role or party, else with the bare role ("vicevoorzitter"),
                # else the person in focus, who does not take the party's role from it
                plain_role = head.rsplit("-", 1)[-1]
                key = holders.get(f"role:{head}") or holders.get(f"org:{party.lower()}") or holders.get(f"plain:{plain_role}")
                if key is None:
                    key = focus(m)
                    if key is not None:
                        referent[m] = key
                        records[key].mentions += 1
                        _add_to_sentence(m, key)
                    continue
            elif _after_preposition(doc, m.start) and doc[m.start - 1].lower_ not in _SOURCE_PREPOSITIONS:
                key = None  # "naar de rechter", "een brief aan de minister-president": someone else than the focus
            elif head in described_roles and described_roles[head].startswith("description:") and not _after_preposition(doc, m.start):
                key = described_roles[head]  # "legt de woordvoerder uit", not "het ontslag van de interim-manager"
            elif not is_role_text(head):
                key = None  # "de bron" with no source described by that word: nobody in particular
            elif head in word_set("office_roles.txt"):
                # "De voorzitter": whoever holds the office (the record made last with it); not when header lines name
                # several people for it ("Voorzitter: A" … "Voorzitter: B"): then the office itself
                key = None if head in shared_offices else offices.last(head)
            elif head in described_roles and described_roles[head].startswith("role:"):
                key = described_roles[head]  # "De eigenaar van de slang" after "De eigenaar van de groene mamba"
            elif " van " in m.text and (key := focus(m, head)) is None:
                # "De eigenaar van de groene mamba" with nobody in focus: an unnamed person of its own
                key = f"role:{m.text.lower()}"
                records[key] = SpeakerRecord(key=key, name=m.text, first_offset=m.start_char)
                described_roles[head] = key
                referent[m] = key
                records[key].mentions += 1
                _add_to_sentence(m, key)
                continue
            else:
                key = focus(m, head)
            if key:
                records[key].add_alias(m.text)
                head = _role_head(m)
                if not key.startswith("role:") and is_role_text(head) and not any(head in r.lower() for r in records[key].description.roles):
                    written = next((t.text for t in doc[m.start : m.end] if t.lower_ == head), head)
                    add_description(key, Description(roles=[written]))
                if party is not None and not key.startswith("role:"):
                    add_description(key, Description(organisations=[party]))  # "de NSC-voorman": NSC
        elif m.kind is MentionKind.PRONOUN:
            if is_plural_pronoun(doc[m.start]):
                key = body_focus(m)  # "Zij zien een toename", "volgens hen": a group or organisation, or nobody
            else:
                key = focus(m, gender=pronoun_gender(m.text))
        elif m.kind is MentionKind.DESCRIPTION and (apposed := _dash_apposition(doc, m, last_person)) is not None:
            key = apposed  # "deze bron - een interim-manager - deelde …": the same person, with that role
            if not any(_role_head(m) == r.lower() for r in records[key].description.roles):
                add_description(key, Description(roles=[_role_head(m)]))
        elif m.kind is MentionKind.DESCRIPTION:
            key = f"description:{m.text.lower()}"
            if key not in records:
                records[key] = SpeakerRecord(key=key, name=m.text, first_offset=m.start_char)
                names.add(records[key])
                org = _complement_organisation(doc, m)
                if org is not None:
                    add_description(key, Description(organisations=[org]))
            # "Een woordvoerder van het OM … legt de woordvoerder uit": the role noun refers back to this person
            described_roles[_role_head(m)] = key
        elif m.kind in (MentionKind.GROUP, MentionKind.ORGANISATION):
            coordinated = m.kind is MentionKind.GROUP and ("," in m.text or " en " in m.text)
            name = m.text
            key_name = m.text
            if m.kind is MentionKind.GROUP and not coordinated:
                words = m.text.split()
                key_name = words[-1]  # "deze wetenschappers" is the group "Sociale wetenschappers" named before
                bare = len(words) == 1 or len(words) == 2 and words[0].lower() in ("de", "het", "deze", "die")
                name = words[-1] if bare else m.text  # "de experts" → "experts"; "alle partijen" keeps its quantifier
            back: str | None = None
            if m.kind is MentionKind.ORGANISATION and m.text.split()[0].lower() in _DEFINITE:
                # "de gemeente" refers back to "gemeente Almere"
                head = m.text.split()[-1].lower()
                named = next((r.name for r in records.values() if r.type == "organisation" and head in r.name.lower().split() and r.name.lower() != head), None)
                name = named or m.text.split(maxsplit=1)[-1]
                key_name = name
                if named is None and head in word_set("org_back_references.txt") and last_organisation is not None:
                    # "Ook GroenLinks-PvdA is het oneens. Die partij vindt …": the organisation named just before
                    org_key, org_sentence = last_organisation
                    if sentence_index(m.start) - org_sentence <= MAX_BACK_REFERENCE_SENTENCES:
                        back = org_key
            key = back or f"{m.kind.value}:{key_name.lower()}"
            if key not in records:
                kind = "group" if m.kind is MentionKind.GROUP else "organisation"
                records[key] = SpeakerRecord(key=key, name=name, type=kind, first_offset=m.start_char)
            records[key].add_alias(m.text)
            if m.kind is MentionKind.ORGANISATION and (records[key].name[:1].isupper() or " " in records[key].name):
                last_organisation = (key, sentence_index(m.start))
        if key is None:
            continue
        referent[m] = key
        records[key].mentions += 1
        if m.kind in PERSON_KINDS and records[key].type == "person":
            _add_to_sentence(m, key)
            last_person = (m, key)
            for role in records[key].description.roles:  # the person mentioned last with a role or party holds it
                holders[f"role:{role.lower()}"] = key
                holders[f"plain:{role.lower().split()[-1]}"] = key
            for org in records[key].description.organisations:
                holders[f"org:{org.lower()}"] = key
        elif m.kind in BODY_KINDS:
            start = sentence_index(m.start)
            if not body_sentences or body_sentences[-1] != start:
                body_sentences.append(start)
                bodies[start] = []
            bodies[start].append((m, key))
    ties = written_ties(doc_text(doc))
    if ties:  # "GroenLinks (GL)" in the text: every speaker's "GL" is GroenLinks
        for record in records.values():
            record.description.organisations = merge_abbreviations(record.description.organisations, ties)
    return Resolution(records, referent)


class _OfficeHolders:
    """The records that hold an office ("voorzitter"), kept up to date as roles are added (`note`), so that "De
    voorzitter" finds the record made last with that office (`last`) without walking all records per mention
    (that walk was quadratic in a long meeting's length). Records are never removed."""

    def __init__(self, records: dict[str, SpeakerRecord]) -> None:
        self.records = records
        self.holders: dict[str, set[str]] = {}  # office noun -> keys of the records with a role that is it
        self.position: dict[str, int] = {}  # record key -> its place in the order records were made

    def note(self, key: str, roles: Sequence[str]) -> None:
        for role in roles:
            for head in office_nouns(role):
                self.holders.setdefault(head, set()).add(key)

    def last(self, head: str) -> str | None:
        """The key of the record made last of those with a role whose `office_nouns` hold `head`, or None."""
        keys = self.holders.get(head)
        if not keys:
            return None
        for key in islice(self.records, len(self.position), None):
            self.position[key] = len(self.position)
        return max(keys, key=self.position.__getitem__)


def office_nouns(role: str) -> set[str]:
    """The offices a role (as written: "voorzitter van de raad", "demissionair minister") is: each of its words and
    the part after a hyphen, lower case ("vice-voorzitter" is "voorzitter"; "fractievoorzitter" is no "voorzitter")."""
    return {noun for word in role.lower().split() for noun in (word, word.rsplit("-", 1)[-1])}


def _find_or_add_name(records: dict[str, SpeakerRecord], m: Mention, names: _NameIndex) -> str:
    """The record for a full name; "Wim de Vries" and "W. de Vries" share one when their surnames match.

    The first person record, in creation order, that has this name, or this text as its surname, or a one-word
    name equal to this name's surname (that record then takes the full name).
    """
    candidates = [
        *(k for k in names.by_name.get(m.text, []) if records[k].type == "person"),
        *(k for k in names.by_surname.get(m.text.lower(), []) if records[k].type == "person"),
        *(k for k in names.by_single.get(surname(m.text).lower(), []) if records[k].type == "person"),
    ]
    if not candidates and len(m.text.split()) == 1:
        # "Marjolein" after "Marjolein Sinke-Oele": the given name alone, when one person bears it
        bearers = [k for k in names.by_given.get(m.text.lower(), []) if records[k].type == "person"]
        if len(set(bearers)) == 1:
            records[bearers[0]].add_alias(m.text)
            return bearers[0]
    if candidates:
        key = min(candidates, key=names.order.__getitem__)
        record = records[key]
        if not (record.name == m.text or surname(record.name).lower() == m.text.lower()):
            old = record.name
            record.add_alias(record.name)
            record.name = m.text  # the full name appears after the surname alone: keep the fullest form
            names.rename(record, old)
        return key
    key = f"person:{m.text.lower()}"
    records[key] = SpeakerRecord(key=key, name=m.text, first_offset=m.start_char)
    names.add(records[key])
    family = surname(m.text)
    if family != m.text:
        records[key].add_alias(family)
    return key


def mark_reported_speakers(doc: Doc, mentions: Sequence[Mention], res: Resolution) -> None:
    """People reported as speaking at the meeting: they opened it, gave a talk, presented, chaired.

    Only the sentence's first person (its subject, in a Dutch main clause), the agent of a passive
    ("werd geopend door X") and whoever is "samen met" them count: "De burgemeester sprak Piet Jansen aan"
    does not make Piet Jansen a speaker.
    """
    activities = word_set("speaking_activities.txt")
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    lowers = token_table(doc).lower
    for sent in sentences(doc):
        if not any(lowers[i] in activities for i in range(sent.start, sent.end)):
            continue
        inside = ordered[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        people = [m for m in inside if m.kind in PERSON_KINDS]
        participles = [t.i for t in sent if t.lower_ in activities and _participle(t)]
        for n, m in enumerate(people):
            if m not in res.referent:
                continue
            lead = {t.lower_ for t in doc[max(sent.start, m.start - 3) : m.start]}
            agent = "door" in lead and any(i < m.start for i in participles)  # "geopend door X", not "lastiggevallen door X"
            if n == 0 or agent or "met" in lead and "samen" in {t.lower_ for t in doc[max(sent.start, m.start - 5) : m.start]}:
                record = res.records[res.referent[m]]
                if record.type == "person" and m.kind in (MentionKind.NAME, MentionKind.PRONOUN, MentionKind.SURNAME):
                    record.speaks = True
    _mark_coordinated_speakers(doc, ordered, res)


def _participle(token: Token) -> bool:
    """A past participle ("geopend", "voorgezeten"): VerbForm=Part from the tagger, else the ge- shape."""
    if has_pos(token.doc):
        return "Part" in token.morph.get("VerbForm", [])
    lower = token.lower_
    return lower.startswith("ge") or lower.startswith(("voorge", "opge", "toege", "ingel"))


#: At most this many words between "en" and the second of two coordinated names ("en ook de Belgische hoogleraar").
MAX_COORDINATION_GAP = 6


def _mark_coordinated_speakers(doc: Doc, ordered: Sequence[Mention], res: Resolution) -> None:
    """"zeggen docent Fink en jurist Ducheine", "Fink en ook de Belgische hoogleraar De Cock wijzen erop dat": a person
    named with "en" (and only role words, articles or "ook" between) after a person who speaks, in a sentence whose
    speech verb is plural, speaks too. One pass over consecutive pairs of names."""
    plural_cue: dict[int, bool] = {}  # sentence start -> it holds a plural speech verb
    names = [m for m in ordered if m.kind in (MentionKind.NAME, MentionKind.SURNAME) and m in res.referent]
    for first, second in zip(names, names[1:], strict=False):
        a, b = res.records[res.referent[first]], res.records[res.referent[second]]
        if not a.speaks or b.speaks or b.type != "person" or a is b:
            continue
        gap = doc[first.end : second.start]
        if not len(gap) or gap[0].lower_ != "en" or len(gap) > MAX_COORDINATION_GAP:
            continue
        if any(t.is_punct or is_finite_verb(t) and not is_role_noun(t) for t in gap[1:]):
            continue
        sent = sentence_of(doc, first.start)
        if sent.start != sentence_of(doc, second.start).start:
            continue
        if sent.start not in plural_cue:
            plural_cue[sent.start] = any(speech_verb_lemma(t) and is_plural_verb(t) for t in sent)
        if plural_cue[sent.start]:
            b.speaks = True

