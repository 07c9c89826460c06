"""Follow-up reminders sent once per item and due date, and weekly digests sent once per person and week (issue 12)."""

__all__ = []
