"""What the programme's steering pages need besides the other apps' data: the types of structures each axis
expects among its partners (« Éducation nationale » in « décrochage scolaire »), edited in the admin."""

from django.db import models
from django.db.models import signals

from partners.models import Axis, OrganisationType


class KeyPartnerType(models.Model):
    """A type of structure the programme expects to take part in an axis: the partner map flags the axes where
    no active structure of that type takes part."""

    axis = models.ForeignKey(Axis, verbose_name="axe", on_delete=models.CASCADE, related_name="key_partner_types")
    organisation_type = models.ForeignKey(
        OrganisationType, verbose_name="type de structure", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(
        "pourquoi",
        max_length=300,
        blank=True,
        help_text="Ce que ce type de partenaire apporte à l'axe (affiché dans les points à traiter).",
    )

    class Meta:
        verbose_name = "partenaire clé attendu dans un axe"
        verbose_name_plural = "partenaires clés attendus dans les axes"
        ordering = ["axis__position", "organisation_type__position"]
        constraints = [
            models.UniqueConstraint("axis", "organisation_type", name="key_partner_type_unique_axis_type"),
        ]

    def __str__(self):
        return f"{self.axis.code} – {self.organisation_type}"


def _forget_map_highlights(**kwargs):
    from programme.partner_map import forget_highlights  # the map's module imports this one

    forget_highlights()


# The partner map's « À traiter » figures are cached for a few minutes; a save of what they count drops them from
# the shared cache, for every process and machine at once.
for _model in (
    "partners.Organisation",
    "partners.Contact",
    "workshops.Membership",
    "workshops.Attendance",
    "workshops.Meeting",
    "workshops.WorkingGroup",
    "actionsheets.ActionSheet",
    "actionsheets.ActionPartner",
    "programme.KeyPartnerType",
):
    signals.post_save.connect(_forget_map_highlights, sender=_model, weak=False)
    signals.post_delete.connect(_forget_map_highlights, sender=_model, weak=False)
signals.m2m_changed.connect(_forget_map_highlights, sender="workshops.Meeting_groups", weak=False)
