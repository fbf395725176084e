"""Officials type dates day first, as every Vietnamese form does."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation
from wagtail.admin.widgets import AdminDateInput


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("05/04/2026", dt.date(2026, 4, 5)),
        ("5/4/2026", dt.date(2026, 4, 5)),
        ("31-12-2022", dt.date(2022, 12, 31)),
        ("2026-04-05", dt.date(2026, 4, 5)),  # what a browser's date picker sends
    ],
)
def test_a_date_typed_day_first_means_that_day(typed, meant):
    with translation.override("vi"):
        assert forms.DateField().clean(typed) == meant


def test_a_month_that_does_not_exist_is_refused_not_swapped():
    with translation.override("vi"), pytest.raises(forms.ValidationError):
        forms.DateField().clean("04/13/2026")  # an American-order date: month 13


def test_the_admins_date_field_shows_the_day_first():
    with translation.override("vi"):
        html = AdminDateInput().render("reported_on", dt.date(2026, 4, 5))
    assert 'value="05/04/2026"' in html
