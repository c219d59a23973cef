"""Who can speak: the people and organisations of an article, with the names the entity
engine missed or typed otherwise in the few places where only a speaker stands.

The attribution rules read PER and ORG mentions. Some speakers reach them as another type,
or as none, and the text around them says what they are all the same:

- a job or a title right before a name makes it a person (`said Southcorp chairman Brian
  Finn`, whatever the engine typed "Brian Finn");
- what a spokesman speaks for is an organisation (`a spokeswoman for Royal Mail`, `a Five
  spokesman`), unless a personal title stands before it (`a spokesman for Mr Blair`);
- a body the engine names in part or not at all ("the Commons work and pensions
  committee": a capitalised word, a few lower-case ones, a kind of body) is an
  organisation, and a later "the committee" is that one when the article names no other;
- a name right before a verb of saying (`Edu said:`, `"Q," Healthline reported.`), typed as
  a place or another name or not found at all, is a speaker: an organisation unless a job
  or title makes it a person. Not a place the gazetteer knows (`"Q," Moscow said` names
  nobody), nor a people (`the Dutchman said`, `many Britons believe`). A capitalised word
  the engine did not find counts only when the article never writes it in lower case and
  writes it capitalised inside a sentence at least once: a proper name, not "Officials
  said" or "Critics said".

`speaking_mentions` gives the PER and ORG mentions the rules use: the engine's, retyped or
completed by these rules. It never drops a PER or ORG mention the engine found (only
retypes a person after "a spokesman for" that has no first name or title).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.core.analysis import descriptions, gazetteer, speech
from reader.core.analysis import verbs as verbs_table
from reader.core.model import Entity
from reader.core.entities.titles import ACRONYM_PLURAL, PERSON_TITLE, PERSON_TITLES
from reader.core.patterns import regex

# common first names: a person's (and their gender, `speakers.py`)
FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa
    deborah stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet
    ruth maria heather diane virginia julie joyce victoria kelly christina lauren joan evelyn
    olivia judith megan cheryl martha andrea frances hannah jacqueline ann gloria jean kathryn
    alice teresa sara janice doris madison julia grace judy abigail marie denise beverly amber
    theresa marilyn danielle diana natalie sophia rose isabella alexis kayla charlotte tessa
    hillary condoleezza madeleine kate jane claire clare harriet yvette hazel patsy estelle
    ségolène segolene yulia serena venus kylie madonna britney kirsty paula joanne natasha
    naomi gwyneth cate keira scarlett oprah beyonce whitney celine sheryl annie anne caroline
    fiona gillian jill louise lucy sally sue tracey tracy wendy zoe ellen geraldine liz jo
    sophie holly amelie""".split()
)
MALE_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
    joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip johnny tony gordon jim bill tom bob mike dave
    steve chris nick ben sam alex ian colin neil martin simon graham nigel alistair alastair
    iain hugh rupert oliver arsene sven marco vladimir dmitry volodymyr sergei boris gerhard
    jacques nicolas silvio kofi ariel mahmoud yasser hamid tariq""".split()
)
_TITLES = frozenset(title.lower() for title in PERSON_TITLES)
_JOB_BEFORE = regex(r"\b([A-Za-z][\w.-]*)\s+$")
_CAPITALISED_RUN = regex(r"[A-Z][\w'’&.-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w'’&.-]*){0,3}")
# "a Five spokesman", "the Home Office's chief spokeswoman"
_RUN_BEFORE_SPOKESPERSON = regex(
    rf"\b(?:[Aa]n?|[Tt]he)\s+({_CAPITALISED_RUN.pattern})(?:['’]s)?\s+(?:[a-z-]+\s+)?"
    rf"(?:{'|'.join(sorted(speech.SPOKESPEOPLE))})\b"
)
_SPOKESPERSON_FOR = regex(rf"\b(?:{'|'.join(sorted(speech.SPOKESPEOPLE))})\s+(?:for|at|of|from)\s+(?:the\s+)?")
# a name right before its verb, adverbials allowed ("Edu also said", "Healthline has reported")
_RIGHT_BEFORE = regex(
    r"(?:^|(?<=[\s,.;:!?\"”’'(]))([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})"
    r"(,\s+[^,\"“”;:]{1,80},)?"  # "Theresa May, shadow secretary for the family, told"
    r"(?:\s+(?:also|has|had|have|later|then|now|yesterday|today|[a-z]+ly))*\s+$"
)
_NOT_NAMES = frozenset(
    """the a an this that these those it its he she they we i you his her their our my your
    but and or so yet however meanwhile now then also still instead indeed later earlier
    in on at for with by from of to as if when while after before because although though
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december officials critics experts
    analysts sources police doctors residents witnesses reports report others many some
    both all most few several one two three four five six seven eight nine ten""".split()
)

# the verbs whose subject slot names a speaker even when the engine did not: saying, not
# thinking or welcoming ("Berlin welcomed the decision")
SLOT_VERBS = frozenset("say tell add write report ask reply explain insist warn state announce claim admit".split())
_CLAUSE_OPENERS = frozenset("and but while whereas although though as so yet when if because".split())
# bodies the engine rarely names whole: "the Commons work and pensions committee"; a later
# "the committee" is that one when the article names no other
_BODY_NOUNS = frozenset("committee commission council inquiry panel tribunal board authority".split())
_BODY = "|".join(sorted(_BODY_NOUNS))
_BODY_WORD = regex(rf"\b(?:{_BODY})\b")
_NAMED_BODY = regex(rf"\b[Tt]he\s+((?:[A-Z][\w'’&-]*\s+)+(?:[a-z][\w'’-]*\s+){{0,4}}?({_BODY}))$")
_NOT_IN_BODY_NAMES = (descriptions.FUNCTION_WORDS - {"and", "of", "on"}) | frozenset(verbs_table.forms())
_THE_BODY = regex(rf"\b[Tt]he\s+({_BODY})$")
_DETERMINERS = frozenset("the a an this that these those it its his her their our my your".split())


def _title_or_job(word: str) -> bool:
    word = word.lower().rstrip(".")
    return word in _TITLES or word in speech.DESCRIBED_JOBS


def _word_before(text: str, pos: int) -> str:
    m = _JOB_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower().rstrip(".") if m else ""


def _personal(text: str, start: int) -> bool:
    """Whether a job or a title stands right before a name ("chairman Brian Finn", "Mr Finn")."""
    word = _word_before(text, start)
    return word in _TITLES or word in speech.DESCRIBED_JOBS or word in speech.ROLE_WORDS - {"the", "of", "for"}


class _Proper:
    """Whether an untagged capitalised word is a proper name, by how the article writes it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        if word.lower() in _NOT_NAMES or not word[:1].isupper() or ACRONYM_PLURAL.fullmatch(word):
            return False
        if word not in self.seen:
            w = re.escape(word)
            lower = re.search(rf"\b{re.escape(word.lower())}\b", self.text) is not None
            inside = re.search(rf"(?<=[a-z,;]) {w}\b", self.text) is not None  # "... in Healthline"
            self.seen[word] = inside and not lower
        return self.seen[word]


