"""English: lexicon tables, tense cues and the rules of the temporal grammar. Data only.

Each rule's pattern uses ``@table`` (or ``@table:group``) placeholders; the engine expands them
into named groups and hands ``make`` the normalized values (``@month`` gives 1..12). Rules are
general news English: "Sept. 5, 2017", "on Tuesday", "three years ago", "the third quarter".
Ambiguous words ("may", "march", "fall", "spring", "sun", "second") count only in context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from timeline.temporal.grammar import Example, Groups, Rule, Token
from timeline.temporal.values import (
    Anaphor,
    AnchorKind,
    BeforeChrist,
    Calendar,
    DayOfMonth,
    Holiday,
    QuarterEnding,
    RangeEnd,
    Reference,
    ReportingQuarter,
    Shift,
    Span,
    WeekdayRef,
)

# ---------------------------------------------------------------- tables

_MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTH = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
MONTH.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
# Month names that are also common words: only dates when context says so.
AMBIGUOUS_MONTH = {"may": 5, "march": 3}
SAFE_MONTH = {k: v for k, v in MONTH.items() if k not in AMBIGUOUS_MONTH and k not in ("mar", "jan")}

WEEKDAY = {
    name: i for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
WEEKDAY.update(
    {
        "mon.": 0,
        "tue.": 1,
        "tues.": 1,
        "wed.": 2,
        "thu.": 3,
        "thur.": 3,
        "thurs.": 3,
        "fri.": 4,
        "sat.": 5,
        "sun.": 6,
    }
)

TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
# Words that name a clock time: "noon Thursday", "midnight on Dec. 31".
CLOCK_WORD = {"noon": "T12:00", "midnight": "T24:00"}
# Moments of the day a report times things by: "at dawn", "by nightfall".
DAY_MOMENT = {
    "dawn": "MO",
    "daybreak": "MO",
    "sunrise": "MO",
    "midday": "MI",
    "dusk": "EV",
    "sunset": "EV",
    "sundown": "EV",
    "nightfall": "NI",
}
# Plurals name a recurrence: "on Tuesday nights", "on Sundays".
TIMES_OF_DAY = {"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI"}
WEEKDAYS = {name + "s": i for name, i in WEEKDAY.items() if name.endswith("day")}
SEASON = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SAFE_SEASON = {"summer": "SU", "autumn": "FA", "winter": "WI"}
SEASONS = {"springs": "SP", "summers": "SU", "autumns": "FA", "falls": "FA", "winters": "WI"}

# TIMEX3 duration letters; "PT" units are clock units.
UNIT = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
    "quarter": "quarter",
    "quarters": "quarter",
    "weekend": "weekend",
    "weekends": "weekend",
    "hour": "hour",
    "hours": "hour",
    "minute": "minute",
    "minutes": "minute",
    "second": "second",
    "seconds": "second",
    "fortnight": "fortnight",
}
PLURAL_UNIT = {k: v for k, v in UNIT.items() if k.endswith("s") and v not in ("second", "minute")}
CALENDAR_UNIT = {
    k: v
    for k, v in UNIT.items()
    if v in ("day", "week", "month", "year", "quarter", "decade", "weekend", "century")
    and not k.endswith("s")
}
# The unit letters of TIMEX3 durations. Decades, centuries and millennia take TimeBank's
# single letters (P1E, PXC, P2L); a counted decade or century is said in years (_COUNTED_AS),
# one named without a number keeps its letter ("a decade" is P1E, "two decades" P20Y).
DURATION_LETTER = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "E",
    "century": "C",
    "quarter": "Q",
    "weekend": "WE",
    "hour": "TH",
    "minute": "TM",
    "second": "TS",
    "fortnight": "W",
}

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split()
)
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ONES) if i}
for _t, _v in _TENS.items():
    NUMBER_WORDS[_t] = _v
    for _i in range(1, 10):
        NUMBER_WORDS[f"{_t} {_ONES[_i]}"] = _v + _i
NUMBER_WORDS.update(
    {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "a hundred": 100, "one hundred": 100}
)
NUMBER_WORDS.update({f"{w} thousand": 1000 * i for i, w in enumerate(_ONES) if i} | {"a thousand": 1000})
_HALF = r"(?:\s+1/2(?![\d/])|[\s-]+and[\s-]+a[\s-]+half(?=\s))"
"""A half after a number: "2 1/2 years", "two and a half years"."""


def _number(surface: str) -> float:
    key = " ".join(surface.lower().replace("-", " ").split())
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key]
    return float(key.replace(",", ""))


def _longest_first(words: list[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


# The same phrases as NUMBER_WORDS, factored ("twenty" once, not ten times) so trying it is cheap.
_NUMBER_ALTERNATION = (
    r"an?[\s-]+(?:couple[\s-]+of|dozen|hundred|thousand)|couple[\s-]+of|one[\s-]+hundred|"
    rf"(?:{_longest_first(list(_TENS))})(?:[\s-]+(?:{_longest_first(_ONES[1:10])}))?|"
    rf"(?:{_longest_first(_ONES[1:])})(?:[\s-]+thousand)?|an?"
)
NUMBER = Token(
    # "2,000" whole, never its "000" alone
    rf"(?<![\d,.])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|(?:{_NUMBER_ALTERNATION})(?![\w])",
    _number,
    frozenset(w for k in NUMBER_WORDS for w in k.split()) - {"a", "an", "of"},
    digits=True,
)

# A count written out or in digits, without "a"/"an" ("two", "12"): a range's first number.
COUNT = Token(
    rf"(?:\d+|(?:{_longest_first(list(_TENS))})(?:[\s-]+(?:{_longest_first(_ONES[1:10])}))?|"
    rf"(?:{_longest_first(_ONES[1:])}))\b",
    _number,
    frozenset(_ONES[1:]) | frozenset(_TENS),
    digits=True,
)

ORDINAL = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "last": 4,
    "final": 4,
}
# The first of two quarters that share one "quarters": a word ("the second and fourth quarters").
QUARTER_ORDINAL = {w: n for w, n in ORDINAL.items() if w.isalpha() and w not in ("last", "final")}
RELATIVE = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "this": 0,
    "current": 0,
    "following": 1,
    "this past": -1,
    "this coming": 1,
}
RELATIVE_DAY = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
HALF_PART = {"first": "H1", "second": "H2", "last": "H2"}
# Days counted from the one the narrative is on: "the next morning", "the night before".
STEP_BEFORE = {"next": 1, "following": 1, "previous": -1, "preceding": -1}
STEP_AFTER = {"after": 1, "before": -1}
POSITION = {
    "early": "START",
    "mid": "MID",
    "late": "END",
    "the beginning of": "START",
    "the start of": "START",
    "the middle of": "MID",
    "the end of": "END",
    "the close of": "END",
    "earlier": None,
    "later": None,
}
# Where in a unit ("the start of the quarter"): the positions that name one in words.
PLACE_IN = {k: v for k, v in POSITION.items() if k.startswith("the ")}
# The positions that name a part of what follows ("early", "the end of", not "later"): enough to
# make "March" and "May" months ("in early May", "mid-March", "by the end of March").
EDGE = {k: v for k, v in POSITION.items() if v is not None}
APPROX = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "just over": "MORE_THAN",
    "just": None,
}
VAGUE_AMOUNT = {
    "several": "X",
    "a few": "X",
    "few": "X",
    "many": "X",
    "some": "X",
    "recent": "X",
    "coming": "X",
    "the past few": "X",
    "the last few": "X",
    "the next few": "X",
    "the coming": "X",
    "the past several": "X",
    "the last several": "X",
    "the next several": "X",
    "a number of": "X",
}
# A vague amount that also says which way the time lies: "in recent years" answers "when?" and
# is a past reference; "for the past few weeks" answers "how long?" and stays a length.
DIRECTED_AMOUNT = {
    "recent": "PAST_REF",
    "past": "PAST_REF",
    "the past": "PAST_REF",
    "the past few": "PAST_REF",
    "the last few": "PAST_REF",
    "the past several": "PAST_REF",
    "the last several": "PAST_REF",
    "coming": "FUTURE_REF",
    "the coming": "FUTURE_REF",
    "the next few": "FUTURE_REF",
    "the next several": "FUTURE_REF",
    "future": "FUTURE_REF",
}
REFERENCE = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "current": "PRESENT_REF",
}
FREQUENCY = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "quarterly": "P3M",
    "semiannually": "P6M",
}


def _words(table: dict[str, object]) -> str:
    """A table's words as one alternation, for a rule that should not be triggered by all of them."""
    return "|".join(sorted((w.replace(".", r"\.") for w in table), key=lambda w: (-len(w), w)))


_TEEN_OR_TENS = "|".join(_ONES[10:] + list(_TENS))
_UNITS_WORDS = "|".join(_ONES[1:10])


def _spoken_year(surface: str) -> int:
    words = surface.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBER_WORDS[w] for w in words[2:])
    century = NUMBER_WORDS[words[0]] * 100
    rest = words[1:]
    if rest == ["hundred"]:
        return century
    return century + NUMBER_WORDS[" ".join(rest)]


SPOKEN_YEAR = Token(
    rf"(?:eighteen|nineteen)[\s-]+(?:hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[\s-]+(?:{_UNITS_WORDS}))?|(?:{_TEEN_OR_TENS}))|two[\s-]+thousand(?:(?:\s+and)?[\s-]+"
    rf"(?:(?:{_TEEN_OR_TENS})(?:[\s-]+(?:{_UNITS_WORDS}))?|{_UNITS_WORDS}))?",
    _spoken_year,
    frozenset({"eighteen", "nineteen", "thousand"}),
)
CENTURY_ORDINAL = Token(
    r"1[0-9]th|2[01](?:st|th)|(?:twentieth|nineteenth|eighteenth|twenty-first)",
    lambda s: (
        {"twentieth": 20, "nineteenth": 19, "eighteenth": 18, "twenty-first": 21}.get(s.lower())
        or int(s[:-2])
    ),
    frozenset({"twentieth", "nineteenth", "eighteenth", "twenty"}),
    digits=True,
)

DECADE_WORD = {
    w: 1900 + 10 * i
    for i, w in enumerate("twenties thirties forties fifties sixties seventies eighties nineties".split(), 2)
}

_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ORDINAL_DAY = {w: i for i, w in enumerate(_ORDINAL_WORDS, 1)}
ORDINAL_DAY.update({f"twenty {w}": 20 + i for i, w in enumerate(_ORDINAL_WORDS[:9], 1)})
ORDINAL_DAY.update({"thirtieth": 30, "thirty first": 31})

# Named days of the year: fixed on a day; the first such weekday on or after a day
# ("Thanksgiving": the first Thursday from Nov. 22, the fourth of November); or counted from
# Easter Sunday.
_MON, _TUE, _THU, _FRI, _SUN = (WEEKDAY[d] for d in ("monday", "tuesday", "thursday", "friday", "sunday"))
_HOLIDAYS: dict[str, Holiday] = {
    "christmas": Holiday(12, 25),
    "christmas day": Holiday(12, 25),
    "christmas eve": Holiday(12, 24),
    "boxing day": Holiday(12, 26),
    "new year's day": Holiday(1, 1),
    "new year's eve": Holiday(12, 31),
    "valentine's day": Holiday(2, 14),
    "halloween": Holiday(10, 31),
    "veterans day": Holiday(11, 11),
    "armistice day": Holiday(11, 11),
    "remembrance day": Holiday(11, 11),
    "bastille day": Holiday(7, 14),
    "st. patrick's day": Holiday(3, 17),
    "st patrick's day": Holiday(3, 17),
    "saint patrick's day": Holiday(3, 17),
    "all saints' day": Holiday(11, 1),
    "thanksgiving": Holiday(11, 22, _THU),
    "thanksgiving day": Holiday(11, 22, _THU),
    "election day": Holiday(11, 2, _TUE),
    "labor day": Holiday(9, 1, _MON),
    "memorial day": Holiday(5, 25, _MON),
    "mother's day": Holiday(5, 8, _SUN),
    "father's day": Holiday(6, 15, _SUN),
    "martin luther king day": Holiday(1, 15, _MON),
    "martin luther king jr. day": Holiday(1, 15, _MON),
    "presidents' day": Holiday(2, 15, _MON),
    "president's day": Holiday(2, 15, _MON),
    "black friday": Holiday(11, 23, _FRI),
    "cyber monday": Holiday(11, 26, _MON),
    "easter": Holiday(easter=0),
    "easter sunday": Holiday(easter=0),
    "easter monday": Holiday(easter=1),
    "good friday": Holiday(easter=-2),
    "maundy thursday": Holiday(easter=-3),
    "palm sunday": Holiday(easter=-7),
    "ash wednesday": Holiday(easter=-46),
    "pentecost": Holiday(easter=49),
    # the Islamic calendar's (month, day), by the Umm al-Qura reckoning; a country that sights
    # the moon may keep the day one earlier or later
    "eid al adha": Holiday(hijri=(12, 10)),
    "eid ul adha": Holiday(hijri=(12, 10)),
    "eid el adha": Holiday(hijri=(12, 10)),
    "eid al fitr": Holiday(hijri=(10, 1)),
    "eid ul fitr": Holiday(hijri=(10, 1)),
    "eid el fitr": Holiday(hijri=(10, 1)),
    "ashura": Holiday(hijri=(1, 10)),
    "islamic new year": Holiday(hijri=(1, 1)),
    "hijri new year": Holiday(hijri=(1, 1)),
}


def _spellings(name: str) -> tuple[str, ...]:
    """A holiday's name as news writes it: "new year’s day", "mothers day", tokenized "new year s day"."""
    if "'" not in name:
        return (name,)
    return (name, name.replace("'", "’"), name.replace("'s", " s"), name.replace("'", ""))


HOLIDAY = {spelling: day for name, day in _HOLIDAYS.items() for spelling in _spellings(name)}

TABLES = {
    "ordinal_day": ORDINAL_DAY,
    "decade_word": DECADE_WORD,
    "spoken_year": SPOKEN_YEAR,
    "century_ordinal": CENTURY_ORDINAL,
    "month": MONTH,
    "safe_month": SAFE_MONTH,
    "ambiguous_month": AMBIGUOUS_MONTH,
    "edge": EDGE,
    "weekday": WEEKDAY,
    "holiday": HOLIDAY,
    "tod": TIME_OF_DAY,
    "day_moment": DAY_MOMENT,
    "clock_word": CLOCK_WORD,
    "tods": TIMES_OF_DAY,
    "weekdays": WEEKDAYS,
    "season": SEASON,
    "safe_season": SAFE_SEASON,
    "seasons": SEASONS,
    "unit": UNIT,
    "plural_unit": PLURAL_UNIT,
    "calendar_unit": CALENDAR_UNIT,
    "num": NUMBER,
    "count": COUNT,
    "ordinal": ORDINAL,
    "quarter_ordinal": QUARTER_ORDINAL,
    "relative": RELATIVE,
    "relative_day": RELATIVE_DAY,
    "half_part": HALF_PART,
    "step_before": STEP_BEFORE,
    "step_after": STEP_AFTER,
    "place_in": PLACE_IN,
    "position": POSITION,
    "approx": APPROX,
    "vague": VAGUE_AMOUNT,
    "directed_amount": DIRECTED_AMOUNT,
    "reference": REFERENCE,
    "frequency": FREQUENCY,
    "day": Token(r"3[01]|[12][0-9]|0?[1-9]", int, digits=True),
    "year": Token(r"1[6-9][0-9][0-9]|20[0-9][0-9]", int, digits=True),
    "decade_year": Token(r"1[6-9][0-9]0|20[0-9]0", int, digits=True),
    "short_decade": Token(r"[0-9]0", lambda s: 1900 + int(s), digits=True),
    "mm": Token(r"1[0-2]|0?[1-9]", int, digits=True),
    "hour": Token(r"1[0-2]|0?[1-9]", int, digits=True),
    "minute": Token(r"[0-5][0-9]", int, digits=True),
}

# What "today's" says of the present in general, not of the dateline's day: "today's world".
GENERIC_PRESENT = (
    "world society economy economies market markets climate environment technology technologies youth "
    "children kids teenagers generation politics culture era age times standards consumers computers "
    "cars families workers workplace women men people life lifestyles"
).split()

# Table words too common to point at an expression on their own.
STOP_WORDS = frozenset(
    "a an the some over in of about this last next past more less than at up to no just early late mid "
    "earlier later around under only few many coming recent current previous following start end close "
    "beginning middle roughly nearly almost least".split()
)

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt gov sen rep st jr sr inc corp co ltd no vs etc jan feb mar apr "
    "jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n p.m a.m".split()
)

