"""Chapter 3: who are you? Tokens, bearer headers, 401 and 403, and a session."""
