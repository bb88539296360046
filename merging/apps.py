from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MergingConfig(AppConfig):
    name = "merging"
    verbose_name = _("Merging duplicates")

    def ready(self) -> None:
        from core.list_actions import register_list_action
        from crm.extensions import CompanyLink, register_company_link
        from merging.menu import duplicates_link
        from merging.permissions import can_merge

        register_list_action("companies", duplicates_link)

        register_company_link(
            CompanyLink(
                label=_("Merge a duplicate into this company"),
                url_name="merging:company_merge_into",
                allowed=lambda user, company: can_merge(user),
                element_id="merge-link",
            )
        )
        register_company_link(
            CompanyLink(
                label=_("Merge duplicate contacts"),
                url_name="merging:contact_merge",
                allowed=lambda user, company: can_merge(user),
                element_id="merge-contacts-link",
            )
        )
