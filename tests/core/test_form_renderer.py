"""The Python-written selects and inputs give the markup Django's own templates give (whitespace between
tags aside), escaping included; every other widget still renders through the templates."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from core.form_renderer import FormRenderer
from teams.models import Team
from tests.factories import TeamFactory


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


class Everything(forms.Form):
    name = forms.CharField(max_length=20, initial='"><script>alert(1)</script>', help_text="x")
    hidden = forms.IntegerField(widget=forms.HiddenInput, initial=7)
    count = forms.IntegerField(min_value=0, max_value=10, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "disabled": True, "data-x": False}))
    stage = forms.ChoiceField(choices=[("", _("All stages")), ("lead", "线索"), ("a&b", '<b>"x"</b>')], initial="a&b")
    grouped = forms.ChoiceField(choices=[("组一", [("1", "一"), ("2", "二")]), ("3", "三")], initial="2")
    many = forms.MultipleChoiceField(choices=[("1", "一"), ("2", "二"), ("3", "三")], initial=["1", "3"])
    team = forms.ModelChoiceField(queryset=Team.objects.order_by("pk"), required=False)
    agree = forms.BooleanField(required=False)
    notes = forms.CharField(widget=forms.Textarea)
    kind = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)


@pytest.mark.django_db
def test_fast_widgets_match_djangos_templates():
    TeamFactory(name="招商一组")
    TeamFactory(name='<i>"二组"</i>')
    for data in (None, {"name": "王帅", "stage": "lead", "many": ["2"], "count": "3", "day": "2026-12-02"}):
        ours, django = Everything(data, renderer=FormRenderer()), Everything(data, renderer=DjangoTemplates())
        for name in ours.fields:
            assert _same(str(ours[name])) == _same(str(django[name])), name
    html = str(Everything(renderer=FormRenderer())["name"])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_project_renders_forms_with_it(settings):
    assert settings.FORM_RENDERER == "core.form_renderer.FormRenderer"
