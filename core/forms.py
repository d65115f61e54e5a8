from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from core.accounts import normalise_email


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("Wrong e-mail or password. Note that the password is case-sensitive."),
        "inactive": _("This account is not active."),
    }

    def clean_username(self) -> str:
        # The same spelling the login throttling counts (core.accounts.axes_username) reaches authenticate.
        return normalise_email(self.cleaned_data.get("username"))


class InvitationAcceptForm(SetPasswordForm):
    """Set the first password from an invitation link."""
