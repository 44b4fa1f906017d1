"""Core commands: analyze, ingest, actors, export, schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rung.errors import InputError
from rung.model import DocumentRecord

DB_OPTION = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default: $RUNG_DB, else rung.sqlite).")


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not console.is_terminal)


def analyze_cmd(
    files: list[Path] = typer.Argument(..., help="Article files or directories (text, HTML, JSON Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the machine-readable record (a JSON list)."),
) -> None:
    """Analyse articles and print a readable report (or --json).

    Example: rung analyze examples/escalation-2024-11-25.ja.txt
    """
    from rung.ingest import expand_paths
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    err = Console(stderr=True)
    paths = expand_paths(files)
    records: list[DocumentRecord] = []
    with _progress(err) as progress:
        task = progress.add_task("analysing", total=len(paths))
        analyzer = Analyzer(Settings.load())
        records.extend(analyzer.analyze_paths(paths, on_article=lambda _p: progress.advance(task)))
    if as_json:
        # one record at a time: a large article is not held twice (as dicts and as one string)
        sys.stdout.write("[\n")
        for i, record in enumerate(records):
            sys.stdout.write(("," if i else "") + record.model_dump_json(indent=2) + "\n")
        sys.stdout.write("]\n")
        return
    out = Console()
    for record in records:
        _report(out, record)


def _report(out: Console, record: DocumentRecord) -> None:
    a = record.article
    out.rule(f"[bold]{a.title or a.source or a.id}")
    out.print(f"id {a.id} · {a.date or 'no date'} · {a.lang} · {len(record.sentences)} sentences"
              + (f" · translator {a.translator}" if a.translator else ""))
    table = Table(title="Actors", show_lines=False)
    for col in ("id", "name", "type", "country", "mentions"):
        table.add_column(col)
    for actor in record.actors:
        table.add_row(actor.id, actor.name, actor.type.value, actor.country or "", str(actor.mentions))
    out.print(table)
    unlinked = [m for m in record.mentions if m.actor_id is None]
    if unlinked:
        out.print(f"Unlinked mentions ({len(unlinked)}): " + ", ".join(sorted({f'{m.text} [{m.label}]' for m in unlinked})))
    names = {a.id: a.name for a in record.actors}

    def name(actor_id: str | None) -> str:
        return names.get(actor_id or "", actor_id or "")

    if record.events:
        events = Table(title="Events")
        for col in ("source", "plover", "target", "modality", "date", "rung", "sentence"):
            events.add_column(col)
        for e in record.events:
            events.add_row(name(e.source), e.plover.value + (" (negated)" if e.negated else ""), name(e.target),
                           e.modality.value, str(e.date or ""), str(e.rung if e.rung is not None else ""),
                           e.sentence[:60])
        out.print(events)
    if record.claims:
        claims = Table(title="Claims")
        for col in ("attributed_to", "cites", "status", "stance", "text"):
            claims.add_column(col)
        for c in record.claims:
            claims.add_row(name(c.attributed_to), c.cites or "", c.status.value, c.stance or "", c.text[:60])
        out.print(claims)


def ingest_cmd(
    files: list[Path] = typer.Argument(..., help="Article files or directories to store."),
    db: str | None = DB_OPTION,
) -> None:
    """Analyse and store articles; an article already stored (same text) is skipped.

    Example: rung ingest corpus/ --db rung.sqlite
    """
    from rung.ingest import expand_paths, read_file
    from rung.pipeline import Analyzer
    from rung.settings import Settings
    from rung.store import open_store

    err = Console(stderr=True)
    store = open_store(db)
    paths = expand_paths(files)
    added = skipped = 0
    analyzer: Analyzer | None = None
    with _progress(err) as progress:
        task = progress.add_task("ingesting", total=len(paths))
        for path in paths:
            for article in read_file(path):
                if store.has_article(article.id):
                    skipped += 1
                    continue
                analyzer = analyzer or Analyzer(Settings.load())
                record = analyzer.analyze(article)
                if store.add_record(record, analyzer.actors_of(record)):
                    added += 1
                else:
                    skipped += 1
            progress.advance(task)
    err.print(f"{added} article(s) stored, {skipped} already in {store.label}")


def actors_cmd(
    db: str | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    unlinked: bool = typer.Option(True, "--unlinked/--linked-only", help="Include mentions linked to no actor."),
) -> None:
    """Who is mentioned, how often, and in which articles.

    Example: rung actors --db rung.sqlite
    """
    from dataclasses import asdict

    from rung.store import open_store

    counts = [c for c in open_store(db, create=False).actor_counts() if unlinked or c.id]
    if as_json:
        sys.stdout.write(json.dumps([asdict(c) for c in counts], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Actors")
    for col in ("id", "name", "type", "mentions", "articles", "in"):
        table.add_column(col)
    for c in counts:
        table.add_row(c.id or "—", c.name, c.type, str(c.mentions), str(c.articles), "; ".join(c.article_titles[:3]))
    Console().print(table)


def export_cmd(
    db: str | None = DB_OPTION,
    fmt: str = typer.Option("csv", "--format",
                            help="csv, parquet (one file per table), json (records.jsonl), claimreview (JSON-LD) "
                                 "or gold (corrected articles as gold cases)."),
    out: Path = typer.Option(..., "--out", help="Output directory."),
) -> None:
    """Export the store's tables.

    Example: rung export --db rung.sqlite --format parquet --out export/
    """
    from rung.store import open_store
    from rung.store.export import export

    files = export(open_store(db, create=False), fmt, out)
    Console(stderr=True).print(f"wrote {len(files)} file(s) to {out}")


def eval_cmd(
    gold: list[Path] = typer.Argument(None, help="Gold JSON Lines files (default: the bundled gold sets)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    show_misses: bool = typer.Option(False, "--misses", help="List every missed or extra event and claim."),
    suite: str | None = typer.Option(None, "--suite",
                                     help="Score an external suite instead: petrarch-gsr or petrarch-unit."),
) -> None:
    """Precision, recall and F1 for actors, events and claims against gold files, per language.

    Example: rung eval tests/gold/ja_seed.jsonl tests/gold/ja_other.jsonl
    Example: rung eval --suite petrarch-gsr
    """
    from rung.evaluation import evaluate
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    if suite is not None:
        _eval_suite(suite, as_json, show_misses)
        return
    paths = gold or sorted((Path(__file__).resolve().parents[3] / "tests" / "gold").glob("*.jsonl"))
    if not paths:
        raise InputError("no gold files given and none found under tests/gold/")
    results = evaluate(paths, Analyzer(Settings.load()))
    if as_json:
        payload = {k: {**v.as_dict(), **({"misses": v.misses} if show_misses else {})} for k, v in results.items()}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="rung eval")
    for col in ("set", "docs", "actor F1", "event P", "event R", "event F1", "claim F1", "target acc",
                "modality acc", "negation acc"):
        table.add_column(col)
    for name, s in results.items():
        table.add_row(name, str(s.documents), f"{s.actors.f1:.3f}", f"{s.events.precision:.3f}",
                      f"{s.events.recall:.3f}", f"{s.events.f1:.3f}", f"{s.claims.f1:.3f}", f"{s.target.value:.3f}",
                      f"{s.modality.value:.3f}", f"{s.negation.value:.3f}")
    out = Console(width=None if sys.stdout.isatty() else 160)
    out.print(table)
    if show_misses:
        for miss in results["overall"].misses:
            out.print(miss)


def _eval_suite(name: str, as_json: bool, show_rows: bool) -> None:
    """`rung eval --suite`: code an external suite's sentences and print agreement figures."""
    from rung.eval_suites import run_suite
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    def make_analyzer(extra: list[Path]) -> Analyzer:
        settings = Settings.load()
        files = [*settings.knowledge_base_files, *extra]
        return Analyzer(settings.model_copy(update={"knowledge_base_files": files}))

    scores = run_suite(name, make_analyzer)
    figures = scores.as_dict()
    if as_json:
        payload = {**figures, **({"sentences_detail": scores.rows} if show_rows else {})}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"rung eval --suite {name}")
    table.add_column("figure")
    table.add_column("value")
    for key, value in figures.items():
        table.add_row(key, str(value))
    out = Console()
    out.print(table)
    if show_rows:
        for row in scores.rows:
            out.print(row)


def schema_cmd() -> None:
    """Print the JSON Schema of `rung analyze --json` output.

    Example: rung schema > record.schema.json
    """
    from pydantic import TypeAdapter

    schema = TypeAdapter(list[DocumentRecord]).json_schema()
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_cmd)
    app.command("ingest")(ingest_cmd)
    app.command("actors")(actors_cmd)
    app.command("export")(export_cmd)
    app.command("schema")(schema_cmd)
    app.command("eval")(eval_cmd)
