"""Two exports on record in the demo center, so that the export log shows what it keeps: the director's
full list of the ≥10亿 projects, a recruiter's masked video calls. Each row count is what that export
would hold now (the list's own rows). Known by user, list and filter: running the seed again adds nothing."""

from django.contrib.auth.models import User
from django.http import QueryDict

from exports.models import ExportLog
from exports.sources import SOURCES

DEMO_EXPORTS = [
    # username, list, format, masked, filter
    ("maxiang", ExportLog.Kind.PROJECTS, ExportLog.Format.XLSX, False, "size=10"),
    ("wangshuai", ExportLog.Kind.ACTIVITY, ExportLog.Format.CSV, True, "channel=video"),
]


def seed_demo_exports() -> int:
    users = {user.username: user for user in User.objects.filter(username__in=[row[0] for row in DEMO_EXPORTS])}
    for username, kind, file_format, masked, query in DEMO_EXPORTS:
        if (user := users.get(username)) is None:
            continue
        rows = SOURCES[kind].rows(user, QueryDict(query)).order_by().values("pk").count()
        ExportLog.objects.get_or_create(
            user=user, kind=kind, query=query, defaults={"format": file_format, "masked": masked, "row_count": rows}
        )
    return ExportLog.objects.count()
