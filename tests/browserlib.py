"""browserlib.py - headless Chromium for the browser tests: its command
line, a private profile and home under the test's temporary directory, and
the DOM of a page after its scripts ran.

    from browserlib import CHROMIUM, BROWSER_WAIT, browser_env, \\
        chromium_args, dump_dom

CHROMIUM is "" when Chromium is not installed; the tests then skip.
"""
import os
import shutil
import subprocess

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or ""
BROWSER_WAIT = 90   # seconds Chromium gets for one page


def chromium_args(tmp, name):
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars",
            "--user-data-dir=" + os.path.join(tmp, "chromium-" + name)]


def browser_env(tmp):
    return dict(os.environ, HOME=tmp,
                XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
                XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"))


def dump_dom(tmp, name, url, settle_ms=0):
    """The DOM of url after its scripts ran, or "" (and the reason).
    settle_ms > 0 also waits for what the scripts fetch: Chromium's
    virtual time stands still while requests are pending, so the DOM is
    dumped once they are answered (or fail) and the budget is spent."""
    extra = ["--virtual-time-budget=%d" % settle_ms] if settle_ms else []
    try:
        p = subprocess.run(["timeout", str(BROWSER_WAIT)] +
                           chromium_args(tmp, name) + extra +
                           ["--dump-dom", url],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=browser_env(tmp), timeout=BROWSER_WAIT + 10)
    except subprocess.TimeoutExpired:
        return "", "chromium did not finish"
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode(
        "utf-8", "replace")[-2000:]
