#!/usr/bin/env python3
"""Opens N server-sent-event streams on the api's /api/events and holds them open.

Prints 'open <n>' once all have their response headers (HTTP 200), then waits for a line on stdin
(or SIGTERM) and closes them. Plain asyncio sockets: one process holds hundreds of streams cheaply,
where hundreds of curl processes would themselves load the 2-core machine being measured.
"""
import asyncio
import sys


async def open_stream(host: str, port: int, index: int):
    reader, writer = await asyncio.open_connection(host, port)
    # Streams are capped by RateLimits:EventConnections only (not per address), so one client may open them all.
    writer.write(f"GET /api/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"stream {index}: {status!r}")
    return reader, writer


async def drain(reader):
    try:
        while await reader.read(4096):
            pass
    except (ConnectionError, asyncio.CancelledError):
        pass


async def main(host: str, port: int, count: int):
    streams = []
    for start in range(0, count, 50):
        streams += await asyncio.gather(*(open_stream(host, port, i) for i in range(start, min(count, start + 50))))
    readers = [asyncio.create_task(drain(r)) for r, _ in streams]
    print(f"open {len(streams)}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for task in readers:
        task.cancel()
    for _, writer in streams:
        writer.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
