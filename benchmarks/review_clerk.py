"""Benchmark: a new quarter from a received Word file to a published version, the review
done in the browser by a scripted clerk (not a test).

For each case, as a new user runs it in a fresh project (a git repository holding the
site sources and the data at data/directives.yml):

1. the conclusion typed in LibreOffice (typed numbering, `ketluan.fictional.office`),
   converted to .docx by headless LibreOffice;
2. `ketluan import FILE.docx --quarter KEY -o data/directives.yml`;
3. `ketluan review` served, and a scripted clerk in headless Chromium (Playwright)
   answering every card as the curated data says: Enter where the draft's proposal is
   right, otherwise the card's own choices (agencies typed without diacritics in the
   picker, roles chosen, a deadline's kind, a target's name, ...); the YAML never opened;
4. `git commit` and `ketluan publish KEY` (PDFs included unless --no-pdf).

It prints each step's time, the marks, the clicks and keystrokes per mark, the machine
time per answer (request, check, write, page redrawn), and how far the reviewed quarter
agrees with the curated one, field by field (`tests/agreement.py`). A person's reading
time is not measured: the clerk here knows the answers.

Cases: the real first-quarter conclusion (against the real registries, no earlier
quarter) and a fictional next quarter ("Tỉnh Mẫu") against its earlier quarters.

    .venv/bin/python benchmarks/review_clerk.py [--no-pdf] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Locator, Page, sync_playwright

from ketluan.fictional import Scale, dump, generate
from ketluan.fictional.office import OfficeLayout, as_fodt, convert, official_layout
from ketluan.load import load_with_marks, validate_text
from ketluan.model import Conclusion, Dataset, Task
from ketluan.model.outline import effective_lead, walk_tasks
from ketluan.outputs.pdf import CHROMIUM_ARGS, find_chromium
from ketluan.review.cards import Card, cards_of, model_at

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from agreement import draft_agreement, silent_errors  # noqa: E402
from sitecheck import make_project  # noqa: E402

REAL_LAYOUT = OfficeLayout(
    ("ĐẢNG BỘ TỈNH HƯNG YÊN", "TỈNH ỦY", "*"), ("ĐẢNG CỘNG SẢN VIỆT NAM", "-----")
)
SCALE = Scale(quarters=2, agencies=30, communes=8, tasks_per_quarter=40, documents=16)
SITE = "http://intranet.example/ket-luan/"


@dataclass
class Effort:
    """What the clerk did: clicks and keystrokes, and the answers' machine time."""

    clicks: int = 0
    keys: int = 0
    waits: list[float] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    changed: int = 0  # cards answered otherwise than by accepting the proposal
    paragraphs: int = 0  # paragraphs corrected with no card on what was wrong


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Văn phòng", "-c", "user.email=vp@example", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


def _ketluan(repo: Path, *args: str, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ketluan.cli", *args],
        cwd=repo, capture_output=True, text=True, env=env,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"ketluan {' '.join(args)} failed:\n{done.stderr}")
    return time.perf_counter() - start


