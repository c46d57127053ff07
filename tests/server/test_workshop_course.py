"""A room that lasts a course (issue 28): progress over time, idle teams, removed tokens, exports, a larger room."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

import pytest

from mock_server.workshop import course, gradebook
from mock_server.workshop import settings as workshop_serve
from mock_server.workshop.db import Database
from mock_server.workshop.registry import Registry, WorkshopError
from mock_server.workshop.team_progress import poll_ms

from .conftest import assert_problem
from .test_workshop import EXERCISES, FACILITATOR, SECRET, Team, workshop_app
from .test_workshop_reports import report

DAY = 86400.0
NAMES = [exercise["name"] for exercise in EXERCISES]


class Clock:
    def __init__(self) -> None:
        self.now = 10 * DAY  # midnight UTC, day 10

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def registry(clock):
    return Registry(SECRET, EXERCISES, clock=clock, idle_after=3 * DAY)


def done(count: int) -> dict[str, str]:
    """A whole-kata run with ``count`` exercises done."""
    return {name: "done" if index < count else "failing" for index, name in enumerate(NAMES)}


def points(registry: Registry) -> list[tuple]:
    return registry.db.rows("SELECT team_id, at, done FROM progress ORDER BY at")


# Progress over time -----------------------------------------------------------------------------


def test_a_point_is_kept_when_the_count_of_exercises_done_changes(registry, clock):
    ada = registry.join("Ada")
    registry.report(ada, done(0))  # nothing done yet: no change, no point
    assert points(registry) == []
    clock.now += 120
    registry.report(ada, done(1))
    registry.report(ada, done(1))  # the same count again: no new point
    assert points(registry) == [(ada.id, clock.now, 1)]


def test_at_most_one_point_a_minute_however_often_a_test_flips(registry, clock):
    ada = registry.join("Ada")
    first = clock.now
    for second in range(50):
        clock.now = first + second
        registry.report(ada, done(second % 2 + 1))
    assert points(registry) == [(ada.id, first, 2)]  # the minute's point moved with each change: the latest count
    clock.now = first + 61
    registry.report(ada, done(1))
    assert points(registry)[-1] == (ada.id, first + 61, 1)
    assert len(points(registry)) == 2


def test_the_timeline_gives_each_team_its_count_at_the_end_of_each_day(registry, clock):
    ada = registry.join("Ada")
    registry.report(ada, done(1))
    clock.now += 1.5 * DAY
    bob = registry.join("Bob")
    registry.report(ada, done(2))
    registry.report(bob, done(1))
    timeline = registry.timeline("day")
    assert timeline["every"] == "day" and timeline["ends"] == [11 * DAY, 12 * DAY]
    assert [(row["name"], row["done"]) for row in timeline["teams"]] == [("Ada", [1, 2]), ("Bob", [None, 1])]
    assert timeline["average"] == [1.0, 1.5]
    assert len(registry.timeline("hour")["ends"]) == 36 + 1


def test_a_long_course_shows_its_latest_buckets(registry, clock):
    registry.report(registry.join("Ada"), done(1))
    clock.now += 30 * DAY
    assert len(registry.timeline("hour")["ends"]) == course.MAX_BUCKETS
    assert registry.timeline("hour")["ends"][-1] > clock.now


def test_points_are_kept_in_the_room_file_across_a_restart(tmp_path, clock):
    path = tmp_path / "room.sqlite3"
    first = Registry(SECRET, EXERCISES, clock=clock, database=Database(path, watch_every=None))
    ada = first.join("Ada")
    first.report(ada, done(1))
    first.db.close()
    again = Registry(SECRET, EXERCISES, clock=clock, database=Database(path, watch_every=None))
    clock.now += 10  # within the minute: the restarted room moves that point, it adds none
    again.report(again.by_name("Ada"), done(2))
    assert again.timeline("day")["teams"][0]["done"] == [2]
    assert len(points(again)) == 1
    again.db.close()


# Idle teams -------------------------------------------------------------------------------------


def test_a_team_without_a_run_for_three_days_is_idle_never_removed_nor_stuck(registry, clock):
    ada = registry.join("Ada")
    registry.report(ada, done(1))
    clock.now += 3 * DAY - 1
    assert registry.summary(ada)["idle"] is False
    clock.now += 1
    summary = registry.summary(ada)
    assert summary["idle"] is True and summary["idle_for"] == 3 * DAY
    assert summary["stuck"] is False  # stuck is for a team at work
    board = registry.board()
    assert [team["name"] for team in board["teams"]] == ["Ada"]  # still there, its token still works
    assert board["working"] == [0] * len(NAMES) and board["idle_after"] == 3 * DAY
    assert registry.by_token(ada.token) is ada
    registry.report(ada, done(2))
    assert registry.summary(ada)["idle"] is False


def test_a_team_that_never_ran_is_idle_from_its_join(registry, clock):
    ada = registry.join("Ada")
    clock.now += 3 * DAY
    assert registry.summary(ada)["idle"] is True


# Removed teams ----------------------------------------------------------------------------------


def test_a_removed_teams_token_is_remembered_by_its_hash_with_its_name(registry, clock):
    ada = registry.join("Ada")
    registry.report(ada, done(1))
    registry.remove_team(ada)
    assert registry.removed_as(ada.token) == ("Ada", clock.now)
    assert registry.removed_as("0" * 24) is None and registry.removed_as(None) is None
    stored = registry.db.rows("SELECT token_hash FROM removed")
    assert stored == [(course.token_hash(ada.token),)] and ada.token not in stored[0][0]
    assert points(registry) == []  # its progress goes with it


# Exports ----------------------------------------------------------------------------------------


def test_the_csv_has_a_row_per_team_and_a_column_per_exercise(registry, clock):
    ada = registry.join("Ada")
    registry.report(ada, {NAMES[0]: "done", NAMES[1]: "failing"}, "local")
    registry.join("=HYPERLINK(x)")
    rows = list(csv.reader(io.StringIO(gradebook.csv_export(registry.board()))))
    assert rows[0][:8] == ["id", "team", "joined", "last_run", "idle", "kitchen", "done", "total"]
    assert rows[0][8:] == NAMES
    assert rows[1][1:3] == ["Ada", "1970-01-11T00:00:00+00:00"]
    assert rows[1][5:10] == ["local", "1", str(len(NAMES)), "done", "failing"]
    assert rows[2][1] == "'=HYPERLINK(x)"  # never a formula in the facilitator's spreadsheet


def test_junit_xml_is_one_testsuite_per_team_with_failures_and_skips(registry):
    ada = registry.join("Ada <&> Grace")
    registry.report(ada, {NAMES[0]: "done", NAMES[1]: "failing"})
    board = registry.board()
    suite = ElementTree.fromstring(gradebook.junit_xml(board, board["teams"][0])).find("testsuite")
    assert suite is not None and suite.get("name") == "Ada <&> Grace"
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == (
        str(len(NAMES)),
        "1",
        str(len(NAMES) - 2),
    )
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == NAMES
    assert cases[0].find("failure") is None and cases[1].find("failure") is not None
    assert cases[2].find("skipped") is not None


def test_the_junit_zip_holds_one_file_per_team(registry):
    registry.join("Ada")
    registry.join("Bob & Co")
    archive = zipfile.ZipFile(io.BytesIO(gradebook.junit_zip(registry.board())))
    assert archive.namelist() == ["team-1-ada.xml", "team-2-bob-co.xml"]
    for name in archive.namelist():
        ElementTree.fromstring(archive.read(name))


# A larger room ----------------------------------------------------------------------------------


def test_the_room_size_is_a_setting_and_a_full_room_says_so():
    assert workshop_serve.settings(environ={}, max_teams=2000)["max_teams"] == 2000
    with pytest.raises(SystemExit):
        workshop_serve.settings(environ={}, max_teams=0)
    room = Registry(SECRET, EXERCISES, max_teams=1)
    room.join("Ada")
    with pytest.raises(WorkshopError, match="room is full"):
        room.join("Bob")


def test_a_look_alike_name_is_refused_without_scanning_the_room():
    room = Registry(SECRET, EXERCISES, max_teams=3000)
    for number in range(2000):
        room.join(f"Learner {number}")
    with pytest.raises(WorkshopError, match="looks like"):
        room.join("Leamer 17")  # "rn" and "m": the same name on a projector
    room.remove(room.by_name("Learner 17").name)
    room.join("Learner 17")  # its name is free again


def test_a_large_course_board_is_polled_more_slowly():
    assert poll_ms(30) == 1000 and poll_ms(400) == 1000
    assert poll_ms(2000) == 5000 and poll_ms(20000) == 10000


# The routes -------------------------------------------------------------------------------------

FACILITATORS = [
    "/__workshop/export.csv",
    "/__workshop/export/junit.zip",
    "/__workshop/teams/by-id/1/junit.xml",
    "/__workshop/progress/timeline?every=day",
]


@pytest.fixture
def room():
    return workshop_app().test_client()


@pytest.mark.parametrize("path", FACILITATORS)
def test_the_timeline_and_the_exports_are_the_facilitators_alone(room, path):
    ada = Team(room, "Ada")
    assert "facilitator only" in assert_problem(ada.get(path), 403)["detail"]
    assert_problem(room.get(path), 401)
    assert_problem(room.get(path, headers={"Authorization": "Bearer wrong-secret-of-16-chars"}), 401)
    answer = room.get(path, headers=FACILITATOR)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"


def test_the_exports_are_downloads_with_their_own_type(room):
    report(Team(room, "Ada"), ex01_anatomy_of_a_request="done")
    answer = room.get("/__workshop/export.csv", headers=FACILITATOR)
    assert answer.content_type == "text/csv; charset=utf-8"
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="kata-results-')
    assert answer.get_data(as_text=True).splitlines()[1].startswith("1,Ada,")
    one = room.get("/__workshop/teams/by-id/1/junit.xml", headers=FACILITATOR)
    assert one.content_type == "application/xml; charset=utf-8" and 'filename="team-1-ada.xml"' in str(one.headers)
    assert zipfile.ZipFile(io.BytesIO(room.get("/__workshop/export/junit.zip", headers=FACILITATOR).data)).namelist()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/__workshop/teams/by-id/99/junit.xml", 404),
        ("/__workshop/teams/by-id/x1/junit.xml", 404),
        ("/__workshop/teams/by-id/99999999999999999999999/junit.xml", 404),
        ("/__workshop/progress/timeline?every=month", 400),
        ("/__workshop/progress/timeline?every=", 400),
        ("/__workshop/progress/timeline?since=0", 400),
    ],
)
def test_bad_input_to_the_new_routes_is_a_problem(room, path, status):
    assert_problem(room.get(path, headers=FACILITATOR), status)


def test_a_token_says_whose_it_is_and_a_removed_teams_says_so(room):
    ada = Team(room, "Ada")
    assert ada.get("/__workshop/team").get_json()["name"] == "Ada"
    assert_problem(room.get("/__workshop/team"), 401)
    forged = assert_problem(room.get("/__workshop/team", headers={"X-Kata-Team-Token": "ab" * 12}), 401)
    assert "unknown" in forged["detail"]
    assert room.delete("/__workshop/teams/Ada", headers=FACILITATOR).status_code == 204
    for answer in (ada.get("/__workshop/team"), ada.get("/menu"), room.get(f"/t/{ada.token}/menu")):
        gone = assert_problem(answer, 401)
        assert gone["detail"].startswith("This token was team 'Ada''s, which the facilitator removed on")
        assert "new name" in gone["hint"]
