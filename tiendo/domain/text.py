"""Vietnamese text normalisation shared by search, storage and matching.

The same word reaches us in several spellings: precomposed or decomposed (NFD) Unicode, and with the tone
mark on different vowels ("hoà" / "hòa", "Tỉnh uỷ" / "Tỉnh ủy"). Equal names must compare equal, so every
string is brought to NFC with one tone placement: the one used by government documents ("hòa", "khỏe",
"thủy", "Ủy ban"), where a vowel pair ending an open syllable carries the mark on its first vowel.
"""

import re
import unicodedata
from re import Match

__all__ = ["clean", "normalize", "search_key"]

# The five tone marks, as combining characters (NFD).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Marks that make a different vowel letter (â ê ô, ă, ơ ư) rather than a tone.
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
_LETTERS = frozenset("abcdđeghiklmnopqrstuvxy") | _VOWELS

_INITIALS_3 = frozenset({"ngh"})
_INITIALS_2 = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
_INITIALS_1 = frozenset("bcdđghklmnprstvx")
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})

# Vowel groups by whether a final consonant may or must follow; anything else is not Vietnamese.
_OPEN_OR_CLOSED = frozenset({"a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy"})
_CLOSED_ONLY = frozenset({"ă", "â", "iê", "yê", "oă", "oo", "uâ", "uô", "ươ", "uyê"})
_OPEN_ONLY = frozenset(
    {
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "uơ",
        "ưa", "ưi", "ưu", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu", "yêu",
    }
)  # fmt: skip
_WITH_CODA = _OPEN_OR_CLOSED | _CLOSED_ONLY
_WITHOUT_CODA = _OPEN_OR_CLOSED | _OPEN_ONLY

# A word: letters of any script plus combining marks (which may follow any letter in NFD input).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")

_CACHE_LIMIT = 50_000
_MAX_CACHED_PART = 48
_part_cache: dict[str, str] = {}
_word_cache: dict[str, str] = {}

# The marks search_key strips from Vietnamese text in NFD: all of the basic combining block.
_BASIC_MARKS = re.compile(r"[\u0300-\u036f]+")


def _tone_index(word: str) -> int | None:
    """Find which letter of a toneless lowercase syllable carries the tone; None if it is no syllable."""
    if word[:3] in _INITIALS_3:
        start = 3
    elif word[:2] == "gi":
        # "gi" is the consonant before another vowel ("giá", "giữa"); otherwise its i is the vowel ("gìn").
        start = 2 if word[2:3] in _VOWELS else 1
    elif word[:2] == "qu":
        # The u of "qu" belongs to the consonant: "quý", "quả" carry the mark on the next vowel.
        start = 2
    elif word[:2] in _INITIALS_2:
        start = 2
    elif word[:1] in _INITIALS_1:
        start = 1
    else:
        start = 0
    end = start
    while end < len(word) and word[end] in _VOWELS:
        end += 1
    group, coda = word[start:end], word[end:]
    if coda not in _CODAS or group not in (_WITH_CODA if coda else _WITHOUT_CODA):
        return None
    marked = [i for i, letter in enumerate(group) if letter in _MARKED_VOWELS]
    if marked:
        offset = marked[-1]  # "ươ" and the like: the second one ("được", "người")
    elif coda or len(group) == 1:
        offset = len(group) - 1  # "hoàng", "huỳnh"
    elif len(group) == 3:
        offset = 1  # "khuỷu", "ngoái"
    else:
        offset = 0  # "hòa", "khỏe", "thủy", "mía"
    return start + offset


def _fix_word(word: str) -> str:
    """Move the tone of one NFC word to its place, leaving anything that is not a syllable untouched."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in _TONES]
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", decomposed.replace(tones[0], ""))
    lower = bare.lower()
    if len(lower) != len(bare) or not _LETTERS.issuperset(lower):
        return word
    index = _tone_index(lower)
    if index is None:
        return word
    toned = unicodedata.normalize("NFC", bare[index] + tones[0])
    return bare[:index] + toned + bare[index + 1 :]


def _fix_match(match: Match[str]) -> str:
    word = match.group()
    fixed = _word_cache.get(word)
    if fixed is None:
        fixed = _fix_word(word)
        if len(_word_cache) >= _CACHE_LIMIT:
            _word_cache.clear()
        _word_cache[word] = fixed
    return fixed


def _fix_part(part: str) -> str:
    if part.isascii():
        return part
    return _WORD.sub(_fix_match, part)


def normalize(text: str) -> str:
    """Bring text to NFC with one tone placement per syllable, so that equal words compare equal."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    cache = _part_cache
    parts = text.split(" ")
    fixed_parts = []
    for part in parts:
        fixed = cache.get(part)
        if fixed is None:
            fixed = _fix_part(part)
            if len(part) <= _MAX_CACHED_PART:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[part] = fixed
        fixed_parts.append(fixed)
    return " ".join(fixed_parts)


def search_key(text: str) -> str:
    """Reduce text to bare lowercase letters so that users can search without typing diacritics.

    Tone placement does not matter once every mark is gone, so the text is not normalised first.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    key = _BASIC_MARKS.sub("", unicodedata.normalize("NFD", text.casefold())).replace("đ", "d")
    if not key.isascii():
        # Other scripts may carry marks outside the basic block.
        key = "".join(char for char in key if not unicodedata.category(char).startswith("M"))
    return " ".join(key.split())


def clean(text: str) -> str:
    """Tidy a name typed by a user before storing it: normalised, single-spaced, trimmed."""
    return " ".join(normalize(text).split())
