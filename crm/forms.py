"""Input shape of the crm pages. The fields come from the models (labels, lengths, validators, help texts);
the business rules (duplicates, who may do what) stay in crm.services."""

from django import forms
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.query import QueryForm, SearchField
from crm.identity import normalize_credit_code, validate_credit_code
from crm.models import Company, Contact, RegistrationPolicy


def _model_field(model, name: str, **kwargs) -> forms.Field:
    return model._meta.get_field(name).formfield(**kwargs)


class CompanyForm(forms.Form):
    name = _model_field(Company, "name")
    # Longer than the 18 stored characters: pasted codes often carry spaces or full-width characters.
    credit_code = forms.CharField(
        label=capfirst(Company._meta.get_field("credit_code").verbose_name),
        help_text=Company._meta.get_field("credit_code").help_text,
        max_length=40,
        required=False,
    )
    province = _model_field(Company, "province")
    city = _model_field(Company, "city")
    industry = _model_field(Company, "industry")
    size = _model_field(Company, "size")
    website = _model_field(Company, "website")
    notes = _model_field(Company, "notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, exclude_pk: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Typing a name or a code asks the server for companies already recorded (near-duplicates).
        suggest_url = reverse("crm:company_suggest")
        if exclude_pk is not None:
            suggest_url += f"?exclude={exclude_pk}"
        for field, other in (("name", "credit_code"), ("credit_code", "name")):
            self.fields[field].widget.attrs.update(
                {
                    "hx-get": suggest_url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#company-suggestions",
                    "hx-include": f"#id_{other}",
                    "hx-sync": "closest form:replace",
                    "autocomplete": "off",
                }
            )

    def clean_credit_code(self) -> str:
        code = normalize_credit_code(self.cleaned_data["credit_code"])
        if code:
            validate_credit_code(code)
        return code

    @classmethod
    def initial_for(cls, company: Company) -> dict:
        return {name: getattr(company, name) or "" for name in cls.base_fields}


class ContactForm(forms.Form):
    name = _model_field(Contact, "name")
    title = _model_field(Contact, "title")
    phone = _model_field(Contact, "phone")
    wechat_id = _model_field(Contact, "wechat_id")
    email = _model_field(Contact, "email")
    notes = _model_field(Contact, "notes")

    @classmethod
    def initial_for(cls, contact: Contact) -> dict:
        return {name: getattr(contact, name) for name in cls.base_fields}


class ConflictClaimForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should your group work on this investor?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The director reads this together with the holding group's registration."),
    )


class RegistrationPolicyForm(forms.Form):
    protection_days = _model_field(RegistrationPolicy, "protection_days")


class CompanyListQuery(QueryForm):
    """The company list's search (the list page and its export read the same one)."""

    q = SearchField()
