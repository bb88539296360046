"""The dashboard card counts open orders by group and colour and the year's closed on time (%); the
directors' weekly digest gets a line."""

from datetime import date, timedelta

import time_machine
from django.utils import translation

from dashboards.selectors import Scope
from supervision import services
from supervision.figures import supervision_panel
from supervision.reminders import weekly_digest_line
from tests.supervision.conftest import at, issue


def test_open_by_group_and_colour_and_closed_on_time(center):
    red = issue(center, due_on=date(2026, 11, 10))
    issue(center, due_on=date(2026, 11, 30))
    on_time = issue(center, due_on=date(2026, 11, 12))
    late = issue(center, due_on=date(2026, 11, 5))
    with time_machine.travel(at(date(2026, 11, 11)), tick=False):
        services.order_close(actor=center["director"].user, order=on_time)
        services.order_close(actor=center["director"].user, order=late)
        panel = supervision_panel(center["director"].user, Scope(year=2026))
        with translation.override("en"):
            line = weekly_digest_line(date(2026, 11, 11))
    rows = {row["team"].pk: row for row in panel.data["rows"]}
    own = rows[center["leader"].team_id]
    assert [count for count, _url in own["cells"]] == [1, 0, 1]  # red, yellow, blue
    assert f"team={center['leader'].team_id}" in own["cells"][0][1] and "colour=red" in own["cells"][0][1]
    assert rows[center["other_leader"].team_id]["total"] == 0
    assert (panel.data["closed"], panel.data["on_time"], panel.data["on_time_percent"]) == (2, 1, 50)
    with time_machine.travel(at(date(2026, 11, 11)), tick=False):
        earlier = supervision_panel(center["director"].user, Scope(year=2025))
    assert (earlier.data["closed"], earlier.data["on_time"], earlier.data["on_time_percent"]) == (0, 0, None)
    earlier_own = next(row for row in earlier.data["rows"] if row["team"].pk == own["team"].pk)
    assert [count for count, _url in earlier_own["cells"]] == [1, 0, 1]  # what is open is open in any year
    assert line.startswith("Supervision orders: 1 red, 0 yellow, 1 blue · closed in 7 days: 2 (1 on time)"), line
    assert red.due_on < date(2026, 11, 11)
    group = supervision_panel(center["leader"].user, Scope(year=2026, team=center["leader"].team))
    assert len(group.data["rows"]) == 1
    assert weekly_digest_line(date(2026, 11, 11) + timedelta(days=400)) != ""  # still open: still reported
