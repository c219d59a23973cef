"""An entity's type from the evidence of the whole article, over what one sentence made of it.

The tagger types each mention from its sentence, and a name shaped like a person's
("Vera Drake", "Harry Potter", "Franz Ferdinand", "Oscar") comes out as a person wherever
the sentence says no more. The article often does say more, somewhere:

- a thing: "an Oscar", "his second Oscar for", "Oscar nominations", "Oscar-winning", "the
  film Vera Drake", "her role in Vera Drake", "PCs" (an acronym counted): a work, award or
  product, MISC (shown as "other");
- a body: "Glasgow band Franz Ferdinand", "Franz Ferdinand have won", "Chelsea are": a band
  or club (British English gives a body a plural verb, never a person), ORG;
- a holiday ("Christmas", "Good Friday": `holidays.py`), MISC wherever it stands;
- a person: a title before the name ("Mr Drake"): evidence against the two above.

Every mention of a name in the article then takes the type its evidence gives, unless the
article also has evidence it is a person. The library then votes over all mentions
(`entities/people.py`), so evidence in some articles carries the others.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from reader.core.analysis.gazetteer import places
from reader.core.analysis.holidays import holidays
from reader.core.model import Entity
from reader.core.entities.titles import ACRONYM_PLURAL, HONORIFIC_WORDS, PERSON_TITLE
from reader.core.patterns import regex

# Before a name used as a count noun: "an Oscar", "his second Oscar", "another Bafta".
_COUNTED = regex(
    r"(?:\b(?:an?|another|his|her|their|its|every|each)\s+(?:(?:first|second|third|fourth|fifth|sixth|"
    r"seventh|best[- ]\w+|\w+[- ]winning|\d+(?:st|nd|rd|th))\s+){0,2})$",
)
# What may follow a name that is the head of its phrase (not "an Oscar winner").
_HEAD_END = regex(r"\s*(?:[.,;:!?)\"”’]|$|(?:for|in|at|of|and|or|to|with|from|on|by|is|was|this|last|next|but|as|when|after|before|since|if)\b)")
# Right after a name: an award or a thing ("Oscar nominations", "Oscar-winning").
_THING_AFTER = regex(
    r"(?:-(?:winning|winner|winners|nominated|nominee|nominees|tipped|style)\b|\s+(?:nominations?|nominees?|"
    r"ceremony|ceremonies|statuettes?|hopefuls)\b)"
)
# Right before a name: a work ("the film Vera Drake", "her role in Vera Drake").
_WORK_BEFORE = regex(
    r"\b(?:film|films|movie|drama|comedy|sitcom|musical|album|novel|book|documentary|thriller|"
    r"blockbuster|biopic|opera|song|soap|(?:role|starred|starring|star|appearance|appears|appeared)\s+in|star\s+of|"
    r"(?:films|movies|games|books|novels|blockbusters|series)\s+(?:like|such\s+as|including))"
    r"(?:\s+[Tt]he)?\s+$"
)
# "the Harry Potter games": a work's name before what is made of it.
_THE_BEFORE = regex(r"\bthe\s+$")
_WORK_AFTER = regex(r"\s+(?:films?|movies?|books?|novels?|games?|series|franchise|saga|sequel|stories)\b")
# Right before a name: a band ("rock band Franz Ferdinand", "Glasgow group Keane").
_BAND_BEFORE = regex(r"\b(?:band|bands|group|duo|trio|quartet|quintet)\s+$")
# Right after a name: a plural verb, a body in British English ("Chelsea are", "Keane have won").
_PLURAL_VERB = regex(r",?\s+(?:(?:who|which)\s+)?(?:are|were|have)\b(?!\s+(?:been\s+)?(?:a|an)\b)")  # not "as if Ann Lee were a ..."
# Right after a name: who plays in it ("Keane frontman Tom Chaplin", "the band's drummer").
_BAND_AFTER = regex(r"(?:['’]s?)?\s+(?:frontman|frontwoman|guitarist|drummer|bassist|keyboardist|lead\s+singer)\b")
# Before a name whose "have" is no plural: "and", a list, "could Smith have", "let Smith have",
# a preposition ("the dynamics in Europe are": the verb is the head noun's).
_COORDINATED = regex(
    r"(?i:\band|\bor|&|,|\bwith|\bnor|\b(?:would|could|should|might|must|will|can|may|shall|did|does|do|to|not|"
    r"let|make|made|see|saw|watch|help|have|had|having|n't|in|of|at|from|for|on|by|to|across|within|throughout))\s*$"
)
_TITLE_BEFORE = regex(rf"\b{PERSON_TITLE}\s+$")
_TITLE_FIRST = regex(rf"(?:{'|'.join(HONORIFIC_WORDS)}|Sir)\.?\s")
_POSSESSED = ("'s ", "’s ")
_ON_ACRONYM = regex(r"\b(?:on|watch|watching|watched)\s+$")
_ON_END = regex(r"\s*(?:[.,;:!?)\"”’]|$|(?:and|or|in|at|this|last|next)\b)")
# The last word of an award or a competition's name: "Academy Awards", "Turner Prize".
AWARD_HEADS = frozenset("Award Awards Prize Prizes Medal Trophy Cup Championship Championships".split())
WINDOW = 40  # characters looked at on each side of a mention
_FUNCTION = frozenset("the of and to in is that for it was on with as by be are this".split())
ENGLISH_SHARE = 0.10  # of the words: English news has 0.10-0.35 (BBC: median 0.24), other languages a few percent
_WORDS = regex(r"[A-Za-z]+")
MIN_WORDS = 40


def _english(text: str) -> bool:
    """Whether the text reads as English: its commonest words are English function words."""
    words = _WORDS.findall(text, 0, 6000)
    if len(words) < MIN_WORDS:
        return True  # too short to tell: a headline, a caption, a test
    return sum(w.lower() in _FUNCTION for w in words) >= ENGLISH_SHARE * len(words)


def _evidence(text: str, e: Entity) -> str | None:
    """What one mention's surroundings say it is: MISC, ORG, PER, or None (nothing)."""
    before = text[max(0, e.start - WINDOW):e.start]
    if _TITLE_FIRST.match(e.text) or _TITLE_BEFORE.search(before):
        return "PER"
    if ACRONYM_PLURAL.fullmatch(e.text):
        return "MISC"  # "PCs", "DVDs": counted things
    if e.type == "LOC" and e.name not in places():  # "Bath have won": the club, not the city
        plural = _PLURAL_VERB.match(text, e.end) and not _COORDINATED.search(before)
        return "ORG" if plural and not text.startswith(" and", e.end) else None
    if e.type not in ("PER", "ORG") or (e.type == "PER" and e.text != e.name):
        return None  # "Brown's book" is the book of the article's Dan Brown, not a name of its own
    if _THING_AFTER.match(text, e.end):
        return "MISC"
    if _WORK_BEFORE.search(before) or (
        e.type == "PER" and _THE_BEFORE.search(before) and _WORK_AFTER.match(text, e.end)
    ):
        return "MISC"
    if e.type == "ORG" and _ON_ACRONYM.search(before) and len(e.text) <= 3 and e.text.isupper() and _ON_END.match(text, e.end):
        return "MISC"  # "on TV", "out on DVD": a medium, not a body
    if _COUNTED.search(before) and _HEAD_END.match(text, e.end):
        return "MISC"
    if e.type == "PER":
        if _BAND_BEFORE.search(before) or _BAND_AFTER.match(text, e.end):
            return "ORG"
        if _PLURAL_VERB.match(text, e.end) and not _COORDINATED.search(before) and not text.startswith(" and", e.end):
            return "ORG"
    return None


