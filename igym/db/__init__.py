"""The data layer: tables, engine, migrations and user-scoped repository functions."""
