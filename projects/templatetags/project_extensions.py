from django import template
from django.urls import reverse

from projects.extensions import PROJECT_PAGE_LINKS

register = template.Library()


@register.simple_tag(takes_context=True)
def project_page_links(context, project) -> list[dict]:
    """The registered links (projects/extensions.py) this user may follow from this project's page."""
    user = context["request"].user
    return [
        {"label": link.label, "url": reverse(link.url_name, args=[project.pk]), "id": link.element_id}
        for link in PROJECT_PAGE_LINKS
        if link.allowed(user, project)
    ]
