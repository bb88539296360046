"""An export: count the list's rows (refused above the cap), record who took what, then hand back the file
to stream. The record is written before the file is sent: an export that left the building is on record
even if the download is interrupted."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from exports import permissions
from exports.models import ExportLog
from exports.sources import SOURCES, Source

DEFAULT_MAX_ROWS = 50_000  # settings.EXPORT_MAX_ROWS, from the environment
OWN_PARAMETERS = ("format", "masked", "page", "compact")  # the export's own, not the list's filter
QUERY_MAX_LENGTH = 1000


def max_rows() -> int:
    return getattr(settings, "EXPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def filter_query(query: QueryDict) -> str:
    """The list's filter as it was asked, without the export's own parameters and the empty ones (a form
    submits every field): what the log keeps and the export links carry."""
    return urlencode(filter_pairs(query))[:QUERY_MAX_LENGTH]


def filter_pairs(query: QueryDict) -> list[tuple[str, str]]:
    return [(key, value) for key, values in query.lists() if key not in OWN_PARAMETERS for value in values if value]


@dataclass
class Export:
    source: Source
    log: ExportLog
    rows: object  # the list's queryset, read in chunks by the writer


@transaction.atomic
def export_start(*, actor: User, kind: str, file_format: str, masked: bool, query: QueryDict) -> Export:
    """Checks who may export what, counts the rows the list holds for this user and filter, refuses more
    than the cap with a message, and records the export."""
    permissions.check_export(actor, masked=masked)
    source = SOURCES[kind]
    rows = source.rows(actor, query)
    cap = max_rows()
    count = rows.order_by().values("pk")[: cap + 1].count()
    if count > cap:
        raise ValidationError(
            _("This list has more than %(cap)s rows, more than one export may hold: narrow the filters.")
            % {"cap": f"{cap:,}"}
        )
    log = ExportLog(
        user=actor, kind=kind, format=file_format, masked=masked, query=filter_query(query), row_count=count
    )
    log.full_clean()
    log.save()
    return Export(source=source, log=log, rows=rows)
