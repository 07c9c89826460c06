from django.core.validators import RegexValidator
from django.db import models

# Group-level roles (animateur, co-animateur, membre, observateur) will live on a WorkingGroup membership
# model here; access functions will combine them with partners.enums.Role.


class AxisQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def thematic(self):
        return self.active().filter(is_cross_cutting=False)

    def cross_cutting(self):
        return self.active().filter(is_cross_cutting=True)


class Axis(models.Model):
    """A working axis of the programme (reference data, editable in the admin)."""

    code = models.CharField(
        "code",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", "De 2 à 6 lettres majuscules, sans accent (ex. : DS).")],
        help_text="Préfixe des numéros de fiches actions (ex. : DS pour DS-01).",
    )
    title = models.CharField("intitulé", max_length=200)
    short_title = models.CharField("intitulé court", max_length=80)
    description = models.TextField("description", blank=True)
    colour = models.CharField(
        "couleur",
        max_length=7,
        default="#1F4E79",
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", "Couleur au format #RRVVBB.")],
        help_text="Toujours affichée à côté du code ou de l'intitulé ; contraste d'au moins 4,5:1 sur blanc.",
    )
    is_cross_cutting = models.BooleanField("axe transversal", default=False)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_active = models.BooleanField("actif", default=True)

    objects = AxisQuerySet.as_manager()

    class Meta:
        verbose_name = "axe"
        verbose_name_plural = "axes"
        ordering = ["is_cross_cutting", "position", "code"]

    def __str__(self):
        return f"{self.code} – {self.short_title}"
