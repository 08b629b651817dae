#!/usr/bin/python3
"""modelapi_server.py - the providers' model-list APIs on loopback, for the
tests: one threaded HTTP server on 127.0.0.1 that answers as each API's
documentation says it answers, from documents the test gives it.

    OpenAI     GET /v1/models, /openai/v1/models    Authorization: Bearer KEY
    Mistral    GET /mistral/v1/models               Authorization: Bearer KEY
    Azure      GET /openai/models?api-version=V     api-key: KEY
    Anthropic  GET /anthropic/v1/models             x-api-key: KEY and
               ?limit=N&after_id=ID&before_id=ID    anthropic-version
    Bedrock    GET /REGION/foundation-models        AWS SigV4, service bedrock

OpenAI, Mistral and Azure answer {"object":"list","data":[...]}; Anthropic
one page {"data":[...],"has_more":...,"first_id":...,"last_id":...} of at
most `limit` models (1 to 1000, default 20; any other limit is a 400, as
the API's); Bedrock {"modelSummaries":[...]}, the region's own list.
Any other path the test put in `static` is served as it is (a markdown
deprecations page, say).

A key that is missing or wrong is a 401 whose body echoes the key sent, as
OpenAI's "Incorrect API key provided: sk-..." does, so that a test can show
the body never reaches a log.  Every Bedrock request's signature is worked
out again with botocore (SigV4Auth over the method, the URL, Host,
X-Amz-Date and the session token received), never with the daemon's own
code; a signature that differs is the 403 AWS sends.

Faults are set per path (fault()): 401, 403, 429 with Retry-After, 500,
for a number of requests or until cleared.  Every request is logged (its
time, path, query, which auth headers came and the status answered);
header values never are.

Used as a module by the tests, or run on its own:

    modelapi_server.py [--port-file FILE] [--key API=KEY]...
        [--aws-credentials FILE] [--doc API=FILE]... [--doc REGION=FILE]...

prints the port it listens on and serves until killed.  Exits 77 when
python3-botocore is not installed.
"""
import argparse
import configparser
import datetime
import email.utils
import http.server
import json
import sys
import threading
import time
import urllib.parse

try:
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
except ImportError:
    botocore = None

MISSING = "python3-botocore is not installed (build-aux/setup-debian deps)"
ANTHROPIC_VERSION = "2023-06-01"
ANTHROPIC_DEFAULT_LIMIT = 20
ANTHROPIC_MAX_LIMIT = 1000
# How far a signed request's X-Amz-Date may be from now, as AWS allows.
CLOCK_SKEW = 300
SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you "
    "provided. Check your AWS Secret Access Key and signing method. Consult "
    "the service documentation for details.")
# The auth headers a request is logged with, by name only.
AUTH_HEADERS = ("authorization", "api-key", "x-api-key", "anthropic-version",
                "x-amz-date", "x-amz-security-token")


def read_aws_credentials(path):
    """The [default] profile of an ~/.aws/credentials file: (access key
    id, secret access key, session token or None)."""
    cp = configparser.ConfigParser()
    cp.read(path)
    p = cp["default"]
    return (p["aws_access_key_id"], p["aws_secret_access_key"],
            p.get("aws_session_token"))


