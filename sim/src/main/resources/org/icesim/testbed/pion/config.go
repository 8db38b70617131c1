package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// config is the peer configuration of the testbed protocol (docs/testbed-protocol).
type config struct {
	Peer               string          `json:"peer"`
	Remote             string          `json:"remote"`
	Room               string          `json:"room"`
	Caller             bool            `json:"caller"`
	Polite             bool            `json:"polite"`
	SignalingURL       string          `json:"signalingUrl"`
	SignalingRetry     retryConfig     `json:"signalingRetry"`
	ICEServers         []iceServerConf `json:"iceServers"`
	ICETransportPolicy string          `json:"iceTransportPolicy"`
	Policy             policyConfig    `json:"policy"`
	CallAtMs           int64           `json:"callAtMs"`
	StatsIntervalMs    int64           `json:"statsIntervalMs"`
}

type retryConfig struct {
	InitialMs        int64   `json:"initialMs"`
	MaxMs            int64   `json:"maxMs"`
	Factor           float64 `json:"factor"`
	RequestTimeoutMs int64   `json:"requestTimeoutMs"`
	// PollTimeoutMs abandons a /recv long-poll; 20 s by default, as the program did before the
	// scenario named it (a 10 s hold it assumed plus the request timeout).
	PollTimeoutMs int64 `json:"pollTimeoutMs"`
}

type iceServerConf struct {
	URLs       []string `json:"urls"`
	Username   string   `json:"username"`
	Credential string   `json:"credential"`
}

type policyConfig struct {
	Kind    string `json:"kind"`
	Watch   string `json:"watch"`
	AfterMs int64  `json:"afterMs"`
}

func readConfig(path string) (*config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := &config{
		ICETransportPolicy: "all",
		Policy:             policyConfig{Kind: "never"},
		SignalingRetry:     retryConfig{InitialMs: 1000, MaxMs: 30000, Factor: 2.0, RequestTimeoutMs: 10000, PollTimeoutMs: 20000},
	}
	if err := json.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, c.validate(path)
}

func (c *config) validate(path string) error {
	switch {
	case c.Peer == "" || c.Remote == "" || c.Room == "":
		return fmt.Errorf("%s: peer, remote and room are required", path)
	case c.SignalingURL == "":
		return fmt.Errorf("%s: signalingUrl is required", path)
	case c.ICETransportPolicy != "all" && c.ICETransportPolicy != "relay":
		return fmt.Errorf("%s: iceTransportPolicy %q is not all or relay", path, c.ICETransportPolicy)
	case c.SignalingRetry.InitialMs <= 0 || c.SignalingRetry.MaxMs <= 0 || c.SignalingRetry.Factor < 1 || c.SignalingRetry.RequestTimeoutMs <= 0 || c.SignalingRetry.PollTimeoutMs <= 0:
		return fmt.Errorf("%s: signalingRetry needs initialMs, maxMs, requestTimeoutMs, pollTimeoutMs > 0 and factor >= 1", path)
	}
	switch c.Policy.Kind {
	case "never", "on-network-change":
	case "on-failed", "on-disconnected":
		if c.Policy.Watch == "" {
			c.Policy.Watch = "ice"
		}
		if c.Policy.Watch != "ice" && c.Policy.Watch != "connection" {
			return fmt.Errorf("%s: policy.watch %q is not ice or connection", path, c.Policy.Watch)
		}
		if c.Policy.Kind == "on-disconnected" && c.Policy.AfterMs < 0 {
			return fmt.Errorf("%s: policy.afterMs must be >= 0", path)
		}
	default:
		return fmt.Errorf("%s: policy.kind %q is not never, on-failed, on-disconnected or on-network-change", path, c.Policy.Kind)
	}
	return nil
}
