"""The facilitator's board: one HTML page, inline CSS and JavaScript, no CDN, made for a projector.

It polls ``GET /__workshop/progress`` every second, or as the feed's ``poll_ms`` says for a large
course (5 s at 2000 teams: ``registry.poll_ms``) (the cookie set by
``/__workshop/board?key=...`` authenticates it) and redraws the grid of teams
by exercises. Team names are learner input: they only ever reach the page
through ``textContent``, never as HTML.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from mock_server.workshop.settings import is_loopback, lan_addresses

POLL_MS = 1000

CSS = """
:root{--done:#17803d;--fail:#c4221f;--todo:#d9d9d9;--stuck:#ffb000;--ink:#111;--paper:#fff;--line:#bbb}
html{font-size:clamp(14px,1.15vw,30px)}
body{margin:0;padding:.6rem 1rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);background:var(--paper)}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4rem 1.6rem;margin-bottom:.5rem}
h1{font-size:1.7rem;margin:0}
#summary{font-size:1.3rem;font-weight:600}
#status{font-size:1rem;margin-left:auto}
#join{font-size:1.3rem}#code{font-family:ui-monospace,monospace;font-size:1.6rem;letter-spacing:.1em}
.live{color:var(--done)}.lost{color:var(--fail);font-weight:700}
table{border-collapse:separate;border-spacing:3px;table-layout:fixed}
th,td{padding:0;text-align:center}
thead th{font-size:1rem;font-weight:700;height:2rem;vertical-align:bottom}
th.team{text-align:left;font-size:1.15rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;
width:15rem;max-width:15rem;padding-right:.5rem}
.n{width:3.6rem;font-size:1rem;font-weight:700;text-align:right;padding-right:.5rem;white-space:nowrap}
td.c{width:var(--cell);height:calc(var(--cell) * .8);font-size:calc(var(--cell) * .5);font-weight:800;
border-radius:4px;line-height:1}
td.done{background:var(--done);color:#fff}
td.failing{background:var(--fail);color:#fff}
td.not-started{background:var(--todo);color:#555}
td.current{outline:3px solid var(--ink);outline-offset:-1px}
td.stuck{background:var(--stuck);color:#000}
tfoot th{font-size:1rem;text-align:left;padding-right:.5rem}
tfoot td{font-size:1.15rem;font-weight:700;color:#555}
tfoot td.hot{background:var(--stuck);color:#000;border-radius:4px}
#empty{font-size:1.6rem;margin:2rem 0}
#alarm{font-size:1.4rem;font-weight:700;background:var(--fail);color:#fff;padding:.5rem .8rem;border-radius:4px}
#hotspots{font-size:1.2rem;margin:.6rem 0 0}
#over-time h2{font-size:1.2rem;margin:.8rem 0 .2rem}
#chart{width:min(100%,40rem);height:auto;border:1px solid var(--line)}
#chart .average{fill:none;stroke:var(--done);stroke-width:3}#over-time-note{margin:.2rem 0;font-size:1rem}
footer{margin-top:.8rem;font-size:1rem;color:#333}
th.team a{color:inherit;text-decoration:underline dotted}
tr.idle{opacity:.45}.idle-for{font-size:.85rem;font-weight:700;margin-right:.2rem}
.home{font-size:.85rem;font-weight:700;border:1px solid var(--ink);border-radius:3px;padding:0 .2rem}
.key{display:inline-block;width:1.4rem;text-align:center;border-radius:3px;margin:0 .2rem 0 .9rem;font-weight:800}
"""

SCRIPT = """
(function () {
  "use strict";
  var asked = parseInt(new URLSearchParams(location.search).get("poll"), 10);  // ms; ?poll=250 for a demo
  var POLL = asked >= 200 && asked <= 10000 ? asked : %(poll)d, failures = 0, pace = POLL;
  var grid = document.getElementById("grid"), statusLine = document.getElementById("status");
  var SYMBOL = {"done": "\\u2713", "failing": "\\u2717", "not-started": "\\u00b7"};
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function ago(seconds) {
    if (seconds < 60) return Math.max(0, Math.round(seconds)) + " s ago";
    if (seconds < 3600) return Math.round(seconds / 60) + " min ago";
    if (seconds < 172800) return Math.round(seconds / 3600) + " h ago";
    return Math.round(seconds / 86400) + " days ago";
  }
  function render(data) {
    var exercises = data.exercises, teams = data.teams;
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    var cell = (window.innerWidth / rem - 22) / Math.max(exercises.length, 1) - 0.25;
    cell = Math.max(1.2, Math.min(3.2, cell));
    grid.style.setProperty("--cell", cell.toFixed(2) + "rem");
    var head = el("tr");
    head.appendChild(el("th", "team", "team"));
    head.appendChild(el("th", "n", "done"));
    exercises.forEach(function (exercise) {
      var th = el("th", "", String(exercise.number));
      th.title = exercise.number + ". " + exercise.title;
      head.appendChild(th);
    });
    var body = document.createDocumentFragment();
    teams.forEach(function (team) {
      var row = el("tr");
      row.setAttribute("data-team", team.name);
      var name = el("th", "team"), home = team.kitchen === "local";
      if (home) name.appendChild(el("span", "home", "\u2302 home "));  // a word, not a colour: the kitchen is theirs
      if (team.idle) {  // a course: no run for idle_after; shown and counted, never removed (course)
        row.className = "idle";
        name.appendChild(el("span", "idle-for", "idle " + Math.floor(team.idle_for / 86400) + " d "));
      }
      var link = el("a", "", team.name);  // its notepad, read-only (notepad_views)
      link.href = "notepads/" + team.id + "/";
      link.target = "_blank";
      link.rel = "noopener";
      name.appendChild(link);
      name.setAttribute("data-kitchen", team.kitchen || "");
      var last = team.last_report_at ? "last run " + ago(data.now - team.last_report_at) : "no run yet";
      name.title = team.name + ": " + last + (home ? ", its kitchen at home (on the team's laptop)" : "") +
        ". Open its notepad (read-only, in a new tab)";
      row.appendChild(name);
      var count = el("td", "n", team.done + "/" + team.total);
      count.title = name.title;
      row.appendChild(count);
      exercises.forEach(function (exercise, index) {
        var status = team.cells[index], current = exercise.name === team.current && team.reports > 0;
        var stuck = current && team.stuck;
        var classes = "c " + status + (current ? " current" : "") + (stuck ? " stuck" : "");
        var td = el("td", classes, stuck ? "!" : SYMBOL[status]);
        td.setAttribute("data-exercise", exercise.name);
        td.setAttribute("data-status", status);
        var sep = /[?!]$/.test(exercise.title) ? " " : ": ";  // "Is it open? failing", not "open?: failing"
        td.title = team.name + " \\u2014 " + exercise.number + ". " + exercise.title + sep + status.replace("-", " ") +
          (stuck ? " (stuck for " + Math.round(team.on_current_for / 60) + " min)" : "");
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    var working = el("tr"), stuckRow = el("tr");
    working.appendChild(el("th", "", "working on it"));
    working.appendChild(el("td"));
    stuckRow.appendChild(el("th", "", "stuck"));
    stuckRow.appendChild(el("td"));
    var hot = [];
    exercises.forEach(function (exercise, index) {
      working.appendChild(el("td", "", data.working[index] ? String(data.working[index]) : ""));
      var count = data.stuck[index];
      var td = el("td", count ? "hot" : "", count ? String(count) : "");
      td.setAttribute("data-stuck", String(count));
      td.setAttribute("data-exercise", exercise.name);
      stuckRow.appendChild(td);
      if (count) hot.push([count, exercise]);
    });
    grid.tHead.replaceChildren(head);
    grid.tBodies[0].replaceChildren(body);
    grid.tFoot.replaceChildren(working, stuckRow);
    document.getElementById("empty").hidden = teams.length > 0;
    var done = teams.filter(function (team) { return team.total > 0 && team.done === team.total; }).length;
    var stuckTeams = teams.filter(function (team) { return team.stuck; }).length;
    var idle = teams.filter(function (team) { return team.idle; }).length;
    document.getElementById("summary").textContent = teams.length + (teams.length === 1 ? " team" : " teams") +
      " \\u00b7 " + stuckTeams + " stuck \\u00b7 " + done + " finished" + (idle ? " \\u00b7 " + idle + " idle" : "");
    hot.sort(function (a, b) { return b[0] - a[0]; });
    document.getElementById("hotspots").textContent = hot.length ? "Stuck most: " + hot.slice(0, 3).map(function (h) {
      return h[1].number + ". " + h[1].title + " (" + h[0] + ")";
    }).join(", ") : "";
  }
  var shown = "", shownAt = 0;
  function changed(data) {
    // Redraw only when something changed (or every 30 s, for the "last run" ages): a redraw replaces the
    // cells, which would close a tooltip the facilitator is reading.
    var key = JSON.stringify([data.exercises, data.working, data.stuck, data.teams.map(function (team) {
      return [team.name, team.cells, team.current, team.stuck, team.done, team.reports, team.last_report_at,
        team.kitchen, team.idle];
    })]);
    if (key === shown && Date.now() - shownAt < 30000) return false;
    shown = key; shownAt = Date.now();
    return true;
  }
  function show(text, ok) {
    statusLine.textContent = text;
    statusLine.className = ok ? "live" : "lost";
  }
  function poll() {
    fetch("progress", {credentials: "same-origin", cache: "no-store", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          throw new Error("the board's key is missing: open the address printed when the server started");
        }
        if (!response.ok) throw new Error("the server answered " + response.status);
        return response.json();
      })
      .then(function (data) {
        var alarm = document.getElementById("alarm");
        alarm.hidden = !data.alarm;
        alarm.textContent = data.alarm ? data.alarm + " Nothing more is kept: see the server's terminal." : "";
        if (changed(data)) render(data);
        failures = 0;
        if (!(asked >= 200)) pace = Math.max(POLL, data.poll_ms || 0);  // a large course: the server says slower
        show("live \\u00b7 updated " + new Date().toLocaleTimeString(), true);
      })
      .catch(function (error) {
        failures += 1;
        show("connection lost (" + error.message + "), retrying\\u2026", false);
      })
      .then(function () { setTimeout(poll, failures ? Math.min(pace * (1 + failures), 10000) : pace); });
  }
  poll();
  // Progress over time (a course): the room's average of exercises done at the end of each hour or day.
  var SVG = "http://www.w3.org/2000/svg";
  function chart(timeline, total) {
    var points = [], count = timeline.ends.length;
    timeline.average.forEach(function (value, index) {
      if (value === null) return;
      var x = count > 1 ? 10 + 580 * index / (count - 1) : 300;
      points.push(x.toFixed(1) + "," + (110 - 100 * value / Math.max(total, 1)).toFixed(1));
    });
    var svg = document.getElementById("chart"), line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("class", "average");
    svg.replaceChildren(line);
    var last = timeline.average[count - 1];
    document.getElementById("over-time-note").textContent = "the room's average, at the end of each " +
      timeline.every + " (" + count + "): " + (last === null ? "no team yet" : last + " of " + total + " done now");
    document.getElementById("over-time").hidden = points.length < 2;
  }
  function overTime() {
    var total = document.querySelectorAll("#grid thead th").length - 2;
    fetch("progress/timeline?every=day", {credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (days) {
        if (!days || days.ends.length > 2) return days;
        return fetch("progress/timeline?every=hour", {credentials: "same-origin", cache: "no-store"})
          .then(function (response) { return response.ok ? response.json() : null; });
      })
      .then(function (timeline) { if (timeline) chart(timeline, total); })
      .catch(function () {})
      .then(function () { setTimeout(overTime, 60000); });
  }
  setTimeout(overTime, 2000);
})();
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workshop board: the Restaurant API Kata</title>
<style>%(css)s</style></head>
<body>
<header><h1>The room</h1><div id="summary">loading\u2026</div>
<div id="join">join: <code>kata join %(join)s TEAM-NAME</code> with the code <strong id="code">%(code)s</strong></div>
<div id="status"></div></header>
<main>
<p id="alarm" role="alert" hidden></p>
<table id="grid"><thead></thead><tbody></tbody><tfoot></tfoot></table>
<p id="empty" hidden>No team has joined yet. Each pair runs <code>kata join %(join)s TEAM-NAME</code>.</p>
<p id="hotspots"></p>
<section id="over-time" hidden><h2>Over time</h2>
<svg id="chart" viewBox="0 0 600 120" role="img" aria-label="the room's average over time"></svg>
<p id="over-time-note"></p></section>
</main>
<footer>
<span class="key" style="background:var(--done);color:#fff">\u2713</span>done
<span class="key" style="background:var(--fail);color:#fff">\u2717</span>failing
<span class="key" style="background:var(--todo)">\u00b7</span>not started
<span class="key" style="background:var(--stuck)">!</span>stuck: on the same exercise for %(stuck)s
\u00b7 a black frame marks the exercise each team is on
\u00b7 a team's name opens its notepad, read-only: what its code sent and got at its next run
\u00b7 <span class="home">\u2302 home</span> the team's kitchen runs on its own laptop (only results come here)
\u00b7 <span class="idle-for">idle N d</span> no test run for N days: greyed and counted, never removed
</footer>
<script>%(script)s</script>
</body></html>
"""


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:g} s"
    return f"{seconds / 60:g} min"


def join_url(host_url: str) -> str:
    """Where teams join, from the address the board was opened at: the facilitator's own browser opens it on
    loopback, so then this laptop's network address on the same port (the banner lists them all)."""
    parts = urlsplit(host_url)
    host = parts.hostname or ""
    if is_loopback(host) and (found := lan_addresses()):
        host = found[0]
    shown = f"[{host}]" if ":" in host else host
    return f"{parts.scheme or 'http'}://{shown}" + (f":{parts.port}" if parts.port else "")


def render(stuck_after: float = 600.0, join_code: str = "", join: str = "URL") -> str:
    return PAGE % {
        "join": html.escape(join),
        "css": CSS,
        "script": SCRIPT % {"poll": POLL_MS},
        "stuck": _minutes(stuck_after),
        "code": html.escape(join_code),
    }