class ModelAPIServer(http.server.ThreadingHTTPServer):
    """The five APIs on 127.0.0.1, port 0 (self.port once bound).

    keys: {"openai": KEY, "mistral": KEY, "azure": KEY, "anthropic": KEY};
    aws: (access key id, secret, token or None).  The documents are set
    with set_models() and may change between requests.
    """
    daemon_threads = True

    def __init__(self, keys=None, aws=None, verbose=False):
        super().__init__(("127.0.0.1", 0), Handler)
        self.port = self.server_address[1]
        self.lock = threading.Lock()
        self.keys = dict(keys or {})
        self.aws = aws
        self.verbose = verbose
        self.models = {}  # api or Bedrock region -> list of model objects
        self.static = {}  # path -> (content type, bytes)
        self.faults = {}  # path -> [status, retry_after, times or None]
        self.requests = []  # one dict a request, in order
        self.verified = 0  # Bedrock signatures botocore agreed with

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def set_models(self, api, models):
        """api is openai, mistral, azure, anthropic or a Bedrock region."""
        with self.lock:
            self.models[api] = list(models)

    def set_static(self, path, body, content_type="text/markdown"):
        with self.lock:
            self.static[path] = (content_type, body.encode()
                                 if isinstance(body, str) else body)

    def fault(self, path, status, retry_after=None, times=None):
        """Answers requests for path (no query) with status, times times
        or until clear_fault(); retry_after goes out as Retry-After."""
        with self.lock:
            self.faults[path] = [status, retry_after, times]

    def clear_fault(self, path):
        with self.lock:
            self.faults.pop(path, None)

    def log(self, path=None):
        """The requests seen so far, for path only when given."""
        with self.lock:
            return [r for r in self.requests
                    if path is None or r["path"] == path]

    def take_fault(self, path):
        with self.lock:
            f = self.faults.get(path)
            if f is None:
                return None
            if f[2] is not None:
                f[2] -= 1
                if f[2] <= 0:
                    del self.faults[path]
            return f[0], f[1]

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)
        if self.verbose:
            print("%.3f %s %s?%s auth=%s -> %d" % (
                entry["time"], entry["method"], entry["path"],
                entry["query"], ",".join(entry["auth"]) or "-",
                entry["status"]))
            sys.stdout.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        self.entry = {
            "time": time.time(), "method": "GET", "path": u.path,
            "query": u.query,
            "params": dict(urllib.parse.parse_qsl(u.query,
                                                  keep_blank_values=True)),
            "auth": [h for h in AUTH_HEADERS if h in self.headers],
            "status": 0}
        try:
            self.route(u.path, self.entry["params"])
        finally:
            self.server.record(self.entry)

    def route(self, path, params):
        srv = self.server
        parts = path.strip("/").split("/")
        if path in ("/v1/models", "/openai/v1/models"):
            self.bearer("openai", params)
        elif path == "/mistral/v1/models":
            self.bearer("mistral", params)
        elif path == "/openai/models":
            self.azure(params)
        elif path == "/anthropic/v1/models":
            self.anthropic(params)
        elif len(parts) == 2 and parts[1] == "foundation-models":
            self.bedrock(parts[0])
        else:
            with srv.lock:
                page = srv.static.get(path)
            if page is None:
                self.answer(404, {"error": {"message": "not found"}})
            else:
                self.answer(200, page[1], page[0])

    def answer(self, status, body, content_type="application/json",
               headers=()):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.entry["status"] = status
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def faulted(self, sent):
        """Answers a fault set for this path, if any; a 401 or 403 echoes
        sent, the key this request carried."""
        f = self.server.take_fault(self.entry["path"])
        if f is None:
            return False
        status, retry_after = f
        headers = []
        if status == 429 and retry_after is not None:
            headers.append(("Retry-After", str(retry_after)))
        if status in (401, 403):
            body = {"error": {"message": "Incorrect API key provided: %s. "
                              "You can find your API key at "
                              "https://example.invalid/keys." % sent,
                              "type": "invalid_request_error",
                              "code": "invalid_api_key"}}
        elif status == 429:
            body = {"error": {"message": "Rate limit reached",
                              "type": "requests", "code": "rate_limit"}}
        else:
            body = {"error": {"message": "The server had an error",
                              "type": "server_error"}}
        self.answer(status, body, headers=headers)
        return True

    def refused_key(self, sent):
        self.answer(401, {"error": {
            "message": "Incorrect API key provided: %s. You can find your "
                       "API key at https://example.invalid/keys." % sent,
            "type": "invalid_request_error", "param": None,
            "code": "invalid_api_key"}})

    def models(self, api):
        with self.server.lock:
            return list(self.server.models.get(api, []))

    def bearer(self, api, params):
        """OpenAI's and Mistral's list, behind Authorization: Bearer."""
        auth = self.headers.get("Authorization", "")
        sent = auth[len("Bearer "):] if auth.startswith("Bearer ") else auth
        if self.faulted(sent):
            return
        if sent != self.server.keys.get(api):
            self.refused_key(sent)
            return
        self.answer(200, {"object": "list", "data": self.models(api)})

    def azure(self, params):
        sent = self.headers.get("api-key", "")
        if self.faulted(sent):
            return
        if sent != self.server.keys.get("azure"):
            self.answer(401, {"error": {
                "code": "401",
                "message": "Access denied due to invalid subscription key "
                           "%s or wrong API endpoint." % sent}})
            return
        if not params.get("api-version"):
            self.answer(404, {"error": {
                "code": "404", "message": "Resource not found"}})
            return
        self.answer(200, {"object": "list", "data": self.models("azure")})

    def anthropic_error(self, status, kind, message):
        self.answer(status, {"type": "error",
                             "error": {"type": kind, "message": message}})

    def anthropic(self, params):
        sent = self.headers.get("x-api-key", "")
        if self.faulted(sent):
            return
        if sent != self.server.keys.get("anthropic"):
            self.anthropic_error(401, "authentication_error",
                                 "invalid x-api-key: %s" % sent)
            return
        version = self.headers.get("anthropic-version")
        if version is None:
            self.anthropic_error(400, "invalid_request_error",
                                 "anthropic-version: header is required")
            return
        if version != ANTHROPIC_VERSION:
            self.anthropic_error(400, "invalid_request_error",
                                 "anthropic-version: invalid version")
            return
        try:
            limit = int(params.get("limit", ANTHROPIC_DEFAULT_LIMIT))
        except ValueError:
            limit = 0
        if not 1 <= limit <= ANTHROPIC_MAX_LIMIT:
            self.anthropic_error(400, "invalid_request_error",
                                 "limit: Input should be between 1 and %d"
                                 % ANTHROPIC_MAX_LIMIT)
            return
        models = self.models("anthropic")
        ids = [m["id"] for m in models]
        after, before = params.get("after_id"), params.get("before_id")
        for cursor in (after, before):
            if cursor is not None and cursor not in ids:
                self.anthropic_error(400, "invalid_request_error",
                                     "no model with id %s" % cursor)
                return
        if after is not None:
            rest = models[ids.index(after) + 1:]
            page, more = rest[:limit], len(rest) > limit
        elif before is not None:
            rest = models[:ids.index(before)]
            page, more = rest[-limit:], len(rest) > limit
        else:
            page, more = models[:limit], len(models) > limit
        self.answer(200, {
            "data": page, "has_more": more,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None})

    def bedrock(self, region):
        """ListFoundationModels, once the signature is right."""
        auth = self.headers.get("Authorization", "")
        if self.faulted(auth):
            return
        why = self.bad_signature(region, auth)
        if why is not None:
            self.entry["refused"] = why
            self.answer(403, {"message": why},
                        headers=[("x-amzn-ErrorType",
                                  "UnrecognizedClientException"
                                  if why != SIGNATURE_MISMATCH else
                                  "InvalidSignatureException")])
            return
        with self.server.lock:
            self.server.verified += 1
        self.entry["verified"] = True
        self.answer(200, {"modelSummaries": self.models(region)})

    def bad_signature(self, region, auth):
        """Why AWS would refuse this request's signature, or None: the
        signature is worked out again by botocore from what came."""
        srv = self.server
        if not auth.startswith("AWS4-HMAC-SHA256 "):
            return "Missing Authentication Token"
        fields = {}
        for part in auth[len("AWS4-HMAC-SHA256 "):].split(","):
            name, _, value = part.strip().partition("=")
            fields[name] = value
        if srv.aws is None:
            return "The security token included in the request is invalid."
        amz_date = self.headers.get("X-Amz-Date", "")
        token = self.headers.get("X-Amz-Security-Token")
        access, secret, want_token = srv.aws
        scope = fields.get("Credential", "").split("/")
        if len(scope) != 5 or scope[0] != access:
            return "The security token included in the request is invalid."
        if token != want_token:
            return "The security token included in the request is invalid."
        try:
            when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
        except ValueError:
            return SIGNATURE_MISMATCH
        now = datetime.datetime.utcnow()
        if abs((now - when).total_seconds()) > CLOCK_SKEW:
            return ("Signature expired: %s is now earlier than %s"
                    % (amz_date, now.strftime("%Y%m%dT%H%M%SZ")))
        signed = "host;x-amz-date" + (";x-amz-security-token"
                                      if token is not None else "")
        if scope[1:] != [amz_date[:8], region, "bedrock", "aws4_request"] \
                or fields.get("SignedHeaders") != signed:
            return SIGNATURE_MISMATCH
        headers = {"Host": self.headers.get("Host", ""),
                   "X-Amz-Date": amz_date}
        if token is not None:
            headers["X-Amz-Security-Token"] = token
        req = botocore.awsrequest.AWSRequest(
            method=self.command,
            url="http://%s%s" % (headers["Host"], self.path),
            headers=headers, data=b"")
        req.context["timestamp"] = amz_date
        signer = botocore.auth.SigV4Auth(
            botocore.credentials.Credentials(access, secret, want_token),
            "bedrock", region)
        want = signer.signature(
            signer.string_to_sign(req, signer.canonical_request(req)), req)
        if fields.get("Signature") != want:
            return SIGNATURE_MISMATCH
        return None


def http_date(seconds_from_now):
    """An HTTP-date, for a Retry-After given as a date."""
    return email.utils.formatdate(time.time() + seconds_from_now,
                                  usegmt=True)


def main():
    if botocore is None:
        print("modelapi_server.py: " + MISSING, file=sys.stderr)
        sys.exit(77)
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file")
    ap.add_argument("--key", action="append", default=[],
                    help="API=KEY, API openai, mistral, azure or anthropic")
    ap.add_argument("--aws-credentials")
    ap.add_argument("--doc", action="append", default=[],
                    help="API=FILE or REGION=FILE: a JSON list of models")
    args = ap.parse_args()
    keys = dict(k.split("=", 1) for k in args.key)
    aws = (read_aws_credentials(args.aws_credentials)
           if args.aws_credentials else None)
    srv = ModelAPIServer(keys, aws, verbose=True)
    for d in args.doc:
        api, path = d.split("=", 1)
        with open(path) as f:
            srv.set_models(api, json.load(f))
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write("%d\n" % srv.port)
    print("port %d" % srv.port)
    sys.stdout.flush()
    srv.serve_forever()


if __name__ == "__main__":
    main()
