"""Consistency of a request with the dated rules: one French message per problem."""

from datetime import date
from decimal import Decimal

from django.utils import formats

from dap import rules
from dap.models import CseOpinion, Reason

ENGAGEMENTS = [
    (
        "training",
        "Des actions spécifiques de formation pour les salariés placés en activité partielle",
    ),
    ("gpec", "Des actions en matière de gestion prévisionnelle des emplois et des compétences"),
    (
        "recovery",
        "Des actions correctrices visant à rétablir la situation économique de l'entreprise",
    ),
    ("keep_jobs", "Le maintien dans l'emploi des salariés"),
    ("other", "Autres types d'engagements"),
]


PLAUSIBLE_FIRST, PLAUSIBLE_LAST = date(1900, 1, 1), date(2099, 12, 31)


def _implausible_dates(start: date, end: date) -> dict[str, str]:
    """The dated rules start in 1900; a year such as 0001 or 9999 is a typing slip, and date
    arithmetic on it would overflow: say so rather than fail."""
    return {
        field: "Saisissez une date comprise entre le 1er janvier 1900 et le 31 décembre 2099."
        for field, day in (("period_start", start), ("period_end", end))
        if not PLAUSIBLE_FIRST <= day <= PLAUSIBLE_LAST
    }


def _d(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _hours(value: Decimal) -> str:
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def period_problems(data: dict, *, on: date, headcount: int | None) -> dict[str, str]:
    """Problems of period, headcount and hours for a request sent (or saved) on `on`."""
    start, end = data.get("period_start"), data.get("period_end")
    employees, hours = data.get("employees"), data.get("hours")
    errors: dict[str, str] = {}
    if not (start and end):
        return errors
    errors = _implausible_dates(start, end)
    if errors:
        return errors
    if end < start:
        errors["period_end"] = "La date de fin doit être égale ou postérieure à la date de début."
        return errors
    maximum = rules.max_duration(on)
    if end >= start + maximum.value:
        months = maximum.value.years * 12 + maximum.value.months
        errors["period_end"] = (
            f"La période demandée dépasse la durée maximale d'une autorisation : {months} mois "
            f"au plus. {maximum.source}"
        )
    late = rules.late_filing(on)
    reason = data.get("reason")
    allowance = late.value if reason in rules.LATE_FILING_REASONS else rules.LATE_FILING[0].value
    if start < on - allowance:
        if allowance.days:
            errors["period_start"] = (
                f"La période commence le {_d(start)}, plus de {allowance.days} jours avant "
                f"l'envoi de la demande (le {_d(on)}). {late.source}"
            )
        else:
            errors["period_start"] = (
                f"La demande doit être déposée avant le placement des salariés en activité "
                f"partielle : la période ne peut pas commencer avant le {_d(on)}."
            )
    if employees and headcount and employees > headcount:
        errors["employees"] = (
            f"Le nombre de salariés concernés ({employees}) dépasse l'effectif de "
            f"l'établissement indiqué sur la fiche ({headcount})."
        )
    if employees and hours:
        errors.update(_hours_problems(start, end, employees, hours, reason))
    return errors


def _hours_problems(start, end, employees, hours, reason) -> dict[str, str]:
    cap = rules.max_hours(start=start, end=end, employees=employees)
    if hours > cap:
        return {
            "hours": (
                f"{_hours(hours)} heures chômées pour {employees} salarié(s) du {_d(start)} au "
                f"{_d(end)} : c'est plus que la durée légale du travail sur la période "
                f"(35 heures par semaine et par salarié, soit {_hours(cap)} heures au plus)."
            )
        }
    quota = rules.annual_quota(start.year, reason)
    if hours / employees > quota:
        return {
            "hours": (
                f"{_hours(hours / employees)} heures par salarié : c'est plus que le contingent "
                f"annuel de {_hours(quota)} heures par salarié en {start.year}."
            )
        }
    return {}


def content_problems(data: dict) -> dict[str, str]:
    """Problems of motif, CSE and engagements (independent of the date)."""
    errors: dict[str, str] = {}
    if data.get("sub_reason") and data.get("reason") != Reason.EXCEPTIONAL:
        errors["sub_reason"] = (
            "Le sous-motif « Coronavirus » relève du motif « Toute autre circonstance de "
            "caractère exceptionnel »."
        )
    opinion = data.get("cse_opinion")
    if opinion in (CseOpinion.FAVOURABLE, CseOpinion.UNFAVOURABLE) and not data.get("cse_date"):
        errors["cse_date"] = "Indiquez la date de l'avis du CSE."
    if data.get("prior_use") and not data.get("engagements"):
        errors["engagements"] = (
            "L'établissement a déjà placé des salariés en activité partielle au cours des 36 "
            "derniers mois : souscrivez au moins un engagement (article R.5122-9 du code du "
            "travail)."
        )
    engagements = data.get("engagements") or []
    if "keep_jobs" in engagements and not data.get("engagement_months"):
        errors["engagement_months"] = (
            "Veuillez préciser la durée de maintien de l'emploi proposée (en mois)."
        )
    if "other" in engagements and not (data.get("engagement_other") or "").strip():
        errors["engagement_other"] = "Décrivez les autres engagements souscrits."
    return errors


SEND_REQUIRED = [
    ("circumstances", "Décrivez les circonstances détaillées de votre demande."),
    ("closure", "Indiquez s'il s'agit d'une réduction de l'horaire ou d'une fermeture temporaire."),
    ("cse_opinion", "Indiquez l'avis du CSE (ou qu'il n'y a pas de CSE)."),
]
