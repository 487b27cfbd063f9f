"""Forms of the policy pages: library filters, file upload and the entitlement calculator."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luodi.contract import choices as ch
from luodi.contract.schema import Choice
from luodi.platform.common import field_choices

__all__ = [
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "CalculatorForm",
    "PolicyFilterForm",
    "PolicyImportForm",
]

MAX_FILES = 50
MAX_FILE_BYTES = 1_000_000


def _optional(choices: tuple[Choice, ...]) -> list[tuple[str, Any]]:
    return [("", "—"), *field_choices(choices)]


class PolicyFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("层级"), required=False, choices=_optional(ch.POLICY_LEVELS))
    issuer = forms.CharField(label=_("发文部门"), required=False, max_length=100)
    benefit_kind = forms.ChoiceField(
        label=_("待遇类型"), required=False, choices=_optional(ch.BENEFIT_KINDS)
    )


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput(attrs={"accept": ".yaml,.yml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class PolicyImportForm(forms.Form):
    # Not "files": a form's ``files`` attribute holds the request's uploads.
    policy_files = _MultipleFileField(label=_("政策文件（YAML）"))

    def clean_policy_files(self) -> list[tuple[str, str]]:
        uploads: list[UploadedFile[Any]] = self.cleaned_data["policy_files"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("一次最多导入 50 个文件。"))
        files: list[tuple[str, str]] = []
        for upload in uploads:
            if upload.size is not None and upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("文件 %(name)s 超过 1 MB。"), params={"name": upload.name}
                )
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("文件 %(name)s 不是 UTF-8 文本。"), params={"name": upload.name}
                ) from None
            files.append((upload.name or "", text))
        return files


class CalculatorForm(forms.Form):
    """A profile without a name: the contract columns the rules read, each optional."""

    on = forms.DateField(
        label=_("测算日期"), required=False, widget=forms.DateInput({"type": "date"})
    )
    talent_tier = forms.ChoiceField(
        label=_("人才层次"), required=False, choices=_optional(ch.TALENT_TIERS)
    )
    degree = forms.ChoiceField(label=_("学历"), required=False, choices=_optional(ch.DEGREES))
    title = forms.ChoiceField(label=_("职称"), required=False, choices=_optional(ch.TITLES))
    discipline = forms.ChoiceField(
        label=_("学科背景"), required=False, choices=_optional(ch.DISCIPLINES)
    )
    origin = forms.ChoiceField(label=_("来源地"), required=False, choices=_optional(ch.ORIGINS))
    nationality = forms.RegexField(
        label=_("国籍（两位字母代码）"), required=False, regex=r"^[A-Za-z]{2}$", max_length=2
    )
    birth_year = forms.IntegerField(label=_("出生年份"), required=False, min_value=1900)
    arrived_on = forms.DateField(
        label=_("来区日期"), required=False, widget=forms.DateInput({"type": "date"})
    )
    employer_kind = forms.ChoiceField(
        label=_("单位类型"), required=False, choices=_optional(ch.EMPLOYER_KINDS)
    )
    stage = forms.ChoiceField(
        label=_("发展阶段"), required=False, choices=_optional(ch.EMPLOYER_STAGES)
    )
    founded_on = forms.DateField(
        label=_("成立日期"), required=False, widget=forms.DateInput({"type": "date"})
    )
    employees = forms.IntegerField(label=_("职工人数"), required=False, min_value=0)
    revenue = forms.FloatField(label=_("上年营业收入（元）"), required=False, min_value=0)

    _PERSON: ClassVar = ("talent_tier", "degree", "title", "discipline", "origin", "nationality")
    _PERSON_OTHER: ClassVar = ("birth_year", "arrived_on")
    _EMPLOYER: ClassVar = {
        "employer_kind": "kind",
        "stage": "stage",
        "founded_on": "founded_on",
        "employees": "employees",
        "revenue": "revenue",
    }

    def clean_birth_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("birth_year")
        if year is not None and year > timezone.now().year:
            raise forms.ValidationError(_("出生年份不能晚于今年。"))
        return year

    def clean_founded_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("founded_on")
        if day is not None and day > timezone.now().date():
            raise forms.ValidationError(_("成立日期不能晚于今天。"))
        return day

    def clean_nationality(self) -> str:
        return str(self.cleaned_data.get("nationality") or "").upper()

    def profile(self) -> tuple[dict[str, Any] | None, dict[str, Any] | None, dt.date]:
        """The person and employer columns given (None when none were) and the date."""
        data = self.cleaned_data
        person = {
            name: data[name]
            for name in (*self._PERSON, *self._PERSON_OTHER)
            if data.get(name) not in (None, "")
        }
        employer = {
            column: data[name]
            for name, column in self._EMPLOYER.items()
            if data.get(name) not in (None, "")
        }
        on = data.get("on") or timezone.now().date()
        return person or None, employer or None, on
