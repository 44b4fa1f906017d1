"""Core commands: analyze, ingest, actors, export, schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rung.cli.text import safe
from rung.errors import InputError
from rung.model import DocumentRecord

DB_OPTION = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (default: $RUNG_DB, else rung.sqlite).")


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not console.is_terminal)


def _article_total(paths: list[Path]) -> int:
    """How many articles the files hold, for the progress bar: one per file, one per JSON Lines line."""
    from rung.ingest.readers import JSONL_SUFFIXES

    total = 0
    for path in paths:
        if path.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            total += 1
    return total


def analyze_cmd(
    files: list[Path] = typer.Argument(..., help="Article files or directories (text, HTML, JSON Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the machine-readable record (a JSON list)."),
    explain: bool = typer.Option(False, "--explain", help="Also show each sentence's clauses (predicate, roles, "
                                 "attribution, modality cues, links) that events and claims were built from."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Keep only events and claims with at least this confidence."),
) -> None:
    """Analyse articles and print a readable report (or --json).

    Example: rung analyze examples/escalation-2024-11-25.ja.txt --explain
    """
    from rung.ingest import expand_paths, iter_articles
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    err = Console(stderr=True)
    settings = Settings.load()
    paths = expand_paths(files)
    records: list[DocumentRecord] = []
    with _progress(err) as progress:
        task = progress.add_task("analysing", total=_article_total(paths) if err.is_terminal else None)
        if min_confidence:
            settings = settings.model_copy(update={"min_confidence": min_confidence})
        analyzer = Analyzer(settings, explain=explain)
        articles = (article for path in paths for article in iter_articles(path, settings.max_article_bytes))
        for record in analyzer.analyze_many(articles):  # parses batched across articles, records in order
            records.append(record)
            progress.advance(task)
    if as_json:
        # one record at a time: a large article is not held twice (as dicts and as one string)
        sys.stdout.write("[\n")
        for i, record in enumerate(records):
            dumped = record.model_dump_json(indent=2, exclude=None if explain else {"clauses"})
            sys.stdout.write(("," if i else "") + dumped + "\n")
        sys.stdout.write("]\n")
        return
    out = Console()
    for record in records:
        _report(out, record)


def _report(out: Console, record: DocumentRecord) -> None:
    """The readable report. Every piece of article text goes through `safe`: brackets stay brackets
    (never rich markup) and control characters never reach the terminal."""
    a = record.article
    out.rule("[bold]" + safe(a.title or a.source or a.id))
    out.print(safe(f"id {a.id} · {a.date or 'no date'} · {a.lang} · {len(record.sentences)} sentences"
                   + (f" · translator {a.translator}" if a.translator else "")))
    table = Table(title="Actors", show_lines=False)
    for col in ("id", "name", "type", "country", "mentions"):
        table.add_column(col)
    for actor in record.actors:
        table.add_row(safe(actor.id), safe(actor.name), actor.type.value, safe(actor.country or ""),
                      str(actor.mentions))
    out.print(table)
    unlinked = [m for m in record.mentions if m.actor_id is None]
    if unlinked:
        out.print(f"Unlinked mentions ({len(unlinked)}): "
                  + safe(", ".join(sorted({f'{m.text} [{m.label}]' for m in unlinked}))))
    names = {a.id: a.name for a in record.actors}

    def name(actor_id: str | None) -> str:
        return safe(names.get(actor_id or "", actor_id or ""))

    if record.events:
        events = Table(title="Events")
        for col in ("id", "source", "plover", "target", "modality", "date", "rung", "sentence"):
            events.add_column(col)
        for e in record.events:
            events.add_row(safe(e.id), name(e.source), e.plover.value + (" (negated)" if e.negated else ""),
                           name(e.target), e.modality.value, str(e.date or ""),
                           str(e.rung if e.rung is not None else ""), safe(e.sentence[:60]))
        out.print(events)
    if record.claims:
        claims = Table(title="Claims")
        for col in ("attributed_to", "cites", "status", "stance", "text"):
            claims.add_column(col)
        for c in record.claims:
            claims.add_row(name(c.attributed_to), safe(c.cites or ""), c.status.value, safe(c.stance or ""),
                           safe(c.text[:60]))
        out.print(claims)
    if record.clauses:
        out.print("[bold]Clauses[/bold]")
        for line in record.clauses:
            out.print(line, markup=False, highlight=False)


def ingest_cmd(
    files: list[Path] = typer.Argument(..., help="Article files or directories to store."),
    db: str | None = DB_OPTION,
    errors: Path | None = typer.Option(None, "--errors",
                                       help="Write every skipped file or JSON Lines line, with the reason, here."),
    workers: int | None = typer.Option(None, "--workers", min=0,
                                       help="Analyse on a local Dask cluster of N worker processes; --workers "
                                            "alone (or 0): one per core. Without it, articles go one by one "
                                            "in this process."),
    scheduler: str | None = typer.Option(None, "--scheduler",
                                         help="Analyse on a running Dask cluster, e.g. tcp://HOST:8786 "
                                              "(docs/corpus.md)."),
) -> None:
    """Analyse and store articles; an article already stored (same text) is skipped.

    Each new article is checked against the store's near-duplicate index (docs/dedup.md): a wire copy, a
    portal's copy or an updated version of a stored article is stored as a version of that report.

    A file that cannot be read, or a malformed JSON Lines line, is skipped and named (file:line) on stderr
    and in --errors FILE; every good article is kept, and the exit status is 1 if anything was skipped.
    With --workers or --scheduler the analysis runs on Dask workers (each loads the models once) and this
    process writes every record; an article a worker cannot analyse is named and skipped the same way.

    Example: rung ingest corpus/ --db rung.sqlite --errors skipped.txt
    Example: rung ingest corpus/ --db rung.sqlite --workers 2
    """
    from rung.corpus import ingest, read_inputs
    from rung.corpus.ingest import IngestReport
    from rung.errors import RungError
    from rung.ingest import expand_paths
    from rung.settings import Settings
    from rung.store import open_store

    if workers is not None and scheduler is not None:
        raise InputError("--workers starts a local cluster and --scheduler uses a running one: give one of them")
    err = Console(stderr=True, highlight=False)
    settings = Settings.load()
    paths = expand_paths(files)
    store = open_store(db)
    report = IngestReport()
    with _progress(err) as progress:
        task = progress.add_task("ingesting", total=_article_total(paths) if err.is_terminal else None)
        ingest(read_inputs(paths, settings.max_article_bytes, report.problems), store, settings, report=report,
               workers=workers, scheduler=scheduler, on_article=lambda: progress.advance(task))
    problems = report.problems
    for problem in problems:
        err.print(f"skipped: {safe(problem)}", soft_wrap=True)
    err.print(f"{report.added} article(s) stored, {report.skipped} already in {safe(store.label)}"
              + (f", {report.copies} of them a version of a report already stored" if report.copies else "")
              + (f", {len(problems)} skipped" + (f" (listed in {safe(errors)})" if errors else "")
                 if problems else ""), soft_wrap=True)
    if errors is not None:
        try:
            errors.write_text("".join(p + "\n" for p in problems), encoding="utf-8")
        except OSError as error:
            raise RungError(f"{errors}: cannot write the error report ({error.strerror})") from error
    if problems:
        sys.exit(1)


def actors_cmd(
    db: str | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    unlinked: bool = typer.Option(True, "--unlinked/--linked-only", help="Include mentions linked to no actor."),
    since: str | None = typer.Option(None, "--since", help="Only articles published on or after this day."),
    until: str | None = typer.Option(None, "--until", help="Only articles published on or before this day."),
    actor: str | None = typer.Option(None, "--actor", help="Only articles with an event this actor is a party to."),
    dyad: str | None = typer.Option(None, "--dyad", help="Only articles with an event of this dyad, 'SOURCE>TARGET'."),
    modality: str | None = typer.Option(None, "--modality", help="Only articles with an event of this modality."),
) -> None:
    """Who is mentioned, how often, and in which articles.

    Example: rung actors --db rung.sqlite --since 2024-11-18
    Example: rung actors --db rung.sqlite --dyad "Russia>Ukraine" --modality occurred
    """
    from dataclasses import asdict

    from sqlalchemy import select

    from rung.cli.ladder import _date
    from rung.ladder.index import parse_dyad, resolve_actor
    from rung.ladder.scale import _default_kb
    from rung.model import Modality
    from rung.store import open_store, schema
    from rung.store.export import EventFilter

    start, end = _date(since, "--since"), _date(until, "--until")
    if modality is not None and modality not in {m.value for m in Modality}:
        raise InputError(f"--modality {modality!r}: expected one of {', '.join(m.value for m in Modality)}")
    store = open_store(db, create=False)
    articles = None
    if actor or dyad or modality:
        kb = _default_kb() if actor or dyad else None
        only = EventFilter(actor=resolve_actor(actor, store, kb) if actor else None,
                           dyad=parse_dyad(dyad, store, kb) if dyad else None, modality=modality)
        articles = select(schema.events.c.article_id).where(*only.conditions(schema.events))
    counts = [c for c in store.actor_counts(since=start, until=end, article_ids=articles) if unlinked or c.id]
    if as_json:
        sys.stdout.write(json.dumps([asdict(c) for c in counts], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Actors")
    for col in ("id", "name", "type", "country", "office", "mentions", "articles", "in"):
        table.add_column(col)
    for c in counts:
        table.add_row(safe(c.id or "—"), safe(c.name), safe(c.type), safe(c.country or ""), safe(c.office or ""),
                      str(c.mentions), str(c.articles), safe("; ".join(c.article_titles[:3])))
    Console().print(table)


def export_cmd(
    db: str | None = DB_OPTION,
    fmt: str = typer.Option("csv", "--format",
                            help="csv, parquet (one file per table), json (records.jsonl), claimreview (JSON-LD) "
                                 "or gold (corrected articles as gold cases)."),
    out: Path = typer.Option(..., "--out", help="Output directory."),
    since: str | None = typer.Option(None, "--since", help="Only articles published on or after this day."),
    until: str | None = typer.Option(None, "--until", help="Only articles published on or before this day."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Only events and claims with at least this confidence."),
    actor: str | None = typer.Option(None, "--actor", help="Only events with this actor (or its state) as a party."),
    dyad: str | None = typer.Option(None, "--dyad", help="Only events of this dyad, 'SOURCE>TARGET'."),
    modality: str | None = typer.Option(None, "--modality", help="Only events of this modality."),
) -> None:
    """Export the store's tables.

    Example: rung export --db rung.sqlite --format parquet --out export/ --since 2024-11-18
    Example: rung export --db rung.sqlite --format csv --out export/ --dyad "Russia>Ukraine" --modality occurred
    """
    from rung.cli.ladder import _date
    from rung.ladder.index import parse_dyad, resolve_actor
    from rung.ladder.scale import _default_kb
    from rung.model import Modality
    from rung.store import open_store
    from rung.store.export import EventFilter, export

    start, end = _date(since, "--since"), _date(until, "--until")
    if modality is not None and modality not in {m.value for m in Modality}:
        raise InputError(f"--modality {modality!r}: expected one of {', '.join(m.value for m in Modality)}")
    store = open_store(db, create=False)
    kb = _default_kb() if actor or dyad else None
    only = EventFilter(actor=resolve_actor(actor, store, kb) if actor else None,
                       dyad=parse_dyad(dyad, store, kb) if dyad else None, modality=modality)
    files = export(store, fmt, out, since=start, until=end, min_confidence=min_confidence, only=only)
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
    if gold:
        for path in gold:
            if not _is_gold(path):
                raise InputError(f"{path}: not a gold file (each line needs an object with a 'text' field)")
        paths = list(gold)
    else:  # the bundled gold sets; other JSON Lines there (merge_pairs.jsonl) are not passage gold
        paths = [p for p in sorted((Path(__file__).resolve().parents[3] / "tests" / "gold").glob("*.jsonl"))
                 if _is_gold(p)]
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
            out.print(safe(miss))


def _is_gold(path: Path) -> bool:
    """A gold file's first record is an object with the passage `text` (merge pairs have `a` and `b`)."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        return isinstance(row := json.loads(first), dict) and isinstance(row.get("text"), str)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False


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
