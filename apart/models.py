# The outbox model lives in the bottom layer (apart.core); importing it here registers it
# with the `apart` app (app_label "apart"), so its table and migrations are unchanged.
from apart.core.models import OutboxEmail, OutboxStatus  # noqa: F401
