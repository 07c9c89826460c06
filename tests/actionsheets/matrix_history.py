"""Permission-matrix rows for the history pages (objects: tests.actionsheets.matrix.sheet_objects)."""

HISTORY_MATRIX = []
