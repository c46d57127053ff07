"""Each endpoint's contract declared once: declaration, JSON Schema, validation, problems and responses."""
