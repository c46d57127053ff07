"""The mutation gate's reading of mutmut's output (tools/mutation_gate.py); mutmut itself is not run here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_gate():
    spec = importlib.util.spec_from_file_location("mutation_gate", ROOT / "tools" / "mutation_gate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


gate = _load_gate()
KEY = "solutions.ch01_first_contact.ex03_is_it_open.x_is_open__mutmut_6"
METHOD_KEY = "solutions.ch07_capstone.ex24_client.xǁRestaurantClientǁbook__mutmut_3"

SOURCE = '''"""Exercise 3."""

import requests


def is_open(base_url: str) -> bool:
    """Return True if the kitchen answers GET /health with 200."""
    try:
        response = requests.get(f"{base_url}/health", timeout=5)
    except requests.exceptions.ConnectionError:
        return False
    return response.status_code == 200


class RestaurantClient:
    @property
    def name(self) -> str:
        return "x"

    def book(self, seats: int) -> dict:
        response = requests.post("/tables", json={"seats": seats}, timeout=5)
        response.raise_for_status()
        return response.json()
'''

SHOW_FUNCTION = """# solutions.ch01_first_contact.ex03_is_it_open.x_is_open__mutmut_6: survived
--- solutions/ch01_first_contact/ex03_is_it_open.py
+++ solutions/ch01_first_contact/ex03_is_it_open.py
@@ -1,7 +1,7 @@
 def is_open(base_url: str) -> bool:
     \"\"\"Return True if the kitchen answers GET /health with 200.\"\"\"
     try:
-        response = requests.get(f"{base_url}/health", timeout=5)
+        response = requests.get(f"{base_url}/health", timeout=6)
     except requests.exceptions.ConnectionError:
         return False
     return response.status_code == 200
"""

SHOW_METHOD = """# key: survived
--- solutions/ch07_capstone/ex24_client.py
+++ solutions/ch07_capstone/ex24_client.py
@@ -1,4 +1,4 @@
 def book(self, seats: int) -> dict:
     response = requests.post("/tables", json={"seats": seats}, timeout=5)
-    response.raise_for_status()
+    pass
     return response.json()
