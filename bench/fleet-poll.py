#!/usr/bin/python3
"""fleet-poll.py URL POLLERS ROUNDS PID... - a fleet of mirrors polling one
URL on loopback, and what it costs the server.

POLLERS simulated hosts each poll URL ROUNDS times, every poll on a new
connection (a poller that comes back every few minutes has no connection
to reuse), at most CONCURRENCY (env, default 64) at once.  Without
conditions (ROUNDS is 0: one full GET each, which also teaches each poller
the ETag), or with If-None-Match and the ETag each poller learnt.  The
server's CPU time is read from /proc/PID/stat (utime + stime of every PID
given, summed) before and after.  ENCODING (env) is sent as
Accept-Encoding.  Prints one line of JSON: polls, statuses,
bytes received per poll (status line, headers and body), server CPU
microseconds per poll, wall seconds.
"""
import asyncio
import json
import os
import sys
import time
import urllib.parse

TICK = os.sysconf("SC_CLK_TCK")
# Accept-Encoding to send (ENCODING=gzip, as a sunset mirror does), or
# none.
ENCODING = os.environ.get("ENCODING", "")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


async def poll(host, port, path, etag):
    """One GET on a new connection: (status, bytes received, ETag)."""
    reader, writer = await asyncio.open_connection(host, port)
    head = "GET %s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n" % (
        path, host, port)
    if etag:
        head += "If-None-Match: %s\r\n" % etag
    if ENCODING:
        head += "Accept-Encoding: %s\r\n" % ENCODING
    writer.write((head + "\r\n").encode())
    got = await reader.readuntil(b"\r\n\r\n")
    lines = got.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    n = len(got)
    left = int(headers.get("content-length", "0"))
    if status == 304:
        left = 0  # no body, whatever the length says
    while left > 0:
        chunk = await reader.read(min(left, 1 << 20))
        if not chunk:
            break
        n += len(chunk)
        left -= len(chunk)
    writer.close()
    try:
        await writer.wait_closed()
    except OSError:
        pass
    return status, n, headers.get("etag")


async def fleet(url, pollers, rounds, pids, etags_file):
    u = urllib.parse.urlsplit(url)
    host, port, path = u.hostname, u.port, u.path
    limit = asyncio.Semaphore(int(os.environ.get("CONCURRENCY", "64")))
    etags = [None] * pollers
    if rounds > 0:
        with open(etags_file) as f:
            etags = json.load(f)
    statuses, total = {}, 0

    async def one(i):
        nonlocal total
        async with limit:
            status, n, etag = await poll(host, port, path, etags[i])
        statuses[status] = statuses.get(status, 0) + 1
        total += n
        if rounds == 0:
            etags[i] = etag

    cpu0, t0 = cpu_seconds(pids), time.monotonic()
    await asyncio.gather(*(one(i) for r in range(max(rounds, 1))
                           for i in range(pollers)))
    wall, cpu = time.monotonic() - t0, cpu_seconds(pids) - cpu0
    if rounds == 0:
        with open(etags_file, "w") as f:
            json.dump(etags, f)
    polls = pollers * max(rounds, 1)
    return {"polls": polls, "statuses": statuses,
            "bytes_per_poll": round(total / polls),
            "server_cpu_us_per_poll": round(cpu * 1e6 / polls, 1),
            "server_cpu_s": round(cpu, 2), "wall_s": round(wall, 2)}


def main():
    url, pollers, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    pids = sys.argv[4:]
    etags_file = os.environ.get("ETAGS", "etags.json")
    print(json.dumps(asyncio.run(fleet(url, pollers, rounds, pids,
                                       etags_file))))


if __name__ == "__main__":
    main()
