"""Forms of the coordination pages: escalation actions, the conflicts register, exceptions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luodi.platform.policies.selectors import department_names

__all__ = [
    "DECIDE_CHOICES",
    "ConflictCandidateForm",
    "ConflictRegisterForm",
    "ConflictResolveForm",
    "EscalationDecideForm",
    "EscalationNoteForm",
    "ExceptionRecordForm",
]

ID_LIMIT = 64
TEXT_LIMIT = 4000
# The leadership group's decisions; urging a department is the talent office's own act.
DECIDE_CHOICES = [
    ("instruct_department", _("责成部门办理")),
    ("issue_supporting_rule", _("出台配套规定")),
    ("amend_clause", _("修订条款")),
]


def _text(label: Any, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea({"rows": rows}),
    )


def _department_choices() -> list[tuple[str, str]]:
    return [("", "—"), *sorted(department_names().items())]


class EscalationNoteForm(forms.Form):
    """Refer an escalation to the leadership group, or urge the department, with a note."""

    escalation_id = forms.CharField(widget=forms.HiddenInput, max_length=ID_LIMIT)
    note = _text(_("说明"), rows=2)


class EscalationDecideForm(EscalationNoteForm):
    """The leadership group's decision and its text (the instruction, rule or amendment)."""

    resolution = forms.ChoiceField(
        label=_("决定"), choices=DECIDE_CHOICES, widget=forms.RadioSelect
    )
    note = _text(_("决定内容（责成事项、配套规定或条款修订的文字）"))


class ConflictRegisterForm(forms.Form):
    title = forms.CharField(label=_("冲突名称"), max_length=200)
    rule_a = _text(_("规定一"))
    department_a_id = forms.ChoiceField(label=_("规定一的发文部门"))
    rule_b = _text(_("规定二"))
    department_b_id = forms.ChoiceField(label=_("规定二的发文部门"))
    clause_id = forms.CharField(
        label=_("涉及的条款编号（可选）"), required=False, max_length=ID_LIMIT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _department_choices()
        self.fields["department_a_id"].choices = choices  # type: ignore[attr-defined]
        self.fields["department_b_id"].choices = choices  # type: ignore[attr-defined]


class ConflictCandidateForm(forms.Form):
    """Send one candidate of the conflict search to the register: its two clauses."""

    clause_a = forms.CharField(widget=forms.HiddenInput, max_length=ID_LIMIT)
    clause_b = forms.CharField(widget=forms.HiddenInput, max_length=ID_LIMIT)
    subject = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)


class ConflictResolveForm(forms.Form):
    conflict_id = forms.CharField(widget=forms.HiddenInput, max_length=ID_LIMIT)
    resolution = _text(_("解决办法"), rows=2)


class ExceptionRecordForm(forms.Form):
    what = _text(_("办理了什么"), rows=2)
    why = _text(_("为什么在程序外办理"), rows=2)
    requested_by = forms.CharField(label=_("由谁提出"), max_length=200)
    approved_by = forms.CharField(label=_("由谁批准"), max_length=200)
    department_id = forms.ChoiceField(label=_("涉及部门"))
    case_id = forms.CharField(label=_("关联办件编号（可选）"), required=False, max_length=ID_LIMIT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department_id"].choices = _department_choices()  # type: ignore[attr-defined]