def _typed_docx(conclusion: Conclusion, layout: OfficeLayout, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "ket-luan.fodt"
    source.write_text(as_fodt(conclusion, layout, "typed"), encoding="utf-8")
    convert([source], "docx:MS Word 2007 XML", folder)
    return folder / "ket-luan.docx"


class Clerk:
    """Answers each card of the review page as the curated quarter says."""

    def __init__(self, page: Page, curated: Dataset, key: str) -> None:
        self.page, self.effort = page, Effort()
        quarter = next(q for q in curated.quarters if q.key == key)
        self.tasks = {t.id: (t, c) for t, c in walk_tasks(quarter.sections)}
        self.quarter, self.curated = quarter, curated
        self.names = {a.id: a.name for a in curated.agencies}

    def answer(self, card: Card, draft: Dataset) -> None:
        """Answer `card` (the first on the page) and wait for the page to follow."""
        left = int(self.page.locator(".progress").get_attribute("data-left") or "0")
        located = self.page.locator(f"#{card.id}")
        self.effort.by_kind[card.kind] = self.effort.by_kind.get(card.kind, 0) + 1
        start = time.perf_counter()
        if not self._correct(card, located, draft):
            located.focus()
            self.page.keyboard.press("Enter")
            self.effort.keys += 1
        else:
            self.effort.changed += 1
        self.page.wait_for_function(
            "n => Number(document.querySelector('.progress').dataset.left) < n", arg=left
        )
        self.effort.waits.append(time.perf_counter() - start)

    def _click(self, locator: Locator) -> None:
        locator.click()
        self.effort.clicks += 1

    def _type(self, locator: Locator, text: str) -> None:
        locator.fill(text)
        self.effort.clicks += 1  # into the field
        self.effort.keys += len(text)

    def _correct(self, card: Card, at: Locator, draft: Dataset) -> bool:
        """Make the curated answer when the proposal is not it; False to accept."""
        task_id = card.data.get("task")
        if task_id is None and card.path[-2:-1] in (("deadlines",), ("targets",)):
            task_id = getattr(model_at(draft, card.path[:-2]), "id", None)  # a task's value
        found = self.tasks.get(task_id) if task_id else None
        task, chain = found if found else (None, ())
        if card.kind == "lead" and task is not None:
            want = {a for a, _inherited in effective_lead(task, chain)}
            mine = self._draft_lead(draft, card)
            if want == mine:
                return False
            heading = next((set(s.assignee) for s in reversed(chain) if s.assignee), set())
            chosen = set() if want == heading else want
            for chip in at.locator(".chip").all():
                if chip.get_attribute("data-id") not in chosen:
                    self._click(chip.locator(".chip__remove"))
            have = {c.get_attribute("data-id") for c in at.locator(".chip").all()}
            for agency in sorted(chosen - have):
                self._pick(at, agency)
            self._click(at.get_by_role("button", name="Ghi đơn vị chủ trì"))
            return True
        if card.kind == "roles" and task is not None:
            roles = {}
            for _name, agency in card.data["named"]:
                role = next(
                    (r for r in ("lead", "duties", "support", "report_to", "accountable")
                     if agency in getattr(task, r)), "",
                )  # fmt: skip
                roles[agency] = role
            if not any(roles.values()):
                return False
            for agency, role in roles.items():
                if role:
                    at.locator(f'select[name="roles.{agency}"]').select_option(role)
                    self.effort.clicks += 2
            self._click(at.get_by_role("button", name="Ghi vai trò"))
            return True
        if card.kind == "inherit" and task is not None and not task.inherit_lead:
            self._click(at.get_by_role("button", name="Không, chỉ đơn vị nêu trong đoạn"))
            return True
        if card.kind in ("report", "date"):
            return self._deadline(card, at, draft, task)
        if card.kind == "metric":
            record = model_at(draft, card.path)
            # The editor may have quoted less of the clause than the importer did.
            target = next((t for t, _ in self._targets() if t.phrase in record.phrase), None)
            if target is None or (target.metric, target.aim) == (record.metric, record.aim):
                return False
            if target.metric != record.metric:
                self._type(at.locator('input[name="value"]'), target.metric)
            if target.aim != record.aim:
                self._click(at.locator('input[name="aim"]'))
            self._click(at.get_by_role("button", name="Ghi tên chỉ tiêu"))
            return True
        if card.kind == "figure":
            record = model_at(draft, card.path)
            figure = next(
                (f for f in self.quarter.review.figures if f.phrase == record.phrase), None
            )
            if figure is None or (figure.label, figure.measure) == (record.label, record.measure):
                return False
            self._type(at.locator('input[name="label"]'), figure.label)
            at.locator('select[name="measure"]').select_option(figure.measure.value)
            self.effort.clicks += 2
            self._click(at.get_by_role("button", name="Ghi số liệu"))
            return True
        if card.kind == "limitations":
            items = list(self.quarter.review.limitations)
            if items == card.data["items"]:
                return False
            self._type(at.locator('textarea[name="items"]'), "\n".join(items))
            self._click(at.get_by_role("button", name="Ghi các hạn chế"))
            return True
        if card.kind == "header":
            if not (self.quarter.symbol or self.quarter.issued_on):
                return False
            if self.quarter.symbol:
                self._type(at.locator('input[name="symbol"]'), self.quarter.symbol)
            if self.quarter.issued_on:
                at.locator('input[name="issued_on"]').fill(self.quarter.issued_on.isoformat())
                self.effort.clicks += 1
                self.effort.keys += 8
            self._click(at.get_by_role("button", name="Ghi số và ngày"))
            return True
        if card.kind == "continues" and task is not None and not task.continues:
            self._click(at.get_by_role("button", name="Không, là nhiệm vụ mới"))
            return True
        if card.kind == "correction":
            record = model_at(draft, card.path)
            if any(c.phrase == record.phrase for c in self.quarter.corrections):
                return False
            self._click(at.get_by_role("button", name="Không, bỏ đề xuất"))
            return True
        if card.kind == "agency":
            record = model_at(draft, card.path)
            known = next(
                (a.id for a in self.curated.agencies
                 if _fold(record.name) in {_fold(n) for n in a.names}), None,
            )  # fmt: skip
            if known is None or known == record.id:
                return False
            self._pick(at.locator('form[data-action="merge"]'), known)
            self._click(at.get_by_role("button", name="Gộp vào cơ quan đã có"))
            return True
        return False

    def fix_readings(self, data: Path, key: str) -> int:
        """Correct, paragraph by paragraph, what the draft reads wrong with no card on
        it (agencies in a role, citations), as a clerk reading the page would; returns
        how many paragraphs it corrected."""
        fixed = 0
        while True:
            draft = load_with_marks(data).dataset
            quarter = next(q for q in draft.quarters if q.key == key)
            wrong = next(
                (t for t, _c in walk_tasks(quarter.sections)
                 if t.id in self.tasks and self._reading(t) != self._reading(self.tasks[t.id][0])),
                None,
            )  # fmt: skip
            if wrong is None:
                return fixed
            self._fix(wrong, self.tasks[wrong.id][0])
            fixed += 1

    @staticmethod
    def _reading(task: Task) -> tuple[object, ...]:
        cites = frozenset((c.as_written, c.document) for c in task.cites)
        return (
            set(task.duties),
            set(task.support),
            set(task.report_to),
            set(task.accountable),
            cites,
        )

    def _fix(self, mine: Task, want: Task) -> None:
        version = self.page.locator("#noi-dung").get_attribute("data-version")
        entry = self.page.locator(f"#doan-{mine.anchor}")
        self._click(entry.locator(".reading > summary"))
        form = entry.locator('form[data-paragraph="reading"]')
        for role in ("duties", "support", "report_to", "accountable"):
            picker = form.locator(f'.picker[data-field="{role}"]')
            wanted = set(getattr(want, role))
            for chip in picker.locator(".chip").all():
                if chip.get_attribute("data-id") not in wanted:
                    self._click(chip.locator(".chip__remove"))
            have = {c.get_attribute("data-id") for c in picker.locator(".chip").all()}
            for agency in sorted(wanted - have):
                self._pick(picker, agency)
        wanted_cites = {(c.as_written, c.document) for c in want.cites}
        rows = form.locator(".cite-row").all()
        for row in rows[:-1]:
            said = row.locator('input[name="cite_text"]').input_value()
            document = row.locator('select[name="cite_document"]').input_value()
            if (said, document) not in wanted_cites:
                self._type(row.locator('input[name="cite_text"]'), "")
        missing = sorted(wanted_cites - {(c.as_written, c.document) for c in mine.cites})
        if missing:  # one new citation per submission: the page gives one empty row
            said, document = missing[0]
            self._type(rows[-1].locator('input[name="cite_text"]'), said)
            rows[-1].locator('select[name="cite_document"]').select_option(document)
            self.effort.clicks += 2
        self._click(form.get_by_role("button", name=f"Ghi cách đọc đoạn {mine.id}"))
        self.page.wait_for_function(
            "v => document.querySelector('#noi-dung').dataset.version !== v", arg=version
        )

    def _pick(self, at: Locator, agency: str) -> None:
        """Type the agency's name without diacritics until it is the first offered."""
        name = _fold(self.names[agency])
        field = at.locator(".picker__input").first
        for end in range(3, len(name) + 1):
            if name[end - 1] != " " and end < len(name):
                continue
            field.fill(name[:end])
            first = at.locator('[role="option"]').first
            if first.get_attribute("data-id") == agency:
                break
        else:
            raise SystemExit(f"the picker never offers {agency} first")
        self.effort.clicks += 1
        self.effort.keys += end + 1  # the letters typed, then Enter
        field.press("Enter")

    def _draft_lead(self, draft: Dataset, card: Card) -> set[str]:
        path = card.path
        key_at = path.index("quarters") + 1
        quarter = draft.quarters[int(path[key_at])]
        for task, chain in walk_tasks(quarter.sections):
            if task.id == card.data["task"]:
                return {a for a, _inherited in effective_lead(task, chain)}
        return set()

    def _targets(self) -> list[tuple[Any, Task]]:
        return [(t, task) for task, _c in self.tasks.values() for t in task.targets]

    def _deadline(self, card: Card, at: Locator, draft: Dataset, task: Task | None) -> bool:
        record = model_at(draft, card.path)
        # The editor may have quoted more of the sentence than the date's own words.
        want = (
            next((d for d in task.deadlines if record.phrase.lower() in d.phrase.lower()), None)
            if task
            else None
        )
        if want is None:
            return False
        if card.kind == "report":
            if want.report:
                return False
            self._click(at.get_by_role("button", name="Là hạn hoàn thành công việc"))
            return True
        if (want.date, want.derived) == (record.date, record.derived):
            return False
        if want.date != record.date:
            at.locator('input[name="date"]').fill(want.date.isoformat())
            self.effort.clicks, self.effort.keys = self.effort.clicks + 1, self.effort.keys + 8
        if want.derived != record.derived:
            self._click(at.locator('input[name="derived"]'))
        self._click(at.get_by_role("button", name="Ghi thời hạn"))
        return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def review_as_clerk(repo: Path, curated: Dataset, key: str) -> tuple[Effort, float, int]:
    """Serve `ketluan review` in `repo` and clear every mark as the curated data says:
    the effort, the seconds it took, and the marks there were."""
    data = repo / "data/directives.yml"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ketluan.cli", "review", "--quarter", key, "-a",
         f"127.0.0.1:{port}", "--no-browser"],
        cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    server.stdout.readline()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is needed (apt-get install chromium)")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            for _attempt in range(50):
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:  # not listening yet
                    time.sleep(0.1)
            clerk = Clerk(page, curated, key)
            start = time.perf_counter()
            marks = int(page.locator(".progress").get_attribute("data-left") or "0")
            clerk.effort.paragraphs = clerk.fix_readings(data, key)
            while int(page.locator(".progress").get_attribute("data-left") or "0"):
                loaded = load_with_marks(data)
                card = cards_of(loaded, key)[0]
                clerk.answer(card, loaded.dataset)
            page.locator(".ready").wait_for()
            took = time.perf_counter() - start
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(20)
    return clerk.effort, took, marks


