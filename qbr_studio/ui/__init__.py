"""The desktop app: PySide6 windows, editors, live preview and PDF export (the only Qt code)."""
