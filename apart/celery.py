import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apart.settings")

app = Celery("apart")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The apps' `tasks` modules, and the outbox's in the bottom layer (not an app of its own).
app.autodiscover_tasks()
app.autodiscover_tasks(["apart.core"])
