"""Scenario schema (pydantic) and the YAML loader with file:line errors."""
