"""Chapter 6: when things go wrong: retries, backoff, rate limits and paying once."""
