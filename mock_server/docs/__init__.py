"""Documentation: the OpenAPI document assembled from the declarations, the HTML docs page and problem pages."""
