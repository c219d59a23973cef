"""Which encoding reads undeclared bytes best: each candidate's text judged by how plausible it is.

Statistical detectors (charset_normalizer, chardet) need a few hundred characters of text;
a feed title or a short page gives them a dozen, and they then read KOI8-R Russian as
Shift_JIS or French as Windows-1250. Here every common legacy encoding that decodes the
bytes is tried, and its text is scored for the marks mojibake leaves:

* characters text does not use: C1 controls, private use, unassigned code points, box
  drawing, half-width katakana, lone Hangul jamo, symbols inside words;
* words no language writes: case flipping mid-word ("îÏ×ÏÓÔÉ"), scripts mixed in a word,
  words made mostly of accented letters ("Íîâîñòè");
* CJK that does not fit the encoding: kana read through a Chinese or Korean codec, Japanese
  with no kana at all, rare ideographs and rare Hangul syllables, spaces between ideographs;

and rewarded for words that are among the most frequent of some language (justext's
stoplists, 100 languages, shipped with trafilatura). The lowest score wins; Windows-1252,
the web's default, wins ties between Latin readings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from reader.core.patterns import regex

SAMPLE_BYTES = 64 * 1024
MAX_SCORED = 4000  # non-ASCII characters looked at per candidate
STOPWORD_BONUS = 1.5
LONE_LETTER = 1.5
NO_VOWEL = 1.5
UNSEEN_PAIR = 1.0
ALL_CAPS = 0.5  # a word in capitals: headlines have some, text read with the wrong case mapping many
SPACED_HAN = 3.0  # Chinese and Japanese put no spaces between ideographs; Korean read as them does

# Tried in this order; on equal scores the earlier wins.
CANDIDATES = (
    "cp1252", "cp1250", "cp1251", "koi8-r", "koi8-u", "iso8859-2", "cp1257", "cp1254", "cp1253",
    "iso8859-7", "cp1255", "cp1256", "cp874", "cp866", "iso8859-5", "mac-cyrillic",
    "euc_jp", "cp932", "iso2022_jp", "gb18030", "big5hkscs", "cp949",
)
# A small handicap for the rarer encodings, so that only clearly better text picks them.
PRIOR = {"cp1252": 0.0, "cp1250": 0.3, "iso8859-2": 0.4, "cp1257": 0.4, "cp1254": 0.3, "cp1251": 0.05,
         "koi8-r": 0.05, "euc_jp": 0.05, "cp932": 0.05, "gb18030": 0.05, "cp949": 0.05, "big5hkscs": 0.1}
OTHER_PRIOR = 0.25
PRIOR_CHARS = 4  # below this many non-ASCII characters, the prior counts as if there were this many
CHINESE = frozenset({"gb18030", "big5hkscs"})
JAPANESE = frozenset({"euc_jp", "cp932", "iso2022_jp"})
KOREAN = frozenset({"cp949"})
ALPHABETS = frozenset({"Latin", "Greek", "Cyrillic", "Hebrew", "Arabic", "Thai"})
PAIRED = frozenset({"Latin", "Greek", "Cyrillic", "Hebrew", "Arabic"})  # the stoplists know their letter pairs
# Vowels of the cased alphabets: a word of three letters or more without one is no word.
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿāăąēĕėęěīįıōőœūůűųаеёиоуыэюяєіїўαεηιουωάέήίόύώϊϋΐΰ")

# A run of non-spaces with a non-ASCII character in it. The first part only lets a match
# begin where one could (after a space, or at one: a non-ASCII space joins two runs), so a
# long ASCII run (minified script) is tried once, not from each of its characters: the
# same matches as `\S*[^\x00-\x7f]\S*` alone, which took up to 30 s on a 200 KB page.
_NON_ASCII_TOKEN = regex(r"(?:(?<!\S)|(?=\s))\S*[^\x00-\x7f]\S*")
_WORD = regex(r"[^\W\d_]+")
_SPACED_HAN = regex(r"[\u4e00-\u9fff] +(?=[\u4e00-\u9fff])")
_CUT = regex(rb"[\n<]")


@dataclass(frozen=True)
class Guess:
    text: str
    encoding: str
    score: float


def best_guess(data: bytes, *, preferred: str | None = None) -> Guess:
    """The most plausible reading of `data` (never None: Windows-1252 reads any bytes)."""
    from reader.core.ingest.encoding import decode_as

    sample = _sample(data)
    text, bad = utf8_mostly(sample)
    if _non_ascii(text) - bad >= max(1, bad):
        # More UTF-8 characters than stray bytes: legacy text hardly ever forms valid UTF-8.
        return Guess(utf8_mostly(data)[0], "utf-8", 0.0)
    order = ([preferred] if preferred and preferred != "utf-8" else []) + [c for c in CANDIDATES if c != preferred]
    scored: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for rank, codec in enumerate(order):
        text = _decode_sample(sample, codec, decode_as)
        if text is None or text in seen:
            continue
        seen.add(text)
        prior = 0.0 if codec == preferred else PRIOR.get(codec, OTHER_PRIOR)
        # With a handful of characters the evidence is thin, and the prior weighs more.
        prior *= max(1.0, PRIOR_CHARS / max(1, _non_ascii(text)))
        scored.append((mojibake_score(text, codec) + prior, rank, codec))
    scored.sort()
    for score, _, codec in scored:
        full = decode_as(data, codec)
        if full is not None:
            return Guess(full, codec, score)
    return Guess(decode_as(data, "cp1252") or "", "cp1252", float("inf"))


def utf8_mostly(data: bytes) -> tuple[str, int]:
    """`data` read as UTF-8 with each invalid byte read as Windows-1252, and how many were."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = 0

    def cp1252(match: re.Match[str]) -> str:
        nonlocal bad
        raw = match.group().encode("utf-8", errors="surrogateescape")
        bad += len(raw)
        return raw.decode("cp1252", errors="replace").replace("\ufffd", "?")

    return re.sub(r"[\udc80-\udcff]+", cp1252, text), bad


