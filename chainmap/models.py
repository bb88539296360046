"""The industry-chain map (招商图谱): the target companies the center wants in each link of a chain.

This app sits above `projects` and `crm` (teams ← crm ← projects ← chainmap): a target points at its chain
link and, once turned into a lead, at the project; the projects app knows nothing of targets. The map's
figures (projects per stage, landed companies, the strong/thin/gap classification) are read from the
projects themselves by chainmap/selectors.py; only the targets are stored here. One name per link: the
normalised name (crm.identity) is unique within a link, a database constraint."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import ChainLink, Project

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 200
LOCATION_MAX_LENGTH = 100
NOTES_MAX_LENGTH = 2000


class TargetCompany(models.Model):
    """A company the center wants in a link of an industry chain (招商目标企业)."""

    link = models.ForeignKey(
        ChainLink, verbose_name=_("chain link"), on_delete=models.PROTECT, related_name="target_companies"
    )
    name = models.CharField(_("company name"), max_length=NAME_MAX_LENGTH)
    normalized_name = models.CharField(max_length=NAME_MAX_LENGTH, editable=False)
    location = models.CharField(
        _("where it is"), max_length=LOCATION_MAX_LENGTH, blank=True, help_text=_("city or province, e.g. 宁波市")
    )
    is_chain_leader = models.BooleanField(
        _("chain leader (链主/龙头)"), default=False, help_text=_("a leading company of the chain")
    )
    notes = models.TextField(_("notes"), blank=True)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("the project this target was turned into"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "normalized_name"])

    class Meta:
        ordering = ["-is_chain_leader", "name", "pk"]
        verbose_name = _("target company")
        verbose_name_plural = _("target companies")
        constraints = [
            models.UniqueConstraint(fields=["link", "normalized_name"], name="target_company_unique_in_link"),
        ]
        indexes = [models.Index(fields=["link", "project"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chainmap:target_list") + f"?link={self.link_id}"

    @property
    def is_converted(self) -> bool:
        return self.project_id is not None
