"""Roles and organisations of a named person, read from the words around the name.

"Marc Hameleers, namens het ministerie van Economische Zaken de regio-ambassadeur voor Noordwest-Nederland"
"clustermanager Wim Renders van Brainport Development", "Lijsttrekker van DENK Stefan van Baarle",
"Jeroen de Bruijn, eigenaar van Festa Solutions en lid van het High Tech Software cluster gaf …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.resources import word_set
from pipeline.sentences import DocCache, sentence_of
from pipeline.speakers.abbreviations import abbreviates, same_organisation
from pipeline.speakers.lexicon import (
    ARTICLES,
    has_pos,
    honorifics,
    is_acronym,
    is_capitalised,
    is_finite_verb,
    is_first_name,
    is_function_word,
    is_group_noun,
    is_org_descriptor,
    is_org_word,
    is_particle,
    is_role_noun,
    is_role_text,
    party_member_prefix,
    speech_verb_lemma,
)
from pipeline.tokens import token_table

_ROLE_PREPS = frozenset({"van", "voor", "bij", "namens", "in", "op", "aan"})
_STOP_LEFT = frozenset({"met", "door", "en", "of", "dat", "die", "volgens", "aldus", "ook", "zegt", "zei"})
MAX_APPOSITION = 16


@dataclass
class Description:
    """Roles and organisations found for one mention."""

    roles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    covered: list[tuple[int, int]] = field(default_factory=list)  # token ranges read for this description

    def extend(self, other: Description) -> None:
        for role in other.roles:
            role = normal_role(role)
            if role.lower() not in (r.lower() for r in self.roles):
                self.roles.append(role)
        for org in other.organisations:
            same = next((k for k, o in enumerate(self.organisations) if same_organisation(o, org)), None)
            if same is None:
                self.organisations.append(org)
            elif abbreviates(self.organisations[same], org):
                self.organisations[same] = org  # "GL" known, "GroenLinks" given: one party, by its full name
        self.covered.extend(other.covered)


def normal_role(role: str) -> str:
    """A role in running-text case: its first word in lower case when it is a role noun capitalised only by where it
    stood (a sentence start, a turn label: "Wethouder" → "wethouder", "Minister van Financiën" → "minister van
    Financiën", "Oud-wethouder" → "oud-wethouder"), so one role is one value in a table. Proper names keep their
    capitals: after the noun ("hoogleraar Economische Geografie"), before a hyphen ("Vooruit-partijleider"), a
    party-member noun ("D66'er"), and roles Dutch always capitalises ("Kamerlid", capitalised_roles.txt)."""
    first, space, rest = role.partition(" ")
    lower = first.lower()
    if not (first[:1].isupper() and first[1:] == first[1:].lower() and is_role_text(lower)):
        return role
    if lower in word_set("capitalised_roles.txt"):
        return role  # "Kamerlid": the Kamer's capital stays
    if "-" in lower and lower.split("-")[0] not in word_set("role_prefixes.txt"):
        return role  # "Vooruit-partijleider", "Twente-middenvelder": a name before the hyphen; not "Oud-wethouder"
    return lower + space + rest


def describe(name: Span) -> Description:
    """Roles and organisations stated next to a name: a role before it, an apposition or "van ORG" after."""
    result = Description()
    header = header_role(name)
    if header is not None:
        result.extend(Description(roles=[header]))
    before = _role_before(name)
    domain = _office_domain_after(name, before)
    if before is not None:
        phrase = _split_phrase(before)
        if domain is not None and len(phrase.roles) == 1:
            # "minister Harbers van Infrastructuur", "Burgemeester Snijders van Zwolle": the office's domain
            phrase.roles = [f"{phrase.roles[0]} {domain.text}"]
            result.covered.append((domain.start, domain.end))
        result.extend(phrase)
        result.covered.append((before.start, before.end))
    after = _apposition_after(name)
    if after is not None:
        result.extend(_split_phrase(after))
        result.covered.append((after.start, after.end))
    after_org = None if domain is not None else _org_after(name)
    if after_org is not None:
        # "Sijas Akkerman van de Milieufederatie noemt …": the organisation describes the person, it is not a
        # second source of the sentence
        result.covered.append((after_org.start, after_org.end))
    org = (after_org.text if after_org is not None else None) or _party_in_brackets(name)
    if org:
        result.extend(Description(organisations=[org]))
    bracketed = _roles_in_brackets(name)
    if bracketed is not None:
        result.extend(bracketed)
    return result


def header_role(name: Span) -> str | None:
    """The role a header line gives the name ("Voorzitter: Karin de Wit", "Notulist: mevrouw K. de Wit"): a role noun
    opening its line, a colon, then (after an optional title) the name, which ends the line (a party in brackets may
    follow). The role in lower case, or None."""
    doc = name.doc
    start = name.start - _title_before(doc, name.start)
    if start < 2 or doc[start - 1].text != ":" or not _line_ends_after(doc, name.end):
        return None
    role = doc[start - 2]
    if not (start - 2 == 0 or "\n" in doc[start - 3].text) or not is_role_noun(role):
        return None
    return role.lower_


def _line_ends_after(doc: Doc, i: int) -> bool:
    """Token i ends the line: the end of the document, a line break, or a bracketed part and then one."""
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(len(doc), i + MAX_APPOSITION)) if doc[k].text == ")"), None)
        if close is None:
            return False
        i = close + 1
    return i >= len(doc) or "\n" in doc[i].text


def _roles_in_brackets(name: Span) -> Description | None:
    """"H. Wijnands (voorzitter)", "K. Wolters (wethouder, D66)": roles (and a party) in brackets right after a name,
    as attendance lists write them; None when the brackets hold no role noun."""
    doc = name.doc
    i = name.end
    if i >= len(doc) or doc[i].text != "(":
        return None
    end = i + 1
    while end < len(doc) and doc[end].text != ")" and end - i <= MAX_APPOSITION and not doc[end].is_space:
        end += 1
    if end >= len(doc) or doc[end].text != ")":
        return None
    result = Description()
    part_start = i + 1
    for k in range(i + 1, end + 1):
        if k == end or doc[k].text in (",", ";"):
            part = doc[part_start:k]
            if len(part) and is_role_noun(part[0]):
                result.extend(_split_phrase(part))
            elif len(part) == 1 and (is_acronym(part[0]) or is_capitalised(part[0])):
                result.organisations.append(part.text)
            part_start = k + 1
    if not result.roles:
        return None
    result.covered.append((i, end + 1))
    return result


def _is_office_domain_role(token: object) -> bool:
    """A role whose "van X" names its domain or place, not an organisation ("minister van Financiën")."""
    word = token.lower_.rsplit("-", 1)[-1]  # type: ignore[attr-defined]
    return word in word_set("office_domains.txt")


def _office_domain_after(name: Span, before: Span | None) -> Span | None:
    """"minister Harbers van Infrastructuur": "van" and a capitalised place or domain after a name that an
    office role (`office_domains.txt`) introduces; None otherwise."""
    doc = name.doc
    if before is None or not any(_is_office_domain_role(t) for t in before):
        return None
    i = name.end
    if i + 1 >= len(doc) or doc[i].lower_ != "van" or not is_capitalised(doc[i + 1]) or doc[i + 1].is_sent_start:
        return None
    j = i + 1
    while j < len(doc) and (is_capitalised(doc[j]) and not doc[j].is_sent_start or doc[j].lower_ in _ORG_JOINERS and j + 1 < len(doc) and is_capitalised(doc[j + 1])):
        j += 1
    return doc[i:j]


def compound_organisation(role: Span) -> str | None:
    """"VVD-Kamerlid", "GroenLinks-PvdA-leider", "ABN Amro-econoom": the capitalised part before the hyphen of a
    role compound names the person's party or organisation; with the capitalised words right before it in `role`."""
    doc = role.doc
    for tok in role:
        member_of = party_member_prefix(tok)
        if member_of is not None:
            return member_of  # "D66'er Sjoerdsma"
        if "-" not in tok.text or not is_role_noun(tok):
            continue
        prefix = tok.text.rsplit("-", 1)[0]
        if not prefix[:1].isupper() or not prefix.replace("-", "").isalnum() or prefix.split("-")[0].lower() in word_set("role_prefixes.txt"):
            continue
        start = tok.i
        while start > role.start and (is_acronym(doc[start - 1]) or is_capitalised(doc[start - 1])) and not is_role_noun(doc[start - 1]):
            start -= 1
        words = [t.text for t in doc[start : tok.i]] + [prefix]
        return " ".join(words)
    return None


def _party_in_brackets(name: Span) -> str | None:
    """"De heer Van den Berg (VVD)": a party or organisation in brackets right after the name."""
    doc = name.doc
    i = name.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and (is_acronym(doc[i + 1]) or is_capitalised(doc[i + 1])):
        return doc[i + 1].text
    inside = bracketed_organisation(doc, i)
    return inside.text if inside is not None else None


#: At most this many words in an organisation's name in brackets ("(Partij voor de Dieren)").
MAX_BRACKETED_NAME = 6


def bracketed_organisation(doc: Doc, i: int) -> Span | None:
    """"(Partij voor de Dieren)" at token i: a capitalised name of several words, joined by "voor", "van", "de", "en",
    with an organisation word or acronym in it; the span inside the brackets, or None."""
    if i >= len(doc) or doc[i].text != "(":
        return None
    end = i + 1
    while end < len(doc) and doc[end].text != ")" and end - i <= MAX_BRACKETED_NAME:
        end += 1
    if end >= len(doc) or doc[end].text != ")" or end - i < 3:
        return None
    inside = doc[i + 1 : end]
    if not (is_capitalised(inside[0]) or is_acronym(inside[0])):
        return None
    if not all(is_capitalised(t) or is_acronym(t) or t.lower_ in _ORG_JOINERS for t in inside):
        return None
    return inside if any(is_org_word(t) or is_acronym(t) for t in inside) else None


def _role_before(name: Span) -> Span | None:
    """"hoogleraar milieusysteem-analyse Wim de Vries": the role phrase right before the name."""
    doc = name.doc
    end = name.start - _title_before(doc, name.start)  # "wethouder de heer Jansen": the title is no part of the role
    i = end - 1
    found = None
    while i >= 0 and name.start - i <= 6:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in _STOP_LEFT or speech_verb_lemma(tok) or tok.lower_ in ARTICLES:
            break
        if is_finite_verb(tok) and not is_role_noun(tok):
            break
        if is_role_noun(tok) and (party_member_prefix(tok) is None or i == name.start - 1):
            found = i  # a party member noun only right before the name: not "de CDA'er richting Omtzigt"
        if tok.is_sent_start:
            break
        i -= 1
    if found is None:
        return None
    while found > 0 and not doc[found].is_sent_start and name.start - found < MAX_ROLE_BEFORE and (
        doc[found - 1].lower_ in word_set("role_modifiers.txt") or _role_adjective(doc[found - 1])
    ):
        found -= 1  # "demissionair minister", "voormalig tennisster", "militair jurist", "de Belgische hoogleraar"
    if "-" in doc[found].text and doc[found].text[:1].isupper():
        # "ABN Amro-econoom Paul Bisschop": the organisation's first words belong to the role
        while found > 0 and name.start - found < 4 and (is_acronym(doc[found - 1]) or is_capitalised(doc[found - 1])) and not is_function_word(doc[found - 1]):
            found -= 1
            if doc[found].is_sent_start:
                break
    return doc[found:end]


def _title_before(doc: Doc, start: int) -> int:
    """The number of tokens of a title ("mevrouw", "de heer") that ends right before token `start`, or 0."""
    lowers = token_table(doc).lower
    if start == 0 or lowers[start - 1] not in _TITLE_LAST:
        return 0  # most words follow no title
    for words in _TITLES_LONGEST_FIRST:
        n = len(words)
        if start - n >= 0 and all(lowers[start - n + k] == w for k, w in enumerate(words)):
            return n
    return 0


#: The titles of `honorifics.txt` (their words), longest first, and the last words of all of them.
_TITLES_LONGEST_FIRST = tuple(words for words, _ in sorted(honorifics(), key=lambda h: -len(h[0])))
_TITLE_LAST = frozenset(words[-1] for words in _TITLES_LONGEST_FIRST)


#: At most this many words in a role before a name, adjectives included.
MAX_ROLE_BEFORE = 6


def _role_adjective(token: Token) -> bool:
    """A lower-case adjective that belongs to the role after it ("militair jurist", "juridisch adviseur"): ADJ where
    the model tags part of speech, else a word ending in -isch or -air. Not a place adjective ("de Rotterdamse
    huisarts": the role is "huisarts"), not a pronoun ending in -en ("onder anderen")."""
    if not token.is_alpha or not token.is_lower or token.lower_ in ARTICLES or is_function_word(token) or is_role_noun(token):
        return False
    if token.lower_.endswith("en"):
        return False
    if has_pos(token.doc):
        return token.pos_ == "ADJ"
    return token.lower_.endswith(("isch", "air"))


def _apposition_after(name: Span) -> Span | None:
    """", hoogleraar Economische Geografie," — a phrase after a comma that starts with a role."""
    doc = name.doc
    if name.end >= len(doc) or doc[name.end].text != ",":
        return None
    start = name.end + 1
    end = start
    while end < len(doc) and end - start < MAX_APPOSITION:
        tok = doc[end]
        if tok.text in (",", ".", ";", ":", "!", "?", "(", ")") or tok.is_space or tok.text in "“”„\"‘’":
            break
        if end > start and is_finite_verb(tok) and not is_role_noun(tok):
            end = _closed_apposition_end(doc, end, start)
            break
        end += 1
    if end == start:
        return None
    phrase = doc[start:end]
    head = [t for t in phrase[:4] if t.lower_ not in ARTICLES and t.lower_ != "namens"]
    if _names_another_person(phrase):
        return None  # "Aanwezig: wethouder M. van Dijk, griffier J. Smit": the next item of a list, not an apposition
    if phrase[0].lower_ == "namens" or any(is_role_noun(t) for t in head[:3]):
        return phrase
    return None


#: Initials ("J.", "A.B.") that open a personal name.
_INITIALS = re.compile(r"^[A-ZÀ-Þ]\.(?:[A-ZÀ-Þ]\.)*$")


def _names_another_person(phrase: Span) -> bool:
    """The phrase is a role and a person's name of its own ("griffier J. Smit", "raadslid Anna Kok"): its first role
    noun is followed by initials or a capitalised given name (first_names.txt)."""
    role = next((t for t in phrase[:3] if is_role_noun(t)), None)
    if role is None or role.i + 1 >= phrase.end:
        return False
    doc = phrase.doc
    after = doc[role.i + 1]
    if _INITIALS.match(after.text) or (is_capitalised(after) and is_first_name(after)):
        return True
    # "Aanwezig: wethouder Van Dijk, griffier Smit": on an attendance line a capitalised word after the role is a name
    name = doc[role.i + 2] if is_particle(after) and role.i + 2 < phrase.end else after
    return is_capitalised(name) and _on_attendance_line(doc, phrase.start)


#: The most tokens looked back from an apposition for the start of its line.
MAX_ATTENDANCE_REACH = 200


def _on_attendance_line(doc: Doc, i: int) -> bool:
    """Token i stands on a line that opens with an attendance key (attendance_keys.txt: "Aanwezig:", "Afwezig:"),
    at most `MAX_ATTENDANCE_REACH` tokens back."""
    k = i
    while k > 0 and i - k < MAX_ATTENDANCE_REACH and "\n" not in doc[k - 1].text:
        k -= 1
    while k < i and doc[k].is_space:
        k += 1
    return (k == 0 or "\n" in doc[k - 1].text) and doc[k].lower_ in word_set("attendance_keys.txt")


#: At most this many words after a seeming verb still belong to an apposition closed by a comma and the clause's verb.
MAX_CLOSED_TAIL = 4


def _closed_apposition_end(doc: Doc, verb: int, start: int) -> int:
    """"Peter Boelhouwer, hoogleraar woningmarkt TU Delft, is het eens": a word the tagger calls a finite verb inside
    an apposition that a comma closes right before the clause's own finite verb is a noun of the apposition. The end
    of the apposition (the closing comma) when the words from `verb` to that comma are at most `MAX_CLOSED_TAIL`
    content words, else `verb` itself."""
    k = verb
    while k < len(doc) and k - verb < MAX_CLOSED_TAIL and doc[k].text != ",":
        tok = doc[k]
        if tok.is_punct or tok.is_space or is_function_word(tok) or tok.lower_ in ARTICLES or speech_verb_lemma(tok):
            return verb
        k += 1
    if k + 1 < len(doc) and doc[k].text == "," and k > verb and (is_finite_verb(doc[k + 1]) or speech_verb_lemma(doc[k + 1])):
        return k
    return verb


def _org_after(name: Span) -> Span | None:
    """"Norbert Ligterink van TNO": an organisation right after the name."""
    doc = name.doc
    i = name.end
    if i < len(doc) and doc[i].lower_ in ("van", "namens", "bij"):
        return _org_np(doc, i + 1)
    return None


def org_noun_phrase(doc: Doc, i: int) -> Span | None:
    """An organisation noun phrase at token i ("het Openbaar Ministerie", "de gemeente Tilburg"), or None."""
    return _org_np(doc, i)


def _org_np(doc: Doc, i: int, limit: int | None = None) -> Span | None:
    """An organisation noun phrase at token i, not past `limit`: "het ministerie van Economische Zaken"."""
    end_cap = len(doc) if limit is None else min(limit, len(doc))
    start = i
    if i < len(doc) and doc[i].lower_ in ("de", "het"):
        start = i = i + 1
    if i >= len(doc):
        return None
    if is_capitalised(doc[i]) or is_acronym(doc[i]):
        j = i
        while j < end_cap:
            if (is_capitalised(doc[j]) or is_acronym(doc[j])) and not doc[j].is_sent_start or j == i:
                j += 1
            elif _joins_name(doc, j, end_cap):
                j += 2  # "Unie van Waterschappen", "Partij voor de Dieren"
                while j < end_cap and doc[j - 1].lower_ in _ORG_JOINERS:
                    j += 1
            else:
                break
        if j < end_cap and is_org_word(doc[j]) and not is_capitalised(doc[j]):
            j += 1  # "High Tech Software cluster"
        return doc[start:j]
    if is_org_word(doc[i]) and i + 2 < end_cap and doc[i + 1].lower_ == "van" and is_capitalised(doc[i + 2]):
        j = i + 2
        while j < end_cap and is_capitalised(doc[j]):
            j += 1
        return doc[start:j]
    if is_org_word(doc[i]) and i + 1 < end_cap and is_capitalised(doc[i + 1]) and not doc[i + 1].is_sent_start:
        j = i + 1  # "stichting Samen Koken", "gemeente Tilburg"
        while j < end_cap and is_capitalised(doc[j]) and not doc[j].is_sent_start:
            j += 1
        if is_org_descriptor(doc[i]):
            return doc[i + 1 : j]  # "onderzoeksbureau ABF Research": the name, without what kind of body it is
        return doc[start:j]
    if is_org_descriptor(doc[i]) and i + 1 < end_cap and (is_capitalised(doc[i + 1]) or is_acronym(doc[i + 1])) and not doc[i + 1].is_sent_start:
        return _org_np(doc, i + 1, limit)  # "kennisnetwerk Platform31", "vastgoedadviesbureau Colliers"
    k = i
    while k < end_cap and k - i < MAX_ORG_ADJECTIVES and _org_adjective(doc[k]):
        k += 1
    if k > i and k < end_cap and (is_capitalised(doc[k]) or is_acronym(doc[k])) and not doc[k].is_sent_start:
        return _org_np(doc, k, limit)  # "het uiterst rechtse Vlaams Belang"
    return None


#: At most this many adjectives (and adverbs) between the article and an organisation's name.
MAX_ORG_ADJECTIVES = 3


def _org_adjective(token: Token) -> bool:
    """A lower-case adjective or adverb before a name ("uiterst rechtse"): ADJ/ADV from the tagger, else -e."""
    if not token.is_lower or not token.is_alpha or is_function_word(token) or is_role_noun(token):
        return False
    if has_pos(token.doc):
        return token.pos_ in ("ADJ", "ADV")
    return token.lower_.endswith("e")


#: Lower-case words inside an organisation's name ("Partij voor de Dieren", "Unie van Waterschappen").
_ORG_JOINERS = frozenset({"van", "voor", "de", "der", "en", "het"})


def _joins_name(doc: Doc, j: int, end: int) -> bool:
    """Token j is a joiner ("van", "voor de") followed, inside the limit, by a capitalised word of the same name."""
    if doc[j].lower_ not in ("van", "voor", "en"):
        return False
    k = j + 1
    while k < end and doc[k].lower_ in _ORG_JOINERS and k - j < 3:
        k += 1
    return k < end and is_capitalised(doc[k]) and not doc[k].is_sent_start and not is_function_word(doc[k])


def _split_phrase(phrase: Span) -> Description:
    """Cut a descriptive phrase into roles and organisations ("namens ORG de ROLE", "ROLE van ORG en ROLE")."""
    doc = phrase.doc
    result = Description()
    parts: list[Span] = []
    i = phrase.start
    current = i
    while i < phrase.end:
        tok = doc[i]
        if tok.lower_ == "namens":
            if i > current:
                parts.append(doc[current:i])
            org = _org_np(doc, i + 1, phrase.end)
            if org is not None:
                result.organisations.append(org.text)
                i = current = org.end
                continue
        if tok.lower_ == "en" and i + 1 < phrase.end and any(is_role_noun(t) for t in doc[i + 1 : min(i + 4, phrase.end)]):
            parts.append(doc[current:i])
            current = i + 1
        i += 1
    if current < phrase.end:
        parts.append(doc[current : phrase.end])
    for part in parts:
        words = list(part)
        while words and (words[0].lower_ in ARTICLES or words[0].is_punct):
            words = words[1:]
        if not words or not any(is_role_noun(t) for t in words[:3]):
            continue
        role = doc[words[0].i : words[-1].i + 1]
        result.roles.append(role.text)
        compound = compound_organisation(role)
        if compound:
            result.organisations.append(compound)
        domain_role = any(_is_office_domain_role(t) for t in role[:3])
        for tok in role:
            if tok.lower_ in ("van", "bij") and not (domain_role and tok.lower_ == "van"):
                org = _org_np(doc, tok.i + 1, role.end)
                if org is not None and org.end <= role.end:
                    result.organisations.append(org.text)
                break
            if tok.i > role.start and (is_acronym(tok) or is_org_word(tok)) and not is_role_noun(tok):
                org = _org_np(doc, tok.i, role.end)  # "hoogleraar woningmarkt TU Delft", "wethouder gemeente Tilburg"
                if org is not None:
                    result.organisations.append(org.text)
                break
    return result


def inherited_organisation(name: Span) -> str | None:
    """"Onderzoekers van de Radboud Universiteit … Volgens X, hoogleraar …": the group's organisation,
    stated in the sentence before the one that introduces the person."""
    doc = name.doc
    sent = sentence_of(doc, name.start)
    if sent.start == 0:
        return None
    previous = sentence_of(doc, sent.start - 1)
    known = _GROUP_ORGANISATIONS.get(doc, lambda _: {})
    if previous.start not in known:  # each sentence read once, however many names follow it (linear)
        known[previous.start] = _group_organisation(previous)
    return known[previous.start]


def _group_organisation(sentence: Span) -> str | None:
    """The organisation of the first group noun with a "van" organisation in `sentence`, or None."""
    doc = sentence.doc
    for tok in sentence:
        if is_group_noun(tok) and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "van":
            org = _org_np(doc, tok.i + 2)
            if org is not None:
                return org.text
    return None


#: Per Doc: sentence start → `_group_organisation` of that sentence.
_GROUP_ORGANISATIONS: DocCache[dict[int, str | None]] = DocCache()