def speaking_mentions(
    text: str,
    entities: Sequence[Entity],
    verbs: Sequence[re.Match[str]],
    quoted: Callable[[int], bool],
) -> list[Entity]:
    """The PER and ORG mentions of the text: the engine's, plus the speakers it missed or
    typed otherwise (see the module docstring), in text order."""
    others = [e for e in entities if e.type not in ("PER", "ORG")]
    found = {(e.start, e.end): e for e in entities if e.type in ("PER", "ORG")}
    for e in others:  # "Southcorp chairman Brian Finn"
        if e.type == "MISC" and " " in e.text and _title_or_job(_word_before(text, e.start)):
            found[(e.start, e.end)] = Entity(e.start, e.end, "PER", e.text, e.name)
    spokespeople = "spokes" in text or "representative" in text
    for m in _SPOKESPERSON_FOR.finditer(text) if spokespeople else ():  # "a spokeswoman for Royal Mail"
        e = _entity_at(entities, m.end())
        if e is not None and e.type != "ORG" and not _personal(text, e.start) and not _titled(text, e):
            found[(e.start, e.end)] = Entity(e.start, e.end, "ORG", e.text, e.name)
    for m in _RUN_BEFORE_SPOKESPERSON.finditer(text) if spokespeople else ():  # "a Five spokesman"
        _add(found, entities, text, m.start(1), m.end(1), quoted, _Proper(text), force=True)
    _bodies(text, entities, found, quoted)
    proper = _Proper(text)
    for v in verbs:
        info = verbs_table.verb_info(v.group())
        if info is None or info.lemma not in SLOT_VERBS or info.participle:
            continue
        m = _RIGHT_BEFORE.search(text, max(0, v.start() - 150), v.start())
        if m is not None and m.group(2) and not _role(m.group(2)):
            continue  # between commas, only a job: "Theresa May, shadow secretary for the family,"
        if m is not None and _opens_clause(text, m.start(1)):
            _add(found, entities, text, m.start(1), m.end(1), quoted, proper, slot=True)
    return sorted(found.values(), key=lambda e: (e.start, e.end))


def _titled(text: str, e: Entity) -> bool:
    """Whether the name is a person's: it opens with a common first name, or the article
    gives its last word a personal title somewhere ("Mr Howard")."""
    first = e.name.split()[0].lower()
    if len(e.name.split()) > 1 and (first in MALE_NAMES or first in FEMALE_NAMES):
        return True
    last = re.escape(e.name.split()[-1])
    return re.search(rf"\b{PERSON_TITLE}\s+{last}\b", text) is not None


