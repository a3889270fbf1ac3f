"""Output contract (pydantic models), JSON writing and schema generation."""
