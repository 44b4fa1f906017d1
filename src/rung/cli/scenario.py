"""Scenario commands: `rung simulate`, `rung scenario draft|score`, `rung plot sensitivity`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rung.errors import ScenarioError

DB_OPTION = typer.Option("--db", help="SQLite path or postgresql:// URL (default: $RUNG_DB, else rung.sqlite).")


def _fmt(p: float) -> str:
    return f"{p:.4f}" if p >= 0.01 or p == 0 else f"{p:.3g}"


def _ci(ci: tuple[float, float], p: float) -> str:
    return "" if ci[0] == ci[1] == p else f"[{_fmt(ci[0])}, {_fmt(ci[1])}]"


def simulate_cmd(
    file: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    method: Annotated[str, typer.Option("--method", help="auto, exact or monte-carlo.")] = "auto",
    samples: Annotated[int, typer.Option("--samples", help="Monte Carlo samples.")] = 200_000,
    seed: Annotated[int | None, typer.Option("--seed", help="Monte Carlo seed (reproducible results).")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="What-if: ID.p=P, ID.given[N].p=P or ID.else=P (repeatable).")] = None,
    evidence: Annotated[list[str] | None, typer.Option("--evidence", help="Condition on an event: ID=true|false (repeatable).")] = None,
    sensitivity: Annotated[bool, typer.Option("--sensitivity", help="Rank inputs by how much they move --outcome.")] = False,
    outcome: Annotated[str | None, typer.Option("--outcome", help="Sensitivity outcome: event id, threshold name or rung>=N.")] = None,
    swing: Annotated[str, typer.Option("--swing", help="Sensitivity: 'odds' (odds ÷/× --factor) or 'absolute' (±--delta).")] = "odds",
    factor: Annotated[float, typer.Option("--factor", help="Sensitivity odds factor.")] = 2.0,
    delta: Annotated[float, typer.Option("--delta", help="Sensitivity absolute swing (and for inputs at 0 or 1).")] = 0.1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Compute a scenario: each event's probability, the highest rung reached, thresholds crossed.

    Example: rung simulate examples/scenarios/seed-russia-response.yaml --evidence ua_storm_shadow=true
    """
    from rung.scenario import load_scenario, parse_evidence, simulate

    scenario = load_scenario(file)
    observed = parse_evidence(evidence or [], scenario)
    set_ = set_ or []
    if sensitivity:
        from rung.scenario.sensitivity import sensitivity as run_sensitivity

        report = run_sensitivity(scenario, outcome, swing=swing, factor=factor, delta=delta, evidence=observed,
                                 overrides=set_, method=method, samples=samples, seed=seed if seed is not None else 0)
        if as_json:
            sys.stdout.write(report.model_dump_json(indent=2) + "\n")
            return
        how = f"odds ÷/× {factor:g}" if swing == "odds" else f"±{delta:g}"
        table = Table(title=f"{report.scenario}: P({report.outcome}) = {_fmt(report.baseline)}; inputs swung by {how}")
        for col in ("input", "value", "low-high", "outcome at low", "outcome at high", "swing"):
            table.add_column(col, justify="left" if col == "input" else "right")
        for s in report.swings:
            table.add_row(s.parameter, f"{s.base:g}", f"{s.low:.3g}-{s.high:.3g}", _fmt(s.outcome_low),
                          _fmt(s.outcome_high), _fmt(s.width))
        Console().print(table)
        return
    result = simulate(scenario, method=method, samples=samples, seed=seed, evidence=observed, overrides=set_)
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    out = Console()
    for note in scenario.notes:
        out.print(f"[yellow]note:[/] {note}", highlight=False)
    detail = f"{result.method}" + (f", {result.samples} samples, seed {result.seed}" if result.samples else "")
    if result.evidence:
        detail += ", given " + ", ".join(f"{k}={'true' if v else 'false'}" for k, v in result.evidence.items())
    events = Table(title=f"{result.scenario} ({detail})")
    for col in ("event", "label", "rung", "p", "95% interval"):
        events.add_column(col, justify="right" if col in ("p", "rung") else "left")
    for eid, est in result.events.items():
        ev = scenario.events[eid]
        events.add_row(eid, ev.label, "" if ev.rung is None else str(ev.rung), _fmt(est.p), _ci(est.ci, est.p))
    out.print(events)
    rungs = Table(title="Highest rung reached")
    for col in ("rung", "name", "p", "95% interval"):
        rungs.add_column(col)
    for key, est in result.max_rung.items():
        rungs.add_row(key, "" if key == "none" else scenario.rung_names.get(int(key), ""), _fmt(est.p), _ci(est.ci, est.p))
    out.print(rungs)
    if result.thresholds:
        th = Table(title="Thresholds crossed (max rung >= level)")
        for col in ("threshold", "level", "p", "95% interval"):
            th.add_column(col)
        for name, est in result.thresholds.items():
            th.add_row(name, str(est.level), _fmt(est.p), _ci(est.ci, est.p))
        out.print(th)
    if result.method == "monte-carlo":
        out.print(f"intervals: {result.interval}", highlight=False)