def by_evidence(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities with each name's type decided by the evidence of the article (see the
    module docstring); a name with none keeps its type."""
    if not _english(text):
        return entities  # the evidence is English phrases: "a Jorge" is Spanish for "to Jorge"
    votes: dict[str, Counter[str]] = {}
    bodies = {e.end for e in entities if e.type == "ORG"}
    for e in entities:
        if e.type == "DATE":
            continue
        if (e.name in holidays() and e.type != "ORG") or e.name.rsplit(None, 1)[-1] in AWARD_HEADS:
            # (a holiday read as a body may be one: "Carnival's shares", the cruise company)
            found: str | None = "MISC"
        elif e.type == "ORG" and " " not in e.text and e.start - 3 in bodies and text[e.start - 3:e.start] in _POSSESSED:
            found = "MISC"  # "Microsoft's Xbox", "Sony's PlayStation": a company's product
        else:
            found = _evidence(text, e)
        if found is not None:
            votes.setdefault(e.name, Counter())[found] += 1
    decided = {}
    for name, counter in votes.items():
        if counter["PER"] and name not in holidays():
            continue  # "Mr Drake": whatever else, a person
        decided[name] = max(counter, key=lambda k: (counter[k], k == "MISC"))
    if not decided:
        return entities
    return [replace(e, type=decided[e.name]) if e.name in decided and e.type != "DATE" else e for e in entities]