def mojibake_score(text: str, codec: str) -> float:
    """How much `text` (read with `codec`) looks like mojibake: about 0 for real text,
    1 and more for mojibake; 0 for plain ASCII."""
    tokens = _NON_ASCII_TOKEN.findall(text)
    cost, count, han, kana = 0.0, 0, 0, 0
    for token in tokens:
        token_cost, token_count, token_han, token_kana = _token_cost(token, codec)
        cost, count, han, kana = cost + token_cost, count + token_count, han + token_han, kana + token_kana
        if count >= MAX_SCORED:
            break
    if not count:
        return 0.0
    if codec in JAPANESE and han >= 8 and kana == 0:
        cost += 0.5 * han  # Japanese prose always has kana; Chinese or Korean read as Japanese has none
    cost += SPACED_HAN * len(_SPACED_HAN.findall(" ".join(tokens)))
    return (cost + _word_cost(tokens)) / count


def _token_cost(token: str, codec: str) -> tuple[float, int, int, int]:
    cost, count, han, kana = 0.0, 0, 0, 0
    previous = " "
    scripts: set[str] = set()
    latin_accented = latin_letters = 0
    for index, char in enumerate(token):
        following = token[index + 1] if index + 1 < len(token) else " "
        script = _script(char)
        if script:
            scripts.add(script)
        if script == "Latin":
            latin_letters += 1
        if ord(char) < 0x80:
            previous = char
            continue
        count += 1
        if script == "Latin":
            latin_accented += 1
        elif script == "Han":
            han += 1
        elif script == "Kana":
            kana += 1
        cost += _char_cost(char, previous, following, script, codec)
        if script and previous.isalpha() and following.isalpha() and \
                _script(previous) == _script(following) != script and _script(following) in ALPHABETS:
            cost += 3.0  # a letter of another script inside a word
        if char.isupper() and previous.islower() and (ord(previous) > 0x7F or script != "Latin"):
            cost += 2.0  # case flips mid-word
        previous = char
    cased = scripts & {"Latin", "Cyrillic", "Greek"}
    if len(cased) > 1 or (cased and scripts & {"Hebrew", "Arabic", "Thai"}):
        cost += 3.0 * (len(scripts) - 1)  # scripts mixed in a word
    if latin_letters >= 3 and latin_accented * 3 > latin_letters * 2:
        cost += 1.0 * latin_accented  # a word made mostly of accented letters
    return cost, count, han, kana


