"""Chapter 5: lots of data. Following pages to the end, and caching with ETags."""
