"""Resolution choices the accuracy work added: each one a general news-English convention.

Every test runs the real tagger on a short text with an explicit dateline; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.model import Timex
from timeline.temporal import tag
from timeline.temporal.resolve import choose_year
from timeline.temporal.values import Calendar

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _values(text: str, dct: dt.date = dt.date(2017, 9, 6)) -> list[tuple[str, str]]:
    """Each expression tagged, with its value."""
    return [(t.text, t.value) for t in tag(text, dct)]


def _only(text: str, dct: dt.date, expression: str) -> Timex:
    found = [t for t in tag(text, dct) if t.text == expression]
    assert len(found) == 1, [(t.text, t.value, t.rule) for t in tag(text, dct)]
    return found[0]


def test_a_day_after_an_event_clause_is_not_the_day_after_the_dateline() -> None:
    text = (SEEDS / "reuters-deir-al-zor-corridor.txt").read_text(encoding="utf-8")
    dct = dt.date(2017, 9, 6)
    timexes = tag(text, dct)
    first = [t for t in timexes if t.start < text.index("islamic state lines")]
    assert [(t.text, t.type, t.value) for t in first] == [("a day", "DURATION", "P1D")]
    assert all(t.value != "2017-09-07" for t in timexes)


def test_a_days_long_thrust_is_a_length_of_some_days_not_a_date() -> None:
    # a length before a noun, as "a three-year siege" is: some days, of no date of the calendar
    text = "the army reached the city on tuesday in a days-long thrust ."
    found = [(t.text, t.type, t.value) for t in tag(text, dt.date(2017, 9, 6))]
    assert found == [("tuesday", "DATE", "2017-09-05"), ("days-long", "DURATION", "PXD")]


def test_n_units_later_at_a_clause_end_still_counts_from_the_last_date() -> None:
    text = "The talks opened on Sept. 1. Two days later, they collapsed."
    assert _only(text, dt.date(2017, 9, 6), "Two days later").value == "2017-09-03"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The memo went to bankers last December.", "last December", "1988-12"),
        ("The plant will reopen next March.", "next March", "1990-03"),
        ("An election is due this September.", "this September", "1989-09"),
        ("It said it will redeem the preferred shares on Oct. 31.", "Oct. 31", "1989-10-31"),
        ("The parent asked the unit to respond by Oct. 31.", "Oct. 31", "1989-10-31"),
        ("The reduced dividend is payable Jan. 2.", "Jan. 2", "1990-01-02"),
    ],
)
def test_month_year_follows_the_words_and_tense(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(1989, 10, 27), expression).value == value


def test_a_later_day_of_the_datelines_month_stays_in_its_year() -> None:
    value = Calendar(None, 10, 31)
    assert choose_year(value, dt.date(1989, 10, 27), "past") == 1989
    assert choose_year(Calendar(None, 11, 20), dt.date(1990, 3, 1), "past") == 1989


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials met over the weekend, a spokesman said.", "1990-W32-WE"),
        ("officials met over the weekend , a spokesman said .", "1990-W32-WE"),
        ("The envoy will fly home at the weekend.", "1990-W33-WE"),
    ],
)
def test_the_weekend_by_tense(text: str, value: str) -> None:
    (timex,) = [t for t in tag(text, dt.date(1990, 8, 13)) if "weekend" in t.text]
    assert timex.value == value


def test_last_night_and_year_end() -> None:
    dct = dt.date(1998, 1, 20)
    assert _only("CBS News first reported last night that ...", dct, "last night").value == "1998-01-19TNI"
    # the compound is the day the books close; the possessive says "the end of the year"
    assert _only("They hope to close the deal by year-end.", dct, "year-end").value == "1998-12-31"
    assert _only("The index is up 4% since year-end.", dct, "year-end").value == "1997-12-31"
    assert _only("At year end 1996, debt was $2 billion.", dct, "year end 1996").value == "1996-12-31"
    end = _only("Rules should be in place by year's end.", dct, "year's end")
    assert (end.value, end.mod) == ("1998", "END")
    end = _only("It closes its books at fiscal year-end.", dct, "year-end")
    assert (end.value, end.mod) == ("1998", "END")


def test_a_future_quarter_is_not_the_quarter_being_reported() -> None:
    text = (
        "Travelers said its third-quarter net rose. It expects a fourth-quarter charge. "
        "Earnings fell 59% in the latest quarter."
    )
    assert _only(text, dt.date(1989, 11, 2), "the latest quarter").value == "1989-Q3"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Profit in the 1988 period was lower.", "the 1988 period", "1988-Q3"),
        ("U.K. sales for last year's quarter were $3 million.", "last year's quarter", "1988-Q3"),
        ("For the quarter a year ago, it earned $16 million.", "the quarter a year ago", "1988-Q3"),
    ],
)
def test_report_periods_follow_the_quarter_reported(sentence: str, expression: str, value: str) -> None:
    text = "Net income for the third quarter rose 5%. " + sentence
    assert _only(text, dt.date(1989, 10, 26), expression).value == value


def test_the_year_of_a_report_and_the_year_ended() -> None:
    dct = dt.date(1989, 11, 2)
    full = _only("Sales for the full year were $6.6 billion.", dct, "the full year")
    assert (full.type, full.value) == ("DATE", "1989")
    ended = _only("For the year ended Sept. 30, it earned $422 million.", dct, "the year")
    assert (ended.type, ended.value) == ("DURATION", "P1Y")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("it will not change for a couple of years .", "a couple of years", "P2Y"),
        ("as it has for almost a hundred years.", "almost a hundred years", "P100Y"),
        ("the base for at least 20 more years.", "at least 20 more years", "P20Y"),
        ("troops arrive within weeks.", "weeks", "PXW"),
    ],
)
def test_more_durations(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(1998, 2, 13), expression).value == value


@pytest.mark.parametrize(
    "text",
    [
        "Iraq imports about three-quarters of its food.",
        "Funds account for more than a quarter of the market.",
        'Baker said on ABC\'s "This Week With David Brinkley" that talks go on.',
    ],
)
def test_fractions_and_programme_names_are_no_time(text: str) -> None:
    assert list(tag(text, dt.date(1990, 8, 15))) == []


def test_quarters_of_a_year_are_still_time() -> None:
    text = "Losses go on through the first two quarters of 1990."
    found = _values(text, dt.date(1989, 10, 26))
    assert found == [("the first two quarters of 1990", "1990-H1")]
    text = "Losses go on through the next two quarters of 1990."
    assert [t.text for t in tag(text, dt.date(1989, 10, 26))] == ["the next two quarters", "1990"]


@pytest.mark.parametrize(
    ("text", "expression", "dct", "value"),
    [
        ("Mr. Schwarz will succeed Mr. Davison Feb. 1.", "Feb. 1", dt.date(1989, 10, 26), "1990-02-01"),
        ("Officials over the weekend became more open.", "the weekend", dt.date(1989, 10, 23), "1989-W42-WE"),
        ("Marches are expected this summer.", "this summer", dt.date(1998, 3, 22), "1998-SU"),
    ],
)
def test_tense_cues(text: str, expression: str, dct: dt.date, value: str) -> None:
    """'succeed' is no past tense; 'became' is one; 'this <season>' is the dateline's year."""
    assert _only(text, dct, expression).value == value


