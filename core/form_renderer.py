"""The form renderer: Django's templates for every widget, except the ones a page renders by the dozen —
selects with their options and the plain inputs — which are written here in Python with the same markup
(Django's `select.html` includes two templates per option: a filter bar's selects cost ~1 ms each through
the template engine, ~0.05 ms here). Set as FORM_RENDERER; crispy-forms renders widgets through it too."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{kind}.html" for kind in ("text", "hidden", "number", "email", "url", "password", "date",
                                                "datetime", "time", "search", "tel", "color", "input")}  # fmt: skip
SELECT = f"{WIDGETS}select.html"


def render_attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_input(widget: dict) -> SafeString:
    value = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
    # Every value below is escaped (conditional_escape, format_html): what Django's template would do.
    return mark_safe(  # nosec B703 B308
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{render_attrs(widget['attrs'])}>"
    )


def render_select(widget: dict) -> SafeString:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{render_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{render_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # nosec B703 B308 (each name, value and label escaped above)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT and context["widget"].get("template_name") == SELECT:
            return render_select(context["widget"])
        if template_name in INPUTS and context["widget"].get("template_name") == template_name:
            return render_input(context["widget"])
        return super().render(template_name, context, request)
