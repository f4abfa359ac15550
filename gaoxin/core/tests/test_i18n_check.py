"""The catalog check: each rule fails on a small synthetic catalog made to break it, and passes when it is kept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gaoxin.core.i18n_check import (
    PACKAGE_ROOT,
    REFRESH_COMMAND,
    Entry,
    check,
    collision_problems,
    compiled_problems,
    entry_problems,
    extract,
    missing_entries,
    parse_po,
    placeholders,
)

HEADER = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=1; plural=0;\n"
"""

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext, msgfmt)"
)


def po(body: str, header: str = HEADER) -> str:
    return header + "\n" + body


def problems_of(body: str) -> list[str]:
    return entry_problems(parse_po(po(body)))


class TestParse:
    def test_reads_multi_line_strings_escapes_flags_and_context(self) -> None:
        entries = parse_po(
            po(
                r"""#: a.py:1
#, python-format
msgctxt "menu"
msgid ""
"Sheet \"%(sheet)s\", "
"row %(row)s\n"
msgstr "工作表“%(sheet)s”第 %(row)s 行\n"

#~ msgid "Obsolete"
#~ msgstr "废弃"
"""
            )
        )
        header, entry = entries
        assert header.is_header
        assert entry.msgctxt == "menu"
        assert entry.msgid == 'Sheet "%(sheet)s", row %(row)s\n'
        assert entry.msgstrs == ("工作表“%(sheet)s”第 %(row)s 行\n",)
        assert entry.flags == frozenset({"python-format"})
        assert entry.references == ("a.py:1",)
        assert len(entries) == 2  # the obsolete entry is left out

    def test_reads_plural_entries(self) -> None:
        (_, entry) = parse_po(po('msgid "%(n)d row"\nmsgid_plural "%(n)d rows"\nmsgstr[0] "%(n)d 行"\n'))
        assert (entry.msgid_plural, entry.msgstrs) == ("%(n)d rows", ("%(n)d 行",))

    def test_rejects_text_that_is_not_po(self) -> None:
        with pytest.raises(ValueError, match="line 8"):
            parse_po(po('msgid "Save"\nmsgstr "保存"\nnonsense\n'))


class TestFuzzyOrEmpty:
    """Rule (b)."""

    def test_translated_entries_pass(self) -> None:
        assert problems_of('msgid "Save"\nmsgstr "保存"\n\nmsgid "Cancel"\nmsgstr "取消"\n') == []

    def test_an_empty_msgstr_is_reported_with_its_line(self) -> None:
        assert problems_of('msgid "Save"\nmsgstr "保存"\n\nmsgid "Cancel"\nmsgstr ""\n') == [
            "(b) not translated: django.po:9 'Cancel'"
        ]

    def test_a_fuzzy_entry_is_reported_even_when_translated(self) -> None:
        assert problems_of('#, fuzzy\nmsgid "Cancel"\nmsgstr "取消"\n') == ["(b) fuzzy: django.po:7 'Cancel'"]

    def test_a_fuzzy_header_is_reported(self) -> None:
        assert entry_problems(
            parse_po(po('msgid "Save"\nmsgstr "保存"\n', header="#, fuzzy\n" + HEADER))
        ) == ["(b) fuzzy: django.po:2 the header"]

    def test_a_plural_entry_needs_every_form(self) -> None:
        body = 'msgid "%(n)d row"\nmsgid_plural "%(n)d rows"\nmsgstr[0] "%(n)d 行"\nmsgstr[1] ""\n'
        assert problems_of(body) == ["(b) not translated: django.po:6 '%(n)d row'"]


