"""Chapter 7: the capstone, a client class that serves a whole dinner."""
