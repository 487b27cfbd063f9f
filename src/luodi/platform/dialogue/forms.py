"""Forms of the dialogue desk: submit and track an inquiry, and each role's act on it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.dialogue.services import ATTACHMENT_MAX_COUNT
from luodi.platform.policies.selectors import department_names

__all__ = [
    "MAX_ATTACHMENTS",
    "SATISFACTION_CHOICES",
    "AnswerForm",
    "ConfirmForm",
    "ContestDecideForm",
    "ContestForm",
    "InquirySubmitForm",
    "InstructForm",
    "NoteForm",
    "RateForm",
    "RerouteForm",
    "TrackForm",
    "TriageForm",
]

# Lengths here only stop absurd input early; what a text must be is the services' rule
# (their message is shown on the form), so the text field itself has no limit of its own.
NAME_LIMIT = 64
PHONE_LIMIT = 32
NOTE_LIMIT = 4000
ID_LIMIT = 64
MAX_ATTACHMENTS = ATTACHMENT_MAX_COUNT
SATISFACTION_CHOICES = [
    ("5", _("5 很满意")),
    ("4", _("4 满意")),
    ("3", _("3 一般")),
    ("2", _("2 不满意")),
    ("1", _("1 很不满意")),
]
CONFIRM_CHOICES = [
    ("solved", _("问题已解决")),
    ("reopen", _("没有解决，请部门重新办理")),
    ("close", _("没有解决，不再继续，办结")),
]


def _note(label: Any, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=NOTE_LIMIT, widget=forms.Textarea({"rows": rows})
    )


def _departments(blank: Any) -> list[tuple[str, Any]]:
    return [("", blank), *sorted(department_names().items(), key=lambda item: item[0])]


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _Attachments(forms.FileField):
    """Several files; how many, how big and of which type is the service's to check."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", _MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,image/*"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        single = super().clean
        items = list(data) if isinstance(data, list | tuple) else [data]
        return [f for f in (single(item, initial) for item in items if item) if f]


class InquirySubmitForm(forms.Form):
    """The desk's submission form; anonymous visitors also leave how to call them back.

    ``cases`` are the logged-in submitter's own cases to link; the link is still checked by
    the service, so a forged case id is refused with its message rather than by the form.
    """

    kind = forms.ChoiceField(
        label=_("类型"), choices=field_choices(ch.INQUIRY_KINDS), initial="inquiry"
    )
    category = forms.ChoiceField(
        label=_("事项类别"), choices=[("", "—"), *field_choices(ch.INQUIRY_CATEGORIES)]
    )
    text = forms.CharField(
        label=_("问题或诉求"),
        required=False,
        strip=False,
        widget=forms.Textarea(
            {"rows": 6, "placeholder": _("请写明遇到的问题、涉及的政策和您的诉求。")}
        ),
    )
    named_department_id = forms.ChoiceField(label=_("您知道由哪个部门办理吗？"), required=False)
    clause_id = forms.CharField(
        label=_("涉及的政策条款编号（可选）"), required=False, max_length=ID_LIMIT
    )
    case_id = forms.CharField(
        label=_("涉及的本人办件（可选）"), required=False, max_length=ID_LIMIT
    )
    criterion = forms.CharField(
        label=_("认为判断有误的条件（可选）"), required=False, max_length=200
    )
    attachments = _Attachments(label=_("附件（可选，PDF、PNG 或 JPG）"), required=False)
    name = forms.CharField(label=_("联系人姓名"), required=False, max_length=NAME_LIMIT)
    phone = forms.CharField(
        label=_("联系电话"),
        required=False,
        max_length=PHONE_LIMIT,
        widget=forms.TextInput({"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("电子邮箱（可选）"), required=False)

    def __init__(
        self, *args: Any, cases: list[tuple[str, str]] | None = None, anonymous: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The service names the position of a control character; Django's own null-character
        # check would refuse it with a vaguer message first.
        self.fields["text"].validators = []
        self.fields["named_department_id"].choices = _departments(_("不清楚"))  # type: ignore[attr-defined]
        if cases:
            self.fields["case_id"].widget = forms.Select(choices=[("", "—"), *cases])
        else:
            del self.fields["case_id"]
        if anonymous:
            # The phone is what the department calls back; the service refuses without it.
            self.fields["phone"].label = _("联系电话（必填）")
            self.fields["name"].label = _("联系人姓名（必填）")
        for name in ("clause_id", "criterion"):
            # Prefilled from an entitlement explanation; shown read-only to keep the link.
            if self.initial.get(name):
                self.fields[name].widget.attrs["readonly"] = "readonly"


class TrackForm(forms.Form):
    """The tracking code and the secret token an anonymous submitter received."""

    code = forms.CharField(label=_("查询编号"), max_length=ID_LIMIT)
    token = forms.CharField(
        label=_("查询密钥"),
        max_length=128,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
    )


class NoteForm(forms.Form):
    """A note-only act: urge an overdue inquiry, contest a rating."""

    note = _note(_("说明"), rows=2)


class AnswerForm(forms.Form):
    answer = _note(_("答复内容"), rows=5)


class RerouteForm(forms.Form):
    """Send an inquiry elsewhere with a reason; no department sends it back to triage."""

    department_id = forms.ChoiceField(label=_("改派至"), required=False)
    reason = _note(_("改派理由"), rows=2)

    def __init__(self, *args: Any, to_triage_only: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "reroute-%s")
        super().__init__(*args, **kwargs)
        field = self.fields["department_id"]
        if to_triage_only:
            # An officer sends it back to the talent office, which routes it again.
            field.choices = [("", _("退回人才办分拣"))]  # type: ignore[attr-defined]
            field.label = _("去向")
        else:
            field.choices = _departments(_("退回人才办分拣"))  # type: ignore[attr-defined]


class TriageForm(forms.Form):
    inquiry_id = forms.CharField(widget=forms.HiddenInput, max_length=ID_LIMIT)
    department_id = forms.ChoiceField(label=_("分派至"))
    note = _note(_("分派说明（可选）"), required=False, rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department_id"].choices = _departments("—")  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    """The citizen's answer to "has it been solved?", with an optional rating."""

    outcome = forms.ChoiceField(
        label=_("问题解决了吗？"), choices=CONFIRM_CHOICES, widget=forms.RadioSelect
    )
    satisfaction = forms.TypedChoiceField(
        label=_("满意度（可选）"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    comment = _note(_("意见（可选）"), required=False, rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "confirm-%s")
        super().__init__(*args, **kwargs)


class RateForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("满意度"), choices=SATISFACTION_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = _note(_("意见（可选）"), required=False, rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "rate-%s")
        super().__init__(*args, **kwargs)


class ContestForm(forms.Form):
    reason = _note(_("异议理由（如诉求超出政策规定）"), rows=2)


class ContestDecideForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("裁定"),
        choices=[("yes", _("异议成立，该评价不计入满意率")), ("no", _("异议不成立，评价照常计入"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = _note(_("裁定理由"), rows=2)


class InstructForm(forms.Form):
    department_id = forms.ChoiceField(label=_("责成部门（可选）"), required=False)
    note = _note(_("批示内容"), rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "instruct-%s")
        super().__init__(*args, **kwargs)
        self.fields["department_id"].choices = _departments(_("现办理部门"))  # type: ignore[attr-defined]
