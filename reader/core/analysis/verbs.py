"""The verbs of speech reporting: one table, and every form of each verb it lists.

Each entry is a verb and what it needs to report speech. The rules (`attribution.py`,
`speakers.py`) never list verbs of their own: they ask `verb_info(word)`.

An entry: `lemma[/past[/participle]][flags][!words]`, a phrasal verb joined by `_`
(`sum_up/summed`: sums up, summed up, summing up). The past is the lemma + (e)d unless
given (`say/said`, `admit/admitted`: the doubled consonant is taken to the -ing form too).
Flags:

- `+` its -ing form reports speech too, taking the subject of its sentence
  (`Mr Blair refused ..., saying the poll would come "some time in 2006"`);
- `-` it is also a common noun (`a claim`, `the state`, `if the claims were true`): no bare
  form, and its -s form only right after a subject (`Stiglitz notes`, `he also claims`);
- `~` a verb of thought (`felt`, `believes`, `thinks`): a reporting verb only right before a
  quote in its clause (`felt that "..."`) or right after one (`"...," she thinks`);
- `=` a verb of naming (`dubbed them "mere conduits"`, `a technique called "..."`): with
  no person or organisation for its subject, its quote is a term, not speech;
- `>` the name after it is whom the words are for, not who says them (`"Q," he told the
  BBC`, `..., told Mr Smith`): never read as `"Q," said X`;
- `!w,w` not when one of these words follows (`called on`, `continued to`, `added to`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

VERB_TABLE = """
    say/said+ tell/told+> add+!to,up,the,a,an,new,its,their,his,her,more,another,support,value write/wrote/written+ ask+ warn+ claim+- explain+ insist+
    argue+ note+- state+- describe+ announce+ reply/replied+- admit/admitted+ urge+> instruct+>
    sum_up/summed+ declare+ tweet+- continue!to acknowledge+ suggest+ stress+- confirm+
    deny/denied+ reveal+ reiterate+ predict+ maintain complain+ concede+ promise- pledge- vow-
    accuse+> criticise+> criticize+> praise-> dismiss respond+ recall- joke- observe emphasise+
    emphasize+ comment- remark- welcome- attack- condemn hail- slam/slammed- agree!to assert+
    allege answer- boast- caution- exclaim plead/pleaded point_out+
    hit_back/hit put_it/put quip/quipped- retort- shout- testify/testified whisper- wonder-
    query/queried- mutter recount report-!to,on,for post- tell_of/told blog/blogged-
    highlight- underline- demand- threaten!to assure> reassure> inform> remind> conclude lament
    bemoan grumble protest- object- counter- mention- indicate+ hint- signal/signalled-
    reckon~ think/thought~ believe~ feel/felt~
    call=-!off,in,up,out,back,time dub/dubbed= brand=- label/labelled=- label/labeled=-
    term=- nickname=- christen=
"""

_ENTRY = re.compile(r"([a-z_]+)(?:/([a-z]+))?(?:/([a-z]+))?([+\-~=>]*)(?:!([a-z,]+))?$")


@dataclass(frozen=True)
class Verb:
    """What one form of a reporting verb needs: see the flags in the module docstring."""

    lemma: str
    participle: bool = False  # this form is the -ing form of a "+" verb
    thought: bool = False
    naming: bool = False
    addressee: bool = False
    nouny: bool = False  # the -s form of a "-" verb: a verb only right after its subject
    not_before: tuple[str, ...] = ()


def _third(head: str) -> str:
    if head.endswith(("s", "sh", "ch", "x", "z", "o")):
        return head + "es"
    if head.endswith("y") and head[-2:-1] not in tuple("aeiou"):
        return head[:-1] + "ies"
    return head + "s"


def _past(head: str) -> str:
    if head.endswith("e"):
        return head + "d"
    if head.endswith("y") and head[-2:-1] not in tuple("aeiou"):
        return head[:-1] + "ied"
    return head + "ed"


def _ing(head: str, past: str) -> str:
    if past == head + head[-1] + "ed":  # admitted -> admitting
        return head + head[-1] + "ing"
    if head.endswith("ie"):
        return head[:-2] + "ying"
    if head.endswith("e") and not head.endswith(("ee", "ye", "oe")):
        return head[:-1] + "ing"
    return head + "ing"


@cache
def forms() -> dict[str, Verb]:
    """Every form of every verb in the table -> what it needs (lower case; phrasal verbs
    with one space)."""
    found: dict[str, Verb] = {}
    for entry in VERB_TABLE.split():
        m = _ENTRY.fullmatch(entry)
        if m is None:
            raise ValueError(f"bad verb table entry {entry!r}")
        lemma, past, participle, flags, not_before = m.groups()
        head, *rest = lemma.split("_")
        tail = "".join(" " + word for word in rest)
        past = past or _past(head)
        info = Verb(
            lemma.replace("_", " "),
            thought="~" in flags,
            naming="=" in flags,
            addressee=">" in flags,
            not_before=tuple(not_before.split(",")) if not_before else (),
        )
        finite = [past, participle or past]
        if "-" not in flags:
            finite += [head, _third(head)]
        for form in finite:
            found.setdefault(form + tail, info)
        if "-" in flags:
            found.setdefault(_third(head) + tail, replace(info, nouny=True))
        if "+" in flags:
            found.setdefault(_ing(head, past) + tail, replace(info, participle=True))
    return found


def verb_info(word: str) -> Verb | None:
    """What a matched reporting verb needs, or None for "according to"."""
    return forms().get(" ".join(word.lower().split()))
