"""Tables: sit down (POST, 201 + Location), look (GET), leave (DELETE, 204)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from .problems import ApiError
from .responses import created
from .store import current_state
from .validation import Checker, json_body, path_id

bp = Blueprint("tables", __name__)

MAX_PARTY = 12


def find_table(state, table_id: str) -> dict:
    """The table with this id (call under the state lock), or a 404."""
    table = state.tables.get(path_id(table_id, "table"))
    if table is None:
        raise ApiError(
            "not-found",
            f"There is no table {table_id}: it was never created, or the party left.",
            hint="Create a table with POST /tables and use the id it returns.",
        )
    return table


@bp.get("/tables")
def list_tables() -> Response:
    state = current_state()
    with state.lock:
        tables = [dict(table) for table in state.tables.values()]
    return jsonify({"items": tables, "count": len(tables)})


@bp.post("/tables")
def create_table() -> Response:
    check = Checker()
    body = check.fields(json_body(), "", required=("name", "party_size"))
    name: str | None = None
    size: int | None = None
    if body is not None:
        name = check.string(body.get("name"), "name", 50) if "name" in body else None
        size = check.integer(body.get("party_size"), "party_size", 1, MAX_PARTY) if "party_size" in body else None
    check.done()
    state = current_state()
    with state.lock:
        table_id = state.next_id("table")
        table = {"id": table_id, "name": name, "party_size": size, "status": "seated"}
        state.tables[table_id] = table
        result = dict(table)
    return created(result, f"/tables/{result['id']}")


@bp.get("/tables/<table_id>")
def get_table(table_id: str) -> Response:
    state = current_state()
    with state.lock:
        return jsonify(dict(find_table(state, table_id)))


@bp.delete("/tables/<table_id>")
def leave_table(table_id: str) -> Response:
    state = current_state()
    with state.lock:
        table = find_table(state, table_id)
        del state.tables[table["id"]]
    return Response(status=204)