_SCHEDULE_VERBS = (
    r"(?:meets?|begins?|starts?|opens?|resumes?|ends?|closes?|arrives?|visits?|travels?|returns?|convenes?|"
    r"votes?|testif(?:y|ies)|takes\s+effect|take\s+effect|runs?|lasts?|continues?|leaves?|heads?|"
    r"plays?|launch(?:es)?|reopens?|is|are)"
)
FUTURE_CUES = (
    # an extension runs to a later day, whatever the tense: "extended the loans through January",
    # "the ceasefire was extended until Sunday" (the words between stay in one clause)
    r"\bextend(?:s|ed|ing)?\b(?:[^.;:!?]|\.(?=\d)){0,80}?\b(?:until|through|till)\b|"
    # "had been scheduled to", "was due to": a plan told in the past points at the past
    r"\b(?<!\bbeen\s)(?<!\bwas\s)(?<!\bwere\s)(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planning\s+to|scheduled|due\s+to|"
    r"expects?\s+to|expected\s+to|(?:un)?likely\s+to|set\s+to|set\s+for|agree[sd]?\s+to|agreements?\s+to|intends?\s+to|upcoming|would|effective|payable|(?:takes?|goes|go)\s+(?:into\s+)?effect|(?<!\bto\s)expires?|due|"
    # "might", and "may" after a pronoun (not the month); "may have been" looks back
    r"(?:is|are)\s+to|(?:might|(?<=\byou\s)may|(?<=\bwe\s)may|(?<=\bthey\s)may|(?<=\bit\s)may|"
    r"(?<=\bhe\s)may|(?<=\bshe\s)may)(?!\s+(?:not\s+)?have\b)|"
    # "valid until Friday" points ahead; "continued until Monday" does not
    r"(?=until)(?<!ed\s)(?<!\bheld\s)(?<!\bran\s)(?<!\bkept\s)(?<!\bstood\s)until|"
    # a schedule told in the present: "the leaders meet Monday", "the talks resume on Tuesday",
    # "the deadline is Friday";
    # after an article or a possessive it is a noun ("the vote on Sunday", "its close Friday")
    # (the verb is looked at before the words before it: most words are no such verb)
    r"(?=" + _SCHEDULE_VERBS + r"\b)"
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)"
    + _SCHEDULE_VERBS
    + r"(?=(?:\s+[a-z]+)?\s+(?:on\s+)?(?:next\s+|this\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)\b))\b"
)
# Irregular past tenses common in news, and regular ones too short for the "-ed" rule below.
_IRREGULAR_PAST = (
    "died became began came went took made gave left held won lost fell rose sent saw got met led found "
    "thought knew brought bought sold paid spent kept struck fought ran wrote spoke broke chose drove "
    "flew grew threw stood sat built caught felt heard meant fled sank swept seized stole withdrew"
).split()
_IRREGULAR = "(?:" + "|".join(_IRREGULAR_PAST) + ")"
PAST_CUES = (
    r"\b(?:said|says|was|were|had|did|ago|told|agreed|"
    # an irregular participle after "be" or "is" is a passive whose tense the auxiliary carries
    # (here and below the word is looked at before the words before it: most words are no cue)
    r"(?=" + _IRREGULAR + r"\b)(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeing\s)" + _IRREGULAR + "|"
    # "-ed" but not "succeed", "hundred", nor an adjective or passive after "the", "a", "is", "be"
    r"(?=\w{3,}(?<!e)ed\b)"
    r"(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeen\s)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)"
    # nor an adjective after an adverb of state: "a still unspecified date", "the newly created post"
    r"(?<!\bstill\s)(?<!\byet\s)(?<!\bnewly\s)"
    r"(?!hundred\b)\w{3,}(?<!e)ed)\b"
)

# Past cues that are verbs of saying: "said the deal closes in December" dates the saying.
SAYING_CUES = (
    r"said|says|told|tells|announced|reported|added|noted|stated|declared|explained|warned|claimed|"
    r"insisted|argued|disclosed|confirmed|acknowledged|estimated|predicted|agreed|indicated"
)

# Adverbs of habit just before a month, day, season or quarter named without a year make it a
# recurrence: "is usually held in June" is every June, "is traditionally busiest in the fourth
# quarter" every fourth quarter.
HABITUAL_CUES = r"\b(?:usually|typically|normally|traditionally|customarily|ordinarily|habitually)\b"

# ---------------------------------------------------------------- value builders


def _quarter_code(g: Groups) -> Calendar:
    """ "Q3 2017", "3Q17": a quarter (or with H a half) of the year given, else of the anchor's."""
    year = g.get("year") or (2000 + int(g["yy"]) if g.get("yy") else None)  # type: ignore[call-overload]
    kind, n = g.get("kind") or g["kind2"], g.get("n") or g["n2"]
    return Calendar(year, part=f"{str(kind).upper()}{n}")  # type: ignore[arg-type]


def _in_units(g: Groups) -> Span:
    """ "in five years", "in a year or two": the length, and how many units ahead it may point
    (0 for "or two": some time ahead)."""
    unit = str(g.get("calendar_unit") or g["plural_unit"])
    amount = 1 if "calendar_unit" in g else g["num"]
    return Span(_duration(amount, unit), 0 if "or_two" in g else int(amount), unit)  # type: ignore[arg-type]


def _position_mod(g: Groups) -> str | None:
    return g.get("position") or g.get("approx")  # type: ignore[return-value]


# A unit's next smaller one, for a fraction of it: "2 1/2 years" is P2Y6M, "a year and a half
# ago" is 18 months ago.
_SMALLER_UNIT = {
    "decade": (10, "year"),
    "year": (12, "month"),
    "week": (7, "day"),
    "day": (24, "hour"),
    "hour": (60, "minute"),
    "minute": (60, "second"),
}


# Units ISO 8601 durations have no letter for, counted in one they have: "two decades" is P20Y.
_COUNTED_AS = {"fortnight": (2, "week"), "decade": (10, "year"), "century": (100, "year")}


def _unit_long(g: Groups) -> str:
    """ "month-long" is one month, "two-month-long" two, "days-long" some days."""
    unit = str(g["unit"])
    if "num" in g:
        return _duration(g["num"], unit)  # type: ignore[arg-type]
    return _duration("X", unit) if str(g["word"]).lower().endswith("s") else _one(unit)


def _one(unit: str) -> str:
    """One unit, named not counted ("a decade", "a century"): TimeBank's letter, P1E, P1C."""
    return f"P1{DURATION_LETTER[unit]}" if unit in ("decade", "century") else _duration(1, unit)


def _duration(amount: float | str, unit: str) -> str:
    if unit in _COUNTED_AS and amount != "X":
        per, unit = _COUNTED_AS[unit]
        amount = per * float(amount)
    if isinstance(amount, float) and amount != int(amount) and unit in _SMALLER_UNIT:
        whole = int(amount)
        per, smaller = _SMALLER_UNIT[unit]
        rest = (amount - whole) * per
        if rest == int(rest):
            parts = ([(whole, unit)] if whole else []) + [(int(rest), smaller)]
            date = "".join(
                f"{n}{DURATION_LETTER[u]}" for n, u in parts if not DURATION_LETTER[u].startswith("T")
            )
            clock = "".join(
                f"{n}{DURATION_LETTER[u][1:]}" for n, u in parts if DURATION_LETTER[u].startswith("T")
            )
            return "P" + date + ("T" + clock if clock else "")
    letter = DURATION_LETTER[unit]
    if isinstance(amount, float):
        amount = int(amount) if amount == int(amount) else amount
    if letter.startswith("T"):
        return f"PT{amount}{letter[1:]}"
    return f"P{amount}{letter}"


def _amount(g: Groups) -> float:
    """The number before the unit, plus a half said with it ("2 1/2 years", "an hour and a half")."""
    return float(g["num"]) + (0.5 if g.get("half") or g.get("and_half") else 0.0)


def _ago(g: Groups) -> Shift:
    """ "three years ago"; with a half, counted in the next smaller unit ("a year and a half ago")."""
    unit, amount = str(g["unit"]), _amount(g)
    if amount != int(amount) and unit in _SMALLER_UNIT:
        per, unit = _SMALLER_UNIT[unit]
        amount *= per
    elif amount != int(amount):  # "a month and a half ago": nearer two months back than one
        amount += 0.5
    return Shift(unit, -int(amount), whole_unit=False)


# "half an hour", "a quarter century": the part of the unit
_FRACTION = {"half": 0.5, "quarter": 0.25}


def _year_range_end(g: Groups) -> Calendar:
    """The last year of "2016-17" (2017; "1999-00" is 2000) or of "2011-2014"."""
    first = int(g["century"]) * 100 + int(g["first"])  # type: ignore[call-overload]
    if "year" in g:
        return Calendar(int(g["year"]))  # type: ignore[call-overload]
    last = first - first % 100 + int(g["yy"])  # type: ignore[call-overload]
    return Calendar(last if last > first else last + 100)


def _clock(g: Groups) -> str:
    """'T15:30' from an hour, optional minutes and a.m./p.m."""
    hour = g["hour"] % 12 + (12 if g["half"].lower().startswith("p") else 0)
    return f"T{hour:02d}:{g.get('minute', 0):02d}"


def _season_year(g: Groups) -> Calendar:
    """ "summer 1998"; "the winter of 2011-12" is the winter that ends in 2012."""
    year = int(g.get("year") or g["spoken_year"])  # type: ignore[call-overload]
    if g.get("yy") is not None and g["season"] == "WI" and int(g["yy"]) == (year + 1) % 100:  # type: ignore[call-overload]
        year += 1
    return Calendar(year, part=g["season"])  # type: ignore[arg-type]


def _month_range_quarter(g: Groups) -> Calendar:
    """ "the April-June quarter": the calendar quarter those three months are, if they are one."""
    first, last = int(g["first"]), int(g["last"])  # type: ignore[call-overload]
    if first % 3 != 1 or last != first + 2:
        raise ValueError("the months are no calendar quarter")  # "the April-September period"
    return Calendar(g.get("year"), part=f"Q{(first - 1) // 3 + 1}")  # type: ignore[arg-type]


def _clock_in_part(g: Groups) -> Shift:
    """ "at 7:30 tonight", "at 8 tomorrow morning": the part of the day says a.m. or p.m."""
    part = "NI" if "tonight" in g else str(g.get("tod") or g["this_tod"])
    hour = int(g["hour"]) % 12  # type: ignore[call-overload]
    if part in ("AF", "EV") or (part == "NI" and hour >= 5):
        hour += 12
    return Shift("day", int(g.get("relative_day", 0)), tod=f"T{hour:02d}:{g.get('minute', 0):02d}")  # type: ignore[call-overload]


def _clock_24h(g: Groups, anchor: AnchorKind) -> WeekdayRef | Shift:
    """A 24-hour clock time ("22:00", "0600 GMT"): on the weekday given, else on the ``anchor``'s day."""
    tod = f"T{int(g['h24']):02d}:{g['m24']}"  # type: ignore[call-overload]
    if g.get("weekday"):
        return WeekdayRef(WEEKDAY[str(g["weekday"]).lower()], None, tod=tod)
    return Shift("day", 0, anchor=anchor, tod=tod)


def _decade(g: Groups) -> Calendar:
    """ "the 1990s"; "the 1800s" is a century, but "the 2000s" the decade it is mostly said of."""
    year = g.get("decade_year")
    if isinstance(year, int) and year % 100 == 0 and year < 2000:
        return Calendar(century=year)
    return Calendar(decade=year or g["short_decade"])  # type: ignore[arg-type]


def _signed(g: Groups, name: str = "relative") -> int:
    return int(g[name])


def _after_word(words: Sequence[str], end: str = r"\s") -> str:
    """A pattern that holds just after one of ``words`` (and ``end``): a lookbehind for each
    length of word, since a lookbehind must be of one width ("in", "of" and "by" share one)."""
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(w)
    return "(?:" + "|".join(rf"(?<=\b(?:{'|'.join(ws)}){end})" for _, ws in sorted(by_length.items())) + ")"


def _not_after_word(words: Sequence[str], start: str = r"\b") -> str:
    """A pattern that holds unless one of ``words`` and a space come just before."""
    return "".join(rf"(?<!{start}{w}\s)" for w in words)


# A clock's time zone: "5 p.m. EST", "6 a.m. local time".
_ZONE = (
    r"(?:\s+\(?(?:local\s+time|GMT|UTC|E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|BST|CES?T|EES?T|IST|JST|AE[SD]T)"
    r"\)?(?!\w))?"
)
# Between the first and last day of a range: "Aug. 3 to 5", "Sept. 1-3", "12 through 14 October".
DAY_RANGE_WORDS = ("-", "\u2013", "to", "through", "and", "until")
# Between the first and last length of a range: "two to three weeks", "two or three days".
LENGTH_RANGE_WORDS = ("-", "\u2013", "to", "or")

_IN_CONTEXT = (
    "(?:"
    + _after_word("in of since until by through from before after during to between".split())
    # the second of two months: "between March and May", "in April or May"; after "march" or
    # "may" only where a preposition made that one a month ("will march and may sing" is none).
    # (The one "and"/"or" lookbehind first turns most places away before the many after it.)
    + r"|(?:(?<=\band\s)|(?<=\bor\s))"
    + _after_word(
        [
            f"{month} {joint}"
            for month in _MONTH_NAMES
            if month not in AMBIGUOUS_MONTH
            for joint in ("and", "or")
        ]
        + [
            f"{before} {month} {joint}"
            for before in ("in", "between", "from", "since", "until", "of")
            for month in AMBIGUOUS_MONTH
            for joint in ("and", "or")
        ]
    )
    + ")"
)
# What follows "the day before" when it counts from an event, not a date: "the crash", "his death".
_EVENT_NOUN_PHRASE = r"(?:the|a|an|his|her|its|their)\s"
_POS = r"(?:@position[\s-]+(?:of\s+)?)?"
# The article of what a position is of: "the end of the 1990s".
_THE_AFTER_OF = r"(?:(?<=\sof\s)the\s+)?"
# Right after a day and a range word ("Sept. 1-3", "Sept. 1 - 3", "Aug. 3 to 5"): where a range's
# last day starts. Then the range words themselves, for a pattern that looks ahead across them.
_RANGE_WORD = (
    "(?:"
    + "|".join(
        rf"(?<=\d{w})"
        for w in [w for w in DAY_RANGE_WORDS if not w.isalpha()] + [f" {w} " for w in DAY_RANGE_WORDS]
    )
    + ")"
)
_DAY_RANGE_BETWEEN = "(?:" + "|".join(DAY_RANGE_WORDS) + ")"
_LENGTH_RANGE_BETWEEN = "(?:" + "|".join(LENGTH_RANGE_WORDS) + ")"
# A preposition just before: "in summer", "by winter".
_AFTER_PREPOSITION = _after_word(
    "in during over by until since through before after from into throughout".split()
)
# A year-like number that counts things is no year: "sent 2000 troops", "a 1500-strong force".
COUNTED_NOUNS = (
    "troops soldiers people fighters civilians refugees residents workers jobs employees men women "
    "children families homes houses delegates members militants rebels insurgents police officers "
    "marines sailors prisoners detainees migrants protesters cases deaths casualties victims "
    "shares cars vehicles tanks units tons barrels miles kilometres kilometers km feet meters metres "
    "dollars euros pounds acres hectares"
).split()
_NOT_A_COUNT = (
    # after a preposition it is the year all the same: "In 2014 fighters seized the city"
    "(?:"
    + _after_word(("in", "since", "by", "until", "of", "during", "from", "before", "after"), end=r"\s\d{4}")
    + r"|(?![\s-]+strong\b)(?!\s+(?:more|additional|new|extra|other)?\s*(?:"
    + "|".join(COUNTED_NOUNS)
    + r")\b))"
)
# A number that names a thing: "flight 1864", "Route 1999", "Resolution 1973".
_NUMBERED_BEFORE = _not_after_word(
    ("flight", "route", "highway", "resolution", "no.", "number", "room", "bus")
)
# Words before a length that ask "how long?" ("for", "over the past few weeks"), not "when?".
_HOW_LONG_BEFORE = _not_after_word(("for", "over", "within", "throughout", "during", "lasting", "lasted"))
# Not right after a quantity: "20% annually", "$2 million annually", "10,000 units annually".
_AFTER_NO_QUANTITY = _not_after_word(
    ("%", r"\d", "percent", "million", "billion", "thousand", "units", "shares", "tons", "barrels"), start=""
)
_NOT_NUMBER_AFTER = r"(?![\d,]*\d|\.\d|\s*(?:%|percent))"
# A month set in time by "on", "in", "between" or "from" ("the talks collapsed between May and
# June"): told in the past, it is in the past however far back.
_PLACED_MONTH = "(?P<placed>" + _after_word(("on", "in", "between", "from")) + ")?"
# The era after a year or century before the Common Era: "BC", "B.C.", "BCE", "B.C.E.".
_BC_ERA = r"(?:B\.C\.(?:E\.)?|BCE?\b)"
# The period after a month's abbreviation: "Sept.", and "sept ." in tokenized text (only after
# an abbreviation: "in september . 30 people" ends a sentence).
_MONTH_DOT = (
    # (the lookahead for " ." first spares the lookbehinds almost everywhere)
    r"(?:\.|(?=\s\.)(?:" + "|".join(rf"(?<=\b{a})" for a in sorted(MONTH.keys() & ABBREVIATIONS)) + r")\s\.)?"
)
_NOT_FRACTION = (
    # "three-quarters of its food", "a quarter of the market": a fraction, unless a year follows
    r"(?!(?<=quarter)s?\s+of\s+(?!\d{4}\b|(?:the|this|last|next)\s+(?:fiscal\s+)?year))"
    r"(?!(?<=quarters)\s+of\s+(?!\d{4}\b|(?:the|this|last|next)\s+(?:fiscal\s+)?year))"
)

