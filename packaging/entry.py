"""Entry point of the frozen app: the same as the ``interview-panel`` console script."""

import os
import sys

if __name__ == "__main__":
    if os.environ.get("INTERVIEW_PANEL_PDF_WORKER") == "1":
        # started by importing/pdf_reader.py to read one PDF under memory, CPU and time limits
        from interview_panel.importing.pdf_worker import main as read_pdf

        read_pdf()
        sys.exit(0)
    from interview_panel.cli import main

    sys.exit(main())
