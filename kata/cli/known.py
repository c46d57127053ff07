"""Every exercise's state for the CLI: remembered where nothing its tests load has changed, else to run again.

`Known.load` fingerprints every exercise (kata.cli.fingerprint) and keeps the
remembered results (kata.cli.memory) whose fingerprint still matches. The
verbs then run only the exercises left `unknown` (and `kata check` the one the
learner is on), and `learn` remembers what those runs found. A remembered
pass therefore never hides a change: a new fingerprint means a new run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kata.catalogue import Catalogue, Exercise
from kata.cli import fingerprint
from kata.cli.memory import Record, ResultsMemory
from kata.testrun.results import ExerciseResult, Results
from kata.testrun.states import DONE

DROPPED_NOTE = "(the remembered test results could not be read: they are dropped, and the tests run again)"


def _result(record: Record) -> ExerciseResult:
    return ExerciseResult(record.passed, record.failed, record.not_started)


@dataclass
class Known:
    """The remembered state of each exercise, valid for the files as they are now."""

    catalogue: Catalogue
    environment: bytes
    fingerprints: dict[str, str]
    remembered: dict[str, ExerciseResult]  # only those whose fingerprint matches
    previous: dict[str, ExerciseResult] = field(default_factory=dict)  # every record, changed or not
    note: str | None = None  # one quiet line to show, when the memory had to be dropped

    @classmethod
    def load(cls, catalogue: Catalogue, *, fresh: bool = False, only: list[Exercise] | None = None) -> Known:
        """What is known now; with `fresh`, nothing is reused (`kata check --all`); `only` these exercises' states."""
        environment = fingerprint.environment(catalogue)
        chosen = catalogue.exercises if only is None else only
        prints = {e.name: fingerprint.of_exercise(e, environment) for e in chosen}
        records, readable = ResultsMemory(catalogue.root).read()
        valid = {
            name: _result(record)
            for name, record in records.items()
            if not fresh and prints.get(name) == record.fingerprint
        }
        previous = {name: _result(record) for name, record in records.items()}
        return cls(catalogue, environment, prints, valid, previous, None if readable else DROPPED_NOTE)

    def results(self) -> Results:
        """The remembered results, in catalogue order."""
        ordered = {e.name: self.remembered[e.name] for e in self.catalogue.exercises if e.name in self.remembered}
        return Results(ordered, whole_kata=True)

    def runnable(self, exercise: Exercise) -> bool:
        return all(path.is_file() for path in exercise.test_files())

    def unknown(self) -> list[Exercise]:
        """The exercises whose state must be found by a run (those with tests, and no good record)."""
        return [e for e in self.catalogue.exercises if e.name not in self.remembered and self.runnable(e)]

    def for_check(self) -> list[Exercise]:
        """What `kata check` runs: every unknown exercise, and the first one remembered as unfinished."""
        wanted = {e.name for e in self.unknown()}
        for exercise in self.catalogue.exercises:
            result = self.remembered.get(exercise.name)
            if result is not None and result.state != DONE:
                wanted.add(exercise.name)
                break
        return [e for e in self.catalogue.exercises if e.name in wanted]

    def was_on(self) -> Exercise | None:
        """The first exercise that the last runs left unfinished (None when there is no memory of one)."""
        for exercise in self.catalogue.exercises:
            result = self.previous.get(exercise.name)
            if result is None:
                return None
            if result.state != DONE:
                return exercise
        return None

    def learn(self, ran: list[Exercise], found: Results) -> None:
        """Remember what a run of `ran` found; an exercise whose files changed during the run is not remembered."""
        records = {}
        for exercise in ran:
            result = found.exercises.get(exercise.name)
            if result is None or result.tests == 0:
                continue
            before = self.fingerprints[exercise.name]
            if fingerprint.of_exercise(exercise, self.environment) != before:
                continue
            records[exercise.name] = Record(before, result.passed, result.failed, result.not_started)
            self.remembered[exercise.name] = result
        ResultsMemory(self.catalogue.root).record(records)

    def merged(self, found: Results) -> Results:
        """The remembered results with a run's results over them: every exercise the CLI knows about."""
        exercises = dict(self.remembered)
        exercises.update(found.exercises)
        ordered = {e.name: exercises[e.name] for e in self.catalogue.exercises if e.name in exercises}
        return Results(ordered, whole_kata=True, exitstatus=found.exitstatus)
