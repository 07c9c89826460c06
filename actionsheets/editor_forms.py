"""Forms of the section editor: one model form per section (the fields named in sections.SECTIONS) and one
formset per repeated item (partners, budget and funding lines, milestones, indicators, attachments, reviews).

Nothing here writes: `SectionEditor.changes()` hands services.save_section what to write on the locked sheet
(field values, unsaved rows), so a refused save (conflict, locked section, invalid input) changes nothing.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils import formats, timezone

from actionsheets import services
from actionsheets.models import (
    ActionPartner,
    ActionSheet,
    AnnualReview,
    Attachment,
    BudgetLine,
    Framework,
    Funder,
    FundingLine,
    Indicator,
    Milestone,
    TargetPublic,
)
from actionsheets.pickers import sheet_label
from partners.models import Contact, Neighbourhood, Organisation
from partners.picking import PickerFieldMixin, PickerMultipleChoiceField
from solidarites.lib.uploads import MAX_BYTES, OFFICE_AND_IMAGES, accept_attribute, check_upload
from workshops.forms import ContactChoiceField, ContactPickerField, OrganisationPickerField
from workshops.models import CoordinationObstacle, Finding

ATTACHMENT_TYPES = {
    name: OFFICE_AND_IMAGES[name] for name in ("pdf", "odt", "ods", "docx", "xlsx", "png", "jpg", "jpeg")
}
ATTACHMENT_MAX_BYTES = MAX_BYTES
MAX_ROWS = 200
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NEGATIVE = "Le montant ne peut pas être négatif."
PROGRESS_RANGE = "L'avancement est un pourcentage entre 0 et 100."


MAX_VERSION = 2**31 - 1  # the largest a PositiveIntegerField holds (SectionDraft.base_version)


class FrenchDecimalField(forms.DecimalField):
    """Accepts « 12 500,50 » as typed in France: spaces (plain, no-break, narrow) between digit groups are
    ignored. (USE_THOUSAND_SEPARATOR is off so that ids print ungrouped; Django then keeps the spaces.)"""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value)
        return super().to_python(value)


def number(value):
    return formats.number_format(value, force_grouping=True)


class TextLimitValidator(MaxLengthValidator):
    """The length limit of a long text, said in plain French with the count (« 50 000 caractères »)."""

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise forms.ValidationError(
                f"Ce texte compte {number(len(value))} caractères : {number(self.limit_value)} au plus. "
                "Raccourcissez-le ; rien de ce que vous avez saisi n'est perdu.",
                code="max_length",
            )


def limit_text(field):
    """No `maxlength` attribute (the browser would cut a pasted text silently): the server refuses and says so."""
    if isinstance(field, forms.CharField) and field.max_length:
        field.validators = [
            TextLimitValidator(field.max_length) if isinstance(v, MaxLengthValidator) else v for v in field.validators
        ]
        field.widget.attrs.pop("maxlength", None)


def run_model_validators(form, model):
    """The model fields' own validators (amounts ≥ 0, years…) on the cleaned values, without touching the instance."""
    for name, value in list(form.cleaned_data.items()):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many or name in form.errors or value in field.empty_values:
            continue
        try:
            field.run_validators(value)
        except forms.ValidationError as error:
            form.add_error(name, error)


# The section's own fields


class SheetsPickerField(PickerMultipleChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, kind="fiches", **kwargs)

    def label_from_instance(self, obj):
        return sheet_label(obj)


# Choices among thousands (people, structures, fiches) are pickers (issue 14): the page holds the chosen ones only.
PICKERS = {
    "pilot": ContactPickerField,
    "lead_organisation": OrganisationPickerField,
    "related_sheets": SheetsPickerField,
}


def as_picker(field, picker_class):
    return picker_class(field.queryset, label=field.label, help_text=field.help_text, required=field.required)


