"""Services of the dap app (split by subject; import from here)."""

from dap.services.dashboard import dashboard_blocks
from dap.services.decisions import decision_create
from dap.services.lookup import decision_by_code, find_by_reference

__all__ = ["dashboard_blocks", "decision_by_code", "decision_create", "find_by_reference"]
