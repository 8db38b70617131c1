package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// inbound is one message the server delivered for this peer.
type inbound struct {
	Seq  int64           `json:"seq"`
	From string          `json:"from"`
	Body json.RawMessage `json:"body"`
}

type outbound struct {
	id   int64
	body []byte
}

// signalingClient is the HTTP long-poll client of the testbed protocol: one /recv request open
// at a time, sends in order, each unacknowledged send retried with the same id (the server
// ignores a repeated id) after an exponential back-off, and the channel reported down on the
// first failed or timed-out request and up again on the next success.
type signalingClient struct {
	cfg      *config
	events   *eventLog
	deliver  func(from string, body json.RawMessage)
	sendHTTP *http.Client
	recvHTTP *http.Client

	mu     sync.Mutex
	queue  []outbound
	nextID int64
	wake   chan struct{}
	state  string // "", "up" or "down"
	stop   chan struct{}
	// requests runs every request; networkChanged cancels it and makes a new one.
	requests context.Context
	abandon  context.CancelFunc
}

func newSignalingClient(cfg *config, events *eventLog, deliver func(string, json.RawMessage)) *signalingClient {
	timeout := time.Duration(cfg.SignalingRetry.RequestTimeoutMs) * time.Millisecond
	pollTimeout := time.Duration(cfg.SignalingRetry.PollTimeoutMs) * time.Millisecond
	requests, abandon := context.WithCancel(context.Background())
	return &signalingClient{
		requests: requests,
		abandon:  abandon,
		cfg:      cfg,
		events:   events,
		deliver:  deliver,
		sendHTTP: &http.Client{Timeout: timeout},
		recvHTTP: &http.Client{Timeout: pollTimeout},
		wake:     make(chan struct{}, 1),
		stop:     make(chan struct{}),
	}
}

func (s *signalingClient) start() {
	go s.sendLoop()
	go s.recvLoop()
}

func (s *signalingClient) close() {
	close(s.stop)
}

// networkChanged drops every connection to the server, open or idle, as a browser does when the
// operating system reports a network change: a connection may be bound to an address that is
// gone, and would otherwise hang until its request times out. Both loops retry at once.
func (s *signalingClient) networkChanged() {
	s.mu.Lock()
	s.abandon()
	s.requests, s.abandon = context.WithCancel(context.Background())
	s.mu.Unlock()
	s.sendHTTP.CloseIdleConnections()
	s.recvHTTP.CloseIdleConnections()
}

func (s *signalingClient) requestContext() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// send queues a JSON body for the remote peer; it is posted at once, retried until acknowledged.
func (s *signalingClient) send(body interface{}) {
	data, err := json.Marshal(body)
	if err != nil {
		s.events.emit("error", "signaling body: "+err.Error())
		return
	}
	s.mu.Lock()
	s.nextID++
	s.queue = append(s.queue, outbound{id: s.nextID, body: data})
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// sendLoop posts every queued message at once, without waiting for the ones before it (the
// server delivers a sender's messages in id order), as messages follow each other on a
// WebSocket; what was not acknowledged is posted again after the back-off.
func (s *signalingClient) sendLoop() {
	failures := 0
	for {
		s.mu.Lock()
		round := append([]outbound(nil), s.queue...)
		s.mu.Unlock()
		if len(round) == 0 {
			select {
			case <-s.wake:
				continue
			case <-s.stop:
				return
			}
		}
		ctx := s.requestContext()
		errs := make([]error, len(round))
		var posts sync.WaitGroup
		for i := range round {
			posts.Add(1)
			go func(i int) {
				defer posts.Done()
				errs[i] = s.post(ctx, round[i])
			}(i)
		}
		posts.Wait()
		acknowledged := make(map[int64]bool)
		var firstErr error
		for i, m := range round {
			if errs[i] == nil {
				acknowledged[m.id] = true
			} else if firstErr == nil {
				firstErr = errs[i]
			}
		}
		s.mu.Lock()
		left := s.queue[:0]
		for _, m := range s.queue {
			if !acknowledged[m.id] {
				left = append(left, m)
			}
		}
		s.queue = left
		s.mu.Unlock()
		if firstErr != nil {
			if !s.failed(ctx, "send", firstErr, &failures) {
				return
			}
			continue
		}
		failures = 0
		s.markUp()
	}
}

func (s *signalingClient) post(ctx context.Context, m outbound) error {
	u := fmt.Sprintf("%s/send?room=%s&from=%s&id=%d", s.cfg.SignalingURL,
		url.QueryEscape(s.cfg.Room), url.QueryEscape(s.cfg.Peer), m.id)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(m.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.sendHTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("send answered %s", resp.Status)
	}
	return nil
}

func (s *signalingClient) recvLoop() {
	var after int64
	failures := 0
	for {
		select {
		case <-s.stop:
			return
		default:
		}
		ctx := s.requestContext()
		messages, err := s.poll(ctx, after)
		if err != nil {
			if !s.failed(ctx, "recv", err, &failures) {
				return
			}
			continue
		}
		failures = 0
		s.markUp()
		for _, m := range messages {
			if m.Seq <= after {
				continue
			}
			after = m.Seq
			s.deliver(m.From, m.Body)
		}
	}
}

func (s *signalingClient) poll(ctx context.Context, after int64) ([]inbound, error) {
	u := fmt.Sprintf("%s/recv?room=%s&peer=%s&after=%d", s.cfg.SignalingURL,
		url.QueryEscape(s.cfg.Room), url.QueryEscape(s.cfg.Peer), after)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.recvHTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("recv answered %s", resp.Status)
	}
	var answer struct {
		Messages []inbound `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return nil, fmt.Errorf("recv answer: %w", err)
	}
	return answer.Messages, nil
}

// failed reports a failed request and waits before the next attempt: not at all when a network
// change dropped the request, else the back-off for the failures so far. False once closed.
func (s *signalingClient) failed(ctx context.Context, what string, err error, failures *int) bool {
	s.markDown(what, err)
	if ctx.Err() != nil {
		*failures = 0
		return true
	}
	if !s.sleep(s.backoff(*failures)) {
		return false
	}
	*failures++
	return true
}

// backoff is initialMs x factor^failures, capped at maxMs (testbed protocol).
func (s *signalingClient) backoff(failures int) time.Duration {
	r := s.cfg.SignalingRetry
	ms := float64(r.InitialMs) * math.Pow(r.Factor, float64(failures))
	if ms > float64(r.MaxMs) {
		ms = float64(r.MaxMs)
	}
	return time.Duration(ms) * time.Millisecond
}

// sleep waits d unless the client is closed; it reports whether to go on.
func (s *signalingClient) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.stop:
		return false
	}
}

func (s *signalingClient) markUp() {
	s.setState("up")
}

func (s *signalingClient) markDown(what string, err error) {
	s.setState("down")
	s.events.logf("signaling %s failed: %v", what, err)
}

// setState reports the channel's state when it changes.
func (s *signalingClient) setState(state string) {
	s.mu.Lock()
	changed := s.state != state
	s.state = state
	s.mu.Unlock()
	if changed {
		s.events.emit("signaling-connection", state)
	}
}