def draft_cmd(
    article: Annotated[Path, typer.Argument(help="Article file to draft a scenario from.")],
    output: Annotated[Path | None, typer.Option("--out", "--output", "-o", help="Write the draft here (default: stdout).")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Scenario name.")] = None,
) -> None:
    """Write a scenario skeleton from an article's conditional, possible and recommended events.

    Example: rung scenario draft article.txt -o my-scenario.yaml
    """
    from rung.pipeline import analyze_path
    from rung.scenario.draft import render_draft

    text = render_draft(analyze_path(article), name=name)
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    Console(stderr=True).print(f"wrote {output}")


def score_cmd(
    file: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    outcomes: Annotated[Path | None, typer.Option("--outcomes", help="YAML: event id -> true/false (happened by the horizon).")] = None,
    db: Annotated[str | None, DB_OPTION] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Brier and log scores of a scenario against what happened.

    Example: rung scenario score examples/scenarios/seed-russia-response.yaml --outcomes examples/scenarios/seed-outcomes.yaml
    """
    from rung.scenario import load_scenario
    from rung.scenario.score import load_outcomes, match_outcomes, score

    scenario = load_scenario(file)
    if (outcomes is None) == (db is None):
        raise ScenarioError("give exactly one of --outcomes FILE or --db DB")
    matched = None
    if outcomes is not None:
        observed = load_outcomes(outcomes, scenario)
    else:
        from rung.actors import load_knowledge_base
        from rung.model import ClaimStatus
        from rung.store import open_store

        store = open_store(db, create=False)
        kb = load_knowledge_base()
        confirmed = {e for c in store.claims() if c.status is ClaimStatus.confirmed for e in c.event_ids}
        observed, matched = match_outcomes(scenario, store.events(since=scenario.start, until=scenario.horizon),
                                           kb.country_of, confirmed)
    report = score(scenario, observed, matched=matched)
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        return
    table = Table(title=f"{report.scenario}: scores ({len(report.events)} events)")
    columns = ["event", "p", "happened", "Brier 0-1", "Brier 0-2", "log (ln)", "100·log2(q/0.5)"]
    if matched is not None:
        columns.append("matched stored events")
    for col in columns:
        table.add_column(col, justify="left" if col in {"event", "matched stored events"} else "right")
    for s in report.events:
        evidence = [", ".join(s.matched[:3]) + (f" (+{len(s.matched) - 3})" if len(s.matched) > 3 else "")
                    ] if matched is not None else []
        table.add_row(s.id, _fmt(s.p), "yes" if s.happened else "no", f"{s.brier:.4f}", f"{s.brier_original:.4f}",
                      f"{s.log:.4f}", f"{s.log2_baseline:.1f}", *evidence)
    if report.events:
        table.add_row("overall (mean)", "", "", f"{report.brier:.4f}", f"{report.brier_original:.4f}",
                      f"{report.log:.4f}", f"{report.log2_baseline:.1f}", style="bold")
    out = Console()
    out.print(table)
    if report.unresolved:
        out.print(f"no outcome for: {', '.join(report.unresolved)}", highlight=False)


def plot_sensitivity_cmd(
    file: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    output: Annotated[Path, typer.Option("--out", "--output", "-o", help="PNG to write.")] = Path("sensitivity.png"),
    outcome: Annotated[str | None, typer.Option("--outcome", help="Event id, threshold name or rung>=N.")] = None,
    swing: Annotated[str, typer.Option("--swing", help="'odds' (odds ÷/× --factor) or 'absolute' (±--delta).")] = "odds",
    factor: Annotated[float, typer.Option("--factor", help="Odds factor.")] = 2.0,
    delta: Annotated[float, typer.Option("--delta", help="Absolute swing (and for inputs at 0 or 1).")] = 0.1,
    top: Annotated[int, typer.Option("--top", help="Show this many inputs.")] = 15,
    set_: Annotated[list[str] | None, typer.Option("--set", help="What-if: ID.p=P (repeatable).")] = None,
    evidence: Annotated[list[str] | None, typer.Option("--evidence", help="ID=true|false (repeatable).")] = None,
) -> None:
    """Tornado chart of the inputs that move an outcome most.

    Example: rung plot sensitivity examples/scenarios/seed-russia-response.yaml --outcome ru_nuclear -o tornado.png
    """
    from rung.scenario import load_scenario, parse_evidence
    from rung.scenario.sensitivity import plot_tornado, sensitivity

    scenario = load_scenario(file)
    report = sensitivity(scenario, outcome, swing=swing, factor=factor, delta=delta,
                         evidence=parse_evidence(evidence or [], scenario),
                         overrides=set_ or [])
    plot_tornado(report, str(output), top=top)
    Console(stderr=True).print(f"wrote {output}")


def add_plot_commands(plot_app: typer.Typer) -> None:
    plot_app.command("sensitivity")(plot_sensitivity_cmd)


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_cmd)
    scenario_app = typer.Typer(help="Draft and score scenarios.", no_args_is_help=True)
    scenario_app.command("draft")(draft_cmd)
    scenario_app.command("score")(score_cmd)
    app.add_typer(scenario_app, name="scenario")
    plot_groups = [g for g in app.registered_groups if g.name == "plot"]
    if plot_groups and plot_groups[0].typer_instance is not None:
        add_plot_commands(plot_groups[0].typer_instance)
    else:
        plot_app = typer.Typer(help="Charts (PNG).", no_args_is_help=True)
        add_plot_commands(plot_app)
        app.add_typer(plot_app, name="plot")


__all__ = ["add_plot_commands", "register"]
