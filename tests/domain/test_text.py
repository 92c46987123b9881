import re
import unicodedata
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tiendo.domain.text import clean, normalize, search_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (typed, stored): the tone ends up on one vowel, the one government documents use.
NORMALIZE_CASES = [
    # Open syllables ending in a vowel pair: the first vowel carries the mark.
    ("Tỉnh uỷ", "Tỉnh ủy"),
    ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("Thuỷ lợi", "Thủy lợi"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("hoá đơn", "hóa đơn"),
    ("Hoà Bình", "Hòa Bình"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("hoà", "hòa"),
    ("khoẻ", "khỏe"),
    ("thuỷ", "thủy"),
    ("Toà án", "Tòa án"),
    ("Thoả thuận", "Thỏa thuận"),
    ("Khoá học", "Khóa học"),
    ("loè loẹt", "lòe loẹt"),
    ("Thuý", "Thúy"),
    ("luỹ kế", "lũy kế"),
    ("tuỳ", "tùy"),
    # Already in place.
    ("Tỉnh ủy", "Tỉnh ủy"),
    ("hóa", "hóa"),
    ("Thúy", "Thúy"),
    ("mía", "mía"),
    ("mùa", "mùa"),
    ("núi", "núi"),
    # A final consonant: the last vowel of the group.
    ("hoàng", "hoàng"),
    ("Huỳnh", "Huỳnh"),
    ("quýt", "quýt"),
    ("hoạch", "hoạch"),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"),
    ("hòang", "hoàng"),
    ("Hùynh", "Huỳnh"),
    ("tòan bộ", "toàn bộ"),
    # Three vowels without a final consonant: the middle one.
    ("khuỷu", "khuỷu"),
    ("khoái", "khoái"),
    ("ngoáy", "ngoáy"),
    ("khủyu", "khuỷu"),
    ("khỏai", "khoải"),
    # A vowel with a mark of its own (ă â ê ô ơ ư) wins; of two, the second.
    ("thuyết", "thuyết"),
    ("chuyện", "chuyện"),
    ("người", "người"),
    ("được", "được"),
    ("muốn", "muốn"),
    ("tiếng", "tiếng"),
    ("yếu", "yếu"),
    ("Nguyễn", "Nguyễn"),
    ("thuở", "thuở"),
    ("quốc", "quốc"),
    ("Nghị quyết", "Nghị quyết"),
    ("rượu", "rượu"),
    ("khuấy", "khuấy"),
    ("hoặc", "hoặc"),
    ("thuế", "thuế"),
    ("Huế", "Huế"),
    ("Tuấn", "Tuấn"),
    ("ngừơi", "người"),
    ("Nguỹên", "Nguyễn"),
    ("thủơ", "thuở"),
    ("múôn", "muốn"),
    # "qu" and "gi": the u and the i belong to the consonant before another vowel.
    ("Quý I/2024", "Quý I/2024"),
    ("quả", "quả"),
    ("qúy", "quý"),
    ("Quỳnh", "Quỳnh"),
    ("giá", "giá"),
    ("giữ", "giữ"),
    ("giữa", "giữa"),
    ("già", "già"),
    ("gìa", "già"),
    ("gìn giữ", "gìn giữ"),
    ("giường", "giường"),
    ("giỏi", "giỏi"),
    # No tone, or not a Vietnamese syllable: left alone.
    ("khuya", "khuya"),
    ("tiéng", "tiéng"),
    ("hòà", "hòà"),
    ("hỏà", "hỏà"),
    ("Industrial Zone", "Industrial Zone"),
    ("越南", "越南"),
    ("越南 Hoà Bình", "越南 Hòa Bình"),
    ("café où résumé", "café où résumé"),
    ("São Paulo", "São Paulo"),
    ("Ångström Müller naïve", "Ångström Müller naïve"),
    ("Москва́", "Москва́"),
    ("hoàx Hoàbình", "hoàx Hoàbình"),
    ("", ""),
    # Digits, punctuation and spacing stay where they are.
    ("QĐ số 12/QĐ-UBND của Tỉnh uỷ.", "QĐ số 12/QĐ-UBND của Tỉnh ủy."),
    ("(Thuỷ),Hoà;", "(Thủy),Hòa;"),
    ("  Hoà   Bình  ", "  Hòa   Bình  "),
    ("Hoà\tBình\n", "Hòa\tBình\n"),
]


@pytest.mark.parametrize(("typed", "stored"), NORMALIZE_CASES)
def test_normalize_places_tone_by_rule(typed: str, stored: str) -> None:
    assert normalize(typed) == stored


@pytest.mark.parametrize(("typed", "stored"), NORMALIZE_CASES)
def test_normalize_accepts_decomposed_input(typed: str, stored: str) -> None:
    assert normalize(nfd(typed)) == stored


@pytest.mark.parametrize(("typed", "stored"), NORMALIZE_CASES)
def test_normalize_treats_upper_case_alike(typed: str, stored: str) -> None:
    assert normalize(typed.upper()) == stored.upper()


@pytest.mark.parametrize(("typed", "stored"), NORMALIZE_CASES)
def test_normalize_is_idempotent_on_cases(typed: str, stored: str) -> None:
    assert normalize(stored) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Hoa\u0300", "Hòa"),
        ("Ho\u0300a", "Hòa"),
        ("Thuy\u0309", "Thủy"),
        ("Thu\u0309y", "Thủy"),
        ("Nguye\u0302\u0303n", "Nguyễn"),
        ("Nguye\u0303\u0302n", "Nguyễn"),
        ("Nguy\u0303e\u0302n", "Nguyễn"),
        ("ngu\u031bo\u031b\u0300i", "người"),
        ("ngu\u031b\u0300o\u031bi", "người"),
        ("Tie\u0301\u0302ng", "Tiếng"),
        ("hoan\u0300g", "hoàng"),
        ("gin\u0300", "gìn"),
        ("Gin\u0300", "Gìn"),
        ("gia\u0300", "già"),
    ],
)
def test_normalize_accepts_mark_typed_after_any_letter(typed: str, stored: str) -> None:
    result = normalize(typed)
    assert result == stored
    assert unicodedata.is_normalized("NFC", result)


