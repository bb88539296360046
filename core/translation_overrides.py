"""Django's own messages that read wrong in Chinese, listed here so that `make messages` keeps them in
our catalog, whose translations win over Django's (LOCALE_PATHS come last and take precedence).

- Django 6.1's empty choice of every optional select, "- Select an option -", has no Chinese yet.
- Django's zh_Hans timesince says "2 月" (which reads as February) where Chinese says "2个月"; the other
  units lose their space too, so "上次联系于2个月前", "3天前" read naturally.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")

TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}
