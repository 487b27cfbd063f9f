"""The acts on one inquiry a page offers: which form, for whom, when, and the service it calls.

The inquiry page and the anonymous tracking page both show the acts the visitor may take now;
a POST names one act, is checked against ``inquiry_access`` (403 otherwise) and calls one
service, whose refusal is shown on the form it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luodi.platform.accounts.inquiry_access import may_handle_inquiry, may_submitter_act
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, Role, role_of
from luodi.platform.dialogue import services as s
from luodi.platform.dialogue.forms import (
    AnswerForm,
    ConfirmForm,
    ContestDecideForm,
    ContestForm,
    InstructForm,
    NoteForm,
    RateForm,
    RerouteForm,
    TriageForm,
)
from luodi.platform.dialogue.models import Inquiry

__all__ = ["ACTS", "Act", "ActSpec", "act_form", "acts_for", "may_take"]


@dataclass(frozen=True, kw_only=True)
class ActSpec:
    """One act: its role-level action (None: the submitter's own acts), the form, and how
    the form's data call the service."""

    name: str
    action: Action | None
    title: Any
    button: Any
    hint: Any = ""
    form: type[forms.Form]
    # The service's name, as ``inquiry_actions`` lists what the viewer may call now.
    service: str
    run: Callable[[Inquiry, User | None, str | None, dict[str, Any]], object]


@dataclass(frozen=True, kw_only=True)
class Act:
    """An act shown on a page: its spec's texts and a bound or blank form."""

    name: str
    title: Any
    button: Any
    hint: Any
    form: forms.Form


def _confirm(inquiry: Inquiry, by: User | None, token: str | None, data: dict[str, Any]) -> object:
    if data["outcome"] == "close":
        return s.inquiry_close(inquiry_id=inquiry.inquiry_id, by=by, token=token)
    return s.inquiry_confirm(
        inquiry_id=inquiry.inquiry_id,
        by=by,
        token=token,
        solved=data["outcome"] == "solved",
        satisfaction=data.get("satisfaction"),
        comment=data.get("comment") or "",
    )


def _staff(by: User | None) -> User:
    # Staff acts are only reached after may_handle_inquiry, which needs a logged-in user.
    assert by is not None
    return by


ACTS: dict[str, ActSpec] = {
    spec.name: spec
    for spec in (
        ActSpec(
            name="accept",
            service="inquiry_accept",
            action=Action.INQUIRY_ACCEPT,
            title=_("受理"),
            button=_("受理"),
            hint=_("受理后请在答复期限内答复；不属于本部门职责的，请退回人才办分拣。"),
            form=forms.Form,
            run=lambda q, by, token, d: s.inquiry_accept(inquiry_id=q.inquiry_id, by=_staff(by)),
        ),
        ActSpec(
            name="answer",
            service="inquiry_answer",
            action=Action.INQUIRY_ANSWER,
            title=_("答复"),
            button=_("提交答复"),
            hint=_("答复后由提交人确认是否解决；未确认前不计为已解决。"),
            form=AnswerForm,
            run=lambda q, by, token, d: s.inquiry_answer(
                inquiry_id=q.inquiry_id, by=_staff(by), answer=d["answer"]
            ),
        ),
        ActSpec(
            name="triage",
            service="inquiry_triage",
            action=Action.INQUIRY_TRIAGE,
            title=_("分派"),
            button=_("分派"),
            form=TriageForm,
            run=lambda q, by, token, d: s.inquiry_triage(
                inquiry_id=q.inquiry_id,
                by=_staff(by),
                department_id=d["department_id"],
                note=d.get("note") or "",
            ),
        ),
        ActSpec(
            name="reroute",
            service="inquiry_reroute",
            action=Action.INQUIRY_REROUTE,
            title=_("改派"),
            button=_("改派"),
            hint=_("改派须写明理由；理由记入办理记录，并计入首次分派准确率。"),
            form=RerouteForm,
            run=lambda q, by, token, d: s.inquiry_reroute(
                inquiry_id=q.inquiry_id,
                by=_staff(by),
                department_id=d.get("department_id") or None,
                reason=d["reason"],
            ),
        ),
        ActSpec(
            name="confirm",
            service="inquiry_confirm",
            action=None,
            title=_("问题解决了吗？"),
            button=_("提交"),
            hint=_("部门已答复。只有您确认解决才计为已解决；没有解决可要求重新办理。"),
            form=ConfirmForm,
            run=_confirm,
        ),
        ActSpec(
            name="close",
            service="inquiry_close",
            action=None,
            title=_("不再继续办理"),
            button=_("办结（未解决）"),
            hint=_("问题没有解决，但您不再要求重新办理：诉求办结，计为未解决。"),
            form=forms.Form,
            run=lambda q, by, token, d: s.inquiry_close(
                inquiry_id=q.inquiry_id, by=by, token=token
            ),
        ),
        ActSpec(
            name="rate",
            service="inquiry_rate",
            action=None,
            title=_("评价"),
            button=_("提交评价"),
            form=RateForm,
            run=lambda q, by, token, d: s.inquiry_rate(
                inquiry_id=q.inquiry_id,
                by=by,
                token=token,
                satisfaction=d["satisfaction"],
                comment=d.get("comment") or "",
            ),
        ),
        ActSpec(
            name="contest",
            service="rating_contest",
            action=Action.RATING_CONTEST,
            title=_("对评价提出异议"),
            button=_("提出异议"),
            hint=_("评价为 1 或 2 分、且诉求超出政策规定等不合理情形时，可提请人才办裁定。"),
            form=ContestForm,
            run=lambda q, by, token, d: s.rating_contest(
                inquiry_id=q.inquiry_id, by=_staff(by), reason=d["reason"]
            ),
        ),
        ActSpec(
            name="contest_decide",
            service="rating_contest_decide",
            action=Action.RATING_CONTEST_DECIDE,
            title=_("裁定评价异议"),
            button=_("记录裁定"),
            form=ContestDecideForm,
            run=lambda q, by, token, d: s.rating_contest_decide(
                inquiry_id=q.inquiry_id, by=_staff(by), upheld=d["upheld"], note=d["note"]
            ),
        ),
        ActSpec(
            name="urge",
            service="inquiry_urge",
            action=Action.INQUIRY_URGE,
            title=_("督办"),
            button=_("督促部门办理"),
            form=NoteForm,
            run=lambda q, by, token, d: s.inquiry_urge(
                inquiry_id=q.inquiry_id, by=_staff(by), note=d["note"]
            ),
        ),
        ActSpec(
            name="instruct",
            service="inquiry_instruct",
            action=Action.INQUIRY_INSTRUCT,
            title=_("领导小组批示"),
            button=_("作出批示"),
            form=InstructForm,
            run=lambda q, by, token, d: s.inquiry_instruct(
                inquiry_id=q.inquiry_id,
                by=_staff(by),
                department_id=d.get("department_id") or None,
                note=d["note"],
            ),
        ),
    )
}


def may_take(user: User | None, inquiry: Inquiry, spec: ActSpec, *, token: bool = False) -> bool:
    """Whether the visitor may take the act at all (not whether the status allows it now).

    The submitter's acts need the submitter's account or, on the tracking page, the token
    (which the service checks); the others are decided by ``may_handle_inquiry``.
    """
    if spec.action is None:
        return token or (user is not None and may_submitter_act(user, inquiry))
    return user is not None and may_handle_inquiry(user, inquiry, spec.action)


def act_form(spec: ActSpec, user: User | None, inquiry: Inquiry, data: Any = None) -> forms.Form:
    """The act's form, bound to ``data`` if given; ids prefixed so several fit on one page."""
    kwargs: dict[str, Any] = {"auto_id": f"{spec.name}-%s"}
    if spec.form is TriageForm:
        kwargs["initial"] = {"inquiry_id": inquiry.inquiry_id}
    if spec.form is RerouteForm:
        # An officer can only send it back to triage; the talent office routes anywhere.
        kwargs["to_triage_only"] = role_of(user) is Role.OFFICER if user is not None else True
    return spec.form(data, **kwargs) if data is not None else spec.form(**kwargs)


def acts_for(
    user: User | None,
    inquiry: Inquiry,
    actions: frozenset[str],
    *,
    failed: Act | None = None,
) -> list[Act]:
    """The acts the page shows: those in ``actions`` (what the viewer may call now, from
    ``inquiry_actions``); a failed one keeps its input and error even if the inquiry moved
    on meanwhile (e.g. answered by a colleague)."""
    shown: list[Act] = []
    for spec in ACTS.values():
        if failed is not None and failed.name == spec.name:
            shown.append(failed)
        elif spec.service in actions and not _redundant(spec, actions):
            shown.append(
                Act(
                    name=spec.name,
                    title=spec.title,
                    button=spec.button,
                    hint=spec.hint,
                    form=act_form(spec, user, inquiry),
                )
            )
    return shown


def _redundant(spec: ActSpec, actions: frozenset[str]) -> bool:
    # The confirm form offers closing and rating too, and triage is how a waiting inquiry
    # is routed.
    if spec.name in ("close", "rate"):
        return "inquiry_confirm" in actions
    if spec.name == "reroute":
        return "inquiry_triage" in actions
    return False