def test_error_classes_name_the_rule_at_fault() -> None:
    """The eval summary counts errors by kind and rule, so grammar work starts from the largest class."""
    from timeline.evaluate import error_classes, format_classes, score_document
    from timeline.timeml import parse_timeml

    doc = parse_timeml(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2017-09-06">x</TIMEX3></DCT><TEXT>'
        'They met <TIMEX3 tid="t1" type="DATE" value="2017-09-04">Tuesday</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="PAST_REF">lately</TIMEX3> talked in 2016.'
        "</TEXT></TimeML>",
        "x.tml",
    )
    classes = error_classes([score_document(doc)])
    assert classes == {("VALUE", "weekday"): 1, ("SPURIOUS", "year"): 1}
    assert "VALUE 1: weekday 1" in format_classes(classes)


def test_a_fortnight_counts_as_two_weeks_from_its_anchor() -> None:
    dct = dt.date(2017, 9, 6)
    assert [t.value for t in tag("He left a fortnight ago.", dct)] == ["2017-W34"]
    found = tag("Talks opened on Sept. 1, 2017. A fortnight later they collapsed.", dct)
    assert found[-1].value == "2017-W37"


@pytest.mark.parametrize(
    ("text", "dct", "expression", "value"),
    [
        # past tense: the last one; future: the next; Thanksgiving is November's fourth Thursday
        ("Shops were shut on Christmas Day.", dt.date(2017, 9, 6), "Christmas Day", "2016-12-25"),
        ("He will be home for Thanksgiving.", dt.date(1998, 2, 13), "Thanksgiving", "1998-11-26"),
        ("The truce was broken on Good Friday.", dt.date(1998, 5, 1), "Good Friday", "1998-04-10"),
        ("They marched on Labor Day.", dt.date(1989, 10, 26), "Labor Day", "1989-09-04"),
    ],
)
def test_named_days_of_the_year(text: str, dct: dt.date, expression: str, value: str) -> None:
    assert _only(text, dct, expression).value == value


def test_a_named_day_without_a_dateline_keeps_what_it_names() -> None:
    assert [t.value for t in tag("Shops shut on Christmas Eve and on Easter Sunday.", None)] == [
        "XXXX-12-24",
        "XXXX-XX-XX",
    ]


def test_place_and_history_names_are_no_named_day() -> None:
    assert list(tag("They sailed to Easter Island; the Easter Rising is history.", dt.date(2017, 9, 6))) == []


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # the event's own past tense puts a day or month "on"/"in" it in the past, however far back
        ("On 17 October, Iraqi forces entered the city.", "17 October", "2016-10-17"),
        ("In November, the army launched an offensive.", "November", "2016-11"),
        # a verb of saying dates the report: what it reports may be ahead
        ("Officials said the deal closes in November.", "November", "2017-11"),
        ("The deadline was extended to Nov. 16.", "Nov. 16", "2017-11-16"),
    ],
)
def test_an_events_own_past_tense_is_firmer_than_a_reports(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(2017, 9, 6), expression).value == value


@pytest.mark.parametrize(
    "text", ["He told USA Today on Monday.", "This is VOA Today.", "I would choose the people of tomorrow."]
)
def test_a_name_or_a_future_in_general_is_no_day(text: str) -> None:
    assert [t.text for t in tag(text, dt.date(2017, 9, 6)) if t.rule == "relative_day"] == []


def test_a_quarter_code_without_a_year_needs_a_preposition() -> None:
    text = "He drove the Audi Q3 on an H1 visa; sales fell in Q2."
    assert _values(text) == [("Q2", "2017-Q2")]


def test_units_later_count_from_the_year_last_written_out() -> None:
    text = "The group took the city in 2014 and lost it three years later."
    assert _only(text, dt.date(2019, 9, 6), "three years later").value == "2017"
    # a day named since is the narrative's anchor again
    text = "The group took the city in 2014. On March 3, 2016, it fled; two days later it returned."
    assert _only(text, dt.date(2019, 9, 6), "two days later").value == "2016-03-05"


