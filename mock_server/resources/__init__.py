"""The restaurant's resources: one module per resource of the API, named after it."""
