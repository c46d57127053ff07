# valid: a callback plays the kitchen (status and headers from a script), additional_matcher checks the address
import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 3, "status": "ready"}


class Kitchen:
    def __init__(self, requests_mock, *script):
        self.script = list(script)
        self.route = requests_mock.get(
            f"{BASE}/orders/3", json=self.answer, additional_matcher=lambda r: r.path == "/orders/3"
        )

    def answer(self, request, context):
        status, headers = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        context.status_code = status
        context.headers.update(headers)
        return ORDER if status == 200 else {"status": status}


@pytest.mark.parametrize(
    ("script", "waits"),
    [
        ([(502, {"Retry-After": "2"}), (200, {})], [2]),
        ([(503, {}), (200, {})], [1]),
        ([(504, {"Retry-After": "Thu, 01 Jan 2026 00:00:00 GMT"}), (503, {"Retry-After": "0.5"}), (200, {})], [1, 0.5]),
    ],
)
def test_it_waits_then_gets_the_order(requests_mock, front_desk, script, waits):
    kitchen = Kitchen(requests_mock, *script)
    slept = []
    assert front_desk(BASE, sleep=slept.append).order(3) == ORDER
    assert slept == waits
    assert kitchen.route.call_count == len(script)


@pytest.mark.parametrize(("status", "tries"), [(503, 3), (500, 1), (404, 1), (403, 1)])
def test_it_raises_in_the_end(requests_mock, front_desk, status, tries):
    kitchen = Kitchen(requests_mock, (status, {}))
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(3)
    assert kitchen.route.call_count == tries


def test_a_line_down_for_good(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/3", exc=requests.exceptions.ConnectionError)
    slept = []
    with pytest.raises(requests.exceptions.ConnectionError):
        front_desk(BASE, sleep=slept.append).order(3)
    assert slept == [1, 1]
