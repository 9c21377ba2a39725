from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from dap.models import AuthorizationRequest, Closure, CseOpinion, Reason, RequestStatus
from dap.services.checks import ENGAGEMENTS, content_problems, period_problems

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(DsfrBaseForm, forms.ModelForm):
    """The DAP form; the same checks run again when the request is sent."""

    engagements = forms.MultipleChoiceField(
        label="Engagements souscrits",
        choices=ENGAGEMENTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.ChoiceField(label="Motif de recours", choices=Reason.choices)
    closure = forms.ChoiceField(
        label="Réduction ou suspension d'activité",
        choices=[("", "Choisissez")] + list(Closure.choices),
        required=False,
    )
    cse_opinion = forms.ChoiceField(
        label="Avis du CSE",
        choices=[("", "Choisissez")] + list(CseOpinion.choices),
        required=False,
    )

    class Meta:
        model = AuthorizationRequest
        fields = [
            "reason", "sub_reason", "circumstances", "closure", "period_start", "period_end",
            "employees", "hours", "cse_opinion", "cse_date", "prior_use", "engagements",
            "engagement_months", "engagement_other",
        ]  # fmt: skip
        labels = {
            "period_start": "Date de début de la période prévisionnelle",
            "period_end": "Date de fin de la période prévisionnelle",
            "employees": "Nombre de salariés concernés",
            "hours": "Nombre d'heures chômées prévisionnelles",
            "prior_use": (
                "L'établissement a-t-il, préalablement à cette demande, déjà placé ses "
                "salariés en activité partielle au cours des 36 derniers mois précédant la "
                "date de dépôt de la demande d'autorisation préalable ?"
            ),
            "engagement_months": (
                "Veuillez préciser la durée de maintien de l'emploi proposée (en mois)"
            ),
        }
        help_texts = {
            "hours": (
                "Volume total d'heures souhaité pour l'ensemble des salariés concernés sur la "
                "période, au plus 35 heures par semaine et par salarié."
            ),
            "circumstances": (
                "Situation économique à l'origine de la demande : fermeture administrative, "
                "baisse du chiffre d'affaires, difficultés d'approvisionnement, télétravail "
                "impossible…"
            ),
        }
        widgets = {
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "cse_date": DATE_WIDGET,
            "circumstances": forms.Textarea(attrs={"rows": 4}),
            "engagement_other": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, establishment, **kwargs):
        self.establishment = establishment
        super().__init__(*args, **kwargs)
        employees = self.fields["employees"]
        # The model field's own minimum (0) would answer -3 with "supérieure ou égale à 0",
        # which is wrong since 0 is refused too: one message for both.
        employees.validators = [
            v for v in employees.validators if not isinstance(v, MinValueValidator)
        ] + [MinValueValidator(1, "Au moins un salarié doit être concerné.")]
        employees.widget.attrs["min"] = 1
        self.fields["hours"].widget.attrs["min"] = 1

    def clean_hours(self):
        hours = self.cleaned_data.get("hours")
        if hours is not None and hours <= 0:
            raise forms.ValidationError("Le nombre d'heures chômées doit être supérieur à 0.")
        return hours

    def clean_employees(self):
        employees = self.cleaned_data.get("employees")
        if employees is not None and employees < 1:
            raise forms.ValidationError("Au moins un salarié doit être concerné.")
        return employees

    def clean(self):
        data = super().clean()
        problems = content_problems(data)
        problems.update(
            period_problems(data, on=timezone.localdate(), headcount=self.establishment.headcount)
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class AvenantForm(RequestForm):
    """A copy of the DAP: end date, headcount and hours may change, with a reason."""

    class Meta(RequestForm.Meta):
        fields = ["period_end", "employees", "hours", "change_reason"]
        labels = {**RequestForm.Meta.labels, "change_reason": "Motif de l'avenant"}

    def __init__(self, *args, parent, **kwargs):
        self.parent = parent
        super().__init__(*args, **kwargs)
        self.fields["change_reason"].required = True
        self.fields["change_reason"].error_messages["required"] = "Indiquez le motif de l'avenant."
        for name in ("engagements", "reason", "closure", "cse_opinion"):
            self.fields.pop(name, None)

    def clean(self):
        data = forms.ModelForm.clean(self)
        full = {
            "period_start": self.parent.period_start,
            "reason": self.parent.reason,
            **data,
        }
        problems = period_problems(
            full,
            on=timezone.localdate(),
            headcount=self.establishment.headcount,
        )
        problems.pop("period_start", None)  # the authorised start stays
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data


DECISIONS = [
    ("validate", "Valider"),
    ("refuse", "Refuser"),
    ("invalidate", "Invalider (renvoyer à l'employeur pour compléter)"),
]


class InstructionForm(DsfrBaseForm):
    decision = forms.ChoiceField(label="Décision", choices=DECISIONS, widget=forms.RadioSelect)
    motive = forms.CharField(
        label="Motif",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif de votre décision."},
        help_text="Communiqué à l'employeur par courriel et conservé dans l'historique.",
    )


class DocumentForm(DsfrBaseForm):
    file = forms.FileField(
        label="Ajouter une pièce justificative",
        help_text="PDF, PNG ou JPEG, 400 Ko au plus ; 3 pièces au plus par demande.",
        error_messages={"required": "Choisissez un fichier à joindre."},
    )


class QueueFilterForm(DsfrBaseForm):
    status = forms.ChoiceField(
        label="Statut",
        required=False,
        choices=[("", "Tous")] + [c for c in RequestStatus.choices if c[0] != "draft"],
    )
    reason = forms.ChoiceField(
        label="Motif", required=False, choices=[("", "Tous")] + list(Reason.choices)
    )
    sent_from = forms.DateField(label="Envoyée à partir du", required=False, widget=DATE_WIDGET)
    sent_to = forms.DateField(label="Envoyée jusqu'au", required=False, widget=DATE_WIDGET)
    siret = forms.CharField(label="N° de Siret", required=False, max_length=20)
    number = forms.CharField(label="Numéro de demande", required=False, max_length=30)

    def clean(self):
        data = super().clean()
        start, end = data.get("sent_from"), data.get("sent_to")
        if start and end and end < start:
            self.add_error(
                "sent_to", "La date de fin doit être égale ou postérieure à la date de début."
            )
        siret = "".join((data.get("siret") or "").split())
        if siret and not (siret.isdigit() and len(siret) == 14):
            self.add_error("siret", "Le N° de Siret compte 14 chiffres.")
        data["siret"] = siret
        return data