RULES: list[Rule] = [
    # --- absolute dates
    Rule(
        "month_day_year",
        r"\b@month" + _MONTH_DOT + r"\s+@day(?:st|nd|rd|th)?\s*,?\s+@year\b",
        "DATE",
        lambda g: Calendar(g["year"], g["month"], g["day"]),
        (Example("Sept. 5, 2017", "2017-09-05"), Example("may 22 , 1995", "1995-05-22")),
    ),
    Rule(
        "day_month_year",
        r"\b(?:@day(?:st|nd|rd|th)?\s+(?:of\s+)?@month"
        + _MONTH_DOT
        + r",?\s+|@day:day2-@month:month2-)@year\b",
        "DATE",
        lambda g: Calendar(g["year"], g.get("month") or g["month2"], g.get("day") or g["day2"]),
        (
            Example("5 September 2017", "2017-09-05"),
            Example("a database export dated 5-Sep-2017", "2017-09-05", expression="5-Sep-2017"),
        ),
    ),
    Rule(
        "iso_date",
        r"\b@year(?P<sep>[-/.])@mm(?P=sep)@day\b(?![-/.]?\d)",
        "DATE",
        lambda g: Calendar(g["year"], g["mm"], g["day"]),
        (
            Example("2017-09-05", "2017-09-05"),
            Example("released 2017/09/05", "2017-09-05", expression="2017/09/05"),
        ),
    ),
    Rule(
        "numeric_date",
        r"\b@mm/@day/@year\b",
        "DATE",
        lambda g: Calendar(g["year"], g["mm"], g["day"]),
        (Example("9/5/2017", "2017-09-05"),),
    ),
    Rule(
        "dotted_date",
        # "04.09.2012" is written day first wherever dots separate a date's numbers
        r"(?<![\d.])\b@day\.@mm\.@year\b(?!\.?\d)",
        "DATE",
        lambda g: Calendar(g["year"], g["mm"], g["day"]),
        (Example("The ruling came on 04.09.2012.", "2012-09-04", expression="04.09.2012"),),
    ),
    Rule(
        "month_day",
        # a period that "ended Oct. 31" is over, and "since Oct. 31" looks back: that day is the
        # dateline's at the latest
        r"(?P<ended>(?<=\bended\s)|(?<=\bended\son\s)|(?<=\bsince\s))?(?P<placed>(?<=\bon\s)|(?<=\bin\s))?\b"
        # "the rebels march 3 miles": a verb and a count, unless a preposition makes it a date
        # ("On March 3 people gathered")
        + "(?:"
        + _after_word(("on", "since", "by", "until", "from", "in", "of", "before", "after"))
        + rf"|(?!(?:{_words(AMBIGUOUS_MONTH)})\s+\d+\s+(?:{'|'.join(COUNTED_NOUNS)})\b))"
        # "September the 5th" as it is said
        + r"@month"
        + _MONTH_DOT
        + r"\s+(?:the\s+(?=\d{1,2}(?:st|nd|rd|th)\b))?@day(?:st|nd|rd|th)?\b"
        + _NOT_NUMBER_AFTER,
        "DATE",
        lambda g: Calendar(
            None, g["month"], g["day"], direction="past" if "ended" in g else None, placed="placed" in g
        ),
        (
            Example("Oct. 23", "2017-10-23"),
            Example("on sept. 5", "2017-09-05", expression="sept. 5"),
            Example("the quarter ended Oct. 31, it lost", "2016-10-31", "2017-10-27", expression="Oct. 31"),
            Example("he has led since Oct. 31", "2016-10-31", "2017-10-27", expression="Oct. 31"),
        ),
    ),
    Rule(
        "range_end",
        # "Aug. 3 to 5", "Sept. 1-3": the last day of a range of days in one month. Only a number
        # right after a day and a range word, closing the phrase, qualifies ("Sept. 5 to 20
        # percent" is not a date); the engine keeps it only right after the range's first date.
        _RANGE_WORD + r"@day\b(?:st|nd|rd|th)?"
        r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on|for|from|of|when|while|and|with|before|after|to)\b)",
        "DATE",
        lambda g: RangeEnd(g["day"]),
        (
            Example("The festival runs Aug. 3 to 5 in Austin.", "2017-08-05", expression="5"),
            Example("talks were held Sept. 1-3.", "2017-09-03", expression="3"),
        ),
    ),
    Rule(
        "range_start_day",
        # "on 12-13 October", "from 3 to 5 September": the first day of a range, in the month
        # the range ends with (which is tagged on its own)
        r"(?<![\d.,/-])\b@day\b(?:st|nd|rd|th)?"
        r"(?=\s*" + _DAY_RANGE_BETWEEN + r"\s*@day:last(?:st|nd|rd|th)?\s+(?:of\s+)?@safe_month\b)",
        "DATE",
        lambda g: Calendar(None, g["safe_month"], g["day"]),
        (
            Example("The summit will be held on 12-13 October.", "2017-10-12", expression="12"),
            Example("talks from 3 to 5 september", "2017-09-03", expression="3"),
        ),
        triggers=tuple(sorted({w for w in SAFE_MONTH if w.isalpha()})),
    ),
    Rule(
        "day_month",
        r"(?P<since>(?<=\bsince\s))?(?P<placed>(?<=\bon\s)|(?<=\bin\s))?"
        r"\b@day(?:st|nd|rd|th)?\s+(?:of\s+)?@safe_month\b(?!\s+\d)",
        "DATE",
        lambda g: Calendar(
            None, g["safe_month"], g["day"], direction="past" if "since" in g else None, placed="placed" in g
        ),
        (Example("5 September", "2017-09-05"),),
    ),
    Rule(
        "day_ambiguous_month",
        # "on 3 March", "12 May,": a day before "May" or "March" is a date after a preposition or
        # before a break; "the 12 may be freed" is a number and a verb
        r"(?P<since>(?<=\bsince\s))?(?P<placed>(?<=\bon\s)|(?<=\bin\s))?"
        + r"(?:"
        + _after_word(("on", "since", "until", "till", "by", "from", "of", "to", "before", "after", "and"))
        + rf"|(?=\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_words(AMBIGUOUS_MONTH)})\s*(?:[,.;:)!?]|$)))"
        + r"\b@day(?:st|nd|rd|th)?\s+(?:of\s+)?@ambiguous_month\b(?!\s+\d)(?!\s+be\b)",
        "DATE",
        lambda g: Calendar(
            None,
            g["ambiguous_month"],
            g["day"],
            direction="past" if "since" in g else None,
            placed="placed" in g,
        ),
        (
            Example("The vote took place on 3 March.", "2017-03-03", expression="3 March"),
            Example("the election will be held on 12 may .", "2018-05-12", expression="12 may"),
            Example("Talks began 12 May, officials said.", "2017-05-12", expression="12 May"),
        ),
    ),
    Rule(
        "day_of_month",
        # "on the 15th", "by the 20th of next month": a day of the month the narrative is in; a
        # noun after it makes it no date ("on the 15th floor", "since the 19th century")
        _after_word(("on", "by", "until", "till", "since", "from", "before", "after", "through"))
        + r"the\s+(?:@day(?:st|nd|rd|th)\b|@ordinal_day(?=\s+of\s+(?:this|next|last|the)\s+month\b))"
        + r"(?:\s+of\s+(?:(?P<rel>this|next|last)\s+|the\s+)month\b)?"
        + r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|or|but|at|when|in|to|as|with|after|before|because|if|until)\b)",
        "DATE",
        lambda g: DayOfMonth(
            g.get("day") or g["ordinal_day"],  # type: ignore[arg-type]
            None if "rel" not in g else RELATIVE[str(g["rel"]).lower()],
        ),
        (
            Example("The law takes effect on the 15th.", "2017-09-15", expression="the 15th"),
            Example("the vote was held on the 3rd , officials said .", "2017-09-03", expression="the 3rd"),
            Example("Prices rose after the 20th.", "2017-08-20", expression="the 20th"),
            Example(
                "He will decide by the 2nd of next month.", "2017-10-02", expression="the 2nd of next month"
            ),
            Example(
                "It ends on the fifth of this month.", "2017-09-05", expression="the fifth of this month"
            ),
        ),
    ),
    Rule(
        "ordinal_of_month",
        # "the fifth of September", "the first of May, 1998": dates said aloud
        r"\b(?:the\s+)?@ordinal_day\s+of\s+@month\b(?:\s*,?\s+@year\b)?",
        "DATE",
        lambda g: Calendar(g.get("year"), g["month"], g["ordinal_day"]),
        (Example("on the fifth of September", "2017-09-05", expression="the fifth of September"),),
    ),
    Rule(
        "month_ordinal",
        # "September fifth", "Sunday, March eighth" ("march first" only after a comma: it is a verb too)
        r"\b(?:@safe_month|(?<=,\s)@ambiguous_month)\s+(?:the\s+)?@ordinal_day\b(?:\s*,?\s+@year\b)?",
        "DATE",
        lambda g: Calendar(g.get("year"), g.get("safe_month") or g["ambiguous_month"], g["ordinal_day"]),
        (
            Example("on September twenty-first", "2017-09-21", expression="September twenty-first"),
            Example("votes on Feb. 1, March eighth and April 2", "2017-03-08", expression="March eighth"),
        ),
    ),
    Rule(
        "month_year",
        r"\b" + _POS + r"@month" + _MONTH_DOT + r",?\s+(?:of\s+)?(?:@year|@spoken_year)\b",
        "DATE",
        lambda g: Calendar(g.get("year") or g["spoken_year"], g["month"]),
        (Example("June 1989", "1989-06"), Example("early March 1998", "1998-03")),
    ),
    Rule(
        "year",
        r"(?<![$£€\d.,'-])\b" + _NUMBERED_BEFORE + _POS + r"@year\b" + _NOT_NUMBER_AFTER + _NOT_A_COUNT,
        "DATE",
        lambda g: Calendar(g["year"]),
        (Example("1987", "1987"), Example("mid-1998", "1998")),
        mod=_position_mod,
    ),
    Rule(
        "year_range_end",
        # "2011-2014", "the 2016-17 season", "the 1990-91 Gulf war": the range's last year
        r"(?<=\b(?P<century>1[6-9]|20)(?P<first>\d\d)[-\u2013])(?:@year|(?P<yy>\d\d))\b" + _NOT_NUMBER_AFTER,
        "DATE",
        _year_range_end,
        (
            Example("the 2016-17 season", "2017", expression="17"),
            Example("from 2011-2014", "2014", expression="2014"),
            Example("the 1999-00 budget", "2000", expression="00"),
            Example("in 2014-15.", "2015", expression="15"),
        ),
        priority=1,  # over the last day of a range of days, which needs a day before it
    ),
    Rule(
        "fiscal_year",
        r"\b(?:fiscal(?:\s+year)?\s+@year|FY\s?(?:@year:fy|(?P<fy2>\d\d)))\b",
        "DATE",
        lambda g: Calendar(g.get("year") or g.get("fy") or 2000 + int(g["fy2"])),
        (Example("fiscal 1990", "1990"), Example("the budget for FY2018", "2018", expression="FY2018")),
        triggers=("fiscal", "fy"),
    ),
    Rule(
        "quarter_code",
        # business shorthand: "Q3 2017", "Q1 of 2018", "H1 2017", "Q2"
        # without a year, only after a preposition: "the Audi Q3" is a car, "an H1 visa" a permit
        r"\b(?:(?P<kind>[QH])(?P<n>[1-4])[\s-]*(?:(?:of\s+)?@year|'?(?P<yy>\d\d))"
        r"|(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bduring\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\bby\s))"
        r"(?P<kind2>[QH])(?P<n2>[1-4]))\b",
        "DATE",
        lambda g: _quarter_code(g),
        (
            Example("profit rose in Q3 2017", "2017-Q3", expression="Q3 2017"),
            Example("sales climbed in H1 2017", "2017-H1", expression="H1 2017"),
            Example("a loss in Q2", "2017-Q2", expression="Q2"),
            Example("growth since Q3 of 2016", "2016-Q3", expression="Q3 of 2016"),
        ),
        triggers=("q1", "q2", "q3", "q4", "h1", "h2"),
    ),
    Rule(
        "quarter_code_digit_first",
        # "3Q17", "2Q 2017", "1H18"
        r"\b(?P<n>[1-4])(?P<kind>[QH])[\s-]*(?:@year|'?(?P<yy>\d\d))\b",
        "DATE",
        lambda g: _quarter_code(g),
        (Example("revenue fell in 3Q17", "2017-Q3", expression="3Q17"), Example("2Q 2017", "2017-Q2")),
    ),
    Rule(
        "decade",
        # a bare "'80s" after "and", "or" or "to" starts at its apostrophe: "the 1970s and '80s"
        r"(?:\b|"
        + _after_word(("and", "or", "to", "through"))
        + r"(?='\d))(?:the\s+)?"
        + _POS
        + _THE_AFTER_OF
        + r"(?:@decade_year'?s|'@short_decade'?s)\b",
        "DATE",
        lambda g: _decade(g),
        (
            Example("the 1990s", "199"),
            Example("the '80s", "198"),
            Example("music of the 1970s and '80s", "198", expression="'80s"),
            Example("at the end of the 1990s", "199", expression="the end of the 1990s"),
            Example("the building dates from the 1800s", "18", expression="the 1800s"),
            Example("in the 2000s", "200", expression="the 2000s"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "month",
        # "by February" is a deadline: told in news, it is almost always still ahead
        # "since January" looks back: the last January, this year's if it has come
        r"(?P<by>(?<=\bby\s))?(?P<since>(?<=\bsince\s))?"
        + _PLACED_MONTH
        + r"\b"
        + _POS
        # "an august institution": no month takes "an"
        + r"(?<!\ban\s)@safe_month\b(?!\s*\d)",
        "DATE",
        lambda g: Calendar(
            None,
            g["safe_month"],
            tense="future" if "by" in g else "past" if "since" in g else None,
            placed="placed" in g,
        ),
        (
            Example("June", "2017-06"),
            Example("early November", "2017-11"),
            Example("a program to pay down the loan by February", "2018-02", expression="February"),
            Example("he has been in office since January", "2017-01", expression="January"),
            Example("he has been in office since November", "2016-11", expression="November"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "ambiguous_month",
        r"(?P<by>(?<=\bby\s))?"
        + _PLACED_MONTH
        # a part of the month is context enough, unless it is a march's ("an early march")
        + r"(?:"
        + _IN_CONTEXT
        + r"|\b(?<!\ban\s)(?<!\ba\s)@edge[\s-]+(?:of\s+)?)"
        + r"@ambiguous_month\b(?!\s*\d)(?!\s+be\b)",
        "DATE",
        lambda g: Calendar(
            None,
            g["ambiguous_month"],
            tense="future" if g.get("by") is not None else None,
            placed="placed" in g,
        ),
        (
            Example("in may", "2017-05", expression="may"),
            Example("in mid-March", "2017-03", expression="mid-March"),
            Example("by the end of May", "2018-05", expression="the end of May"),
        ),
        mod=lambda g: g.get("edge"),  # type: ignore[arg-type,return-value]
    ),
    Rule(
        "relative_month",
        r"\b(?:@relative\s+)@month\b",
        "DATE",
        lambda g: Calendar(
            None,
            g["month"],
            direction="past" if g["relative"] < 0 else "future" if g["relative"] > 0 else None,
            year_from_anchor=g["relative"] == 0,
        ),
        (
            Example("last April", "2017-04"),
            Example("next march", "2018-03"),
            Example("last December", "2016-12"),
            # the month just ended would be "last month"
            Example("last August", "2016-08"),
            Example("last December", "2017-12", dct="2018-01-05"),
            Example("this February", "2018-02", dct="2018-09-06"),
        ),
    ),
    Rule(
        "season",
        # a bare season word only after a preposition or "early"/"late" ("in summer", "late
        # winter"): "summer camp", "Donna Summer" are none; "the fall of Raqqa" is no autumn
        r"\b(?:" + _POS + r"(?:@relative|the)\s+(?:@safe_season|(?<=the\s)@season:any_season)"
        r"|@position:pos2[\s-]+(?:of\s+)?@safe_season:after_position"
        r"|" + _AFTER_PREPOSITION + r"@safe_season:after_preposition)\b"
        r"(?!\s+(?:of\s+)?\d)(?!\s+(?:of|in)\s+(?!(?:last|this|next)\s+year\b))"
        # nor a name: "the Summer Olympics", "the Winter Palace"
        r"(?!\s+(?:olympics|games|olympic|paralympics|palace|solstice|equinox)\b)",
        "DATE",
        lambda g: Calendar(
            None,
            part=g.get("safe_season")
            or g.get("after_position")
            or g.get("after_preposition")
            or g["any_season"],
            direction="past" if g.get("relative", 0) < 0 else "future" if g.get("relative", 0) > 0 else None,
            year_from_anchor=g.get("relative") == 0,
        ),
        (
            Example("the summer", "2017-SU"),
            Example("early winter", "2017-WI"),
            Example("fighting eased in winter", "2016-WI", expression="winter"),
            Example("this summer", "2018-SU", dct="2018-03-22"),
        ),
        mod=lambda g: g.get("position") or g.get("pos2"),
    ),
    Rule(
        "relative_season",
        r"\b(?:@relative\s+)@season\b",
        "DATE",
        lambda g: Calendar(
            None,
            part=g["season"],
            direction="past" if g["relative"] < 0 else "future" if g["relative"] > 0 else None,
            year_from_anchor=g["relative"] == 0,
        ),
        (Example("last spring", "2017-SP"), Example("next fall", "2017-FA")),
    ),
    Rule(
        "season_year",
        r"\b" + _POS + r"(?:the\s+)?@season\s+(?:of\s+)?(?:@year|@spoken_year)\b"
        r"(?:\s?[-/–]\s?(?P<yy>\d\d)(?![\d.,]))?",
        "DATE",
        _season_year,
        (
            Example("summer 1998", "1998-SU"),
            # TimeML names a winter by the year it ends in: 2012-WI is December 2011 to February 2012
            Example("The winter of 2011-12 was harsh.", "2012-WI", expression="The winter of 2011-12"),
        ),
    ),
    Rule(
        "quarter",
        r"\b(?:the\s+(?!(?:fiscal[\s-]+)?\w+-quarter))?(?P<fiscal>fiscal[\s-]+)?@ordinal[\s-]+"
        r"(?P<fiscal_after>fiscal[\s-]+)?quarter\b(?:\s+(?:of\s+)?@year)?",
        "DATE",
        lambda g: Calendar(
            g.get("year"), part=f"Q{g['ordinal']}", fiscal=bool(g.get("fiscal") or g.get("fiscal_after"))
        ),
        (
            Example("the third quarter", "2017-Q3"),
            Example("third-quarter", "2017-Q3"),
            Example("fiscal second-quarter", "2017-Q2"),
        ),
        triggers=("quarter",),
    ),
    Rule(
        "quarter_pair_first",
        # "the second and fourth quarters": two quarters that share one "quarter(s)", each a date
        # of its own (TimeBank marks "second" and "fourth quarters"); the first takes the year
        # written after the second. (Ordinals in words only: this rule is tried near each.)
        r"\b(?:the\s+)?@quarter_ordinal(?=\s+(?:and|or)\s+(?:the\s+)?@ordinal[\s-]+quarters?\b"
        r"(?:\s+(?:of\s+)?@year)?)",
        "DATE",
        lambda g: Calendar(g.get("year"), part=f"Q{g['quarter_ordinal']}"),
        (
            Example("sales peak in the second and fourth quarters", "2017-Q2", expression="the second"),
            Example("in the first and second quarters of 2016", "2016-Q1", expression="the first"),
        ),
    ),
    Rule(
        "quarter_pair_second",
        _after_word(("and", "or")) + r"@ordinal[\s-]+quarters\b(?:\s+(?:of\s+)?@year)?",
        "DATE",
        lambda g: Calendar(g.get("year"), part=f"Q{g['ordinal']}"),
        (
            Example("sales peak in the second and fourth quarters", "2017-Q4", expression="fourth quarters"),
            Example(
                "in the first and second quarters of 2016", "2016-Q2", expression="second quarters of 2016"
            ),
        ),
        triggers=("quarters",),
    ),
    Rule(
        "month_range_quarter",
        # "the April-June quarter", "the July-to-September period": a calendar quarter by its
        # months (any other three months are a company's own, left to their months)
        r"\b(?:the\s+)?@month:first\.?\s*(?:-|–|to|through)\s*@month:last\.?\s+(?:quarter|period)\b"
        r"(?:\s+(?:of\s+)?@year)?",
        "DATE",
        _month_range_quarter,
        (
            Example(
                "Exports fell in the April-June quarter.", "2017-Q2", expression="the April-June quarter"
            ),
            Example("the july - september quarter", "2017-Q3"),
            Example("the October-December period of 2016", "2016-Q4"),
        ),
        triggers=("quarter", "period"),
    ),
    Rule(
        "year_possessive_part",
        # "1988's third quarter", "fiscal 2018's first quarter", "2016's second half"
        r"\b(?P<fiscal>fiscal\s+)?@year\s?['\u2019]?s\s+(?:@ordinal[\s-]+(?P<q>quarter)|@half_part[\s-]+half)\b",
        "DATE",
        lambda g: Calendar(
            g["year"], part=f"Q{g['ordinal']}" if "q" in g else g["half_part"], fiscal="fiscal" in g
        ),
        (
            Example("1988's third quarter", "1988-Q3"),
            Example("fiscal 2018 s first quarter", "2018-Q1"),
            Example("2016's second half", "2016-H2"),
        ),
        priority=1,
    ),
    Rule(
        "half",
        r"\b(?:the\s+)?@half_part[\s-]+half\b(?:\s+(?:of\s+)?@year)?"
        r"(?!\s+of\s+the\s+(?:'|\d))",  # not half of a decade ("the last half of the '80s")
        "DATE",
        lambda g: Calendar(g.get("year"), part=g["half_part"]),
        (Example("the second half", "2017-H2"), Example("the last half of 1989", "1989-H2")),
        triggers=("half",),
    ),
    Rule(
        "half_of_month",
        # "in the second half of August": the month, its first or second half
        r"\b(?:the\s+)?@half_part[\s-]+half\s+of\s+@month" + _MONTH_DOT + r"(?:\s+@year)?\b(?!\s*\d)",
        "DATE",
        lambda g: Calendar(g.get("year"), g["month"]),
        (
            Example("in the second half of August", "2017-08", expression="the second half of August"),
            Example("the first half of march 2016", "2016-03"),
        ),
        mod=lambda g: "START" if g["half_part"] == "H1" else "END",
    ),
    Rule(
        "week_of_month",
        # "in the first week of September": the month, its start (middle, end)
        r"\bthe\s+(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+@month"
        + _MONTH_DOT
        + r"(?:\s+@year)?\b(?!\s*\d)",
        "DATE",
        lambda g: Calendar(g.get("year"), g["month"]),
        (Example("in the first week of September", "2017-09", expression="the first week of September"),),
        mod=lambda g: {"first": "START", "second": "MID", "third": "MID"}.get(g["nth"].lower(), "END"),
    ),
    Rule(
        "part_of_relative_year",
        # "the third quarter of last year", "the first half of this year", "the spring of next year"
        r"\b(?:the\s+)?(?:@ordinal[\s-]+quarter|@half_part[\s-]+half|@season)"
        r"\s+of\s+(?P<rel>last|this|next)\s+year\b",
        "DATE",
        lambda g: Calendar(
            None,
            part=f"Q{g['ordinal']}" if "ordinal" in g else g.get("half_part") or g["season"],
            year_offset=RELATIVE[g["rel"].lower()],
            year_from_anchor=True,
        ),
        (
            Example(
                "exports rose in the third quarter of last year",
                "2016-Q3",
                expression="the third quarter of last year",
            ),
            Example("the first half of this year", "2017-H1"),
            Example("in the spring of next year", "2018-SP", expression="the spring of next year"),
        ),
        priority=1,
        triggers=("year",),
    ),
    Rule(
        "two_quarters_of_year",
        # "the first two quarters of 1990" is that year's first half
        r"\b(?:@approx\s+)?(?:the\s+)?(?P<which>first|last)\s+two\s+(?:fiscal\s+)?quarters\s+of\s+@year\b",
        "DATE",
        lambda g: Calendar(g["year"], part=HALF_PART[g["which"].lower()]),
        (
            Example("the first two quarters of 1990", "1990-H1"),
            Example("at least the last two quarters of 1990", "1990-H2"),
        ),
        mod=_position_mod,
        priority=1,
        triggers=("quarters",),
    ),
    # --- weekdays and days around the dateline
    Rule(
        "weekday",
        # "by Thursday" is a deadline: with no tense to say otherwise, still ahead
        r"(?P<by>(?<=\bby\s))?\b(?<!\bsuper\s)(?<!\bbloody\s)(?<!\bgood\s)(?<!\bmail\son\s)"
        r"(?:(?:early|late|earlier|later)\s+)?(?:@relative\s+)?@weekday(?=\W|$)"
        # "the Sunday Times", "Super Tuesday", "the Mail on Sunday" are names
        r"(?!\s+(?:times|telegraph|express|mirror|herald|independent)\b)",
        "DATE",
        lambda g: WeekdayRef(g["weekday"], g.get("relative"), tense="future" if "by" in g else None),
        (
            Example("Tuesday", "2017-09-05"),
            Example("next monday", "2017-09-11"),
            Example("last Friday", "2017-09-01"),
            Example("Results are expected by Thursday.", "2017-09-07", expression="Thursday"),
        ),
    ),
    Rule(
        "weekday_of_week",
        # "Tuesday next week", "on Friday of last week": that weekday in the week named
        r"\b@weekday\.?\s+(?:of\s+)?@relative\s+week\b",
        "DATE",
        lambda g: WeekdayRef(g["weekday"], week=g["relative"]),
        (
            Example("The vote is Tues. next week.", "2017-09-12", expression="Tues. next week"),
            Example("on Friday of last week", "2017-09-01", expression="Friday of last week"),
            Example("talks resume on monday this week", "2017-09-04", expression="monday this week"),
        ),
        priority=1,
    ),
    Rule(
        "weeks_from_weekday",
        # "the election is a week from Tuesday": that many weeks after the coming Tuesday
        r"\b@num[\s-]+weeks?\s+from\s+@weekday(?=\W|$)",
        "DATE",
        lambda g: WeekdayRef(g["weekday"], tense="future", weeks_after=int(g["num"])),  # type: ignore[call-overload]
        (
            Example("The vote is a week from Monday.", "2017-09-18", expression="a week from Monday"),
            Example(
                "the vote is two weeks from wednesday .", "2017-09-20", expression="two weeks from wednesday"
            ),
        ),
        priority=1,
    ),
    Rule(
        "the_previous_weekday",
        # "down from the previous Friday": counted from the day the narrative is on
        r"\bthe\s+(?P<rel>previous|following|preceding|next)\s+@weekday(?=\W|$)",
        "DATE",
        lambda g: WeekdayRef(g["weekday"], STEP_BEFORE[g["rel"].lower()], anchor="previous"),
        (
            Example(
                "Shares closed Friday, Sept. 8, down from the previous Friday.",
                "2017-09-01",
                "2017-09-11",
                expression="the previous Friday",
            ),
            Example("The following Monday, talks began.", "2017-09-11", expression="The following Monday"),
            Example(
                "The talks opened on Sept. 1. The next Monday, they collapsed.",
                "2017-09-04",
                expression="The next Monday",
            ),
        ),
        priority=1,
    ),
    Rule(
        "weekday_tod",
        r"\b(?:(?:early|late)\s+)?@weekday\s+@tod\b",
        "TIME",
        lambda g: WeekdayRef(g["weekday"], None, g["tod"]),
        (Example("Tuesday night", "2017-09-05TNI"), Example("early Friday morning", "2017-09-01TMO")),
    ),
    Rule(
        "relative_day",
        # not a name ("told USA Today", "This is VOA Today") nor a time to come in general ("the
        # people of tomorrow")
        r"\b(?<!\busa\s)(?<!\bvoa\s)(?!(?<=\bof\s)tomorrow\b)" + _POS + r"@relative_day\b"
        r"(?!\s+(?:show|programme|program)\b)",
        "DATE",
        lambda g: Shift("day", g["relative_day"]),
        (
            Example("yesterday", "2017-09-05"),
            Example("today", "2017-09-06"),
            Example("tomorrow", "2017-09-07"),
            Example("the vote tomorrow", "2017-09-07", expression="tomorrow"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "generic_today",
        # "in today's world", "today's personal computers": the present in general, no day
        r"\btoday(?=\s?['\u2019]?s\s+(?:[^\W\d]+\s+)?(?:" + "|".join(GENERIC_PRESENT) + r")\b)",
        "DATE",
        lambda g: Reference("PRESENT_REF"),
        (
            Example("not to mothers in today's world", "PRESENT_REF", expression="today"),
            Example("many of today's personal computers", "PRESENT_REF", expression="today"),
        ),
        priority=1,
        triggers=("today",),
    ),
    Rule(
        "tonight",
        r"\btonight\b",
        "TIME",
        lambda g: Shift("day", 0, tod="NI"),
        (Example("tonight", "2017-09-06TNI"),),
        priority=1,
        triggers=("tonight",),
    ),
    Rule(
        "relative_day_tod",
        r"\b(?:@relative_day\s+@tod|this\s+@tod:this_tod)\b",
        "TIME",
        lambda g: Shift("day", g.get("relative_day", 0), tod=g.get("tod") or g["this_tod"]),
        (Example("yesterday afternoon", "2017-09-05TAF"), Example("this morning", "2017-09-06TMO")),
    ),
    Rule(
        "last_night",
        r"\blast\s+night\b",
        "TIME",
        lambda g: Shift("day", -1, tod="NI"),
        (Example("last night", "2017-09-05TNI"),),
        priority=1,
        triggers=("night",),
    ),
    Rule(
        "the_weekend",
        r"\bthe\s+weekend\b",
        "DATE",
        lambda g: Shift("weekend", 0, by_tense=True),
        (
            Example("over the weekend, officials said", "2017-W35-WE", expression="the weekend"),
            Example("will meet at the weekend", "2017-W36-WE", expression="the weekend"),
        ),
        triggers=("weekend",),
    ),
    Rule(
        "the_week",
        # "For the week, the index fell 3.8%": a week near the dateline that the text does not number
        r"\bthe\s+week\b(?!-|\s+(?:of|before|after|ago|earlier|later|end(?:ed|ing))\b)",
        "DATE",
        lambda g: Calendar(None, part="WXX"),
        (
            Example("For the week, the index dropped 3.8%.", "2017-WXX", expression="the week"),
            Example("It was the week's most active session.", "2017-WXX", expression="the week"),
        ),
        triggers=("week",),
    ),
    Rule(
        "the_year",
        # a report's own year ("sales for the full year")
        r"\bthe\s+(?:(?:full|fiscal|current)\s+(?:fiscal\s+)?)?year\b"
        r"(?![\s-]+(?:ago|earlier|before|after|old|end(?:ed|ing))\b|'s|-)",
        "DATE",
        lambda g: Shift("year", 0),
        (Example("sales for the full year rose", "2017", expression="the full year"),),
        triggers=("year",),
    ),
    Rule(
        "the_year_ended",
        # "the year ended June 30" is a year-long span ending on that day
        # and so is "the year to June" (British: the twelve months that ended then)
        r"\bthe\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b|\s+to\s+(?:the\s+end\s+of\s+)?@month\b)",
        "DURATION",
        lambda g: Span("P1Y"),
        (
            Example("in the year ended June 30", "P1Y", expression="the year"),
            Example("inflation was 2.1 percent in the year to January", "P1Y", expression="the year"),
        ),
        priority=1,  # over "the year" of a report
        triggers=("year",),
    ),
    Rule(
        "year_end",
        # the compound "year-end" ("by year-end", "at year end"): the day the books close, the
        # year's last; "since year-end" is the last one before. "By year's end" says "by the end
        # of the year", and a fiscal year-end is no December 31: both are end_of_unit's
        r"(?P<since>(?<=\bsince\s))?(?:\b(?P<approx>around|about|approximately)\s+)?(?<!\bfiscal\s)"
        r"\byear[\s-]?end\b(?:,?\s+@year\b)?",
        "DATE",
        lambda g: Calendar(
            g.get("year"), 12, 31, year_offset=-1 if "since" in g else 0, year_from_anchor="year" not in g
        ),
        (
            Example("At year-end 1988, assets were $2 billion.", "1988-12-31", expression="year-end 1988"),
            Example("complete the transaction by year-end", "2017-12-31", expression="year-end"),
            Example("since year-end", "2016-12-31", expression="year-end"),
            Example("by yearend", "2017-12-31", expression="yearend"),
            Example("expected to close around year end", "2017-12-31", expression="around year end"),
        ),
        mod=lambda g: "APPROX" if "approx" in g else None,
        triggers=("end", "yearend"),
    ),
    Rule(
        "end_of_unit",
        # "the start of the quarter", "the middle of the month", "the end of the decade": the
        # unit around the dateline, with where in it; "since the end of the year" looks back to
        # the last end, which is the unit before's, but "since the start of the year" to this
        # one's start
        r"(?P<since>(?<=\bsince\s))?(?:(?<=\bfiscal\s)year[\s-]?end\b|\byear's\s+end\b|"
        r"\b@place_in\s+the\s+(?:calendar\s+|fiscal\s+)?"
        r"(?P<unit>year|month|week|quarter|decade|century)\b)",
        "DATE",
        lambda g: Shift(
            g.get("unit", "year").lower(),
            -1 if g.get("since") is not None and g.get("place_in", "END") == "END" else 0,
        ),
        (
            Example("by fiscal year-end", "2017", expression="year-end"),
            Example("the end of the month", "2017-09"),
            Example("since the end of the year", "2016", expression="the end of the year"),
            Example("in place by year's end", "2017", expression="year's end"),
            Example("Since the start of the year, 300 died.", "2017", expression="the start of the year"),
            Example("by the end of the decade", "201", expression="the end of the decade"),
            Example("at the beginning of the year", "2017", expression="the beginning of the year"),
            Example("in the middle of the month", "2017-09", expression="the middle of the month"),
        ),
        mod=lambda g: g.get("place_in") or "END",  # "year's end" is an end too
        triggers=("end", "close", "beginning", "start", "middle"),
    ),
    Rule(
        "latest_year",
        # "sales in the latest fiscal year": the last whole year before the dateline
        r"\bthe\s+(?:latest|most\s+recent|last\s+full)\s+(?:full\s+)?(?:fiscal\s+|calendar\s+)?year\b",
        "DATE",
        lambda g: Shift("year", -1),
        (
            Example(
                "C$7.38 billion in sales in the latest fiscal year",
                "2016",
                expression="the latest fiscal year",
            ),
        ),
        priority=1,
        triggers=("year",),
    ),
    Rule(
        "this_quarter",
        # in a report, "this quarter's loss" is the quarter reported on
        r"\bthis\s+quarter\b",
        "DATE",
        lambda g: Shift("quarter", 0, report=True),
        (
            Example("sales this quarter", "2017-Q3", expression="this quarter"),
            Example(
                "the third quarter was weak; this quarter's loss",
                "2017-Q3",
                "2017-11-01",
                expression="this quarter",
            ),
        ),
        priority=1,
        triggers=("quarter",),
    ),
    Rule(
        "compared_last_year",
        # "$3 million last year", "the corresponding period last year": a figure compared with the
        # same period a year back; in a quarterly report that is the quarter a year earlier
        r"(?:(?<=million\s)|(?<=billion\s)|(?<=share\s)|(?<=share,\s)|(?<=cents\s)|(?<=%\s)|(?<=percent\s)|"
        r"\bthe\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+)last\s+year\b(?!'s)"
        # "up from last year's $1.55 billion", "last year's results": the figure of a year back
        r"|\blast\s+year\b(?='s\s+(?:(?:fully\s+diluted\s+)?(?:[$#]|c\$|a\$)|results|figures?|sales|earnings|"
        r"net|profit|loss|revenue|level)\b)",
        "DATE",
        lambda g: Shift("year", -1, whole_unit=False),
        (
            Example(
                "profit of $24 million, compared with $3 million last year", "2016", expression="last year"
            ),
            Example(
                "Net rose in the third quarter, from $3 million last year.",
                "2016-Q3",
                "2017-11-01",
                expression="last year",
            ),
            Example(
                "Sales in the third quarter rose 13% from last year's $1.55 billion.",
                "2016-Q3",
                "2017-11-01",
                expression="last year",
            ),
            Example(
                "for the corresponding period last year",
                "2016",
                expression="the corresponding period last year",
            ),
        ),
        priority=1,
        triggers=("year",),
    ),
    Rule(
        "relative_unit",
        # not a programme's name in quotes ("This Week With David Brinkley")
        r"\b(?<![\"“])" + _POS + r"(?:the\s+)?@relative\s+@calendar_unit\b(?!'s\s+\w+\s+quarter)",
        "DATE",
        lambda g: Shift(g["calendar_unit"], g["relative"]),
        (
            Example("last week", "2017-W35"),
            Example("this year", "2017"),
            Example("next month", "2017-10"),
            Example("late last year", "2016"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "coming_weekend",
        # "the coming weekend" on a weekday is the one at the end of the dateline's week
        r"\b(?:the\s+)?(?:this\s+)?coming\s+weekend\b",
        "DATE",
        lambda g: Shift("weekend", 0),
        (
            Example(
                "protests are planned for the coming weekend", "2017-W36-WE", expression="the coming weekend"
            ),
        ),
        priority=1,
        triggers=("weekend",),
    ),
    Rule(
        "units_ago",
        r"\b(?:@approx\s+)?@num(?P<and_half>" + _HALF + r")?[\s-]+@unit(?P<half>\s+and\s+a\s+half)?"
        r"(?:\s+or\s+so)?\s+ago\b",
        "DATE",
        _ago,
        (
            Example("three years ago", "2014"),
            Example("10 days ago", "2017-08-27"),
            Example("a year and a half ago", "2016-03"),
            Example("two and a half weeks ago", "2017-08-20"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "years_ago_this",
        # "ten years ago this month", "a year ago today": the dateline's month, week or day, years back
        r"\b@num[\s-]+years?\s+ago\s+(?:(?P<today>today)|this\s+(?P<at>week|month))\b",
        "DATE",
        lambda g: Shift(
            "year", -int(g["num"]), whole_unit=False, at="day" if "today" in g else str(g["at"]).lower()
        ),  # type: ignore[call-overload]
        (
            Example(
                "Ten years ago this month, the wall fell.", "2007-09", expression="Ten years ago this month"
            ),
            Example("five years ago this week", "2012-W36"),
            Example("a year ago today", "2016-09-06"),
        ),
    ),
    Rule(
        "units_from_now",
        # "two weeks from now", "a year from today": that far after the dateline
        r"\b(?:@approx\s+)?@num[\s-]+@unit\s+from\s+(?:now|today)\b",
        "DATE",
        lambda g: Shift(g["unit"], int(g["num"]), whole_unit=False),
        (Example("two weeks from now", "2017-W38"), Example("a year from today", "2018")),
        mod=_position_mod,
    ),
    Rule(
        "units_later",
        # "after"/"before" only end a clause here: "a day after they smashed through" is anchored
        # to the event in the clause that follows, which only the duration rule below can express
        r"\b@num[\s-]+@unit\s+(?P<way>later|earlier|(?:before|after)(?=\s*(?:[,.;:!?)'\"`]|$)))",
        "DATE",
        lambda g: Shift(
            g["unit"],
            int(g["num"]) * (1 if g["way"].lower() in ("later", "after") else -1),
            anchor="previous",
            whole_unit=False,
        ),
        (
            Example("two days later", "2017-09-08"),
            Example("two days after.", "2017-09-08", expression="two days after"),
        ),
    ),
    Rule(
        "units_before_event",
        r"\b(?:@approx\s+)?@num[\s-]+@unit(?=\s+(?:after|before)\s+[^\W\d])",
        "DURATION",
        lambda g: Span(_duration(g["num"], g["unit"])),
        (
            Example("a day after they smashed through", "P1D", expression="a day"),
            Example("barely a month after Qantas suspended flights", "P1M", expression="a month"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "the_day_before_event",
        # "Oct. 12, the day before the stock market plunge": an apposition names the date just
        # written again; the event it is counted from comes after, and is no date to count from
        r"(?<=,\s)the\s+day(?=\s+(?:before|after)\s+" + _EVENT_NOUN_PHRASE + ")",
        "DATE",
        lambda g: Shift("day", 0, anchor="previous"),
        (
            Example(
                "Oct. 12, the day before the plunge",
                "2017-10-12",
                expression="the day",
            ),
        ),
        priority=2,
    ),
    Rule(
        "unit_before_last",
        # "the week before last", "the year after next": two units from the dateline's
        r"\bthe\s+@calendar_unit\s+(?P<way>before\s+last|after\s+next)\b",
        "DATE",
        lambda g: Shift(g["calendar_unit"], -2 if g["way"].lower().startswith("before") else 2),
        (
            Example("He left the week before last.", "2017-W34", expression="the week before last"),
            Example("the year after next", "2019"),
        ),
        priority=2,
    ),
    Rule(
        "the_day_after",
        # "the day after the election" counts from the election: the day the narrative is on,
        # never the dateline. "two years to the day after" is no day after
        r"\b(?!(?<=,\s)the\s+day\s+(?:before|after)\s+" + _EVENT_NOUN_PHRASE + r")(?<!\bto\s)"
        r"the\s+(?:@calendar_unit\s+(?P<way>before|after)(?P<event>(?=\s+" + _EVENT_NOUN_PHRASE + r"))?|"
        r"(?P<rel>next|following|previous)\s+@calendar_unit:unit2)\b",
        "DATE",
        lambda g: Shift(
            g.get("calendar_unit") or g["unit2"],
            -1 if (g.get("way") or g.get("rel", "")).lower() in ("before", "previous") else 1,
            anchor="event" if "event" in g else "previous",
        ),
        (
            Example("the day before", "2017-09-05"),
            Example("the next day", "2017-09-07"),
            Example("Protests began the day after the election.", "XXXX-XX-XX", expression="the day after"),
            Example(
                "Polls closed on Sunday and protests began the day after the vote.",
                "2017-09-04",
                expression="the day after",
            ),
        ),
        priority=1,
    ),
    Rule(
        "the_next_tod",
        # "On Monday, rebels attacked. The next morning ...": a part of the day after (or
        # before) the day the narrative is on; "that night" is a part of that day itself
        r"\b(?:(?:the\s+)?@step_before\s+@tod|the\s+@tod:tod2\s+@step_after|(?:that|the\s+same)\s+@tod:tod3)\b",
        "TIME",
        lambda g: Shift(
            "day",
            g.get("step_before", g.get("step_after", 0)),
            anchor="previous",
            tod=g.get("tod") or g.get("tod2") or g["tod3"],
        ),
        (
            Example(
                "On Monday, rebels attacked. The next morning, they left",
                "2017-09-05TMO",
                expression="The next morning",
            ),
            Example(
                "On Sept. 1 they met. The night before, talks stalled",
                "2017-08-31TNI",
                expression="The night before",
            ),
            Example(
                "They met on Sept. 1 and that evening signed", "2017-09-01TEV", expression="that evening"
            ),
            Example("the following afternoon", "2017-09-07TAF"),
        ),
        priority=1,
        triggers=("morning", "afternoon", "evening", "night"),
    ),
    Rule(
        "september_11",
        # "the Sept. 11 attacks", "since 9/11": the attacks of 2001, whatever the dateline; "the
        # Sept. 11 anniversary" and "on Sept. 11" are the day near the dateline
        r"\b(?:(?:sept?|september)\.?\s+11(?:th)?(?=\s+(?:terror(?:ist)?\s+)?(?:attacks?|hijackings?|plot|strikes)\b)"
        r"|(?<![\d/.-])9/11(?![\d/-]|\.\d))",
        "DATE",
        lambda g: Calendar(2001, 9, 11),
        (
            Example("The Sept. 11 attacks changed everything.", "2001-09-11", expression="Sept. 11"),
            Example("since 9/11 , security has tightened .", "2001-09-11", expression="9/11"),
            Example("the september 11 terrorist attacks", "2001-09-11", expression="september 11"),
        ),
        priority=1,
        triggers=("sept", "sep", "september"),
    ),
    Rule(
        "holiday",
        # "on Christmas Eve", "Thanksgiving 2016", "Good Friday": named days of the year
        r"\b@holiday(?:\s*,?\s+(?:of\s+)?@year)?"
        # "the Good Friday Agreement", "the Easter Rising", "Christmas Island" are names
        r"(?![\w'’-]|\s+(?:island|islands|rising|uprising|agreement|accords?|war|offensive)\b)",
        "DATE",
        lambda g: replace(g["holiday"], year=g.get("year")),
        (
            Example("the attack came on Christmas Eve", "2016-12-24", expression="Christmas Eve"),
            Example("he will visit before Thanksgiving", "2017-11-23", expression="Thanksgiving"),
            Example("the ceasefire held through Easter", "2017-04-16", expression="Easter"),
            Example("shops reopen on new year s day", "2018-01-01", expression="new year s day"),
            Example("Good Friday 1998", "1998-04-10"),
            Example("on Election Day 2016", "2016-11-08", expression="Election Day 2016"),
            Example("a truce for the Eid al-Adha holiday", "2017-09-01", expression="Eid al-Adha"),
            Example("fighting paused for eid al fitr", "2017-06-25", expression="eid al fitr"),
            Example("Eid al-Fitr 2016", "2016-07-06"),
        ),
        triggers=tuple(sorted({re.findall(r"\w+", name)[0] for name in HOLIDAY})),
    ),
    Rule(
        "holiday_tod",
        # "on Christmas morning", "Eid al-Adha night": that part of the named day
        r"\b@holiday\s+@tod\b",
        "TIME",
        lambda g: replace(g["holiday"], tod=g["tod"]),
        (
            Example(
                "the shelling began on Christmas morning", "2016-12-25TMO", expression="Christmas morning"
            ),
        ),
        priority=1,
        triggers=tuple(sorted({re.findall(r"\w+", name)[0] for name in HOLIDAY})),
    ),
    Rule(
        "month_relative_year",
        # "June last year", "October 1 this year", "on 5 March next year"
        r"\b"
        + _POS
        + r"(?:@day:dm\s+(?:of\s+)?)?@month"
        + _MONTH_DOT
        + r"(?:\s+@day(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?"
        r"(?P<rel>last|next|this)\s+year\b",
        "DATE",
        lambda g: Calendar(
            None,
            g["month"],
            g.get("day") or g.get("dm"),
            year_offset=RELATIVE[g["rel"].lower()],
            year_from_anchor=True,
        ),
        (
            Example("June last year", "2016-06"),
            Example("takes effect on October 1 this year", "2017-10-01", expression="October 1 this year"),
            Example("on 5 March next year", "2018-03-05", expression="5 March next year"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "year_bc",
        # "500 BC", "44 B.C.", "3000 BCE"; not "in 2010 BC Hydro said", a name
        r"\b(?P<n>\d{1,4})\s*" + _BC_ERA + r"(?!\s+(?-i:[A-Z])[a-z])",
        "DATE",
        lambda g: BeforeChrist(year=int(g["n"])),  # type: ignore[call-overload]
        (
            Example("It was built around 500 BC.", "BC0500", expression="500 BC"),
            Example("caesar died in 44 b.c. in rome", "BC0044", expression="44 b.c."),
        ),
    ),
    Rule(
        "century_bc",
        # "the third century BC": TIMEX3 numbers centuries by their hundreds, BC02
        r"\b(?:the\s+)?(?:(?P<c>[1-9]|[12]\d)(?:st|nd|rd|th)|@ordinal_day)[\s-]+century\s+" + _BC_ERA,
        "DATE",
        lambda g: BeforeChrist(century=int(g.get("c") or g["ordinal_day"])),  # type: ignore[call-overload]
        (Example("It dates to the third century BC.", "BC02", expression="the third century BC"),),
        priority=1,
    ),
    Rule(
        "year_ad",
        # "AD 476", "476 A.D.": a year written with its era, however small; "ad" in lower case
        # is an advertisement
        r"\b(?:(?:A\.D\.|(?-i:AD|CE))\s+(?P<n>[1-9]\d{0,3})\b|(?P<n2>[1-9]\d{0,3})\s*(?:A\.D\.|(?-i:AD|CE)\b))",
        "DATE",
        lambda g: Calendar(int(g.get("n") or g["n2"])),  # type: ignore[call-overload]
        (Example("The empire fell in AD 476.", "0476", expression="AD 476"),),
        triggers=("ad", "ce"),
    ),
    Rule(
        "spoken_year",
        r"\b(?:the\s+year\s+)?@spoken_year\b",
        "DATE",
        lambda g: Calendar(g["spoken_year"]),
        (Example("nineteen ninety-six", "1996"), Example("the year two thousand", "2000")),
    ),
    Rule(
        "the_year_written",
        # "in the year 2000": the year, not the dateline's year ("the year") beside a number
        r"\bthe\s+year\s+@year\b",
        "DATE",
        lambda g: Calendar(g["year"]),
        (Example("He was born in the year 2000.", "2000", expression="the year 2000"),),
    ),
    Rule(
        "century",
        r"\b(?:the\s+)?" + _POS + _THE_AFTER_OF + r"@century_ordinal[\s-]+century\b",
        "DATE",
        lambda g: Calendar(century=(g["century_ordinal"] - 1) * 100),
        (
            Example("the 20th century", "19"),
            Example("in the middle of the 20th century", "19", expression="the middle of the 20th century"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "reporting_quarter",
        r"\bthe\s+(?:(?P<ago>year[\s-]+(?:ago|earlier))[\s-]+|latest\s+|same\s+)?"
        # not the adjective "quarter-to-quarter"
        # a bare "the period" is a report's only with a word that makes it one ("the latest
        # period", "the year-ago period"): "covers the period from 1998 to 2000" is not
        r"(?:fiscal\s+)?(?:quarter|(?:(?<=ago\s)|(?<=ago-)|(?<=lier\s)|(?<=lier-)|(?<=test\s)|(?<=same\s))period"
        r"|period(?=\s+(?:a|one)\s+year\s+(?:ago|earlier)\b))"
        # nor "the quarter of the city": a part of a place
        r"\b(?!-to-)(?!\s+of\s+(?!\d{4}\b|(?:the|this|last|next)\s+(?:fiscal\s+)?year\b))"
        r"(?P<then>\s+(?:a|one)\s+year\s+(?:ago|earlier)\b)?",
        "DATE",
        lambda g: ReportingQuarter(1 if g.get("ago") or g.get("then") is not None else 0),
        (
            Example("the quarter", "2017-Q2"),
            Example("the year-ago quarter", "2016-Q2"),
            Example("for the quarter a year ago", "2016-Q2", expression="the quarter a year ago"),
            Example("sales in the latest period", "2017-Q2", expression="the latest period"),
        ),
        triggers=("quarter", "period"),
    ),
    Rule(
        "year_ago_quarter",
        # "the year-ago third quarter": one expression, the quarter a year back
        r"\b(?:the\s+)?year[\s-]+(?:ago|earlier)\s+(?P<ordinal>first|second|third|fourth)[\s-]+quarter\b",
        "DATE",
        lambda g: Calendar(
            None, part=f"Q{ORDINAL[g['ordinal'].lower()]}", year_offset=-1, year_from_anchor=True
        ),
        (Example("in the year-ago third quarter", "2016-Q3", expression="the year-ago third quarter"),),
        triggers=("ago", "earlier"),
    ),
    Rule(
        "year_ago_months",
        # "the year-earlier nine months": a report's period, a year back
        r"\b(?:the\s+)?year[\s-]+(?:ago|earlier)\s+(?:first\s+)?(?P<months>six|nine|\d+)\s+months\b",
        "DURATION",
        lambda g: Span(_duration(NUMBER_WORDS.get(g["months"].lower()) or int(g["months"]), "month")),
        (Example("net for the year-earlier nine months", "P9M", expression="the year-earlier nine months"),),
        triggers=("ago", "earlier"),
    ),
    Rule(
        "year_ago_adjective",
        r"\b(?:year[\s-]+(?:ago|earlier))(?=\s)",
        "DATE",
        lambda g: ReportingQuarter(1),
        (Example("year-earlier profit", "2016-Q2", expression="year-earlier"),),
        triggers=("year",),
    ),
    Rule(
        "reference",
        # not "the future of our peoples": prospects, not a time
        r"\b@reference\b(?!(?<=future)\s+of\b)",
        "DATE",
        lambda g: Reference(g["reference"]),
        (
            Example("now", "PRESENT_REF"),
            Example("recently", "PAST_REF"),
            Example("they said the future looks bleak", "FUTURE_REF", expression="the future"),
        ),
        triggers=("past", "current", "present"),
    ),
    Rule(
        "then_current",
        # "at 50% of the then current market price": current at a time already past
        r"\bthen[\s-]+current\b",
        "DATE",
        lambda g: Reference("PAST_REF"),
        (Example("at 50% of the then current market price", "PAST_REF", expression="then current"),),
        priority=1,
        triggers=("then",),
    ),
    # --- clock times
    Rule(
        "clock",
        # "10am." at a sentence's end: the full stop is not the abbreviation's
        r"\b(?:@approx\s+)?@hour(?:[:.]@minute)?\s*(?P<half>[ap]\.m\.?|[ap]m)(?!\w)",
        "TIME",
        # a clock time is on the day its sentence names ("on Sept. 5 at 10 a.m."), else the dateline's
        lambda g: Shift("day", 0, anchor="sentence", tod=_clock(g)),
        (
            Example("3 p.m.", "2017-09-06T15:00"),
            Example("It happened on Sept. 5 at 10 a.m.", "2017-09-05T10:00", expression="10 a.m."),
            Example(
                "Rebels struck on Sept. 1. Officials spoke at 3 p.m.", "2017-09-06T15:00", expression="3 p.m."
            ),
            Example("around 7:15 p.m.", "2017-09-06T19:15"),
            Example("it starts at 10am.", "2017-09-06T10:00", expression="10am"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "clock_relative_day",
        # "10 a.m. tomorrow", "9 p.m. yesterday": the clock on the day the word names, not on
        # the dateline's
        r"\b(?:@approx\s+)?@hour(?:[:.]@minute)?\s*(?P<half>[ap]\.m\.?|[ap]m)(?!\w)"
        + _ZONE
        + r",?\s+@relative_day\b",
        "TIME",
        lambda g: Shift("day", g["relative_day"], tod=_clock(g)),  # type: ignore[arg-type]
        (
            Example("The meeting is at 10 a.m. tomorrow.", "2017-09-07T10:00", expression="10 a.m. tomorrow"),
            Example(
                "the blast happened at 9 p.m. yesterday .", "2017-09-05T21:00", expression="9 p.m. yesterday"
            ),
            Example(
                "The game starts at 7:30 p.m. tonight.", "2017-09-06T19:30", expression="7:30 p.m. tonight"
            ),
        ),
        mod=_position_mod,
        priority=1,
    ),
    Rule(
        "clock_part_of_day",
        # "at 7:30 tonight", "at 8 tomorrow morning", "at 6 this morning": a bare hour after a
        # preposition of time, whose part of the day says a.m. or p.m.
        _after_word(("at", "by", "until", "till", "from", "before", "after", "around", "about"))
        + r"@hour(?:[:.]@minute)?\s+(?:(?P<tonight>tonight)|this\s+@tod:this_tod|@relative_day\s+@tod)\b",
        "TIME",
        _clock_in_part,
        (
            Example("The game starts at 7:30 tonight.", "2017-09-06T19:30", expression="7:30 tonight"),
            Example("He arrives at 8 tomorrow morning.", "2017-09-07T08:00", expression="8 tomorrow morning"),
            Example("police arrived at 6 this morning .", "2017-09-06T06:00", expression="6 this morning"),
            Example(
                "The vote closes at 4 this afternoon.", "2017-09-06T16:00", expression="4 this afternoon"
            ),
        ),
        priority=1,
    ),
    Rule(
        "clock_weekday",
        r"\b(?:@approx\s+)?@hour(?:[:.]@minute)?\s*(?P<half>a\.?m\.?|p\.?m\.?)"
        + _ZONE
        + r",?\s+(?:on\s+)?@weekday\b",
        "TIME",
        lambda g: WeekdayRef(
            g["weekday"],
            None,
            tod=_clock(g),
        ),
        (
            Example("10 p.m. Wednesday", "2017-09-06T22:00"),
            Example(
                "Shelling began at 6 a.m. local time on Sunday.",
                "2017-09-03T06:00",
                expression="6 a.m. local time on Sunday",
            ),
            Example(
                "The polls close at 8 p.m. ET on Tuesday.",
                "2017-09-05T20:00",
                expression="8 p.m. ET on Tuesday",
            ),
        ),
        mod=_position_mod,
        priority=1,
    ),
    Rule(
        "clock_24h",
        # "at 22:00", "by 10:30 on Monday": a 24-hour clock needs a preposition of time before
        # it, or a ratio or a score ("won 2:1", "a 1:50,000 map") would be one
        _after_word(("at", "by", "until", "till", "from", "before", "after", "around", "about", "since"))
        # (wire style "22:00 GMT" is clock_gmt's)
        + r"(?P<h24>2[0-3]|[01]?\d):(?P<m24>[0-5]\d)(?![\d:,.]\d)(?!\s*[ap]\.?m)(?!\s+(?:GMT|UTC)\b)"
        + r"(?:\s+(?:hours|hrs|h)\b)?"
        + _ZONE
        + rf"(?:,?\s+(?:on\s+)?(?P<weekday>{_words(WEEKDAY)})(?=\W|$))?",
        "TIME",
        lambda g: _clock_24h(g, "sentence"),
        (
            Example("The curfew begins at 22:00.", "2017-09-06T22:00", expression="22:00"),
            Example("He arrived at 9:30 on Monday.", "2017-09-04T09:30", expression="9:30 on Monday"),
            Example("Polls open at 07:00 local time.", "2017-09-06T07:00", expression="07:00 local time"),
        ),
    ),
    Rule(
        "clock_gmt",
        # wire style: "at 0600 GMT (on Tuesday)"; the clock is the one the text gives
        rf"\b(?P<h24>2[0-3]|[01]\d):?(?P<m24>[0-5]\d)\s+(?:GMT|UTC)\b"
        rf"(?:\)?,?\s+(?:on\s+)?(?P<weekday>{_words(WEEKDAY)})(?=\W|$))?",
        "TIME",
        lambda g: _clock_24h(g, "previous"),
        (
            Example(
                "Shelling began at 0600 GMT on Tuesday.", "2017-09-05T06:00", expression="0600 GMT on Tuesday"
            ),
            Example("The blast hit at 10:30 a.m. (0730 GMT).", "2017-09-06T07:30", expression="0730 GMT"),
            Example("The strike hit at 22:00 GMT.", "2017-09-06T22:00", expression="22:00 GMT"),
        ),
        triggers=("gmt", "utc"),
    ),
    Rule(
        "noon_weekday",
        r"\b@clock_word\s*,?\s+(?:on\s+)?@weekday\b",
        "TIME",
        lambda g: WeekdayRef(g["weekday"], None, tod=g["clock_word"]),
        (Example("noon Thursday", "2017-08-31T12:00"),),
        priority=1,
    ),
    Rule(
        "noon_date",
        r"\b@clock_word\s*,?\s+(?:on\s+)?@month"
        + _MONTH_DOT
        + r"\s+@day(?:st|nd|rd|th)?\b(?:\s*,?\s+@year\b)?"
        + _NOT_NUMBER_AFTER,
        "TIME",
        lambda g: Calendar(g.get("year"), g["month"], g["day"], tod=g["clock_word"]),
        (
            Example(
                "The deadline is midnight on Dec. 31, 2017.",
                "2017-12-31T24:00",
                expression="midnight on Dec. 31, 2017",
            ),
        ),
        priority=1,
    ),
    Rule(
        "week_of_date",
        # "the week of Sept. 11", "the week ended Oct. 20": the week that holds that day; the day
        # is an expression of its own, as with "the quarter ended Sept. 30"
        r"\bthe\s+week(?=\s+(?:of|(?P<ended>ended|to)|ending|beginning|starting)\s+(?:@weekday,?\s+)?"
        r"@month" + _MONTH_DOT + r"\s+@day(?:st|nd|rd|th)?\b(?:,?\s+@year\b)?" + _NOT_NUMBER_AFTER + ")",
        "DATE",
        lambda g: Calendar(
            g.get("year"), g["month"], g["day"], part="WEEK", direction="past" if "ended" in g else None
        ),
        (
            Example("talks are set for the week of Sept. 11", "2017-W37", expression="the week"),
            Example("claims in the week ended Sept. 1, 2017", "2017-W35", expression="the week"),
            Example("in the week to Sept. 1, claims fell", "2017-W35", expression="the week"),
        ),
        priority=1,
        triggers=("week",),
    ),
    Rule(
        "tod_of_date",
        # "on the night of Sept. 3", "the morning of Tuesday, Sept. 5": that part of that day
        r"\b(?:the\s+)?(?:(?:early|late)\s+)?@tod\s+of\s+(?:@weekday,?\s+)?@month"
        + _MONTH_DOT
        + r"\s+@day(?:st|nd|rd|th)?\b"
        r"(?:,?\s+@year\b)?" + _NOT_NUMBER_AFTER,
        "TIME",
        lambda g: Calendar(g.get("year"), g["month"], g["day"], tod=g["tod"]),
        (
            Example(
                "on the night of Sept. 3, jets struck", "2017-09-03TNI", expression="the night of Sept. 3"
            ),
            Example("the morning of Tuesday, Sept. 5, 2017", "2017-09-05TMO"),
        ),
        priority=1,
    ),
    Rule(
        "early_hours_of",
        # "in the early hours of Sunday", "the small hours of Sept. 3": that day's night
        r"\b(?:the\s+)?(?:early|small|wee)\s+hours\s+of\s+(?:@weekday\b|@month"
        + _MONTH_DOT
        + r"\s+@day(?:st|nd|rd|th)?\b"
        + _NOT_NUMBER_AFTER
        + ")",
        "TIME",
        lambda g: (
            WeekdayRef(g["weekday"], None, "NI")
            if "weekday" in g
            else Calendar(None, g["month"], g["day"], tod="NI")
        ),
        (
            Example(
                "The ceasefire, agreed in the early hours of Sunday, held.",
                "2017-09-03TNI",
                expression="the early hours of Sunday",
            ),
            Example(
                "in the small hours of sept. 3", "2017-09-03TNI", expression="the small hours of sept. 3"
            ),
        ),
        priority=1,
        triggers=("hours",),
    ),
    Rule(
        "tod_of_weekday",
        # "on the night of Tuesday": that part of that weekday
        r"\b(?:the\s+)?(?:(?:early|late)\s+)?@tod\s+of\s+@weekday\b",
        "TIME",
        lambda g: WeekdayRef(g["weekday"], None, g["tod"]),
        (
            Example(
                "on the night of Tuesday, jets struck", "2017-09-05TNI", expression="the night of Tuesday"
            ),
        ),
        priority=1,
    ),
    Rule(
        "clock_date",
        r"\b(?:@approx\s+)?@hour(?:[:.]@minute)?\s*(?P<half>a\.?m\.?|p\.?m\.?)"
        + _ZONE
        + r",?\s+(?:on\s+)?@month"
        + _MONTH_DOT
        + r"\s+@day\b",
        "TIME",
        lambda g: Calendar(
            None,
            g["month"],
            g["day"],
            tod=_clock(g),
        ),
        (Example("5 p.m. EST Nov. 9", "2017-11-09T17:00"),),
        mod=_position_mod,
    ),
    Rule(
        "weekday_date",
        # the date the weekday names is the value: "this coming Sunday, March eighth"
        r"\b(?:(?:this\s+coming|this|next|last|coming)\s+)?@weekday\s*,?\s+@month" + _MONTH_DOT + r"\s+"
        r"(?:@day(?:st|nd|rd|th)?\b|@ordinal_day\b)(?:\s*,?\s+@year\b|" + _NOT_NUMBER_AFTER + ")",
        "DATE",
        lambda g: Calendar(g.get("year"), g["month"], g.get("day") or g["ordinal_day"], weekday=g["weekday"]),
        (
            Example("Saturday, April 25", "2017-04-25"),
            Example("The meeting is on Monday, Sept. 18.", "2017-09-18", expression="Monday, Sept. 18"),
            Example("The meeting was on Monday, Sept. 19.", "2016-09-19", expression="Monday, Sept. 19"),
            Example("Tuesday, Sept. 5, 2017", "2017-09-05"),
            Example(
                "It is this coming Sunday, March eighth.",
                "2018-03-08",
                "2018-03-05",
                "this coming Sunday, March eighth",
            ),
        ),
    ),
    Rule(
        "weekday_day_month",
        # the British order: "Tuesday 5 September", "Tuesday, 5th September 2017"
        r"\b@weekday\s*,?\s+(?:the\s+)?@day(?:st|nd|rd|th)?\s+(?:of\s+)?@month\b(?:\s*,?\s+@year\b)?(?!\s*\d)",
        "DATE",
        lambda g: Calendar(g.get("year"), g["month"], g["day"], weekday=g["weekday"]),
        (
            Example("The vote is on Tuesday 5 September.", "2017-09-05", expression="Tuesday 5 September"),
            Example("tuesday , 5th september 2017", "2017-09-05"),
        ),
    ),
    Rule(
        "relative_year_quarter",
        r"\b(?P<rel>last|this|next)\s+year's\s+(?:@ordinal\s+)?quarter\b",
        "DATE",
        lambda g: (
            Calendar(
                None,
                part=f"Q{g['ordinal']}" if g.get("ordinal") else "QX",
                year_offset={"last": -1, "next": 1}.get(g["rel"].lower(), 0),
                year_from_anchor=True,
            )
            if g.get("ordinal") or g["rel"].lower() == "next"
            # "last year's quarter": the quarter being reported on, a year back
            else ReportingQuarter(1 if g["rel"].lower() == "last" else 0)
        ),
        (
            Example("next year's first quarter", "2018-Q1"),
            Example("last year's quarter", "2016-Q2"),
        ),
        triggers=("quarter",),
    ),
    Rule(
        "year_quarter",
        r"\bthe\s+@year\s+(?:@ordinal\s+quarter|(?:fiscal\s+)?(?:quarter|period))\b",
        "DATE",
        lambda g: (
            Calendar(g["year"], part=f"Q{g['ordinal']}")
            if g.get("ordinal")
            # "the 1988 period" in a report: the quarter being reported on, in 1988
            else ReportingQuarter(year=g["year"])
        ),
        (
            Example("the 1988 second quarter", "1988-Q2"),
            Example("the 1988 period", "1988"),
            Example(
                "the third quarter fell; the 1988 period",
                "1988-Q3",
                "2017-11-06",
                expression="the 1988 period",
            ),
        ),
    ),
    Rule(
        "vague_ago",
        r"\b(?:@vague\s+)?@plural_unit\s+ago\b",
        "DATE",
        lambda g: Reference("PAST_REF"),
        (
            Example("several years ago", "PAST_REF"),
            Example("just months ago", "PAST_REF", expression="months ago"),
        ),
        triggers=("ago",),
    ),
    Rule(
        "noon",
        r"\b@clock_word\b",
        "TIME",
        lambda g: Shift("day", 0, tod=g["clock_word"]),
        (Example("noon", "2017-09-06T12:00"),),
        triggers=("noon", "midnight"),
    ),
    # --- expressions that point back at what the narrative named
    Rule(
        "quarter_ended",
        # "the quarter ended Sept. 30" is named by its last day; the day itself is its own date
        rf"\b(?:the\s+)?(?:fiscal\s+)?(?:(?P<ordinal>{_words(ORDINAL)})[\s-]+)?(?:fiscal\s+)?quarter"
        rf"(?=\s+end(?P<ended>ed)?(?:ing)?\s+(?:on\s+)?(?P<month>{_words(MONTH)})"
        + _MONTH_DOT
        + r"\s+(?P<day>[0-3]?\d)\b"
        r"(?:\s*,?\s+(?P<year>\d{4})\b)?)",
        "DATE",
        lambda g: QuarterEnding(
            MONTH[g["month"].lower()],
            int(g["day"]),
            int(g["year"]) if g.get("year") else None,
            ORDINAL[g["ordinal"].lower()] if g.get("ordinal") else None,
            ended="ended" in g,
        ),
        (
            Example("profit in the quarter ended July 31 rose", "2017-Q2", expression="the quarter"),
            Example(
                "its fourth quarter ended Sept. 30", "2017-Q4", "2017-11-02", expression="fourth quarter"
            ),
            Example(
                "the fiscal first quarter rose. In the quarter ended Sept. 30, sales",
                "2017-Q1",
                "2017-10-26",
                expression="the quarter",
            ),
            Example("the quarter ended Dec. 31", "2017-Q4", "2018-02-01", expression="the quarter"),
            # a quarter that ended is over: on Oct. 27, "ended Oct. 31" is last year's
            Example("its second quarter ended Oct. 31", "2016-Q2", "2017-10-27", expression="second quarter"),
            Example("the quarter ending Nov. 30 will", "2017-Q4", "2017-10-27", expression="the quarter"),
        ),
        priority=2,
        triggers=("quarter",),
    ),
    Rule(
        "that_unit",
        # "imports that year", "results for that quarter": the one holding the date last named;
        # "that day" only where it sets the scene ("That day, ...", "later that day", "on that
        # day"); "redemptions that day" in general is no date
        r"\b(?:that(?:\s+same)?|the\s+same)\s+(?P<unit>year|quarter|month|week|(?<=same\s)day|"
        r"(?:(?<=^that\s)|(?<=[.;:,]\sthat\s)|(?<=\bon\sthat\s)|(?<=\blater\sthat\s)|"
        r"(?<=\bearlier\sthat\s)|(?<=\bby\sthat\s)|(?<=\buntil\sthat\s))day)\b"
        r"(?![\s-]*(?:end|ago|earlier|old)\b|-)",
        "DATE",
        lambda g: Anaphor(g["unit"].lower()),
        (
            Example("In 1988 imports rose, and that year prices fell", "1988", expression="that year"),
            Example(
                "the second quarter of 1988; results for that quarter", "1988-Q2", expression="that quarter"
            ),
            Example(
                "Rebels struck on Sept. 3. That same day, the UN met.",
                "2017-09-03",
                expression="That same day",
            ),
            Example(
                "Rebels struck on Sept. 3. On the same day, the UN met.",
                "2017-09-03",
                expression="the same day",
            ),
        ),
        triggers=("year", "quarter", "month", "week", "day"),
    ),
    Rule(
        "elliptic_last",
        # "twice as high a dividend this year as last": "last" says "last year"
        r"(?:(?<=\bthis\syear\sas\s)|(?<=\bthis\syear\sthan\s))last\b(?!\s+[^\W\d])",
        "DATE",
        lambda g: Shift("year", -1),
        (Example("twice as high a dividend this year as last.", "2016", expression="last"),),
        triggers=("last",),
    ),
    Rule(
        "then",
        # "will terminate on Nov. 30. Until then, ...": the date last named
        r"(?:(?<=\buntil\s)|(?<=\btill\s)|(?<=\bsince\s)|(?<=\bby\s)|(?<=\bbefore\s))then\b",
        "DATE",
        lambda g: Anaphor("period"),
        (
            Example(
                "The rights will terminate on Nov. 30. Until then, the stock remains convertible.",
                "2017-11-30",
                expression="then",
            ),
            Example(
                "The group took the city in 2014. Since then it has lost ground.", "2014", expression="then"
            ),
        ),
        triggers=("then",),
    ),
    Rule(
        "nth_day_of",
        # "It's the second day of an offensive": the day it is; "Tuesday was the third day": that day
        r"(?:(?P<now>(?<=\bis\s)|(?<=\bit's\s)|(?<=\bit’s\s)|(?<=\bit\s's\s))|(?<=\bwas\s))the\s+@ordinal_day\s+"
        r"(?:(?:straight|consecutive|full)\s+)?day\b(?=\s+(?:of|in|since)\b)",
        "DATE",
        lambda g: Shift("day", 0, anchor="dateline" if g.get("now") is not None else "previous"),
        (
            Example("It's the second day of an offensive", "2017-09-06", expression="the second day"),
            Example(
                "Protests began on Sunday. Monday was the second day of protests.",
                "2017-09-04",
                expression="the second day",
            ),
        ),
        triggers=("day",),
    ),
    Rule(
        "in_the_unit",
        # "earlier in the week", "late in the month": the week (month) the narrative is on, the
        # dateline's when it has named no day; "earlier in the year" is the dateline's year, as
        # "the year" is (in a report, the period last named is often the one compared with)
        r"\b(?P<edge>earlier|later|early|late)\s+in\s+the\s+(?P<unit>week|month|year)\b(?!-|\s+(?:of|before|after)\b)",
        "DATE",
        lambda g: Shift(
            str(g["unit"]).lower(), 0, anchor="dateline" if str(g["unit"]).lower() == "year" else "previous"
        ),
        (
            Example(
                "Earlier in the week, police arrested him.", "2017-W36", expression="Earlier in the week"
            ),
            Example("Prices fell early in the month.", "2017-09", expression="early in the month"),
            Example(
                "herbicide use was delayed earlier in the year", "2017", expression="earlier in the year"
            ),
        ),
        mod=lambda g: {"early": "START", "late": "END"}.get(str(g["edge"]).lower()),
        priority=1,
    ),
    Rule(
        "in_the_day",
        # "later in the day": the day the narrative is on
        r"(?:(?<=\blater\sin\s)|(?<=\bearlier\sin\s))the\s+day\b",
        "DATE",
        lambda g: Shift("day", 0, anchor="previous"),
        (Example("He arrived later in the day.", "2017-09-06", expression="the day"),),
        triggers=("day",),
    ),
    Rule(
        "part_of_day",
        # "in the morning", "by mid-afternoon": a part of the day the narrative is on
        r"(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bthrough\s))"
        r"(?:the\s+(?:(?:early|late)\s+)?@tod|mid[\s-]?(?P<mid>morning|afternoon))\b"
        r"(?!\s+(?:of|before|after|on|hours)\b)",
        "TIME",
        lambda g: Shift("day", 0, anchor="previous", tod=g.get("tod") or TIME_OF_DAY[g["mid"].lower()]),
        (
            Example("Dealers placed orders in the morning.", "2017-09-06TMO", expression="the morning"),
            Example("By mid afternoon, it was over.", "2017-09-06TAF", expression="mid afternoon"),
        ),
        triggers=("mid", "morning", "afternoon"),
    ),
    Rule(
        "overnight",
        # "depressed by overnight losses in New York", "jets struck overnight": the night before
        # the day the narrative is on (the dateline's, when no day was named); not "an overnight
        # success" nor "the overnight rate", which are no time
        r"(?<!\ban\s)\bovernight\b"
        r"(?!\s+(?:success|sensation|star|rates?|loans?|lending|deposits?|funds|repos?|money|index)\b)",
        "TIME",
        lambda g: Shift("day", -1, anchor="previous", tod="TNI"),
        (
            Example("Jets struck overnight.", "2017-09-05TNI", expression="overnight"),
            Example(
                "London shares closed lower Friday, depressed by overnight losses in New York.",
                "2017-08-31TNI",
                expression="overnight",
            ),
        ),
        triggers=("overnight",),
    ),
    Rule(
        "day_moment",
        # "jets struck at dawn on Tuesday", "by nightfall": that part of the day named, else of
        # the day the narrative is on
        r"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\buntil\s)|(?<=\bsince\s)|"
        r"(?<=\bfrom\s))@day_moment\b(?:\s+(?:on\s+)?@weekday\b)?",
        "TIME",
        lambda g: (
            WeekdayRef(g["weekday"], None, g["day_moment"])
            if "weekday" in g
            else Shift("day", 0, anchor="previous", tod=g["day_moment"])
        ),
        (
            Example("jets struck at dawn on Tuesday", "2017-09-05TMO", expression="dawn on Tuesday"),
            Example(
                "The army said it would take the town by nightfall.", "2017-09-06TNI", expression="nightfall"
            ),
        ),
    ),
    Rule(
        "tod_relative_day",
        r"\b(?:mid[\s-]?)?@tod\s+@relative_day\b",
        "TIME",
        lambda g: Shift("day", g["relative_day"], tod=g["tod"]),
        (Example("at mid-afternoon yesterday", "2017-09-05TAF", expression="mid-afternoon yesterday"),),
    ),
    Rule(
        "soon",
        # not "soon after the war", "as soon as", which anchor to an event
        r"(?<!\bas\s)\bsoon\b(?!\s+(?:after|afterwards?|before|as|thereafter)\b)",
        "DATE",
        lambda g: Reference("FUTURE_REF"),
        (Example("prosecutors may soon seek an indictment", "FUTURE_REF", expression="soon"),),
        triggers=("soon",),
    ),
    Rule(
        "one_day_future",
        # "Islam will one day be the second largest religion": some time to come, not a day's length
        r"(?:(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmight\s)|(?<=\bshould\s)|(?<=\bmay\s)|"
        r"(?<=\bcan\s)|(?<=\bto\s)|(?<=\bhe\s)|(?<=\bshe\s)|(?<=\bthey\s)|(?<=\bwe\s)|(?<=\bi\s))"
        r"(?:one|some)\s?day\b(?=\s+(?!(?:of|in|on|at|after|before|and|or|later|earlier|a|an|per|each|every)\b)[^\W\d])",
        "DATE",
        lambda g: Reference("FUTURE_REF"),
        (
            Example("Islam will one day be the second largest religion", "FUTURE_REF", expression="one day"),
            Example("the hope he one day follow in the footsteps", "FUTURE_REF", expression="one day"),
            Example("she hopes to one day lead the party", "FUTURE_REF", expression="one day"),
            Example("they hope it could someday return", "FUTURE_REF", expression="someday"),
        ),
        priority=1,
        triggers=("day", "someday"),
    ),
    Rule(
        "decade_word",
        r"\bthe\s+(?:nineteen[\s-]+)?@decade_word\b",
        "DATE",
        lambda g: Calendar(decade=g["decade_word"]),
        (Example("through the nineties", "199", expression="the nineties"),),
    ),
    Rule(
        "each_month",
        rf"\b(?:every|each)\s+(?P<month>{_words(MONTH)})\b",
        "SET",
        lambda g: Span(f"XXXX-{MONTH[g['month'].lower()]:02d}"),
        (Example("they march each July", "XXXX-07", expression="each July"),),
        triggers=("every", "each"),
    ),
    Rule(
        "each_quarter",
        r"\b(?:every|each)\s+@ordinal[\s-]+quarter\b",
        "SET",
        lambda g: Span(f"XXXX-Q{g['ordinal']}"),
        (Example("dividends are paid every fourth quarter", "XXXX-Q4", expression="every fourth quarter"),),
        priority=1,  # over the quarter itself
        triggers=("every", "each"),
    ),
    Rule(
        "each_season",
        # "every summer"; "violence for the past three summers" is one recurring season, not a stretch
        r"\b(?:(?:every|each)\s+@season|the\s+(?:past|last|next|coming)\s+(?:@num\s+|several\s+|few\s+)?"
        r"@seasons)\b",
        "SET",
        lambda g: Span(f"XXXX-{g.get('season') or g['seasons']}"),
        (
            Example("Marches are held every summer.", "XXXX-SU", expression="every summer"),
            Example("violence for the past three summers", "XXXX-SU", expression="the past three summers"),
        ),
    ),
    # --- durations
    Rule(
        "duration",
        r"\b(?:@approx\s+)?(?:the\s+(?:(?:past|last|next|first|latest|previous)\s+)?(?![\w]+-))?"
        r"(?!an?\b(?!\s+(?:couple|dozen|hundred|thousand|\w+\s+and\s+a\s+half)\b))"
        r"@num(?P<and_half>" + _HALF + r")?(?:\s+(?:more|additional|straight|consecutive))?"
        r"[\s-]+(?:(?:trading|business|working|calendar|school)\s+(?=days?\b))?"
        r"@unit(?:-old)?\b(?P<half>\s+and\s+a\s+half\b)?(?!\s+old\b)" + _NOT_FRACTION,
        "DURATION",
        lambda g: Span(_duration(_amount(g), g["unit"])),
        (
            Example("three years", "P3Y"),
            Example("more than three years", "P3Y"),
            Example("three-year", "P3Y"),
            Example("six-year-old", "P6Y"),
            Example("24 hours", "PT24H"),
            Example("a couple of years", "P2Y"),
            Example("almost a hundred years", "P100Y"),
            Example("at least 20 more years", "P20Y"),
            Example("for 2 1/2 years", "P2Y6M", expression="2 1/2 years"),
            Example("two and a half years", "P2Y6M"),
            Example("but a minute and a half later", "PT1M30S", expression="a minute and a half"),
            Example("an hour and a half", "PT1H30M"),
            Example("eight trading days after the crash", "P8D", expression="eight trading days"),
            Example("more than two thousand years", "P2000Y"),
            Example("the lowest figure for almost two decades", "P20Y", expression="almost two decades"),
            Example("a two-century tradition", "P200Y", expression="two-century"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "range_start_units",
        # "two to three weeks", "between two to six days": the first length of the range, its
        # unit read from the second, which is tagged on its own
        r"\b(?<![\d.,])@count(?=\s*" + _LENGTH_RANGE_BETWEEN + r"\s*@num[\s-]+@plural_unit\b)",
        "DURATION",
        lambda g: Span(_duration(g["count"], g["plural_unit"])),
        (
            Example("shipments resume within two to three weeks", "P2W", expression="two"),
            Example("It's between two to six days for every patient", "P2D", expression="two"),
            Example("the next 12 to 18 months", "P12M", expression="12"),
        ),
    ),
    Rule(
        "fraction_of_unit",
        # "half an hour", "half a century", "a quarter century", "a quarter of a century"
        r"\b(?:(?P<part>half)\s+(?:an?\s+)|(?:an?\s+)?(?P<part2>half|quarter)[\s-]+(?:of\s+an?\s+)?)"
        r"@unit(?<!quarter)(?<!s)\b(?!-)",
        "DURATION",
        lambda g: Span(_duration(_FRACTION[(g.get("part") or g["part2"]).lower()], str(g["unit"]))),
        (
            Example("half an hour", "PT30M"),
            Example("for half a century", "P50Y", expression="half a century"),
            Example("a quarter century", "P25Y"),
            Example("for a quarter of a century", "P25Y", expression="a quarter of a century"),
            Example("half a year", "P6M"),
        ),
        priority=1,
        triggers=("half", "quarter"),
    ),
    Rule(
        "unit_long",
        # "a month-long strike", "an hour-long speech", "a days-long thrust": how long, its count
        # unknown in the plural
        r"\b(?:(?!an?\b)@num[\s-]+)?(?P<word>@unit)-long\b",
        "DURATION",
        lambda g: Span(_unit_long(g)),
        (
            Example("The month-long strike ended.", "P1M", expression="month-long"),
            Example("a days-long thrust", "PXD", expression="days-long"),
            Example("An hour-long speech.", "PT1H", expression="hour-long"),
            Example("the decades-long conflict", "PXE", expression="decades-long"),
            Example("a two-month-long siege", "P2M", expression="two-month-long"),
        ),
        priority=1,
    ),
    Rule(
        "a_unit_duration",
        # "more than a year", "nearly an hour": the hedge is part of the length, and its mod
        # (the article is looked at before the words before it: most "a"s begin other words)
        r"(?:\b@approx\s+|(?=an?[\s-])(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bin\s)|(?<=\bthan\s)|(?<=\bover\s)|"
        r"(?<=\bafter\s)|(?<=\bnearly\s)|(?<=\balmost\s)|(?<=\bonly\s)|(?<=\bjust\s)|(?<=\bof\s)|"
        r"(?<=\bthan\s)|(?<=\bleast\s)|(?<=\babout\s)|(?<=^)|"
        # a length of time taken, spent or given: "spent a week", "offered him a week to withdraw"
        r"(?<=\btook\s)|(?<=\btake\s)|(?<=\btakes\s)|(?<=\bspent\s)|(?<=\bspend\s)|(?<=\blasted\s)|"
        r"(?<=\blasts\s)|(?<=\bwaited\s)|(?<=\bhim\s)|(?<=\bher\s)|(?<=\bthem\s)|(?<=\bus\s)|"
        # "delayed by a year" (but "fell by a quarter" is a share)
        r"(?<=\bby\s)(?!a\squarter\b)))"
        r"an?[\s-]+@unit(?<!s)\b"
        + _NOT_FRACTION
        # "a quarter-on-quarter rise", "a year-over-year gain": a comparison, no length
        + r"(?![\s-]+(?:on|over|to)[\s-]+@calendar_unit:compared\b)"
        # "a second attack", "a second time": the ordinal, not a clock second
        + r"(?!(?<=second)\s+"
        r"(?!(?:later|earlier|ago|or|and|before|after|longer|more|too|to|in|of|for|on|at)\b)[^\W\d])",
        "DURATION",
        lambda g: Span(_one(g["unit"])),
        (
            Example("for a week", "P1W", expression="a week"),
            Example("no order in about a decade", "P1E", expression="about a decade"),
            Example("he offered him a week to withdraw", "P1W", expression="a week"),
            Example("the trip took a day", "P1D", expression="a day"),
            # "in a quarter that" picks a period out: a length, whatever the tense
            Example("taxes would be minimal in a quarter that lost", "P1Q", expression="a quarter"),
            Example("under siege for more than a year", "P1Y", expression="more than a year"),
            Example("a talk lasting nearly an hour", "PT1H", expression="nearly an hour"),
        ),
        mod=_position_mod,
    ),
    Rule(
        "in_units",
        # "would be redeemed in five years": told of the future, the point that far ahead (a
        # DATE); otherwise the length it is ("finished in two years"). Not "the lowest in five
        # years", "the first time in a decade": those look back.
        r"(?<=\bin\s)(?<!est\sin\s)(?<!worst\sin\s)(?<!first\sin\s)(?<!time\sin\s)(?<!ever\sin\s)"
        r"(?:(?:an?|one)\s+@calendar_unit(?P<or_two>\s+or\s+two)?|@num[\s-]+@plural_unit)"
        # nor "in a quarter that produced a loss": a period picked out, not a lapse
        r"(?:\s+or\s+so)?\b(?![\s-]*(?:old|ago|earlier|later|before|after|that|which|when|where)\b|-)"
        + _NOT_FRACTION,
        "DURATION",
        lambda g: _in_units(g),
        (
            Example("the stock would be redeemed in five years", "2022", expression="five years"),
            Example("you may, in a year or two, save lives", "FUTURE_REF", expression="a year or two"),
            Example("it was done in a year or two", "P1Y", expression="a year or two"),
            Example("he will decide in a year or two", "FUTURE_REF", expression="a year or two"),
            Example("the work was finished in two years", "P2Y", expression="two years"),
            Example("talks will resume in two weeks", "2017-W38", expression="two weeks"),
            Example("the plane will land in two hours", "PT2H", expression="two hours"),
        ),
        priority=3,
    ),
    Rule(
        "vague_time_ref",
        # "in recent years", "expects the economy to slow in coming months": when, not how long
        _HOW_LONG_BEFORE + r"\b@directed_amount\s+@plural_unit\b",
        "DATE",
        lambda g: Reference(g["directed_amount"]),
        (
            Example("killed in clashes in recent days", "PAST_REF", expression="recent days"),
            Example(
                "In the coming days, more troops will arrive.", "FUTURE_REF", expression="the coming days"
            ),
            Example("there were sell programs in past years", "PAST_REF", expression="past years"),
            Example("will cut tax payments in future quarters", "FUTURE_REF", expression="future quarters"),
        ),
        priority=1,
    ),
    Rule(
        "units_before_after",
        # "Weeks later, the city fell", "hours after the attack": a length of unknown size from
        # a date or an event, as "a few days later" is
        r"(?<!\bthe\s)\b(?:@plural_unit|(?P<clock_units>minutes|seconds))(?=\s+(?:later|earlier|after|before)\b)",
        "DURATION",
        lambda g: Span(_duration("X", g.get("plural_unit") or UNIT[str(g["clock_units"]).lower()])),
        (
            Example("Weeks later, the city fell.", "PXW", expression="Weeks"),
            Example("hours after the attack", "PTXH", expression="hours"),
            Example("The blast hit; minutes later, another.", "PTXM", expression="minutes"),
        ),
    ),
    Rule(
        "vague_duration",
        # minutes and seconds only after an amount: "the minutes of the meeting" are none
        r"\b@vague\s+(?:@plural_unit|(?P<clock_units>minutes|seconds))\b",
        "DURATION",
        lambda g: Span(_duration("X", g.get("plural_unit") or UNIT[g["clock_units"].lower()])),
        (
            Example("several years", "PXY"),
            Example("the answer is coming up in just a few minutes", "PTXM", expression="a few minutes"),
            Example("for the past few weeks", "PXW", expression="the past few weeks"),
            Example("over the coming days", "PXD", expression="the coming days"),
        ),
    ),
    Rule(
        "vague_unit_adjective",
        # "a several-year tenure", "a multiyear contract": an unspecified number of the unit
        r"\b(?:several|multi)-?@calendar_unit\b(?!-)",
        "DURATION",
        lambda g: Span(_duration("X", g["calendar_unit"])),
        (
            Example("followed a several-year tenure as editor", "PXY", expression="several-year"),
            Example("a multiyear contract", "PXY", expression="multiyear"),
        ),
        triggers=("several", "multi", "multiyear", "multiday", "multiweek", "multimonth"),
    ),
    Rule(
        "for_units",
        # "for weeks", "could take weeks", "lasted hours"; "the first time in years." (a bare
        # "in days" may be a date to come)
        r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\btake\s)|(?<=\btakes\s)|(?<=\btook\s)|(?<=\btaking\s)|"
        r"(?<=\blasts\s)|(?<=\blasted\s)|(?<=\bspent\s)|(?<=\bwaited\s))@plural_unit\b"
        r"(?!\s+(?:ago|earlier|later|before|after)\b)"
        r"|(?<=\bin\s)@plural_unit:ended\b(?=\s*[.,;:!?)\"'])",
        "DURATION",
        lambda g: Span(_duration("X", g.get("plural_unit") or g["ended"])),
        (
            Example("for weeks", "PXW", expression="weeks"),
            Example("the operation could take weeks", "PXW", expression="weeks"),
            Example("growth for the first time in years.", "PXY", expression="years"),
        ),
    ),
    Rule(
        "units_of",
        # "after years of war", "follows months of twists and turns", "Weeks of talks ended":
        # an unspecified stretch of that unit, told by what filled it
        r"(?:(?<=\bafter\s)|(?<=\bfollowing\s)|(?<=\bfollows\s)|(?<=\bfollowed\s)|(?<=\bdespite\s)|"
        r"(?<=\bamid\s)|(?<=\bwith\s)|(?<=\bended\s)|(?<=\bend\s)|(?<=^)|(?<=[.!?\n]\s)|(?<=\n))"
        r"@plural_unit\b(?=\s+of\s+(?!(?:the|this|that|these|those|age)\b)[a-z])",
        "DURATION",
        lambda g: Span(_duration("X", g["plural_unit"])),
        (
            Example("the merger follows months of twists and turns", "PXM", expression="months"),
            Example("after years of war", "PXY", expression="years"),
            Example("They met. Weeks of talks ended", "PXW", expression="Weeks"),
        ),
    ),
    Rule(
        "the_plural_units",
        # "over the years", "in the first hours of the war": an unspecified stretch of that unit
        r"(?:(?<=\bover\s)|(?<=\bin\s)|(?<=\bduring\s)|(?<=\bthrough\s))the\s+(?:(?:first|early|final)\s+)?"
        # not "the early hours of Sunday", a time of that day
        r"@plural_unit\b(?:\s+ahead\b)?(?!\s+(?:ago|later|earlier)\b|\s+of\s+(?:the\s+)?"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|\w+\.?\s+\d))",
        "DURATION",
        lambda g: Span(_duration("X", g["plural_unit"])),
        (
            Example("over the years many more patients died", "PXY", expression="the years"),
            Example("prisoners taken in the first hours of the war", "PTXH", expression="the first hours"),
            Example("to pay investors in the weeks ahead", "PXW", expression="the weeks ahead"),
        ),
    ),
    Rule(
        "one_more_unit",
        r"\b(?:an?\s+(?:additional|extra)|another)\s+@unit(?<!s)\b" + _NOT_FRACTION,
        "DURATION",
        lambda g: Span(_duration(1, g["unit"])),
        (Example("extended for an additional year", "P1Y", expression="an additional year"),),
    ),
    Rule(
        "a_while",
        r"\b(?:(?:quite|a\s+little)\s+)?a\s+while\b(?!\s+(?:ago|back|later|earlier)\b)",
        "DURATION",
        lambda g: Span("PXX"),
        (Example("live without it for a while", "PXX", expression="a while"),),
        triggers=("while",),
    ),
    # --- sets
    Rule(
        "every_unit",
        r"\b(?:every|each|per)\s+@calendar_unit\b",
        "SET",
        # "every weekend" is each weekend of the calendar, as "every Sunday" is each Sunday
        lambda g: Span(
            "XXXX-WXX-WE" if g["calendar_unit"] == "weekend" else _duration(1, g["calendar_unit"])
        ),
        (Example("every year", "P1Y"), Example("every weekend", "XXXX-WXX-WE")),
    ),
    Rule(
        "weekends",
        # "open at weekends", "visits on weekends": every weekend
        r"(?:" + _after_word(("on", "at", "over", "during")) + r")weekends\b",
        "SET",
        lambda g: Span("XXXX-WXX-WE"),
        (Example("The market is open at weekends.", "XXXX-WXX-WE", expression="weekends"),),
        triggers=("weekends",),
    ),
    Rule(
        "every_n_units",
        # "every two weeks", "every 10 years": a recurrence with that period
        r"\bevery\s+(?:@num|(?P<few>few|several|couple\s+of))[\s-]+@plural_unit\b",
        "SET",
        lambda g: Span(_duration("X" if "few" in g else g["num"], g["plural_unit"])),
        (
            Example("the committee meets every two weeks", "P2W", expression="every two weeks"),
            Example("talks resume every few months", "PXM", expression="every few months"),
        ),
        priority=1,
        triggers=("every",),
    ),
    Rule(
        "times_a_unit",
        # "twice a year": the value is the period; how often within it is not part of it
        rf"\b(?:once|twice|thrice|(?:\d+|{_NUMBER_ALTERNATION})\s+times)\s+(?:a|an|per|each|every)\s+"
        rf"(?P<unit>{_words(CALENDAR_UNIT)})\b",
        "SET",
        lambda g: Span(_duration(1, CALENDAR_UNIT[g["unit"].lower()])),
        (Example("twice a year", "P1Y"), Example("three times a week", "P1W")),
        triggers=("once", "twice", "thrice", "times"),
    ),
    Rule(
        "every_other_unit",
        r"\bevery\s+(?:other|second)\s+@calendar_unit\b",
        "SET",
        lambda g: Span(_duration(2, g["calendar_unit"])),
        (Example("every other day", "P2D"),),
        priority=1,
        triggers=("every",),
    ),
    Rule(
        "each_tod",
        # "every morning", "each night": that part of every day
        r"\b(?:every|each)\s+@tod\b",
        "SET",
        lambda g: Span(f"XXXX-XX-XXT{g['tod']}"),
        (Example("The market opens every morning.", "XXXX-XX-XXTMO", expression="every morning"),),
        triggers=("every", "each"),
    ),
    Rule(
        "each_weekday",
        r"\b(?:every|each)\s+@weekday",
        "SET",
        lambda g: Span(f"XXXX-WXX-{g['weekday'] + 1}"),
        (Example("each Sunday", "XXXX-WXX-7"),),
    ),
    Rule(
        "weekdays",
        # "the shop closes on Sundays": every Sunday
        r"\b@weekdays\b",
        "SET",
        lambda g: Span(f"XXXX-WXX-{g['weekdays'] + 1}"),
        (Example("The shop closes on Sundays.", "XXXX-WXX-7", expression="Sundays"),),
    ),
    Rule(
        "weekday_tods",
        # "flights leave on Tuesday nights": every Tuesday night
        r"\b@weekday\s+@tods\b",
        "SET",
        lambda g: Span(f"XXXX-WXX-{g['weekday'] + 1}T{g['tods']}"),
        (Example("flights leave on Tuesday nights", "XXXX-WXX-2TNI", expression="Tuesday nights"),),
        priority=1,
    ),
    Rule(
        "weekday_and_weekday_tods",
        # "on Monday and Tuesday nights": the plural is said once for both days
        r"\b@weekday(?=\s+(?:and|or)\s+@weekday:other\s+@tods\b)",
        "SET",
        lambda g: Span(f"XXXX-WXX-{g['weekday'] + 1}T{g['tods']}"),
        (Example("flights leave on Monday and Tuesday nights", "XXXX-WXX-1TNI", expression="Monday"),),
        priority=1,
    ),
    Rule(
        "frequency",
        # the adverb ("paid annually", "meets weekly."), not the adjective of a noun ("daily volume");
        # nor a rate, a quantity per unit of time ("rise 8.5% annually", "10,000 units annually"),
        # which says how much, not when something recurs
        _AFTER_NO_QUANTITY
        + r"\b@frequency\b(?=\s*(?:[^\w\s]|$)|\s+(?:and|or|but|in|on|at|to|for|from|by|since|through|"
        r"until|over|with|as|basis|if|when|while|because|during|after|before)\b)",
        "SET",
        lambda g: Span(g["frequency"]),
        (
            Example("weekly", "P1W"),
            Example("the reserve will be adjusted quarterly and will reflect", "P3M", expression="quarterly"),
        ),
    ),
]
