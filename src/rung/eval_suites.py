"""External event-coding suites for `rung eval --suite`: the open-source coders' own validation sentences.

- `petrarch-gsr`: UniversalPetrarch's PETR2_GSR_validation.xml, 78 real news sentences with 93 expected CAMEO
  codings (source, target, event code) in Phoenix/CAMEO actor codes (USA, RUS, ...). rung's actors are mapped
  to those codes through the state they roll up to and its ISO 3166 alpha-3 code (rung/actors/data/iso3.tsv);
  the first three letters of the expected codes are compared (USAGOV -> USA).
- `petrarch-unit`: PETRARCH2's PETR.UnitTest.records.xml, 284 sentences with 385 codings between fictional
  actors (Arnor = ARN, Gondor = GON). The actors come from PETR.Validate.actors.txt, turned at evaluation time
  into a temporary knowledge-base file (ids `petrarch:ARN`) overlaid on the bundled one. Its event codes are
  not CAMEO: the records come from the TABARI validation suite and its verb file (PETR.Validate.verbs.txt), whose
  codes follow WEIS (031 meet, 032/033 visit/receive a visit, 041 praise, 102 urge, 122 denounce, 224 force).
  For this suite rung's PLOVER type is mapped to the WEIS category (`WEIS_OF_PLOVER`) before comparison.

The data stay where they are shipped (`<external>/UniversalPetrarch`, `<external>/petrarch2`, with their
SOURCE.txt and LICENSE): rung reads them at evaluation time and never copies them. `<external>` is
$RUNG_EXTERNAL_DATA, else `../shared/data/external` next to the repository.

Figures (all in [0, 1], over the suite's expected codings unless said otherwise):
  root agreement: an expected coding whose root (CAMEO 01-20; WEIS 01-22 for the unit suite) some rung event
    in the sentence has;
  source / target agreement: ... whose source (target) code some rung event in the sentence has;
  full agreement: one rung event with the same root, source and target;
  root agreement (coded): root agreement over the sentences rung coded at all;
  event precision (root): rung events whose root some expected coding of the sentence has.
A sentence is `coded` when rung produced at least one event for it, else `skipped`.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rung.errors import InputError

SUITES = ("petrarch-gsr", "petrarch-unit")
_FILES = {
    "petrarch-gsr": ("UniversalPetrarch", "PETR2_GSR_validation.xml"),
    "petrarch-unit": ("petrarch2", "PETR.UnitTest.records.xml"),
}
_ACTORS_FILE = ("petrarch2", "PETR.Validate.actors.txt")
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.DOTALL)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.DOTALL)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)


# WEIS's 22 categories, reached from PLOVER (the unit suite's scheme): 01 yield, 03 consult, 04 approve,
# 07 reward (aid), 08 agree, 09 request, 11 reject, 12 accuse, 15 demand, 17 threaten, 18 demonstrate,
# 19 reduce relationship, 21 seize, 22 force.
WEIS_OF_PLOVER = {
    "AGREE": "08", "CONSULT": "03", "SUPPORT": "04", "COOPERATE": "08", "AID": "07", "CONCEDE": "01",
    "RETREAT": "01", "REQUEST": "09", "ACCUSE": "12", "REJECT": "11", "THREATEN": "17", "PROTEST": "18",
    "SANCTION": "19", "MOBILIZE": "18", "COERCE": "21", "ASSAULT": "22",
}
# ...where the type's CAMEO code says which WEIS category it is: a demand (CAMEO 10) is WEIS 15, not a request; a
# verbal protest (condemning, criticising, denouncing: CAMEO 11) is WEIS 12 (122 denounce), while a street
# demonstration (CAMEO 14) stays WEIS 18.
WEIS_OF_PLOVER_AND_CAMEO = {("REQUEST", "10"): "15", ("PROTEST", "11"): "12"}
SCHEMES = {"petrarch-gsr": "cameo", "petrarch-unit": "weis"}


def event_root(event: Any, scheme: str) -> str:
    """The event's two-digit code in the suite's scheme: its CAMEO root, or the WEIS category of its type."""
    if scheme == "weis":
        return WEIS_OF_PLOVER_AND_CAMEO.get((event.plover.value, event.cameo), WEIS_OF_PLOVER[event.plover.value])
    return str(event.cameo)


@dataclass(frozen=True, slots=True)
class Coding:
    source: str
    target: str
    event: str

    @property
    def root(self) -> str:
        return self.event[:2]


@dataclass(frozen=True, slots=True)
class SuiteSentence:
    id: str
    date: dt.date | None
    text: str
    category: str
    codings: tuple[Coding, ...]


@dataclass(slots=True)
class SuiteScores:
    suite: str
    sentences: int = 0
    coded: int = 0
    skipped: int = 0
    expected: int = 0
    root: int = 0
    source: int = 0
    target: int = 0
    full: int = 0
    expected_in_coded: int = 0
    root_in_coded: int = 0
    events: int = 0
    events_root_matched: int = 0
    rows: list[dict] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite, "sentences": self.sentences, "coded": self.coded, "skipped": self.skipped,
            "expected_codings": self.expected, "root_agreement": self._ratio(self.root, self.expected),
            "source_agreement": self._ratio(self.source, self.expected),
            "target_agreement": self._ratio(self.target, self.expected),
            "full_agreement": self._ratio(self.full, self.expected),
            "root_agreement_coded": self._ratio(self.root_in_coded, self.expected_in_coded),
            "rung_events": self.events, "event_precision_root": self._ratio(self.events_root_matched, self.events),
            "code_scheme": SCHEMES.get(self.suite, "cameo"),
        }


def external_dir() -> Path:
    if env := os.environ.get("RUNG_EXTERNAL_DATA"):
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "external"


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): (m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(text)}


def _code(value: str) -> str:
    return value.strip().strip("'\"").upper()


def parse_records(text: str) -> list[SuiteSentence]:
    """Validation records from PETRARCH's XML (read with patterns: the GSR file is not well-formed XML)."""
    records: list[SuiteSentence] = []
    for match in _SENTENCE.finditer(text):
        attrs = _attrs(match.group(1))
        body = match.group(2)
        text_match = _TEXT.search(body)
        if not text_match or "id" not in attrs:
            continue
        codings = []
        for coding in _CODING.finditer(body):
            a = _attrs(coding.group(1))
            if "eventcode" in a and "error" not in a:
                codings.append(Coding(_code(a.get("sourcecode", "")), _code(a.get("targetcode", "")),
                                      _code(a["eventcode"])))
        date = None
        if re.fullmatch(r"\d{8}", attrs.get("date", "")):
            try:
                date = dt.datetime.strptime(attrs["date"], "%Y%m%d").date()
            except ValueError:
                date = None
        sentence = " ".join(html.unescape(text_match.group(1)).split())
        if not sentence:
            continue  # a record with no text codes nothing
        records.append(SuiteSentence(id=attrs["id"], date=date, text=sentence, category=attrs.get("category", ""),
                                     codings=tuple(codings)))
    return records


