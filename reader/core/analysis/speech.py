"""The words and patterns of reported speech that the attribution rules read.

Kept apart from the rules (`attribution.py`, `speakers.py`) so the rules read as logic and
the vocabulary can grow in one place. Nothing here looks at an article: word lists, compiled
patterns and two predicates on a matched reporting verb.
"""

from __future__ import annotations

import re

from reader.core.analysis.tokenize import word_alternation
from reader.core.patterns import regex

# -- reporting verbs and speech nouns ------------------------------------------------------

_REPORTING_VERB_WORDS = (
    "said says told tells added adds asked asks stated states declared declares explained"
    " explains noted notes warned warns insisted insists claimed claims argued argues wrote"
    " writes tweeted tweets replied replies continued continues admitted admits announced"
    " announces acknowledged acknowledges suggested suggests stressed stresses urged urges"
    " confirmed confirms denied denies described describes called calls revealed reveals"
    " reiterated reiterates predicted predicts maintained maintains complained complains"
    " conceded concedes promised promises pledged pledges vowed vows accused accuses"
    " criticised criticized criticises criticizes praised praises dismissed dismisses responded"
    " responds recalled recalls joked jokes observed observes emphasised emphasized"
    " emphasises emphasizes branded labelled labeled dubbed commented remarked"
    " saying adding telling asking noting warning insisting claiming arguing writing"
    " explaining stating declaring thinks believes believed reckons reckoned welcomed welcomes"
    " attacked attacks condemned condemns hailed hails slammed slams"
).split()




REPORTING_VERB = regex(
    r"\b(?:" + word_alternation([*_REPORTING_VERB_WORDS, "according to", "According to"]) + r")\b"
)
NOT_SPEECH_AFTER = regex(r"\s+(?:to|on|off|up|in|out|for\s+the\s+(?:first|second|last))\b")
PASSIVE_BEFORE = regex(r"\b(?:was|were|been|being|is|are|be|get|got)\s+$")
SPEECH_NOUN = regex(
    r"\b(?:statement|statements|comments?|remarks?|words|speech|interview|claims?|warning|"
    r"description|letter|tweet|post|message|testimony|announcement|response|reply|assertion|"
    r"assessment|accusation|promise|pledge|vow|insistence|suggestion|plea|call)\b"
)


def is_participle(verb: re.Match[str]) -> bool:
    """`saying`, `adding`, ...: no subject of its own, it takes its sentence's."""
    return verb.group().endswith("ing")


def is_according_to(verb: re.Match[str]) -> bool:
    """`according to`: the person comes after it, never before."""
    return verb.group().lower() == "according to"


# -- people ----------------------------------------------------------------------------------

# Three lists share a core of jobs and differ at the edges; each exact set matters to a rule.
_JOBS = frozenset(
    """spokesman spokeswoman spokesperson official minister secretary president chairman
    chairwoman chief executive director manager boss coach leader head analyst economist expert
    lawyer attorney judge officer commissioner governor senator mayor chancellor ambassador
    envoy founder owner editor correspondent aide adviser advisor deputy actor actress singer
    player striker midfielder defender goalkeeper captain prosecutor mp mep premier candidate
    presenter host source star""".split()
)
_MORE_JOBS = frozenset(
    """author champion colonel commander designer general king prince princess producer queen
    reporter spokesmen winner writer""".split()
)
_FAMILY = frozenset("man woman father mother wife husband son daughter".split())

# Words that may precede a person and leave them their sentence's subject ("Shadow Home
# Secretary Mark Oaten said"): jobs, and the modifiers found in titles.
ROLE_WORDS = _JOBS | _MORE_JOBS | frozenset(
    """chair officials vice prime foreign shadow senior former then new interim acting assistant
    party team club ex- u.s. us uk british american russian ukrainian french german chinese the
    of for trade industry state home defence defense finance health education""".split()
)
# Head nouns of a subject that reads as a person ("a spokesman said" names nobody, but a person).
PERSON_HEADS = _JOBS | _MORE_JOBS | _FAMILY | frozenset("he she boy girl friend brother sister".split())

