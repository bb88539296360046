"""What each export holds: the rows of a list page, read through the SAME selectors and filter forms the
page uses (visibility and filters are the list's, never a second rule set), and the columns written for
each row, masked or not. Rows are read in chunks (`iterator`), so an export's memory stays bounded."""

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activities import selectors as activity_selectors
from activities.forms import ActivityFilterForm
from crm import selectors as crm_selectors
from crm.forms import CompanyListQuery
from crm.models import Contact, Registration
from crm.permissions import can_view_company_contacts
from exports.masking import mask_email, mask_handle, mask_name, mask_phone, mask_text
from exports.models import ExportLog
from projects import selectors as project_selectors
from projects.forms import ProjectFilterForm

CHUNK = 500
SEPARATOR = "；"


@dataclass(frozen=True)
class Source:
    kind: str
    list_url: str  # the list page's URL name, where a refused export sends people back
    header: tuple[Promise, ...]
    rows: Callable[[User, QueryDict], QuerySet]
    row: Callable[..., list]


def local(moment: datetime | None) -> datetime | None:
    """An aware time as the center's wall-clock time (a workbook cell has no time zone)."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def person(user: User | None) -> str:
    """A colleague as the center names them: the display name (staff names are not masked)."""
    if user is None:
        return ""
    membership = getattr(user, "membership", None)
    return membership.display_name if membership else (user.get_full_name() or user.get_username())


# --- projects ------------------------------------------------------------------------------------------


def project_rows(user: User, query: QueryDict) -> QuerySet:
    filters = ProjectFilterForm(query or None).filters()
    return project_selectors.project_filter(project_selectors.project_list_for_user(user), filters)


def project_row(project, *, masked: bool) -> list:
    product = mask_text(project.product) if masked else project.product
    return [
        project.name, project.company.name, project.get_stage_display(), project.get_status_display(),
        project.chain.name if project.chain else "", project.get_channel_display(),
        project.owner_team.name if project.owner_team else "", person(project.owner),
        project.planned_investment, project.contracted_amount, project.funds_in_place,
        project.expected_signing_date, project.signed_on, project.construction_started_on,
        project.production_started_on, "✓" if project.is_provincial_major else "",
        "✓" if project.is_high_tech else "", product, local(project.last_contact_at), local(project.updated_at),
    ]  # fmt: skip


PROJECTS = Source(
    kind=ExportLog.Kind.PROJECTS,
    list_url="projects:project_list",
    header=(
        _("Project"),
        _("Investor"),
        _("Stage"),
        _("Status"),
        _("Industry chain"),
        _("Recruiting channel"),
        _("Group"),
        _("Owner"),
        _("Planned investment (万元)"),
        _("Contracted amount (万元)"),
        _("Funds in place (万元)"),
        _("Expected signing"),
        _("Signed on"),
        _("Construction started on"),
        _("Production started on"),
        _("Provincial major"),
        _("High-tech"),
        _("Product"),
        _("Last contact"),
        _("Updated"),
    ),  # fmt: skip
    rows=project_rows,
    row=project_row,
)


# --- companies -----------------------------------------------------------------------------------------


def company_rows(user: User, query: QueryDict) -> QuerySet:
    """The company list's rows, with the groups holding each and its contact people. Contacts are written
    only where the list's rule lets the user see them (crm.permissions.can_view_company_contacts:
    leadership, or the user's group holds the investor), told from the prefetched registrations."""
    companies = crm_selectors.company_list_for_user(user, query=CompanyListQuery(query).values["q"])
    holding = (
        Registration.objects.filter(status=Registration.Status.ACTIVE, expires_at__gt=timezone.now())
        .select_related("team")
        .order_by("registered_at")
    )
    return companies.prefetch_related(
        Prefetch("registrations", queryset=holding, to_attr="holding_registrations"),
        Prefetch("contacts", queryset=Contact.objects.order_by("pk"), to_attr="contact_people"),
    )


def company_row(company, *, masked: bool, user: User) -> list:
    contacts = company.contact_people if can_view_company_contacts(user, company) else []
    name, phone, handle, email = (mask_name, mask_phone, mask_handle, mask_email) if masked else (str,) * 4
    return [
        company.name, company.credit_code or "", company.province, company.city, company.industry,
        company.get_size_display(), SEPARATOR.join(r.team.name for r in company.holding_registrations),
        len(company.contact_people) if contacts else None,
        SEPARATOR.join(f"{name(c.name)}（{c.title}）" if c.title else name(c.name) for c in contacts),
        SEPARATOR.join(phone(c.phone) for c in contacts if c.phone),
        SEPARATOR.join(handle(c.wechat_id) for c in contacts if c.wechat_id),
        SEPARATOR.join(email(c.email) for c in contacts if c.email),
    ]  # fmt: skip


