"""Importers: open exercise data sets turned into a handbook file (`python -m generator import`)."""
