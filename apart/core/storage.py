"""Storage of private documents (RIB): outside MEDIA_ROOT, and with no URL at all.

A bank document is only ever sent by a view that checked who asks (scoped lookup), so
this storage refuses to build a URL: a template that tried to link to it would fail
loudly instead of exposing a public path (issue 10, hole 8).
"""

from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages


class NoUrlMixin:
    def url(self, name):
        raise ValueError("Private documents have no public URL: serve them through a view.")


class PrivateFileSystemStorage(NoUrlMixin, FileSystemStorage):
    pass


class PrivateInMemoryStorage(NoUrlMixin, InMemoryStorage):
    pass


def private_storage():
    return storages["private"]
