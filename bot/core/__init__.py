"""The shared kernel both layers import: refs, errors and the round model.

Storage imports nothing from ``bot`` but this package."""
