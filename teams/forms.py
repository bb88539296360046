from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import validate_chinese_phone
from teams.models import Membership, Team


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "code", "is_active"]


class TeamLeaderForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("Group leader"), queryset=User.objects.none(), required=False, empty_label=_("(no leader)")
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the group's own active members; the service still checks, so a forged id gets an error.
        self.fields["leader"].queryset = User.objects.filter(membership__team=team, is_active=True).order_by(
            "membership__display_name"
        )
        self.fields["leader"].label_from_instance = lambda user: user.membership.display_name


class MemberContactFields(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False, validators=[validate_chinese_phone])
    wechat_id = forms.CharField(label=_("WeChat ID"), max_length=50, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    # Hidden until the service warns that another member has this name; then a checkbox to confirm.
    confirm_same_name = forms.BooleanField(
        label=_("This is another person with the same name"), required=False, widget=forms.HiddenInput
    )

    def offer_same_name_confirmation(self, error: ValidationError) -> None:
        """After the service's same-name warning, show the checkbox that confirms a namesake."""
        errors = getattr(error, "error_dict", {}).get("display_name", [])
        if any(item.code == "same_name" for item in errors):
            self.fields["confirm_same_name"].widget = forms.CheckboxInput()


class MemberCreateForm(MemberContactFields):
    username = forms.RegexField(
        label=_("Login name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and . @ + - _ only, e.g. the name in pinyin."),
    )
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput(render_value=True))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.RECRUITER)
    team = forms.ModelChoiceField(label=_("Group"), queryset=Team.objects.filter(is_active=True), required=False)

    field_order = [
        "username", "display_name", "confirm_same_name", "password", "role", "team", "phone", "wechat_id", "email",
    ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in Membership.TEAM_ROLES and not cleaned.get("team"):
            self.add_error("team", _("Recruiters and group leaders must belong to a group."))
        if cleaned.get("role") not in Membership.TEAM_ROLES:
            cleaned["team"] = None
        return cleaned


class MemberUpdateForm(MemberContactFields):
    pass


class MemberMoveForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Move to group"), queryset=Team.objects.filter(is_active=True))


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=Membership.Role.choices)
    team = forms.ModelChoiceField(
        label=_("Group (for a recruiter)"), queryset=Team.objects.filter(is_active=True), required=False
    )


class MemberPasswordForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)
