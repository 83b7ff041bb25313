"""What a TIMEX3 ``value`` may look like (TimeML 1.2 / ISO-TimeML, the forms TimeBank uses).

Written as separate readable pieces rather than one opaque pattern: a calendar date with
optional unknown ("X") digits, a week, a sub-year part (quarter, half, season), a decade or
century, an optional time of day; a duration; or a vague reference.
"""

from __future__ import annotations

import re

from timeline.model import Timex

_D = r"[0-9X]"
_YEAR = rf"(?:BC)?{_D}{{4}}"
_DAY = rf"{_YEAR}(?:-{_D}{{2}}(?:-{_D}{{2}})?)?"
_WEEK = rf"{_YEAR}-W{_D}{{2}}(?:-(?:[1-7X]|WE))?"
_PART = rf"{_YEAR}-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)"
_SPAN = rf"(?:BC)?{_D}{{2,3}}"
_CLOCK = r"[0-2][0-9](?::[0-5][0-9](?::[0-6][0-9](?:\.[0-9]+)?)?)?"
_ZONE = r"(?:Z|[+-][0-2][0-9](?::?[0-5][0-9])?)?"
_TIME = rf"T(?:{_CLOCK}|MO|MI|AF|EV|NI|DT){_ZONE}"
_WEEKDAY = rf"{_D}{{4}}-W{_D}{{2}}-[1-7]"
_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|X)"
_DURATION = (
    rf"P(?:(?:{_NUMBER}(?:Y|M|W|D|DE|CE|ML|Q|H|WE|L|E|C))+(?:T(?:{_NUMBER}[HMS])+)?|T(?:{_NUMBER}[HMS])+)"
)
_REF = r"(?:PRESENT|PAST|FUTURE)_REF"

DATE_VALUE = re.compile(rf"(?:(?:{_DAY}|{_WEEK}|{_PART}|{_WEEKDAY})(?:{_TIME})?|{_SPAN}|{_REF}|{_TIME})")
DURATION_VALUE = re.compile(_DURATION)
VALUE = re.compile(rf"{DATE_VALUE.pattern}|{_DURATION}")
TYPES = ("DATE", "TIME", "DURATION", "SET")


def is_timex3_value(value: str, type_: str | None = None) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value (for ``type_`` when given)."""
    if type_ == "DATE" or type_ == "TIME":
        return DATE_VALUE.fullmatch(value) is not None
    if type_ == "DURATION":
        return DURATION_VALUE.fullmatch(value) is not None or value in ("PAST_REF", "FUTURE_REF")
    return VALUE.fullmatch(value) is not None


def problems(text: str, timexes: list[Timex] | tuple[Timex, ...]) -> list[str]:
    """Every way ``timexes`` break the tagger's contract on ``text``; empty when none do."""
    found = []
    for t in timexes:
        where = f"{t.rule} {t.start}:{t.end} {t.text!r} -> {t.value!r}"
        if not 0 <= t.start < t.end <= len(text):
            found.append(f"offsets outside the text: {where}")
        elif text[t.start : t.end] != t.text:
            found.append(f"text[start:end] is {text[t.start : t.end]!r}: {where}")
        if t.type not in TYPES:
            found.append(f"type {t.type!r} is not TIMEX3: {where}")
        if not is_timex3_value(t.value, t.type):
            found.append(f"not a TIMEX3 {t.type} value: {where}")
        if t.period is not None:
            if t.period.start > t.period.end:
                found.append(f"period starts after it ends: {where}")
            if t.period.value != t.value:
                found.append(f"period value {t.period.value!r} differs: {where}")
        if not t.rule:
            found.append(f"no rule named: {where}")
    return found
