from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from activities.my_day_sections import MY_DAY_SECTIONS

register = template.Library()


@register.simple_tag(takes_context=True)
def my_day_sections(context) -> SafeString:
    """The registered sections (activities/my_day_sections.py); each renders its own (escaped) HTML."""
    return format_html_join("", "{}", ((render(context),) for render in MY_DAY_SECTIONS))
