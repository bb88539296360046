from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainmapConfig(AppConfig):
    name = "chainmap"
    verbose_name = _("Industry-chain map")

    def ready(self) -> None:
        from chainmap import figures
        from dashboards import panels

        panels.register(figures.chain_gaps_panel)
