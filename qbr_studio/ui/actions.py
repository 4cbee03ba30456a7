"""The window's actions, menus and toolbar: standard shortcuts, tooltips, icons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from qbr_studio.ui.icons import icon
from qbr_studio.ui.sections import SECTIONS

Key = QKeySequence.StandardKey


class Actions:
    """The window's actions by name (set by :func:`create_actions`)."""

    new: QAction
    new_from: QAction
    open: QAction
    save: QAction
    save_as: QAction
    import_: QAction
    build: QAction
    export_pdf: QAction
    preferences: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    show_preview: QAction
    next_section: QAction
    previous_section: QAction
    sections: list[QAction]
    about: QAction
    recent_menu: QMenu

    def __init__(self, **actions: QAction | QMenu | list[QAction]) -> None:
        self.__dict__.update(actions)


def _action(
    window: QMainWindow,
    text: str,
    tip: str,
    slot: Callable[[], object],
    keys: QKeySequence.StandardKey | str | None = None,
    fallback: str = "",
    icon: QIcon | None = None,
) -> QAction:
    """An action; ``keys`` a standard key (``fallback`` where the platform has none for it)."""
    action = QAction(text, window)
    if isinstance(keys, QKeySequence.StandardKey):
        shortcuts = QKeySequence.keyBindings(keys)
        if not shortcuts and fallback:
            shortcuts = [QKeySequence(fallback)]
        action.setShortcuts(shortcuts)
    elif keys:  # (setShortcuts: setShortcut's overloads would create every Qt.* enum)
        action.setShortcuts([QKeySequence(keys)])
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(icon)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def create_actions(window: QMainWindow, slots: dict[str, Callable[[], object]]) -> Actions:
    """The actions, wired to ``slots`` (by action name), with menus and a toolbar."""
    a = Actions(
        new=_action(
            window,
            "&New Review…",
            "Start a new, empty review",
            slots["new"],
            Key.New,
            icon=icon("new"),
        ),
        new_from=_action(
            window,
            "New from &Last Quarter…",
            "Start this quarter's review from last quarter's: open items, reference, data",
            slots["new_from"],
        ),
        open=_action(
            window,
            "&Open…",
            "Open a review file",
            slots["open"],
            Key.Open,
            icon=icon("open"),
        ),
        save=_action(
            window,
            "&Save",
            "Save the review",
            slots["save"],
            Key.Save,
            icon=icon("save"),
        ),
        save_as=_action(
            window,
            "Save &As…",
            "Save the review under another name",
            slots["save_as"],
            Key.SaveAs,
            "Ctrl+Shift+S",
            icon=icon("save"),
        ),
        import_=_action(
            window,
            "&Import Spreadsheets…",
            "Read CRM, usage or support exports into the review",
            slots["import"],
            "Ctrl+I",
            icon=icon("import"),
        ),
        build=_action(
            window,
            "&Build Deck…",
            "Write the PowerPoint deck",
            slots["build"],
            "Ctrl+B",
            icon=icon("build"),
        ),
        export_pdf=_action(
            window,
            "Export &PDF…",
            "Save the deck as a PDF",
            slots["export_pdf"],
            "Ctrl+Shift+E",
            icon=icon("pdf"),
        ),
        preferences=_action(
            window,
            "Pr&eferences…",
            "Author name, default template and folder",
            slots["preferences"],
            Key.Preferences,
            "Ctrl+,",
        ),
        quit=_action(
            window,
            "&Quit",
            "Close QBR Studio",
            slots["quit"],
            Key.Quit,
            "Ctrl+Q",
            icon=icon("quit"),
        ),
        undo=window.undo_action,  # type: ignore[attr-defined]
        redo=window.redo_action,  # type: ignore[attr-defined]
        show_preview=_action(
            window, "Show &Preview", "Show or hide the slide preview", slots["toggle_preview"], "F9"
        ),
        next_section=_action(
            window, "&Next Section", "Go to the next section", slots["next_section"], "Ctrl+PgDown"
        ),
        previous_section=_action(
            window,
            "P&revious Section",
            "Go to the previous section",
            slots["previous_section"],
            "Ctrl+PgUp",
        ),
        sections=[],
        about=_action(window, "&About QBR Studio", "Version and licence", slots["about"]),
        recent_menu=QMenu("Open &Recent", window),
    )
    a.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    a.show_preview.setCheckable(True)
    a.show_preview.setChecked(True)
    for number, (key, title) in enumerate(SECTIONS, start=1):
        menu_text = title.replace("&", "&&")  # "Check & Build", not "Check _Build"
        action = _action(
            window, menu_text, f"Go to {title}", lambda key=key: slots["go"](key), f"Ctrl+{number}"
        )  # type: ignore[misc]
        a.sections.append(action)
    _menus(window, a)
    _toolbar(window, a)
    return a


def _menus(window: QMainWindow, a: Actions) -> None:
    bar = window.menuBar()
    file = bar.addMenu("&File")
    file.addActions([a.new, a.new_from, a.open])
    file.addMenu(a.recent_menu)
    file.addSeparator()
    file.addActions([a.save, a.save_as])
    file.addSeparator()
    file.addActions([a.import_, a.build, a.export_pdf])
    file.addSeparator()
    file.addAction(a.preferences)
    file.addSeparator()
    file.addAction(a.quit)
    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    view = bar.addMenu("&View")
    view.addActions(a.sections)
    view.addSeparator()
    view.addActions([a.previous_section, a.next_section])
    view.addSeparator()
    view.addAction(a.show_preview)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.about)


def toolbar_labels(a: Actions) -> list[tuple[QAction, str]]:
    """The toolbar's fixed, short labels: the buttons never change width (the undo text,
    which names what it undoes, is in the tooltip and the Edit menu)."""
    return [
        (a.open, "Open"),
        (a.save, "Save"),
        (a.undo, "Undo"),
        (a.redo, "Redo"),
        (a.import_, "Import"),
        (a.build, "Build Deck"),
    ]


def _toolbar(window: QMainWindow, a: Actions) -> None:
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("MainToolbar")
    bar.setMovable(False)
    # Qt::ToolButtonTextBesideIcon, set by number: naming it would make PySide create every
    # Qt.* enum before the first paint (see main_window's docstring).
    bar.setProperty("toolButtonStyle", 2)
    for action, label in toolbar_labels(a):
        action.setIconText(label)
    bar.addActions([a.open, a.save])
    bar.addSeparator()
    bar.addActions([a.undo, a.redo])
    bar.addSeparator()
    bar.addActions([a.import_, a.build])
    window.addToolBar(bar)
