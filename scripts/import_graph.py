"""Print the import graph between the project's layers, marking every upward import.

    .venv/bin/python scripts/import_graph.py   (from the checkout to analyse)

Layers, top to bottom, as in the import-linter contract of pyproject.toml. Modules of
`apart` are shared bits (apart.core; before issue 9, apart.outbox/fields/captcha/env/models/
tasks) or the composition (the rest); tests are left out. Each line is "importer -> imported
(number of module imports)"; "UPWARD" marks an import against the layers.
"""

import os
import sys
from collections import Counter

import grimp

LAYERS = [
    "apart (composition)",
    "support",
    "indemnisation",
    "dap",
    "habilitations",
    "establishments",
    "accounts",
    "apart.core (shared)",
]
PACKAGES = ("apart", *LAYERS[1:-1])  # the apps, and apart for its two layers
SHARED = ("apart.core", "apart.outbox", "apart.fields", "apart.captcha", "apart.env", "apart.tasks")
UNLAYERED = ("apart", "apart.settings", "apart.settings_test", "apart.celery", "apart.apps")


def layer_of(module: str) -> str | None:
    if ".tests" in module or module.endswith(".migrations") or ".migrations." in module:
        return None
    if module in UNLAYERED:
        return None  # the project's configuration, not a layer
    if module.startswith(SHARED) or module == "apart.models":
        return "apart.core (shared)"
    top = module.split(".")[0]
    return "apart (composition)" if top == "apart" else top


def main() -> int:
    sys.path.insert(0, os.getcwd())  # the checkout it is run from, not the installed one
    graph = grimp.build_graph(*PACKAGES)
    edges = Counter()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            source, target = layer_of(importer), layer_of(imported)
            if source and target and source != target:
                edges[(source, target)] += 1
    upward = 0

    def order(edge):
        (source, target), _count = edge
        return LAYERS.index(source), LAYERS.index(target)

    for (source, target), count in sorted(edges.items(), key=order):
        mark = LAYERS.index(target) < LAYERS.index(source)
        upward += mark
        print(f"{source:22} -> {target:22} ({count}){'  UPWARD' if mark else ''}")
    print(f"{upward} upward edge(s)")
    return 1 if upward else 0


if __name__ == "__main__":
    sys.exit(main())
