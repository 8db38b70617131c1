// Command icesim-pion-peer is the pion peer of icesim's real-stack testbed: one pion/webrtc
// PeerConnection driven by the testbed protocol (a JSON configuration, commands on stdin,
// "EV <epoch_us> <kind> <detail>" events on stdout, HTTP long-poll signaling in-band).
package main

import (
	"bufio"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// pionPackage is the Debian package whose pion/webrtc sources this program is built from.
const pionPackage = "golang-github-pion-webrtc.v3-dev"

func main() {
	configPath := flag.String("config", "", "peer configuration (JSON, testbed protocol)")
	flag.Parse()
	events := newEventLog()
	if *configPath == "" {
		events.emit("error", "usage: --config FILE")
		os.Exit(2)
	}
	cfg, err := readConfig(*configPath)
	if err != nil {
		events.emit("error", err.Error())
		os.Exit(2)
	}
	p, err := newPeer(cfg, events)
	if err != nil {
		events.emit("error", "peer connection: "+err.Error())
		os.Exit(1)
	}
	go readCommands(p, events)
	events.emit("ready", "stack=pion version="+pionVersion())
	p.run()
	// Let the closing state callbacks print before the process ends.
	time.Sleep(200 * time.Millisecond)
	events.emit("log", "closed")
}

// readCommands turns stdin lines into operations; end of input closes the peer.
func readCommands(p *peer, events *eventLog) {
	in := bufio.NewScanner(os.Stdin)
	started := false
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "start":
			if started {
				events.logf("start ignored: already started")
				continue
			}
			if len(fields) != 2 {
				events.emit("error", "start needs <epoch_us>")
				continue
			}
			epochUs, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				events.emit("error", "start: "+err.Error())
				continue
			}
			started = true
			p.post(func() { p.start(time.UnixMicro(epochUs)) })
		case "restart-ice":
			p.post(func() { p.requestRestart("command") })
		case "network-change":
			p.post(p.networkChanged)
		case "close":
			p.post(p.close)
			return
		default:
			events.emit("error", "unknown command: "+fields[0])
		}
	}
	p.post(p.close)
}

// start begins signaling and, for the caller, adds the audio track callAtMs after the run's
// zero instant, which makes the first offer through negotiationneeded.
func (p *peer) start(zero time.Time) {
	p.sig.start()
	if !p.cfg.Caller {
		return
	}
	delay := time.Until(zero.Add(time.Duration(p.cfg.CallAtMs) * time.Millisecond))
	if delay < 0 {
		delay = 0
	}
	time.AfterFunc(delay, func() { p.post(p.addTrack) })
}

// pionVersion is the upstream version of the installed pion/webrtc package (its Debian
// revision removed), as dpkg records it.
func pionVersion() string {
	// dpkg's field syntax is spelled in two parts: Maven filters this resource and would
	// otherwise read the dollar-brace as one of its own properties.
	out, err := exec.Command("dpkg-query", "-W", "-f", "$"+"{Version}", pionPackage).Output()
	if err != nil || len(out) == 0 {
		return "unknown"
	}
	version := strings.TrimSpace(string(out))
	if i := strings.LastIndex(version, "-"); i > 0 {
		version = version[:i]
	}
	return version
}
