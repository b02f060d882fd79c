"""Exercise handbook generator: `exercises.yml` to a searchable MkDocs site with handouts."""
