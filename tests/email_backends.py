"""An email backend for tests that run the portal in other processes (worker, fault tests).

Each message actually handed to the backend appends one line (recipient, subject) to the
file named by APART_SENT_LOG, opened in append mode, so sends from several processes are
all counted: a duplicate send shows as a duplicate line (issue 10, hole 12), which counting
outbox rows cannot see.
"""

import json
import os
import time

from django.core.mail.backends.base import BaseEmailBackend


class AppendLogBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        # A slow SMTP server, so that a fault test can kill the worker in the middle.
        time.sleep(float(os.environ.get("APART_SEND_DELAY", "0")))
        with open(os.environ["APART_SENT_LOG"], "a", encoding="utf-8") as log:
            for message in email_messages:
                log.write(json.dumps({"to": message.to, "subject": message.subject}) + "\n")
                log.flush()
        return len(email_messages)


def sent(path) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]
