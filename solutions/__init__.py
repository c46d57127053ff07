"""The solutions tree: one package per chapter, one module per exercise."""
