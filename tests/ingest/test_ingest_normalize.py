"""normalize: decoding, text checks, the English test and date parsing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tieline.config import Limits
from tieline.ingest.normalize import check_text, decode, looks_english, parse_date
from tieline.model import Skipped, article_id_for

ENGLISH = (
    "Acme Corp said on Monday that it had agreed to buy Widget Co for an undisclosed sum, "
    "in a deal that the two companies expect to close later this year. The acquisition "
    "will give Acme a larger share of the market for industrial widgets, the company said."
)
NOT_ENGLISH = {
    "french": (
        "La société Acme a annoncé lundi qu'elle avait accepté de racheter Widget pour un "
        "montant non divulgué, dans le cadre d'un accord que les deux entreprises prévoient "
        "de conclure plus tard cette année. Cette acquisition donnera à Acme une plus grande "
        "part du marché."
    ),
    "german": (
        "Die Firma Acme hat am Montag mitgeteilt, dass sie sich bereit erklärt hat, Widget "
        "für eine nicht genannte Summe zu kaufen. Die beiden Unternehmen erwarten, dass der "
        "Abschluss noch in diesem Jahr erfolgt, und die Übernahme wird Acme stärken."
    ),
    "spanish": (
        "La empresa Acme dijo el lunes que había acordado comprar Widget por una suma no "
        "revelada, en un acuerdo que las dos compañías esperan cerrar a finales de este año. "
        "La adquisición dará a Acme una mayor participación en el mercado."
    ),
    "chinese": (
        "阿克米公司周一表示，已同意以未披露的金额收购威杰特公司，两家公司预计该交易将于"
        "今年晚些时候完成。此次收购将使阿克米在工业零件市场获得更大份额。"
    ),
    "russian": (
        "Компания Акме в понедельник сообщила, что согласилась купить компанию Виджет за "
        "нераскрытую сумму. Обе компании ожидают завершить сделку позднее в этом году, и "
        "покупка даст Акме большую долю рынка промышленных деталей."
    ),
}


def test_decode_strips_bom_only() -> None:
    assert decode(b"\xef\xbb\xbfHello \xe2\x80\x94 world", "a.txt") == "Hello \u2014 world"


def test_decode_binary() -> None:
    result = decode(b"PK\x03\x04\x00\x00rest", "a.txt")
    assert isinstance(result, Skipped)
    assert result.reason == "binary"
    assert "a.txt" in result.message


def test_decode_encoding_names_offset() -> None:
    result = decode(b"caf\xe9 au lait", "a.txt")
    assert isinstance(result, Skipped)
    assert result.reason == "encoding"
    assert "offset 3" in result.message and "a.txt" in result.message


def test_decode_offset_counts_the_bom() -> None:
    result = decode(b"\xef\xbb\xbfab\xff", "a.txt")
    assert isinstance(result, Skipped) and "offset 5" in result.message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        ("Too short.", "no_text"),
        ("x" * 101, "too_large"),
        (NOT_ENGLISH["french"][:100], "not_english"),
    ],
)
def test_check_text_reasons(text: str, reason: str) -> None:
    limits = Limits(max_article_chars=100)
    result = check_text(text, "a.txt:3", limits)
    assert result is not None
    assert result.reason == reason
    assert result.origin == "a.txt:3" and "a.txt:3" in result.message


def test_check_text_too_large_states_size_and_limit() -> None:
    result = check_text("word " * 30, "big.txt", Limits(max_article_chars=100))
    assert result is not None and "150" in result.message and "100" in result.message


def test_check_text_accepts_english() -> None:
    assert check_text(ENGLISH, "a.txt", Limits()) is None


def test_looks_english_accepts_news() -> None:
    assert looks_english(ENGLISH)
    headline = (
        "Globex, Initech sign five-year cloud supply pact; Umbrella Holdings sues Hooli "
        "over patents in Delaware court filing Tuesday"
    )
    assert looks_english(headline)
    assert looks_english("Acme Inc. (NYSE: ACME) Q2 EPS $1.23 beats by $0.05; revenue of $4.5B.")


@pytest.mark.parametrize("language", sorted(NOT_ENGLISH))
def test_looks_english_rejects_other_languages(language: str) -> None:
    assert not looks_english(NOT_ENGLISH[language])


def test_looks_english_keeps_short_latin_texts() -> None:
    assert looks_english("Zorvex sued Plimco.")
    assert looks_english("1,234.5 -- 99%")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-16", "2025-06-16"),
        ("2025-06-16T10:00:00Z", "2025-06-16"),
        ("2025-06-16T23:30:00-05:00", "2025-06-16"),
        ("2025-06-16 10:00:00.123+02:00", "2025-06-16"),
        ("2025/06/16", "2025-06-16"),
        ("June 16, 2025", "2025-06-16"),
        ("Jun. 16, 2025", "2025-06-16"),
        ("Monday, June 16, 2025", "2025-06-16"),
        ("June 16, 2025, 10:30 a.m. EDT", "2025-06-16"),
        ("16 June 2025", "2025-06-16"),
        ("16th of June 2025", "2025-06-16"),
        ("Mon, 16 Jun 2025 10:00:00 +0000", "2025-06-16"),
        ("06/16/2025", "2025-06-16"),
        ("16/06/2025", "2025-06-16"),
        (1750075200, "2025-06-16"),
        (1750075200000, "2025-06-16"),
        ("garbage", None),
        ("2025-13-45", None),
        ("June 31, 2025", None),
        ("", None),
        (None, None),
        (True, None),
        (["2025-06-16"], None),
        (float("nan"), None),
        (1e300, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


_ANY = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"\d{1,5}[-/. ]\d{1,3}[-/. ]\d{1,5}( \d{1,2}:\d\d)?", fullmatch=True),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
)


@settings(max_examples=100, deadline=None)
@given(_ANY)
def test_parse_date_never_raises(value: object) -> None:
    result = parse_date(value)
    assert result is None or re.fullmatch(r"\d{4}-\d\d-\d\d", result)


_WORDS = st.lists(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8).filter(
        lambda word: not any(ch.isspace() for ch in word)
    ),
    min_size=1,
    max_size=8,
)
_SPACES = st.text(st.sampled_from(" \t\n\r\u00a0\u2003\u3000"), min_size=1, max_size=3)


@settings(max_examples=100, deadline=None)
@given(_WORDS, st.data())
def test_article_id_ignores_whitespace(words: list[str], data: st.DataObject) -> None:
    spaced = data.draw(_SPACES) + "".join(w + data.draw(_SPACES) for w in words)
    assert article_id_for(spaced) == article_id_for(" ".join(words))
