from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import GroupWebhook, Kind, ReminderPolicy, ReminderPreference

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ReminderPreferenceForm(forms.ModelForm):
    muted_kinds = forms.MultipleChoiceField(
        label=_("Switch off"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReminderPreference
        fields = ["in_app_enabled", "email_enabled", "quiet_start", "quiet_end", "muted_kinds"]
        widgets = {"quiet_start": TIME, "quiet_end": TIME}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("quiet_start") is None) != (cleaned.get("quiet_end") is None):
            raise forms.ValidationError(_("Give both ends of the quiet hours, or neither."))
        return cleaned


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = [
            "due_time", "due_soon_minutes", "escalate_after_days", "stale_after_days", "stuck_after_days",
            "signoff_after_days", "digest_time", "weekly_digest_weekday",
        ]  # fmt: skip
        widgets = {"due_time": TIME, "digest_time": TIME}


class GroupWebhookForm(forms.ModelForm):
    class Meta:
        model = GroupWebhook
        fields = ["provider", "url", "secret", "is_active"]
        widgets = {"secret": forms.PasswordInput(render_value=True)}