def test_a_year_ago_adjective_beside_nine_months_is_the_year_before() -> None:
    text = (
        "It had a loss in the third quarter. For the nine months, it reported a loss, "
        "compared with year-earlier net income of $1 million."
    )
    assert _only(text, dt.date(1989, 11, 2), "year-earlier").value == "1988"


def test_an_apposition_the_day_before_an_event_is_the_date_it_follows() -> None:
    text = "Eight trading days after Oct. 12, the day before the stock market plunge, it fell."
    found = _only(text, dt.date(1989, 10, 30), "the day")
    assert (found.value, found.anchor) == ("1989-10-12", "previous date")
    # without the apposition it still counts from the date the narrative is on
    text = "The vote was on Oct. 12. The day before the vote, stocks fell."
    assert _only(text, dt.date(1989, 10, 30), "The day before").value == "1989-10-11"


def test_bare_units_ago_is_a_past_reference() -> None:
    text = "Control Data, which just months ago was hemorrhaging financially, is healthy."
    assert _only(text, dt.date(1989, 10, 30), "months ago").value == "PAST_REF"


def test_vague_centuries_and_decades_take_timebank_unit_letters() -> None:
    assert (
        _only("Ukraine was ruled from Moscow for centuries.", dt.date(1998, 2, 27), "centuries").value
        == "PXC"
    )
    assert _only("The dispute went on for decades.", dt.date(1998, 2, 27), "decades").value == "PXE"
    assert _only("It lasted two decades.", dt.date(1998, 2, 27), "two decades").value == "P20Y"


@pytest.mark.parametrize(
    ("text", "expression", "how"),
    [
        ("He arrived in June.", "June", "the last one before the dateline"),
        ("He will leave in March.", "March", "the next one after the dateline"),
        ("We meet in September.", "September", "in the year of the dateline"),
        # past tense, but eleven months back is too far: the nearest October, and it says so
        ("Stocks fell after Oct. 12.", "Oct. 12", "the nearest one to the dateline"),
    ],
)
def test_a_month_without_a_year_explains_the_year_it_took(text: str, expression: str, how: str) -> None:
    assert how in _only(text, dt.date(2017, 9, 6), expression).explanation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The festival runs Aug. 3 to 5 in Austin.", [("Aug. 3", "2017-08-03"), ("5", "2017-08-05")]),
        ("talks were held sept. 1-3 in geneva .", [("sept. 1", "2017-09-01"), ("3", "2017-09-03")]),
        (
            "The summit is set for Sept. 12 through 14, officials said.",
            [("Sept. 12", "2017-09-12"), ("14", "2017-09-14")],
        ),
        # not the end of a range of days: a share, a score, a count
        ("On Sept. 5 to 20 percent of voters stayed home.", [("Sept. 5", "2017-09-05")]),
        ("The team lost 1-3 on Tuesday.", [("Tuesday", "2017-09-05")]),
        ("The 2016-17 season ended.", [("2016", "2016"), ("17", "2017")]),  # years, not days
        ("On Sept. 5 and 6 people died.", [("Sept. 5", "2017-09-05")]),
        # a range cannot run backwards
        ("It ran Aug. 30-2.", [("Aug. 30", "2017-08-30")]),
    ],
)
def test_the_last_day_of_a_range_in_one_month(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expression", "kind"),
    [
        # when: a vague pointer at the past or the future
        ("As the yen soared in recent years, losses grew.", "recent years", ("DATE", "PAST_REF")),
        ("The economy will slow in coming months.", "coming months", ("DATE", "FUTURE_REF")),
        ("rates have fallen in the last few months .", "the last few months", ("DATE", "PAST_REF")),
        # how long: a length of unknown size
        (
            "For the past few weeks we have been subjected to leaks.",
            "the past few weeks",
            ("DURATION", "PXW"),
        ),
        ("Many will surrender over the next few days.", "the next few days", ("DURATION", "PXD")),
        ("The system has evolved over several years.", "several years", ("DURATION", "PXY")),
    ],
)
def test_recent_and_coming_units_say_when_unless_asked_how_long(
    text: str, expression: str, kind: tuple[str, str]
) -> None:
    found = _only(text, dt.date(1998, 2, 6), expression)
    assert (found.type, found.value) == kind


@pytest.mark.parametrize(
    ("text", "sets"),
    [
        ("The reserve will be adjusted quarterly and will reflect market conditions.", ["quarterly"]),
        ("The council meets weekly.", ["weekly"]),
        # a rate says how much per year, not when something recurs
        ("Revenue is expected to increase by 20% annually, the company said.", []),
        ("The plant would produce about 10,000 units annually.", []),
        ("It will eliminate dividend payments of C$17.9 million annually.", []),
    ],
)
def test_a_frequency_adverb_is_a_set_but_a_rate_is_not(text: str, sets: list[str]) -> None:
    assert [t.text for t in tag(text, dt.date(1989, 10, 30)) if t.type == "SET"] == sets


