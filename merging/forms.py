from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.autocomplete import AutocompleteSelect
from crm.models import Company, Contact


def _company_field(label):
    return forms.ModelChoiceField(
        label=label,
        queryset=Company.objects.all(),
        required=False,
        widget=AutocompleteSelect(
            url=reverse_lazy("crm:company_autocomplete"), placeholder=_("Type a name or credit code")
        ),
    )


class CompanyPairForm(forms.Form):
    """The two companies to compare (a GET form: choosing them changes nothing)."""

    a = _company_field(_("Company"))
    b = _company_field(_("Its duplicate"))


class CompanyMergeForm(forms.Form):
    keep = forms.ChoiceField(label=_("Keep"), widget=forms.RadioSelect, choices=[("a", "a"), ("b", "b")])
    confirm = forms.BooleanField(
        label=_(
            "I have checked that these are the same investor: the other one's rows move to the one kept, "
            "and it is deleted."
        ),
    )

    def __init__(self, *args, first: Company, second: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [("a", first.name), ("b", second.name)]


class ContactMergeForm(forms.Form):
    keep = forms.ModelChoiceField(label=_("Keep"), queryset=Contact.objects.none(), widget=forms.RadioSelect)
    merged = forms.ModelChoiceField(label=_("Merge into it"), queryset=Contact.objects.none(), widget=forms.RadioSelect)
    confirm = forms.BooleanField(label=_("I have checked that these are the same person."))

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        contacts = company.contacts.order_by("name", "pk")[:50]  # a company's people: a handful
        for name in ("keep", "merged"):
            self.fields[name].queryset = Contact.objects.filter(pk__in=[c.pk for c in contacts]).order_by("name", "pk")
            self.fields[name].label_from_instance = lambda c: " · ".join(x for x in (c.name, c.title, c.phone) if x)

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("merged"):
            raise forms.ValidationError(_("Choose two different contacts."))
        return data
