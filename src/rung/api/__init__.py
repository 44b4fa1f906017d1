"""rung's REST API: FastAPI on the store (`rung serve`). `create_app(store)` builds it."""

from rung.api.app import create_app
from rung.api.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
