"""The HTML report of `smm report` read by a real browser: apt's headless Chromium loads every
page from disk, and the DOM it dumps is parsed with the standard library. The radar of each page
has one polygon of 18 points (the SMM's practices) per series, two series, or three with a
baseline; the bar chart is there; the Content-Security-Policy meta tag is there; and Chromium
logs nothing: a page without scripts has nothing to say on the console, so any console line
(an error, a blocked script, a blocked load) fails. A hostile workspace, whose strings hold
`</script><img src=x onerror=alert(1)>`, gives pages with no `img` element and no `onerror`
attribute, the strings shown as text. The console detector is first shown to catch a broken
page, so that a detector that never fires cannot pass.

Chromium is apt's (`apt-get install chromium`): without it the tests are skipped, except under
CI=true, where they fail. Run from the repository root after `cargo build` (scripts/test does
both); SMM_BIN names the binary to test (default: target/debug/smm).
"""

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SMM = Path(os.environ.get("SMM_BIN", REPO / "target" / "debug" / "smm"))
EXAMPLES = REPO / "examples"
PRACTICES = 18
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
HOSTILE = "</script><img src=x onerror=alert(1)> \"'&<>"
# What Chromium prints for every console message, whatever its level (`console.log`,
# `console.error`, an uncaught exception, a CSP violation): `[pid:tid:time:INFO:CONSOLE:1] "…"`
# (older releases: `INFO:CONSOLE(1)`).
CONSOLE = re.compile(r":CONSOLE[:(]")


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is not installed (apt-get install chromium): CI must run this test")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def dump_dom(chromium, page):
    """Chromium's DOM of `page` once loaded, and what Chromium printed on stderr."""
    with tempfile.TemporaryDirectory(prefix="smm-chromium-") as profile:
        run = subprocess.run(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                f"--user-data-dir={profile}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 0, run.stderr
    assert "<html" in run.stdout, f"no DOM for {page}: {run.stderr}"
    return run.stdout, run.stderr


def dump_doms(chromium, pages):
    """`dump_dom` for each of `pages`, a few at once."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(pages, pool.map(lambda p: dump_dom(chromium, p), pages)))


def console_lines(stderr):
    """The console's lines in Chromium's log: none is expected from a page without script."""
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


class Dom(HTMLParser):
    """The elements (tag, attributes, the tags of the open ancestors) and the text of a page."""

    VOID = {"meta", "img", "br", "hr", "input", "link", "source", "col", "area", "base", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.texts = []
        self.stack = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.texts.append(data)

    def find(self, tag, **attrs):
        return [
            a
            for t, a, _ in self.elements
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def with_class(self, tag, cls):
        return [a for t, a, _ in self.elements if t == tag and cls in (a.get("class") or "").split()]


def check_page(dom_text, stderr, series):
    """What every assessment's page must be once Chromium has loaded it."""
    assert console_lines(stderr) == [], "the page logged to the console"
    dom = Dom(dom_text)
    assert dom.find("meta", http_equiv="Content-Security-Policy") == [
        {"http-equiv": "Content-Security-Policy", "content": CSP}
    ]
    assert [t for t, _, _ in dom.elements if t in ("script", "img", "iframe", "object")] == []
    polygons = dom.with_class("polygon", "series")
    assert len(polygons) == series, [p.get("class") for p in polygons]
    for polygon in polygons:
        points = polygon["points"].split()
        assert len(points) == PRACTICES, f"{polygon['class']}: {len(points)} points"
        assert all(re.fullmatch(r"-?[0-9.]+,-?[0-9.]+", p) for p in points), points
    assert len(dom.with_class("svg", "smm-radar")) == 1
    assert len(dom.with_class("svg", "smm-bars")) == 1
    return dom


def smm_report(*args, cwd=REPO):
    run = subprocess.run(
        [str(SMM), "report", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def assessment_ids(folder):
    ids = []
    for path in sorted(folder.rglob("*.smm")):
        ids += re.findall(r"^assessment ([\w-]+)", path.read_text(), re.MULTILINE)
    return ids


def test_the_detector_catches_a_broken_page(chromium, tmp_path):
    # Under the report's CSP: an inline script, an inline event handler, a remote image.
    blocked = tmp_path / "blocked.html"
    blocked.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>x</title></head>'
        "<body><p>x</p><script>console.log('ran')</script>"
        '<img src="https://example.com/x.png"><img src=x onerror="console.log(1)"></body></html>'
    )
    # Without a CSP: a script that logs an error and throws.
    logging = tmp_path / "logging.html"
    logging.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
        "<body><script>console.error('boom'); missing();</script></body></html>"
    )
    # A clean page under the CSP, with inline style (which the CSP allows).
    clean = tmp_path / "clean.html"
    clean.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>x</title>'
        "<style>p{color:#333}</style></head><body><p>x</p></body></html>"
    )
    doms = dump_doms(chromium, [blocked, logging, clean])

    lines = console_lines(doms[blocked][1])
    assert any("Content Security Policy" in line and "inline script" in line for line in lines), lines
    assert any("inline event handler" in line for line in lines), lines
    assert any("https://example.com/x.png" in line for line in lines), lines
    assert "ran" not in doms[blocked][1]
    assert Dom(doms[blocked][0]).find("img"), "the DOM parser missed the img elements"
    with pytest.raises(AssertionError):
        check_page(*doms[blocked], series=2)

    lines = console_lines(doms[logging][1])
    assert any('"boom"' in line for line in lines), lines
    assert any("missing is not defined" in line for line in lines), lines

    assert console_lines(doms[clean][1]) == []


