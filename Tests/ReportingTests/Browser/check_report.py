#!/usr/bin/env python3
"""Renders a mixspec report in headless Chromium and checks it (issue 14).

Usage: check_report.py CHROMIUM REPORT.html SCREENSHOT.png

1. A copy of the report, with a probe script appended, is loaded with --dump-dom: the probe
   records every <svg>'s rendered size and any script error into the DOM, which is printed.
   The report itself stays script-free; only the copy is probed.
2. The report itself is screenshotted at the page's full height.
Prints one JSON object: {"svgs": [{"id", "width", "height"}], "errors": [...], "console": [...],
"height": H, "screenshot": PATH}. Exit 0 when it ran (the caller judges), 2 on a usage or
Chromium failure. Every Chromium run is bounded by a timeout.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = """
<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('svg').forEach(function (svg) {
    var r = svg.getBoundingClientRect();
    var t = svg.querySelector('title');
    out.push({id: svg.getAttribute('aria-labelledby') || (t ? t.textContent : ''), width: r.width, height: r.height});
  });
  var pre = document.createElement('pre');
  pre.id = 'mixspec-probe';
  pre.textContent = JSON.stringify({svgs: out, errors: window.__errors,
                                    height: Math.ceil(document.documentElement.scrollHeight)});
  document.body.appendChild(pre);
});
</script>
"""

TIMEOUT = 90


def chromium(binary, profile, args):
    base = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=TIMEOUT)


def console_lines(stderr):
    """Console messages Chromium logged for the page (its own start-up noise is not CONSOLE)."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line]


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, report, screenshot = sys.argv[1:4]
    with open(report, encoding="utf-8") as f:
        html = f.read()
    work = tempfile.mkdtemp(prefix="mixspec-browser-")
    try:
        probed = os.path.join(work, "probed.html")
        with open(probed, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", PROBE + "</body>", 1))
        dump = chromium(binary, os.path.join(work, "profile1"),
                        ["--virtual-time-budget=5000", "--dump-dom", "file://" + probed])
        match = re.search(r'<pre id="mixspec-probe">(.*?)</pre>', dump.stdout, re.S)
        if dump.returncode != 0 or not match:
            print("chromium --dump-dom failed (exit %d): %s" % (dump.returncode, dump.stderr[-2000:]), file=sys.stderr)
            return 2
        probe = json.loads(match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        height = max(600, min(int(probe.get("height", 2000)) + 20, 30000))
        shot = chromium(binary, os.path.join(work, "profile2"),
                        ["--window-size=1280,%d" % height, "--screenshot=" + os.path.abspath(screenshot),
                         "file://" + os.path.abspath(report)])
        if shot.returncode != 0 or not os.path.exists(screenshot):
            print("chromium --screenshot failed (exit %d): %s" % (shot.returncode, shot.stderr[-2000:]), file=sys.stderr)
            return 2
        probe["console"] = console_lines(dump.stderr) + console_lines(shot.stderr)
        probe["screenshot"] = os.path.abspath(screenshot)
        print(json.dumps(probe))
        return 0
    except subprocess.TimeoutExpired:
        print("chromium did not finish within %d s" % TIMEOUT, file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
