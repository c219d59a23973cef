"""The words and patterns of reported speech that the attribution rules read.

Kept apart from the rules (`attribution.py`, `speakers.py`) so the rules read as logic and
the vocabulary can grow in one place. Nothing here looks at an article: word lists, compiled
patterns and two predicates on a matched reporting verb.
"""

from __future__ import annotations

import re

from reader.core.analysis import verbs
from reader.core.analysis.tokenize import word_alternation
from reader.core.entities.titles import PERSON_TITLE
from reader.core.patterns import regex

# -- reporting verbs and speech nouns ------------------------------------------------------

# Every form of the verbs in verbs.VERB_TABLE; "according to" is matched with them.
REPORTING_VERB = regex(
    r"\b(?:" + word_alternation([*verbs.forms(), "according to", "According to"]) + r")\b"
)
# before the -s form of a verb that is also a noun: its subject ("Stiglitz notes", "he also claims")
SUBJECT_RIGHT_BEFORE = regex(
    r"(?:\b(?:he|she|it|who|which|that|also|now)"
    r"|\b(?!(?:The|A|An|These|Those|This|That|Its|His|Her|Their|Our|Such|Some|Many|Other|All|New)\b)"
    r"[A-Z][\w'’.-]*(?<!['’]s))\s+$"
)
# before a participle: "a government warning about", "the saying goes": a noun, no verb
DETERMINER_BEFORE = regex(r"\b(?:a|an|the|its|his|her|their|this|that|our|my|your)\s+(?:[\w-]+\s+)?$")
AUXILIARIES = frozenset("was were is are be been being has have had will would".split())
PASSIVE_BEFORE = regex(r"\b(?:was|were|been|being|is|are|be|get|got)\s+$")
# a bare form after these is no finite verb of its own: "refused to say", "would add"
NOT_FINITE_BEFORE = regex(
    r"\b(?:to|will|would|can|could|may|might|must|shall|should|did|does|do|not|n't|cannot|let|please)"
    r"(?:\s+[a-z]+ly)?\s+$"
)
SPEECH_NOUN = regex(
    r"\b(?:statement|statements|comments?|remarks?|words|speech|interview|claims?|warning|"
    r"description|letter|tweet|post|message|testimony|announcement|response|reply|assertion|"
    r"assessment|accusation|promise|pledge|vow|insistence|suggestion|plea|call)\b"
)


def is_participle(verb: re.Match[str]) -> bool:
    """`saying`, `adding`, ...: no subject of its own, it takes its sentence's."""
    info = verbs.verb_info(verb.group())
    return info is not None and info.participle


def is_according_to(verb: re.Match[str]) -> bool:
    """`according to`: the person comes after it, never before."""
    return verb.group().lower() == "according to"


def is_thought(verb: re.Match[str]) -> bool:
    """`felt`, `believes`: reports speech only next to its quote."""
    info = verbs.verb_info(verb.group())
    return info is not None and info.thought


def is_naming(verb: re.Match[str]) -> bool:
    """`called`, `dubbed`: a name given, not words said, unless someone gives it."""
    info = verbs.verb_info(verb.group())
    return info is not None and info.naming


def is_nouny(verb: re.Match[str]) -> bool:
    """`claims`, `notes`: as likely a plural noun as a verb."""
    info = verbs.verb_info(verb.group())
    return info is not None and info.nouny


def takes_addressee(verb: re.Match[str]) -> bool:
    """`told`, `urged`: the name after it is who heard the words, not who said them."""
    info = verbs.verb_info(verb.group())
    return info is not None and info.addressee


def not_before(verb: re.Match[str]) -> tuple[str, ...]:
    """Words that, right after this verb, make it something else (`called on`)."""
    info = verbs.verb_info(verb.group())
    return info.not_before if info is not None else ()


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

# -- descriptions ------------------------------------------------------------------------

