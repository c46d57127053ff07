"""Exercise 7: book_table(base_url, name, party_size) POSTs JSON and reads the 201: the body's id and the Location."""

import pytest
import requests
from requests_mock import ANY

from kata.expect import call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import html_reply, json_reply, problem_reply


def seated(table_id, name="Ada", party_size=4, location=None):
    """A 201 answer of POST /tables, as the kitchen gives it (raw UTF-8: a name with an accent is its own bytes)."""
    body = {"id": table_id, "name": name, "party_size": party_size, "status": "seated"}
    return json_reply(body, status=201, headers={"Location": location or f"/tables/{table_id}"})


def test_posts_the_party_as_json(exercise, requests_mock, base_url):
    requests_mock.register_uri(ANY, f"{base_url}/tables", **seated(42))  # any verb: the test says which one it needs
    call(exercise.book_table, base_url, "Ada", 4)
    expect_request(
        requests_mock,
        method="POST",
        path="/tables",
        query={},
        json={"name": "Ada", "party_size": 4},
        count=1,
        hint="Booking is a POST to `/tables` with a JSON body of name and party_size: which argument of requests "
        "sends a dict as JSON, with its Content-Type?",
    )


def test_returns_the_new_tables_id_and_full_address(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/tables", **seated(42, "Chloé", 4))
    call(exercise.book_table, base_url, "Chloé", 4).returns(
        exercise.Booking(table_id=42, location=f"{base_url}/tables/42"),
        hint="The id is in the 201's JSON body; the `Location` header holds the path `/tables/42`: which function "
        "of urllib.parse (urljoin) resolves it against the URL of the answer?",
    )


def test_a_full_url_in_location_is_kept_as_it_is(exercise, requests_mock, base_url):
    elsewhere = "http://annex.kitchen.test/tables/7"
    requests_mock.post(f"{base_url}/tables", **seated(7, "Bo", 2, location=elsewhere))
    call(exercise.book_table, base_url, "Bo", 2).returns(
        exercise.Booking(table_id=7, location=elsewhere),
        hint="`Location` may be a full URL already, or a path: joining it to base_url by hand breaks one of the "
        "two. Which function of urllib.parse resolves both?",
    )


def test_a_refused_booking_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.post(
        f"{base_url}/tables",
        **problem_reply(
            "validation-error",
            "1 field(s) need fixing: party_size.",
            errors=[{"field": "party_size", "message": "must be from 1 to 12, got 0"}],
        ),
    )
    raises(
        requests.HTTPError,
        exercise.book_table,
        base_url,
        "Ada",
        0,
        hint="The kitchen answered 422: there is no table. What should an error status do before the body is read?",
    )


@pytest.mark.parametrize(
    "reply",
    [problem_reply("closed", "Closed until noon."), problem_reply("internal-error", "Oops."), html_reply(502)],
    ids=["503", "500", "HTML 502"],
)
def test_other_errors_raise_http_error(exercise, requests_mock, base_url, reply):
    requests_mock.post(f"{base_url}/tables", **reply)
    raises(
        requests.HTTPError,
        exercise.book_table,
        base_url,
        "Ada",
        4,
        hint=f"Any error status means no table, a {reply['status_code']} as much as a 422: "
        "which method of the response raises for every error status?",
    )


def test_live_booking(exercise, kitchen):
    booking = call(exercise.book_table, kitchen.url, "Grace", 3).value
    table_id = getattr(booking, "table_id", None)
    expect_true(
        isinstance(table_id, int) and getattr(booking, "location", None) == f"{kitchen.url}/tables/{table_id}",
        "book_table(kitchen, 'Grace', 3) should return a Booking with the new table's id and full URL.",
        expected=f"Booking(table_id=<id>, location='{kitchen.url}/tables/<id>')",
        actual=repr(booking),
    )
    table = kitchen.api("GET", f"/tables/{table_id}")
    expect_true(
        table["name"] == "Grace" and table["party_size"] == 3,
        "The live kitchen seated a different party than the one you booked.",
        expected="name 'Grace', party_size 3",
        actual=repr(table),
        hint="Send the name and party_size you were given.",
    )
