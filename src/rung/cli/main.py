"""The `rung` command. Each command module registers its commands on one Typer app.

Errors rung raises on purpose (`RungError`) become one line on stderr and an exit status; `--debug`
shows the traceback instead.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer
from rich.console import Console

from rung.cli.text import safe
from rung.errors import RungError

# One explicit place that lists the command modules (house style: no import-time registration).
COMMAND_MODULES = (
    "rung.cli.core",
    "rung.cli.ladder",
    "rung.cli.scenario",
    "rung.cli.events",
    "rung.cli.serve",
    "rung.cli.corpus",
)

app = typer.Typer(
    name="rung",
    help="Read crisis reporting and keep a sourced, queryable record of an escalation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

_state = {"debug": False}

# Options whose value may be left out: `rung ingest DIR --workers` means one worker per core. Typer has no
# such option, so the value is filled in before parsing when the next word is not a number.
OPTIONAL_VALUES = {"--workers": "0"}


def fill_optional_values(args: list[str]) -> list[str]:
    filled: list[str] = []
    for i, arg in enumerate(args):
        filled.append(arg)
        if arg == "--":
            return filled + args[i + 1:]
        if arg in OPTIONAL_VALUES and not (i + 1 < len(args) and args[i + 1].isdigit()):
            filled.append(OPTIONAL_VALUES[arg])
    return filled


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("rung")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown (not installed)"
        sys.stdout.write(f"rung {number}\n")
        raise typer.Exit(0)


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks instead of one-line errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details to stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print rung's version and exit."),
) -> None:
    _state["debug"] = debug
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _register_commands() -> None:
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:  # a stage not built yet; anything else missing is a real bug
                continue
            raise
        module.register(app)


_register_commands()


def _is_click_exception(error: Exception) -> bool:
    """Click's exceptions, whether from click itself or the copy Typer vendors (typer._click)."""
    import click

    if isinstance(error, click.ClickException):
        return True
    try:
        from typer._click.exceptions import ClickException
    except ImportError:
        return False
    return isinstance(error, ClickException)


def main() -> None:
    err = Console(stderr=True)
    try:
        code = app(args=fill_optional_values(sys.argv[1:]), standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except RungError as error:
        if _state["debug"] or "--debug" in sys.argv:
            raise
        err.print(f"[bold red]error:[/] {safe(error)}", highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("[bold red]error:[/] interrupted")
        sys.exit(130)
    except Exception as error:  # click usage errors arrive here in non-standalone mode
        if _is_click_exception(error):  # usage errors: click's usage message, exit status 2
            error.show()  # type: ignore[attr-defined]
            sys.exit(error.exit_code)  # type: ignore[attr-defined]
        if _state["debug"] or "--debug" in sys.argv:
            raise
        err.print(f"[bold red]error:[/] unexpected {type(error).__name__}: {safe(error)} (run with --debug for the traceback)",
                  highlight=False, soft_wrap=True)
        sys.exit(1)
