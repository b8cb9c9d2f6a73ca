"""Serve: FastAPI over the Python API, no logic of its own; bundled static assets."""

from tieline.errors import DependencyError

_EXTRA = {"fastapi", "starlette", "pydantic", "uvicorn"}  # the "serve" extra

try:
    from tieline.serve.app import create_app
except ImportError as exc:
    if (exc.name or "").split(".")[0] not in _EXTRA:
        raise
    raise DependencyError(
        f"tieline serve needs {exc.name}; install it with pip install 'tieline[serve]'"
    ) from exc

__all__ = ["create_app"]