def run_case(name: str, earlier: str, source_quarter: Conclusion, layout: OfficeLayout,
             curated: Dataset, root: Path, pdf: bool) -> None:  # fmt: skip
    """One case, each step timed."""
    key = source_quarter.key
    folder = root / key
    folder.mkdir()
    start = time.perf_counter()
    docx = _typed_docx(source_quarter, layout, folder / "nhan-duoc")
    typed = time.perf_counter() - start
    repo = make_project(folder, earlier, "data/directives.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KETLUAN_PDF": "1" if pdf else "0"}
    imported = _ketluan(
        repo, "import", str(docx), "--quarter", key, "-o", "data/directives.yml", env=env
    )
    effort, reviewed, marks = review_as_clerk(repo, curated, key)
    loaded = load_with_marks(repo / "data/directives.yml")
    agreed = draft_agreement(loaded.dataset, key, curated, key)
    silent = silent_errors(loaded, key, curated, key)
    _git(repo, "commit", "-qam", f"Kết luận {source_quarter.title}")
    published = _ketluan(repo, "publish", key, "--site-url", SITE, env=env)
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=repo, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    pdfs = sum(name.endswith(".pdf") for name in files)
    total = imported + reviewed + published
    print(f"\n## {name}: {marks} marks")
    print(f"LibreOffice typing → .docx   {typed:6.1f} s (the Office's side, not counted)")
    print(f"ketluan import               {imported:6.1f} s")
    print(f"review (scripted clerk)      {reviewed:6.1f} s")
    print(f"ketluan publish              {published:6.1f} s  ({pdfs} PDFs, {len(files)} files)")
    print(f"import → published           {total:6.1f} s, without a person's reading time")
    n = max(marks, 1)
    waits = sorted(effort.waits)
    print(
        f"per mark: {effort.clicks / n:.2f} clicks, {effort.keys / n:.2f} keystrokes; "
        f"{effort.changed} answered otherwise than by Enter, {effort.paragraphs} paragraphs "
        "corrected beyond the cards; machine time per answer "
        f"median {waits[len(waits) // 2]:.2f} s, slowest {waits[-1]:.2f} s"
    )
    print("cards by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(effort.by_kind.items())))
    fields = ", ".join(f"{f} {100 * s // t}%" for f, (s, t) in agreed.items() if t)
    print(f"reviewed quarter agrees with the curated one: {fields}")
    print(f"silent errors left: {len(silent)} {silent}; marks left: {len(loaded.marks)}")


def main() -> None:
    """Run both cases and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="publish without PDFs")
    parser.add_argument("--seed", type=int, default=0, help="the fictional data's seed")
    args = parser.parse_args()
    real_text = (REPO / "data/directives.yml").read_text(encoding="utf-8")
    real = validate_text(real_text, "real.yml")
    fictional_text = dump(generate(replace(SCALE, seed=args.seed)))
    fictional = validate_text(fictional_text, "mau.yml")
    with tempfile.TemporaryDirectory(prefix="ketluan-clerk-") as scratch:
        root = Path(scratch)
        registry = real_text[: real_text.index("\nquarters:")] + "\nquarters: []\n"
        run_case("real Q1/2026", registry, real.quarters[0], REAL_LAYOUT, real, root,
                 not args.no_pdf)  # fmt: skip
        raw = yaml.safe_load(fictional_text)
        raw["quarters"].pop()
        earlier = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
        last = fictional.quarters[-1]
        run_case("fictional next quarter", earlier, last, official_layout(last), fictional,
                 root, not args.no_pdf)  # fmt: skip


if __name__ == "__main__":
    main()
