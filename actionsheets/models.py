# Action sheets (fiches actions) arrive with their own issue; see ../shared/docs/domain.md §1.2.