# Jobs that describe one person ("the minister", "the chief executive"): a description with
# one of these is resolved to the person named with it before (descriptions.py).
DESCRIBED_JOBS = (_JOBS | _MORE_JOBS | frozenset(
    """songwriter musician composer guitarist drummer rapper comedian director forward winger
    batsman bowler jockey driver rider boxer golfer skipper manager chairman professor
    librarian researcher scientist doctor surgeon teacher headteacher principal constable
    inspector detective sheriff superintendent campaigner activist founder executive
    businessman businesswoman entrepreneur investor banker chief pope bishop archbishop
    cardinal prosecutor dutchman frenchman englishman welshman irishman scotsman spaniard
    briton""".split()
)) - frozenset({"source", "official", "expert", "analyst", "head", "player", "star",
                "spokesman", "spokeswoman", "spokesperson", "spokesmen", "mp", "host", "winner"})
# Nationalities that stand for a person named with them ("American Andy Roddick ... said the
# American", "the 24-year-old Swiss"): a description only as the head of its phrase.
NATIONALS = frozenset(
    """american australian argentine argentinian austrian belgian brazilian bulgarian canadian
    chilean chinese colombian croatian czech dane egyptian finn frenchman german ghanaian greek
    hungarian indian iranian iraqi irishman israeli italian jamaican japanese kenyan korean
    mexican moroccan nigerian norwegian pakistani pole portuguese romanian russian scot serb
    serbian slovak slovenian spaniard swede swiss turk ukrainian uruguayan venezuelan welshman
    zimbabwean briton dutchman englishman scotsman""".split()
)
# Words that make a job one office among several: "the prime minister" is not "the minister"
# of an article that names only a justice minister.
OFFICE_MODIFIERS = frozenset(
    """prime home foreign shadow deputy vice chief justice health education defence defense
    finance trade industry interior culture sports sport transport environment energy
    treasury culture work pensions agriculture economy first attorney general managing
    executive assistant associate head""".split()
)
# Kinds of organisation: "the company said", "the German giant said" is the latest
# organisation that was a sentence's subject. Not "the government", "the council", "the
# board": those are often a body the article has not named.
KINDS_OF_ORGANISATION = frozenset(
    """company firm group bank agency party club union organisation organization association
    federation institute corporation giant carrier airline retailer carmaker maker manufacturer
    insurer lender broadcaster network studio publisher label charity regulator watchdog
    operator supermarket chain provider developer conglomerate consortium""".split()
)
# Those who speak for an organisation: "a Five spokesman said", "a spokeswoman for Royal Mail".
SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson spokesmen spokeswomen representative".split())

PRONOUN = regex(r"\b(?:[Hh]e|[Ss]he|[Ii]t)\b")
PRONOUN_AFTER = regex(r"\s+(he|she|it)\b")
PRONOUN_OPENING = regex(r"\s*(?:But|And|However|Yet|So)?,?\s*(He|She|It)\b")
# he/she/it after an opening phrase set off by a comma: "Speaking on BBC One, he said ..."
PRONOUN_AFTER_OPENER = regex(r"\s*[A-Z][^,\"“”.;:]{0,80},\s*(he|she|it)\b")
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
    r"(?:[a-z]+ly|also|now|even|then|later|again|earlier|previously|first|has|have|had|was|is|will|would"
    r"|could|did|does|just|once|meanwhile|however|instead|nonetheless|though"
    r"|recently|repeatedly|already|never|still|too|himself|herself"
    r"|yesterday|today|tonight|(?:last|this)\s+(?:week|month|year|night|\w+day)"
    r"|on\s+[A-Z]\w+(?:\s+\d{1,2})?|in\s+(?:a|an|his|her)\s+(?:statement|interview|letter|speech))"
)
# after a name: post-nominals, and where the person is from ("Nick Bubb of Evolution
# Securities", "Lord Faulkner of Worcester")
_POSTNOMINAL = (
    r"(?:,?\s+(?:QC|KC|MP|MEP|MSP|OBE|MBE|CBE|Jr\.?|Sr\.?)\b)?"
    r"(?:\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|and|for|the|&))*)?"
)
# a word of a title between a verb and the name after it ("said Arsenal boss Arsene Wenger"):
# not a word that starts a clause ("said with Christmas coming up the new home secretary")
_TITLE_WORD = (
    r"(?:[A-Z][\w.’'&-]*|(?!(?:with|that|which|who|whose|when|while|after|before|because|as|if|but"
    r"|is|was|were|are|had|has|have|been|be|will|would|could|should|can|may|might|not|than|then"
    r"|there|this|these|those|it|he|she|they|we|i|you)\b)[a-z\d][\w.-]*(?:['’]s)?)"
)

