from indemnisation.models.bareme import (
    REGIME_ELIGIBILITY,
    Bareme,
    CeilingCaps,
    Regime,
    Smic,
)
from indemnisation.models.claims import (
    ACTIVE_STATUSES,
    Claim,
    ClaimLine,
    ClaimStatus,
    ClaimTransition,
)

__all__ = [
    "ACTIVE_STATUSES",
    "REGIME_ELIGIBILITY",
    "Bareme",
    "CeilingCaps",
    "Claim",
    "ClaimLine",
    "ClaimStatus",
    "ClaimTransition",
    "Regime",
    "Smic",
]
