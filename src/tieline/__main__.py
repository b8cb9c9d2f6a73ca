"""``python -m tieline``: the same as the ``tieline`` command."""

from tieline.cli import main

main()
