"""The names of what access is decided on: pages, public pages, API endpoints and actions.

Only names live here; ``roles`` decides who may open or do each of them.
"""

from __future__ import annotations

import enum

__all__ = ["Action", "Api", "Page", "PublicPage"]


class Page(enum.StrEnum):
    """Pages behind a login; the value is the URL name in the ``portal`` namespace."""

    HOME = "home"
    TALENT = "talent"
    EMPLOYER = "employer"
    OFFICER = "officer"
    TALENT_OFFICE = "talent_office"
    LEADERSHIP = "leadership"
    EVALUATOR = "evaluator"
    EXPORT = "export"
    ADMIN = "admin"
    DJANGO_ADMIN = "django_admin"
    POLICY_IMPORT = "policy_import"
    ENTITLEMENTS = "entitlements"
    # Workflow pages. CASE needs a case id and ``may_see_case`` on top of the role.
    WORK_QUEUE = "work_queue"
    CASE = "case"
    ESCALATIONS = "escalations"
    CONFLICTS = "conflicts"
    CONFLICT_SEARCH = "conflict_search"
    EXCEPTIONS = "exceptions"
    # Dialogue desk. INQUIRY needs an inquiry id and ``may_see_inquiry`` on top of the role.
    INQUIRIES = "inquiries"
    INQUIRY = "inquiry"
    INQUIRY_TRIAGE = "inquiry_triage"
    INQUIRY_OVERDUE = "inquiry_overdue"
    DIALOGUE_RATES = "dialogue_rates"
    INBOX = "inbox"
    FAQ_CURATE = "faq_curate"
    # The deviation diagnosis and the lists behind its figures (the evidence drill-down).
    DIAGNOSIS = "diagnosis"
    DIAGNOSIS_REPORT = "diagnosis_report"
    DIAGNOSIS_CASES = "diagnosis_cases"
    DIAGNOSIS_CLAUSE = "diagnosis_clause"
    DIAGNOSIS_DEPARTMENT = "diagnosis_department"
    DIAGNOSIS_EXCEPTIONS = "diagnosis_exceptions"
    DIAGNOSIS_CONFLICTS = "diagnosis_conflicts"
    DIAGNOSIS_INQUIRIES = "diagnosis_inquiries"
    DIAGNOSIS_RESPONSES = "diagnosis_responses"
    # Surveys: the office opens, closes and invites (Action.SURVEY_MANAGE); evaluators read.
    SURVEYS = "surveys"
    # Scorecards. A department officer sees its own department's detail and the others' ranks
    # only (``may_see_scorecard_detail``); the export holds every department's detail.
    SCORECARD = "scorecard"
    SCORECARD_EXPORT = "scorecard_export"
    RATING_ROUNDS = "rating_rounds"


class PublicPage(enum.StrEnum):
    """Pages anyone may open, logged in or not: policies are public documents and the
    calculator asks for no personal record. The value is the URL name in ``portal``."""

    POLICIES = "policies"
    POLICY = "policy"
    CLAUSE = "clause"
    CALCULATOR = "calculator"
    # The dialogue desk is open to anonymous visitors with contact details; they follow their
    # inquiry with its code and secret token.
    INQUIRY_SUBMIT = "inquiry_submit"
    INQUIRY_TRACK = "inquiry_track"
    FAQ = "faq"
    SEARCH = "search"
    SURVEY_RESPOND = "survey_respond"  # by invitation token; the token is the access
    RATING_RESPOND = "rating_respond"  # likewise: a rater's invitation token


class Api(enum.StrEnum):
    """JSON API endpoints that need a role; the others are public like the pages above."""

    POLICY_COVERAGE = "policy_coverage"
    DIALOGUE_RATES = "dialogue_rates"


class Action(enum.StrEnum):
    """Coordination acts that change a case or a register; the services ask ``may_act``."""

    ESCALATION_REFER = "escalation_refer"
    ESCALATION_URGE = "escalation_urge"
    # Instruct a department, issue a supporting rule or amend the clause.
    ESCALATION_DECIDE = "escalation_decide"
    CONFLICT_REGISTER = "conflict_register"
    CONFLICT_RESOLVE = "conflict_resolve"
    EXCEPTION_RECORD = "exception_record"
    # Append the events of a log file (XES/CSV) to the platform's event log.
    EVENT_LOG_IMPORT = "event_log_import"
    # Staged funding of an approved case: check a phase's conditions, record its payment.
    PHASE_CHECK = "phase_check"
    DISBURSE = "disburse"
    # Dialogue desk: the department the inquiry is routed to accepts, answers, sends it back
    # to triage with a reason, and may contest a rating; the talent office routes from triage,
    # decides contests, urges overdue inquiries and curates the FAQ; the leadership group
    # instructs on inquiries escalated to it.
    INQUIRY_ACCEPT = "inquiry_accept"
    INQUIRY_ANSWER = "inquiry_answer"
    INQUIRY_REROUTE = "inquiry_reroute"
    INQUIRY_TRIAGE = "inquiry_triage"
    RATING_CONTEST = "rating_contest"
    RATING_CONTEST_DECIDE = "rating_contest_decide"
    INQUIRY_URGE = "inquiry_urge"
    INQUIRY_INSTRUCT = "inquiry_instruct"
    FAQ_CURATE = "faq_curate"
    SURVEY_MANAGE = "survey_manage"
    # Scorecards: the office runs rating rounds and invites raters; the leadership group sets
    # the weighting scheme and alone reads raters' comments.
    RATING_ROUND_MANAGE = "rating_round_manage"
    SCORECARD_WEIGHTS_SET = "scorecard_weights_set"
    RATING_COMMENTS_READ = "rating_comments_read"
