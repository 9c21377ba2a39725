"""Regenerate establishments/data/communes.csv from Etalab's découpage administratif.

The source is the npm package @etalab/decoupage-administratif (data under Licence
Ouverte; its postal codes come from La Poste's base officielle des codes postaux).
Install it outside the repository, then run this script::

    mkdir -p /tmp/etalab && cd /tmp/etalab
    npm install @etalab/decoupage-administratif@6.0.0
    cd - && python scripts/regenerate_communes.py /tmp/etalab

One row per (postal code, commune): current communes, with Paris, Lyon and Marseille
replaced by their municipal arrondissements, as SIRENE and La Poste address them.
"""

import csv
import json
import sys
from pathlib import Path

PACKAGE = Path("node_modules/@etalab/decoupage-administratif")
OUTPUT = Path(__file__).resolve().parent.parent / "establishments" / "data" / "communes.csv"
CITIES_WITH_ARRONDISSEMENTS = {"75056", "69123", "13055"}
KEPT_TYPES = {"commune-actuelle", "arrondissement-municipal"}


def rows(communes: list[dict]) -> list[tuple[str, str, str, str]]:
    result = set()
    for commune in communes:
        if commune["type"] not in KEPT_TYPES or commune["code"] in CITIES_WITH_ARRONDISSEMENTS:
            continue
        for postal_code in commune.get("codesPostaux", []):
            result.add((postal_code, commune["code"], commune["nom"], commune["departement"]))
    return sorted(result)


def main(prefix: str) -> None:
    package = Path(prefix) / PACKAGE
    version = json.loads((package / "package.json").read_text())["version"]
    communes = json.loads((package / "data" / "communes.json").read_text())
    table = rows(communes)
    with OUTPUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["postal_code", "insee_code", "name", "departement"])
        writer.writerows(table)
    print(f"{len(table)} lignes écrites dans {OUTPUT} (@etalab/decoupage-administratif {version})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/etalab")
