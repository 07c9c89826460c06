"""Fiches actions: the action sheets of the programme, written by the working groups and decided by the COPIL."""
