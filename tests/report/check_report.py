#!/usr/bin/env python3
"""Opens an mgsim report in headless Chromium and checks what a reader sees.

    check_report.py REPORT.html SUMMARY [--min-images N] [--screenshot PNG]
                    [--kind run|comparison|study]

SUMMARY is the file the page's numbers come from: a run's summary.json, a
study's study.json, or a comparison's comparison.csv (read as
{alloy: {column: value}}).

Chromium is driven through its DevTools protocol over a pipe
(--remote-debugging-pipe: JSON messages ending in NUL on file descriptors 3
and 4), so nothing but the Python standard library is needed. Checks:
  - the page loads with no console error, no uncaught exception and no
    failed resource load;
  - every image decodes (naturalWidth > 0), at least N of them;
  - every number marked with a summary.json key (data-key, a JSON pointer)
    shows that value to its printed precision, and a run's report has an
    answer sentence per region with volume that names its peak;
  - the HTML is self-contained: no src/href/url() other than data: URIs and
    in-page anchors, no http or // resource reference;
  - a full-page screenshot is not blank.
Prints what it checked; exit 1 with the reasons on failure.
"""
import argparse
import base64
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe."""

    def __init__(self, profile):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("check_report: chromium not found (./setup.sh --tests installs it)")
        to_child = os.pipe()
        from_child = os.pipe()

        def descriptors():
            os.dup2(to_child[0], 3)
            os.dup2(from_child[1], 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--no-first-run",
             "--user-data-dir=" + profile, "about:blank"],
            pass_fds=(3, 4), preexec_fn=descriptors,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child[0])
        os.close(from_child[1])
        self.writer = os.fdopen(to_child[1], "wb")
        self.reader = os.fdopen(from_child[0], "rb")
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _receive(self):
        while b"\0" not in self.buffer:
            chunk = self.reader.read1(1 << 20)
            if not chunk:
                sys.exit("check_report: chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        self.writer.flush()
        while True:
            reply = self._receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    sys.exit("check_report: %s: %s" % (method, reply["error"]))
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method):
        for k, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(k)
        while True:
            event = self._receive()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def open(self, url):
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            sys.exit("check_report: %s: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        self.process.wait(timeout=30)


def png_pixels(data):
    """Width, height and rows of RGB(A) bytes of an 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    assert depth == 8 and colour in (2, 6), "unexpected PNG format"
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = row[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                row[x] = (row[x] + left) & 255
            elif kind == 2:
                row[x] = (row[x] + up) & 255
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[x] = (row[x] + (left if pa <= pb and pa <= pc else
                                    up if pb <= pc else corner)) & 255
        rows.append(bytes(row))
        previous = row
    return width, height, channels, rows


def pointer(document, path):
    """The value at JSON pointer @p path (RFC 6901) of @p document."""
    value = document
    for token in path.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        value = value[int(token)] if isinstance(value, list) else value[token]
    return value


NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def shown_matches(text, value):
    """Does @p text start with @p value rounded to three significant
    digits (format_number)? Tolerance: half a unit in the third digit,
    5e-3 relative (plus a little for the rounding of the rounding)."""
    found = NUMBER.search(text.replace("\u2212", "-"))
    if not found:
        return False
    shown = float(found.group())
    if value == 0:
        return shown == 0
    return abs(shown - value) <= 5.01e-3 * abs(value)


def read_summary(path):
    """summary.json or study.json as they are; comparison.csv by alloy."""
    if not path.endswith(".csv"):
        return json.load(open(path, encoding="utf-8"))
    lines = [line.rstrip("\n").split(",") for line in open(path, encoding="utf-8")]
    header = lines[0]
    return {row[0]: {name: float(cell) if cell else float("nan")
                     for name, cell in zip(header[1:], row[1:])}
            for row in lines[1:] if row and row[0]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("summary")
    parser.add_argument("--min-images", type=int, default=1)
    parser.add_argument("--screenshot")
    parser.add_argument("--kind", default="run", choices=("run", "comparison", "study"))
    args = parser.parse_args()
    failures = []
    html = open(args.report, encoding="utf-8").read()
    summary = read_summary(args.summary)

    # Self-contained: every resource reference is a data: URI or an anchor.
    for match in re.finditer(r"""\b(src|href)\s*=\s*["']([^"']*)["']""", html):
        if not match.group(2).startswith(("data:", "#")):
            failures.append("resource reference %s=\"%s\"" % match.groups())
    for match in re.finditer(r"url\(\s*['\"]?([^)'\"]*)", html):
        if not match.group(1).startswith("data:"):
            failures.append("CSS url(%s)" % match.group(1))
    if re.search(r"<(script|link|iframe|object|embed)\b", html, re.I):
        failures.append("the page has a script, link, iframe, object or embed")
    if re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html):
        failures.append("an http or // resource reference")

    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            browser.open("file://" + os.path.abspath(args.report))
            images = browser.evaluate(
                "Promise.all([...document.images].map(i => i.decode().then("
                "() => [i.alt, i.naturalWidth], () => [i.alt, 0])))")
            numbers = browser.evaluate(
                "[...document.querySelectorAll('[data-key]')].map("
                "e => [e.dataset.key, e.textContent])")
            answers = browser.evaluate(
                "[...document.querySelectorAll('.answer')].map("
                "e => [e.dataset.region, e.textContent])")
            height = browser.evaluate(
                "Math.ceil(document.documentElement.scrollHeight)")
            # The whole page at a quarter of its size: enough to see ink.
            shot = base64.b64decode(browser.call(
                "Page.captureScreenshot", format="png",
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": 1200, "height": min(height, 16000),
                      "scale": 0.25})["data"])
            events = list(browser.events)
        finally:
            browser.close()

    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            failures.append("exception: %s" % params["exceptionDetails"].get("text"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            failures.append("console %s: %s" % (params["type"], params.get("args")))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            failures.append("console error: %s" % params["entry"].get("text"))

    if len(images) < args.min_images:
        failures.append("%d images, expected at least %d" % (len(images), args.min_images))
    for alt, width in images:
        if width <= 0:
            failures.append("image '%s' does not load" % alt)

    checked = 0
    for key, text in numbers:
        try:
            value = pointer(summary, key)
        except (KeyError, IndexError, ValueError):
            failures.append("data-key %s: not in %s" % (key, args.summary))
            continue
        if not shown_matches(text, float(value)):
            failures.append("%s shows '%s', summary.json has %r" % (key, text, value))
        checked += 1

    if args.kind == "run":
        keys = {key for key, _ in numbers}
        sentences = dict(answers)
        for r, region in enumerate(summary["regions"]):
            if region["volume_mm3"] <= 0:
                continue
            for field in ("peak_mg_mM", "peak_mg_time_h", "max_dose_mM_h",
                          "covered_volume_mm3", "longest_at_or_above_anti_tumour_h"):
                if "/regions/%d/%s" % (r, field) not in keys:
                    failures.append("no table cell shows region %s's %s" % (region["name"], field))
            sentence = sentences.get(region["name"])
            if sentence is None:
                failures.append("no answer sentence for region %s" % region["name"])
            elif "/regions/%d/peak_mg_mM" % r not in [k for k, t in numbers if t in sentence]:
                failures.append("the answer for %s does not give its peak" % region["name"])
        if "/implant/mass_left_g" not in keys:
            failures.append("the implant's mass left is not shown")

    else:
        if not answers:
            failures.append("no answer sentence")
        if checked == 0:
            failures.append("no number of %s is shown" % args.summary)
        if args.kind == "comparison":
            for alloy in summary:
                if "/%s/peak_mg_mM" % alloy not in [k for k, _ in numbers]:
                    failures.append("alloy %s's peak is not shown" % alloy)

    width, height, channels, rows = png_pixels(shot)
    colours, ink = set(), 0
    for row in rows:
        for x in range(0, width * channels, channels):
            pixel = row[x:x + 3]
            colours.add(pixel)
            ink += pixel != b"\xff\xff\xff"
    samples = width * height
    # A page of text, tables and figures: several per cent of it is ink, in
    # many colours (a blank or failed page is one colour).
    if ink < 0.02 * samples or len(colours) < 16:
        failures.append("the screenshot (%dx%d) looks blank: %.1f %% ink, %d colours"
                        % (width, height, 100 * ink / samples, len(colours)))
    if args.screenshot:
        open(args.screenshot, "wb").write(shot)

    print("%s: %d images (widths %s), %d numbers checked against %s, %d answers, "
          "screenshot %dx%d with %.1f %% ink" % (
              args.report, len(images), [w for _, w in images], checked,
              args.summary, len(answers), width, height, 100 * ink / samples))
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
