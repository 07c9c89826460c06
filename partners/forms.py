from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from partners.models import User
from partners.permissions import assignable_roles


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label="Mot de passe", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie (le mot de passe "
        "distingue majuscules et minuscules).",
        "inactive": "Ce compte est désactivé.",
    }


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="Adresse e-mail", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        # Unlike Django's default, accounts still awaiting activation may ask for a new link.
        return User.objects.active().filter(email__iexact=email.strip())


class ChoosePasswordForm(SetPasswordForm):
    new_password1 = forms.CharField(
        label="Nouveau mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class AccountForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role"]
        help_texts = {"email": "Adresse professionnelle : le lien d'activation y sera envoyé."}

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in assignable_roles(manager)]
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email

    def _post_clean(self):
        # The instance is changed by the service function only, never by the form itself.
        pass


class AccountFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher (nom ou e-mail)", required=False, max_length=100)
    role = forms.ChoiceField(
        label="Rôle", required=False, choices=[("", "Tous les rôles"), *User._meta.get_field("role").choices]
    )
    active = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous"), ("1", "Actifs"), ("0", "Désactivés")]
    )