class TestPlaceholders:
    """Rule (d)."""

    @pytest.mark.parametrize(
        ("msgid", "msgstr"),
        [
            ("Row %(row)s of %(sheet)s", "工作表 %(sheet)s 第 %(row)s 行"),  # order may change
            ("%(year)s is missing; enter %(year)s", "缺少 %(year)s 年，请录入 %(year)s 年"),
            ("Percentage, e.g. 3.02%% or 0.0302", "百分比，如 3.02%% 或 0.0302"),
            ("Took %(seconds).1f s", "用时 %(seconds).1f 秒"),
        ],
    )
    def test_same_placeholders_pass(self, msgid: str, msgstr: str) -> None:
        assert problems_of(f'#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n') == []

    @pytest.mark.parametrize(
        ("msgid", "msgstr", "expected", "found"),
        [
            ("Saved %(name)s.", "已保存。", "{%(name)s}", "{}"),
            ("Saved %(name)s.", "已保存 %(nmae)s。", "{%(name)s}", "{%(nmae)s}"),
            ("%(n)d fields", "%(n)s 个字段", "{%(n)d}", "{%(n)s}"),
            ("Saved.", "已保存 %(name)s。", "{}", "{%(name)s}"),
            ("%s of %s", "%s", "{%s, %s}", "{%s}"),
        ],
    )
    def test_a_differing_placeholder_is_reported(
        self, msgid: str, msgstr: str, expected: str, found: str
    ) -> None:
        assert problems_of(f'#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n') == [
            f"(d) placeholders differ: django.po:7 {msgid!r}: msgid has {expected}, msgstr has {found}"
        ]

    def test_template_variables_are_placeholders(self) -> None:
        body = 'msgid "Hello {{ name }}"\nmsgstr "你好 {{name}}"\n\nmsgid "Bye {{ name }}"\nmsgstr "再见"\n'
        assert problems_of(body) == [
            "(d) placeholders differ: django.po:9 'Bye {{ name }}': msgid has {{{ name }}}, msgstr has {}"
        ]

    def test_brace_fields_count_only_when_flagged(self) -> None:
        assert placeholders("{count} rows", ["python-brace-format"]).named == frozenset({"{count}"})
        assert placeholders("{count} rows").named == frozenset()

    def test_positional_directives_count_only_in_python_format_entries(self) -> None:
        assert placeholders("reached 50%", ["python-format"]).positional == ()
        assert placeholders("%d%% done", ["python-format"]).positional == ("%d",)
        assert placeholders("%d%% done").positional == ()

    def test_a_plural_form_is_compared_with_the_plural_msgid(self) -> None:
        body = '#, python-format\nmsgid "One row"\nmsgid_plural "%(n)d rows"\nmsgstr[0] "%(n)d 行"\n'
        assert problems_of(body) == []


class TestMissing:
    """Rule (a)."""

    def test_msgids_absent_from_the_catalog_are_reported_with_their_source(self) -> None:
        source = [
            Entry("Save", ("",), references=("a.py:3",)),
            Entry("Cancel", ("",), references=("b.html:1",)),
        ]
        catalog = parse_po(po('msgid "Save"\nmsgstr "保存"\n'))
        assert missing_entries(source, catalog) == ["(a) missing from django.po: 'Cancel' (b.html:1)"]

    def test_a_context_makes_a_different_message(self) -> None:
        source = [Entry("May", ("",), msgctxt="month")]
        assert missing_entries(source, parse_po(po('msgid "May"\nmsgstr "可以"\n'))) == [
            "(a) missing from django.po: 'May' [context 'month'] (no reference)"
        ]


