"""Programme snapshots: frozen pictures of the programme taken when a COPIL is closed (issue 12)."""

__all__ = []
