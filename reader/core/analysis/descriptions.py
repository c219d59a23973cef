"""Who "the minister" and "the company" are: descriptions resolved to names met before.

A person is described in the text around a mention of their name: by a job before it
("Justice Minister Cathy Jamieson", "said Southcorp chairman Brian Finn"), by an appositive
after it ("Paul LeClerc, president of the New York Public Library,", "Tim Ellsmore, managing
director of 3ami"), or by their age ("Scholl, 21,"). A later definite description with that
job ("The minister said", "the chief executive", "the 21-year-old") stands for that person
when exactly one person named before it has the job; an office keeps its modifier ("the
prime minister" is not the justice minister). An organisation is described by the kind of
body it is ("the company", "the German giant", "the agency"): that stands for the latest
organisation that was the subject of a sentence before it.

`describe` gives each resolved description as a mention of its own, so the attribution
rules read "The minister said:" as they read "Cathy Jamieson said:". A description of a
person that resolves to nobody ("the England coach added") is read like a pronoun: someone
already named, most likely the latest person who spoke (`speakers.py`), but never one the
article gives another job.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Protocol

from reader.core.analysis import speech, verbs
from reader.core.patterns import regex

_THE = regex(r"\b[Tt]he\s+")
_TOKEN = regex(r"[\w'’.&-]+")
_AGE = regex(r",\s+(\d{1,3}),")
_YEARS_OLD = regex(r"\d{1,3}-year-old")
_APPOSITIVE = regex(r",\s+([^,.;:()\"“”]{1,80})")
_APPOSITIVE_STARTS = frozenset("the a an its his her their former then new acting interim".split())
_NOT_AFTER = regex(r"['’]s\b|-|\s+(?:of|for|at|in)\b")
FUNCTION_WORDS = frozenset(
    """the a an of to in on at for with by from and or but that this these those its his her
    their our my your is are was were be been being has have had will would can could may
    might must should it he she they we who which whom whose not no as than if when while
    after before about into over under between against during""".split()
)
MAX_MODIFIERS = 3
_ANOTHER_OFFICE = frozenset("shadow deputy vice assistant".split())  # "the chancellor" is none of these


class Named(Protocol):
    start: int
    end: int
    name: str
    kind: str


Found = tuple[int, int, str, str]  # start, end, canonical name, "PER" or "ORG"
Vague = tuple[int, int, frozenset[str]]  # start, end, who it is not


def _role(words: Sequence[str]) -> set[str]:
    """The job keys of a run of words: the last job in it, with its office modifier."""
    lowered = [w.lower().strip(".,") for w in words]
    for i in range(len(lowered) - 1, -1, -1):
        if lowered[i] in speech.DESCRIBED_JOBS or lowered[i] in speech.NATIONALS:
            keys = {lowered[i]}
            if i and lowered[i - 1] in speech.OFFICE_MODIFIERS:
                keys.add(f"{lowered[i - 1]} {lowered[i]}")
                if lowered[i - 1] in _ANOTHER_OFFICE:
                    keys.discard(lowered[i])  # a shadow chancellor is not "the chancellor"
                elif i > 1 and lowered[i - 2] in _ANOTHER_OFFICE:  # nor a shadow foreign secretary "the foreign secretary"
                    keys = {" ".join(lowered[i - 2 : i + 1])}
            return keys
    return set()


def _other_job(jobs: set[str], key: str | None) -> bool:
    """Whether a person with these jobs is someone else than "the <key>": any job for an
    office ("the minister" is not the coach), another nationality for a nationality ("the
    Russian" may be the world number four)."""
    if key in speech.NATIONALS:
        return any(j in speech.NATIONALS and j != key for j in jobs)
    return bool(jobs)


def _words_before(text: str, pos: int, limit: int = 4) -> list[str]:
    """Up to `limit` words right before pos that can stand in a title ("Southcorp chairman")."""
    words: list[str] = []
    while len(words) < limit and pos > 0 and text[pos - 1] == " ":
        start = max(text.rfind(" ", 0, pos - 1), text.rfind("\n", 0, pos - 1)) + 1  # a paragraph's first word too
        word = text[start : pos - 1]
        if not word or not _TOKEN.fullmatch(word):
            break
        if word[-1] in ".:;!?" and word[:-1].lower() not in speech.ABBREVIATIONS:
            break  # "... to sink the Croatian. Safin said": the sentence before
        if not (word[0].isupper() or word.lower() in speech.ROLE_WORDS or word.lower() in speech.DESCRIBED_JOBS):
            break
        words.insert(0, word)
        pos = start
    return words


def _jobs(text: str, person: Named) -> set[str]:
    """What the text says this mention's person is, right around the mention."""
    keys = _role(_words_before(text, person.start))
    age = _AGE.match(text, person.end)
    if age:
        keys.add(f"{age.group(1)}-year-old")
    appositive = _APPOSITIVE.match(text, person.end)
    if appositive:
        words = appositive.group(1).split()[:8]
        if words and (words[0].lower() in _APPOSITIVE_STARTS or words[0][0].isupper() or _role(words[:1])):
            jobs = [i for i, word in enumerate(words) if _role([word])]
            if jobs:
                last = jobs[0]
                while last + 1 < len(words) and _role([words[last + 1]]):
                    last += 1  # "chief executive"
                nxt = words[last + 1].lower() if last + 1 < len(words) else ""
                if not (verbs.verb_info(nxt) or nxt in speech.AUXILIARIES):  # "Tim Phillips, the American said": a new subject
                    keys |= _role(words[: last + 1])
    return keys


def _modifier(word: str) -> bool:
    """Whether a word can stand between "the" and a job or kind of body ("the German giant",
    "the company's chief executive", "the former justice minister")."""
    lower = word.lower()
    if lower in FUNCTION_WORDS or verbs.verb_info(lower) is not None:
        return False
    return True


def _description(text: str, start: int, end: int) -> tuple[int, set[str], bool] | None:
    """The description opening with the "the" at start..end: its end, job keys, and whether
    it describes an organisation; None when the words after "the" describe neither."""
    words: list[tuple[int, str]] = []
    pos = end
    while len(words) <= MAX_MODIFIERS:
        m = _TOKEN.match(text, pos)
        if m is None:
            break
        words.append((m.end(), m.group()))
        if text[m.end() : m.end() + 1] != " ":
            break
        pos = m.end() + 1
    if words and words[-1][1].endswith(".") and len(words[-1][1]) > 1:  # "said the national team coach."
        words[-1] = (words[-1][0] - 1, words[-1][1][:-1])
    for i, (word_end, word) in enumerate(words):
        lower = word.lower()
        nxt = words[i + 1][1] if i + 1 < len(words) else ""
        # "The PAHO Director", "the Health Minister" (not "The Scottish Executive": a body)
        titled = lower != "executive" and all(w[:1].isupper() for _, w in words[: i + 1])
        job = lower in speech.DESCRIBED_JOBS and (word.islower() or titled)
        if lower in speech.NATIONALS and word[:1].isupper() and not (nxt[:1].islower() and verbs.verb_info(nxt) is None):
            job = nxt.lower() not in speech.DESCRIBED_JOBS  # "the American said", not "the American company" nor "the Swiss coach"
        body = word.islower() and lower in speech.KINDS_OF_ORGANISATION
        years = _YEARS_OLD.fullmatch(lower)
        if (job or body) and nxt.islower() and nxt in speech.DESCRIBED_JOBS:
            continue  # "the chief executive", "the club chairman": the head comes later
        if (job or body or years) and not _NOT_AFTER.match(text, word_end):
            if years:
                return word_end, {lower}, False
            if body:
                return word_end, set(), True
            return word_end, _role([w for _, w in words[: i + 1]]), False
        if not _modifier(word):
            return None
    return None


def describe(
    text: str,
    lo: int,
    hi: int,
    names: Sequence[Named],
    is_subject: Callable[[Named], bool],
    quoted: Callable[[int], bool],
) -> tuple[list[Found], list[Vague]]:
    """The descriptions in text[lo:hi] outside quotes that resolve, as mentions of the
    person or organisation they stand for (`names` in text order, PER and ORG); and those of
    a person that resolve to nobody ("the England coach" in an article that never says who
    coaches England), each with the people it cannot be (they have another job: "the prime
    minister" is not "Justice Minister Ann Lane")."""
    people = [(n.start, n.name, _jobs(text, n)) for n in names if n.kind == "PER"]
    bodies = [n for n in names if n.kind == "ORG" and is_subject(n)]
    body_starts = [n.start for n in bodies]
    found: list[Found] = []
    vague: list[tuple[int, int]] = []
    for the in _THE.finditer(text, lo, hi):
        if quoted(the.start()):
            continue
        described = _description(text, the.start(), the.end())
        if described is None:
            continue
        end, keys, organisation = described
        if not organisation and any(n.kind == "ORG" and the.start() <= n.start and n.end == end for n in names):
            continue  # "The Scottish Executive": an organisation whose name ends in a job
        if organisation:
            i = bisect_left(body_starts, the.start()) - 1
            if i >= 0:
                found.append((the.start(), end, bodies[i].name, "ORG"))
            continue
        key = max(keys, key=len) if keys else None
        who = {name for start, name, jobs in people if start < the.start() and key in jobs}
        if len(who) == 1:
            found.append((the.start(), end, who.pop(), "PER"))
        elif not who:
            others = frozenset(name for start, name, jobs in people if start < the.start() and _other_job(jobs, key))
            if any(f"{m} {key}" in jobs for at, _n, jobs in people for m in _ANOTHER_OFFICE if at < the.start()):
                # "the chancellor" where a "shadow chancellor" is named: the holder of the
                # office itself, whom the article does not name
                others = frozenset(name for at, name, _j in people if at < the.start())
            vague.append((the.start(), end, others))
    return found, vague
