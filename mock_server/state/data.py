"""The restaurant's fixed data: the menu, the demo guests, the seeded reviews.

Everything here is immutable and deterministic; mutable state lives in
``store.State``.
"""

from __future__ import annotations

import random
from types import MappingProxyType
from typing import Any, Mapping

CATEGORIES = ("starter", "main", "pizza", "dessert", "drink")

# (name, category, price in euros, vegetarian, description)
_DISHES = (
    ("Tomato soup", "starter", 5.50, True, "Roasted tomatoes, basil oil and a slice of sourdough."),
    ("Garlic bread", "starter", 4.00, True, "Warm baguette with garlic butter and parsley."),
    ("Calamari", "starter", 7.90, False, "Fried squid rings with lemon mayonnaise."),
    ("Bruschetta", "starter", 6.20, True, "Grilled bread, diced tomatoes, garlic and olive oil."),
    ("Caesar salad", "starter", 8.40, False, "Romaine, anchovy dressing, croutons and parmesan."),
    ("Spaghetti carbonara", "main", 12.50, False, "Egg, pecorino, guanciale and black pepper."),
    ("Mushroom risotto", "main", 13.00, True, "Arborio rice with porcini and thyme."),
    ("Fish and chips", "main", 14.90, False, "Beer-battered cod, chips and mushy peas."),
    ("Beef burger", "main", 13.50, False, "Grass-fed beef, cheddar, pickles, brioche bun."),
    ("Falafel bowl", "main", 11.20, True, "Chickpea falafel, hummus, tabbouleh and pickled onion."),
    ("Pizza Margherita", "pizza", 9.00, True, "Tomato, mozzarella and basil."),
    ("Pizza Diavola", "pizza", 11.50, False, "Tomato, mozzarella and spicy salami."),
    ("Pizza Quattro Formaggi", "pizza", 12.00, True, "Mozzarella, gorgonzola, fontina and parmesan."),
    ("Pizza Funghi", "pizza", 10.50, True, "Tomato, mozzarella and mushrooms."),
    ("Crème brûlée", "dessert", 6.50, True, "Vanilla custard under a crust of burnt sugar."),
    ("Tiramisù", "dessert", 6.90, True, "Mascarpone, coffee-soaked ladyfingers and cocoa."),
    ("Apple crumble", "dessert", 5.80, True, "Baked apples under a buttery crumble, with custard."),
    ("Espresso", "drink", 2.20, True, "A short, strong coffee."),
    ("Lemonade", "drink", 3.50, True, "Fresh lemons, mint and sparkling water."),
    ("Sparkling water", "drink", 2.50, True, "A 50 cl bottle."),
    ("Matcha latte 抹茶", "drink", 4.20, True, "Green tea whisked with steamed milk."),
)

MENU: tuple[Mapping[str, Any], ...] = tuple(
    MappingProxyType(
        {
            "id": number,
            "name": name,
            "category": category,
            "price": price,
            "vegetarian": vegetarian,
            "description": description,
        }
    )
    for number, (name, category, price, vegetarian, description) in enumerate(_DISHES, start=1)
)
DISHES_BY_ID: Mapping[int, Mapping[str, Any]] = MappingProxyType({dish["id"]: dish for dish in MENU})

# Demo guests for the token flow: username -> (password, display name).
GUESTS = MappingProxyType(
    {
        "ada": ("lovelace", "Ada Lovelace"),
        "grace": ("hopper", "Grace Hopper"),
        "alan": ("turing", "Alan Turing"),
    }
)

REVIEW_COUNT = 137

_REVIEW_AUTHORS = ("ada", "grace", "alan", "edsger", "barbara", "ken", "margaret", "linus")
_REVIEW_WORDS = {
    1: ("Cold and late.", "Not again.", "The waiter forgot us."),
    2: ("Could be better.", "Too salty for me.", "A long wait."),
    3: ("Fine.", "Decent, nothing special.", "OK for a quick lunch."),
    4: ("Very good.", "Lovely, would order again.", "Generous portion."),
    5: ("Perfect!", "Best in town.", "I dream about it."),
}


def seeded_reviews(count: int = REVIEW_COUNT, seed: int = 7) -> list[dict]:
    """The same ``count`` reviews every time (ids 1..count), oldest first."""
    rng = random.Random(seed)
    reviews = []
    for number in range(1, count + 1):
        rating = rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5, 5))
        reviews.append(
            {
                "id": number,
                "dish_id": rng.randint(1, len(MENU)),
                "author": rng.choice(_REVIEW_AUTHORS),
                "rating": rating,
                "text": rng.choice(_REVIEW_WORDS[rating]),
            }
        )
    return reviews
