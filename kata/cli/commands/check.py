"""`kata check [EXERCISE] [--all]`: run one exercise's tests with the learner-focused output; exit 0 only if it passes.

With no exercise, the first unfinished one. The kata remembers each exercise's
last result under the fingerprint of everything its tests load
(kata.cli.known), so only the exercise the learner is on runs, with any
exercise whose files changed since its last run (an edit to an earlier one is
caught here); `--all` runs every exercise again. When the exercise the
learner was on now passes, a line says so, and the next one's tests run.
The progress line follows.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kata.catalogue import Catalogue, Exercise
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.memory import ResultsMemory
from kata.cli.output import Output
from kata.command_line import kata_command
from kata.kitchen import live
from kata.kitchen.live import KitchenProcess, may_use_the_kitchen
from kata.testrun.states import DONE
from kata.wording import sentence

if TYPE_CHECKING:  # imported where they are used: pytest and the rest load after the kitchen's process started
    from kata.cli import run as runner
    from kata.cli.known import Known
    from kata.testrun.results import Results


def verdict(out: Output, catalogue: Catalogue, exercise: Exercise, test_run: runner.Run) -> None:
    """The line after the test output: passed, or why there is no result."""
    if test_run.timed_out:
        out.line(
            out.bad(f"The tests of exercise {exercise.number} did not finish in time.") + " Does a loop never end?"
        )
    elif test_run.passed:
        out.line(out.good(f"{out.symbols['done']} Exercise {exercise.number} passes: {sentence(exercise.title)}"))
        compare, following = out.code(kata_command(f"compare {exercise.number}")), out.code(kata_command("next"))
        out.line(f"  Compare with the reference solution: {compare}.  What next? {following}")
    elif test_run.returncode not in (0, 1):
        code = test_run.returncode
        out.line(out.bad(f"The test run of exercise {exercise.number} ended early (exit code {code})."))
        out.line("  The lines above say why. Does your code call exit() or os._exit()? Your functions must return.")


def missing_tests(out: Output, catalogue: Catalogue, exercise: Exercise) -> bool:
    missing = [path for path in exercise.test_files() if not path.is_file()]
    if not missing:
        return False
    out.line(out.bad(f"Exercise {exercise.number} has no tests yet: {shown(missing[0], catalogue)} is missing."))
    return True


def exit_code(test_run: runner.Run) -> int:
    return 0 if test_run.passed else (test_run.returncode if test_run.returncode > 0 else 1)


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    exercise = catalogue.find(args.exercise) if args.exercise is not None else None
    # First of all, when its tests may need it: the kitchen starts while the rest happens. With no number, when the
    # exercise the memory says the learner is on needs it (else once `where_you_are` knows which exercises run).
    on = exercise or ResultsMemory(catalogue.root).first_unfinished(catalogue.exercises)
    at_once = on is not None and may_use_the_kitchen([on])
    kitchen = live.kitchen_for_runs(catalogue.root, at_once=at_once)
    try:
        if exercise is None:
            return where_you_are(out, catalogue, kitchen, fresh=bool(getattr(args, "all", False)))
        if missing_tests(out, catalogue, exercise):
            return 2
        test_run = check_one(catalogue, exercise, kitchen)
        verdict(out, catalogue, exercise, test_run)
        return exit_code(test_run)
    finally:
        if kitchen is not None:
            kitchen.stop(wait=False)


def check_one(
    catalogue: Catalogue,
    exercise: Exercise,
    kitchen: KitchenProcess | None,
    known: Known | None = None,
    remembered: Results | None = None,
) -> runner.Run:
    """`kata check N`: the exercise's tests, shown as they run; the result is remembered.

    With `remembered`, the workshop's board hears those results too (`kata check` with no number).
    """
    from kata.cli import run as runner
    from kata.cli.handover import Caught, Remembered
    from kata.cli.known import Known

    if kitchen is not None and may_use_the_kitchen([exercise]):
        kitchen.start()  # started already, unless `where_you_are` moved on to this exercise
    known = known or Known.load(catalogue, only=[exercise])
    runner.forget_bytecode([exercise])
    caught = Caught()
    args = [*runner.tests_of(catalogue, [exercise]), "--kata-one"]
    plugins: list[object] = [caught] if remembered is None else [Remembered(remembered), caught]
    test_run = runner.run_here(
        catalogue.root, args, timeout=runner.ONE_EXERCISE_TIMEOUT, kitchen=kitchen, plugins=plugins
    )
    if test_run.returncode in (0, 1):
        known.learn([exercise], caught.results)
    return test_run


def where_you_are(out: Output, catalogue: Catalogue, kitchen: KitchenProcess | None, *, fresh: bool) -> int:
    """`kata check`: the first unfinished exercise, run with every exercise whose files changed."""
    from kata.cli import run as runner
    from kata.cli.handover import Caught, Remembered
    from kata.cli.known import Known
    from kata.testrun.results import Results

    known = Known.load(catalogue, fresh=fresh)
    runner.say_note(known.note)
    was_on = known.was_on()
    ran = known.for_check()
    found = known.results()
    first: runner.Run | None = None
    if kitchen is not None and ran and may_use_the_kitchen(ran):
        kitchen.start()
    if ran:
        if len(ran) > 1:
            out.status(f"Running the tests of {len(ran)} exercises...")
        runner.forget_bytecode(ran)
        caught = Caught()
        timeout = runner.ONE_EXERCISE_TIMEOUT if len(ran) == 1 else runner.WHOLE_KATA_TIMEOUT
        args = [*runner.tests_of(catalogue, ran), "--kata-one"]
        first = runner.run_here(
            catalogue.root, args, timeout=timeout, hold=True, kitchen=kitchen, plugins=[Remembered(found), caught]
        )
        out.clear_status()
        if first.returncode not in (0, 1):  # pytest could not run them all (an error in a conftest, say)
            out.stream.write(first.output)
            verdict(out, catalogue, ran[0], first)
            return exit_code(first)
        names = {exercise.name for exercise in ran}
        ran_results = Results({n: r for n, r in caught.results.exercises.items() if n in names}, whole_kata=False)
        known.learn(ran, ran_results)
        found = known.merged(ran_results)
    target = found.first_unfinished(catalogue)
    if was_on is not None and was_on != target and found.state(was_on) == DONE:
        onwards = f" On to exercise {target.number}." if target is not None else ""
        out.line(
            out.good(f"{out.symbols['done']} Exercise {was_on.number} now passes: {sentence(was_on.title)}") + onwards
        )
    if target is None:
        if not ran:  # nothing ran: the workshop's board hears what is remembered, as from a run
            runner.report_to_workshop(catalogue.root, found)
        progress(out, catalogue, found)
        out.line(out.good(f"{out.symbols['done']} Every exercise passes. The kitchen salutes you!"))
        return 0
    if first is not None and target in ran:
        out.stream.write(first.output)
        out.stream.flush()
        test_run = first
    else:
        if missing_tests(out, catalogue, target):
            return 2
        test_run = check_one(catalogue, target, kitchen, known, remembered=found)
        if target.name in known.remembered:
            found.exercises[target.name] = known.remembered[target.name]
    verdict(out, catalogue, target, test_run)
    progress(out, catalogue, found)
    return exit_code(test_run)


def progress(out: Output, catalogue: Catalogue, found: Results) -> None:
    """The kata-wide progress line, as a whole-kata run prints it."""
    from kata.testrun.focus import progress_bar

    total = len(catalogue.exercises)
    done = sum(1 for exercise in catalogue.exercises if found.state(exercise) == DONE)
    out.line(out.bold(f"Progress: {done}/{total} exercises done {progress_bar(done, total)}"))
