package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// eventLog writes the protocol's "EV <epoch_us> <kind> <detail>" lines on stdout, one flushed
// line per event, so the orchestrator reads every event at the instant it happened.
type eventLog struct {
	mu  sync.Mutex
	out *bufio.Writer
}

func newEventLog() *eventLog {
	return &eventLog{out: bufio.NewWriter(os.Stdout)}
}

// emit stamps the event with the wall clock now (microseconds since the Unix epoch).
func (l *eventLog) emit(kind, detail string) {
	l.emitAt(time.Now(), kind, detail)
}

// emitAt writes an event observed at instant t; details never contain a newline.
func (l *eventLog) emitAt(t time.Time, kind, detail string) {
	detail = strings.NewReplacer("\r", " ", "\n", " ").Replace(detail)
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.out, "EV %d %s %s\n", t.UnixMicro(), kind, detail)
	l.out.Flush()
}

func (l *eventLog) logf(format string, args ...interface{}) {
	l.emit("log", fmt.Sprintf(format, args...))
}
