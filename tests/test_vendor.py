"""The vendored front-end libraries are the ones static/vendor/VERSIONS.json records: every file there, unchanged
(sha256), with the recorded version in its banner, a licence and a source; nothing vendored goes unrecorded."""

import hashlib
import json
from pathlib import Path

import pytest

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
RECORD = json.loads((VENDOR / "VERSIONS.json").read_text())
LIBRARIES = RECORD["libraries"]


@pytest.mark.parametrize("library", LIBRARIES, ids=[library["name"] for library in LIBRARIES])
def test_each_library_is_the_recorded_release(library):
    for name, digest in library["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, f"{name} changed"
    banner = library["banner"]
    folder = next(iter(library["files"])).split("/")[0]
    text = (VENDOR / folder / banner["file"]).read_text(errors="replace")[:100_000]
    assert banner["pattern"].format(version=library["version"]) in text, f"{banner['file']}: not {library['version']}"
    assert library["licence"] and library["source"].startswith("https://") and library["advisories"]
    assert f"{folder}/LICENSE" in library["files"]


def test_every_vendored_file_is_recorded():
    recorded = {name for library in LIBRARIES for name in library["files"]}
    present = {str(path.relative_to(VENDOR)) for path in VENDOR.rglob("*") if path.is_file()} - {"VERSIONS.json"}
    print(f"{len(LIBRARIES)} libraries, {len(recorded)} files recorded")
    assert present == recorded
