"""The demo scenario's data tables (directory, working groups, fiches actions), read by the demo loaders."""
