"""Admin of the dialogue desk: the contract's inquiries, and the desk's records shown read-only.

Inquiries change through the desk's services, which check who acts and write the history; the
admin shows the history, contacts and attachments but never edits them. Contact details are
personal information (PIPL): only superusers see that table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from luodi.platform.accounts.admin import ContractAdmin
from luodi.platform.dialogue.models import (
    FaqEntry,
    Inquiry,
    InquiryAttachment,
    InquiryContact,
    InquiryEvent,
    Notice,
)

__all__ = ["DeskRecordAdmin", "PersonalRecordAdmin"]

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin


class DeskRecordAdmin(_ModelAdmin):
    """A record the desk's services write: viewed here, never added, changed or deleted."""

    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PersonalRecordAdmin(DeskRecordAdmin):
    """Personal information: superusers only, read-only."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)


class InquiryEventAdmin(DeskRecordAdmin):
    list_display = ("inquiry", "at", "action", "status", "department", "actor", "actor_role")
    list_filter = ("action", "status")
    search_fields = ("inquiry__inquiry_id",)


class InquiryContactAdmin(PersonalRecordAdmin):
    list_display = ("inquiry", "submitted_by", "case", "routing_confidence")
    exclude = ("token_hash",)


class InquiryAttachmentAdmin(PersonalRecordAdmin):
    list_display = ("inquiry", "file_name", "content_type", "size")
    exclude = ("content",)


class NoticeAdmin(DeskRecordAdmin):
    list_display = ("kind", "clause", "person", "employer", "created_at", "read_at")
    list_filter = ("kind",)


class FaqEntryAdmin(_ModelAdmin):
    list_display = ("question", "category", "published", "updated_at")
    list_filter = ("category", "published")
    search_fields = ("question",)


admin.site.register(Inquiry, ContractAdmin)
admin.site.register(InquiryEvent, InquiryEventAdmin)
admin.site.register(InquiryContact, InquiryContactAdmin)
admin.site.register(InquiryAttachment, InquiryAttachmentAdmin)
admin.site.register(Notice, NoticeAdmin)
admin.site.register(FaqEntry, FaqEntryAdmin)
