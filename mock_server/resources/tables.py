"""Tables: sit down (POST, 201 + Location), look (GET), leave (DELETE, 204)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from mock_server.contract.declare import Body, Finds, endpoint, path_param
from mock_server.contract.documented import NO_CONTENT, link, ok, use
from mock_server.contract.pages import answer, few_at_once, page_of, page_params, take
from mock_server.contract.problems import ApiError
from mock_server.contract.responses import created
from mock_server.contract.schema import ID, integer, model, obj, text
from mock_server.resources.order_model import status_at
from mock_server.state.caps import refuse_if_full
from mock_server.state.store import current_state

bp = Blueprint("tables", __name__)

MAX_PARTY = 12
MAX_NAME = 50
PARTY_SIZE = integer(1, MAX_PARTY)
TABLE_INPUT = model(
    "TableInput", obj({"name": text(MAX_NAME, examples=["Ada"]), "party_size": PARTY_SIZE}, description="A party.")
)
model("Table", obj({"id": ID, "name": {"type": "string"}, "party_size": PARTY_SIZE, "status": {"const": "seated"}}))
model("Tables", page_of("Table"))
TABLE_ID = path_param(
    "table_id",
    "A table id from POST /tables.",
    finds=Finds(
        "table",
        lambda state: state.tables,
        "There is no table {id}: it was never created, or the party left.",
        hint="Create a table with POST /tables and use the id it returns.",
        state=current_state,
    ),
)


@endpoint(
    bp,
    "GET",
    "/tables",
    "listTables",
    "Tables",
    "Seated tables, oldest first, one page at a time",
    {"200": ok("Tables", "A page. Follow `next` (or the Link header) for more.", "Link")},
    params=page_params(),
    example={"path": "/tables"},
)
@few_at_once
def list_tables(query: dict) -> Response:
    state = current_state()
    with state.lock:
        page, cursor = take(state.tables, query)
        tables = [dict(table) for table in page]
    return answer({"items": tables}, cursor, query)


@endpoint(
    bp,
    "POST",
    "/tables",
    "createTable",
    "Tables",
    "Sit down: get a table",
    {"201": ok("Table", "Seated. Location is the new table.", "Location"), "409": use("Conflict")},
    body=TABLE_INPUT,
    example={"path": "/tables", "body": {"name": "Ada", "party_size": 2}, "status": 201, "keep": "TABLE"},
    links={"GetTable": link("getTable", "table_id"), "LeaveTable": link("leaveTable", "table_id")},
)
def create_table(body: Body) -> Response:
    party = body.value
    state = current_state()
    with state.lock:
        refuse_if_full(state, "tables")
        table_id = state.next_id("table")
        table = {"id": table_id, "name": party["name"], "party_size": party["party_size"], "status": "seated"}
        state.tables[table_id] = table
        result = dict(table)
    return created(result, f"/tables/{result['id']}")


@endpoint(
    bp,
    "GET",
    "/tables/{table_id}",
    "getTable",
    "Tables",
    "One table",
    {"200": ok("Table"), "404": use("NotFound")},
    params=[TABLE_ID],
    example={"path": "/tables/$TABLE"},
)
def get_table(table: dict) -> Response:
    return jsonify(dict(table))


@endpoint(
    bp,
    "DELETE",
    "/tables/{table_id}",
    "leaveTable",
    "Tables",
    "Leave: free the table",
    {"204": NO_CONTENT, "404": use("NotFound"), "409": use("Conflict")},
    description="409 while the table has open orders (not yet served): serve or cancel them first.",
    params=[TABLE_ID],
    example={"path": "/tables/{id}", "fresh": "table", "status": 204},
)
def leave_table(table: dict) -> Response:
    state = current_state()  # its lock is held: the table was found under it
    now = state.clock.now()
    open_orders = [
        order["id"]
        for order in state.orders.values()
        if order["table_id"] == table["id"] and status_at(order, now) != "served"
    ]
    if open_orders:
        raise ApiError(
            "conflict",
            f"Table {table['id']} still has open orders: {', '.join(map(str, open_orders[:10]))}.",
            hint="A party leaves once its orders are served (POST /orders/<id>/serve) or cancelled.",
        )
    del state.tables[table["id"]]
    return Response(status=204)
