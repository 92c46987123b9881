from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Only our own scripts and styles run: every asset is served locally, nothing from a CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(f"/{settings.STATIC_URL.strip('/')}/"):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class PrivatePagesMiddleware:
    """A page or a download is someone's own (their agency's projects, their tasks): no shared cache (a proxy of the
    province's network) may keep it, and the browser asks again rather than showing a stale one. Static files never
    reach this (WhiteNoise, above, answers them with their own caching); a view that sets Cache-Control keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private, no-cache"
        return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Pages redirect to the login form; the API answers 401 itself (django-ninja's django_auth)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/") and not request.path.startswith("/api/docs"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


PUBLIC_NAMESPACE = "portal"  # the public pages' namespace (tiendo.portal.urls_public, under i18n_patterns)


def is_public_page(path: str) -> bool:
    """A Vietnamese public page (no language prefix): its address, not the visitor's choice, sets its language."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return PUBLIC_NAMESPACE in resolve(path).namespaces
        except Resolver404:
            return False


class LanguageMiddleware:
    """Internal pages: Vietnamese unless the user chose another language with the switcher; the browser's language
    is ignored because government computers are often set to English while their users read Vietnamese. Public
    pages: the address says the language (/, /en/, /zh-hans/), so a link or a search result is the same for all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen and translation.check_for_language(chosen) else settings.LANGUAGE_CODE
        from_path = translation.get_language_from_path(request.path_info)
        if from_path:
            language = from_path
        elif is_public_page(request.path_info):
            language = settings.LANGUAGE_CODE
        language = translation.get_supported_language_variant(language)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
