"""Demo data of the programme pages: the key types of partners each axis expects (partner map, « À traiter »)."""

from partners.models import Axis, OrganisationType
from programme.models import KeyPartnerType

# (axis, type of structure, what it brings): editable afterwards in the admin. In the demo's town, two of them
# take part in no group nor fiche of their axis (the CAF in HAB, the Éducation nationale in HAN): the map's
# « À traiter » shows them.
KEY_PARTNER_TYPES = [
    ("DS", "education", "Les collèges et le CIO repèrent les élèves qui décrochent."),
    ("IPJ", "emploi", "La Mission locale et Pôle emploi accompagnent les jeunes vers l'emploi."),
    ("IPJ", "asso_insertion", "Les associations d'insertion offrent les premières étapes du parcours."),
    ("HAB", "bailleur", "Les bailleurs sociaux logent la plupart des habitants des quartiers prioritaires."),
    ("HAB", "caf", "La CAF verse les aides au logement et accompagne les familles en impayés de loyer."),
    ("SEN", "ccas", "Le CCAS coordonne l'aide aux personnes âgées."),
    ("SEN", "organisme_social", "La CARSAT et la CPAM financent la prévention de la perte d'autonomie."),
    ("HAN", "departement", "Le Département et la MDPH ouvrent les droits des personnes handicapées."),
    ("HAN", "sante", "Les acteurs de santé accompagnent le parcours de soins."),
    ("HAN", "education", "L'Éducation nationale scolarise les enfants handicapés (ULIS, AESH)."),
    ("AD", "caf", "La CAF ouvre la plupart des droits sociaux des familles."),
    ("BVE", "asso_quartier", "Les associations de quartier font vivre le lien entre habitants."),
    ("BVE", "habitants", "Le conseil citoyen porte la parole des habitants."),
]


def load_key_partner_types():
    axes = {axis.code: axis for axis in Axis.objects.all()}
    types = {kind.code: kind for kind in OrganisationType.objects.all()}
    for axis_code, type_code, reason in KEY_PARTNER_TYPES:
        if axis_code in axes and type_code in types:
            KeyPartnerType.objects.get_or_create(
                axis=axes[axis_code], organisation_type=types[type_code], defaults={"reason": reason}
            )
