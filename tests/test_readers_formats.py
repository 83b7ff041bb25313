"""Every input format is read into articles with the right body, title, source and dateline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.model import Article
from timeline.readers import ReadResult, read_folder

ROOT = Path(__file__).resolve().parents[1]
MIXED = Path(__file__).parent / "data" / "readers" / "mixed"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    result = read_folder(ROOT / "seeds")
    assert result.problems == ()
    return {a.path: a for a in result.articles}


@pytest.fixture(scope="module")
def mixed() -> ReadResult:
    return read_folder(MIXED)


def by_path(result: ReadResult) -> dict[str, Article]:
    return {a.path: a for a in result.articles}


def test_news_database_seed_has_title_source_and_header_dateline(seeds: dict[str, Article]) -> None:
    wsj = seeds["wsj-military-advances.txt"]
    assert wsj.title == "World News: Syrian Military Advances, Ramping Up Pressure on ISIS"
    assert wsj.source == "The Wall Street Journal"
    assert wsj.author == "Maria Abi-Habib in Beirut and Nour Alakraa in Berlin"
    assert wsj.dateline.date == dt.date(2017, 9, 6)
    assert (wsj.dateline.origin, wsj.dateline.where) == ("explicit", "header")
    assert wsj.dateline.evidence == ("The header block says 6 September 2017.",)
    assert wsj.body.startswith("The Syrian army broke")
    assert "Copyright" not in wsj.body and "455 words" not in wsj.body


@pytest.mark.parametrize(
    "name",
    ["reuters-deir-al-zor-corridor.txt", "reuters-offensives-converge.txt", "reuters-siege-broken.txt"],
)
def test_reuters_seeds_have_source_and_no_date_or_title(seeds: dict[str, Article], name: str) -> None:
    article = seeds[name]
    assert article.source == "Reuters"
    assert article.dateline.date is None and article.dateline.origin == "none"
    # No headline line in these files: the lead is the first line, so no title is invented.
    assert article.title is None
    assert article.body_start == 0
    assert article.body.lower().replace(" ", "").startswith("beirut(reuters)-")


def test_raw_is_the_whole_file_and_offsets_index_it(seeds: dict[str, Article]) -> None:
    for path, article in seeds.items():
        on_disk = (ROOT / "seeds" / path).read_bytes().decode("utf-8-sig")
        assert article.raw == on_disk
        assert article.raw[article.body_start : article.body_end] == article.body
        assert article.body == article.body.strip()


def test_ids_are_stable_url_safe_and_unique(seeds: dict[str, Article], mixed: ReadResult) -> None:
    ids = [a.id for a in (*seeds.values(), *mixed.articles)]
    assert all(i and all(c.isalnum() or c == "-" for c in i) for i in ids)
    assert len(set(a.id for a in mixed.articles)) == len(mixed.articles)
    assert [a.id for a in read_folder(MIXED).articles] == [a.id for a in mixed.articles]
    assert seeds["wsj-military-advances.txt"].id == "wsj-military-advances"


def test_file_name_date_when_nothing_else_dates_it(mixed: ReadResult) -> None:
    article = by_path(mixed)["2017-09-05-reuters.txt"]
    assert article.dateline.date == dt.date(2017, 9, 5)
    assert article.dateline.where == "file name"
    assert article.dateline.evidence == ("The file name says 2017-09-05.",)
    assert article.source == "Reuters"


def test_headline_line_then_wire_dateline_with_full_date(mixed: ReadResult) -> None:
    article = by_path(mixed)["afp-paris.txt"]
    assert article.title == "Strikes disrupt Paris transport"
    assert article.body.startswith("PARIS, Sept. 5, 2017 (AFP) - Commuters")
    assert article.source == "AFP"
    assert (article.dateline.date, article.dateline.where) == (dt.date(2017, 9, 5), "wire dateline")
    assert article.dateline.evidence == ("The wire dateline says Sept. 5, 2017.",)


def test_factiva_style_header_block(mixed: ReadResult) -> None:
    article = by_path(mixed)["factiva-export.txt"]
    assert article.title == "Economy: Port Traffic Rises for Third Month"
    assert article.source == "The Harbour Gazette"
    assert article.author == "A. Reporter"
    assert article.dateline.date == dt.date(2016, 8, 12)
    assert article.body.startswith("Container traffic")


def test_labelled_lexisnexis_style_header(mixed: ReadResult) -> None:
    article = by_path(mixed)["lexis-labelled.txt"]
    assert article.title == "Council approves new bridge"
    assert article.source == "The Evening Courier"
    assert article.author == "Sam Writer"
    assert (article.dateline.date, article.dateline.where) == (dt.date(2015, 3, 3), "header")
    assert article.body.startswith("The city council on Monday")


def test_markdown_front_matter(mixed: ReadResult) -> None:
    article = by_path(mixed)["front-matter.md"]
    assert article.title == "Floods close the coastal road"
    assert article.source == "The Coast Post"
    assert article.url == "https://example.org/floods"
    assert article.author == "Jo Bloggs"
    assert (article.dateline.date, article.dateline.where) == (dt.date(2018, 1, 14), "front matter")
    assert article.body.startswith("Heavy rain closed")
    assert article.raw.startswith("---\ntitle:")
    assert article.format == "markdown"


def test_markdown_heading_is_the_title_and_not_body(mixed: ReadResult) -> None:
    article = by_path(mixed)["heading-only.md"]
    assert article.title == "Library reopens after repairs"
    assert article.body.startswith("The town library")


def test_metadata_file_overrides_what_the_file_says(mixed: ReadResult) -> None:
    article = by_path(mixed)["ap-nairobi.txt"]
    assert article.title == "Kenya sets date for repeat vote"
    assert article.source == "AP"  # from the wire dateline: the metadata file does not set it
    assert (article.dateline.date, article.dateline.where) == (dt.date(2017, 9, 1), "metadata")
    assert article.dateline.evidence == ("The metadata file timeline.yml says 1 September 2017.",)
    assert by_path(mixed)["wires/feed.jsonl#6"].source == "Feed Desk"


def test_json_lines_one_article_per_line(mixed: ReadResult) -> None:
    articles = {a.path: a for a in mixed.articles if a.format == "jsonl"}
    assert sorted(articles) == ["wires/feed.jsonl#1", "wires/feed.jsonl#2", "wires/feed.jsonl#6"]
    first = articles["wires/feed.jsonl#1"]
    assert (first.id, first.title, first.source) == ("feed-one", "Rail strike ends", "Wire Service")
    assert (first.dateline.date, first.dateline.where) == (dt.date(2019, 6, 3), "record")
    assert first.raw == "The rail strike ended on Monday after two weeks."
    assert (first.body_start, first.body_end) == (0, len(first.raw))
    second = articles["wires/feed.jsonl#2"]
    assert second.id == "wires-feed-2"
    assert (second.source, second.dateline.date) == ("Reuters", dt.date(2019, 6, 4))
    assert articles["wires/feed.jsonl#6"].url is None


def test_json_lines_bad_lines_are_problems_naming_the_line(mixed: ReadResult) -> None:
    messages = {str(p) for p in mixed.problems}
    assert "wires/feed.jsonl#3: is not valid JSON: Expecting value at column 1" in messages
    assert "wires/feed.jsonl#5: has no 'text' (the article's text is required)" in messages
    assert any(m.startswith("wires/feed.jsonl#6: url 'javascript:") for m in messages)
    assert len(mixed.problems) == 3


def test_json_lines_ids_are_made_unique(tmp_path: Path) -> None:
    lines = [{"id": "same", "text": "One."}, {"id": "same", "text": "Two."}, {"id": "Same!", "text": "3."}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    ids = [a.id for a in read_folder(tmp_path).articles]
    assert len(set(ids)) == 3 and ids[0] == "same"


def test_same_stem_in_two_formats_gets_two_ids(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("Plain.\n", encoding="utf-8")
    (tmp_path / "report.md").write_text("Markdown.\n", encoding="utf-8")
    result = read_folder(tmp_path)
    assert sorted(a.id for a in result.articles) == ["report", "report-txt"]


def test_folders_are_walked_in_path_order_and_hidden_ones_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Later.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Earlier.\n", encoding="utf-8")
    (tmp_path / ".cache" / "x.txt").write_text("Not an article.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    assert [a.path for a in read_folder(tmp_path).articles] == ["a.txt", "b/z.txt"]


def test_windows_line_endings(tmp_path: Path) -> None:
    raw = "Headline\r\n\r\nBy X\r\n300 words\r\n6 September 2017\r\nThe Paper\r\nCopyright 2017\r\n"
    raw += "\r\nBody.\r\n"
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    md = "---\r\ntitle: T\r\ndate: 2017-09-06\r\n---\r\n# Head\r\n\r\nBody.\r\n"
    (tmp_path / "crlf.md").write_bytes(md.encode("utf-8"))
    result = read_folder(tmp_path)
    assert result.problems == ()
    for article in result.articles:
        assert (article.body, article.dateline.date) == ("Body.", dt.date(2017, 9, 6))
        assert article.raw in (raw, md)
    assert {a.title for a in result.articles} == {"Headline", "T"}


def test_front_matter_in_a_text_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\ndate: 2017-09-06\nsource: Desk\n---\nBody.\n", encoding="utf-8")
    [article] = read_folder(tmp_path).articles
    assert (article.source, article.dateline.where, article.body) == ("Desk", "front matter", "Body.")
    assert article.format == "text"


def test_web_copy_header_headline_byline_and_date(tmp_path: Path) -> None:
    raw = (
        "Army breaks the siege\nBy Jo Smith\nPublished: September 6, 2017 10:32 GMT\n\n"
        "BEIRUT (Reuters) - The army broke the siege on Tuesday.\n"
    )
    (tmp_path / "web.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "lead.txt").write_text("The army broke the siege\non Tuesday, the army said.\n\nMore.\n")
    articles = {a.path: a for a in read_folder(tmp_path).articles}
    web = articles["web.txt"]
    assert (web.title, web.author, web.source) == ("Army breaks the siege", "Jo Smith", "Reuters")
    assert (web.dateline.date, web.dateline.where) == (dt.date(2017, 9, 6), "header")
    assert web.body.startswith("BEIRUT (Reuters)")
    lead = articles["lead.txt"]
    assert (lead.title, lead.body_start, lead.dateline.origin) == (None, 0, "none")
