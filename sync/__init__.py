"""Bundles: the village-to-P4MI exchange format, export and import. Qt-free."""
