"""The observatory's web server: REST API and dashboard (``marsad serve``)."""

from marsad.server.app import create_app

__all__ = ["create_app"]
