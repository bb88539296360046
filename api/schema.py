"""The OpenAPI schema documents the error answers too, as the views give them: every operation may answer 401
(no or a bad token), 403 (no role in the center, a read-only token writing, the policy refusing) and 429
(throttled); one on a row or a page of rows 404; a write 400 (field errors) and 415 (not JSON). Bodies are
DRF's: `{"detail": "…"}`, or for 400 `{"field": ["message", …]}` (a JSON parse error: `{"detail": "…"}`)."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "A refusal or error, in the caller's language; a 409 also names the current `version`.",
}
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
    "description": "Messages per field (`non_field_errors` for the rest); `detail` for a body that is not JSON.",
}
DESCRIPTIONS = {
    "400": "Field errors: nothing was saved.",
    "401": "No token, or one that is unknown, expired or revoked.",
    "403": "Not a member of the center, a read-only token writing, or the policy refuses this.",
    "404": "No such row among those the caller may see (or no such page).",
    "409": "Someone changed or decided it since: nothing was saved.",
    "415": "The body is not JSON.",
    "429": "Too many requests: try again later.",
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class JunengAutoSchema(AutoSchema):
    def _error_ref(self, name: str, schema: dict) -> dict:
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
        self.registry.register_on_missing(component)
        return component.ref

    def _error_codes(self) -> list[str]:
        codes = ["401", "403", "429"]
        if "{" in self.path or (self.method == "GET" and self._is_list_view()):
            codes.append("404")
        if self.method in WRITES:
            codes += ["400", "415"]
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        detail, fields = self._error_ref("ErrorDetail", DETAIL), self._error_ref("FieldErrors", FIELD_ERRORS)
        for code in sorted({*self._error_codes(), *(code for code in responses if code.startswith("4"))}):
            response = responses.setdefault(code, {"description": ""})
            response["description"] = response.get("description") or DESCRIPTIONS.get(code, "")
            if not response.get("content"):
                response["content"] = {"application/json": {"schema": fields if code == "400" else detail}}
        return responses