def _char_cost(char: str, previous: str, following: str, script: str, codec: str) -> float:
    code = ord(char)
    if 0x80 <= code < 0xA0 or 0xE000 <= code < 0xF900 or code == 0xFFFD:
        return 10.0
    if script == "Han":
        extra = 1.0 if codec in KOREAN else 0.0  # modern Korean hardly uses hanja
        if _script(previous) not in ("Han", "Kana") and _script(following) not in ("Han", "Kana") and \
                "Latin" in (_script(previous), _script(following)):
            extra += 2.5  # one ideograph stuck to a Latin word
        return extra + (0.2 if _common_han(char) else 1.5)
    if script == "Kana":
        if 0xFF61 <= code <= 0xFF9F:
            return 3.0  # half-width katakana: what single-byte text read as Shift_JIS gives
        return 3.0 if codec in CHINESE or codec in KOREAN else 0.0
    if script == "Hangul":
        if 0x3130 <= code <= 0x318F or 0x1100 <= code <= 0x11FF:
            return 4.0  # lone jamo
        return 0.2 if _common_hangul(char) else 2.0
    if script:
        return 0.0
    category = unicodedata.category(char)
    if category in ("Cn", "Co", "Cs", "Cc"):
        return 10.0
    if 0x2500 <= code <= 0x259F:
        return 4.0  # box drawing, blocks
    if category == "Mn":
        return 0.0 if _mark_script(char) == _script(previous) else 3.0  # a mark sits on a letter of its script
    if category == "Cf":
        return 0.3  # soft hyphen, zero-width joiners and the like
    if category.startswith(("S", "P", "N")):
        return _symbol_cost(char, previous, following)
    return 1.0


_IN_WORDS = "\u2019\u02bc\u2010\u2011\u05be\u05f3\u05f4"  # apostrophes, hyphens, Hebrew geresh and maqaf
_QUOTES = "«»¡¿"
_COMMON_SYMBOLS = "©®°±§¶·×÷£¥¢ªº¹²³¼½¾"


def _symbol_cost(char: str, previous: str, following: str) -> float:
    code = ord(char)
    if char in _IN_WORDS:
        return 0.0
    if previous.isalpha() and following.isalpha():
        return 3.0  # a symbol inside a word
    if following.isalpha() and not previous.isalpha() and char not in _QUOTES and \
            not (0x2010 <= code <= 0x206F) and unicodedata.category(char) not in ("Ps", "Pi"):
        return 1.5  # a symbol a word starts with
    if char in _QUOTES or 0x2010 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
        return 0.0  # quotes, dashes, ellipsis, bullets, CJK and full-width punctuation
    if previous.isalpha():
        return 0.7 if char in "¹²³" else 1.5  # a symbol a word ends with (m², or mojibake)
    if char == "\u20ac":
        return 0.0  # the euro, by a number
    return 0.1 if char in _COMMON_SYMBOLS else 0.7


def _mark_script(char: str) -> str:
    code = ord(char)
    if 0x0300 <= code <= 0x036F:
        return "Latin"
    for start, end, name in _SCRIPTS:
        if start <= code <= end:
            return name
    return "Other"


