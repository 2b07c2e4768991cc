"""Derived figures: pure functions of (model, as_of). Nothing here reads a file or keeps state."""
