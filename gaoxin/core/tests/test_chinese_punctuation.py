"""Chinese text uses Chinese punctuation: no ASCII comma, colon or parenthesis against Chinese characters in the
zh-Hans catalog ("导入: 文件" instead of "导入：文件"), and no template that glues an ASCII colon to a translated
text ("{% translate "Import" %}: {{ name }}"), where the translation cannot choose its own punctuation."""

from __future__ import annotations

import re

from django import forms
from django.utils import translation

from gaoxin.core.i18n_check import CATALOG_DIR, PACKAGE_ROOT, parse_po

CJK = r"[\u3400-\u9fff]"
# An ASCII comma or colon next to a Chinese character (a space between allowed), or an ASCII parenthesis hugging one.
ASCII_IN_CHINESE = re.compile(rf"{CJK} ?[,:]|[,:] ?{CJK}|{CJK}\(|\){CJK}")
# Where ASCII punctuation belongs even in Chinese text: addresses (postgres://用户:密码@主机:5432/库名) and
# examples of JSON syntax ([{"step": 标识, "lag": 间隔天数}]).
SYNTAX = re.compile(r"\S*://\S*|\[\{.*?\}\]")
GLUED_COLON = re.compile(r"""\{%\s*(?:translate|trans)\s+("[^"]*"|'[^']*')[^%]*%\}\s?[:,]""")
# An ASCII colon after a shown value or a label's closing tag ("{{ change.label }}</strong>: "): the value is
# Chinese on a Chinese page, so the separator must come from the catalogue too (inside a blocktranslate it does).
VALUE_COLON = re.compile(r"(?:\}\}|</strong>|</b>|</dt>): ")


def ascii_punctuation(text: str) -> list[str]:
    """The places in ``text`` where ASCII punctuation stands in Chinese text."""
    prose = SYNTAX.sub(" ", text)
    return [prose[max(0, m.start() - 6) : m.end() + 6] for m in ASCII_IN_CHINESE.finditer(prose)]


def test_the_rule_sees_ascii_punctuation_in_chinese_and_leaves_syntax_alone() -> None:
    assert ascii_punctuation("导入: %(name)s")
    assert ascii_punctuation("企业,地块")
    assert ascii_punctuation("项目(新建)")
    assert ascii_punctuation("%(name)s:企业")
    assert not ascii_punctuation("导入：%(name)s，共 %(n)s 条（含 3 条）")
    assert not ascii_punctuation("应为 postgres://用户:密码@主机:5432/库名")
    assert not ascii_punctuation('依赖：[{"step": 标识, "lag": 间隔天数}]。')


def test_no_msgstr_puts_ascii_commas_colons_or_parentheses_in_chinese_text() -> None:
    catalog = parse_po((CATALOG_DIR / "django.po").read_text(encoding="utf-8"))
    found = [
        f"{entry.msgid!r}: {place!r}"
        for entry in catalog
        for msgstr in entry.msgstrs
        for place in ascii_punctuation(msgstr)
    ]
    assert found == []


def test_no_template_glues_an_ascii_colon_to_a_translated_text() -> None:
    found = [
        f"{path.relative_to(PACKAGE_ROOT)}:{number}"
        for path in sorted(PACKAGE_ROOT.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if GLUED_COLON.search(line) or (VALUE_COLON.search(line) and "blocktranslate" not in line)
    ]
    assert found == []


def test_form_labels_end_with_the_full_width_colon() -> None:
    """Django's forms add the translation of ":" to every label; its own Chinese catalogue keeps the ASCII colon
    ("年度:"), the zone's translates it (its msgid is named in core.language, so a catalogue refresh keeps it)."""

    class YearForm(forms.Form):
        year = forms.IntegerField(label="年度")

    with translation.override("zh-hans"):
        assert YearForm()["year"].label_tag() == '<label for="id_year">年度：</label>'
