"""The notepad page's own style and script, inlined into the page (no file, font or library fetched).

The page's Content-Security-Policy allows exactly these two texts, by their SHA-256 hashes (kata.notepad.page).
The script only keeps a served page live (`kata watch`); everything else works without it.
"""

from __future__ import annotations

CSS = """
:root{--ink:#1b1b1b;--paper:#fffdf7;--muted:#4a4a4a;--line:#6b6b6b;--bad:#9b1c1c;--good:#1d5c2e;--mark:#fff2b3;
--panel:#ffffff;--stand:#4b3a8c;--focus:#0b57d0;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:var(--paper)}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
h1{font-size:1.6rem;margin:16px 0 4px}h2{font-size:1.3rem;margin:28px 0 8px;border-bottom:2px solid var(--ink)}
h3{font-size:1.05rem;margin:0 0 6px;overflow-wrap:anywhere}h4{margin:10px 0 4px;font-size:1rem}
.meta,.note{color:var(--muted)}.note{margin:4px 0}
code,pre,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9rem}
.skip{position:absolute;left:-999px}.skip:focus{left:16px;top:8px;background:var(--panel);padding:4px 8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.test{border:1px solid var(--line);border-radius:6px;background:var(--panel);padding:10px 12px;margin:12px 0}
.test:target{outline:3px solid var(--focus);outline-offset:2px}
.verdict{display:inline-block;font-weight:700;padding:0 6px;border-radius:4px;margin-right:6px;border:1px solid}
.v-passing{color:var(--good)}.v-failing,.v-broken{color:var(--bad)}.v-not-started,.v-not-run,.v-skipped{color:var(--muted)}
.lanes{display:grid;grid-template-columns:repeat(3,1fr);text-align:center;font-weight:600;font-size:.85rem;
border-bottom:1px solid var(--line);padding-bottom:4px;margin-bottom:2px}
.lanes span{padding:0 4px;overflow-wrap:anywhere}
.diagram{position:relative;padding:4px 0 8px;
background-image:linear-gradient(var(--line),var(--line)),linear-gradient(var(--line),var(--line)),
linear-gradient(var(--line),var(--line));background-size:1px 100%;background-repeat:no-repeat;
background-position:16.66% 0,50% 0,83.33% 0}
.diagram.two{background-image:linear-gradient(var(--line),var(--line)),linear-gradient(var(--line),var(--line));
background-position:16.66% 0,50% 0}
details.exchange{margin:2px 0}
details.exchange>summary{list-style:none;cursor:pointer;display:block;padding:2px 0;border-radius:4px}
details.exchange>summary::-webkit-details-marker{display:none}
details.exchange>summary:hover{background:var(--mark)}
details.exchange>summary:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
.arrow{display:block;position:relative;margin:0 16.66%;padding:2px 0 4px;text-align:center}
.two .arrow{margin-right:50%}
.arrow .label{display:inline-block;background:var(--paper);padding:0 4px;max-width:100%;overflow-wrap:anywhere;
font-size:.85rem}
.arrow .shaft{display:block;height:0;border-top:2px solid var(--ink);position:relative}
.arrow.back .shaft{border-top-style:dashed}
.arrow.lost .shaft{border-top-style:dotted;border-top-width:3px}
.arrow .head{position:absolute;top:-7px;width:12px;height:12px;fill:var(--ink)}
.arrow.out .head{right:-1px}.arrow.back .head{left:-1px}
.stand-in .arrow .shaft{border-top-color:var(--stand)}.stand-in .arrow .head{fill:var(--stand)}
.tag{font-size:.75rem;border:1px solid;border-radius:3px;padding:0 3px;margin-left:4px;white-space:nowrap}
.problem{color:var(--bad)}
.wait{margin:2px 0 2px 2%;font-size:.85rem;color:var(--muted);max-width:45%;background:var(--paper)}
.details{border:1px solid var(--line);border-radius:4px;background:var(--panel);padding:6px 10px;margin:4px 0 8px}
.details pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f1e8;padding:6px;margin:4px 0;max-height:24em;
overflow:auto}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#efece3}
.headers th{width:30%}
dl.problem-detail{margin:4px 0}dl.problem-detail dt{font-weight:700}dl.problem-detail dd{margin:0 0 4px 12px}
details.said{margin:4px 0}details.said>summary{cursor:pointer}
details.said pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f1e8;padding:6px;margin:4px 0}
details.table-view{margin:24px 0}details.table-view>summary{font-weight:700;cursor:pointer}
#live{min-height:1.4em;margin:0}
.test.quiet{padding:4px 12px;margin:6px 0}.test.quiet h3{margin:0;display:inline}
.test.quiet .note{display:inline;margin-left:6px}
@media (prefers-reduced-motion:no-preference){
html{scroll-behavior:smooth}
.arrow .shaft{animation:draw .35s ease-out both}
@keyframes draw{from{clip-path:inset(-9px 100% -9px 0)}to{clip-path:inset(-9px -2px -9px -2px)}}
.arrow.back .shaft{animation-name:drawback}
@keyframes drawback{from{clip-path:inset(-9px 0 -9px 100%)}to{clip-path:inset(-9px -2px -9px -2px)}}
}
@media (max-width:600px){body{font-size:15px}.arrow .label{font-size:.78rem}.wait{max-width:60%}}
@media (forced-colors:active){.arrow .shaft{border-top-color:CanvasText}.arrow .head{fill:CanvasText}}
"""

JS = """
(function () {
  "use strict";
  var body = document.body;
  if (body.getAttribute("data-live") !== "1") { return; }
  var stamp = body.getAttribute("data-stamp") || "";
  var busy = false;
  function refresh() {
    if (busy) { return; }
    busy = true;
    fetch("stamp", {cache: "no-store"}).then(function (r) { return r.ok ? r.text() : stamp; }).then(function (s) {
      if (s === stamp) { busy = false; return; }
      return fetch("page", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var next = fresh.getElementById("notepad");
        var now = document.getElementById("notepad");
        if (next && now) {
          now.replaceWith(document.importNode(next, true));
          stamp = fresh.body.getAttribute("data-stamp") || s;
          body.setAttribute("data-stamp", stamp);
          var said = fresh.getElementById("summary");
          document.getElementById("live").textContent = "New run drawn. " + (said ? said.textContent : "");
        }
        busy = false;
      });
    }).catch(function () { busy = false; });
  }
  setInterval(refresh, 250);
})();
"""