def test_last_years_figure_in_a_quarterly_report_is_the_year_ago_quarter() -> None:
    text = "Sales in the latest quarter rose 13% to $1.76 billion from last year's $1.55 billion."
    assert _only(text, dt.date(1989, 10, 30), "last year").value == "1988-Q3"
    # a figure of the whole year stays the year
    text = "Analysts predicted earnings of $4 a share for this year, up from last year's $3.27 a share."
    assert _only(text, dt.date(1989, 10, 30), "last year").value == "1988"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It makes no sense in today's world, where paternity can be proved.", "PRESENT_REF"),
        ("The chips power many of today's personal computers.", "PRESENT_REF"),
        ("The offer was advertised in today's editions of the Journal.", "1989-10-27"),
        ("today 's vote was close .", "1989-10-27"),
        ("in today s world , paternity can be proved .", "PRESENT_REF"),
        ("It is vital in today\u2019s economy.", "PRESENT_REF"),
    ],
)
def test_todays_in_general_is_the_present_not_the_dateline_day(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(1989, 10, 27))] == [value]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a weekday in the week named
        ("The vote is Tues. next week.", "Tues. next week", "2017-09-12"),
        ("on friday of last week , rebels attacked .", "friday of last week", "2017-09-01"),
        # two days away, in one expression
        ("The day before yesterday, a car bomb exploded.", "The day before yesterday", "2017-09-04"),
        ("talks resume the day after tomorrow .", "the day after tomorrow", "2017-09-08"),
        # "that day" setting the scene is the day the narrative is on
        ("He was arrested on Sept. 1. Later that day, he was freed.", "that day", "2017-09-01"),
        ("He was arrested on Sept. 1. That day, aid arrived.", "That day", "2017-09-01"),
        # a clock time is on the day its own sentence names, else the dateline's
        ("It happened on Sept. 5 at 10 a.m.", "10 a.m.", "2017-09-05T10:00"),
        ("Rebels struck on Sept. 1. Officials spoke at 3 p.m.", "3 p.m.", "2017-09-06T15:00"),
    ],
)
def test_days_named_from_weeks_days_and_the_sentence(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(2017, 9, 6), expression).value == value


