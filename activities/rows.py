"""The rows of My day's lists — a follow-up (also on the follow-up list and as the answer to its Done /
Tomorrow / Reschedule buttons: htmx swaps the row), a log of today, a quiet project — written here rather
than as template partials: My day shows up to fifty on every visit of the landing page, and a partial's
template nodes cost ~0.1–0.2 ms a row, these ~0.02–0.05 ms. Every value goes through `format_html` (escaped);
the labels of a row's buttons and form are put into its markup once per language (`_markup`). The template
tags of `activities_rows` render them in a page."""

from functools import cache

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import get_language, gettext

from activities.models import Channel, ContactLog, FollowUp
from core.reversing import reverse_pk
from projects.models import Project
from projects.stages import Stage

CHANNEL_LABELS = dict(Channel.choices)  # lazy labels: translated when shown, as get_channel_display() does
STAGE_LABELS = dict(Stage.choices)
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


@cache
def _markup(language: str) -> tuple[str, str]:
    """BUTTONS and RESCHEDULE_FORM with their labels in `language` (escaped, braces doubled), leaving the
    row's own values to fill."""

    def label(text: str) -> str:
        return escape(text).replace("{", "{{").replace("}", "}}")

    keep = {name: "{" + name + "}" for name in ("pk", "done", "snooze", "reschedule")}
    buttons = BUTTONS.format(
        **keep, done_label=label(gettext("Done")), snooze_title=label(gettext("One day later")),
        snooze_label=label(gettext("Tomorrow")), reschedule_label=label(gettext("Reschedule")),
    )  # fmt: skip
    form = RESCHEDULE_FORM.format(
        **keep,
        date_label=label(gettext("New date")),
        time_label=label(gettext("at")),
        save_label=label(gettext("Save")),
    )
    return buttons, form


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
        buttons, reschedule_form = _markup(get_language())
        actions = format_html(
            buttons,
            pk=pk,
            done=reverse_pk("activities:follow_up_done", pk),
            snooze=reverse_pk("activities:follow_up_snooze", pk),
        )
        form = format_html(reschedule_form, pk=pk, reschedule=reverse_pk("activities:follow_up_reschedule", pk))
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


def logged_today_row(log: ContactLog, *, show_author: bool) -> SafeString:
    """A log of today on My day: channel, time, project (or company, and then the log itself as the link),
    the author on a group's day, and the month's ordinal (`with_ordinals`) when it has one."""
    if log.project_id:
        url, name = log.project.get_absolute_url(), log.project.name
    else:
        url, name = log.get_absolute_url(), log.company.name if log.company_id else ""
    ordinal = ""
    if getattr(log, "month_ordinal", None):
        ordinal = format_html(
            ' <span class="text-body-secondary">({})</span>', gettext("No. %(n)s this month") % {"n": log.month_ordinal}
        )
    return format_html(
        '<li class="py-1 border-bottom"><span class="badge text-bg-primary">{}</span> {} · <a href="{}">{}</a>{}{}'
        "</li>",
        CHANNEL_LABELS.get(log.channel, log.channel),
        timezone.localtime(log.occurred_at).strftime("%H:%M"),
        url,
        name,
        format_html(" · {}", _display_name(log.author)) if show_author else "",
        ordinal,
    )


def quiet_project_row(project: Project, *, show_owner: bool) -> SafeString:
    """A project without contact for 14+ days on My day: name, stage, how long since the last contact (or
    never), the owner on a group's day."""
    if project.last_contact_at:
        since = gettext("last contact %(since)s ago") % {"since": timesince(project.last_contact_at)}
    else:
        since = gettext("never contacted")
    return format_html(
        '<li class="py-1 border-bottom"><a href="{}">{}</a> · {} <span class="text-body-secondary">{}</span>{}</li>',
        project.get_absolute_url(),
        project.name,
        STAGE_LABELS.get(project.stage, project.stage),
        since,
        format_html(" · {}", _display_name(project.owner)) if show_owner else "",
    )
