"""Decoding and checks shared by all readers: bytes -> text, text -> accepted or Skipped."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from itertools import islice

from tieline.config import Limits
from tieline.model import Skipped

BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192  # NUL bytes this close to the start mean a binary file, not text


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file contain NUL, which no text format here allows."""
    return b"\x00" in head[:SNIFF_BYTES]


def binary_skip(origin: str) -> Skipped:
    """The Skipped for a binary input."""
    return Skipped(
        origin,
        "binary",
        f"{origin}: looks like a binary file (NUL bytes near the start); "
        "give tieline a UTF-8 text, HTML, JSON, JSONL or CSV file",
    )


def encoding_skip(origin: str, offset: int) -> Skipped:
    """The Skipped for bytes that are not UTF-8, naming the first bad byte."""
    return Skipped(
        origin,
        "encoding",
        f"{origin}: not valid UTF-8 (first bad byte at offset {offset}); re-save it as UTF-8",
    )


def decode(raw: bytes, origin: str) -> str | Skipped:
    """UTF-8 text of ``raw`` without a leading BOM, or why it cannot be text."""
    if looks_binary(raw):
        return binary_skip(origin)
    start = len(BOM) if raw.startswith(BOM) else 0
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return encoding_skip(origin, start + exc.start)


def check_text(text: str, origin: str, limits: Limits | None = None) -> Skipped | None:
    """Why ``text`` cannot be an article (empty, too short, too long, not English), or None."""
    limits = limits or Limits()
    if not text.strip():
        return Skipped(
            origin, "empty", f"{origin}: no text (empty or only whitespace); remove it or fill it"
        )
    if len(text) > limits.max_article_chars:
        return Skipped(
            origin,
            "too_large",
            f"{origin}: text is {len(text):,} characters, over the limit of "
            f"{limits.max_article_chars:,} (max_article_chars); split it or raise the limit",
        )
    if len(text.strip()) < limits.min_text_chars:
        return Skipped(
            origin,
            "no_text",
            f"{origin}: text is only {len(text.strip())} characters, under the minimum of "
            f"{limits.min_text_chars} (min_text_chars); give the full article text",
        )
    if not looks_english(text):
        return Skipped(
            origin,
            "not_english",
            f"{origin}: text does not look like English; tieline reads English news only, "
            "so remove it or give an English version",
        )
    return None


# Function words that make up a third or more of running English prose. Words that are
# also common function words in French, German or Spanish ("a", "in", "an", "on", "so",
# "was", "will", "no") are left out so those languages score near zero.
_ENGLISH = frozenset(
    """the of and to is are were be been being that for with as by at from it its this
    these those which who whom whose has have had not but or would could should said says
    after than their they them he she his her we our you your about into over also more
    other there can may if when while all up out one what where how why just only such
    any some many most each both because before between during under against through
    then did does do""".split()  # noqa: SIM905 - a word list reads better as prose
)
# Function words of the other Latin-script languages news most often comes in (French,
# German, Spanish, Italian, Portuguese, Dutch); none is an English word.
_FOREIGN = frozenset(
    """le la les des du et est une un pour dans qui sur au aux avec pas cette il elle ils
    sont der das und ist nicht mit dem von zu sich auf eine ein auch bei dass wird el los
    las del y en que por para con una es se lo su como pero sus fue di che della dei gli
    sono het een van op dat voor niet zijn met os dos não em com""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_WORDS = 400  # enough to judge; keeps the check O(1) for huge articles
_SHORT_WORDS = 15  # below this the shares are noise, so short texts are accepted
_CLEARLY_ENGLISH = 0.15  # English news scores ~0.2-0.5; French/German/Spanish ~0
_NOT_ENGLISH = 0.05  # below this even headline-style English (names, few verbs) is rare
_MIN_LATIN = 0.5  # share of letters in Latin script (rejects Chinese, Russian, Arabic...)


def looks_english(text: str) -> bool:
    """True when the first ~400 words look like English (function-word share, Latin script)."""
    words = [m.group().lower() for m in islice(_WORD.finditer(text), _SAMPLE_WORDS)]
    letters = sum(len(w) for w in words)
    if not letters:
        return True  # numbers and punctuation only: nothing to judge by
    latin = sum(1 for w in words for ch in w if ch < "\u0250")
    if latin / letters < _MIN_LATIN:
        return False
    if len(words) < _SHORT_WORDS:
        return True
    english = sum(1 for w in words if w in _ENGLISH) / len(words)
    foreign = sum(1 for w in words if w in _FOREIGN) / len(words)
    if english >= _CLEARLY_ENGLISH:
        return True
    # In between: name-heavy English (headlines, briefs) unless another language shows more.
    return english >= _NOT_ENGLISH and foreign <= english


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+"
_ORDINAL = r"(?:st|nd|rd|th)?"
# A time of day with an optional zone, as trailing on dates in feeds and bylines.
_TIME = (
    r"(?:(?:\s*,\s*|\s+|t)(?:at\s+)?\d{1,2}(?::\d{2}){0,2}(?:[.,]\d+)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:z|[a-z]{2,5}|[+-]\d{2}:?\d{2}|\([a-z]{2,5}\))?)?"
)
_WORDY = re.compile(
    rf"^(?:{_WEEKDAY})?(?:"
    rf"(?P<m1>[a-z]+)\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2>[a-z]+)\.?,?\s+(?P<y2>\d{{4}})"
    rf"){_TIME}$"
)
_NUMERIC = re.compile(
    rf"^(?:(?P<y1>\d{{4}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}})"
    rf"|(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y2>\d{{4}})){_TIME}$"
)
_YEARS = range(1800, 2201)  # outside this a "date" is garbage, not a news date


def parse_date(value: object) -> str | None:
    """``value`` as YYYY-MM-DD (ISO, "June 16, 2025", RFC 2822, epoch numbers), else None."""
    try:
        day = _as_date(value)
    except (ValueError, OverflowError, OSError, TypeError, IndexError):
        return None
    return day.isoformat() if day is not None and day.year in _YEARS else None


def _as_date(value: object) -> date | None:
    """The calendar date ``value`` names; raises or returns None when it names none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(value)
    if not isinstance(value, str) or len(value) > 100:
        return None
    text = " ".join(value.split())
    if not text:
        return None
    return _from_iso(text) or _from_pattern(text.lower()) or _from_rfc2822(text)


def _from_epoch(seconds: float) -> date:
    """Date of a Unix timestamp in seconds, or milliseconds when it is too big for seconds."""
    if abs(seconds) > 1e11:
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC).date()


def _from_iso(text: str) -> date | None:
    """Date of an ISO 8601 string; a timestamp keeps its own local date, as the outlet wrote it."""
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.date()


def _from_pattern(text: str) -> date | None:
    """Date of "June 16, 2025", "16 June 2025", "2025/06/16" or "06/16/2025" (US order first)."""
    if m := _WORDY.match(text):
        month = _MONTHS.get(m["m1"] or m["m2"] or "")
        if month is None:
            return None
        return date(int(m["y1"] or m["y2"]), month, int(m["d1"] or m["d2"]))
    if m := _NUMERIC.match(text):
        if m["y1"]:
            return date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        a, b = int(m["a"]), int(m["b"])
        # English news is mostly US: month first unless the first number cannot be a month.
        month, day = (b, a) if a > 12 else (a, b)
        return date(int(m["y2"]), month, day)
    return None


def _from_rfc2822(text: str) -> date | None:
    """Date of an RFC 2822 timestamp ("Mon, 16 Jun 2025 10:00:00 +0000") as in RSS feeds."""
    return parsedate_to_datetime(text).date()
