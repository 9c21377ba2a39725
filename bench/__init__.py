"""The load benchmark of `make bench` (issue 14): seeding, a production-like server, wrk.

Never imported by the portal; it sits above every app and may import any of them.
"""
