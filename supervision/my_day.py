"""The person's open 督办 on My day (registered in SupervisionConfig.ready(), see
core/list_actions.py, "my_day"): red first, at most MY_DAY_ROWS, the count linking to the list. One query;
nothing shown to someone with no open order."""

from django.template.loader import render_to_string
from django.urls import reverse

from supervision.selectors import OPEN, my_open_orders
from supervision.urgency import BADGE, LABELS


def my_day_section(context) -> str:
    request = context["request"]
    orders = my_open_orders(request.user)
    if not orders:
        return ""
    list_url = f"{reverse('supervision:order_list')}?status={OPEN}&responsible={request.user.pk}"
    return render_to_string(
        "supervision/_my_day.html",
        {"orders": orders, "total": orders[0].total, "list_url": list_url, "badges": BADGE, "labels": LABELS},
        request=request,
    )
