"""The desktop app: PySide6 windows, editors, live preview and PDF export (the only Qt code)."""

from qbr_studio.ui import pyside_scan

pyside_scan.install()  # before the app's own modules are imported: see pyside_scan