COMPANIES = Source(
    kind=ExportLog.Kind.COMPANIES,
    list_url="crm:company_list",
    header=(
        _("Company"),
        _("Unified social credit code"),
        _("Province"),
        _("City"),
        _("Industry"),
        _("Size"),
        _("Held by"),
        _("Contacts"),
        _("Contact people"),
        _("Phones"),
        _("WeChat IDs"),
        _("Emails"),
    ),  # fmt: skip
    rows=company_rows,
    row=company_row,
)


# --- contact logs (the activity list) --------------------------------------------------------------------


def activity_rows(user: User, query: QueryDict) -> QuerySet:
    projects = project_selectors.project_list_for_user(user)
    filters = ActivityFilterForm(query or None, projects=projects).filters()
    logs = activity_selectors.activity_filter(activity_selectors.contact_log_list_for_user(user), filters)
    # the company's people too: a summary may name one the log does not link
    return logs.prefetch_related(Prefetch("company__contacts", queryset=Contact.objects.only("company", "name")))


def _known_names(log) -> list[str]:
    names = [contact.name for contact in log.contacts.all()]
    if log.company_id:
        names += [contact.name for contact in log.company.contacts.all()]
    return names


def activity_row(log, *, masked: bool) -> list:
    spoke_with = [contact.name for contact in log.contacts.all()]
    texts = [log.summary, log.outcome, log.next_step]
    if masked:
        names = _known_names(log)
        spoke_with = [mask_name(name) for name in spoke_with]
        texts = [mask_text(text, names=names) for text in texts]
    return [
        local(log.occurred_at), log.get_channel_display(), log.project.name if log.project else "",
        log.company.name if log.company else "", person(log.author), log.team.name if log.team else "",
        SEPARATOR.join(person(p) for p in log.participants.all()), SEPARATOR.join(spoke_with),
        log.month_ordinal, log.duration_minutes, *texts,
    ]  # fmt: skip


ACTIVITY = Source(
    kind=ExportLog.Kind.ACTIVITY,
    list_url="activities:activity_list",
    header=(
        _("When"),
        _("Channel"),
        _("Project"),
        _("Investor"),
        _("Logged by"),
        _("Group"),
        _("Colleagues"),
        _("Spoke with"),
        _("Contact this month (Nth)"),
        _("Minutes"),
        _("Summary"),
        _("Outcome"),
        _("Next step"),
    ),  # fmt: skip
    rows=activity_rows,
    row=activity_row,
)


# --- follow-ups ----------------------------------------------------------------------------------------


def follow_up_rows(user: User, query: QueryDict) -> QuerySet:
    follow_ups = activity_selectors.follow_up_filter(activity_selectors.follow_up_list_for_user(user), query)
    return follow_ups.prefetch_related(Prefetch("company__contacts", queryset=Contact.objects.only("company", "name")))


def follow_up_row(follow_up, *, masked: bool) -> list:
    title = follow_up.title
    if masked:
        names = [contact.name for contact in follow_up.company.contacts.all()] if follow_up.company_id else []
        title = mask_text(title, names=names)
    return [
        follow_up.due_date, follow_up.due_time, title, follow_up.project.name if follow_up.project else "",
        follow_up.company.name if follow_up.company else "", person(follow_up.owner),
        follow_up.team.name if follow_up.team else "", follow_up.get_status_display(), local(follow_up.done_at),
    ]  # fmt: skip


FOLLOW_UPS = Source(
    kind=ExportLog.Kind.FOLLOW_UPS,
    list_url="activities:follow_up_list",
    header=(
        _("Due on"),
        _("At"),
        _("Follow-up"),
        _("Project"),
        _("Investor"),
        _("Owner"),
        _("Group"),
        _("Status"),
        _("Done at"),
    ),  # fmt: skip
    rows=follow_up_rows,
    row=follow_up_row,
)

SOURCES = {source.kind: source for source in (PROJECTS, COMPANIES, ACTIVITY, FOLLOW_UPS)}


def iter_rows(source: Source, queryset: QuerySet, *, masked: bool, user: User, limit: int) -> Iterator[list]:
    """The rows, read CHUNK at a time. A row with a one-to-one relation selected (a person and their
    membership) forms a reference cycle, which only the garbage collector frees; after surviving the young
    generations while its chunk was read it would wait for a rare full collection, so memory would grow with
    the rows: each chunk is collected once it is written."""
    extra = {"user": user} if source is COMPANIES else {}
    for n, item in enumerate(queryset[:limit].iterator(chunk_size=CHUNK), 1):
        yield source.row(item, masked=masked, **extra)
        if n % CHUNK == 0:
            gc.collect()