def test_that_day_in_general_is_no_date() -> None:
    text = "You get strong redemptions that day and for two days following."
    assert [t.text for t in tag(text, dt.date(1989, 10, 27))] == ["two days"]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The army declared a truce for the Eid al-Adha holiday.", "Eid al-Adha", "2017-09-01"),
        ("fighting paused for eid al fitr , residents said .", "eid al fitr", "2017-06-25"),
        ("The offensive will resume after Eid al-Fitr.", "Eid al-Fitr", "2018-06-15"),
        ("Eid al-Fitr 2016", "Eid al-Fitr 2016", "2016-07-06"),
        # outside the years the Islamic calendar table covers: kept, unresolved, and said so
        ("Eid al-Fitr 1910", "Eid al-Fitr 1910", "XXXX-XX-XX"),
    ],
)
def test_islamic_holidays_fall_where_the_islamic_calendar_puts_them(
    text: str, expression: str, value: str
) -> None:
    assert _only(text, dt.date(2017, 9, 6), expression).value == value


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("It happened on Sept. 5 at 10 a.m.", "5 September 2017, 10:00"),
        ("Jets struck overnight.", "5 September 2017, night"),
        ("the deadline is midnight Friday", "8 September 2017, midnight"),
        ("in the 21st century", "the 21st century"),
        ("in the 11th century", "the 11th century"),
    ],
)
def test_a_reader_sees_the_time_of_day_and_a_proper_ordinal(text: str, label: str) -> None:
    from timeline import dates

    found = tag(text, dt.date(2017, 9, 6))[-1]
    assert found.period is not None and dates.label(found.period) == label


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # words that are dates only in context
        ("summer camp for children opened .", []),
        ("donna summer sang .", []),
        ("in the fall of raqqa , civilians died .", []),
        ("an august institution .", []),
        ("a second attack followed .", []),
        ("prices fall in the fall .", [("the fall", "2017-FA")]),
        ("fighting eased in winter .", [("winter", "2016-WI")]),
        ("late summer storms hit .", [("late summer", "2017-SU")]),
        ("the summer of last year", [("the summer of last year", "2016-SU")]),
        ("he waited a second .", [("a second", "PT1S")]),
        ("it lasted a few seconds .", [("a few seconds", "PTXS")]),
        ("the minutes of the meeting were read .", []),
    ],
)
def test_ambiguous_words_are_dates_only_in_context(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Shipments resume within two to three weeks.", [("two", "P2W"), ("three weeks", "P3W")]),
        ("it's between two to six days for every patient", [("two", "P2D"), ("six days", "P6D")]),
        ("it took two or three days .", [("two", "P2D"), ("three days", "P3D")]),
        ("two and a half years", [("two and a half years", "P2Y6M")]),
        ("It rose 2 to 3 percent.", []),
    ],
)
def test_a_range_of_lengths_is_two_lengths_in_one_unit(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The rights will terminate on Nov. 30. Until then, the stock remains convertible.", "2017-11-30"),
        ("the group took the city in 2014 . since then it has lost ground .", "2014"),
        ("By then the army had left.", "XXXX-XX-XX"),
    ],
)
def test_until_then_is_the_date_last_named(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(2017, 9, 6)) if t.text.lower() == "then"] == [value]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The vote is two weeks from now.", "two weeks from now", "2017-W38"),
        ("on the night of sept. 3 , jets struck .", "the night of sept. 3", "2017-09-03TNI"),
        ("On the night of Tuesday, jets struck.", "the night of Tuesday", "2017-09-05TNI"),
        ("Talks are set for the week of Sept. 11.", "the week", "2017-W37"),
        ("Rain fell in the second half of August.", "the second half of August", "2017-08"),
        ("Since the start of the year, 300 have died.", "the start of the year", "2017"),
        ("Since year-end, the index has risen.", "year-end", "2016-12-31"),
        ("He left a year and a half ago.", "a year and a half ago", "2016-03"),
        ("He left a month and a half ago.", "a month and a half ago", "2017-07"),
    ],
)
def test_more_news_forms(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(2017, 9, 6), expression).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Farkas expressed the hope he one day follow in the footsteps of John Glenn.", "FUTURE_REF"),
        ("she hopes to one day lead the party .", "FUTURE_REF"),
        ("Work was cut to one day a week.", "P1D"),
        ("They stayed one day in Paris.", "P1D"),
    ],
)
def test_one_day_before_a_verb_is_some_day_to_come(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(2017, 9, 6))] == [value]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Weeks later, the city fell.", [("Weeks", "PXW")]),
        ("Jets struck hours after the attack.", [("hours", "PTXH")]),
        ("minutes later , a second blast hit .", [("minutes", "PTXM")]),
        ("Two weeks later, the city fell.", [("Two weeks later", "2017-W38")]),
        (
            "The ceasefire, agreed in the early hours of Sunday, held.",
            [("the early hours of Sunday", "2017-09-03TNI")],
        ),
        ("In the first week of September, the army advanced.", [("the first week of September", "2017-09")]),
    ],
)
def test_lengths_from_an_event_and_parts_of_days_and_months(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Talks resume every few months.", [("every few months", "SET", "PXM")]),
        ("He waited half an hour.", [("half an hour", "DURATION", "PT30M")]),
        ("It stood for a quarter of a century.", [("a quarter of a century", "DURATION", "P25Y")]),
        ("the 2016-17 season", [("2016", "DATE", "2016"), ("17", "DATE", "2017")]),
        ("in 2014-15 , it grew .", [("2014", "DATE", "2014"), ("15", "DATE", "2015")]),
        ("It rose 2016-17%.", [("2016", "DATE", "2016")]),
    ],
)
def test_recurrences_fractions_and_year_ranges(text: str, found: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in tag(text, dt.date(2017, 9, 6))] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In 1988's third quarter, net fell.", [("1988's third quarter", "1988-Q3")]),
        ("fiscal 2018 s first quarter results", [("fiscal 2018 s first quarter", "2018-Q1")]),
        ("Sales showed a quarter-on-quarter rise.", []),
        ("Prices rose in a year-over-year comparison.", []),
        ("Protests are planned for the coming weekend.", [("the coming weekend", "2017-W45-WE")]),
    ],
)
def test_a_years_own_quarter_and_comparisons_that_are_no_length(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert _values(text, dt.date(2017, 11, 6)) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Results are expected by Thursday.", [("Thursday", "2017-09-07")]),
        ("The work had been done by Monday.", [("Monday", "2017-09-04")]),
        ("The summit will be held on 12-13 October.", [("12", "2017-10-12"), ("13 October", "2017-10-13")]),
        ("It has been delayed by a year.", [("a year", "P1Y")]),
        ("Profits fell by a quarter.", []),
    ],
)
def test_deadlines_day_ranges_before_a_month_and_delays(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize("text", ["the Summer Olympics", "the Winter Olympics in Sochi", "the Winter Palace"])
def test_a_season_in_a_name_is_no_date(text: str) -> None:
    assert tag(text, dt.date(2017, 9, 6)) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the Sunday Times reported", []),
        ("the Mail on Sunday said", []),
        ("Super Tuesday primaries", []),
        ("the Bloody Sunday inquiry", []),
        ("the Good Friday Agreement", []),
        ("She appeared on the Today show.", []),
        ("Black Friday sales were strong.", [("Black Friday", "2016-11-25")]),  # told in the past
        ("On Sunday, times were hard.", [("Sunday", "2017-09-03")]),
    ],
)
def test_names_that_hold_a_days_name(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The US sent 2000 troops.", []),
        ("some 1800 fighters fled the city .", []),
        ("a 2000-strong force moved in", []),
        ("Resolution 1973 authorised force.", []),
        ("In 2014 fighters seized the city.", [("2014", "2014")]),
        ("In 2000, troops arrived.", [("2000", "2000")]),
        ("the 1990 elections", [("1990", "1990")]),
    ],
)
def test_a_year_like_number_that_counts_is_no_year(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a dateline has no hour: hours and minutes move it by the whole days they make
        ("Two hours ago , the shelling began .", [("Two hours ago", "2017-09-06")]),
        ("It started 30 minutes ago.", [("30 minutes ago", "2017-09-06")]),
        ("A day and a half ago, he said.", [("A day and a half ago", "2017-09-05")]),
        ("The ceasefire ended 48 hours ago.", [("48 hours ago", "2017-09-04")]),
        ("They met again 36 hours later.", [("36 hours later", "2017-09-07")]),
        (
            "On Monday the army entered the town. Two hours later it withdrew.",
            [("Monday", "2017-09-04"), ("Two hours later", "2017-09-04")],
        ),
    ],
)
def test_hours_and_minutes_from_a_day_land_on_a_day(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


def test_hours_before_a_day_say_how_they_were_counted() -> None:
    t = _only("Two hours ago , the shelling began .", dt.date(2017, 9, 6), "Two hours ago")
    assert t.period is not None and t.explanation.startswith("6 September 2017: 2 hours before the dateline")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a part of the month makes "March" and "May" months, in edited and in tokenized text
        ("Talks collapsed in mid-March.", [("mid-March", "2017-03")]),
        ("Troops arrived in early May.", [("early May", "2017-05")]),
        ("The deal should close by the end of March.", [("the end of March", "2018-03")]),
        ("in mid - march , the rebels seized the town .", [("mid - march", "2017-03")]),
        ("in late may , the army left .", [("late may", "2017-05")]),
        # but a march is no month, nor is "may" before a verb
        ("they began an early march on the capital .", []),
        ("The rebels began a late march towards the city.", []),
        ("it is too late may be the answer .", []),
        # the end of a decade or a century
        ("The project stalled at the end of the 1990s.", [("the end of the 1990s", "199")]),
        ("In the middle of the 20th century, it grew.", [("the middle of the 20th century", "19")]),
        # British reports: the year, the week "to" a date
        ("Inflation was 2.1 percent in the year to January.", [("the year", "P1Y"), ("January", "2017-01")]),
        ("In the week to Sept. 1, claims fell.", [("the week", "2017-W35"), ("Sept. 1", "2017-09-01")]),
    ],
)
def test_parts_of_months_decades_and_british_report_periods(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


def test_a_part_of_an_ambiguous_month_carries_its_mod() -> None:
    assert _only("Talks collapsed in mid-March.", dt.date(2017, 9, 6), "mid-March").mod == "MID"
    assert _only("by the end of May", dt.date(2017, 9, 6), "the end of May").mod == "END"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The curfew begins at 22:00.", [("22:00", "2017-09-06T22:00")]),
        ("On Sept. 3 the curfew began at 22:00.", [("Sept. 3", "2017-09-03"), ("22:00", "2017-09-03T22:00")]),
        ("he arrived at 10:30 on monday .", [("10:30 on monday", "2017-09-04T10:30")]),
        ("Polls open at 07:00 local time.", [("07:00 local time", "2017-09-06T07:00")]),
        (
            "Shelling began at 6 a.m. local time on Sunday.",
            [("6 a.m. local time on Sunday", "2017-09-03T06:00")],
        ),
        ("The polls closed at 8 p.m. ET on Tuesday.", [("8 p.m. ET on Tuesday", "2017-09-05T20:00")]),
        # a score, a ratio or a verse is no clock
        ("The score was 2:1 at half time.", []),
        ("It uses a map at 1:50,000 scale.", []),
        ("He quoted John 3:16 to the crowd.", []),
        # every part of the day
        ("The market opens every morning.", [("every morning", "XXXX-XX-XXTMO")]),
        ("protests are held each night .", [("each night", "XXXX-XX-XXTNI")]),
    ],
)
def test_24_hour_clocks_time_zones_and_every_part_of_the_day(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        ("The city has been under siege for more than a year.", "more than a year", "P1Y", "MORE_THAN"),
        ("a talk lasting nearly an hour", "nearly an hour", "PT1H", "LESS_THAN"),
        ("no order in about a decade", "about a decade", "P1E", "APPROX"),
        ("she spent a decade in prison .", "a decade", "P1E", None),
        ("the lowest figure for two decades", "two decades", "P20Y", None),
    ],
)
def test_a_hedged_unit_is_one_length_with_its_mod(
    text: str, expression: str, value: str, mod: str | None
) -> None:
    t = _only(text, dt.date(2017, 9, 6), expression)
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The ultimatum expired at noon on Sept. 5.", [("noon on Sept. 5", "2017-09-05T12:00")]),
        ("the deadline is midnight , dec. 31 , 2017 .", [("midnight , dec. 31 , 2017", "2017-12-31T24:00")]),
        # a plan told in the present is still to come; one told in the past was made then
        ("The summit is set for Nov. 11-12.", [("Nov. 11", "2017-11-11"), ("12", "2017-11-12")]),
        ("The vote was set for Aug. 30.", [("Aug. 30", "2017-08-30")]),
    ],
)
def test_noon_on_a_date_and_plans_set_for_a_day(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The vote took place on 3 March.", [("3 March", "2017-03-03")]),
        ("the election will be held on 12 may .", [("12 may", "2018-05-12")]),
        ("Talks began 12 May, officials said.", [("12 May", "2017-05-12")]),
        # a count and a verb
        ("the 12 may be freed soon .", [("soon", "FUTURE_REF")]),
        ("In all, 3 march in the parade.", []),
    ],
)
def test_a_day_before_may_or_march_is_a_date(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The rebels march 3 miles to the border.", []),
        ("the rebels march 3 km to the border .", []),
        ("On March 3 people gathered.", [("March 3", "2017-03-03")]),
        ("the vote was on may 3 .", [("may 3", "2017-05-03")]),
    ],
)
def test_march_before_a_count_is_a_verb(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the weekday picks the year: Sept. 18 is a Monday in 2017, Sept. 19 one in 2016
        ("The meeting is on Monday, Sept. 18.", [("Monday, Sept. 18", "2017-09-18")]),
        ("the meeting was on monday , sept. 19 .", [("monday , sept. 19", "2016-09-19")]),
        # a century written as its hundreds, but the 2000s are a decade
        ("The building dates from the 1800s.", [("the 1800s", "18")]),
        ("Growth was fast in the 2000s.", [("the 2000s", "200")]),
    ],
)
def test_a_weekday_picks_the_year_and_hundreds_are_a_century(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The ruling came on 04.09.2012.", [("04.09.2012", "2012-09-04")]),
        ("the ruling came on 4.9.2012 .", [("4.9.2012", "2012-09-04")]),
        ("Version 1.2.2012.5 was released.", []),
    ],
)
def test_dotted_dates_are_day_first(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text) == found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The law takes effect on the 15th.", "2013-03-15"),  # ahead of the dateline's 15 March
        ("the vote was held on the 3rd , officials said .", "2013-03-03"),
        ("Prices rose after the 20th.", "2013-02-20"),  # told in the past: last month's 20th
        ("The offer expires on the 2nd.", "2013-04-02"),  # ahead: next month's 2nd
        ("He will decide by the 2nd of next month.", "2013-04-02"),
        ("Shares fell until the 10th of last month.", "2013-02-10"),
        ("He died on the 31st.", "2013-01-31"),  # February has none: the last month that does
    ],
)
def test_a_day_named_by_its_number_is_of_the_dateline_month_or_the_one_the_tense_points_to(
    text: str, value: str
) -> None:
    found = [t for t in tag(text, dt.date(2013, 3, 15)) if t.rule == "day_of_month"]
    assert [t.value for t in found] == [value]


