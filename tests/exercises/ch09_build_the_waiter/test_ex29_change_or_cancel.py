"""Exercise 29: PATCH /reservations/<id> changes what was sent (409 once seated); DELETE answers 204 (409 too)."""

import copy

import pytest
import requests

from kata.waiter.answer_checks import expect_field_errors, expect_json, expect_on, expect_problem, expect_status
from kata.waiter.app_under_test import build_app, send, served
from kata.waiter.reservation_forms import ACCEPTED, REFUSED, body_text, cases

SEATED = 8  # the book fixture's seated reservation
CONFLICT_HINT = "Look at the reservation's status first: a seated one answers problem(409, ...) and stays as it is."


def change(app, reservation_id, changes, content_type="application/json"):
    return send(app, "PATCH", f"/reservations/{reservation_id}", json=changes, headers={"Content-Type": content_type})


def expect_unchanged(app, reservation, why):
    """GET shows the reservation exactly as it was."""
    __tracebackhide__ = True
    answer = send(app, "GET", f"/reservations/{reservation['id']}")
    expect_on(
        answer,
        expect_json(answer) == reservation,
        f"{why}: the reservation should be exactly as it was.",
        expected=repr(reservation),
        hint="Check everything first; change the reservation only when the whole request is accepted.",
    )


def expect_changed(answer, app, wanted):
    """200 with the whole changed reservation, and GET shows the same."""
    __tracebackhide__ = True
    body = expect_json(answer, 200, hint="Answer the whole reservation, changed, with 200.")
    expect_on(
        answer,
        body == wanted,
        "The answer should be the whole reservation, with only the fields that were sent changed.",
        expected=repr(wanted),
        hint="Update the stored reservation with the fields of the body, then answer all of it.",
    )
    expect_unchanged(app, wanted, "After the PATCH, GET should show the change")


def test_a_patch_changes_only_what_was_sent(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    expect_changed(change(app, 7, {"party_size": 5}), app, dict(book[1], party_size=5))
    expect_unchanged(app, book[0], "Another reservation was not patched")


def test_a_patch_can_change_several_fields(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    changes = {"name": "Grace H.", "date": "2026-12-31", "time": "23:30"}
    expect_changed(change(app, 7, changes), app, dict(book[1], **changes))


def test_a_merge_patch_is_welcome(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    answer = change(app, 3, {"time": "18:45"}, "application/merge-patch+json")
    expect_changed(answer, app, dict(book[0], time="18:45"))


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"party_size": 0}, {"party_size"}),
        ({"party_size": 3, "time": "8pm"}, {"time"}),
        ({"date": "2026-02-30", "name": ""}, {"date", "name"}),
        ({"status": "seated"}, {"status"}),
        ({"id": 99}, {"id"}),
        ({"table": 4, "party_size": True}, {"table", "party_size"}),
    ],
    ids=["party of 0", "a wrong time", "two wrong fields", "the status", "the id", "an unknown field and a bool"],
)
def test_a_wrong_patch_is_a_422_and_changes_nothing(exercise, book, changes, fields):
    app = build_app(exercise, copy.deepcopy(book))
    expect_field_errors(
        change(app, 7, changes),
        fields,
        hint="Check the fields that were sent (exercise 28's rules); id, status and unknown fields cannot change.",
    )
    expect_unchanged(app, book[1], "A PATCH answered 422")


def test_a_seated_reservation_cannot_change(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    expect_problem(
        change(app, SEATED, {"time": "21:00"}),
        409,
        "Reservation 8 is seated: changing it should be refused with 409 Conflict.",
        hint=CONFLICT_HINT,
    )
    expect_unchanged(app, book[2], "A PATCH answered 409")


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ('{"party_size": 4}', "text/plain", 415),
        ("party_size=4", "application/x-www-form-urlencoded", 415),
        ('{"party_size": 4', "application/json", 400),
        ("[4]", "application/json", 400),
    ],
    ids=["text/plain", "a form", "broken JSON", "a JSON list"],
)
def test_a_body_that_is_not_a_json_object_is_refused(exercise, book, data, content_type, status):
    app = build_app(exercise, copy.deepcopy(book))
    answer = send(app, "PATCH", "/reservations/7", data=data, headers={"Content-Type": content_type})
    expect_problem(answer, status, hint="415 when the body is not declared as JSON; 400 when it is not a JSON object.")
    expect_unchanged(app, book[1], f"A PATCH answered {status}")


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_an_unknown_reservation_is_a_404(exercise, book, method):
    app = build_app(exercise, copy.deepcopy(book))
    answer = send(app, method, "/reservations/4", json={"party_size": 3})
    expect_problem(answer, 404, f"There is no reservation 4: {method} should be answered 404.")


