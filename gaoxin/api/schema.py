"""What drf-spectacular cannot infer about the API: the error answers every operation may give.

Every endpoint needs a logged-in user (401 without credentials, 403 when the user may not act); an operation
that takes a path parameter or a page number answers 404 for an unknown object or page; one that takes a body
or filters (query parameters other than the page) answers 400 with the messages of each field. A postprocessing hook adds them once, for every operation, and
gives an error a view declares by its description alone (``OpenApiResponse(description=…)``) the error body.
"""

from __future__ import annotations

from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR = {"$ref": "#/components/schemas/ValidationError"}

COMPONENTS = {
    "Error": {
        "type": "object",
        "description": "A refusal with its reason in the user's language.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": (
            "Messages by field name (`non_field_errors` or `detail` for the whole input); a list or dictionary "
            "field nests its messages by index or key. A body that cannot be parsed gets `detail` alone, a string."
        ),
        "additionalProperties": {
            "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}, {"type": "string"}],
        },
    },
}

METHODS_WITH_BODY = {"post", "put", "patch"}


def _response(description: str, schema: dict[str, str]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_error_responses(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: document 400/401/403/404 where an operation can answer them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(COMPONENTS)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            filtered = any(p["in"] == "query" and p["name"] != "page" for p in parameters)
            if method in METHODS_WITH_BODY or operation.get("requestBody") or filtered:
                responses.setdefault("400", _response("The input is invalid", VALIDATION_ERROR))
            responses.setdefault("401", _response("Not logged in", ERROR))
            responses.setdefault("403", _response("Not allowed", ERROR))
            if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
                responses.setdefault("404", _response("No such object or page", ERROR))
            for code, response in responses.items():
                if (
                    code.startswith("4") and "content" not in response
                ):  # declared by a view with its description
                    response["content"] = {"application/json": {"schema": ERROR}}
    return result
