"""`Authorization: Bearer jn_…` personal access tokens for DRF."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.services import token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            raw = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from error
        token = token_authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is unknown, expired or revoked."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword  # makes DRF answer 401 (with WWW-Authenticate), not 403


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Personal access token (jn_…)"}
