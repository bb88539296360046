from django import template

from activities import rows

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_up_row(context, follow_up):
    """`{% follow_up_row follow_up %}`: the row of activities/rows.py, as the request's user sees it."""
    return rows.follow_up_row(follow_up, context["request"].user)


@register.simple_tag
def logged_today_row(log, scope):
    """`{% logged_today_row log day.scope %}`: a log of My day's "logged today" (its author on a group's day)."""
    return rows.logged_today_row(log, show_author=scope == "group")


@register.simple_tag
def quiet_project_row(project, scope):
    """`{% quiet_project_row project day.scope %}`: a project of My day's 14+ days without contact."""
    return rows.quiet_project_row(project, show_owner=scope == "group")
