"""Open a reference CSV whether plain, gzipped or zipped (as INSEE ships SIRENE)."""

import gzip
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def open_text(path: Path):
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            member = next(name for name in archive.namelist() if name.endswith(".csv"))
            with archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
    elif path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as text:
            yield text
    else:
        with path.open(encoding="utf-8", newline="") as text:
            yield text
