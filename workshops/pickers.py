"""The working groups' picker (partners/picking.py): the groups `visible_to(user)`, found by name."""

from partners import picking as pickers
from workshops.models import WorkingGroup


def group_label(group):
    return group.name if group.is_active else f"{group.name} (inactif)"


def register():
    pickers.register(
        pickers.Kind(
            name="groupes",
            visible=lambda user: WorkingGroup.objects.visible_to(user).only("name", "is_active"),
            search=lambda queryset, words: pickers.fold_search(queryset, words, "name").order_by("name", "pk"),
            label=group_label,
            order=("position", "name", "pk"),
        )
    )
