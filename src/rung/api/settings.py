"""The server's own settings: where it listens, whether reads need a token, how large a request may be."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MAX_BODY = 5 * 1024 * 1024


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ServerSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    open_reads: bool | None = Field(None, description="reads without a token; default: only when bound to "
                                                      "a loopback address")
    max_body_bytes: int = Field(DEFAULT_MAX_BODY, ge=1, description="larger requests get 413")
    poll_seconds: float = Field(2.0, gt=0, description="how often the live stream looks for new events")
    scenarios: Path | None = Field(None, description="folder of scenario YAML files served at /api/scenarios")

    @property
    def reads_open(self) -> bool:
        return self.open_reads if self.open_reads is not None else is_loopback(self.host)
