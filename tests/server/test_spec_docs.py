"""The OpenAPI document, the docs page and its examples, and the problem pages."""

from __future__ import annotations

import html
import re

import pytest
from jsonschema import Draft202012Validator

from mock_server.docs import openapi
from mock_server.docs.examples import curl_script, example_request
from mock_server.serving.hooks import ConnectionDropped

from .conftest import advance, assert_problem


def test_spec_is_valid_openapi_3_1(client):
    from openapi_spec_validator import validate  # here, not at the top: importing it costs 0.4 s per xdist worker

    document = client.get("/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_spec_describes_exactly_the_routes(app):
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        routed |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(method, path) for method, path, _ in openapi.operations()}
    assert routed == documented


def test_every_operation_documents_its_errors_and_headers():
    for method, path, op in openapi.operations():
        responses = op["responses"]
        if not path.startswith("/__admin/"):
            assert {"429", "500", "503"} <= set(responses), (method, path)
        if "requestBody" in op:
            assert {"400", "413", "415", "422"} <= set(responses), (method, path)
        if "{" in path and path != "/guests/{username}/bill":
            assert "404" in responses, (method, path)
        if "201" in responses:
            assert "Location" in responses["201"]["headers"], (method, path)
    document = openapi.document()
    assert set(document["components"]["headers"]) >= {
        "Location",
        "ETag",
        "Link",
        "Retry-After",
        "WWW-Authenticate",
        "Allow",
        "Idempotent-Replayed",
    }


def test_docs_page_works_offline(client):
    page = client.get("/").get_data(as_text=True)
    assert "the waiter" in page and "the kitchen" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external assets"
    assert "<script" not in page and "@import" not in page
    for _method, _path, op in openapi.operations():
        assert op["summary"].replace("'", "&#39;") in page or op["summary"] in page
    assert page.count("<pre class='py'>") == len(openapi.operations()) + 1  # and the start: import requests, BASE


def test_curl_examples_use_the_real_address(client):
    page = client.get("/", base_url="http://127.0.0.1:8000").get_data(as_text=True)
    assert "curl -i http://127.0.0.1:8000/health" in page
    assert 'curl -i "http://127.0.0.1:8000/tables/$TABLE"' in html.unescape(page)
    assert 'BASE = "http://127.0.0.1:8000"' in html.unescape(page)


def test_every_example_works_in_order(client):
    """Replay each operation's x-example as its curl command would, in docs order."""
    token = None
    kept = {"TABLE": 0, "ORDER": 0, "PAYMENT": 0}
    client.post("/tables", json={"name": "Someone", "party_size": 1})  # ids are read from answers, not assumed
    for method, _, op in openapi.operations():
        example = example_request(op)
        path, headers = fill(example["path"], kept), dict(example["headers"])
        if example.get("fresh") == "table":
            created = client.post("/tables", json={"name": "Grace", "party_size": 4}).get_json()
            path = path.replace("{id}", str(created["id"]))
        elif example.get("fresh") == "order":
            created = client.post("/orders", json=fill(openapi.ORDER_EXAMPLE, kept)).get_json()
            path = path.replace("{id}", str(created["id"]))
        if example.get("wait"):
            advance(client, example["wait"])
        auth = ("ada", "lovelace") if example.get("auth") == "basic" else None
        if example.get("auth") == "bearer":
            headers["Authorization"] = f"Bearer {token}"
        kwargs = {"json": fill(example["body"], kept)} if "body" in example else {}
        response = client.open(path, method=method, headers=headers, auth=auth, **kwargs)
        assert response.status_code == example["status"], (method, path, response.get_data(as_text=True))
        if example.get("keep"):
            kept[example["keep"]] = response.get_json()["id"]
        assert_matches_spec(op, response)
        if op["operationId"] == "createToken":
            token = response.get_json()["access_token"]
        assert curl_script(method, "http://127.0.0.1:8000", op).startswith(
            ("curl", "ID=", "sleep", "TABLE=", "ORDER=", "PAYMENT=", "TOKEN=")
        )


def fill(value, kept):
    """An example's path or body with "$TABLE", "$ORDER" and "$PAYMENT" replaced by the ids kept so far."""
    if isinstance(value, str):
        if value.startswith("$") and value[1:] in kept:
            return kept[value[1:]]
        for name, number in kept.items():
            value = value.replace(f"${name}", str(number))
        return value
    if isinstance(value, dict):
        return {key: fill(item, kept) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, kept) for item in value]
    return value


def assert_matches_spec(op, response):
    """The response's body and headers are what the spec documents for its status."""
    __tracebackhide__ = True
    document = openapi.document()
    documented = op["responses"][str(response.status_code)]
    if "$ref" in documented:
        documented = document["components"]["responses"][documented["$ref"].rsplit("/", 1)[-1]]
    for name, header in documented.get("headers", {}).items():
        header = document["components"]["headers"][header["$ref"].rsplit("/", 1)[-1]]
        assert not header["required"] or name in response.headers, f"{op['operationId']}: no {name} header"
    content = documented.get("content", {})
    if response.status_code in (204, 304):
        assert not content and response.data == b""
    elif response.mimetype.endswith("json"):
        schema = {"components": document["components"], **content[response.mimetype]["schema"]}
        Draft202012Validator(schema).validate(response.get_json())
    else:
        assert response.mimetype in content


def test_journal_with_every_kind_of_entry_matches_the_spec(client, order):
    client.post("/__admin/faults", json={"drop_connection": {"count": 1, "path": "/health"}})
    with pytest.raises(ConnectionDropped):
        client.get("/health")
    client.post("/tables", data="{", content_type="application/json")
    client.get("/menu?category=x&category=y")
    state = client.application.extensions["mock_server.state.store"].state()
    state.journal.append(
        {
            "direction": "outgoing",
            "method": "POST",
            "url": "http://127.0.0.1:1/x",
            "path": "/x",
            "query": {},
            "headers": {},
            "body": "{}",
            "json": {},
            "status": None,
            "error": "ConnectionRefusedError",
            "at": 1.0,
        }
    )
    assert_matches_spec(openapi.document()["paths"]["/__admin/journal"]["get"], client.get("/__admin/journal"))


@pytest.mark.parametrize("slug", ["not-found", "validation-error", "idempotency-key-reused"])
def test_problem_pages(client, slug):
    response = client.get(f"/problems/{slug}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Hint:" in response.get_data(as_text=True)


def test_unknown_problem_page(client):
    assert_problem(client.get("/problems/nope"), 404)


def test_the_document_avoids_what_client_generators_choke_on():
    """openapi-python-client wrote `dropped != Trueand ...` (a SyntaxError) for the journal's `{"const": true}`,
    and dropped the whole JournalEntry for a union with an array of no `items`; neither may come back."""

    def walk(node, where):
        if isinstance(node, dict):
            assert not isinstance(node.get("const"), bool), where
            if node.get("type") == "array" or (isinstance(node.get("type"), list) and "array" in node["type"]):
                assert "items" in node, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(openapi.document(workshop=True), "#")
