"""The scheduled jobs of the workshops app (reminders before sessions)."""
