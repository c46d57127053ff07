"""The `kata` command's verbs, called in this process (`kata.cli.main([...])`) in a tiny kata.

The verbs that run the tests (progress, next, check, compare) get their runs made here too, by pytester,
with the arguments the CLI gives its child pytest (see the `cli` fixture): their real processes are
the end-to-end tests' business (test_end_to_end.py).
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest

from kata.cli.output import Output
from kata.command_line import kata_command

from .tiny_kata import TinyKata

ESCAPE = "\x1b["


@pytest.fixture
def underway(kata: TinyKata) -> TinyKata:
    """Exercise 1 solved, exercise 2 started (and wrong), exercise 3 untouched."""
    kata.solve(1)
    kata.write(2, "    raise ValueError('oops')")
    return kata


# progress, next -------------------------------------------------------------------------------------


def test_progress_is_the_default_and_shows_each_exercise_state_from_the_tests(underway, cli):
    code, out, _ = cli()
    assert code == 0, out
    assert "Progress: 1/3 exercises done" in out
    assert "Chapter 1: A tiny kata" in out
    assert re.search(r"\[x\] 1\. Add two numbers +done", out), out
    assert re.search(r"\[~\] 2\. Is the restaurant open\? +in progress: 0 of 2 tests pass", out), out
    assert re.search(r"\[ \] 3\. The names of the dishes +not started", out), out
    assert f"Next: exercise 2, Is the restaurant open? `{kata_command('check 2')}`, or `{kata_command('watch')}`" in out
    assert ESCAPE not in out and "█" not in out


def test_progress_when_everything_passes(kata, cli):
    for number in (1, 2, 3):
        kata.solve(number)
    code, out, _ = cli("progress")
    assert code == 0 and "Progress: 3/3 exercises done" in out and "The kitchen salutes you!" in out


def test_progress_says_why_a_run_gave_no_results(kata, cli):
    (kata.root / "tests" / "exercises" / "ch01_tiny" / "conftest.py").write_text("import no_such_module\n")
    code, out, _ = cli("progress")
    assert code == 2 and "The tests could not run (pytest exit code 2). What pytest said:" in out
    assert "Interrupted: 1 error during collection" in out


def test_next_names_the_first_unfinished_exercise_its_file_and_its_task(underway, cli):
    code, out, _ = cli("next")
    assert code == 0, out
    assert "Next: exercise 2 of 3, Is the restaurant open?  (Chapter 1: A tiny kata)" in out
    assert "  open:   `exercises/ch01_tiny/ex02_is_it_open.py`" in out
    assert "  idea:   A GET request, and the status code of its response" in out
    assert "  state:  in progress: 0 of 2 tests pass" in out
    assert (
        "  task:\n    Return True when `GET {base_url}/health` answers 200, False otherwise:\n    - 200: open\n" in out
    )
    assert f"`{kata_command('hint 2')}` when stuck" in out


# check ----------------------------------------------------------------------------------------------


def test_check_runs_one_exercise_focused_and_fails_on_the_stub(kata, cli):
    code, out, _ = cli("check", "1")
    assert code == 1
    assert "exercise 1: Add two numbers" in out and "not started yet: exercises/ch01_tiny/ex01_add.py::add" in out
    assert "Progress:" not in out  # one exercise's run cannot know the kata's progress
    assert "ex02" not in out


def test_check_accepts_a_name_and_passes_on_a_solved_exercise(kata, cli):
    kata.solve(1)
    code, out, _ = cli("check", "ex01")
    assert code == 0, out
    assert "Exercise 1 passes: Add two numbers." in out
    assert f"`{kata_command('compare 1')}`" in out and f"`{kata_command('next')}`" in out


def test_check_without_an_exercise_runs_the_kata_focused_on_the_first_unfinished(underway, cli):
    code, out, _ = cli("check")
    assert code == 1
    assert "Progress: 1/3 exercises done" in out and "exercise 2: Is the restaurant open?" in out


def test_check_starts_a_kitchen_up_front_only_for_tests_that_name_it(kata, cli, monkeypatch):
    """Chapters 9 and 10 never use the kitchen: its start-up would only compete with their run for the cores."""
    from kata.kitchen import live
    from kata.kitchen.live import KitchenProcess

    started: list[bool] = []

    class Kitchen(KitchenProcess):  # no process: the runs use the shared kitchen (KATA_KITCHEN)
        def start(self) -> None:
            started.append(True)

    monkeypatch.setattr(live, "kitchen_for_runs", lambda root, at_once=True: Kitchen(at_once=at_once))
    assert cli("check", "1")[0] == 1 and started == []  # ex01's tests never name it
    assert cli("check", "2")[0] == 1 and started  # ex02's take the `kitchen` fixture
    lazy = KitchenProcess(at_once=False)
    assert lazy.ready_url() is None
    lazy.stop()  # one never started has nothing to end


@pytest.mark.parametrize(("key", "message"), [("99", "There is no exercise 99"), ("ex0", "matches several")])
def test_check_explains_an_unknown_exercise(kata, cli, key, message):
    code, _, err = cli("check", key)
    assert code == 2 and message in err and "Traceback" not in err


def test_check_says_when_an_exercise_has_no_tests(kata, cli):
    kata.exercise(3).test_file().unlink()
    code, out, _ = cli("check", "3")
    assert code == 2 and "Exercise 3 has no tests yet: tests/exercises/ch01_tiny/test_ex03_dish_names.py" in out


def test_check_survives_a_syntax_error_and_names_file_and_line(kata, cli):
    with kata.mine(1).open("a", encoding="utf-8") as file:
        file.write("\ndef oops(:\n")
    code, out, _ = cli("check", "1")
    assert code == 1
    assert re.search(r"exercises/ch01_tiny/ex01_add.py, line \d+: Python cannot read this file", out), out


# hint -----------------------------------------------------------------------------------------------


def test_hint_shows_the_next_hint_each_time_and_remembers_in_dot_kata(kata, cli):
    hints = kata.exercise(1).hints
    _, one, _ = cli("hint", "1")
    _, two, _ = cli("hint", "1")
    assert "Hint 1 of 2 for exercise 1, Add two numbers:" in one and hints[0] in one and "1 left" in one
    assert "Hint 2 of 2" in two and hints[1] in two and hints[0] not in two and "the last hint" in two
    assert (kata.root / ".kata" / "state.json").is_file()
    _, every, _ = cli("hint", "ex01_add", "--all")
    assert all(hint in every for hint in hints)
    _, again, _ = cli("hint", "1")
    assert "Hint 2 of 2" in again and "That is every hint" in again and kata_command("compare 1 --peek") in again


def test_hint_without_a_number_is_for_the_exercise_you_are_on(underway, cli):
    code, out, _ = cli("hint")
    assert code == 0, out
    assert "Hint 1 of 2 for exercise 2, Is the restaurant open?\n" in out  # not "open?:"
    assert underway.exercise(2).hints[0] in out and f"`{kata_command('hint 2')}`" in out


def test_hint_without_a_number_when_every_exercise_passes(kata, cli):
    for number in (1, 2, 3):
        kata.solve(number)
    code, out, _ = cli("hint")
    assert code == 0 and "Every exercise passes" in out and "Hint" not in out


# compare --------------------------------------------------------------------------------------------


def test_compare_waits_until_the_exercise_passes_unless_peeking(kata, cli):
    code, out, _ = cli("compare", "1")
    assert code == 1 and "does not pass yet" in out and "--peek" in out
    code, peek, _ = cli("compare", "1", "--peek")
    assert code == 0
    assert "--- exercises/ch01_tiny/ex01_add.py (yours)" in peek
    assert "+++ solutions/ch01_tiny/ex01_add.py (reference)" in peek
    assert "-    raise NotImplementedError\n+    return a + b" in peek
    assert "Your task" not in peek  # the docstrings are left out


def test_compare_after_passing_shows_the_diff(kata, cli):
    kata.solve(1)
    code, out, _ = cli("compare", "1")
    assert code == 0 and "same as the reference solution's" in out


# reset ----------------------------------------------------------------------------------------------


def git(root, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Learner", "-c", "user.email=learner@example.com", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


def test_reset_asks_then_restores_the_stub_from_git_and_keeps_a_backup(kata, cli):
    git(kata.root, "init", "-q")
    git(kata.root, "add", "-A")
    git(kata.root, "commit", "-q", "-m", "the kata as handed out")
    path = kata.mine(1)
    stub = path.read_text(encoding="utf-8")
    mine = kata.solve(1).read_text(encoding="utf-8")

    code, out, _ = cli("reset", "1", input="n\n")
    assert code == 1 and "Nothing changed" in out and path.read_text(encoding="utf-8") == mine

    code, out, _ = cli("reset", "1", input="y\n")
    assert code == 0, out
    assert path.read_text(encoding="utf-8") == stub
    backups = list((kata.root / ".kata" / "backups").iterdir())
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == mine
    assert backups[0].relative_to(kata.root).as_posix() in out

    code, out, _ = cli("reset", "1", "--yes")
    assert code == 0 and "already the untouched stub" in out


def test_reset_without_git_uses_a_pristine_copy_or_says_what_to_do(kata, cli):
    stub = kata.mine(1).read_bytes()
    kata.solve(1)
    code, out, _ = cli("reset", "1", "--yes")
    assert code == 2 and "fix: put the untouched file in .kata/pristine/exercises/ch01_tiny/ex01_add.py" in out
    pristine = kata.root / ".kata" / "pristine" / "exercises" / "ch01_tiny" / "ex01_add.py"
    pristine.parent.mkdir(parents=True)
    pristine.write_bytes(stub)
    code, out, _ = cli("reset", "1", "--yes")
    assert code == 0 and kata.mine(1).read_bytes() == stub and "from .kata/pristine/" in out


# catch-up -------------------------------------------------------------------------------------------


def test_catch_up_asks_then_replaces_backs_up_and_says_what(kata, cli):
    first, third = kata.mine(1), kata.mine(3)
    mine = first.read_bytes() + b"\n# my attempt\n"
    first.write_bytes(mine)
    untouched_third = third.read_bytes()
    code, out, _ = cli("catch-up", "3", input="n\n")
    assert code == 1 and "Nothing changed" in out and first.read_bytes() == mine
    code, out, _ = cli("catch-up", "3", input="y\n")
    assert code == 0, out
    for number in (1, 2):
        exercise = kata.exercise(number)
        assert exercise.source("exercises").read_bytes() == exercise.source("solutions").read_bytes()
        assert f"replaced exercises/ch01_tiny/{exercise.name}.py" in out
    assert third.read_bytes() == untouched_third  # exercise 3 itself is the pair's to do
    backups = sorted((kata.root / ".kata" / "backups").iterdir())
    assert [path.read_bytes() for path in backups if path.name.startswith("ex01")] == [mine]
    assert kata_command("check 3") in out
    assert "nothing to do" in cli("catch-up", "3", "--yes")[1]
    assert cli("check", "2")[0] == 0


def test_catch_up_to_the_first_exercise_does_nothing(kata, cli):
    code, out, _ = cli("catch-up", "1", "--yes")
    assert code == 0 and "nothing to catch up" in out


# pair -----------------------------------------------------------------------------------------------


def pairing(*argv: str):
    """`kata pair ARGV` with a fake clock and sleep: (exit code, output, sleeps)."""
    from kata.cli.args import parser
    from kata.cli.commands import pair

    slept: list[float] = []
    stream = io.StringIO()
    args = parser().parse_args(["pair", *argv])
    code = pair.run(args, sleep=slept.append, clock=lambda: 0.0, out=Output(stream, colour=False))
    return code, stream.getvalue(), slept


def test_pair_prints_a_swap_banner_every_n_minutes():
    code, text, slept = pairing("--minutes", "7", "--rounds", "3", "--names", "Ada", "Grace")
    assert code == 0 and slept == [420.0] * 3
    assert "Ada drives first, Grace navigates" in text
    assert [line.strip() for line in text.splitlines() if "drives now" in line] == [
        "Grace drives now, Ada navigates.",
        "Ada drives now, Grace navigates.",
        "Grace drives now, Ada navigates.",
    ]
    assert text.count("SWAP #") == 3 and "Pairing stopped after 3 swaps." in text


def test_pair_without_names_says_who_takes_the_keyboard():
    code, text, slept = pairing("--minutes", "0.5", "--rounds", "1")
    assert code == 0 and slept == [30.0] and "SWAP #1" in text and "The navigator takes the keyboard" in text


def test_pair_stops_cleanly_on_ctrl_c():
    from kata.cli.args import parser
    from kata.cli.commands import pair

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    stream = io.StringIO()
    code = pair.run(parser().parse_args(["pair"]), sleep=interrupted, out=Output(stream, colour=False))
    assert code == 0 and "every 10 min" in stream.getvalue() and "after 0 swaps" in stream.getvalue()


@pytest.mark.parametrize("argv", [["--minutes", "0"], ["--minutes", "-1"]])
def test_pair_refuses_a_bad_interval(argv):
    assert pairing(*argv)[0] == 2


# the command itself, colour -------------------------------------------------------------------------


def test_an_argument_namespace_is_all_pair_needs():
    import argparse

    from kata.cli.commands import pair

    stream = io.StringIO()
    args = argparse.Namespace(minutes=1.0, names=None, rounds=1)
    assert pair.run(args, sleep=lambda s: None, out=Output(stream, colour=False)) == 0


def test_help_exits_0(cli):
    with pytest.raises(SystemExit) as ended:
        cli("--help")
    assert ended.value.code == 0


def test_help_text_lists_every_verb(capsys):
    from kata.cli.args import parser

    parser().print_help()
    text = capsys.readouterr().out
    for verb in ("progress", "check", "next", "hint", "watch", "reset", "compare", "serve", "doctor"):
        assert verb in text
    for verb in ("join", "pair", "catch-up"):
        assert verb in text


def test_colour_only_when_asked_for_and_never_with_no_color(kata, cli, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESCAPE in cli("hint", "1", "--all")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESCAPE not in cli("hint", "1", "--all")[1]
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("FORCE_COLOR")
    assert ESCAPE not in cli("hint", "1", "--all")[1]  # not a terminal


def test_bars_and_clearing_degrade_to_plain_text():
    fancy, plain = Output(io.StringIO(), colour=True), Output(io.StringIO(), colour=False)
    assert fancy.bar(1, 2) and plain.bar(1, 2) == ""
    plain.clear()
    assert plain.stream.getvalue().startswith("---")  # type: ignore[attr-defined]
    assert plain.symbols["done"] == "[x]" and plain.style("x", "green") == "x"


# doctor ---------------------------------------------------------------------------------------------


def test_doctor_passes_on_a_healthy_kata(kata, cli):
    code, out, _ = cli("doctor")
    assert code == 0, out
    for found in ("Python 3.", "requests ", "flask ", "a kitchen starts on a free port", "exercises/ is writable"):
        assert found in out
    assert "the kata at" in out and "3 exercises" in out
    assert out.rstrip().endswith(f"Everything is ready. Start with `{kata_command('')}`.")


def test_doctor_fails_with_a_fix_when_the_shared_kitchen_is_unreachable(kata, cli, monkeypatch):
    from .test_workshop import free_port

    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("KATA_SERVER", url)
    code, out, _ = cli("doctor")
    assert code == 1
    assert f"the shared kitchen KATA_SERVER={url} cannot be reached" in out
    assert "fix: check the address" in out and "1 problem to fix" in out


def test_doctor_names_a_missing_file(kata, cli):
    kata.exercise(3).test_file().unlink()
    code, out, _ = cli("doctor")
    assert code == 1 and "tests/exercises/ch01_tiny/test_ex03_dish_names.py" in out
