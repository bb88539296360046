"""What a merge did: which record went into which, what moved (counted per kind of row), who, when. Written
only by `merging.services`; the survivor keeps the record, the merged one is gone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MergeRecord(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Companies")
        CONTACT = "contact", _("Contacts")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    survivor_company = models.ForeignKey(
        "crm.Company", verbose_name=_("kept company"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="merge_records",
    )  # fmt: skip
    survivor_contact = models.ForeignKey(
        "crm.Contact", verbose_name=_("kept contact"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="merge_records",
    )  # fmt: skip
    survivor_label = models.CharField(_("kept"), max_length=200)
    merged_label = models.CharField(_("merged"), max_length=200)
    merged_pk = models.PositiveBigIntegerField(_("merged id"))
    merged_details = models.JSONField(_("merged record"), default=dict)  # its fields as they were
    moved = models.JSONField(_("moved"), default=dict)  # {"projects": 3, "contacts": 2, …}
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_label} → {self.survivor_label}"

    @property
    def moved_rows(self) -> list[tuple[str, int]]:
        """(what, how many) from `moved`'s keys ("projects.Project.company"), named in the UI language."""
        from django.apps import apps

        rows = []
        for key, count in self.moved.items():
            label = str(_("registrations released")) if key == "released registrations" else key
            if key.count(".") == 2:
                app_label, model_name, _field = key.split(".")
                try:
                    label = str(apps.get_model(app_label, model_name)._meta.verbose_name_plural)
                except LookupError:  # a table removed since
                    pass
            rows.append((label, count))
        return rows
