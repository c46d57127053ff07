"""Exercise 11: Cancel an order.

The story
---------
Your friend calls: she is not coming. Cancel her pizza! DELETE asks the
kitchen to remove what lives at an address:

    DELETE /orders/4   ->  204 No Content

`204 No Content` means "done, and I have nothing to add": the answer has no
body at all, so there is nothing to `.json()`.

As with changes, the kitchen only lets go of an order while it is
"received". Once the cooks have started, it answers `409 Conflict` and the
order stays. That is a normal answer ("too late"), not a failure, so here
it is a plain False: the guest will just have to eat two pizzas.

A 404 is different: there is no such order at all (a wrong id, or it was
cancelled already). Your program has mixed up its orders; do not hide that.

Your task
---------
Write `cancel_order(base_url, order_id)`. It sends ONE
`DELETE {base_url}/orders/{order_id}` (no body, with a timeout) and returns:

- True when the kitchen answers 204: the order is cancelled;
- False when it answers 409: too late, the order stays.

On any other error status (404, 500, ...), raise `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/api/#requests.delete
and https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/204
"""

import requests


def cancel_order(base_url: str, order_id: int) -> bool:
    """Cancel the order: True when cancelled (204), False when too late (409); requests.HTTPError otherwise."""
    raise NotImplementedError