def write_catalog(directory: Path, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "django.po"
    path.write_text(po(body), encoding="utf-8")
    return path


def compile_catalog(po_path: Path) -> Path:
    mo_path = po_path.with_suffix(".mo")
    subprocess.run(["msgfmt", "-o", str(mo_path), str(po_path)], check=True)
    return mo_path


@needs_gettext
class TestCompiled:
    """Rule (c)."""

    def test_a_matching_mo_passes(self, tmp_path: Path) -> None:
        po_path = write_catalog(tmp_path, 'msgid "Save"\nmsgstr "保存"\n')
        assert compiled_problems(po_path, compile_catalog(po_path)) == []

    def test_an_mo_compiled_before_a_change_is_reported(self, tmp_path: Path) -> None:
        po_path = write_catalog(tmp_path, 'msgid "Save"\nmsgstr "保存"\n')
        mo_path = compile_catalog(po_path)
        write_catalog(tmp_path, 'msgid "Save"\nmsgstr "存盘"\n\nmsgid "Cancel"\nmsgstr "取消"\n')
        assert compiled_problems(po_path, mo_path) == [
            "(c) django.mo is out of date (missing): 'Cancel'",
            "(c) django.mo is out of date (stale): 'Save'",
        ]

    def test_only_the_creation_dates_of_the_header_may_differ(self, tmp_path: Path) -> None:
        dated = HEADER + '"POT-Creation-Date: 2026-01-01 10:00+0800\\n"\n'
        po_path = tmp_path / "django.po"
        po_path.write_text(po('msgid "Save"\nmsgstr "保存"\n', header=dated), encoding="utf-8")
        mo_path = compile_catalog(po_path)
        po_path.write_text(
            po('msgid "Save"\nmsgstr "保存"\n', header=dated.replace("01-01", "02-02")), "utf-8"
        )
        assert compiled_problems(po_path, mo_path) == []
        po_path.write_text(
            po('msgid "Save"\nmsgstr "保存"\n', header=dated.replace("nplurals=1", "nplurals=2"))
        )
        assert compiled_problems(po_path, mo_path) == ["(c) django.mo has another header than django.po"]

    def test_a_missing_mo_is_reported(self, tmp_path: Path) -> None:
        po_path = write_catalog(tmp_path, 'msgid "Save"\nmsgstr "保存"\n')
        assert compiled_problems(po_path, tmp_path / "django.mo") == [
            "(c) django.mo is missing: compile django.po with msgfmt"
        ]


@needs_gettext
class TestWholeCheck:
    def make_source(self, root: Path) -> None:
        (root / "app" / "templates").mkdir(parents=True)
        (root / "app" / "tests").mkdir()
        (root / "app" / "views.py").write_text(
            "from django.utils.translation import gettext as _\n\n"
            "def gettext_noop(s: str) -> str:\n    return s\n\n"
            "TITLE = _('Save')\nNOTE = gettext_noop('Rows %(rows)s are empty.')\n"
        )
        (root / "app" / "templates" / "page.html").write_text(
            "{% load i18n %}{% translate 'Cancel' %}{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}"
        )
        (root / "app" / "tests" / "test_views.py").write_text(
            "from django.utils.translation import gettext as _\n_('Test only')\n"
        )

    def test_extraction_finds_python_template_and_noop_msgids_but_not_tests(self, tmp_path: Path) -> None:
        self.make_source(tmp_path)
        found = {entry.msgid for entry in extract(tmp_path) if not entry.is_header}
        assert found == {"Save", "Rows %(rows)s are empty.", "Cancel", "Hello %(name)s"}

    def test_reports_every_rule_and_leaves_the_tree_as_it_was(self, tmp_path: Path) -> None:
        source, catalog_dir = tmp_path / "src", tmp_path / "src" / "locale" / "zh_Hans" / "LC_MESSAGES"
        self.make_source(source)
        po_path = write_catalog(
            catalog_dir,
            'msgid "Save"\nmsgstr "保存"\n\n'
            '#, python-format\nmsgid "Rows %(rows)s are empty."\nmsgstr "第 %(row)s 行为空。"\n\n'
            '#, fuzzy\nmsgid "Cancel"\nmsgstr "取消"\n',
        )
        compile_catalog(po_path)
        before = {path: path.read_bytes() for path in source.rglob("*") if path.is_file()}

        problems = check(source, catalog_dir)

        assert problems[:3] == [
            "(a) missing from django.po: 'Hello %(name)s' (app/templates/page.html:1)",
            "(d) placeholders differ: django.po:10 'Rows %(rows)s are empty.': msgid has {%(rows)s}, "
            "msgstr has {%(row)s}",
            "(b) fuzzy: django.po:14 'Cancel'",
        ]
        # msgfmt --check-format refuses the bad placeholder too, so no fresh .mo can be compared.
        assert len(problems) == 4
        assert problems[3].startswith("(c) msgfmt rejects django.po:")
        assert "'row'" in problems[3]
        assert {path: path.read_bytes() for path in source.rglob("*") if path.is_file()} == before


def test_the_refresh_command_the_check_prints_is_the_documented_one() -> None:
    assert REFRESH_COMMAND in (PACKAGE_ROOT.parent / "docs" / "development.md").read_text(encoding="utf-8")


def test_rule_e_a_msgid_used_as_a_label_and_as_an_action_needs_contexts(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<table><tr><th>{% translate "Close" %}</th></tr></table>\n'
        '<button type="button">{% translate "Close" %}</button>\n'
        '<th>{% translate "Name" %}</th><dt>{% translate "Name" %}</dt>\n',
        encoding="utf-8",
    )
    close = Entry("Close", ("",), references=("a.html:1", "a.html:2"))
    name = Entry("Name", ("",), references=("a.html:3",))
    (problem,) = collision_problems([close, name], tmp_path)
    assert problem.startswith("(e)")
    assert "a.html:1" in problem
    assert "a.html:2" in problem
    assert "'Close'" in problem
    with_context = Entry("Close", ("",), msgctxt="dialog", references=("a.html:2",))
    assert collision_problems([with_context, name], tmp_path) == []


def test_rule_e_finds_a_msgid_as_a_state_a_date_label_and_a_count_header(tmp_path: Path) -> None:
    (tmp_path / "choices.py").write_text(
        'class S(TextChoices):\n    CLOSED = "closed", _("Closed")\n    OPEN = "open", pgettext_lazy("s", "Open")\n',
        encoding="utf-8",
    )
    (tmp_path / "a.html").write_text(
        '<dt>{% translate "Closed" %}</dt><dd>{{ item.closed_at|date:"Y-m-d" }}</dd>\n'
        '<th class="num">{% translate "Overdue" %}</th>\n'
        '<span class="badge">{% translate "Overdue" %}</span>\n'
        '<dt>{% translate "Total" %}</dt><dd>{{ result.total|number }}</dd><th>{% translate "Total" %}</th>\n'
        '<dt>{% translate "Date" %}</dt><dd>{{ at|date }}</dd><th>{% translate "Date" %}</th>\n',
        encoding="utf-8",
    )
    closed = Entry("Closed", ("",), references=("choices.py:2", "a.html:1"))
    overdue = Entry("Overdue", ("",), references=("a.html:2", "a.html:3"))
    total = Entry("Total", ("",), references=("a.html:4",))  # a name over a count: the same words
    date = Entry("Date", ("",), references=("a.html:5",))  # a name over a date: the same words
    problems = collision_problems([closed, overdue, total, date], tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("(e) one translation used as date (a.html:1) and as state (choices.py:2)")
    assert problems[1].startswith("(e) one translation used as count (a.html:2) and as state (a.html:3)")


def test_rule_f_finds_a_date_label_that_reads_as_another_messages_state(tmp_path: Path) -> None:
    (tmp_path / "choices.py").write_text(
        'class S(TextChoices):\n    CLOSED = "closed", pgettext_lazy("servicedesk", "Closed")\n',
        encoding="utf-8",
    )
    (tmp_path / "a.html").write_text(
        '<dt>{% translate "Closed at" %}</dt><dd>{{ item.closed_at|date:"Y-m-d" }}</dd>\n', encoding="utf-8"
    )
    state = Entry("Closed", ("",), msgctxt="servicedesk", references=("choices.py:2",))
    label = Entry("Closed at", ("",), references=("a.html:1",))
    catalog = [Entry("Closed", ("已办结",), msgctxt="servicedesk"), Entry("Closed at", ("已办结",))]
    (problem,) = collision_problems([state, label], tmp_path, catalog)
    assert problem.startswith("(f) '已办结' labels a date (a.html:1")
    catalog[1] = Entry("Closed at", ("办结时间",))
    assert collision_problems([state, label], tmp_path, catalog) == []


def test_the_known_collisions_have_their_own_translations() -> None:
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.pgettext("dialog", "Close") == "关闭"  # the battle map card's close button
        assert translation.pgettext("servicedesk", "Close") == "办结"
        assert translation.pgettext("date", "Received") == "受理时间"  # over a date, not a count
        assert translation.gettext("Received") == "受理数"
        assert translation.pgettext("sum", "Total") == "合计"
        assert translation.pgettext("problem", "Closed") == "已销号"
        assert translation.pgettext("date", "Closed") == "办结时间"  # over the date a request was closed
        assert translation.pgettext("count", "Overdue") == "超时数"  # over the count of overdue requests
        assert translation.gettext("Data corrected") == "数据已更正"  # the outcome, not the corrected figures
        assert translation.pgettext("field", "Data corrected") == "更正的数据"
