from django import template
from django.urls import reverse

from crm.extensions import COMPANY_PAGE_LINKS

register = template.Library()


@register.simple_tag(takes_context=True)
def company_page_links(context, company) -> list[dict]:
    """The registered links (crm/extensions.py) this user may follow from this company's page."""
    user = context["request"].user
    return [
        {"label": link.label, "url": reverse(link.url_name, args=[company.pk]), "id": link.element_id}
        for link in COMPANY_PAGE_LINKS
        if link.allowed(user, company)
    ]
