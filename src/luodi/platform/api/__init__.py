"""The platform's JSON API (django-ninja): one router per domain, one OpenAPI schema."""
