"""Everything the app does to be usable soon after a cold start, kept in this one package.

The goal (``bench/startup.py``): from launch to a window showing the campaign list in at most 1.5 times
what a bare PySide6 ``QMainWindow`` takes. A bare window is most of that budget, so the app's own share
has to stay small. What would cost, and what is done instead:

1. **Qt's Python enums.** PySide builds a class's enums the first time Python touches the class; for the
   ``Qt`` namespace that is 93 enums with about 1,200 members, about 21 ms on a 2-core laptop, the largest
   single item (``bench/README.md`` records the start-up figures). The first window therefore never
   touches ``Qt`` nor receives one of its enums from C++:
   plain ints where C++ takes an ``int`` (:mod:`.qt_values`); the campaign list as a ``QStandardItemModel``
   that the view reads in C++ (:mod:`.campaign_list`); the navigation as a ``QListView`` over standard items
   (``widgets/nav_list.py``); pages catch up in ``setVisible``, not ``showEvent`` (:class:`.pages.LazyPage`:
   a Python ``showEvent`` builds ``QEvent``'s enum); menu actions made without the ``QIcon`` overload and
   shortcuts set through ``setShortcuts`` (:func:`.decor.plain_action`); bold headings as rich text rather
   than through ``QFont``; no application-wide style sheet (``widgets/look.py``).
2. **Modules.** Pages are imported when first shown (:data:`.pages.PAGES`); the dialogs the menus open
   through :mod:`.deferred`; services, storage and the heavy libraries (reportlab, openpyxl, python-docx,
   sqlite-utils) on the database thread, inside the functions that ops run. ``importlib.resources``
   (``ui/assets.py``), ``concurrent.futures`` (``ui/tasks.py``) and ``QtSvg`` are not on the path.
3. **Work.** The campaign list is fetched once, by the app's start-up probe on the database thread
   (:func:`.first_window.probe_campaigns`), and handed to the campaigns page; the quick check and the
   automatic backup run once the window is painted; icons are drawn after the list is shown
   (:mod:`.decor`); the sweep of temporary files runs on the job thread.

``tests/ui/test_startup_path.py`` runs the real entry point and checks that the list is shown from the
probe's one query while ``Qt`` is still unbuilt, and that :mod:`.qt_values` equals Qt's own values.
"""
