#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apart.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # The local setup's folders (var/: SQLite, embedded broker), made here, not at import.
    for directory in getattr(settings, "LOCAL_DIRECTORIES", ()):
        Path(directory).mkdir(parents=True, exist_ok=True)

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
