"""Permission-matrix rows for the editor pages (objects: tests.actionsheets.matrix.sheet_objects)."""

EDITOR_MATRIX = []
