"""The wizard for importing the lists villages already keep (sync/lists does the work)."""

from app.ui.import_list.wizard import ImportListWizard, undo_last_list_import

__all__ = ["ImportListWizard", "undo_last_list_import"]