def test_the_examples_report(chromium, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    smm_report(EXAMPLES, "--format", "html", "-o", out)
    ids = assessment_ids(EXAMPLES / "assessments")
    assert len(ids) >= 5
    pages = [out / f"{id}.html" for id in ids]
    for page in pages:
        assert page.is_file(), f"no {page.name} in {sorted(p.name for p in out.iterdir())}"
    index = out / "index.html"
    doms = dump_doms(chromium, [index, *pages])

    for page in pages:
        dom = check_page(*doms[page], series=2)
        assert dom.find("h1"), page
        assert "smm project's own" in "".join(dom.texts)

    index_dom = Dom(doms[index][0])
    assert console_lines(doms[index][1]) == []
    assert index_dom.find("meta", http_equiv="Content-Security-Policy")
    assert not index_dom.find("script")
    links = [a["href"] for t, a, stack in index_dom.elements if t == "a" and "table" in stack]
    assert sorted(links) == sorted(f"{id}.html" for id in ids)


def test_a_baseline_adds_a_third_series(chromium, tmp_path):
    assessment = EXAMPLES / "assessments" / "line-4.smm"
    out = tmp_path / "line-4.html"
    smm_report(assessment, "--baseline", assessment, "--format", "html", "-o", out)
    dom, stderr = dump_dom(chromium, out)
    page = check_page(dom, stderr, series=3)
    assert [p["class"] for p in page.with_class("polygon", "series")] == [
        "series series-target",
        "series series-current",
        "series series-baseline",
    ]


def smm_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_hostile_workspace_stays_text(chromium, tmp_path):
    root = tmp_path / "hostile"
    folder = root / "<img src=x onerror=alert(1)>"
    folder.mkdir(parents=True)
    (root / "smm.toml").write_text("")
    (root / "base.smm").write_text(
        f"profile hostile-base {smm_string('Base ' + HOSTILE)} {{\n"
        "  role asset-owner\n"
        "  target access-control level 3 scope industry\n"
        "  target patch-management level 2\n"
        "}\n"
    )
    fields = {
        "title": "Werk " + HOSTILE,
        "assessor": "Auditor " + HOSTILE,
        "evidence": "Review " + HOSTILE,
        "link": "javascript:alert(1)" + HOSTILE,
        "web link": "https://example.com/" + HOSTILE,
        "note": "Note " + HOSTILE,
        "reason": "Reason " + HOSTILE,
        "owner": "Owner " + HOSTILE,
        "other title": "Elsewhere " + HOSTILE,
    }
    (folder / "plant.smm").write_text(
        f"assessment plant {smm_string(fields['title'])} {{\n"
        "  profile hostile-base\n"
        "  date 2026-11-10\n"
        f"  assessor {smm_string(fields['assessor'])}\n"
        "  practice access-control level 2 scope industry {\n"
        f"    evidence {smm_string(fields['evidence'])} implements iec62443-3-3:SR2.1 "
        f"expires 2026-11-01 link {smm_string(fields['link'])}\n"
        f"    evidence \"Second\" link {smm_string(fields['web link'])}\n"
        f"    note {smm_string(fields['note'])}\n"
        "  }\n"
        "  waive unmet-target for access-control expires 2027-01-31 {\n"
        f"    reason {smm_string(fields['reason'])}\n"
        f"    owner {smm_string(fields['owner'])}\n"
        "  }\n"
        "}\n"
    )
    # A second assessment, whose profile is not found.
    (folder / "other.smm").write_text(
        f"assessment other {smm_string(fields['other title'])} {{\n"
        "  profile no-such-profile\n"
        "  practice monitoring level 1\n"
        "}\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    smm_report(root, "--format", "html", "-o", out, cwd=root)
    pages = [out / "index.html", out / "plant.html", out / "other.html"]
    doms = dump_doms(chromium, pages)

    text = {}
    for page in pages:
        dom_text, stderr = doms[page]
        assert console_lines(stderr) == [], page
        dom = Dom(dom_text)
        assert dom.find("img") == [], page.name
        assert [a for _, a, _ in dom.elements if "onerror" in a] == [], page.name
        assert [t for t, _, _ in dom.elements if t == "script"] == [], page.name
        assert dom.find("meta", http_equiv="Content-Security-Policy"), page.name
        text[page.name] = "".join(dom.texts)
        # Only the https link is a link; the javascript: one is text.
        hrefs = [a.get("href") for t, a, _ in dom.elements if t == "a"]
        assert not any(h and h.lower().lstrip().startswith("javascript") for h in hrefs), hrefs

    plant = Dom(doms[out / "plant.html"][0])
    for name in ("title", "assessor", "evidence", "link", "web link", "note", "reason", "owner"):
        assert fields[name] in text["plant.html"], f"the {name} is not on the page as text"
    assert "<img src=x onerror=alert(1)>/plant.smm" in text["plant.html"]
    web = [a for t, a, _ in plant.elements if t == "a" and a.get("href", "").startswith("https:")]
    assert [a["rel"] for a in web] == ["noopener noreferrer"]
    assert fields["other title"] in text["other.html"]
    assert "no-such-profile" in text["other.html"]
    assert fields["title"] in text["index.html"]
    assert fields["other title"] in text["index.html"]