def _script(char: str) -> str:
    """The script of a letter, coarsely ("" for anything that is not a letter)."""
    code = ord(char)
    if code < 0x80:
        return "Latin" if char.isalpha() else ""
    if not char.isalpha():
        return "Kana" if 0x3099 <= code <= 0x30FF else ""
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "Latin"
    for start, end, name in _SCRIPTS:
        if start <= code <= end:
            return name
    return "Other"


_SCRIPTS = (
    (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"), (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0E00, 0x0E7F, "Thai"),
    (0x3040, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"), (0xFF66, 0xFF9F, "Kana"),
    (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"), (0xF900, 0xFAFF, "Han"), (0x20000, 0x3FFFF, "Han"),
    (0xAC00, 0xD7A3, "Hangul"), (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"),
)


@functools.lru_cache(maxsize=8192)
def _common_han(char: str) -> bool:
    """Among the ideographs the national standards list first as the common ones:
    GB2312 level 1, JIS X 0208 level 1 or Big5's frequent block."""
    for codec, low, high in (("gb2312", 0xB0, 0xD7), ("euc_jp", 0xB0, 0xCF), ("big5", 0xA4, 0xC6)):
        try:
            lead = char.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        if low <= lead <= high:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _common_hangul(char: str) -> bool:
    """One of the 2,350 syllables of KS X 1001 (EUC-KR), which cover nearly all Korean text."""
    try:
        char.encode("euc_kr")
    except UnicodeEncodeError:
        return False
    return True


def _word_cost(tokens: list[str]) -> float:
    """Against the non-ASCII words: each one among the frequent words of some language counts
    for the text, each lone letter that is not one counts against it."""
    known = _stopwords()
    pairs = _letter_pairs()
    cost = 0.0
    for token in tokens:
        for word in _WORD.findall(token):
            if word.isascii():
                continue
            if len(word) > 1 and word.isupper():
                cost += ALL_CAPS
            word = word.lower()
            if len(word) == 1:
                cost += LONE_LETTER / 3 if word in known else LONE_LETTER
            elif word in known:
                cost -= STOPWORD_BONUS
            elif len(word) >= 3 and _script(word[0]) in ("Latin", "Cyrillic", "Greek") and _VOWELS.isdisjoint(word):
                cost += NO_VOWEL
            if word not in known and _script(word[-1]) in PAIRED:
                cost += _pairs_cost(word, pairs)
    return cost


def _pairs_cost(word: str, pairs: dict[str, int]) -> float:
    """Letter pairs that the frequent words of no language have, or hardly any: mojibake's mark."""
    cost = 0.0
    previous = " "
    for char in word + " ":
        if ord(char) > 0x7F or ord(previous) > 0x7F:
            seen = pairs.get(previous + char, 0)
            cost += 0.0 if seen else UNSEEN_PAIR
        previous = char
    return cost


def _stopwords() -> frozenset[str]:
    """The non-ASCII words of justext's stoplists (read once, when a guess is first needed)."""
    from reader.core.ingest.stopwords import frequent_words

    return frequent_words().known


def _letter_pairs() -> dict[str, int]:
    """How many of the frequent words have each pair of letters (" " marks a word's ends),
    for the pairs with a non-ASCII letter."""
    from reader.core.ingest.stopwords import frequent_words

    return frequent_words().pairs


def _sample(data: bytes) -> bytes:
    """The first SAMPLE_BYTES, cut after a newline or before a '<' so no character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = max((m.start() for m in _CUT.finditer(data, SAMPLE_BYTES - 4096, SAMPLE_BYTES)), default=SAMPLE_BYTES)
    return data[:cut]


def _decode_sample(sample: bytes, codec: str, decode_as) -> str | None:  # noqa: ANN001
    if codec.startswith("iso2022") and b"\x1b" not in sample:
        return None
    return decode_as(sample, codec)


def _non_ascii(text: str) -> int:
    return sum(1 for char in text if ord(char) > 0x7F)


__all__ = ["CANDIDATES", "Guess", "SAMPLE_BYTES", "best_guess", "mojibake_score", "utf8_mostly"]