def load_suite(name: str, base: Path | None = None) -> list[SuiteSentence]:
    if name not in _FILES:
        raise InputError(f"unknown suite {name!r}; rung knows {', '.join(SUITES)}")
    folder, filename = _FILES[name]
    path = (base or external_dir()) / folder / filename
    try:
        return parse_records(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read the {name} suite ({error.strerror}); set RUNG_EXTERNAL_DATA to the "
                         "folder holding UniversalPetrarch/ and petrarch2/") from error


def parse_petrarch_actors(text: str) -> dict[str, list[str]]:
    """PETRARCH actor dictionary -> {code: [names]}: 'NAME [CODE]' lines, '+SYNONYM' lines for the entry above,
    code lines with date ranges under a name (the first one counts). Underscores stand for spaces (a trailing
    one, 'ARNOR_', marks the end of a word)."""
    actors: dict[str, list[str]] = {}
    names: list[str] = []
    code: str | None = None

    def flush() -> None:
        if code and code != "---" and names:
            actors.setdefault(code, [])
            actors[code].extend(n for n in names if n not in actors[code])

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!--"):
            continue
        bracket = re.search(r"\[([^\]]*)\]", line)
        head = line[: bracket.start()] if bracket else line
        new_code = _code(bracket.group(1).split()[0]) if bracket and bracket.group(1).split() else None
        if line.startswith("+"):
            names.append(head[1:].replace("_", " ").strip())
        elif line[0].isspace():
            if code is None and new_code:
                code = new_code  # date-restricted code block under a name: take the first
        else:
            flush()
            names = [head.replace("_", " ").strip()] if head.strip() else []
            code = new_code
    flush()
    return actors


