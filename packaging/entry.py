"""Entry point of the frozen app: the same as the ``interview-panel`` console script."""
import sys

from interview_panel.cli import main

if __name__ == "__main__":
    sys.exit(main())