@pytest.mark.parametrize(
    ("method", "number", "status"),
    [("GET", 4, 404), ("PATCH", 4, 404), ("DELETE", 4, 404), ("PATCH", SEATED, 409), ("DELETE", SEATED, 409)],
    ids=["GET unknown", "PATCH unknown", "DELETE unknown", "PATCH seated", "DELETE seated"],
)
def test_a_refusal_names_the_reservation(exercise, book, method, number, status):
    app = build_app(exercise, copy.deepcopy(book))
    changes = {"json": {"time": "21:00"}} if method == "PATCH" else {}
    answer = send(app, method, f"/reservations/{number}", **changes)
    if answer.status != status:
        return  # the status is the other tests' to judge: one mistake, said once
    body = expect_problem(answer, status)
    expect_on(
        answer,
        str(number) in str(body.get("detail", "")),
        f"The problem's detail should name reservation {number}, so the guest knows which one it is about.",
        expected=f'"detail": "... {number} ..." (any words with the id in them)',
        hint='Write the id into the detail: f"There is no reservation {reservation_id}."',
    )


def test_a_delete_is_204_and_the_reservation_is_gone(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    answer = send(app, "DELETE", "/reservations/7")
    # No check of the body: werkzeug drops whatever body a 204 is given, so it cannot be wrong on the wire.
    expect_status(answer, 204, hint="204 means 'done, nothing to say': what does a Flask view return then?")
    expect_problem(send(app, "GET", "/reservations/7"), 404, "After its DELETE, reservation 7 should be a 404.")
    expect_problem(send(app, "DELETE", "/reservations/7"), 404, "Reservation 7 is gone: a second DELETE is a 404.")
    for other in (book[0], book[2], book[3]):
        expect_unchanged(app, other, "Only reservation 7 was deleted")


def test_a_seated_reservation_cannot_be_cancelled(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    expect_problem(
        send(app, "DELETE", f"/reservations/{SEATED}"),
        409,
        "Reservation 8 is seated: cancelling it should be refused with 409 Conflict.",
        hint=CONFLICT_HINT,
    )
    expect_unchanged(app, book[2], "A DELETE answered 409")


def change_raw(app, reservation_id, fields, content_type="application/json"):
    """PATCH the fields as JSON text written by hand (UTF-8, numbers as written), with this Content-Type."""
    data = body_text(fields).encode()
    return send(app, "PATCH", f"/reservations/{reservation_id}", data=data, headers={"Content-Type": content_type})


ACCEPTED_CASES, ACCEPTED_IDS = cases(ACCEPTED)
REFUSED_CASES, REFUSED_IDS = cases(REFUSED)


@pytest.mark.parametrize(("field", "value"), ACCEPTED_CASES, ids=ACCEPTED_IDS)
def test_every_accepted_form_of_a_field_is_changed(exercise, book, field, value):
    app = build_app(exercise, copy.deepcopy(book))
    expect_changed(change_raw(app, 12, {field: value}), app, dict(book[3], **{field: value}))


@pytest.mark.parametrize(("field", "value"), REFUSED_CASES, ids=REFUSED_IDS)
def test_every_refused_form_of_a_field_is_a_422(exercise, book, field, value):
    app = build_app(exercise, copy.deepcopy(book))
    expect_field_errors(
        change_raw(app, 12, {field: value}),
        {field},
        hint=f"{field}={body_text({'v': value})[6:-1]} does not follow exercise 28's rule for {field}: check the exact "
        "form (`re.fullmatch` with [0-9], a type check), not only what a lenient parser accepts.",
    )
    expect_unchanged(app, book[3], "A PATCH answered 422")


@pytest.mark.parametrize("content_type", ["application/merge-patch+json", "application/json"])
def test_null_does_not_remove_a_field_here(exercise, book, content_type):
    app = build_app(exercise, copy.deepcopy(book))
    expect_field_errors(
        change_raw(app, 7, {"time": None, "party_size": 5}, content_type),
        {"time"},
        hint="RFC 7396 reads null as 'remove this field', but every field of a reservation is required: the "
        "docstring says the field rules win, so null is a wrong value (422), and nothing changes.",
    )
    expect_unchanged(app, book[1], "A PATCH with a null answered 422")


@pytest.mark.parametrize(
    "content_type",
    ["application/json; charset=utf-8", "application/merge-patch+json; charset=utf-8", "Application/Merge-Patch+JSON"],
    ids=["json with a charset", "merge-patch with a charset", "merge-patch in capitals"],
)
def test_a_patch_media_type_with_parameters_or_in_capitals(exercise, book, content_type):
    app = build_app(exercise, copy.deepcopy(book))
    answer = change_raw(app, 3, {"name": "Zoë"}, content_type)
    expect_changed(answer, app, dict(book[0], name="Zoë"))


def test_an_empty_patch_changes_nothing_and_answers_200(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    expect_changed(change(app, 7, {}), app, book[1])


@pytest.mark.parametrize(
    ("data", "content_type"),
    [('{"party_size": 4}', "text/plain"), ('{"party_size": 4', "application/json"), ('{"party_size": 0}', None)],
    ids=["text/plain", "broken JSON", "a wrong field"],
)
def test_an_unknown_reservation_is_a_404_whatever_the_body(exercise, book, data, content_type):
    app = build_app(exercise, copy.deepcopy(book))
    headers = {"Content-Type": content_type or "application/json"}
    answer = send(app, "PATCH", "/reservations/4", data=data, headers=headers)
    expect_problem(
        answer,
        404,
        "There is no reservation 4: whatever the body, the answer should be 404 (first find the reservation, "
        "then judge the request).",
        hint="Look the id up first, before the Content-Type and the body.",
    )


def test_several_deletes_leave_the_rest_as_it_was(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    for gone in (12, 3, 7):
        expect_status(
            send(app, "DELETE", f"/reservations/{gone}"), 204, hint="204 means 'done, nothing to say': an empty body."
        )
    for gone in (3, 7, 12):
        expect_problem(send(app, "GET", f"/reservations/{gone}"), 404, f"Reservation {gone} was cancelled: a 404.")
    expect_unchanged(app, book[2], "Three other reservations were cancelled")
    expect_problem(send(app, "DELETE", f"/reservations/{SEATED}"), 409, hint=CONFLICT_HINT)


@pytest.mark.parametrize("kind", ["tuple", "generator"])
def test_any_iterable_is_a_book(exercise, book, kind):
    given = copy.deepcopy(book)
    app = build_app(exercise, tuple(given) if kind == "tuple" else (reservation for reservation in given))
    expect_changed(change(app, 7, {"party_size": 5}), app, dict(book[1], party_size=5))
    expect_status(send(app, "DELETE", "/reservations/3"), 204)
    expect_unchanged(app, book[3], f"create_app() was given the book as a {kind}")


def test_two_apps_from_one_list_do_not_share_it(exercise, book):
    given = copy.deepcopy(book)
    first, second = build_app(exercise, given), build_app(exercise, given)
    expect_changed(change(first, 7, {"party_size": 1}), first, dict(book[1], party_size=1))
    expect_status(send(first, "DELETE", "/reservations/3"), 204)
    why = "Two apps were built from the same list; the first changed reservation 7 and cancelled 3"
    expect_unchanged(second, book[1], why)
    expect_unchanged(second, book[0], why)
    expect_on(
        send(second, "GET", "/reservations/7"),
        given == book,
        "create_app() should not change the list (or the dicts) it was given.",
        expected="the caller's reservations as they were",
        hint="Copy each reservation in create_app(): the dicts you are given are the caller's.",
    )


def test_each_app_has_its_own_book(exercise, book):
    first, second = build_app(exercise, copy.deepcopy(book)), build_app(exercise, copy.deepcopy(book))
    expect_status(send(first, "DELETE", "/reservations/3"), 204)
    expect_changed(change(first, 7, {"party_size": 1}), first, dict(book[1], party_size=1))
    expect_unchanged(second, book[0], "A DELETE in another app")
    expect_unchanged(second, book[1], "A PATCH in another app")


def test_live_a_real_client_changes_and_cancels(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    with served(app) as live:
        expect_changed(
            live.request("PATCH", "/reservations/12", json={"party_size": 8}), app, dict(book[3], party_size=8)
        )
        expect_problem(
            live.request("PATCH", f"/reservations/{SEATED}", json={"party_size": 2}), 409, hint=CONFLICT_HINT
        )
        expect_status(live.request("DELETE", "/reservations/12"), 204)
        gone = requests.get(f"{live.url}/reservations/12", timeout=5)
        live.check()
        expect_on(
            live.request("GET", "/reservations/12"),
            gone.status_code == 404,
            "After a DELETE, a client should get 404 for it.",
            expected="404",
        )
