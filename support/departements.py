"""The codes of the 101 French départements (COG of INSEE): 01–95 with 2A/2B, and 971–976."""

DEPARTEMENTS = tuple(
    [f"{n:02d}" for n in range(1, 20)]
    + ["2A", "2B"]
    + [f"{n:02d}" for n in range(21, 96)]
    + ["971", "972", "973", "974", "976"]
)


def parse_departements(text: str) -> tuple[list[str], list[str]]:
    """`"75, 92 2a"` → (["2A", "75", "92"], unknown codes)."""
    codes, unknown = set(), []
    for raw in text.replace(";", ",").replace(",", " ").split():
        code = raw.strip().upper()
        if code.isdigit() and len(code) == 1:
            code = f"0{code}"
        if code in DEPARTEMENTS:
            codes.add(code)
        else:
            unknown.append(raw)
    return sorted(codes, key=DEPARTEMENTS.index), unknown
