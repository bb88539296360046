"""The company list's "duplicates" button (a list action, core/list_actions.py), for those who may merge."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from merging.permissions import can_merge


def duplicates_link(context) -> str:
    if not can_merge(context["request"].user):
        return ""
    return format_html(
        '<a class="btn btn-outline-secondary btn-sm mb-2 ms-1" id="duplicates-link" href="{}">{}</a>',
        reverse("merging:merge_list"),
        _("Duplicate companies"),
    )
