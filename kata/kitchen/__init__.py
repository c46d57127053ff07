"""The kitchen as the tests reach it: a client of a live kitchen, a live kitchen to start, replies in its words."""
