"""Two requests at the same moment on two PostgreSQL connections: a double click, two tabs.

Used by the tests marked `postgresql` that prove a row lock (the DAP send, the DI filing).
"""

import threading

from django.db import connections
from django.test import Client


def wait_for_each_other(monkeypatch, module, name: str) -> None:
    """Make `module.name` wait up to a second for the other request's call. Without a row
    lock both requests would have read the row and go on together; with it the second is
    still blocked in its lookup, so the first goes on alone, then the second."""
    real = getattr(module, name)
    meeting = threading.Barrier(2, timeout=1)

    def after_rendezvous(**kwargs):
        try:
            meeting.wait()
        except threading.BrokenBarrierError:
            pass
        return real(**kwargs)

    monkeypatch.setattr(module, name, after_rendezvous)


def post_twice_at_once(user, url: str) -> list[int]:
    """Two clients logged in as `user` POST to `url` together; their response statuses."""
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(user)
    barrier = threading.Barrier(2)
    statuses = []

    def post(client):
        try:
            barrier.wait()
            statuses.append(client.post(url).status_code)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=post, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses
