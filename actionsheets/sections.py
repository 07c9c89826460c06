"""The editor is split into sections saved one at a time; each names its fields and its repeated items."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    fields: tuple = ()
    children: tuple = field(default=())  # related names of repeated items (ActionPartner → "partners"…)


SECTIONS = [
    Section(
        "identification",
        "Identification",
        ("title", "pilot", "elected_referent", "lead_organisation", "priority"),
    ),
    Section("contexte", "Constat et objectif général", ("context", "findings", "general_objective")),
    Section(
        "objectifs", "Objectifs opérationnels et résultats attendus", ("operational_objectives", "expected_results")
    ),
    Section(
        "contenu",
        "Description et publics",
        ("description", "target_publics", "target_count", "neighbourhoods", "citizen_participation"),
    ),
    Section("partenaires", "Partenaires associés", (), ("partners",)),
    Section("moyens", "Moyens humains et matériels", ("human_resources", "fte", "material_resources")),
    Section("budget", "Budget et plan de financement", (), ("budget_lines", "funding_lines")),
    Section("calendrier", "Calendrier et étapes", ("start_date", "planned_end_date", "is_recurring"), ("milestones",)),
    Section(
        "evaluation",
        "Indicateurs et suivi",
        ("follow_up_flag", "progress", "monitoring", "governance_body"),
        ("indicators",),
    ),
    Section(
        "conditions",
        "Conditions de réussite, freins et liens",
        ("success_conditions", "obstacles", "related_sheets", "frameworks"),
    ),
    Section("pieces", "Pièces jointes", (), ("attachments",)),
    Section("bilan", "Bilans annuels", (), ("reviews",)),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