def _role(words: str) -> bool:
    return any(w.lower().strip(".,") in speech.DESCRIBED_JOBS for w in words.split())


def _opens_clause(text: str, start: int) -> bool:
    """Whether a name at start opens its clause, or follows a job or title: not "the
    Dutchman said", "the 24-year-old Swiss added", "many Britons believe"."""
    before = text[max(0, start - 40) : start].rstrip()
    if not before or before[-1] in ",;:.!?\"”’'(—–-" or _personal(text, start):
        return True
    word = before.rsplit(None, 1)[-1]
    return word in _CLAUSE_OPENERS or word in speech.CONNECTIVES


def _bodies(text: str, entities: Sequence[Entity], found: dict[tuple[int, int], Entity], quoted: Callable[[int], bool]) -> None:
    """Bodies named by a capitalised word and their kind ("the Commons work and pensions
    committee"), and a later "the committee" that can only be that one."""
    named: dict[str, list[Entity]] = {}
    nouns = list(_BODY_WORD.finditer(text))
    for noun in nouns:
        m = _NAMED_BODY.search(text, max(0, noun.start() - 120), noun.end())
        if m is None:
            continue
        start, end = m.start(1), m.end(1)
        if quoted(start) or any(e.type == "PER" and e.start < end and start < e.end for e in entities):
            continue
        if any(w in _NOT_IN_BODY_NAMES for w in m.group(1).split()):
            continue  # "the Gunners have asked for an inquiry"
        for key in [k for k in found if k[0] < end and start < k[1]]:
            del found[key]  # "Commons" alone is part of it
        body = Entity(start, end, "ORG", m.group(1), " ".join(m.group(1).split()))
        found[(start, end)] = body
        named.setdefault(m.group(2).lower(), []).append(body)
    for e in list(found.values()):
        head = e.name.split()[-1].lower()
        if e.type == "ORG" and head in _BODY_NOUNS:
            named.setdefault(head, []).append(e)
    for noun_match in nouns:
        m = _THE_BODY.search(text, max(0, noun_match.start() - 5), noun_match.end())
        if m is None or text[m.end() : m.end() + 2] in ("'s", "’s"):
            continue
        noun = m.group(1).lower()
        before = [b for b in named.get(noun, []) if b.end <= m.start()]
        if quoted(m.start()) or len({b.name for b in before}) != 1 or (m.start(), m.end()) in found:
            continue
        if any(m.start() < e.end and e.start < m.end() for e in found.values()):
            continue
        found[(m.start(), m.end())] = Entity(m.start(), m.end(), "ORG", m.group(), before[0].name)


def _entity_at(entities: Sequence[Entity], pos: int) -> Entity | None:
    return next((e for e in entities if e.start == pos), None)


def _add(
    found: dict[tuple[int, int], Entity],
    entities: Sequence[Entity],
    text: str,
    start: int,
    end: int,
    quoted: Callable[[int], bool],
    proper: _Proper,
    force: bool = False,
    slot: bool = False,
) -> None:
    """A speaker named at start..end: kept as the engine typed it when that is PER or ORG,
    else added (as a person after a job or title, else as an organisation)."""
    if quoted(start):
        return
    overlapping = [e for e in entities if e.start < end and start < e.end]
    if any(e.type in ("PER", "ORG") for e in overlapping) or any((e.start, e.end) in found for e in overlapping):
        return
    ending = [e for e in overlapping if e.end == end and e.start >= start]
    if ending and all(_title_or_job(w) for w in text[start : ending[0].start].split()):
        start, name, surface = ending[0].start, ending[0].name, ending[0].text  # "Chairman Brian Finn"
        if slot and ending[0].type == "MISC" and not _personal(text, start):
            return  # "Swiss", "Britons": a people, not one speaker
    elif overlapping:
        return  # part of a longer name, or a date: not one speaker's name
    else:
        words = text[start:end].split()
        while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
            start = text.index(words[1], start + len(words[0]))  # "Mr Smith": the name is Smith
            words = words[1:]
        first_name = len(words) > 1 and (words[0].lower() in MALE_NAMES or words[0].lower() in FEMALE_NAMES)
        if words[0].lower() in (_NOT_NAMES if not force else _DETERMINERS):
            return
        if not all(w[:1].isupper() for w in words) or not (force or first_name or all(proper(w) for w in words)):
            return
        name = surface = " ".join(words)
    if name in gazetteer.places():
        return  # "Moscow said": a place the article makes speak stands for someone it does not name
    personal = _personal(text, start) or name.split()[0].lower() in MALE_NAMES | FEMALE_NAMES
    kind = "PER" if personal and len(name.split()) > 1 or _personal(text, start) else "ORG"
    found[(start, end)] = Entity(start, end, kind, surface, name)