SEARCH_KEY_CASES = [
    ("Chậm tiến độ", "cham tien do"),
    ("  Sở  Kế hoạch và Đầu tư ", "so ke hoach va dau tu"),
    ("ĐÀ NẴNG", "da nang"),
    ("Tỉnh uỷ", "tinh uy"),
    ("Tỉnh ủy", "tinh uy"),
    ("Nguyễn\tThị\nHoà", "nguyen thi hoa"),
    ("Industrial  Zone", "industrial zone"),
    ("越南", "越南"),
    ("Straße", "strasse"),
    ("שָׁלוֹם", "שלום"),
    ("Zoe\u1dc0", "zoe"),
    ("Quý I/2024", "quy i/2024"),
    ("\u00a0Đ\u2003", "d"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "key"), SEARCH_KEY_CASES)
def test_search_key_drops_diacritics_case_and_extra_space(text: str, key: str) -> None:
    assert search_key(text) == key
    assert search_key(nfd(text)) == key


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Nguyễn   Thị  Hoà ", "Nguyễn Thị Hòa"),
        ("Tỉnh\tuỷ\n", "Tỉnh ủy"),
        ("\u00a0Hoà\u00a0Bình\u2003", "Hòa Bình"),
        ("Industrial Zone", "Industrial Zone"),
        ("   ", ""),
    ],
)
def test_clean_normalizes_and_tidies_spacing(typed: str, stored: str) -> None:
    assert clean(typed) == stored


# Toneless syllables covering every kind of vowel group, to type the tone on each of their vowels.
SYLLABLES = [
    "hoa", "khoe", "thuy", "uy", "hoang", "huynh", "khuyu", "khoai", "ngoay", "thuyêt", "chuyên", "ngươi",
    "đươc", "muôn", "tiêng", "yêu", "Nguyên", "thuơ", "quôc", "quy", "qua", "giư", "giưa", "gia", "giương",
    "rươu", "khuây", "hoăc", "thuê", "Tuân", "mia", "mua", "nui", "khuya",
]  # fmt: skip
TONES = "\u0300\u0301\u0303\u0309\u0323"


@given(
    syllable=st.sampled_from(SYLLABLES),
    tone=st.sampled_from(TONES),
    case=st.sampled_from([str.lower, str.upper, str.title]),
    data=st.data(),
)
def test_tone_lands_on_the_same_vowel_wherever_it_was_typed(
    syllable: str, tone: str, case: Callable[[str], str], data: st.DataObject
) -> None:
    word = case(syllable)
    vowels = [i for i, letter in enumerate(word.lower()) if letter in "aăâeêioôơuưy"]
    first = data.draw(st.sampled_from(vowels))
    second = data.draw(st.sampled_from(vowels))
    typed_first = word[: first + 1] + tone + word[first + 1 :]
    typed_second = word[: second + 1] + tone + word[second + 1 :]
    assert normalize(typed_first) == normalize(typed_second)
    assert normalize(unicodedata.normalize("NFC", typed_first)) == normalize(typed_first)


# Text rich in what normalize works on: Vietnamese letters in both cases, loose marks, spaces, punctuation.
vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYbcdđghklmnpqrstvxĐGHKNQT")
        + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
        + list("ÀÁẢÃẠÒÓỎÕỌỲÝỶỸỴ")
        + list(TONES + "\u0302\u0306\u031b\u0308")
        + list(" \t\n,.-/()0123456789zf越")
    ),
    max_size=40,
)
any_text = st.one_of(st.text(), vietnamese_text)


@given(any_text)
@example("Hoà\u0591")
@example(" \u0301a")
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(any_text)
def test_normalize_returns_nfc(text: str) -> None:
    assert unicodedata.is_normalized("NFC", normalize(text))


@given(any_text)
def test_normalize_only_moves_marks(text: str) -> None:
    assert Counter(nfd(normalize(text))) == Counter(nfd(text))


@given(any_text)
def test_normalize_keeps_spacing(text: str) -> None:
    spaces = re.compile(r"\s+")
    assert spaces.findall(normalize(text)) == spaces.findall(unicodedata.normalize("NFC", text))


@given(any_text)
def test_search_key_ignores_normalization(text: str) -> None:
    assert search_key(normalize(text)) == search_key(text)


@given(any_text)
@example("İ")
@example("\u0345")
def test_search_key_is_bare_lowercase_single_spaced(text: str) -> None:
    key = search_key(text)
    assert not any(unicodedata.category(char).startswith("M") for char in key)
    assert key == key.casefold()
    assert key == " ".join(key.split())
    assert search_key(key) == key


@given(any_text)
def test_clean_is_normalized_text_with_single_spaces(text: str) -> None:
    cleaned = clean(text)
    assert cleaned == " ".join(normalize(text).split())
    assert clean(cleaned) == cleaned
