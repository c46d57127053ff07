"""Serving the app: waitress, the Host/Origin guard, what happens around every request, what must be installed."""
