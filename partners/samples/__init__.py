"""Sample files shipped with the app: the partner list offered on the import page."""

from pathlib import Path

# A realistic partner list to try the import with (two rows have errors on purpose, named in the preview).
SAMPLE_PATH = Path(__file__).with_name("partenaires-exemple.csv")
