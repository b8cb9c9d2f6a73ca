"""The command-line interface (Typer + Rich), thin over the Python API."""

from tieline.cli.app import app, main

__all__ = ["app", "main"]
