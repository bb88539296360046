"""Display helpers shared by all templates: `{% load juneng %}`."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from core.reversing import reverse_pk, reverse_plain

register = template.Library()

YI = Decimal("10000")  # 万元 in one 亿元


def _round(value: Decimal, places: str = "0.01") -> Decimal:
    """Half-up to the shown precision (59.9999亿 reads 60.00 亿元, not 59.99): display only; the
    classifications (≥10亿) and sums use the exact stored value."""
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@register.filter
def amount(value, scale=None) -> str:
    """An amount stored in 万元, as people read it: 5,000 万元 / 2.35 亿元 in Chinese, CNY 50.0 m /
    CNY 2.35 bn in English. `{{ value|amount:other }}` picks the unit `other` would be shown in, so that
    figures read side by side (done, target, gap) share one unit."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    # Rounded half-up to what is shown (59.9999亿 reads 60.00 亿元); the unit follows the rounded figure.
    basis = Decimal(scale) if scale not in (None, "") else value
    if (get_language() or "zh-hans").startswith("zh"):
        if abs(_round(basis)) >= YI:
            return f"{number_format(_round(value / YI), 2, force_grouping=True)} 亿元"
        wan = _round(value)
        places = 0 if wan == wan.to_integral_value() else 2
        return f"{number_format(wan, places, force_grouping=True)} 万元"
    if abs(_round(basis * YI / Decimal("1e6"))) >= Decimal("1000"):
        return f"CNY {number_format(_round(value * YI / Decimal('1e9')), 2, force_grouping=True)} bn"
    return f"CNY {number_format(_round(value * YI / Decimal('1e6')), 2, force_grouping=True)} m"


@register.filter
def plain_number(value) -> str:
    """A stored decimal without trailing zeros (1.20 → 1.2, 10.00 → 10); "—" when empty."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value).normalize():f}"


@register.simple_tag
def nav_url(name: str) -> str:
    """`{% url name %}` for a URL without arguments, reversed once per process (and script prefix): the
    layout's two dozen links cost ~75 µs each through `{% url %}` on every page."""
    return reverse_plain(name)


@register.simple_tag
def pk_url(name: str, pk) -> str:
    """`{% url name pk %}` for a route whose one argument is an integer key (core/reversing.py)."""
    return reverse_pk(name, pk)


@register.simple_tag(takes_context=True)
def list_actions(context, list_name: str) -> str:
    """The buttons other apps add to this list page (core/list_actions.py), e.g. the export menu."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from core.list_actions import actions_for

    # each part is escaped unless its action rendered it through a template (a SafeString)
    parts = (conditional_escape(action(context)) for action in actions_for(list_name))
    return mark_safe("".join(parts))  # nosec B703 B308


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


@register.filter
def web_url(value) -> str:
    """The address if it is an http(s) link, else "" — a stored `javascript:` or `data:` address must not
    become a link (Django's escaping keeps it inside the attribute, where the browser still runs it)."""
    from urllib.parse import urlsplit

    text = str(value or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in {"http", "https"} else ""
