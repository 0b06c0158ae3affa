import sys

from interview_panel.cli import main

sys.exit(main())
