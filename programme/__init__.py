"""Steering the programme as a whole: the dashboard, the axis pages, the partner × axis map, the coverage of
the diagnostic's needs, the overlaps between groups and the timeline of actions. It reads the other apps and
is imported by none of them (see .importlinter)."""