# subject GAP verb: post-nominals, a parenthesis (or the end of the one the name is in),
# appositives between commas or dashes ("Alan Beith - who chairs the committee - said"; up
# to 160 characters: "Mr Mates, who is a member of the Commons intelligence and security
# committee and was part of the Butler inquiry into pre-war intelligence, told the BBC"), a
# relative "who" ("the Music Managers' Forum (MMF), who say"), adverbials
SUBJECT_GAP = regex(
    rf"{_POSTNOMINAL}(?:\s*\([^()\"“”]{{1,60}}\)|\))?"
    rf"(?:\s*,(?:[^,\"“”;:]{{1,160}},){{1,2}}|\s+[-–—]\s[^\"“”;:–—]{{1,160}}?\s[-–—])?"
    rf"(?:\s*,\s+who)?(?:\s+{_ADVERBIAL})*\s+"
)
# the last word before pos, past any SUBJECT_GAP: the head noun of an unnamed subject
HEAD_WORD = regex(rf"(\S+)(?:{SUBJECT_GAP.pattern})?$")
# the name is itself the appositive: "the shadow home secretary, Mark Oaten, said"
APPOSITIVE_GAP = regex(rf"{_POSTNOMINAL}\s*,(?:\s+{_ADVERBIAL})*\s+")
# possessor GAP noun: "Trump's March 25 statement"
POSSESSOR_GAP = regex(r"(?:'s|’s|'|’)\s+(?:[\w.,-]+\s+){0,3}")
# verb GAP person: "said Arsenal boss Arsene Wenger"
INVERTED_GAP = regex(rf"(?:\s+|\s*,\s*)(?:{_TITLE_WORD}(?:\s+|\s*,\s*))*")
# person GAP person after a verb: a job of the second that names the first ("said Cobain
# biographer Charles Cross", "said Bush's spokesman Scott McClellan"): at least one lower-case
# word, none a function word or an adverbial
PERSON_THEN_PERSON = regex(
    rf"(?:['’]s)?\s+(?:[A-Z][\w.’'&-]*\s+)*"
    r"(?:(?!(?:and|or|nor|of|for|to|in|on|at|by|from|with|the|a|an|yesterday|today|tonight|now|also|[a-z]+ly)\b)"
    rf"{_TITLE_WORD}\s+)+(?:[A-Z][\w.’'&-]*\s+)*"
)
# quote GAP verb with nothing but punctuation and adverbials: `"Q," later said ...`
ADVERBIALS_ONLY = regex(rf"\s*[,—–-]?(?:\s+{_ADVERBIAL})*\s+")
LEADING_COMMA = regex(r"\s*[,—–-]")
INNER_COMMA = frozenset(",?!—–-…")
BY_OR_FROM = regex(r"\s+(?:by|from)\b")
PREPOSITION_BEFORE = regex(
    r"\b(?:for|of|to|with|by|from|about|against|on|at|than|like|between|under|over|told|asked"
    r"|met|called|thanked|criticised|criticized|praised|replaced|beat|defeated|urged)\s+(?:the\s+)?"
    rf"(?:{PERSON_TITLE}\s+)?$"
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
