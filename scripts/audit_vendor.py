"""`make audit`, front-end half: ask the npm registry's advisory service (what `npm audit` asks) about the
libraries of static/vendor/VERSIONS.json. Prints what it found; exit 1 on an advisory, 2 when the service cannot be
reached (then nothing was checked: say so, do not read it as « no advisory »)."""

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

RECORD = Path(__file__).resolve().parent.parent / "static" / "vendor" / "VERSIONS.json"
SERVICE = "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk"


def say(text):
    sys.stdout.write(text + "\n")


def main():
    libraries = json.loads(RECORD.read_text())["libraries"]
    query = {library["npm"]: [library["version"]] for library in libraries}
    request = urllib.request.Request(
        SERVICE, data=json.dumps(query).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            found = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        say(f"Bibliothèques front-end NON vérifiées : le service d'avis de npm ne répond pas ({error}).")
        return 2
    for name, versions in query.items():
        advisories = found.get(name, [])
        say(f"{name} {versions[0]} : {len(advisories)} avis connu(s)")
        for advisory in advisories:
            say(f"  - {advisory.get('severity')} {advisory.get('title')} {advisory.get('url')}")
    return 1 if any(found.get(name) for name in query) else 0


if __name__ == "__main__":
    sys.exit(main())
