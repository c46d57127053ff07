"""Exercise 18: Follow the pages.

The story
---------
The restaurant has had many guests, and many of them wrote a review. The
waiter will not carry all of them to your table at once: he brings one page,
and a note saying where the next page starts. You ask for the next page with
that note, and so on, until a page comes with no note: it was the last one.

    GET /reviews?limit=20
      -> 200  {"items": [{"id": 1, "dish_id": 5, "author": "margaret", "rating": 4, ...}, ...],
               "count": 20, "next": "5ea51ca"}
              Link: <http://127.0.0.1:8000/reviews?limit=20&cursor=5ea51ca>; rel="next"
    GET /reviews?limit=20&cursor=5ea51ca
      -> 200  {"items": [...], "count": 20, "next": "5ea51f6"}
    ...
    GET /reviews?limit=20&cursor=5ea51a6
      -> 200  {"items": [...], "count": 17, "next": null}   (no Link header: the last page)

The `next` value is a *cursor*: an opaque bookmark. Do not read meaning into
it and never build one yourself; copy it from the page you got. The same
address is also in the `Link` header (`rel="next"`), which requests parses
for you: `response.links["next"]["url"]`. Follow either one.

Your task
---------
Write `all_reviews(base_url, page_size=20)`. It asks
`GET {base_url}/reviews` with `limit=page_size` for the first page, then
follows the pages (`limit=page_size` and `cursor=<next>`, or the Link
header) until a page has no next one, and returns all the reviews of all the
pages in one list, in the kitchen's order. Ask for each page once, with a
timeout. On an error status, raise `requests.HTTPError`: half a list
returned as if it were whole would be a lie.

Read: https://requests.readthedocs.io/en/latest/user/advanced/#link-headers
"""

import requests


def all_reviews(base_url: str, page_size: int = 20) -> list[dict]:
    """Return every review, following the pages of GET /reviews to the last one."""
    raise NotImplementedError
