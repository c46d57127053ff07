"""Exercise 25: A webhook.

The story
---------
Polling (exercise 16 and the capstone) works, but it is a waste: you ask
"ready?" again and again, and the answer is "no" most of the time. Better:
leave the waiter your phone number and let the KITCHEN call YOU when the
order is ready. On the web that phone number is a URL of your own, a
*webhook*, and the kitchen's call is an HTTP request to it. For once you are
the server and the kitchen is the client.

You give the kitchen your URL when you order:

    POST /orders
    {"table_id": 1, "items": [{"dish_id": 11, "quantity": 2}],
     "callback_url": "http://127.0.0.1:5001/webhooks/order-ready"}

and when the order is ready the kitchen sends, to that URL:

    POST /webhooks/order-ready
    Content-Type: application/json

    {"event": "order.ready", "order_id": 1, "table_id": 1, "status": "ready",
     "total": 18.0, "ready_at": "2024-01-01T12:00:07.000Z"}

Your server answers `204 No Content` ("got it, nothing to say"), or, when
the request is wrong, an error in the same style as the kitchen's own:
a problem details body (`Content-Type: application/problem+json`, with at
least `title`, `status` and `detail`).

A small Flask app looks like this (Flask is already installed):

    from flask import Flask, jsonify, request

    def create_app():
        app = Flask(__name__)

        @app.post("/hello")
        def hello():
            data = request.get_json(silent=True)   # the JSON body, or None if it is not JSON
            return jsonify({"you said": data}), 200

        return app

Your task
---------
Write `create_app()`. It returns a NEW Flask app (each call its own, with its
own list) with `app.config["NOTIFICATIONS"] = []` and one route,
`POST /webhooks/order-ready`, that:

1. reads the body as JSON. If it is not JSON, or not a JSON object
   (`{...}`), answer 400 with a problem body;
2. checks the notification: `"event"` must be `"order.ready"`, `"order_id"`
   a whole number of at least 1 (`True` is not a number!), and `"status"`
   must be `"ready"`. If anything is wrong, answer 422 with a problem body
   whose `detail` names the wrong field. Other fields are fine: ignore them
   (the kitchen may add more one day);
3. records the notification (the whole JSON object) by appending it to
   `app.config["NOTIFICATIONS"]`, but only once per `order_id`: webhooks may
   be delivered twice, so a second notification for the same order is
   answered 204 again but not recorded again;
4. answers 204 with an empty body.

The problem body: `{"title": ..., "status": <the status code>, "detail": ...}`
(a `"type"` is welcome, e.g. `"about:blank"`), sent with the status code and
the header `Content-Type: application/problem+json`. `jsonify(...)` gives
`application/json`: change `response.mimetype`, or build the Response
yourself.

Other methods (GET, ...) on the route answer 405: Flask does that for you
when the route only accepts POST.

Try it by hand: run `flask --app exercises.ch08_the_other_side.ex25_a_webhook run --port 5001`
and, in another terminal, `curl -i -X POST http://127.0.0.1:5001/webhooks/order-ready
-H 'Content-Type: application/json' -d '{"event": "order.ready", "order_id": 1, "status": "ready"}'`.

Read: https://flask.palletsprojects.com/en/stable/quickstart/#a-minimal-application
and https://flask.palletsprojects.com/en/stable/patterns/appfactories/
"""

from flask import Flask, Response, jsonify, request


def create_app() -> Flask:
    """A new Flask app with POST /webhooks/order-ready, recording notifications in app.config["NOTIFICATIONS"]."""
    raise NotImplementedError
