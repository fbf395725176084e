"""Template filters that write numbers and dates the way Vietnamese officials do."""

from django import template

from cchc.core.text import format_date_long, format_date_short, format_money

register = template.Library()


@register.filter
def money(value) -> str:
    return format_money(value or 0)


@register.filter
def date_vn(value) -> str:
    return format_date_short(value) if value else ""


@register.filter
def date_vn_long(value) -> str:
    return format_date_long(value) if value else ""
