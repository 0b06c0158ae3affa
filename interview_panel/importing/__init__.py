"""importing layer (see DESIGN.md)."""