def test_a_day_named_by_its_number_is_of_the_month_the_narrative_is_in() -> None:
    text = "In February, prices fell. On the 20th, the bank raised rates."
    t = _only(text, dt.date(2013, 3, 15), "the 20th")
    assert (t.value, t.anchor) == ("2013-02-20", "previous date")
    assert t.explanation == "20 February 2013: day 20 of the month last named, February 2013"


@pytest.mark.parametrize(
    "text",
    [
        "The office is on the 15th floor.",
        "It has been so since the 19th century.",
        "He won on the 3rd attempt.",
        "They met before the 20th anniversary of the war.",
        "It was the 15th.",  # no preposition of time
    ],
)
def test_an_ordinal_before_a_noun_or_without_a_preposition_is_no_day(text: str) -> None:
    assert [t for t in tag(text, dt.date(2013, 3, 15)) if t.rule == "day_of_month"] == []


def test_a_day_named_by_its_number_without_a_dateline_keeps_its_day() -> None:
    (t,) = tag("The law takes effect on the 15th.", None)
    assert (t.value, t.period) == ("XXXX-XX-15", None)


def test_died_is_a_past_tense() -> None:
    assert _values("He died in June.", dt.date(2013, 3, 15)) == [("June", "2012-06")]


def test_the_day_after_an_undated_event_is_no_day_after_the_dateline() -> None:
    (t,) = tag("The protests began the day after the election.", dt.date(2013, 3, 15))
    assert (t.text, t.value, t.period) == ("the day after", "XXXX-XX-XX", None)
    assert "no date" in t.explanation
    text = "The election was held on Sunday. The week after the vote, protests began."
    assert _only(text, dt.date(2013, 3, 15), "The week after").value == "2013-W11"


