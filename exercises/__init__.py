"""The exercises tree: one package per chapter, one module per exercise."""
