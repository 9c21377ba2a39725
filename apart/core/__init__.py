"""The bottom layer: shared bits every app may use (outbox, form fields, captcha, env readers).

It imports no app of the project (see the import-linter contract in pyproject.toml).
"""
