#!/usr/bin/env python3
"""Hostile-client benchmark for a running Switchboard (used by scripts/bench-security.sh).

For each scenario it resets the server's peak RSS (/proc/PID/clear_refs), runs the attack while a
prober asks GET /healthz every 50 ms on fresh connections, and prints the peak RSS, the slowest and
the 99th-percentile /healthz latency, and what the attack itself saw.
"""
import argparse
import socket
import threading
import time


def rss_peak_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


class Prober(threading.Thread):
    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.latencies = []
        self.failures = 0
        self.running = True

    def run(self):
        request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
        while self.running:
            started = time.perf_counter()
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as probe:
                    probe.sendall(request)
                    answer = b""
                    while b"\r\n\r\n" not in answer:
                        piece = probe.recv(4096)
                        if not piece:
                            break
                        answer += piece
                if answer.startswith(b"HTTP/1.1 200"):
                    self.latencies.append((time.perf_counter() - started) * 1000)
                else:
                    self.failures += 1
            except OSError:
                self.failures += 1
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.join()


def count_answers(sock, expected, timeout):
    sock.settimeout(timeout)
    data = b""
    deadline = time.time() + timeout
    while data.count(b"HTTP/1.1 ") < expected and time.time() < deadline:
        try:
            piece = sock.recv(1 << 20)
        except socket.timeout:
            break
        if not piece:
            break
        data += piece
    return data.count(b"HTTP/1.1 200"), data.count(b"HTTP/1.1 ")


def pipelined(port, count):
    batch = b"".join(b"GET /healthz?n=%d HTTP/1.1\r\nHost: bench\r\n\r\n" % i for i in range(count))
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(batch)
        ok, total = count_answers(sock, count, 30)
    return f"{count} pipelined in one write of {len(batch)} bytes: {ok} answered 200 of {total} answers"


def slow_connections(port, count, seconds):
    sockets = []
    refused = 0
    for i in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /api/webhooks/twilio/sms HTTP/1.1\r\nHost: bench\r\nX-Slow-%d: " % i)
            sockets.append(s)
        except OSError:
            refused += 1
    end = time.time() + seconds
    while time.time() < end:
        for s in sockets:
            try:
                s.send(b"a")  # one byte a second each: never a complete head
            except OSError:
                pass
        time.sleep(1)
    closed = 0
    for s in sockets:
        try:
            s.setblocking(False)
            if s.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    return f"{count} slow clients for {seconds} s: {closed} closed by the server, {refused} not connected"


def chunked_upload(port, megabytes):
    chunk = b"A" * (1 << 20)
    framed = b"100000\r\n" + chunk + b"\r\n"
    sent = 0
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"POST /api/webhooks/test HTTP/1.1\r\nHost: bench\r\nContent-Type: text/plain\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(megabytes):
                sock.sendall(framed)
                sent += 1
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass
        sock.settimeout(5)
        answer = b""
        try:
            answer = sock.recv(4096)
        except OSError:
            pass
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "no answer"
    return f"chunked upload of {megabytes} MB: {sent} MB written before the server stopped it, answer '{status}'"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--slow-seconds", type=int, default=15)
    args = parser.parse_args()

    scenarios = [
        ("1,000 pipelined requests", lambda: pipelined(args.port, 1000)),
        ("1,000 slow connections", lambda: slow_connections(args.port, 1000, args.slow_seconds)),
        ("300 MB chunked upload", lambda: chunked_upload(args.port, 300)),
    ]
    print(f"{'scenario':28} {'peak RSS':>10} {'/healthz max':>13} {'p99':>9} {'probes':>7}  what the attacker saw")
    for name, attack in scenarios:
        reset_peak(args.pid)
        before = rss_peak_mb(args.pid)
        prober = Prober(args.port)
        prober.start()
        time.sleep(0.2)
        outcome = attack()
        time.sleep(0.3)
        prober.stop()
        latencies = sorted(prober.latencies)
        worst = latencies[-1] if latencies else float("nan")
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
        peak = rss_peak_mb(args.pid)
        print(f"{name:28} {peak:8.1f} MB {worst:10.1f} ms {p99:6.1f} ms {len(latencies):5d}/{prober.failures}"
              f"  {outcome} (RSS at start {before:.1f} MB)")


if __name__ == "__main__":
    main()
