"""A follow-up's row — on My day, on the follow-up list and as the answer to its Done / Tomorrow / Reschedule
buttons (htmx swaps the row) — written here rather than as a template partial: My day shows up to thirty on
every visit of the landing page, and the partial's ~25 template nodes cost ~0.2 ms a row, this ~0.02 ms.
Every value goes through `format_html` (escaped); the template tag `{% follow_up_row %}` (activities_rows)
renders it in a page."""

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from activities.models import FollowUp
from core.reversing import reverse_pk

BUTTONS = (
    '<div class="btn-group btn-group-sm align-self-start" role="group">'
    '<button class="btn btn-success" hx-post="{done}" hx-target="#follow-up-{pk}" hx-swap="outerHTML">{done_label}'
    "</button>"
    '<button class="btn btn-outline-secondary" hx-post="{snooze}" hx-target="#follow-up-{pk}" hx-swap="outerHTML"'
    ' title="{snooze_title}">{snooze_label}</button>'
    '<button class="btn btn-outline-secondary" type="button" data-bs-toggle="collapse"'
    ' data-bs-target="#reschedule-{pk}" aria-expanded="false">{reschedule_label}</button>'
    "</div>"
)
STRUCK = mark_safe(' class="text-decoration-line-through"')  # nosec B308 B703 (a constant)
RESCHEDULE_FORM = (
    '<form class="collapse row g-1 mt-1" id="reschedule-{pk}" hx-post="{reschedule}" hx-target="#follow-up-{pk}"'
    ' hx-swap="outerHTML">'
    '<div class="col-6"><input class="form-control form-control-sm" type="date" name="due_date" required'
    ' aria-label="{date_label}"></div>'
    '<div class="col-3"><input class="form-control form-control-sm" type="time" name="due_time"'
    ' aria-label="{time_label}"></div>'
    '<div class="col-3"><button class="btn btn-sm btn-primary w-100" type="submit">{save_label}</button></div>'
    "</form>"
)


def _display_name(user: User | None) -> str:
    try:
        return user.membership.display_name if user else ""
    except ObjectDoesNotExist:
        return user.get_username()


def follow_up_row(follow_up: FollowUp, viewer: User, *, error: str | None = None) -> SafeString:
    """The `<li>` of one follow-up as `viewer` sees it: title, due date and time, project (or company), the
    owner when it is someone else, the status once closed, an error of the last action, and — while it is
    open — its buttons and the reschedule form."""
    is_open = follow_up.status == FollowUp.Status.OPEN
    when = follow_up.due_date.strftime("%m-%d")
    if follow_up.due_time:
        when += follow_up.due_time.strftime(" %H:%M")
    if follow_up.project_id:
        where = format_html('<a href="{}">{}</a>', follow_up.project.get_absolute_url(), follow_up.project.name)
    else:
        where = follow_up.company.name if follow_up.company_id else ""
    parts = [format_html("{} · {}", when, where)]
    if follow_up.owner_id != viewer.pk:
        parts.append(format_html(" · {}", _display_name(follow_up.owner)))
    if not is_open:
        parts.append(format_html(" · <strong>{}</strong>", follow_up.get_status_display()))
    pk = follow_up.pk
    actions = form = ""
    if is_open:
        actions = format_html(
            BUTTONS,
            pk=pk,
            done=reverse_pk("activities:follow_up_done", pk),
            snooze=reverse_pk("activities:follow_up_snooze", pk),
            done_label=gettext("Done"),
            snooze_title=gettext("One day later"),
            snooze_label=gettext("Tomorrow"),
            reschedule_label=gettext("Reschedule"),
        )
        form = format_html(
            RESCHEDULE_FORM,
            pk=pk,
            reschedule=reverse_pk("activities:follow_up_reschedule", pk),
            date_label=gettext("New date"),
            time_label=gettext("at"),
            save_label=gettext("Save"),
        )
    return format_html(
        '<li class="py-2 border-bottom follow-up{muted}" id="follow-up-{pk}">'
        '<div class="d-flex flex-wrap justify-content-between gap-2"><div>'
        "<div{struck}>{title}</div>"
        '<div class="small text-body-secondary">{details}</div>{error}'
        "</div>{actions}</div>{form}</li>",
        muted="" if is_open else " text-body-secondary",
        pk=pk,
        struck=STRUCK if follow_up.status == FollowUp.Status.DONE else "",
        title=follow_up.title,
        details=mark_safe("".join(parts)),  # nosec B308 B703 (each part went through format_html)
        error=format_html('<div class="small text-danger">{}</div>', error) if error else "",
        actions=actions,
        form=form,
    )
