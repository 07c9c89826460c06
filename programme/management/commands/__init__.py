"""Management commands of the programme: the weekly digest."""