def test_two_years_to_the_day_is_no_day_after() -> None:
    found = tag("The bridge reopened two years to the day after the quake.", dt.date(2013, 3, 15))
    assert [(t.text, t.value) for t in found] == [("two years", "P2Y")]


def test_a_schedule_verb_after_an_article_is_a_noun_not_a_future() -> None:
    found = tag("Protests followed the vote on Sunday.", dt.date(2013, 3, 15))
    assert [(t.text, t.value) for t in found] == [("Sunday", "2013-03-10")]
    found = tag("The parliament votes on Sunday.", dt.date(2013, 3, 15))
    assert [(t.text, t.value) for t in found] == [("Sunday", "2013-03-17")]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Ten years ago this month, the wall fell.", "Ten years ago this month", "2003-03"),
        ("five years ago this week , the bank failed .", "five years ago this week", "2008-W11"),
        ("A year ago today, the bridge collapsed.", "A year ago today", "2012-03-15"),
    ],
)
def test_years_ago_this_month_is_the_datelines_month_years_back(
    text: str, expression: str, value: str
) -> None:
    assert _values(text, dt.date(2013, 3, 15)) == [(expression, value)]


def test_a_short_decade_after_a_full_one_is_a_decade_too() -> None:
    assert _values("Music of the 1970s and '80s filled the hall.") == [("the 1970s", "197"), ("'80s", "198")]
    assert _values("He said '80s music was best.") == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # on a Friday dateline: the attack reported on Monday was on the Friday before it
        ("The minister said on Monday that the attack on Friday killed 12.", ["2013-03-11", "2013-03-08"]),
        ("the ministry said on monday that the attack on friday killed 12 .", ["2013-03-11", "2013-03-08"]),
        ("Police said Tuesday that the suspect was arrested Thursday.", ["2013-03-12", "2013-03-07"]),
        ("Police said Thursday the suspect was arrested Wednesday.", ["2013-03-14", "2013-03-13"]),
        # what is still to come after the saying is not moved back
        (
            "He told reporters on Sunday that he would travel to Moscow on Friday.",
            ["2013-03-10", "2013-03-15"],
        ),
    ],
)
def test_a_weekday_reported_in_the_past_is_on_or_before_the_day_of_the_saying(
    text: str, values: list[str]
) -> None:
    assert [t.value for t in tag(text, dt.date(2013, 3, 15))] == values


def test_the_weekday_before_a_saying_says_why() -> None:
    text = "The minister said on Monday that the attack on Friday killed 12."
    t = _only(text, dt.date(2013, 3, 15), "Friday")
    assert t.anchor == "previous date"
    assert (
        t.explanation
        == "Friday 8 March 2013: the Friday before the saying that reports it, Monday 11 March 2013"
    )


