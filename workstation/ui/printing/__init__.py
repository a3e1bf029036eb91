"""Preview and print a stored document (单据预览与打印), for every screen that hands paper to a client.

One call from any page::

    from workstation.ui.printing import preview_and_print

    dialog = preview_and_print(self.context, view.document_id, self)  # non-modal, returns at once
    dialog.sig_printed.connect(...)  # optional: a PrintOutcome after each print

The document must exist (``documents.create_document`` in the caller's write task first). The
dialog renders it off the GUI thread, lists the printers, preselects the system default, marks a
second print 副本/COPY (the service says whether the original was printed), prints through
``documents.print_document`` in a background task (logged, never a freeze) and can save the PDF.
Jobs go to the queue the clerk chose through :func:`workstation.printing.spool.default_backend`
(or the ``backend`` passed in, e.g. a fake in tests): CUPS with the PDF on Linux, Qt's print
system (:mod:`workstation.ui.printing.qt_print`, registered on import here) on Windows.
"""

from workstation.ui.printing import qt_print
from workstation.ui.printing.preview import PrintPreviewDialog, preview_and_print

qt_print.install()

__all__ = ["PrintPreviewDialog", "preview_and_print"]
