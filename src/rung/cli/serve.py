"""Team commands: serve (the REST API and dashboard), token create/revoke/list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rung.cli.core import DB_OPTION


def serve_cmd(
    db: str | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    open_reads: bool | None = typer.Option(None, "--open-reads/--token-reads",
                                           help="Reads without a token (default: only on a loopback address)."),
    max_body: int = typer.Option(5 * 1024 * 1024, "--max-body", help="Largest request body in bytes (413 above)."),
    scenarios: Annotated[Path | None, typer.Option("--scenarios",
                                                   help="Folder of scenario YAML files to serve.")] = None,
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json) and the dashboard at / on one store.

    Example: rung serve --db rung.sqlite --port 8000 --scenarios examples/scenarios
    """
    import uvicorn

    from rung.api import ServerSettings, create_app
    from rung.store import open_store

    settings = ServerSettings(host=host, port=port, open_reads=open_reads, max_body_bytes=max_body,
                              scenarios=scenarios)
    store = open_store(db)
    app = create_app(store, settings, kb=_knowledge_base())
    Console(stderr=True).print(f"rung serving {store.label} on http://{host}:{port}/ "
                               f"(reads {'open' if settings.reads_open else 'need a token'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _knowledge_base():
    from rung.actors import load_knowledge_base
    from rung.settings import Settings

    return load_knowledge_base(Settings.load().knowledge_base_files)


def token_create_cmd(name: str = typer.Argument(..., help="Who the token is for (shown on their corrections)."),
                     db: str | None = DB_OPTION) -> None:
    """Create a token and print it once; the store keeps only its hash.

    Example: rung token create alice --db rung.sqlite
    """
    from rung.api.tokens import create_token
    from rung.store import open_store

    typer.echo(create_token(open_store(db), name))


def token_revoke_cmd(name: str = typer.Argument(..., help="Whose token to revoke."),
                     db: str | None = DB_OPTION) -> None:
    """Revoke a token: requests with it get 403 from then on.

    Example: rung token revoke alice --db rung.sqlite
    """
    from rung.api.tokens import revoke_token
    from rung.store import open_store

    revoke_token(open_store(db, create=False), name)
    Console(stderr=True).print(f"revoked the token of {name}")


def token_list_cmd(db: str | None = DB_OPTION) -> None:
    """List token names, when each was created and revoked.

    Example: rung token list --db rung.sqlite
    """
    from rung.api.tokens import list_tokens
    from rung.store import open_store

    for t in list_tokens(open_store(db, create=False)):
        revoked = f"revoked {t['revoked_at']:%Y-%m-%d %H:%M}" if t["revoked_at"] else "active"
        typer.echo(f"{t['name']}\tcreated {t['created_at']:%Y-%m-%d %H:%M}\t{revoked}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
    token_app = typer.Typer(help="API tokens for writing (and for reading when the server is not on loopback).",
                            no_args_is_help=True)
    token_app.command("create")(token_create_cmd)
    token_app.command("revoke")(token_revoke_cmd)
    token_app.command("list")(token_list_cmd)
    app.add_typer(token_app, name="token")
