"""The shared form rendering puts a checkbox or radio button inside its label, left of the words; and numbers
are grouped by thousands in Chinese (the project's format module), years and ids untouched."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation


class Sample(forms.Form):
    valid_only = forms.BooleanField(label="仅导入有效行", required=False)
    outcome = forms.ChoiceField(
        label="办理结果", choices=[("a", "更正的数据"), ("b", "维持原数据")], widget=forms.RadioSelect
    )
    roles = forms.MultipleChoiceField(
        label="角色", choices=[("x", "管理员")], widget=forms.CheckboxSelectMultiple, required=False
    )


def test_each_box_sits_inside_its_label_before_the_words():
    html = render_to_string("includes/form_fields.html", {"form": Sample()})
    assert re.search(
        r'<label for="id_valid_only"><input type="checkbox"[^>]*><span>仅导入有效行</span></label>', html
    )
    assert re.search(r"<legend>办理结果</legend>", html)
    assert re.search(r'<label for="id_outcome_0"><input type="radio"[^>]*>\s*更正的数据</label>', html)
    assert re.search(r'<label for="id_roles_0"><input type="checkbox"[^>]*>\s*管理员</label>', html)


def test_floatformat_groups_thousands_in_chinese():
    template = Template('{{ tax|floatformat:"0g" }} {{ mu|floatformat:2 }} {{ year }}')
    with translation.override("zh-hans"):
        text = template.render(Context({"tax": Decimal("33558.4"), "mu": Decimal("1465"), "year": 2026}))
    assert text == "33,558 1,465.00 2026"