class SectionForm(forms.ModelForm):
    """The section's fields plus the section version the editor was opened from (optimistic locking)."""

    base_version = forms.IntegerField(
        label="Version de la section",
        widget=forms.HiddenInput,
        min_value=0,
        max_value=MAX_VERSION,
        error_messages={"required": "Le formulaire est incomplet : rechargez la page de la section."},
    )

    class Meta:
        model = ActionSheet
        fields = []
        widgets = {
            "findings": forms.CheckboxSelectMultiple,
            "target_publics": forms.CheckboxSelectMultiple,
            "neighbourhoods": forms.CheckboxSelectMultiple,
            "obstacles": forms.CheckboxSelectMultiple,
            "frameworks": forms.CheckboxSelectMultiple,
            "related_sheets": forms.CheckboxSelectMultiple,
            "start_date": DATE_WIDGET,
            "planned_end_date": DATE_WIDGET,
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}),
        }
        field_classes = {"pilot": ContactChoiceField, "fte": FrenchDecimalField}
        localized_fields = ["fte"]
        help_texts = {
            "findings": "Les constats du diagnostic partagé pour l'axe de la fiche.",
            "related_sheets": "Les fiches que vous pouvez consulter.",
            "fte": "Par exemple 0,5 pour un mi-temps.",
            "progress": "Part de l'action réalisée, de 0 à 100 (laissez vide si vous ne savez pas).",
        }

    def __init__(self, *args, section, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        sheet = self.instance
        if not self.is_bound:
            self.initial["base_version"] = services.section_version(sheet, section.slug)
        for field in self.fields.values():
            limit_text(field)
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 6
        # Active choices, plus whatever the sheet already points at (never dropped by a save).
        choices = {
            "pilot": Contact.objects.filter(Q(is_active=True, organisation__is_active=True) | Q(pk=sheet.pilot_id))
            .select_related("organisation")
            .order_by("last_name", "first_name"),
            "lead_organisation": Organisation.objects.filter(Q(is_active=True) | Q(pk=sheet.lead_organisation_id)),
            "findings": Finding.objects.filter(Q(axis=sheet.axis_id) | Q(sheets=sheet)).distinct(),
            "obstacles": CoordinationObstacle.objects.order_by("title"),
            "target_publics": TargetPublic.objects.filter(Q(is_active=True) | Q(sheets=sheet)).distinct(),
            "frameworks": Framework.objects.filter(Q(is_active=True) | Q(sheets=sheet)).distinct(),
            "neighbourhoods": Neighbourhood.objects.all(),
            # Links to sheets this person cannot see are kept by the save, never shown.
            "related_sheets": ActionSheet.objects.visible_to(user).exclude(pk=sheet.pk).order_by("code"),
        }
        self.visible_related = choices["related_sheets"]
        for name, picker_class in PICKERS.items():
            if name in self.fields:
                self.fields[name] = as_picker(self.fields[name], picker_class)
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
        if "progress" in self.fields:
            self.fields["progress"] = progress_field(self.fields["progress"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end_date")
        if start and end and end < start:
            self.add_error("planned_end_date", "La date de fin doit être après la date de début.")
        return data

    def _post_clean(self):
        # The sheet is changed by services.save_section only (on the locked row), never by the form.
        run_model_validators(self, ActionSheet)

    def field_values(self):
        return {name: self.cleaned_data[name] for name in self.section.fields}


def progress_field(model_field):
    """The progress percentage: a whole number from 0 to 100, every refusal said in the same French words."""
    return forms.IntegerField(
        label=model_field.label,
        required=False,
        min_value=0,
        max_value=100,
        help_text=model_field.help_text,
        widget=model_field.widget,
        error_messages={code: PROGRESS_RANGE for code in ("invalid", "min_value", "max_value")},
    )


def section_form_class(section):
    return forms.modelform_factory(ActionSheet, form=SectionForm, fields=list(section.fields))


# Repeated items


class RowForm(forms.ModelForm):
    """One repeated item. Its select choices come computed once for the whole page (`choices`), so a page costs
    the same number of queries with 1 row or with 100."""

    money_fields = ()

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (queryset, options) in (choices or {}).items():
            if name in self.fields:
                self.fields[name].queryset = queryset
                if isinstance(self.fields[name], PickerFieldMixin):
                    self.fields[name].widget.known = options  # the labels of the structures already chosen
                else:
                    self.fields[name].choices = options
        for name, field in self.fields.items():
            limit_text(field)
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            if name in self.money_fields:
                field.widget.attrs.update(inputmode="decimal", autocomplete="off")
        if "year" in self.fields and self.instance.pk is None:
            self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        for name in self.money_fields:
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, NEGATIVE)
        return data

    def validate_unique(self):
        # Keys (one partner per structure, one review per year) are checked by the formset on the rows as they
        # will be once saved, so that swapping or replacing rows is not refused against the old ones.
        pass


class PartnerForm(RowForm):
    class Meta:
        model = ActionPartner
        fields = ["organisation", "role", "contribution"]
        field_classes = {"organisation": OrganisationPickerField}
        widgets = {"contribution": forms.TextInput}
        help_texts = {"contribution": "Politique, technique, financière, en nature…"}


class BudgetLineForm(RowForm):
    money_fields = ("planned", "actual")

    class Meta:
        model = BudgetLine
        fields = ["year", "kind", "label", "planned", "actual"]
        localized_fields = ["planned", "actual"]
        field_classes = {"planned": FrenchDecimalField, "actual": FrenchDecimalField}


class FundingLineForm(RowForm):
    money_fields = ("amount",)

    class Meta:
        model = FundingLine
        fields = ["funder", "year", "amount", "state"]
        localized_fields = ["amount"]
        field_classes = {"amount": FrenchDecimalField}


class MilestoneForm(RowForm):
    class Meta:
        model = Milestone
        fields = ["label", "due_on", "is_done"]
        widgets = {"due_on": DATE_WIDGET}


class IndicatorForm(RowForm):
    """An indicator; once the sheet is validated, its pilot also enters the value measured for a year."""

    measure_year = forms.IntegerField(label="Année de la mesure", required=False, min_value=2000, max_value=2100)
    measure_value = FrenchDecimalField(
        label="Valeur constatée", required=False, max_digits=12, decimal_places=2, localize=True
    )

    class Meta:
        model = Indicator
        fields = ["label", "kind", "unit", "baseline", "target", "source", "frequency"]
        localized_fields = ["baseline", "target"]
        field_classes = {"baseline": FrenchDecimalField, "target": FrenchDecimalField}
        help_texts = {"frequency": "Par exemple « annuelle », « à chaque session »."}

    def __init__(self, *args, measures=False, **kwargs):
        super().__init__(*args, **kwargs)
        if measures:
            self.fields["measure_year"].initial = timezone.localdate().year
            self.fields["measure_value"].widget.attrs.update(inputmode="decimal", autocomplete="off")
        else:
            del self.fields["measure_year"], self.fields["measure_value"]

    def clean(self):
        data = super().clean()
        if "measure_value" in self.fields:
            year, value = data.get("measure_year"), data.get("measure_value")
            if value is not None and not year:
                self.add_error("measure_year", "Indiquez l'année de la valeur constatée.")
        return data


class AttachmentForm(RowForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]
        help_texts = {"file": "PDF, ODT, ODS, DOCX, XLSX, PNG ou JPG ; 10 Mo au plus."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a file already attached keeps its content; remove it and attach another one
            del self.fields["file"]
        else:
            self.fields["file"].widget = forms.FileInput(attrs={"accept": accept_attribute(ATTACHMENT_TYPES)})

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], ATTACHMENT_TYPES)


class ReviewForm(RowForm):
    class Meta:
        model = AnnualReview
        fields = ["year", "qualitative", "difficulties", "next_step"]


class RowFormSet(forms.BaseInlineFormSet):
    """The rows of one repeated item, named after it (`partners-0-organisation`…)."""

    key = None  # the field that must differ from one row to the next
    key_message = ""

    def __init__(self, *args, choices=None, row_kwargs=None, **kwargs):
        kwargs["form_kwargs"] = {"choices": choices, **(row_kwargs or {})}
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Supprimer"
            form.fields["DELETE"].widget.attrs.update({"class": "form-check-input", "data-delete-row": ""})

    def kept_forms(self):
        """The rows as they will be once saved: existing ones not deleted, and new ones that were filled in."""
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            yield form

    def clean(self):
        # Replaces Django's uniqueness check, whose message names no row and which compares with the old rows.
        # Rows saved by somebody else since the page was opened (not in this form) count too.
        if not self.key:
            return
        shown = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        others = self.model.objects.filter(**{self.fk.name: self.instance}).exclude(pk__in=shown)
        seen = set(others.values_list(self.model._meta.get_field(self.key).attname, flat=True))
        for form in self.kept_forms():
            value = getattr(form, "cleaned_data", {}).get(self.key)
            value = getattr(value, "pk", value)
            if value is None:
                continue
            if value in seen:
                form.add_error(self.key, self.key_message)
            seen.add(value)


class PartnerFormSet(RowFormSet):
    key = "organisation"
    key_message = "Cette structure figure déjà parmi les partenaires."


class ReviewFormSet(RowFormSet):
    key = "year"
    key_message = "Il y a déjà un bilan pour cette année."


@dataclass(frozen=True)
class Child:
    """How one repeated item is edited: its form, its words, its choices."""

    related: str
    model: type
    form: type
    formset: type = RowFormSet
    legend: str = ""
    row_label: str = ""
    empty: str = ""
    select_related: tuple = ()
    prefetch_related: tuple = ()
    recreate_changed: bool = False  # unique keys: changed rows are deleted then inserted again (swaps)


CHILDREN = {
    child.related: child
    for child in [
        Child(
            "partners",
            ActionPartner,
            PartnerForm,
            PartnerFormSet,
            "Partenaires associés",
            "Partenaire",
            "Aucun partenaire associé pour l'instant.",
            recreate_changed=True,
        ),
        Child(
            "budget_lines",
            BudgetLine,
            BudgetLineForm,
            legend="Budget prévisionnel et réalisé",
            row_label="Ligne de budget",
            empty="Aucune ligne de budget pour l'instant.",
        ),
        Child(
            "funding_lines",
            FundingLine,
            FundingLineForm,
            legend="Plan de financement",
            row_label="Financement",
            empty="Aucun financement pour l'instant.",
        ),
        Child(
            "milestones",
            Milestone,
            MilestoneForm,
            legend="Étapes",
            row_label="Étape",
            empty="Aucune étape pour l'instant.",
        ),
        Child(
            "indicators",
            Indicator,
            IndicatorForm,
            legend="Indicateurs d'évaluation",
            row_label="Indicateur",
            empty="Aucun indicateur pour l'instant.",
            prefetch_related=("measurements",),
        ),
        Child(
            "attachments",
            Attachment,
            AttachmentForm,
            legend="Pièces jointes",
            row_label="Pièce jointe",
            empty="Aucune pièce jointe pour l'instant.",
        ),
        Child(
            "reviews",
            AnnualReview,
            ReviewForm,
            ReviewFormSet,
            "Bilans annuels",
            "Bilan",
            "Aucun bilan pour l'instant.",
            recreate_changed=True,
        ),
    ]
}


def formset_class(child):
    return forms.inlineformset_factory(
        ActionSheet,
        child.model,
        form=child.form,
        formset=child.formset,
        extra=0,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
    )


def shared_choices(child, sheet):
    """{field: (queryset, [(value, label)…])} for the row selects, evaluated once per page; for the partners'
    structures (a picker among thousands), {pk: label} of the structures already partners of the sheet."""
    querysets = {}
    if child.related == "partners":
        labels = {str(item.pk): str(item) for item in Organisation.objects.filter(sheet_partnerships__sheet=sheet)}
        queryset = Organisation.objects.filter(Q(is_active=True) | Q(sheet_partnerships__sheet=sheet)).distinct()
        return {"organisation": (queryset, labels)}
    if child.related == "funding_lines":
        querysets["funder"] = Funder.objects.filter(Q(is_active=True) | Q(lines__sheet=sheet))
    choices = {}
    for name, queryset in querysets.items():
        queryset = queryset.distinct()
        choices[name] = (queryset, [("", "---------"), *((item.pk, str(item)) for item in queryset)])
    return choices


def build_formset(child, sheet, data=None, files=None, *, rows=True):
    """The formset of `child` for `sheet`; `rows=False` gives an empty one (for a single new row)."""
    queryset = child.model.objects.select_related(*child.select_related).prefetch_related(*child.prefetch_related)
    if not rows:
        queryset = queryset.none()
    formset = formset_class(child)(
        data,
        files,
        instance=sheet,
        queryset=queryset,
        prefix=child.related,
        choices=shared_choices(child, sheet),
        row_kwargs={"measures": sheet.is_validated} if child.related == "indicators" else None,
    )
    formset.child = child
    if rows and not formset.is_bound and not formset.get_queryset():
        formset.extra = 1  # an empty section invites typing without having to add a row first
    return formset


def new_row(child, sheet, index):
    """One empty row numbered `index` (added in place by htmx)."""
    formset = build_formset(child, sheet, rows=False)
    return formset._construct_form(index)


def row_changes(formset):
    """What a valid formset asks to write (services.RowChanges): deleted rows, changed rows, then new ones."""
    child = formset.child
    kept = list(formset.kept_forms())
    changed = [form for form in kept if form.instance.pk and form.has_changed()]
    new = [form for form in kept if form.instance.pk is None]
    return services.RowChanges(
        model=child.model,
        deleted=[form.instance for form in formset.initial_forms if formset._should_delete_form(form)],
        saved=[(form.instance, measurement(form)) for form in [*changed, *new]],
        recreate_changed=child.recreate_changed,
    )


def measurement(form):
    """(year, value) measured on an indicator row, or None."""
    value = form.cleaned_data.get("measure_value")
    return None if value is None else (form.cleaned_data["measure_year"], value)


# The whole section


class SectionEditor:
    """The section's form and the formsets of its repeated items, validated, shown and applied together."""

    def __init__(self, *, sheet, section, user, data=None, files=None):
        self.sheet, self.section, self.user = sheet, section, user
        self.data, self.files = data, files
        self.silenced = False
        self.form = section_form_class(section)(data, files, instance=sheet, section=section, user=user)
        self.formsets = [build_formset(CHILDREN[related], sheet, data, files) for related in section.children]

    @property
    def is_multipart(self):
        return "attachments" in self.section.children

    def is_valid(self):
        results = [self.form.is_valid(), *(formset.is_valid() for formset in self.formsets)]
        return all(results)

    @property
    def base_version(self):
        return self.form.cleaned_data["base_version"]

    def changes(self):
        """What services.save_section writes on the locked sheet: nothing is written here."""
        return services.SectionChanges(
            fields=self.form.field_values(),
            rows=[row_changes(formset) for formset in self.formsets],
            shown_related_sheets=self.form.visible_related,
        )

    def with_extra_row(self, related):
        """The same editor with one more empty row of `related` (the add button without JavaScript)."""
        data = self.data.copy()
        key = f"{related}-TOTAL_FORMS"
        try:
            total = int(data.get(key, 0))
        except ValueError:
            total = 0
        data[key] = str(min(total + 1, MAX_ROWS))
        editor = SectionEditor(sheet=self.sheet, section=self.section, user=self.user, data=data, files=self.files)
        editor.silence_errors()
        return editor

    def upload_failed(self, message):
        """The storage refused the new files: `message` next to each of them."""
        for formset in self.formsets:
            for form in formset.forms:
                if "file" in form.fields and form.cleaned_data.get("file") and form.instance.pk is None:
                    form.add_error("file", message)

    def set_base_version(self, version):
        """Keep what was typed and carry the version saved meanwhile, so that a deliberate second save applies."""
        self.form.data = self.form.data.copy()
        self.form.data["base_version"] = str(version)

    def silence_errors(self):
        """Show bound data without errors (a restored draft, a row added without JavaScript)."""
        self.silenced = True
        self.form._errors = forms.utils.ErrorDict()
        for formset in self.formsets:
            formset._errors = []
            formset._non_form_errors = formset.error_class()
            for form in formset.forms:
                form._errors = forms.utils.ErrorDict()

    def error_list(self):
        """[(anchor, message)] for the error summary, each linking to its field."""
        if self.silenced or not self.form.is_bound:
            return []
        items = [("section-form", error) for error in self.form.non_field_errors()]
        for field in self.form:
            items += [(field.id_for_label, f"{field.label} : {error}") for error in field.errors]
        for formset in self.formsets:
            child = formset.child
            items += [(f"{child.related}-rows", f"{child.legend} : {error}") for error in formset.non_form_errors()]
            for index, form in enumerate(formset.forms):
                if formset.can_delete and formset._should_delete_form(form):
                    continue
                row = f"{child.row_label} n° {index + 1}"
                items += [(f"{form.prefix}-row", f"{row} : {error}") for error in form.non_field_errors()]
                for field in form:
                    if field.is_hidden:
                        items += [(f"{form.prefix}-row", f"{row} : {error}") for error in field.errors]
                    else:
                        items += [(field.id_for_label, f"{row} – {field.label} : {error}") for error in field.errors]
        return items

    def has_management_data(self):
        return all(f"{related}-TOTAL_FORMS" in self.data for related in self.section.children)
