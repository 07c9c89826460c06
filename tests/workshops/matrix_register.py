"""Permission-matrix rows of the shared diagnostic and of the register of coordination obstacles.

To be concatenated into MATRIX (tests/test_permissions.py), whose `objects` fixture gets the « finding » and
« obstacle » keys from register_objects(). The « partner » persona is the animateur of a working group there;
the « outsider » is a plain partner.
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}  # inactive accounts are treated as logged out
MEMBERS_200 = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
# coordinators and group facilitators (animateur, co-animateur); readers and plain partners get 403
FACILITATION = {**LOGGED_IN, "outsider": 403, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}


def register_finding(objects):
    return {"pk": objects["finding"].pk}


def register_obstacle(objects):
    return {"pk": objects["obstacle"].pk}


def register_objects():
    """A finding of the diagnostic and a coordination obstacle, for the `objects` fixture."""
    from partners.models import Axis
    from workshops.models import CoordinationObstacle, Finding, ObstacleCategory

    axis = Axis.objects.get(code="DS")
    finding = Finding.objects.create(
        axis=axis,
        kind=Finding.Kind.WEAKNESS,
        source=Finding.Source.INTERVIEWS,
        title="Les décrocheurs sont repérés tard",
    )
    obstacle = CoordinationObstacle.objects.create(
        category=ObstacleCategory.SILOS,
        title="Chaque structure suit les mêmes familles sans le savoir",
        levers="Une cellule de veille commune",
    )
    obstacle.axes.set([axis])
    return {"finding": finding, "obstacle": obstacle}


# (url name, kwargs builder, method, POST data, {persona: expected status})
REGISTER_MATRIX = [
    ("workshops:finding_list", None, "get", None, MEMBERS_200),
    ("workshops:finding_create", None, "get", None, COORDINATION),
    ("workshops:finding_create", None, "post", {}, COORDINATION),  # 200: the form comes back with its errors
    ("workshops:finding_edit", register_finding, "get", None, COORDINATION),
    ("workshops:finding_edit", register_finding, "post", {}, COORDINATION),
    ("workshops:obstacle_list", None, "get", None, MEMBERS_200),
    ("workshops:obstacle_create", None, "get", None, FACILITATION),
    ("workshops:obstacle_create", None, "post", {}, FACILITATION),
    ("workshops:obstacle_detail", register_obstacle, "get", None, MEMBERS_200),
    ("workshops:obstacle_edit", register_obstacle, "get", None, FACILITATION),
    ("workshops:obstacle_edit", register_obstacle, "post", {}, FACILITATION),
]
