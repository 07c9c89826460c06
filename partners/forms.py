"""The forms of accounts and of the directory: sign-in and passwords, accounts, structures, interlocutors, merge and
import. A form checks what was typed; the service functions change the records."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.db.models.functions import Lower

from partners.imports import MAX_BYTES, TARGETS, ImportFileError, read_file
from partners.models import Axis, Contact, Organisation, OrganisationType, Unaccent, User, normalise
from partners.permissions import assignable_roles, can_edit_identity
from partners.picking import PickerChoiceField
from partners.validators import PHONE_VALIDATOR, WEBSITE_VALIDATOR
from solidarites.lib.text import readable


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

    def filter(self, accounts):
        """The accounts that match the filters (all of them while the filters are invalid or unused)."""
        if not self.is_valid():
            return accounts
        data = self.cleaned_data
        if data["q"]:
            words = Q(first_name__unaccent__icontains=data["q"]) | Q(last_name__unaccent__icontains=data["q"])
            accounts = accounts.filter(words | Q(email__icontains=data["q"]))
        if data["role"]:
            accounts = accounts.filter(role=data["role"])
        if data["active"]:
            accounts = accounts.filter(is_active=data["active"] == "1")
        return accounts


class VersionedModelForm(forms.ModelForm):
    """A model form whose instance is changed by a service function only, with the version it was built from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        # Run the model fields' own validators (postal code…), without touching the instance.
        for name, value in list(self.cleaned_data.items()):
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.many_to_many and name not in self.errors:
                try:
                    field.run_validators(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)

    def changes(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class OrganisationForm(VersionedModelForm):
    PARTNER_LOCKED = ["name", "type", "parent", "since"]
    website = forms.URLField(
        label="Site internet", required=False, assume_scheme="https", max_length=200, validators=[WEBSITE_VALIDATOR]
    )

    class Meta:
        model = Organisation
        fields = Organisation.EDITABLE_FIELDS
        widgets = {
            "axes": forms.CheckboxSelectMultiple,
            "neighbourhoods": forms.CheckboxSelectMultiple,
            "since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "missions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(PHONE_VALIDATOR)
        self.fields["axes"].queryset = Axis.objects.thematic()
        parents = Organisation.objects.active()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["type"].queryset = OrganisationType.objects.filter(is_active=True)
        if not can_edit_identity(user):
            for name in self.PARTNER_LOCKED:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        name, kind = data.get("name", self.instance.name), data.get("type") or getattr(self.instance, "type", None)
        if name and kind:
            same = Organisation.objects.filter(type=kind).annotate(normalised=Lower(Unaccent("name")))
            same = same.filter(normalised=normalise(name)).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("name", f"La structure « {same.first()} » de ce type existe déjà.")
        return data


class ContactForm(VersionedModelForm):
    class Meta:
        model = Contact
        fields = ["civility", "first_name", "last_name", "function", "email", "phone", "is_primary"]
        help_texts = {"email": "Adresse professionnelle uniquement.", "civility": "Facultatif."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(PHONE_VALIDATOR)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and Contact.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un interlocuteur existe déjà avec cette adresse e-mail.")
        return email


class MergeForm(forms.Form):
    """For each differing field, which of the two structures gives its value to the merged record."""

    def __init__(self, *args, keep, remove, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for name in Organisation.MERGEABLE_FIELDS:
            left, right = getattr(keep, name), getattr(remove, name)
            if left == right:
                continue
            label = Organisation._meta.get_field(name).verbose_name
            self.fields[name] = forms.ChoiceField(
                label=str(label).capitalize(),
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial="keep",
                choices=[("keep", readable(left, "(vide)")), ("remove", readable(right, "(vide)"))],
            )
            self.rows.append(name)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Fichier des partenaires",
        help_text="CSV (tel qu'Excel ou LibreOffice l'enregistre : séparateur « ; », « , » ou tabulation, encodage "
        "reconnu seul), XLSX ou ODS ; 2 Mo au plus. Une ligne nomme les colonnes ; les lignes de titre au-dessus et "
        "de total en bas sont ignorées.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:  # checked before reading it into memory
            raise forms.ValidationError("Le fichier dépasse la taille maximale de 2 Mo : découpez-le.")
        content = upload.read()
        try:
            self.table = read_file(upload.name, content)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        self.headers, self.rows = self.table.headers, self.table.rows
        self.content = content
        return upload


class ImportMappingForm(forms.Form):
    """For each field of the portal, the column of the file that holds it (guessed from the headers)."""

    def __init__(self, *args, headers, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— Pas dans le fichier —")] + [
            (str(i), header or f"Colonne {i + 1}") for i, header in enumerate(headers)
        ]
        for target, (label, _) in TARGETS.items():
            self.fields[target] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=str(mapping.get(target, ""))
            )

    def mapping(self):
        """{target: column index} of the columns chosen."""
        return {target: int(index) for target, index in self.cleaned_data.items() if index}

    def clean(self):
        data = super().clean()
        for required in ("name", "type"):
            if not data.get(required):
                self.add_error(required, "Cette information est obligatoire : choisissez sa colonne.")
        used = [value for value in data.values() if value]
        if len(used) != len(set(used)):
            raise forms.ValidationError("Une même colonne ne peut servir qu'une fois.")
        return data


class FirstOptionRadioSelect(forms.RadioSelect):
    """Radio buttons whose error summary link leads to the first option (Django's leads nowhere)."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, 0 if index is None else index)


class ImportChoicesForm(forms.Form):
    """For each row of the preview flagged as a probable duplicate: merge it with a close structure, or create it."""

    def __init__(self, *args, analysis, **kwargs):
        super().__init__(*args, **kwargs)
        for result in analysis.duplicates:
            self.fields[f"ligne_{result.number}"] = forms.ChoiceField(
                label=f"Ligne {result.number} : « {result.name} »",
                choices=[*result.duplicates, ("new", "Créer quand même une nouvelle structure")],
                widget=FirstOptionRadioSelect,
                error_messages={"required": "Choisissez de fusionner cette ligne avec une structure ou de la créer."},
            )

    def choices(self):
        """{row number: "org-<pk>", "row-<number>" or "new"}."""
        return {int(name.removeprefix("ligne_")): value for name, value in self.cleaned_data.items()}


YES_NO = [("oui", "Oui"), ("non", "Non")]


class PreferencesForm(forms.Form):
    """« Mon profil »: the follow-up reminders and the weekly digest, each a required « Oui / Non »."""

    follow_up_reminders = forms.ChoiceField(
        label="Recevoir les rappels de suivi des fiches que je pilote ou co-écris",
        help_text="Étapes à échéance dans les 7 jours ou en retard, valeurs d'indicateurs et bilan annuel à "
        "renseigner : un seul rappel par élément et par échéance.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez si vous voulez recevoir les rappels de suivi."},
    )
    weekly_digest = forms.ChoiceField(
        label="Recevoir la lettre hebdomadaire de mes groupes",
        help_text="Chaque semaine : nouvelles fiches, changements de statut, séances à venir, comptes rendus "
        "publiés et retards. Rien n'est envoyé quand rien n'a changé.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez si vous voulez recevoir la lettre hebdomadaire."},
    )

    def __init__(self, *args, user, digest_default, **kwargs):
        self.user, self.digest_default = user, digest_default
        digest = user.weekly_digest if user.weekly_digest is not None else digest_default
        kwargs.setdefault(
            "initial",
            {"follow_up_reminders": _yes_no(user.follow_up_reminders), "weekly_digest": _yes_no(digest)},
        )
        super().__init__(*args, **kwargs)

    def preferences(self):
        """The values to store: a digest answer equal to the role's default stays « by default » (None) while
        the person has made no other choice, so that it follows a later change of role."""
        chosen = {name: self.cleaned_data[name] == "oui" for name in ("follow_up_reminders", "weekly_digest")}
        if self.user.weekly_digest is None and chosen["weekly_digest"] == self.digest_default:
            chosen["weekly_digest"] = None
        return chosen


def _yes_no(value):
    return "oui" if value else "non"


class AnonymiseForm(forms.Form):
    """The confirmation of an anonymisation: a box to tick, since nothing can undo it."""

    confirm = forms.BooleanField(
        label="Je confirme l'anonymisation définitive de cette personne",
        help_text="Son nom, ses coordonnées et son compte seront effacés partout ; cela ne peut pas être annulé.",
        error_messages={"required": "Cochez la case pour confirmer l'anonymisation."},
    )


class MergeSelectForm(forms.Form):
    """The two structures to merge, each chosen with a picker (there may be thousands)."""

    garder = PickerChoiceField(
        label="Structure à conserver", queryset=Organisation.objects.active(), kind="structures"
    )
    fusionner = PickerChoiceField(
        label="Doublon à fusionner", queryset=Organisation.objects.active(), kind="structures"
    )

    def clean(self):
        data = super().clean()
        if data.get("garder") and data.get("garder") == data.get("fusionner"):
            self.add_error("fusionner", "Choisissez deux structures différentes.")
        if self.errors:
            self.add_error(None, "Choisissez deux structures de la liste.")
        return data
