from django import template

from activities import rows

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_up_row(context, follow_up):
    """`{% follow_up_row follow_up %}`: the row of activities/rows.py, as the request's user sees it."""
    return rows.follow_up_row(follow_up, context["request"].user)