PRONOUN = regex(r"\b(?:[Hh]e|[Ss]he)\b")
PRONOUN_AFTER = regex(r"\s+(he|she)\b")
PRONOUN_OPENING = regex(r"\s*(?:But|And|However|Yet|So)?,?\s*(He|She)\b")
POSSESSIVE_PRONOUN_BEFORE = regex(r"\b(his|her)\s+(?:[\w.,-]+\s+){0,3}$")
# A sentence opening "A spokesman for X ..." introduces a person it leaves unnamed.
UNNAMED_SUBJECT = regex(
    r"(?:(?:But|And|However|Meanwhile|Yet|So|Now),?\s+)?(?:[Aa]n?|[Oo]ne)\s+"
    rf"(?:[\w'’.-]+\s+){{0,4}}?(?i:{'|'.join(sorted(_JOBS | _FAMILY | {'winger'}))})\b(?!['’]s|-)"
)
TITLES_ONLY = regex(r"(?:[\s,]+|of\b|for\b|the\b|[A-Z][\w'’.&-]*)*")
# Sentence openers skipped when asking whether a mention is the subject.
CONNECTIVES = ("But", "And", "However", "Meanwhile", "Yet", "So", "Still", "Now",
               "Instead", "Also", "Then", "Later", "Earlier", "Indeed")

# -- between a subject and its verb ------------------------------------------------------

_ADVERBIAL = (
    r"(?:[a-z]+ly|also|then|later|again|earlier|previously|first|has|have|had|was|is|will|would"
    r"|could|did|does|just|once|recently|repeatedly|already|never|still|too|himself|herself"
    r"|yesterday|today|tonight|(?:last|this)\s+(?:week|month|year|night|\w+day)"
    r"|on\s+[A-Z]\w+(?:\s+\d{1,2})?|in\s+(?:a|an|his|her)\s+(?:statement|interview|letter|speech))"
)
_POSTNOMINAL = r"(?:,?\s+(?:QC|KC|MP|MEP|MSP|OBE|MBE|CBE|Jr\.?|Sr\.?)\b)?"
_TITLE_WORD = r"(?:[A-Z][\w.’'&-]*|[a-z\d][\w.-]*)"

# subject GAP verb: post-nominals, up to two appositives between commas, adverbials
SUBJECT_GAP = regex(rf"{_POSTNOMINAL}(?:\s*,[^,\"“”;:]{{1,120}},){{0,2}}(?:\s+{_ADVERBIAL})*\s+")
# the last word before pos, past any SUBJECT_GAP: the head noun of an unnamed subject
HEAD_WORD = regex(rf"(\S+)(?:{SUBJECT_GAP.pattern})?$")
# the name is itself the appositive: "the shadow home secretary, Mark Oaten, said"
APPOSITIVE_GAP = regex(rf"{_POSTNOMINAL}\s*,(?:\s+{_ADVERBIAL})*\s+")
# possessor GAP noun: "Trump's March 25 statement"
POSSESSOR_GAP = regex(r"(?:'s|’s|'|’)\s+(?:[\w.,-]+\s+){0,3}")
# verb GAP person: "said Arsenal boss Arsene Wenger"
INVERTED_GAP = regex(rf"(?:\s+|\s*,\s*)(?:{_TITLE_WORD}(?:\s+|\s*,\s*))*")
# quote GAP verb with nothing but punctuation and adverbials: `"Q," later said ...`
ADVERBIALS_ONLY = regex(rf"\s*[,—–-]?(?:\s+{_ADVERBIAL})*\s+")
LEADING_COMMA = regex(r"\s*[,—–-]")
INNER_COMMA = frozenset(",?!—–-…")
BY_OR_FROM = regex(r"\s+(?:by|from)\b")
PREPOSITION_BEFORE = regex(
    r"\b(?:for|of|to|with|by|from|about|against|on|at|than|like|between|under|over|told|asked"
    r"|met|called|thanked|criticised|criticized|praised|replaced|beat|defeated|urged)\s+$"
)
VP_COORDINATION = regex(rf"\b(?:and|but)(?:\s+{_ADVERBIAL})*$")
COORDINATION_BEFORE = regex(r"(?:\band|\bor|&)\s+$")

# -- sentences -------------------------------------------------------------------------------

SENTENCE_BOUNDARY = regex(r"[.?!…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr gen gov sen rep lt col sgt capt prof rev vs no inc co corp ltd
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig approx est dept univ""".split()
)
INITIALS = regex(r"(?:[A-Za-z]\.)*[A-Za-z]")
# a prefix ending like this introduces the quote after it: `said: "`, `, "`, `— "`
INTRODUCER_END = regex(r"[:,—–(\[-]\s*$")
