import pytest

from partners.models import Axis

pytestmark = pytest.mark.django_db


def test_the_seven_axes_of_the_seed_and_the_common_coordination_axis_exist():
    thematic = list(Axis.objects.thematic().values_list("code", "title"))
    assert [code for code, _ in thematic] == ["DS", "IPJ", "HAB", "SEN", "HAN", "AD", "BVE"]
    titles = dict(thematic)
    assert titles["DS"] == "Le décrochage scolaire"
    assert titles["AD"] == "La politique sociale et urbaine de proximité : accès aux droits"
    assert "« bien vivre ensemble »" in titles["BVE"]
    assert list(Axis.objects.cross_cutting().values_list("code", flat=True)) == ["COORD"]


def test_axis_colours_are_readable_on_white():
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for axis in Axis.objects.all():
        assert (1.05) / (luminance(axis.colour) + 0.05) >= 4.5, axis.code
