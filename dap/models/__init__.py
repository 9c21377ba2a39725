"""Models of the authorisation side: DAP and avenants, their documents and transitions,
the décisions d'autorisation, and the record of batch runs."""

from dap.models.batch import BatchKind, BatchRun
from dap.models.decisions import Decision, DecisionKind
from dap.models.requests import (
    AuthorizationRequest,
    Closure,
    CseOpinion,
    Document,
    Reason,
    RequestKind,
    RequestStatus,
    Transition,
)

__all__ = [
    "AuthorizationRequest",
    "BatchKind",
    "BatchRun",
    "Closure",
    "CseOpinion",
    "Decision",
    "DecisionKind",
    "Document",
    "Reason",
    "RequestKind",
    "RequestStatus",
    "Transition",
]
