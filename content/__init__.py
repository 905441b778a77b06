"""The knowledge catalog: YAML entries in Korean and English, their schema,
loader and search index."""
