"""The desktop app: PySide6 windows, editors, live preview and PDF export (the only Qt code).

Importing this package loads no Qt: ``ui.platform_check`` runs before Qt may load, to say in
plain words why a window can't open.
"""