def test_takes_effect_points_ahead() -> None:
    assert _values("The deal, announced Thursday, takes effect Jan. 1.", dt.date(2013, 3, 15)) == [
        ("Thursday", "2013-03-14"),
        ("Jan. 1", "2014-01-01"),
    ]
    assert _values("The law took effect Jan. 1.", dt.date(2013, 3, 15)) == [("Jan. 1", "2013-01-01")]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The meeting is at 10 a.m. tomorrow.", "10 a.m. tomorrow", "2013-03-16T10:00"),
        ("the blast happened at 9 p.m. yesterday .", "9 p.m. yesterday", "2013-03-14T21:00"),
        ("The game starts at 7:30 tonight.", "7:30 tonight", "2013-03-15T19:30"),
        ("He arrives at 8 tomorrow morning.", "8 tomorrow morning", "2013-03-16T08:00"),
        ("Police arrived at 6 this morning.", "6 this morning", "2013-03-15T06:00"),
        ("Polls close at 9 tonight.", "9 tonight", "2013-03-15T21:00"),
    ],
)
def test_a_clock_with_a_day_word_is_on_that_day(text: str, expression: str, value: str) -> None:
    assert _values(text, dt.date(2013, 3, 15)) == [(expression, value)]


def test_a_bare_hour_without_a_preposition_is_no_clock() -> None:
    assert _values("He scored 3 tonight.", dt.date(2013, 3, 15)) == [("tonight", "2013-03-15TNI")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Crowds gathered on Easter Sunday.", "2012-04-08"),  # 31 March 2013 is still to come
        ("Crowds will gather on Easter Sunday.", "2013-03-31"),
        ("the parade was held on st patrick s day .", "2012-03-17"),
        ("He said the ceremony takes place on Easter Sunday.", "2013-03-31"),  # told: the saying's past
    ],
)
def test_a_named_day_told_in_the_past_is_the_last_one_before_the_dateline(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(2013, 3, 15))] == [value]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The Sept. 11 attacks changed everything.", ["2001-09-11"]),
        ("since 9/11 , security has tightened .", ["2001-09-11"]),
        ("The Sept. 11 anniversary is near.", ["2013-09-11"]),  # the day, not the attacks
        ("He was born on 9/11/1961.", ["1961-09-11"]),
    ],
)
def test_the_september_11_attacks_are_of_2001_whatever_the_dateline(text: str, values: list[str]) -> None:
    assert [t.value for t in tag(text, dt.date(2013, 3, 15))] == values


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The talks collapsed between may and june.", [("may", "2012-05"), ("june", "2012-06")]),
        ("Prices rose from May to July.", [("May", "2012-05"), ("July", "2012-07")]),
        ("Prices will rise from May to July.", [("May", "2013-05"), ("July", "2013-07")]),
        ("The vote is due in April or May.", [("April", "2013-04"), ("May", "2013-05")]),
        ("Between March and May, prices rose.", [("March", "2013-03"), ("May", "2013-05")]),
        ("He will march and may sing.", []),
    ],
)
def test_the_second_of_two_months_is_a_month_too(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text, dt.date(2013, 3, 15)) == found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Prices are likely to fall in February.", "2014-02"),
        ("The vote is unlikely to happen before Tuesday.", "2013-03-19"),
        ("Prices fell in February.", "2013-02"),
    ],
)
def test_likely_to_points_ahead(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(2013, 3, 15))] == [value]


def test_a_weekday_before_a_saying_in_the_calendars_first_week_is_left_as_read() -> None:
    # the Sunday before Monday 1 January of year 1 is no date Python has
    found = tag("Officials said on Monday that the attack on Sunday killed 12.", dt.date(1, 1, 7))
    assert [t.value for t in found] == ["0001-01-01", "0001-01-07"]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("It happened on September the 5th.", "September the 5th", "2017-09-05"),
        ("A database export dated 5-Sep-2017.", "5-Sep-2017", "2017-09-05"),
        ("The vote is on Tuesday 5 September.", "Tuesday 5 September", "2017-09-05"),
        ("the vote was held on tuesday , 5th september 2017 .", "tuesday , 5th september 2017", "2017-09-05"),
    ],
)
def test_british_and_spoken_day_orders(text: str, expression: str, value: str) -> None:
    assert _values(text, dt.date(2017, 9, 6)) == [(expression, value)]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Earlier in the week, police arrested him.", "Earlier in the week", "2013-W11"),
        ("On March 3, talks began. Later in the week, they collapsed.", "Later in the week", "2013-W09"),
        ("earlier in the month , prices fell .", "earlier in the month", "2013-03"),
        # a report's year: the dateline's, not the year-ago period just compared with
        ("Profit rose from a year ago. Use was delayed earlier in the year.", "earlier in the year", "2013"),
    ],
)
def test_earlier_in_the_week_is_the_week_the_narrative_is_on(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(2013, 3, 15), expression).value == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The city was founded 2,000 years ago.", [("2,000 years ago", "0013")]),
        ("The siege lasted 1,000 days.", [("1,000 days", "P1000D")]),
        ("He was born in the year 2000.", [("the year 2000", "2000")]),
    ],
)
def test_numbers_with_thousands_and_the_year_written(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text, dt.date(2013, 3, 15)) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It was built around 500 BC.", [("500 BC", "BC0500")]),
        ("caesar died in 44 b.c. in rome", [("44 b.c.", "BC0044")]),
        ("It dates to the third century BC.", [("the third century BC", "BC02")]),
        ("The empire fell in AD 476.", [("AD 476", "0476")]),
        ("In 2010 BC Hydro raised prices.", [("2010", "2010")]),  # a name, not an era
        ("He placed an ad 30 times.", []),
    ],
)
def test_years_before_and_of_the_common_era(text: str, found: list[tuple[str, str]]) -> None:
    assert _values(text, dt.date(2013, 3, 15)) == found


def test_a_year_before_the_common_era_names_no_period_of_the_calendar() -> None:
    (t,) = tag("It was built around 500 BC.", dt.date(2013, 3, 15))
    assert (t.type, t.period, t.anchor) == ("DATE", None, None)
    assert "before the Common Era" in t.explanation
