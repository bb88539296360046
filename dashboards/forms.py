from django import forms

from dashboards.models import Target

FIGURES = ["signed_projects", "billion_projects", "provincial_major_projects", "signed_investment", "contacts_per_week"]


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = FIGURES
