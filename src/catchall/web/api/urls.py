"""The JSON API: one NinjaAPI with a router per area; OpenAPI document at /api/docs."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from catchall import __version__
from catchall.core.document_check import MAX_DEPTH
from catchall.core.errors import InputError, NotAllowed, NotFound
from catchall.core.workflow import WrongState
from catchall.web.api.auth import REALM, TokenRefused
from catchall.web.api.errors import ninja_problems
from catchall.web.api.fallbacks import json_method_not_allowed, too_large_message
from catchall.web.api.params import refuse_bad_parameters
from catchall.web.assessment.api import router as assessment_router
from catchall.web.cases.api import router as cases_router
from catchall.web.classification.api import router as classification_router
from catchall.web.denials.api import router as denials_router
from catchall.web.jobs.api import router as jobs_router
from catchall.web.regime.api import router as regime_router
from catchall.web.screening.api import router as screening_router

log = logging.getLogger("catchall.api")


class CatchallAPI(NinjaAPI):
    """The NinjaAPI whose URL views refuse NUL characters in parameters and answer a wrong
    method with JSON too."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = refuse_bad_parameters(json_method_not_allowed(pattern.callback))
        return patterns, app_name, namespace


api = CatchallAPI(
    title="catchall API",
    version=__version__,
    description=(
        "Export-control decision support for missile technology: classify items against the "
        "MTCR Annex, Wassenaar and NSG lists. Errors always come as "
        '`{"error": "...", "problems": [{"field": "...", "message": "..."}]}`; invalid input is HTTP 422.'
    ),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
api.add_router("/", classification_router)
api.add_router("/", screening_router)
api.add_router("/", assessment_router)
api.add_router("/", cases_router)
api.add_router("/", denials_router)
api.add_router("/", regime_router)
api.add_router("/", jobs_router)


@api.exception_handler(InputError)
def _input_error(request: HttpRequest, exc: InputError):
    return api.create_response(request, exc.as_dict(), status=422)


@api.exception_handler(WrongState)
def _wrong_state(request: HttpRequest, exc: WrongState):
    return api.create_response(
        request,
        {
            "error": "conflict with the case's state",
            "problems": [p.as_dict() for p in exc.problems],
        },
        status=409,
    )


@api.exception_handler(NotAllowed)
@api.exception_handler(PermissionDenied)  # Django's own, from its decorators
def _not_allowed(request: HttpRequest, exc: NotAllowed | PermissionDenied):
    """The API's one mapping of "not allowed": 403 in the JSON error shape."""
    return api.create_response(
        request, {"error": str(exc) or "not allowed", "problems": []}, status=403
    )


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound):
    return api.create_response(request, {"error": str(exc), "problems": []}, status=404)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError):
    return api.create_response(request, ninja_problems(exc.errors), status=422)


@api.exception_handler(AuthenticationError)
def _auth(request: HttpRequest, exc: AuthenticationError):
    if isinstance(exc, TokenRefused):
        response = api.create_response(request, {"error": str(exc), "problems": []}, status=401)
        response["WWW-Authenticate"] = f'Bearer realm="{REALM}", error="invalid_token"'
        return response
    response = api.create_response(
        request, {"error": "authentication required", "problems": []}, status=401
    )
    response["WWW-Authenticate"] = f'Basic realm="{REALM}"'
    return response


@api.exception_handler(HttpError)
def _http(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"error": str(exc), "problems": []}, status=exc.status_code)


@api.exception_handler(Http404)
def _http404(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"error": "not found", "problems": []}, status=404)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig):
    return api.create_response(
        request,
        {
            "error": "request too large",
            "problems": [{"field": "body", "message": too_large_message(exc)}],
        },
        status=413,
    )


@api.exception_handler(RecursionError)
def _too_deep(request: HttpRequest, exc: RecursionError):
    """Only input nested beyond what the readers check reaches this (a deep YAML list file)."""
    log.warning("recursion limit reached in %s %s", request.method, request.path)
    return api.create_response(
        request,
        {
            "error": "invalid input",
            "problems": [
                {"field": "body", "message": f"nested too deeply (at most {MAX_DEPTH} levels)"}
            ],
        },
        status=422,
    )


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception):
    """A bug still answers in the error shape: logged with its traceback, none in the body."""
    log.error("unhandled error in %s %s", request.method, request.path, exc_info=exc)
    return api.create_response(
        request, {"error": "internal server error", "problems": []}, status=500
    )
