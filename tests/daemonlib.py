"""daemonlib.py - what the daemon tests share: TAP output, a temporary
directory, and the real daemon started, awaited, signalled and stopped.

A test imports it by path, from its own directory:

    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from daemonlib import Daemon, done_testing, ok, skip, tmpdir

The daemon is $SUNSET (default ./sunset), run under $SUNSET_WRAPPER when
that is set (e.g. valgrind, whose --error-exitcode then shows in the exit
status the tests check).  It talks to us through NOTIFY_SOCKET, a datagram
socket of ours in the test's temporary directory; `serve` also gets
--port-file tmp/NAME.port.  Readiness and the port are read in one place,
Daemon.wait_ready.
"""
import atexit
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

SUNSET = os.environ.get("SUNSET", os.path.join(os.getcwd(), "sunset"))
# SUNSET_WRAPPER runs the daemon under a tool, e.g. valgrind.
WRAPPER = os.environ.get("SUNSET_WRAPPER", "").split()
SRCDIR = os.environ.get("SRCDIR", os.getcwd())
# Seconds the daemon gets to get ready, and to exit once signalled.
WAIT = 60
# Longest diagnostic printed under a failed test.
DETAIL_MAX = 2000

_tap = {"n": 0, "failed": 0}


def ok(cond, name, detail=""):
    """Prints one TAP result; detail is shown, as comments, on failure.
    Returns cond."""
    _tap["n"] += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _tap["n"], name))
    if not cond:
        _tap["failed"] += 1
        if detail:
            print("#   " + str(detail)[:DETAIL_MAX].replace("\n", "\n#   "))
    sys.stdout.flush()
    return cond


def skip(name, reason):
    """A test that cannot run here, counted as passed."""
    _tap["n"] += 1
    print("ok %d - %s # SKIP %s" % (_tap["n"], name, reason))
    sys.stdout.flush()


def failed():
    """How many tests have failed so far."""
    return _tap["failed"]


def done_testing():
    """Prints the plan; returns the exit status for the test script."""
    print("1..%d" % _tap["n"])
    sys.stdout.flush()
    return 1 if _tap["failed"] else 0


def bail_out(reason, detail=""):
    """Ends the test at once: detail as comments, then TAP's Bail out!
    and exit status 1."""
    if detail:
        print("# " + str(detail)[-DETAIL_MAX:].replace("\n", "\n# "))
    print("Bail out! " + reason)
    sys.stdout.flush()
    sys.exit(1)


def tmpdir(name):
    """A new temporary directory for test name; the caller removes it."""
    return tempfile.mkdtemp(prefix="sunset-%s-" % name)


def journal_stream(f):
    """The JOURNAL_STREAM value that makes open file f pass for the
    journal: its "DEVICE:INODE", as systemd writes it."""
    st = os.fstat(f.fileno())
    return "%d:%d" % (st.st_dev, st.st_ino)


def _fields(message):
    """The KEY=VALUE lines of a notification, as a dict."""
    return dict(line.split("=", 1) for line in message.splitlines()
                if "=" in line)


class Daemon:
    """`sunset ARGS` started in the background, with stdout and stderr
    going to tmp/NAME.log and NOTIFY_SOCKET to tmp/NAME.notify; `serve`
    writes its port to tmp/NAME.port (self.port_file).

    journal=True makes the log file pass for the journal (JOURNAL_STREAM
    names it), so each line starts with its priority, "<5>"; with
    journal=False the daemon sees a plain file.  env adds to the
    environment; wrap=False runs it without $SUNSET_WRAPPER; launcher goes
    before the wrapper and the binary (a command that execs the rest);
    preexec_fn and pass_fds are Popen's.
    """

    def __init__(self, tmp, args, name="sunset", env=None, wrap=True,
                 launcher=(), preexec_fn=None, pass_fds=(), journal=True):
        self.name = name
        self.ready = False  # said it is ready
        self.port = 0  # the port it said it listens on
        notify_path = os.path.join(tmp, name + ".notify")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(notify_path)
        self.log_path = os.path.join(tmp, name + ".log")
        self.port_file = os.path.join(tmp, name + ".port")
        if args[:1] == ["serve"]:
            args = args + ["--port-file", self.port_file]
        environ = dict(os.environ, NOTIFY_SOCKET=notify_path)
        environ.pop("JOURNAL_STREAM", None)
        argv = list(launcher) + (WRAPPER if wrap else []) + [SUNSET] + args
        with open(self.log_path, "w") as log:
            if journal:
                environ["JOURNAL_STREAM"] = journal_stream(log)
            environ.update(env or {})
            self.proc = subprocess.Popen(argv, stdout=log, stderr=log,
                                         env=environ, preexec_fn=preexec_fn,
                                         pass_fds=pass_fds)
        # A test that dies half-way leaves no daemon behind.
        atexit.register(self.kill)

    def notification(self, timeout=WAIT):
        """The next notification's fields, or None after timeout
        seconds."""
        self.notify.settimeout(max(timeout, 0.001))
        try:
            return _fields(self.notify.recv(4096).decode())
        except socket.timeout:
            return None

    def wait_for(self, key, timeout=WAIT):
        """Reads notifications until one carries key; returns its fields,
        or {} after timeout seconds."""
        end = time.monotonic() + timeout
        while True:
            fields = self.notification(end - time.monotonic())
            if fields is None:
                return {}
            if key in fields:
                return fields

    def wait_ready(self):
        """Waits until the daemon says it is ready and serving, and reads
        the port it listens on.  Sets self.ready, and self.port, which it
        returns: 0 when the daemon did not get ready within WAIT seconds,
        exited first, or did not say its port.  The one place that knows
        how readiness is told: READY=1, by which time the port is in the
        --port-file."""
        end = time.monotonic() + WAIT
        while time.monotonic() < end and self.proc.poll() is None:
            fields = self.notification(min(0.5, end - time.monotonic()))
            if fields is None or fields.get("READY") != "1":
                continue
            self.ready = True
            try:
                with open(self.port_file) as f:
                    self.port = int(f.read())
            except (OSError, ValueError):
                self.port = 0
            break
        return self.port

    def ready_or_bail(self):
        """wait_ready(), for a test that cannot go on without the daemon:
        when it does not get ready, kills it and bails out with its log.
        Returns the port."""
        if self.wait_ready() == 0:
            self.kill()
            bail_out("%s did not get ready" % self.name, self.log())
        return self.port

    def log(self):
        """Everything the daemon has logged so far."""
        with open(self.log_path) as f:
            return f.read()

    def signal(self, sig):
        self.proc.send_signal(sig)

    def exit_status(self):
        """Waits up to WAIT seconds for the daemon to exit; returns its
        exit status, or None when it had to be killed."""
        try:
            return self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def stop(self):
        """SIGTERM, then exit_status()."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
        return self.exit_status()

    def stop_ok(self, name):
        """Stops the daemon; one TAP result: it exited 0."""
        code = self.stop()
        return ok(code == 0, name, "exit status %s; the log ends:\n%s"
                  % (code, self.log()[-DETAIL_MAX // 2:]))

    def kill(self):
        """Kills the daemon without a word, for a test that cannot go
        on."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
