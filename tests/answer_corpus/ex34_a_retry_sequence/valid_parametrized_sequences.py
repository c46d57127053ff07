# valid: one table of answer sequences with the expected tries and waits
import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}}

DROPPED = {"exc": requests.exceptions.ConnectionError}
READY = {"json": ORDER}


@pytest.mark.parametrize(
    ("answers", "tries", "waits"),
    [
        ([READY], 1, []),
        ([BUSY, READY], 2, [2]),
        ([DROPPED, {"status_code": 502}, READY], 3, [1, 1]),
        ([{"status_code": 504, "headers": {"Retry-After": "soon"}}, READY], 2, [1]),
        ([{"status_code": 503, "headers": {"Retry-After": "Fri, 31 Dec 2027 23:59:59 GMT"}}, READY], 2, [1]),
    ],
)
def test_sequences_that_end_well(requests_mock, front_desk, answers, tries, waits):
    requests_mock.get(f"{BASE}/orders/7", answers)
    slept = []
    assert front_desk(BASE, sleep=slept.append).order(7) == ORDER
    assert requests_mock.call_count == tries
    assert slept == waits


@pytest.mark.parametrize(
    ("answers", "tries"),
    [([BUSY], 3), ([{"status_code": 404}], 1), ([{"status_code": 401}], 1), ([{"status_code": 500}], 1)],
)
def test_sequences_that_end_in_an_error(requests_mock, front_desk, answers, tries):
    requests_mock.get(f"{BASE}/orders/7", answers)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == tries


def test_three_dropped_lines_raise_the_last(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [DROPPED])
    with pytest.raises(requests.ConnectionError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 3
