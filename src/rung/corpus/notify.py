"""Telling someone that a dyad crossed a rung: run a command, or POST JSON to a URL.

Each alert is one JSON object (the `rung ladder --alert --json` row: source, target, their names, the
level, the threshold's name, the first day, the highest rung and its name, and `dyad`). A command gets it
on standard input and in RUNG_ALERT_* environment variables; a URL gets it as the body of a POST. A
command or URL that fails is reported back, never fatal: the watch goes on.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import urllib.error
import urllib.request

from rung.ladder.index import Alert

TIMEOUT = 30.0


def payload(alert: Alert) -> dict:
    return {**alert.model_dump(mode="json"), "dyad": f"{alert.source_name} > {alert.target_name}"}


def describe(alert: Alert) -> str:
    return (f"{alert.source_name} > {alert.target_name} crossed rung {alert.level}"
            + (f" ({alert.threshold})" if alert.threshold else "")
            + f" on {alert.first.isoformat()}; highest now rung {alert.rung} ({alert.rung_name})")


def run_command(command: str, alert: Alert, timeout: float = TIMEOUT) -> str | None:
    """Run `command` (split like a shell would, not run by one) for one alert; a problem line, or None."""
    body = payload(alert)
    env = {**os.environ, "RUNG_ALERT_DYAD": body["dyad"], "RUNG_ALERT_SOURCE": alert.source,
           "RUNG_ALERT_TARGET": alert.target, "RUNG_ALERT_LEVEL": str(alert.level),
           "RUNG_ALERT_RUNG": str(alert.rung), "RUNG_ALERT_FIRST": alert.first.isoformat()}
    try:
        done = subprocess.run(shlex.split(command), input=json.dumps(body, ensure_ascii=False), text=True,
                              env=env, capture_output=True, timeout=timeout, check=False)
    except (OSError, ValueError, subprocess.TimeoutExpired) as error:
        return f"--alert-command {command!r}: cannot run ({error})"
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or [""])[-1]
        return f"--alert-command {command!r}: exit status {done.returncode}" + (f" ({tail})" if tail else "")
    return None


def post(url: str, alert: Alert, timeout: float = TIMEOUT) -> str | None:
    """POST the alert as JSON to `url`; a problem line, or None."""
    data = json.dumps(payload(alert), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": "rung-watch/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            return None
    except urllib.error.HTTPError as error:
        return f"--alert-url {url}: HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"--alert-url {url}: cannot post ({getattr(error, 'reason', error)})"
