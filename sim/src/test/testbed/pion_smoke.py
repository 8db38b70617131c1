#!/usr/bin/env python3
"""Smoke check of the testbed's pion peer on real sockets (root, Linux network namespaces).

Two pion peers (alice: caller, impolite; bob: callee, polite) sit in two namespaces routed
through a third (core) that also runs a minimal long-poll signaling server of the testbed
protocol. Addresses are documentation ranges only; the namespaces have no route to the host.

Every phase starts a fresh call (audio both ways is checked) and then:
  never         cut the alice<->bob path with a drop rule: disconnected, then failed; restore:
                no media without a restart; `restart-ice` brings the call back on a new ufrag
  on-failed     cut until the policy restarts at failed, restore: the call comes back
  glare-outage  both peers restart at once (perfect negotiation without rollback), then a cut
                with a signaling outage: on-disconnected(1000ms) restarts, the offer is re-sent
                after the back-off, the call comes back
  relay         relay only through coturn, a restart on a healthy path
  handover      alice on two links loses the selected one's interface; `network-change`
  short-cuts    a 3 s cut changes nothing, an 8 s cut recovers without a restart
  dead-restart  a restart while the path is cut never connects, even once the path is back

Prints each phase's measured timings; exits non-zero when an expectation fails. Namespaces,
rules and processes it started (by PID) are removed on exit, error or Ctrl-C. Run:
    sudo python3 sim/src/test/testbed/pion_smoke.py [PHASE ...]
with PHASE one of never, on-failed, glare-outage, relay, handover, short-cuts, dead-restart
(all by default, about 4 minutes; the relay phase needs Debian's coturn).
"""
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
PEER_SOURCES = os.path.join(HERE, "..", "..", "main", "resources", "org", "icesim", "testbed", "pion")
DEBIAN_GOPATH = "/usr/share/gocode"
TAG = "pst%d" % (os.getpid() % 100000)
NS_A, NS_B, NS_CORE = TAG + "a", TAG + "b", TAG + "c"
ADDR_A, GW_A = "192.0.2.2", "192.0.2.1"          # alice's first link, 192.0.2.0/25
CELL_A, CELL_GW = "192.0.2.130", "192.0.2.129"   # alice's second link (handover phase), 192.0.2.128/25
ADDR_B, GW_B = "198.51.100.2", "198.51.100.1"
SIGNALING = "203.0.113.10"
TURN = "203.0.113.20"
PORT = 8080
SERVER_HOLD_S = 10.0


# ---------------------------------------------------------------- signaling server (core ns)
class Rooms:
    """Messages per room, numbered per recipient; a repeated (room, from, id) is ignored."""

    def __init__(self):
        self.cond = threading.Condition()
        self.messages = {}  # (room, recipient-exclusion) -> list of (from, body)
        self.seen = set()

    def send(self, room, sender, msg_id, body):
        with self.cond:
            if (room, sender, msg_id) not in self.seen:
                self.seen.add((room, sender, msg_id))
                self.messages.setdefault(room, []).append((sender, body))
                self.cond.notify_all()

    def recv(self, room, peer, after):
        deadline = time.monotonic() + SERVER_HOLD_S
        with self.cond:
            while True:
                mine = [(s, b) for (s, b) in self.messages.get(room, []) if s != peer]
                if len(mine) > after or time.monotonic() >= deadline:
                    return [{"seq": i + 1, "from": s, "body": b} for i, (s, b) in enumerate(mine) if i + 1 > after]
                self.cond.wait(max(0.0, deadline - time.monotonic()))


def serve(address, port):
    rooms = Rooms()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in one segment: a separate small body write waits for the
        # client's delayed ACK (Nagle), which adds about 40 ms to every delivery.
        wbufsize = 1 << 16
        disable_nagle_algorithm = True

        def reply(self, obj):
            data = json.dumps(obj).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the peer went away (closed or killed)

        def do_POST(self):
            url = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"null")
            if url.path != "/send":
                return self.send_error(404)
            rooms.send(q["room"], q["from"], q["id"], body)
            self.reply({"ok": True})

        def do_GET(self):
            url = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path != "/recv":
                return self.send_error(404)
            self.reply({"messages": rooms.recv(q["room"], q["peer"], int(q.get("after", "0")))})

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server((address, port), Handler)
    print("listening", flush=True)
    server.serve_forever()


