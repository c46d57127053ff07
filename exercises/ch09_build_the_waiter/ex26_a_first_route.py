"""Exercise 26: A first route.

The story
---------
Until now you were the guest: you sent requests, the kitchen's waiter (its
API) answered. Now you build a waiter yourself. The restaurant wants a
reservations desk that programs can talk to, and you write it with Flask
(already installed). Your code answers; the tests play the client.

A Flask app is a set of *routes*: a method and a path tied to a function.
The function returns the answer: a body, a status code, headers. Return a
dict (or `jsonify(...)`) and Flask sends it as JSON, with the header
`Content-Type: application/json`, and status 200 unless you say otherwise:

    from flask import Flask

    def create_app():
        app = Flask(__name__)

        @app.get("/hello")
        def hello():
            return {"greeting": "hello"}          # or: return jsonify({...}), 200

        return app

`create_app` is an *application factory*: each call makes a NEW app with its
own data, so each test (and each server) starts from a clean book.

Your task
---------
Write `create_app(reservations=())`. `reservations` is the book the desk
starts with: a list of dicts like

    {"id": 3, "name": "Ada", "party_size": 2, "date": "2026-12-24", "time": "19:30", "status": "booked"}

The app answers one route, `GET /reservations`:

    GET /reservations  ->  200  Content-Type: application/json
                              {"items": [<every reservation, in the order given>], "count": <how many>}

`reservations` may be any iterable: a list, a tuple, even a generator (which
can be read only once: make your own list of it in create_app). The items
come in the order they were given, not sorted.

The answer is a JSON *object* (not a bare list: an object can grow new
fields later without breaking its clients). Keep each app's book inside
create_app, not at the top of the module. Other methods on the route (POST,
DELETE, ...) are answered 405 Method Not Allowed: `@app.get` does that for
you.

Try it by hand: `flask --app exercises.ch09_build_the_waiter.ex26_a_first_route run --port 5002`,
then `curl -i http://127.0.0.1:5002/reservations` (an empty book: the factory's default).

Read: https://flask.palletsprojects.com/en/stable/quickstart/#a-minimal-application
and https://flask.palletsprojects.com/en/stable/quickstart/#apis-with-json
"""

from typing import Iterable

from flask import Flask, jsonify


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app answering GET /reservations with {"items": [...], "count": n}."""
    raise NotImplementedError
