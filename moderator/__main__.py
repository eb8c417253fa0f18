"""``python -m moderator`` runs the command-line interface."""

from moderator.cli import main

raise SystemExit(main())
