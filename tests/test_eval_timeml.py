"""TimeML reading and TempEval-3 scoring on small hand-written documents."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main
from timeline.evaluate import Score, score_document, scores
from timeline.timeml import parse_timeml

# ruff: noqa: E501  (the TimeML fixture keeps the long lines annotated files have)

DOC = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2017-09-06" functionInDocument="CREATION_TIME">20170906</TIMEX3></DCT>
<TEXT>
The army <EVENT eid="e1">reached</EVENT> the city on <TIMEX3 tid="t1" type="DATE" value="2017-09-05">Tuesday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> &amp; more. It was quiet <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.
Officials met <TIMEX3 tid="t4" type="DATE" value="2017-W35">last week</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_strips_tags_and_keeps_offsets() -> None:
    doc = parse_timeml(DOC, "x.tml")
    assert doc.dct == dt.date(2017, 9, 6)
    assert [g.text for g in doc.gold] == ["Tuesday", "three years", "now", "last week"]
    for g in doc.gold:
        assert doc.text[g.start : g.end] == g.text
    assert "&amp;" not in doc.text and "& more" in doc.text


def test_scores_on_a_document_the_tagger_gets_right() -> None:
    result = score_document(parse_timeml(DOC, "x.tml"))
    table = scores([result])
    assert table["strict"].f1 == 1.0
    assert table["value"].f1 == 1.0


def test_score_arithmetic() -> None:
    s = Score(matches=8, system=10, gold=16)
    assert (s.precision, s.recall) == (0.8, 0.5)
    assert abs(s.f1 - 2 * 0.8 * 0.5 / 1.3) < 1e-12
    assert Score(0, 0, 0).f1 == 0.0


def test_eval_command_writes_errors(tmp_path: Path) -> None:
    wrong = DOC.replace('value="2017-09-05"', 'value="2017-09-04"')
    (tmp_path / "a.tml").write_text(wrong, encoding="utf-8")
    errors = tmp_path / "errors.tsv"
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    for measure in ("strict", "relaxed", "value", "type"):
        assert measure in result.output
    assert "VALUE" in errors.read_text(encoding="utf-8")


def test_tag_command_jsonl_offsets_index_the_file(tmp_path: Path) -> None:
    text = "Line one.\r\nThe army reached the city on Tuesday.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"path": str(path), "dct": "2017-09-06"}) + "\n", encoding="utf-8")
    for args in (
        ["tag", "--dct", "2017-09-06", "--format", "jsonl", str(path)],
        ["tag", "--batch", str(batch)],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        (line,) = [json.loads(x) for x in result.output.splitlines()]
        assert text[line["start"] : line["end"]] == line["text"] == "Tuesday"
        assert line["value"] == "2017-09-05" and line["type"] == "DATE"
