"""Accessibility of the shared templates: sortable headers state their order, help texts carry the id that
Django's aria-describedby points at."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.template import Context, RequestContext, Template

SORT_HEADER = Template(
    '{% include "includes/sort_th.html" with field="name" label="名称" current=current th_class="num" %}'
)


def test_a_sortable_header_states_its_order(rf) -> None:  # type: ignore[no-untyped-def]
    for current, order in (("name", "ascending"), ("-name", "descending"), ("total", None)):
        request = rf.get("/", {"sort": current})
        request.user = AnonymousUser()
        html = SORT_HEADER.render(RequestContext(request, {"current": current}))
        header = re.search(r"<th [^>]*>", html)
        assert header is not None
        assert header.group(0) == (
            f'<th scope="col" class="num" aria-sort="{order}">' if order else '<th scope="col" class="num">'
        )


class _Form(forms.Form):
    tax = forms.DecimalField(label="实缴税金", help_text="单位：万元")


def test_a_help_text_has_the_id_the_input_points_at() -> None:
    html = Template('{% include "includes/form_fields.html" %}').render(Context({"form": _Form()}))
    described_by = re.search(r'aria-describedby="([^"]+)"', html)
    assert described_by is not None
    assert f'id="{described_by.group(1)}">单位：万元<' in html
