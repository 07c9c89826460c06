"""Working groups and their sessions: groups, meetings, invitations, attendance, minutes, the diagnostic and
the register of coordination obstacles."""
