"""Resolution conventions of financial reports, anaphora and fractions, on the real tagger.

Each test is one general news-English convention with an explicit dateline; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.model import Timex
from timeline.temporal import tag
from timeline.temporal.resolve import quarter_ending
from timeline.temporal.values import QuarterEnding


def _only(text: str, dct: dt.date, expression: str) -> Timex:
    found = [t for t in tag(text, dct) if t.text == expression]
    assert len(found) == 1, [(t.text, t.value, t.rule) for t in tag(text, dct)]
    return found[0]


@pytest.mark.parametrize(
    ("end", "dct", "quarter"),
    [
        ((9, 30), dt.date(1989, 10, 26), "1989-Q3"),
        ((7, 31), dt.date(1989, 10, 30), "1989-Q2"),  # May to July: mostly the second quarter
        ((12, 31), dt.date(1990, 2, 1), "1989-Q4"),  # reported after the year turned
    ],
)
def test_a_quarter_named_by_its_last_day_is_the_calendar_quarter_it_mostly_covers(
    end: tuple[int, int], dct: dt.date, quarter: str
) -> None:
    ending = quarter_ending(QuarterEnding(*end), dct, None)
    assert ending is not None
    assert ending[0].value == quarter


def test_a_numbered_quarter_ended_keeps_the_companys_number_in_the_year_it_ended() -> None:
    t = _only("Earnings for its fourth quarter ended Sept. 30 fell.", dt.date(1989, 11, 2), "fourth quarter")
    assert t.value == "1989-Q4"


def test_a_fiscal_quarter_covers_the_three_months_that_end_on_its_last_day() -> None:
    # the company's number is the value, as TimeBank writes it; the days are the real ones
    t = _only("Earnings for its fourth quarter ended Sept. 30 fell.", dt.date(1989, 11, 2), "fourth quarter")
    assert (t.first_day, t.last_day) == (dt.date(1989, 7, 1), dt.date(1989, 9, 30))
    assert t.explanation.startswith("fiscal Q4 1989 (1 July 1989 – 30 September 1989)")


def test_a_fiscal_quarter_of_thirteen_weeks_and_the_same_quarter_a_year_earlier() -> None:
    text = "It earned $3 million for the fourth quarter ended Aug. 26. A year earlier it earned $2 million."
    now = _only(text, dt.date(1989, 11, 1), "the fourth quarter")
    before = _only(text, dt.date(1989, 11, 1), "A year earlier")
    assert (now.value, now.first_day, now.last_day) == ("1989-Q4", dt.date(1989, 5, 28), dt.date(1989, 8, 26))
    assert (before.value, before.first_day, before.last_day) == (
        "1988-Q4",
        dt.date(1988, 5, 28),
        dt.date(1988, 8, 26),
    )


def test_a_fiscal_quarter_named_first_learns_its_days_from_the_quarter_ended() -> None:
    text = "Delta earned a record in the fiscal first quarter. For the quarter ended Sept. 30, net rose."
    t = _only(text, dt.date(1989, 10, 26), "the quarter")
    assert (t.value, t.first_day, t.last_day) == ("1989-Q1", dt.date(1989, 7, 1), dt.date(1989, 9, 30))


def test_a_quarter_numbered_as_the_calendar_numbers_it_is_the_calendar_quarter() -> None:
    t = _only("Net fell in the third quarter ended Sept. 30.", dt.date(1989, 10, 26), "the third quarter")
    assert (t.value, t.first_day, t.explanation[:7]) == ("1989-Q3", dt.date(1989, 7, 1), "Q3 1989")


def test_the_quarter_ended_follows_the_quarter_the_report_already_named() -> None:
    text = "Sun posted a loss for its fiscal first quarter. Sales for the quarter ended Sept. 29 rose."
    assert _only(text, dt.date(1989, 10, 26), "the quarter").value == "1989-Q1"


def test_this_quarter_in_a_report_is_the_quarter_reported_on_but_the_current_quarter_is_now() -> None:
    dct = dt.date(1989, 11, 1)
    text = "Net fell in the third quarter. This quarter's loss includes charges."
    assert _only(text, dct, "This quarter").value == "1989-Q3"
    text = "Net fell in the third quarter. The current quarter began well."
    assert _only(text, dct, "The current quarter").value == "1989-Q4"
    assert _only("Sales will rise this quarter.", dct, "this quarter").value == "1989-Q4"


def test_that_year_is_the_year_last_named_and_unresolved_without_one() -> None:
    dct = dt.date(1989, 11, 2)
    text = "Imports peaked in 1988. Japan had a small share of imports that year."
    t = _only(text, dct, "that year")
    assert (t.value, t.anchor) == ("1988", "previous date")
    assert _only("Imports rose that year.", dct, "that year").value == "XXXX"


def test_that_is_no_anaphor_before_year_end() -> None:
    found = tag("He said that year-end results would improve.", dt.date(1989, 11, 2))
    assert [t.text for t in found] == ["year-end"]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("They lived in camps for two and a half years.", "two and a half years", "P2Y6M"),
        ("But a minute and a half later, a pilot called.", "a minute and a half", "PT1M30S"),
        ("The talks lasted a day and a half.", "a day and a half", "P1DT12H"),
        ("Shares rose 9 1/2 to 39.", None, None),
    ],
)
def test_a_half_joins_the_duration_in_the_next_smaller_unit(
    text: str, expression: str | None, value: str | None
) -> None:
    found = tag(text, dt.date(1998, 2, 27))
    if expression is None:
        assert found == []
    else:
        assert [(t.text, t.value) for t in found] == [(expression, value)]


def test_two_thousand_years_is_a_duration_not_the_year_2000() -> None:
    found = tag("They kept the secret for more than two thousand years.", dt.date(1998, 1, 21))
    assert [(t.type, t.value) for t in found] == [("DURATION", "P2000Y")]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Prosecutors may soon seek an indictment.", "soon", "FUTURE_REF"),
        ("He was killed soon after being captured.", None, None),
        ("They could leave as soon as the threats end.", None, None),
        ("It will raise money at a later date.", "a later date", "FUTURE_REF"),
        ("We don't minimize the challenges of the near term.", "the near term", "FUTURE_REF"),
    ],
)
def test_vague_future_words(text: str, expression: str | None, value: str | None) -> None:
    found = [(t.text, t.value) for t in tag(text, dt.date(1989, 10, 27))]
    assert found == ([(expression, value)] if expression else [])


def test_parts_of_the_day_follow_the_day_the_narrative_is_on() -> None:
    dct = dt.date(1989, 10, 30)  # a Monday
    text = "Hopes were dashed Friday. Dealers placed buy orders in the morning."
    assert _only(text, dct, "the morning").value == "1989-10-27TMO"
    assert _only("By mid afternoon, the operation was over.", dct, "mid afternoon").value == "1989-10-30TAF"
    assert _only(
        "In London at mid-afternoon yesterday, shares rose.", dct, "mid-afternoon yesterday"
    ).value == ("1989-10-29TAF")
    assert _only("He arrived in Philadelphia later in the day.", dct, "the day").value == "1989-10-30"


def test_decades_in_words_and_sets_of_months() -> None:
    dct = dt.date(1998, 3, 3)
    assert _only("Numbers fell through the nineties.", dct, "the nineties").value == "199"
    assert tag("He is in his eighties.", dct) == []
    t = _only("Orangemen march each July to the church.", dct, "each July")
    assert (t.type, t.value) == ("SET", "XXXX-07")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ('"Over the next couple of years we would grow," he said.', "the next couple of years", "P2Y"),
        ("The loan may be extended for an additional year.", "an additional year", "P1Y"),
        ("They will have to live without it for a while.", "a while", "PXX"),
        ("Sales grew for the first time in years.", "years", "PXY"),
    ],
)
def test_more_duration_phrasings(text: str, expression: str, value: str) -> None:
    t = _only(text, dt.date(1989, 11, 2), expression)
    assert (t.type, t.value) == ("DURATION", value)


def test_a_while_ago_is_no_duration() -> None:
    assert all(t.value != "PXX" for t in tag("He left a while ago.", dt.date(1989, 11, 2)))


def test_until_points_ahead_unless_a_past_verb_governs_it() -> None:
    dct = dt.date(2017, 9, 6)  # a Wednesday
    assert _only("The offer is valid until Friday.", dct, "Friday").value == "2017-09-08"
    text = "Fighting resumed on Sunday night and continued until Monday morning."
    assert _only(text, dct, "Monday morning").value == "2017-09-04TMO"


def test_a_weekday_before_a_full_date_is_one_expression() -> None:
    t = _only("The deal was signed on Tuesday, Sept. 5, 2017.", dt.date(2018, 1, 2), "Tuesday, Sept. 5, 2017")
    assert t.value == "2017-09-05"


def test_a_year_earlier_or_the_1988_period_beside_a_longer_report_period_is_the_year() -> None:
    dct = dt.date(1989, 10, 30)
    quarter = (
        "Net fell in the third quarter. Revenue was $5 million, compared with $4 million a year earlier."
    )
    assert _only(quarter, dct, "a year earlier").value == "1988-Q3"
    nine = (
        "Net fell in the third quarter. It lost $6 million through the first nine months, "
        "compared with earnings a year earlier of $3 million."
    )
    assert _only(nine, dct, "a year earlier").value == "1988"
    nine = (
        "Net fell in the third quarter. In the first nine months, net was $306 million, "
        "compared with a loss of $195 million in the 1988 period."
    )
    assert _only(nine, dct, "the 1988 period").value == "1988"


def test_the_following_month_counts_from_the_month_last_named() -> None:
    dct = dt.date(1989, 10, 27)
    text = "In March, holders urged a sale. The following month, the company put itself up for sale."
    t = _only(text, dct, "The following month")
    assert (t.value, t.anchor) == ("1989-04", "previous date")
    # counted comparisons keep the report's own anchor
    text = "In 1988 sales fell. Net rose in the third quarter from $4 million a year earlier."
    assert _only(text, dct, "a year earlier").value == "1988-Q3"


def test_only_a_year_back_is_the_year_ago_quarter() -> None:
    dct = dt.date(1989, 10, 27)
    text = "Net rose in the third quarter. The company sold the stake five years ago."
    assert _only(text, dct, "five years ago").value == "1984"


def test_quarter_to_quarter_is_an_adjective_not_the_reported_quarter() -> None:
    found = tag(
        "Net rose in the third quarter. The quarter-to-quarter comparison improved.", dt.date(1989, 11, 1)
    )
    assert [t.text for t in found] == ["the third quarter"]


def test_a_fiscal_quarter_ended_before_the_dateline_is_the_quarter_reported_on() -> None:
    dct = dt.date(1989, 11, 1)
    text = "It earned $3 million for the fourth quarter ended Aug. 26. A year earlier it earned $2 million."
    assert _only(text, dct, "the fourth quarter").explanation.endswith("26 August 1989")
    assert _only(text, dct, "A year earlier").value == "1988-Q4"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He and Arafat meet separately Monday with Albright.", "2017-09-11"),
        ("The two-day meeting ends on Thursday.", "2017-09-07"),
        ("The meeting ended on Thursday.", "2017-08-31"),
        ("Officials said the talks resume on Tuesday.", "2017-09-12"),
        ("The rebels, who took the town on Monday, retreated.", "2017-09-04"),
        ("The tournament runs through Sunday.", "2017-09-10"),
        ("the exhibition lasts until sunday .", "2017-09-10"),
        ("The trial continues Monday.", "2017-09-11"),
        ("The team plays Saturday.", "2017-09-09"),
        ("The tournament ran through Sunday.", "2017-09-03"),
        ("The trial continued Monday.", "2017-09-04"),
        ("The deadline is Friday.", "2017-09-08"),
        ("The hearing is on Monday in Brussels.", "2017-09-11"),
        ("The deadline was Friday.", "2017-09-01"),
        ("schools reopen on monday .", "2017-09-11"),
    ],
)
def test_a_schedule_told_in_the_present_points_ahead(text: str, value: str) -> None:
    found = [t for t in tag(text, dt.date(2017, 9, 6)) if t.rule == "weekday"]
    assert [t.value for t in found] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lenders have extended the company $90 million in loans through January.", "2018-01"),
        ("The ceasefire was extended until Sunday.", "2017-11-05"),
        ("the ceasefire was extended until sunday .", "2017-11-05"),
        # no extension: the tense decides
        ("Sales were strong through January.", "2017-01"),
        ("The army extended its control. Fighting raged through Sunday.", "2017-10-29"),
    ],
)
def test_an_extension_runs_to_a_later_day(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dt.date(2017, 11, 1))] == [value]


def test_a_passive_participle_is_no_past_cue() -> None:
    found = tag("The dividend will be paid Friday.", dt.date(2017, 9, 6))
    assert [t.value for t in found] == ["2017-09-08"]
    found = tag("The dividend was paid on Friday.", dt.date(2017, 9, 6))
    assert [t.value for t in found] == ["2017-09-01"]


def test_the_early_hours_of_a_day_are_that_day_not_a_duration() -> None:
    found = tag("Jets struck in the early hours of Sunday.", dt.date(2017, 9, 6))
    assert [(t.text, t.type, t.value) for t in found] == [
        ("the early hours of Sunday", "TIME", "2017-09-03TNI")
    ]


def test_an_adjective_after_still_is_no_past_cue() -> None:
    text = "The split would be paid on a still unspecified date in January."
    assert _only(text, dt.date(1989, 10, 26), "January").value == "1990-01"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("the ceasefire began at 0600 gmt on tuesday .", "0600 gmt on tuesday", "2017-09-05T06:00"),
        ("it 's the second day of the offensive .", "the second day", "2017-09-06"),
        ("the leaders meet monday in geneva .", "monday", "2017-09-11"),
        ("they lived in camps for 2 1/2 years .", "2 1/2 years", "P2Y6M"),
        ("fighting continued until monday morning .", "monday morning", "2017-09-04TMO"),
        ("over the years , the town changed hands .", "the years", "PXY"),
    ],
)
def test_this_rounds_rules_work_on_lower_cased_tokenized_text(text: str, expression: str, value: str) -> None:
    assert _only(text, dt.date(2017, 9, 6), expression).value == value


def test_a_report_stays_on_its_latest_quarter_when_an_earlier_one_is_named_in_passing() -> None:
    dct = dt.date(1989, 11, 1)
    text = (
        "Net rose in the third quarter. After a flat second quarter, sales grew. "
        "In the 1989 period, costs were lower than a year ago."
    )
    assert _only(text, dct, "the 1989 period").value == "1989-Q3"
    assert _only(text, dct, "a year ago").value == "1988-Q3"


def test_a_fiscal_quarter_named_later_is_another_report_s_own_quarter() -> None:
    dct = dt.date(1989, 10, 26)
    text = (
        "Bethlehem posted a drop in third-quarter profit. Separately, National Intergroup "
        "reported a fiscal second-quarter loss. The latest period includes gains."
    )
    assert _only(text, dct, "The latest period").value == "1989-Q2"


def test_a_quarter_reported_in_the_past_tense_is_over_even_before_its_calendar_end() -> None:
    dct = dt.date(1989, 11, 2)
    text = (
        "Ralston reported a 47% decline in fourth-quarter earnings. It earned $45 million, "
        "compared with $84 million a year earlier. Sales in the latest period rose."
    )
    assert _only(text, dct, "a year earlier").value == "1988-Q4"
    assert _only(text, dct, "the latest period").value == "1989-Q4"
    # a quarter still to come is not the one reported on
    text = "Net rose in the third quarter. It expects a fourth-quarter charge. The latest period was weak."
    assert _only(text, dct, "The latest period").value == "1989-Q3"


def test_the_week_on_its_own_is_a_week_of_the_datelines_year_left_unnumbered() -> None:
    dct = dt.date(1989, 10, 30)
    t = _only("The index fell on Friday. For the week, the index dropped 3.8%.", dct, "the week")
    assert (t.type, t.value) == ("DATE", "1989-WXX")
    assert _only("for the week , the index dropped 3.8% .", dct, "the week").value == "1989-WXX"
    # the week a day names is that day's week, and the day an expression of its own
    found = [(t.text, t.value) for t in tag("Sales for the week ended Oct. 20 rose.", dct)]
    assert found == [("the week", "1989-W42"), ("Oct. 20", "1989-10-20")]
    assert _only("He left the week before.", dct, "the week before").rule == "the_day_after"
    assert tag("Profits rose; the week was calm.", None)[0].value == "XXXX-WXX"


def test_a_several_year_tenure_is_a_duration_of_unspecified_years() -> None:
    dct = dt.date(1989, 11, 2)
    t = _only("He followed a several-year tenure as editor.", dct, "several-year")
    assert (t.type, t.value) == ("DURATION", "PXY")
    assert _only("they signed a multiyear contract .", dct, "multiyear").value == "PXY"
    assert tag("It raised several-million dollars.", dct) == []


def test_plural_weekdays_and_parts_of_weekdays_are_recurrences() -> None:
    dct = dt.date(1998, 2, 13)
    found = tag("Two new flights would leave Bombay on Monday and Tuesday nights.", dct)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("Monday", "SET", "XXXX-WXX-1TNI"),
        ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ]
    assert _only("the shop closes on sundays .", dct, "sundays").value == "XXXX-WXX-7"
    # one night, or two days, are dates
    assert _only("They left on Tuesday night.", dct, "Tuesday night").type == "TIME"
    assert [t.type for t in tag("They met on Monday and Tuesday.", dct)] == ["DATE", "DATE"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Its auction business is usually conducted in the second and fourth quarters.",
            [("the second", "SET", "XXXX-Q2"), ("fourth quarters", "SET", "XXXX-Q4")],
        ),
        ("The festival is traditionally held in June.", [("June", "SET", "XXXX-06")]),
        ("the council normally meets on dec. 5 .", [("dec. 5", "SET", "XXXX-12-05")]),
        ("He usually arrives on Monday.", [("Monday", "SET", "XXXX-WXX-1")]),
        ("The board typically meets Tuesday night.", [("Tuesday night", "SET", "XXXX-WXX-2TNI")]),
        ("Usually, the market closes in August.", [("August", "SET", "XXXX-08")]),
        ("Dividends are paid every fourth quarter.", [("every fourth quarter", "SET", "XXXX-Q4")]),
        # the habit is of another clause, or the words name one day: dates
        ("Sales, usually strong, fell in June.", [("June", "DATE", "1989-06")]),
        (
            "The fair, usually held in June, moved to March this year.",
            [("June", "SET", "XXXX-06"), ("March this year", "DATE", "1989-03")],
        ),
        (
            "It usually reports in the fourth quarter of 1988.",
            [("the fourth quarter of 1988", "DATE", "1988-Q4")],
        ),
        ("He usually arrives next Monday.", [("next Monday", "DATE", "1989-10-30")]),
    ],
)
def test_a_habit_makes_a_date_without_a_year_a_recurrence(
    text: str, found: list[tuple[str, str, str]]
) -> None:
    assert [(t.text, t.type, t.value) for t in tag(text, dt.date(1989, 10, 26))] == found


def test_two_quarters_may_share_one_word() -> None:
    found = tag(
        "Sales rose in the first and second quarters of 2016 and in the third and fourth quarter.",
        dt.date(2018, 1, 15),
    )
    assert [(t.text, t.value) for t in found] == [
        ("the first", "2016-Q1"),
        ("second quarters of 2016", "2016-Q2"),
        ("the third", "2017-Q3"),
        ("fourth quarter", "2017-Q4"),
    ]


def test_the_past_three_summers_is_one_recurring_season() -> None:
    dct = dt.date(1998, 3, 22)
    text = "Parades have provoked violence in Northern Ireland for the past three summers."
    t = _only(text, dct, "the past three summers")
    assert (t.type, t.value) == ("SET", "XXXX-SU")
    assert _only("they march every summer .", dct, "every summer").value == "XXXX-SU"
    assert _only("He lived there last summer.", dct, "last summer").type == "DATE"


def test_one_day_after_a_modal_is_some_time_to_come_not_a_length() -> None:
    dct = dt.date(1998, 3, 3)
    t = _only("Islam will one day be the second largest religion.", dct, "one day")
    assert (t.type, t.value) == ("DATE", "FUTURE_REF")
    assert _only("he hopes he could someday return .", dct, "someday").value == "FUTURE_REF"
    assert _only("The job will take one day.", dct, "one day").value == "P1D"


def test_what_was_agreed_to_is_still_to_come() -> None:
    dct = dt.date(1989, 11, 2)
    text = "First of America announced an agreement to acquire the bank holding company in January."
    assert _only(text, dct, "January").value == "1990-01"
    text = "thermo electron agreed to purchase the line for $22 million in february ."
    assert _only(text, dct, "february").value == "1990-02"
    assert _only("The bank was acquired in January.", dct, "January").value == "1989-01"


def test_a_quarter_reported_on_before_its_time_of_year_comes_round_is_last_years() -> None:
    dct = dt.date(1998, 1, 26)
    text = "AT&T announced an 18% drop in profits for the fourth quarter."
    assert _only(text, dct, "the fourth quarter").value == "1997-Q4"
    assert _only("profits fell in the second half .", dct, "the second half").value == "1997-H2"
    assert _only("Profits will rise in the fourth quarter.", dct, "the fourth quarter").value == "1998-Q4"
    may = dt.date(1998, 5, 2)
    assert _only("Profits rose in the first quarter.", may, "the first quarter").value == "1998-Q1"


def test_then_current_is_current_at_a_past_time() -> None:
    dct = dt.date(1989, 10, 26)
    t = _only("Holders may buy shares at 50% of the then current market price.", dct, "then current")
    assert t.value == "PAST_REF"
    assert _only("at the then-current price .", dct, "then-current").value == "PAST_REF"
    assert _only("at the current price .", dct, "current").value == "PRESENT_REF"


def test_a_month_named_as_a_deadline_is_still_ahead() -> None:
    dct = dt.date(1989, 10, 30)
    text = "The sale, which had been expected, is part of a program to pay down the loan by February."
    t = _only(text, dct, "February")
    assert t.value == "1990-02" and "the next one after" in t.explanation
    assert _only("talks are supposed to conclude by may .", dt.date(1998, 3, 22), "may").value == "1998-05"
    assert _only("The sale, which had been expected, closed in February.", dct, "February").value == "1989-02"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Exports fell in the April-June quarter.", "the April-June quarter", "2012-Q2"),
        ("exports fell in the april - june quarter .", "the april - june quarter", "2012-Q2"),
        ("The October-December period of 2016 was weak.", "The October-December period of 2016", "2016-Q4"),
    ],
)
def test_a_quarter_named_by_its_months_is_that_calendar_quarter(
    text: str, expression: str, value: str
) -> None:
    assert [(t.text, t.value) for t in tag(text, dt.date(2013, 3, 15))] == [(expression, value)]


def test_three_months_that_are_no_calendar_quarter_stay_months() -> None:
    found = tag("Sales in the April-September period rose.", dt.date(2013, 3, 15))
    assert [t.rule for t in found] == ["month", "month"]
