"""What an import reports back, as the pages and the job keep it."""

from __future__ import annotations

import json

from gaoxin.core.tabular.errors import CellError
from gaoxin.core.tabular.report import ImportReport


def test_a_report_with_a_problem_is_not_ok() -> None:
    assert ImportReport("a.xlsx").ok
    assert not ImportReport("a.xlsx", fatal=["文件为空。"]).ok
    assert not ImportReport("a.xlsx", errors=[CellError("表", 2, "名称", "不能为空")]).ok


def test_as_dict_is_json_without_nul_and_shows_a_page_of_problems() -> None:
    errors = [
        CellError("表\x00", row, "名称\x00", "含有\x00", "x" * 150 if row == 2 else None) for row in (2, 3, 4)
    ]
    report = ImportReport("a.xlsx", sheet="表\x00", errors=errors, notes=["注\x00"], fatal=["错\x00"])
    shown = report.as_dict(error_limit=2)
    assert "\\u0000" not in json.dumps(shown)
    assert shown["error_count"] == 3
    assert shown["errors"] == [
        {"row": 2, "column": "名称\ufffd", "message": "含有\ufffd", "value": "x" * 100},
        {"row": 3, "column": "名称\ufffd", "message": "含有\ufffd", "value": ""},
    ]
    assert (shown["sheet"], shown["notes"], shown["fatal"]) == ("表\ufffd", ["注\ufffd"], ["错\ufffd"])


def test_a_problem_of_the_whole_row_has_no_column() -> None:
    shown = ImportReport("a.xlsx", errors=[CellError("表", 2, None, "重复")]).as_dict()
    assert shown["errors"][0]["column"] is None
