"""Request middleware of the platform: Chinese first, whatever the browser prefers."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

__all__ = ["ChineseFirstLocaleMiddleware"]


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Pick the language from the switch's cookie only, never from Accept-Language.

    A government service speaks Chinese by default; a browser set to English (as most headless
    and many office machines are) must not silently switch the forms and labels.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