# ---------------------------------------------------------------- network
def sh(*args, check=True):
    done = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and done.returncode != 0:
        raise Failure("%s: %s" % (" ".join(args), done.stderr.strip()))
    return done


def in_ns(ns, *args, check=True):
    return sh("ip", "netns", "exec", ns, *args, check=check)


def build_network():
    for ns in (NS_A, NS_B, NS_CORE):
        sh("ip", "netns", "add", ns)
        in_ns(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1")
        in_ns(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1")
        in_ns(ns, "ip", "link", "set", "lo", "up")
    add_link(NS_A, ADDR_A + "/25", GW_A, TAG + "ia", TAG + "oa", 100)
    add_link(NS_B, ADDR_B + "/24", GW_B, TAG + "ib", TAG + "ob", 100)
    # The server's address sits on the core's loopback (no dummy interfaces in this kernel).
    in_ns(NS_CORE, "ip", "addr", "add", SIGNALING + "/32", "dev", "lo")
    in_ns(NS_CORE, "ip", "addr", "add", TURN + "/32", "dev", "lo")
    in_ns(NS_CORE, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")


def add_link(ns, addr, gw, inner, outer, metric):
    """A veth from ns to the core; the core routes between all links."""
    sh("ip", "link", "add", inner, "netns", ns, "type", "veth", "peer", "name", outer, "netns", NS_CORE)
    in_ns(ns, "ip", "addr", "add", addr, "dev", inner)
    in_ns(ns, "ip", "link", "set", inner, "up")
    in_ns(ns, "ip", "route", "add", "default", "via", gw, "metric", str(metric))
    prefix = addr.split("/")[1]
    in_ns(NS_CORE, "ip", "addr", "add", gw + "/" + prefix, "dev", outer)
    in_ns(NS_CORE, "ip", "link", "set", outer, "up")


CUT_RULE = ["FORWARD", "-p", "udp", "-j", "DROP"]


def cut_path():
    """Drops every forwarded UDP packet in the core: media and ICE stop, signaling (TCP to the
    core itself) goes on."""
    in_ns(NS_CORE, "iptables", "-I", *CUT_RULE)


def restore_path():
    in_ns(NS_CORE, "iptables", "-D", *CUT_RULE)


def remove_network():
    for ns in (NS_A, NS_B, NS_CORE):
        sh("ip", "netns", "del", ns, check=False)


# ---------------------------------------------------------------- peers
def build_peer(workdir):
    gopath = os.path.join(workdir, "gopath")
    os.makedirs(os.path.join(gopath, "src"))
    os.symlink(os.path.abspath(PEER_SOURCES), os.path.join(gopath, "src", "icesim-pion-peer"))
    binary = os.path.join(workdir, "icesim-pion-peer")
    env = dict(os.environ, GO111MODULE="off", GOPATH=gopath + ":" + DEBIAN_GOPATH, GOPROXY="off",
               GOFLAGS="")
    if subprocess.run(["go", "build", "-o", binary, "icesim-pion-peer"], env=env, cwd=workdir).returncode != 0:
        raise Failure("the pion peer does not build (go build output above)")
    return binary


class Peer:
    def __init__(self, binary, ns, name, config, workdir):
        self.name = name
        self.events = []  # (epoch_us, kind, detail)
        self.lock = threading.Lock()
        path = os.path.join(workdir, name + ".json")
        with open(path, "w") as f:
            json.dump(config, f)
        self.log = open(os.path.join(workdir, name + ".events"), "a")
        self.proc = subprocess.Popen(["ip", "netns", "exec", ns, binary, "--config", path],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.log.write(line)
            self.log.flush()
            parts = line.rstrip("\n").split(" ", 3)
            if len(parts) >= 3 and parts[0] == "EV":
                with self.lock:
                    self.events.append((int(parts[1]), parts[2], parts[3] if len(parts) > 3 else ""))

    def command(self, text):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def wait_for(self, kind, detail_prefix="", after_us=0, timeout_s=10.0):
        """The first event of kind whose detail starts with detail_prefix at or after after_us."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self.lock:
                for t, k, d in self.events:
                    if t >= after_us and k == kind and d.startswith(detail_prefix):
                        return t
                for t, k, d in self.events:
                    if k == "error":
                        raise Failure("%s reported an error: %s" % (self.name, d))
            time.sleep(0.02)
        raise Failure("%s: no %s %s within %.0f s" % (self.name, kind, detail_prefix, timeout_s))

    def packets(self):
        with self.lock:
            rx = [d for _, k, d in self.events if k == "media-rx"]
        return int(rx[-1].split("=")[1]) if rx else 0

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.command("close")
                self.proc.wait(timeout=3)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            # `ip netns exec` execs the peer, so this PID is the peer itself.
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Failure(Exception):
    pass


def now_us():
    return time.time_ns() // 1000


def ms(a_us, b_us):
    return (b_us - a_us) / 1000.0


ROOMS = itertools.count(1)  # every call gets a room of its own: the server keeps old messages


def config(room, name, remote, caller, polite, policy, request_timeout_ms=10000, relay=False):
    return {"peer": name, "remote": remote, "room": room, "caller": caller,
            "polite": polite, "signalingUrl": "http://%s:%d" % (SIGNALING, PORT),
            "signalingRetry": {"initialMs": 1000, "maxMs": 30000, "factor": 2.0, "requestTimeoutMs": request_timeout_ms},
            "iceServers": [{"urls": ["turn:%s:3478?transport=udp" % TURN], "username": "u", "credential": "p"}]
            if relay else [],
            "iceTransportPolicy": "relay" if relay else "all", "policy": policy, "callAtMs": 500,
            "statsIntervalMs": 20}


def media_flows(alice, bob, seconds=1.0):
    a0, b0 = alice.packets(), bob.packets()
    time.sleep(seconds)
    return alice.packets() - a0, bob.packets() - b0


def connect(binary, workdir, policy, peers, request_timeout_ms=10000, relay=False):
    room = "smoke-%d" % next(ROOMS)
    alice = Peer(binary, NS_A, "alice", config(room, "alice", "bob", True, False, policy, request_timeout_ms, relay),
                 workdir)
    peers.append(alice)
    bob = Peer(binary, NS_B, "bob", config(room, "bob", "alice", False, True, policy, request_timeout_ms, relay), workdir)
    peers.append(bob)
    for p in (alice, bob):
        p.wait_for("ready")
    zero = now_us()
    for p in (alice, bob):
        p.command("start %d" % zero)
    for p in (alice, bob):
        p.wait_for("connection-state", "connected", timeout_s=15)
    offer = alice.wait_for("offer-sent")
    connected = alice.wait_for("ice-connection-state", "connected")
    got = media_flows(alice, bob)
    print("  offer-sent -> alice ICE connected: %.1f ms; media in 1 s: alice %d, bob %d packets"
          % (ms(offer, connected), got[0], got[1]))
    if min(got) < 30:
        raise Failure("audio does not flow both ways: %s" % (got,))
    return alice, bob


def phase_never(binary, workdir, peers):
    print("phase 1: policy never, cut, restore, restart-ice command")
    alice, bob = connect(binary, workdir, {"kind": "never"}, peers)
    cut = now_us()
    cut_path()
    last_rx = max(t for t, k, _ in alice.events if k == "media-rx")
    disc = alice.wait_for("ice-connection-state", "disconnected", cut, timeout_s=15)
    failed = alice.wait_for("ice-connection-state", "failed", cut, timeout_s=40)
    print("  cut -> disconnected %.0f ms, -> failed %.0f ms (alice); last packet %.0f ms after the cut command began"
          % (ms(cut, disc), ms(cut, failed), ms(cut, last_rx)))
    restore_path()
    time.sleep(5)
    got = media_flows(alice, bob)
    print("  path restored, 5 s later without restart: media in 1 s alice %d, bob %d; ICE state alice %s"
          % (got[0], got[1], last_detail(alice, "ice-connection-state")))
    asked = now_us()
    alice.command("restart-ice")
    alice.wait_for("restart-ice", "reason=command", asked)
    back = alice.wait_for("ice-connection-state", "connected", asked, timeout_s=15)
    pair = alice.wait_for("selected-pair", "", asked, timeout_s=5)
    rx = alice.wait_for("media-rx", "", asked, timeout_s=5)
    got = media_flows(alice, bob)
    print("  restart-ice -> connected %.0f ms, -> selected pair %.0f ms, -> first packet %.0f ms; media in 1 s: %s"
          % (ms(asked, back), ms(asked, pair), ms(asked, rx), got))
    if min(got) < 30:
        raise Failure("audio does not flow after the restart: %s" % (got,))


def phase_on_failed(binary, workdir, peers):
    print("phase 2: policy on-failed (ice), cut until failed, restore")
    alice, bob = connect(binary, workdir, {"kind": "on-failed", "watch": "ice"}, peers)
    cut = now_us()
    cut_path()
    # Whichever peer fails first restarts; its restart offer takes the other out of failed.
    restart, failed = first_of(lambda p: p.wait_for("restart-ice", "reason=on-failed", cut, timeout_s=0.05),
                               (alice, bob), timeout_s=40)
    print("  cut -> %s failed %.0f ms, -> its policy restart %.0f ms"
          % (failed.name, ms(cut, failed.wait_for("ice-connection-state", "failed", cut)), ms(cut, restart)))
    time.sleep(1)
    restored = now_us()
    restore_path()
    back = alice.wait_for("ice-connection-state", "connected", restored, timeout_s=40)
    rx = alice.wait_for("media-rx", "", restored, timeout_s=5)
    got = media_flows(alice, bob)
    print("  restore -> alice connected %.0f ms, -> first packet at alice %.0f ms; media in 1 s: %s"
          % (ms(restored, back), ms(restored, rx), got))
    if min(got) < 30:
        raise Failure("audio does not flow after the policy restart: %s" % (got,))


def phase_glare_and_outage(binary, workdir, peers):
    print("phase 3: policy on-disconnected(1000ms), restart glare, then a cut with a signaling outage")
    alice, bob = connect(binary, workdir, {"kind": "on-disconnected", "afterMs": 1000, "watch": "ice"}, peers,
                         request_timeout_ms=3000)
    before = {p.name: ufrag_of(last_detail(p, "selected-pair")) for p in (alice, bob)}
    asked = now_us()
    for p in (alice, bob):
        p.command("restart-ice")
    for p in (alice, bob):
        p.wait_for("restart-ice", "reason=command", asked)
    alice.wait_for("log", "glare: ignoring", asked)
    bob.wait_for("log", "glare: left the local offer", asked)
    time.sleep(2)
    after = {p.name: ufrag_of(last_detail(p, "selected-pair")) for p in (alice, bob)}
    got = media_flows(alice, bob)
    print("  both restart at once: alice ignored bob's offer, bob took it; selected-pair ufrags %s -> %s;"
          " media in 1 s: %s"
          % (before, after, got))
    if any(before[n] == after[n] for n in before) or min(got) < 30:
        raise Failure("the glare restart did not end on new pairs with media")
    cut = now_us()
    cut_path_and_signaling(True)
    disc = alice.wait_for("ice-connection-state", "disconnected", cut, timeout_s=15)
    restart = alice.wait_for("restart-ice", "reason=on-disconnected(1000ms)", cut, timeout_s=5)
    down = alice.wait_for("signaling-connection", "down", cut, timeout_s=10)
    print("  cut + signaling outage -> disconnected %.0f ms, -> policy restart %.0f ms (%.0f ms after disconnected),"
          " -> signaling down %.0f ms" % (ms(cut, disc), ms(cut, restart), ms(disc, restart), ms(cut, down)))
    time.sleep(1)
    restored = now_us()
    cut_path_and_signaling(False)
    up = alice.wait_for("signaling-connection", "up", restored, timeout_s=15)
    back = alice.wait_for("ice-connection-state", "connected", restored, timeout_s=20)
    rx = alice.wait_for("media-rx", "", restored, timeout_s=5)
    got = media_flows(alice, bob)
    print("  restore -> signaling up %.0f ms, -> alice connected %.0f ms, -> first packet at alice %.0f ms;"
          " media in 1 s: %s" % (ms(restored, up), ms(restored, back), ms(restored, rx), got))
    if min(got) < 30:
        raise Failure("audio does not flow after the outage: %s" % (got,))


def phase_relay(binary, workdir, peers):
    print("phase 4: relay only through coturn, restart-ice on a healthy path")
    turn = subprocess.Popen(["ip", "netns", "exec", NS_CORE, "turnserver", "-n", "--listening-ip=" + TURN,
                             "--relay-ip=" + TURN, "--listening-port=3478", "--lt-cred-mech", "--user=u:p",
                             "--realm=icesim", "--no-tls", "--no-dtls", "--no-cli", "--fingerprint",
                             "--allow-loopback-peers", "--log-file=stdout"],
                            stdout=open(os.path.join(workdir, "coturn.log"), "w"), stderr=subprocess.STDOUT)
    peers.append(Process(turn))
    time.sleep(0.5)
    alice, bob = connect(binary, workdir, {"kind": "never"}, peers, relay=True)
    pair = last_detail(alice, "selected-pair")
    if not pair.startswith("relay/"):
        raise Failure("relay-only call selected %s" % pair)
    asked = now_us()
    alice.command("restart-ice")
    back = alice.wait_for("ice-connection-state", "connected", asked, timeout_s=15)
    got = media_flows(alice, bob)
    print("  selected %s; restart-ice -> connected %.0f ms; longest media gap at alice %.0f ms; media in 1 s: %s"
          % (last_detail(alice, "selected-pair").split(" ")[0], ms(asked, back), longest_gap_ms(alice, asked), got))
    if min(got) < 30:
        raise Failure("audio does not flow after the relay restart: %s" % (got,))


def phase_handover(binary, workdir, peers):
    print("phase 5: policy on-network-change, alice on two links, the selected link's interface removed")
    add_link(NS_A, CELL_A + "/25", CELL_GW, TAG + "ic", TAG + "oc", 200)
    alice, bob = connect(binary, workdir, {"kind": "on-network-change"}, peers)
    local = last_detail(alice, "selected-pair").split(" local=")[1].split(":")[0]
    iface = TAG + ("ia" if local == ADDR_A else "ic")
    removed = now_us()
    in_ns(NS_A, "ip", "link", "del", iface)
    disc = alice.wait_for("ice-connection-state", "disconnected", removed, timeout_s=15)
    bob_disc = bob.wait_for("ice-connection-state", "disconnected", removed, timeout_s=5)
    print("  %s (%s) removed -> alice disconnected %.0f ms, bob disconnected %.0f ms (no restart yet)"
          % (iface, local, ms(removed, disc), ms(removed, bob_disc)))
    told = now_us()
    alice.command("network-change")
    alice.wait_for("restart-ice", "reason=on-network-change", told)
    back = alice.wait_for("ice-connection-state", "connected", told, timeout_s=15)
    rx = alice.wait_for("media-rx", "", told, timeout_s=5)
    got = media_flows(alice, bob)
    print("  network-change -> alice connected %.0f ms on %s, -> first packet %.0f ms; media in 1 s: %s"
          % (ms(told, back), last_detail(alice, "selected-pair"), ms(told, rx), got))
    if min(got) < 30:
        raise Failure("audio does not flow after the handover: %s" % (got,))


def phase_short_cuts(binary, workdir, peers):
    print("phase 6: policy never, a 3 s cut and an 8 s cut, each restored")
    alice, bob = connect(binary, workdir, {"kind": "never"}, peers)
    cut = now_us()
    cut_path()
    time.sleep(3)
    restore_path()
    time.sleep(1)
    changes = [d for t, k, d in list(alice.events) if k == "ice-connection-state" and t >= cut]
    print("  3 s cut: ICE state changes at alice %s; longest media gap %.0f ms"
          % (changes or "none", longest_gap_ms(alice, cut)))
    if changes:
        raise Failure("a 3 s cut changed the ICE state: %s" % changes)
    cut = now_us()
    cut_path()
    disc = alice.wait_for("ice-connection-state", "disconnected", cut, timeout_s=10)
    time.sleep(max(0.0, 8 - ms(cut, now_us()) / 1000))
    restored = now_us()
    restore_path()
    rx = alice.wait_for("media-rx", "", restored, timeout_s=5)
    back = alice.wait_for("ice-connection-state", "connected", restored, timeout_s=5)
    print("  8 s cut: disconnected %.0f ms after the cut; restore -> first packet %.0f ms, -> connected %.0f ms"
          " (no restart)" % (ms(cut, disc), ms(restored, rx), ms(restored, back)))


def phase_dead_restart(binary, workdir, peers):
    print("phase 7: policy never, restart-ice while the path is cut, restored 5 s later")
    alice, bob = connect(binary, workdir, {"kind": "never"}, peers)
    cut_path()
    asked = now_us()
    alice.command("restart-ice")
    alice.wait_for("restart-ice", "reason=command", asked)
    time.sleep(5)
    restored = now_us()
    restore_path()
    failed = alice.wait_for("ice-connection-state", "failed", asked, timeout_s=40)
    connected = [t for t, k, d in list(alice.events) if k == "ice-connection-state" and d == "connected" and t > asked]
    print("  restart -> failed %.0f ms; connected before it: %s; media packets after the restore: %d"
          % (ms(asked, failed), "yes" if connected else "no",
             len([t for t, k, _ in list(alice.events) if k == "media-rx" and t > restored])))
    if connected:
        raise Failure("the restarted generation connected after its pairs had failed")


class Process:
    """A helper process (coturn) stopped with the peers."""

    def __init__(self, proc):
        self.proc = proc

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


SIGNALING_RULE = ["INPUT", "-p", "tcp", "--dport", str(PORT), "-j", "DROP"]


def cut_path_and_signaling(cut):
    """Drops (or lets through again) the media path and the signaling server's port."""
    (cut_path if cut else restore_path)()
    in_ns(NS_CORE, "iptables", "-I" if cut else "-D", *SIGNALING_RULE)


def longest_gap_ms(peer, since_us):
    """The longest time between two received audio packets around and after since_us."""
    with peer.lock:
        arrivals = [t for t, k, _ in peer.events if k == "media-rx" and t >= since_us - 100000]
    return max((ms(a, b) for a, b in zip(arrivals, arrivals[1:])), default=-1.0)


def ufrag_of(selected_pair_detail):
    return selected_pair_detail.split("ufrag=")[1].split(" ")[0] if "ufrag=" in selected_pair_detail else "none"


def last_detail(peer, kind):
    with peer.lock:
        details = [d for _, k, d in peer.events if k == kind]
    return details[-1] if details else "none"


def first_of(probe, peers, timeout_s):
    """The first (result, peer) of probe(peer) that does not raise Failure, polling every peer."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for p in peers:
            try:
                return probe(p), p
            except Failure:
                pass
    raise Failure("nothing within %.0f s" % timeout_s)


PHASES = {"never": phase_never, "on-failed": phase_on_failed, "glare-outage": phase_glare_and_outage,
          "relay": phase_relay, "handover": phase_handover, "short-cuts": phase_short_cuts,
          "dead-restart": phase_dead_restart}


def main(names):
    if os.geteuid() != 0:
        sys.exit("pion_smoke.py needs root (network namespaces, iptables)")
    for tool in ("ip", "iptables", "go", "turnserver"):
        if shutil.which(tool) is None:
            sys.exit("pion_smoke.py needs %s on PATH" % tool)
    if not os.path.isdir(os.path.join(DEBIAN_GOPATH, "src", "github.com", "pion", "webrtc")):
        sys.exit("pion_smoke.py needs Debian's golang-github-pion-webrtc.v3-dev")
    workdir = tempfile.mkdtemp(prefix="pion-smoke-")
    peers, server = [], None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        binary = build_peer(workdir)
        build_network()
        server = subprocess.Popen(["ip", "netns", "exec", NS_CORE, sys.executable, os.path.abspath(__file__),
                                   "--serve", SIGNALING, str(PORT)], stdout=subprocess.PIPE, text=True)
        if server.stdout.readline().strip() != "listening":
            raise Failure("the signaling server did not start")
        for phase in [PHASES[n] for n in names or PHASES]:
            phase(binary, workdir, peers)
            while peers:
                peers.pop().stop()
        print("pion smoke: OK (event logs in %s)" % workdir)
        return 0
    except Failure as e:
        print("pion smoke: FAILED: %s (event logs in %s)" % (e, workdir))
        return 1
    finally:
        for p in peers:
            p.stop()
        if server is not None:
            server.kill()
            server.wait()
        remove_network()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
    elif all(a in PHASES for a in sys.argv[1:]):
        sys.exit(main(sys.argv[1:]))
    else:
        sys.exit("usage: pion_smoke.py [%s ...]" % " | ".join(PHASES))
