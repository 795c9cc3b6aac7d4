"""Build-time machinery of the plans site: load, validate and render the YAML in data/."""
