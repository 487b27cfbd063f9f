"""Forms of the case pages: an officer's decision on a step, the applicant's resubmission, and
the finance department's phase check and payment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luodi.platform.cases.funding_pages import PhaseRow
from luodi.platform.coordination.models import Conflict

__all__ = [
    "DECISION_CHOICES",
    "DisbursementForm",
    "PhaseCheckForm",
    "ResubmitForm",
    "StepDecisionForm",
]

DECISION_CHOICES = [
    ("approve", _("通过")),
    ("reject", _("不予通过")),
    ("return", _("退回补正材料")),
    ("block", _("受阻：无配套规定")),
]
TEXT_LIMIT = 2000


class StepDecisionForm(forms.Form):
    """The officer's decision; the step id travels with the form so that a second officer
    deciding the same step is told it was already decided rather than deciding the next one.

    Which texts each decision needs is the service's rule; its message is shown on the form.
    """

    step_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    decision = forms.ChoiceField(
        label=_("决定"), choices=DECISION_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("理由（不予通过、退回补正时必填）"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea({"rows": 3}),
    )
    missing_rule = forms.CharField(
        label=_("缺少的配套规定（受阻时必填）"), required=False, max_length=TEXT_LIMIT
    )
    conflict_id = forms.ChoiceField(label=_("相关规定冲突（可选）"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only conflicts still being worked on can explain a block.
        unresolved = Conflict.objects.exclude(status="resolved").order_by("conflict_id")
        self.fields["conflict_id"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((c.conflict_id, f"{c.conflict_id} {c.title}") for c in unresolved),
        ]


class ResubmitForm(forms.Form):
    """The applicant's answer to a return: what was supplied, recorded on the timeline."""

    note = forms.CharField(
        label=_("补正说明（已补充的材料）"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea({"rows": 3}),
    )


def _phase_choices(phases: tuple[PhaseRow, ...]) -> list[tuple[int, str]]:
    return [(p.phase, f"{p.phase} · {p.condition}") for p in phases]


class PhaseCheckForm(forms.Form):
    """A phase and the figures its criteria read (one optional number field per figure).

    Which figures the chosen phase still lacks is the service's to say; it names them.
    """

    phase = forms.TypedChoiceField(label=_("期次"), coerce=int)

    def __init__(self, *args: Any, phases: tuple[PhaseRow, ...], **kwargs: Any) -> None:
        # Own ids: the payment form on the same page has a phase field too.
        kwargs.setdefault("auto_id", "check-%s")
        super().__init__(*args, **kwargs)
        self.phases = phases
        self.fields["phase"].choices = _phase_choices(phases)  # type: ignore[attr-defined]
        for phase in phases:
            for figure in phase.figures:
                if figure.name not in self.fields:
                    self.fields[figure.name] = forms.FloatField(
                        label=figure.label,
                        required=False,
                        widget=forms.NumberInput({"inputmode": "decimal", "step": "any"}),
                    )

    def figure_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "phase"]

    def figures(self) -> dict[str, float]:
        """The filled-in figures the chosen phase reads; others would only mislead the check."""
        wanted = {
            f.name for p in self.phases if p.phase == self.cleaned_data["phase"] for f in p.figures
        }
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in wanted and value is not None
        }


class DisbursementForm(forms.Form):
    """A phase's payment; whether it may be paid (checked, within its share) is the service's."""

    phase = forms.TypedChoiceField(label=_("期次"), coerce=int)
    amount = forms.FloatField(
        label=_("金额（元）"), widget=forms.NumberInput({"inputmode": "decimal", "step": "0.01"})
    )
    paid_on = forms.DateField(
        label=_("兑现日期"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, phases: tuple[PhaseRow, ...], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "pay-%s")
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = _phase_choices(phases)  # type: ignore[attr-defined]
