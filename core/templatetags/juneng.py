"""Display helpers shared by all templates: `{% load juneng %}`."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()

YI = Decimal("10000")  # 万元 in one 亿元


@register.filter
def amount(value) -> str:
    """An amount stored in 万元, as people read it: 5,000 万元 / 2.35 亿元 in Chinese, CNY 50.0 m /
    CNY 2.35 bn in English."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    if (get_language() or "zh-hans").startswith("zh"):
        if abs(value) >= YI:
            return f"{number_format(value / YI, 2, force_grouping=True)} 亿元"
        places = 0 if value == value.to_integral_value() else 2
        return f"{number_format(value, places, force_grouping=True)} 万元"
    cny = value * YI
    if abs(cny) >= Decimal("1e9"):
        return f"CNY {number_format(cny / Decimal('1e9'), 2, force_grouping=True)} bn"
    return f"CNY {number_format(cny / Decimal('1e6'), 2, force_grouping=True)} m"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL's query string with `page` set to `number` (filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: a dictionary value by a variable key (None when absent)."""
    return mapping.get(key) if mapping else None