"""


def test_reads_every_mutant_and_its_status():
    text = f"    {KEY}: survived\n    {METHOD_KEY}: no tests\nsome other line\n    a.b.x_f__mutmut_1: killed\n"
    mutants = gate.parse_results(text)
    assert [(m.key, m.status) for m in mutants] == [
        (KEY, "survived"),
        (METHOD_KEY, "no tests"),
        ("a.b.x_f__mutmut_1", "killed"),
    ]


def test_names_the_exercise_file_and_function_of_a_mutant():
    function = gate.Mutant(KEY, "survived")
    method = gate.Mutant(METHOD_KEY, "survived")
    assert (function.exercise, function.path, function.function) == (
        "ch01_first_contact/ex03_is_it_open",
        "solutions/ch01_first_contact/ex03_is_it_open.py",
        ("is_open", None),
    )
    assert (method.exercise, method.function) == ("ch07_capstone/ex24_client", ("book", "RestaurantClient"))


def test_places_the_change_on_its_line_of_the_file():
    changed, line = gate.locate(SHOW_FUNCTION, SOURCE, "is_open", None)
    assert line == 9
    assert changed == [
        '-        response = requests.get(f"{base_url}/health", timeout=5)',
        '+        response = requests.get(f"{base_url}/health", timeout=6)',
    ]
    assert gate.locate(SHOW_METHOD, SOURCE, "book", "RestaurantClient")[1] == 22


def test_a_change_near_the_top_of_a_commented_function_is_placed_too():
    source = "import requests\n\n\n# Asks the kitchen.\n# Twice.\ndef f(url, attempts=3):\n    return url\n"
    show = (
        "@@ -1,4 +1,4 @@\n # Asks the kitchen.\n # Twice.\n"
        "-def f(url, attempts=3):\n+def f(url, attempts=4):\n     return url\n"
    )
    assert gate.locate(show, source, "f", None)[1] == 6


def test_a_function_it_cannot_find_has_no_line():
    assert gate.locate(SHOW_FUNCTION, SOURCE, "is_closed", None)[1] is None


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        ("r = requests.get(url, timeout=5)", "r = requests.get(url, timeout=6)", "timeout"),
        ("r = requests.get(url, timeout=5)", "r = requests.get(url, timeout=None)", ""),
        ("r = requests.get(url, timeout=5)", "r = requests.get(url, )", ""),
        ('requests.get(u, headers={"Authorization": t})', 'requests.get(u, headers={"AUTHORIZATION": t})', "header"),
        ('wait = response.headers.get("Retry-After", "")', 'wait = response.headers.get("retry-after", "")', "header"),
        ('return requests.Request("GET", url).prepare()', 'return requests.Request("get", url).prepare()', "method"),
        ('if method == "GET":', 'if method == "get":', ""),
        ('params["vegetarian"] = "true"', 'params["vegetarian"] = "TRUE"', ""),
        ('body = {"name": name}', 'body = {"NAME": name}', ""),
        ('headers["Authorization"] = f"Bearer {token}"', 'headers["Authorization"] = f"bearer {token}"', "scheme"),
        ('headers["Authorization"] = f"Bearer {token}"', 'headers["Authorization"] = f"BEARER {token}"', "scheme"),
        ('headers["Authorization"] = f"Bearer {token}"', 'headers["Authorization"] = f"BEARER {TOKEN}"', ""),
        ('return {"status": "Open"}', 'return {"status": "open"}', ""),
        (
            'return problem(404, "Not Found", "Nothing here.")',
            'return problem(404, "XXNot FoundXX", "Nothing here.")',
            "words",
        ),
        (
            'return problem(415, "Unsupported", "Send JSON.")',
            'return problem(415, "Unsupported", "SEND JSON.")',
            "words",
        ),
        ('return problem(404, "Not Found", "Nothing here.")', 'return problem(405, "Not Found", "Nothing here.")', ""),
        ('return problem(404, "Not Found", "Nothing here.")', 'return problem(404, None, "Nothing here.")', ""),
        ('return jsonify({"type": "about:blank"})', 'return jsonify({"type": "XXabout:blankXX"})', ""),
        ('response.headers["Link"] = link', 'response.headers["link"] = link', "header"),
    ],
)
def test_labels_only_shapes_that_are_always_equivalent(old, new, note):
    label = gate.note_for([f"-{old}", f"+{new}"])
    assert note in label if note else label == "", label


def test_the_rate_counts_timeouts_as_killed_and_leaves_out_skipped_and_set_aside():
    mutants = [
        gate.Mutant("s.c.e.x_f__mutmut_1", "killed"),
        gate.Mutant("s.c.e.x_f__mutmut_2", "timeout"),
        gate.Mutant("s.c.e.x_f__mutmut_3", "survived"),
        gate.Mutant("s.c.e.x_f__mutmut_4", "no tests"),
        gate.Mutant("s.c.e.x_f__mutmut_5", "skipped"),
        gate.Mutant("s.c.e.x_f__mutmut_6", "survived", note=gate.EQUIVALENT + "only the timeout"),
        gate.Mutant("s.c.e.x_f__mutmut_7", "survived", note=gate.GIVEN + "the stub has it"),
        gate.Mutant("s.c.e.x_f__mutmut_8", "survived", note="a note that is no label"),
    ]
    assert gate.rate(mutants) == (2, 5, 0.4)
    assert gate.rate(mutants, raw=True) == (2, 7, 2 / 7)


def test_the_table_has_a_row_per_exercise_and_flags_those_under_the_threshold():
    mutants = [gate.Mutant(f"solutions.ch1.ex03.x_f__mutmut_{i}", "killed") for i in range(9)]
    mutants += [gate.Mutant("solutions.ch1.ex03.x_f__mutmut_9", "survived", note=gate.EQUIVALENT + "timeout")]
    mutants += [gate.Mutant("solutions.ch1.ex04.x_g__mutmut_1", "survived")]
    rows = gate.table(mutants, threshold=0.9)
    assert rows[0].startswith("exercise") and rows[0].endswith(
        "killed  excused  survived  no tests  other  kill rate  mutmut"
    )
    assert rows[2].split() == ["ch1/ex03", "10", "9", "1", "0", "0", "0", "100.0%", "90.0%"]
    assert rows[3].split() == ["ch1/ex04", "1", "0", "0", "1", "0", "0", "0.0%", "0.0%", "<"]
    assert rows[-1].split() == ["all", "11", "9", "1", "1", "0", "0", "90.0%", "81.8%"]


def test_a_line_the_stub_already_has_is_not_the_learners(tmp_path, monkeypatch):
    stub = tmp_path / "exercises" / "ch6" / "ex20_retry.py"
    stub.parent.mkdir(parents=True)
    stub.write_text('def send(url, attempts=3):\n    """Send it."""\n    raise NotImplementedError\n')
    monkeypatch.setattr(gate, "ROOT", tmp_path)
    mutant = gate.Mutant("solutions.ch6.ex20_retry.x_send__mutmut_1", "survived")
    assert gate.given_in_stub(mutant, ["-def send(url, attempts=3):", "+def send(url, attempts=4):"])
    assert not gate.given_in_stub(mutant, ["-    return requests.get(url)", "+    return None"])


def test_names_the_decorated_functions_mutmut_cannot_reach():
    source = (
        "def create_app():\n"
        "    app = Flask(__name__)\n"
        "\n"
        '    @app.post("/webhooks")\n'
        "    def hook():\n"
        "        return 1\n"
        "    return app\n"
        "\n"
        "class Error(Exception):\n"
        "    @property\n"
        "    def detail(self):\n"
        "        return 2\n"
        "\n"
        "    @staticmethod\n"
        "    def make():\n"
        "        return 3\n"
    )
    assert gate.unmutated(source) == [(4, "hook"), (10, "detail")]


UNDECORATED = (
    "def create_app():\n"
    "    app = Flask(__name__)\n"
    "\n"
    '    @app.post("/webhooks")\n'
    "    @app.put(\n"
    '        "/hooks"\n'
    "    )\n"
    "    def hook():\n"
    "        return 1\n"
    "    return app\n"
    "\n"
    "class Error(Exception):\n"
    "    @property\n"
    "    def detail(self):\n"
    "        return 2\n"
    "\n"
    "    @staticmethod\n"
    "    def make():\n"
    "        return 3\n"
)


def test_writes_each_decorator_as_a_call_after_its_function_so_mutmut_reaches_it():
    source, origin = gate.undecorate(UNDECORATED)
    assert gate.unmutated(source) == []
    lines = source.splitlines()
    assert lines[3:5] == ["    def hook():", "        return 1"]
    assert lines[5:8] == [
        '    hook = app.post("/webhooks")(app.put(',
        '        "/hooks"',
        "    )(hook))" + gate.REGISTERED,
    ]
    assert "    detail = property(detail)" + gate.REGISTERED in lines
    assert "    @staticmethod" in lines
    assert len(origin) == len(lines)
    assert origin[lines.index("    def hook():")] == 8  # lines keep their number in the file as it is
    assert origin[lines.index("    detail = property(detail)" + gate.REGISTERED)] == 13  # the decorator's line


def test_an_undecorated_app_is_the_same_program():
    calls = []

    class App:
        def post(self, path):
            return lambda f: calls.append(("post", path, f.__name__)) or f

        def put(self, path):
            return lambda f: calls.append(("put", path, f.__name__)) or f

    for text in (UNDECORATED, gate.undecorate(UNDECORATED)[0]):
        namespace = {"Flask": lambda name: App()}
        exec(compile(text, "<answer>", "exec"), namespace)
        namespace["create_app"]()
        assert namespace["Error"]().detail == 2 and namespace["Error"].make() == 3
    assert calls == [("put", "/hooks", "hook"), ("post", "/webhooks", "hook")] * 2


def test_no_function_of_the_solutions_is_left_unmutated():
    assert gate.blind_spots([]) == []
