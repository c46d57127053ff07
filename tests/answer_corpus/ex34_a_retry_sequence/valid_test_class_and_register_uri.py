# valid: a test class whose fixtures make the desk and record the waits, register_uri with a response list
import pytest
import requests

BASE = "http://restaurant.test"
URL = f"{BASE}/orders/12"
ORDER = {"id": 12, "table_id": 4, "status": "received", "items": [{"dish_id": 3, "quantity": 1}], "total": 7.9}
OK = {"status_code": 200, "json": ORDER}


def busy(status=503, **headers):
    return {"status_code": status, "headers": headers, "json": {"status": status, "title": "Busy"}}


class TestRetries:
    @pytest.fixture
    def waits(self):
        return []

    @pytest.fixture
    def desk(self, front_desk, waits):
        return front_desk(BASE, sleep=waits.append)

    def test_a_busy_answer_then_the_order(self, requests_mock, desk, waits):
        requests_mock.register_uri("GET", URL, [busy(**{"Retry-After": "3"}), OK])
        assert desk.order(12) == ORDER
        assert [r.url for r in requests_mock.request_history] == [URL, URL]
        assert waits == [3]

    def test_a_dropped_line_waits_one_second(self, requests_mock, desk, waits):
        requests_mock.register_uri("GET", URL, [{"exc": requests.exceptions.ConnectionError}, OK])
        assert desk.order(12) == ORDER
        assert waits == [1]

    @pytest.mark.parametrize("status", [502, 504])
    def test_the_other_busy_statuses(self, requests_mock, desk, waits, status):
        requests_mock.register_uri("GET", URL, [busy(status), OK])
        assert desk.order(12) == ORDER
        assert requests_mock.call_count == 2
        assert waits == [1]

    def test_a_retry_after_that_is_not_seconds(self, requests_mock, desk, waits):
        requests_mock.register_uri("GET", URL, [busy(**{"Retry-After": "Tue, 01 Jun 2027 10:00:00 GMT"}), OK])
        desk.order(12)
        assert waits == [1]

    def test_three_busy_answers_raise(self, requests_mock, desk, waits):
        requests_mock.register_uri("GET", URL, [busy(), busy(), busy(), OK])
        with pytest.raises(requests.HTTPError) as raised:
            desk.order(12)
        assert raised.value.response.status_code == 503
        assert requests_mock.call_count == 3
        assert len(waits) == 2

    def test_three_dropped_lines_raise(self, requests_mock, desk):
        requests_mock.register_uri("GET", URL, exc=requests.exceptions.ConnectTimeout)
        with pytest.raises(requests.exceptions.ConnectionError):
            desk.order(12)
        assert requests_mock.call_count == 3

    @pytest.mark.parametrize("status", [404, 500, 400])
    def test_a_lasting_error_is_asked_once(self, requests_mock, desk, waits, status):
        requests_mock.register_uri("GET", URL, [busy(status), OK])
        with pytest.raises(requests.HTTPError):
            desk.order(12)
        assert requests_mock.call_count == 1
        assert waits == []
