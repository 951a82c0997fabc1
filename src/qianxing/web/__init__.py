"""The web app: a FastAPI shell over the planner, with saved and shared trips."""

from __future__ import annotations

from .main import create_app as create_app

__all__ = ["create_app"]
