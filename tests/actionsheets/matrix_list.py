"""Permission-matrix rows for the list pages (objects: tests.actionsheets.matrix.sheet_objects)."""

LIST_MATRIX = []
