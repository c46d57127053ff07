"""Chapter 0: warm-up without a network, the anatomy of a request and of a status code."""
