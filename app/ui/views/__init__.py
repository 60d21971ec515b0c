"""The main views. Each module holds one view class; see app.ui.main_window for the contract."""
