"""Helpers every app may use (environment parsing, pagination, uploads, PDF rendering). They import no app:
import-linter checks it (`make quality`)."""
