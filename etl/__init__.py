"""Extract, validate and load Morocco's reference geodata into PostGIS."""
