"""``python -m tieline.batch INPUTS... --out DIR``: the batch command on its own."""

import typer

from tieline.cli.batch import register

app = typer.Typer(add_completion=False)
register(app)

if __name__ == "__main__":
    app()