def _surface_forms(name: str) -> list[str]:
    forms = [name, name.title()]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i] and len(f) > 1]


def petrarch_kb_file(directory: Path, base: Path | None = None) -> Path:
    """Write the PETRARCH validation actors as a knowledge-base YAML file in `directory`; return its path."""
    folder, filename = _ACTORS_FILE
    path = (base or external_dir()) / folder / filename
    try:
        actors = parse_petrarch_actors(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as error:
        raise InputError(f"{path}: cannot read the PETRARCH actor dictionary ({error.strerror})") from error
    entries = [{"id": f"petrarch:{code}", "name": names[0].title(), "type": "state",
                "aliases": {"en": sorted({f for n in names for f in _surface_forms(n)})}}
               for code, names in sorted(actors.items())]
    out = directory / "petrarch_actors.yaml"
    out.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


@lru_cache(maxsize=1)
def iso3_table() -> dict[str, str]:
    """State QID -> ISO 3166-1 alpha-3 code; intergovernmental organisation -> IGO (rung/actors/data/iso3.tsv)."""
    text = (resources.files("rung.actors") / "data" / "iso3.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["qid"].strip(): row["alpha3"].strip() for row in csv.DictReader(lines, delimiter="\t")}


def actor_code(actor_id: str | None, country_of: Callable[[str | None], str | None]) -> str:
    """The CAMEO-style code of a rung actor: PETRARCH ids keep theirs; an intergovernmental organisation is IGO;
    others map via their state's alpha-3 (iso3.tsv)."""
    if not actor_id:
        return ""
    if actor_id.startswith("petrarch:"):
        return actor_id.split(":", 1)[1][:3]
    table = iso3_table()
    return table.get(actor_id) or table.get(country_of(actor_id) or "", "")


def _same(expected: str, system: str) -> bool:
    return expected[:3] == system[:3]


def score_sentence(record: SuiteSentence, events: list[Any], country_of: Callable[[str | None], str | None],
                   scores: SuiteScores, scheme: str = "cameo") -> None:
    coded = [(actor_code(e.source, country_of), actor_code(e.target, country_of), event_root(e, scheme))
             for e in events]
    scores.sentences += 1
    scores.coded += bool(coded)
    scores.skipped += not coded
    scores.events += len(coded)
    roots = {c.root for c in record.codings}
    scores.events_root_matched += sum(1 for _, _, root in coded if root in roots)
    for expected in record.codings:
        scores.expected += 1
        scores.root += any(root == expected.root for _, _, root in coded)
        scores.source += any(_same(expected.source, s) for s, _, _ in coded)
        scores.target += any(_same(expected.target, t) for _, t, _ in coded)
        scores.full += any(root == expected.root and _same(expected.source, s) and _same(expected.target, t)
                           for s, t, root in coded)
        if coded:
            scores.expected_in_coded += 1
            scores.root_in_coded += any(root == expected.root for _, _, root in coded)
    scores.rows.append({"id": record.id, "expected": [f"{c.source}>{c.event}>{c.target}" for c in record.codings],
                        "rung": [f"{s or '-'}>{r}>{t or '-'}" for s, t, r in coded]})


def run_suite(name: str, make_analyzer: Callable[[list[Path]], Any], base: Path | None = None,
              limit: int | None = None) -> SuiteScores:
    """Code every sentence of a suite with rung and score it. `make_analyzer(extra_kb_files)` builds the
    analyzer (the unit suite adds its actors as a temporary knowledge-base file)."""
    from rung.ingest import make_article

    records = load_suite(name, base)[:limit]
    scores = SuiteScores(suite=name)
    with tempfile.TemporaryDirectory(prefix="rung-suite-") as tmp:
        extra = [petrarch_kb_file(Path(tmp), base)] if name == "petrarch-unit" else []
        analyzer = make_analyzer(extra)
        for record in records:
            article = make_article(record.text, title=record.id, date=record.date, lang="en", source=name)
            result = analyzer.analyze(article)
            score_sentence(record, list(result.events), analyzer.kb.country_of, scores, SCHEMES[name])
    return scores


def iter_rows(scores: SuiteScores) -> Iterator[dict]:
    yield from scores.rows
