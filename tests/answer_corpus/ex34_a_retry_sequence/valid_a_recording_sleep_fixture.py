# valid: a fixture of its own for the waits, request_history to count, pytest.raises(match=) for the status
import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}}


@pytest.fixture
def waits():
    return []


@pytest.fixture
def desk(front_desk, waits):
    return front_desk(BASE, sleep=waits.append)


def test_asks_until_ready(requests_mock, desk, waits):
    requests_mock.get(f"{BASE}/orders/7", [BUSY, {"exc": requests.exceptions.ConnectTimeout}, {"json": ORDER}])
    assert desk.order(7) == ORDER
    assert len(requests_mock.request_history) == 3
    assert waits == [2.0, 1.0]


def test_gives_up_after_three(requests_mock, desk, waits):
    requests_mock.get(f"{BASE}/orders/7", status_code=504)
    with pytest.raises(requests.HTTPError, match="504"):
        desk.order(7)
    assert len(requests_mock.request_history) == 3
    assert waits == [1, 1]


def test_no_second_try_for_a_404(requests_mock, desk, waits):
    requests_mock.get(f"{BASE}/orders/7", status_code=404)
    with pytest.raises(requests.HTTPError, match="404"):
        desk.order(7)
    assert len(requests_mock.request_history) == 1
    assert waits == []


@pytest.mark.parametrize("busy", [502, 503, 504])
def test_each_busy_answer_is_tried_again(requests_mock, desk, waits, busy):
    requests_mock.get(
        f"{BASE}/orders/7",
        [{"status_code": busy, "headers": {"Retry-After": "Fri, 31 Dec 2027 23:59:59 GMT"}}, {"json": ORDER}],
    )
    assert desk.order(7) == ORDER
    assert len(requests_mock.request_history) == 2
    assert waits == [1]


def test_no_second_try_for_a_500(requests_mock, desk, waits):
    requests_mock.get(f"{BASE}/orders/7", status_code=500)
    with pytest.raises(requests.HTTPError, match="500"):
        desk.order(7)
    assert len(requests_mock.request_history) == 1


def test_a_line_that_stays_down(requests_mock, desk, waits):
    requests_mock.get(f"{BASE}/orders/7", exc=requests.exceptions.ConnectionError)
    with pytest.raises(requests.exceptions.ConnectionError):
        desk.order(7)
    assert waits == [1, 1]
