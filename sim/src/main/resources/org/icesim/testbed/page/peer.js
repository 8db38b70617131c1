// The browser peer of the icesim testbed (docs/testbed.md, "Peer protocol"): a call with perfect
// negotiation, the scenario's restart policy, a long-poll signaling client that retries and
// re-sends, and every state change reported to the control agent with its epoch microseconds.
'use strict';

const config = JSON.parse(atob(new URLSearchParams(location.search).get('config')
  .replace(/-/g, '+').replace(/_/g, '/')));
const now = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- events to the control agent, batched, in order
const pending = [];
let flushing = false;
function ev(kind, detail, at) {
  pending.push(`EV ${at === undefined ? now() : at} ${kind} ${String(detail).replace(/\s+/g, ' ')}`);
  if (!flushing) {
    flushing = true;
    setTimeout(flush, kind === 'media-rx' ? 50 : 0);
  }
}
async function flush() {
  while (pending.length > 0) {
    const batch = pending.splice(0, pending.length);
    try {
      await fetch('/event', {method: 'POST', body: batch.join('\n'), headers: {'Content-Type': 'text/plain'}});
    } catch (e) {
      pending.unshift(...batch);
      await sleep(100);
    }
  }
  flushing = false;
}

// ---- signaling client: one long-poll, numbered sends re-sent until acknowledged
const retry = config.signalingRetry;
const room = encodeURIComponent(config.room);
const self = encodeURIComponent(config.peer);
let signalingUp = true;
let failures = 0;
// Unacknowledged messages by id. Every message is posted as soon as it is sent, without waiting
// for the ones before it (as a WebSocket app's messages follow each other on one stream): the
// server delivers each sender's messages in id order, so a candidate posted before its offer
// arrived still reaches the other peer after it.
const outbox = new Map();
const posting = new Set();
let nextId = 0;
let resendTimer = null;

function backoff() {
  return Math.min(retry.maxMs, retry.initialMs * Math.pow(retry.factor, Math.max(0, failures - 1)));
}
function channel(up, why) {
  if (up) {
    failures = 0;
  } else {
    failures++;
  }
  if (up !== signalingUp) {
    signalingUp = up;
    ev('signaling-connection', up ? 'up' : 'down ' + why);
  }
}
async function request(url, options, timeoutMs) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(url, {...options, signal: abort.signal, cache: 'no-store'});
    if (!response.ok) {
      throw new Error('status ' + response.status);
    }
    return await response.json();
  } finally {
    clearTimeout(timer);
  }
}
function send(body) {
  const id = ++nextId;
  outbox.set(id, body);
  post(id);
}
async function post(id) {
  if (posting.has(id) || !outbox.has(id)) {
    return;
  }
  posting.add(id);
  try {
    await request(`${config.signalingUrl}/send?room=${room}&from=${self}&id=${id}`,
      {method: 'POST', body: JSON.stringify(outbox.get(id)), headers: {'Content-Type': 'text/plain'}},
      retry.requestTimeoutMs);
    outbox.delete(id);
    channel(true);
  } catch (e) {
    channel(false, 'send');
    resendLater();
  } finally {
    posting.delete(id);
  }
}
function resendLater() {
  if (resendTimer === null) {
    resendTimer = setTimeout(() => {
      resendTimer = null;
      resendAll();
    }, backoff());
  }
}
function resendAll() {
  [...outbox.keys()].sort((a, b) => a - b).forEach(post);
}
async function poll() {
  let after = 0;
  for (;;) {
    try {
      const answer = await request(`${config.signalingUrl}/recv?room=${room}&peer=${self}&after=${after}`, {},
        retry.pollTimeoutMs ?? retry.requestTimeoutMs);
      channel(true);
      for (const message of answer.messages) {
        after = Math.max(after, message.seq);
        inbox = inbox.then(() => onMessage(message.body)).catch((e) => ev('log', 'message: ' + e));
      }
    } catch (e) {
      channel(false, 'recv');
      await sleep(backoff());
      // Whatever was not acknowledged may not have arrived: send it again (the server drops repeats).
      resendAll();
    }
  }
}
let inbox = Promise.resolve();

// ---- the peer connection, perfect negotiation (W3C WebRTC §10.7)
const pc = new RTCPeerConnection({iceServers: config.iceServers, iceTransportPolicy: config.iceTransportPolicy,
  bundlePolicy: 'max-bundle'});
let makingOffer = false;
let ignoreOffer = false;
let settingRemoteAnswer = false;
let local = null;

const ufragOf = (description) => {
  const match = description && /a=ice-ufrag:(\S+)/.exec(description.sdp);
  return match ? match[1] : '';
};
const localUfrag = () => ufragOf(pc.localDescription);

pc.onnegotiationneeded = async () => {
  try {
    makingOffer = true;
    await pc.setLocalDescription();
    if (pc.localDescription.type === 'offer') {
      ev('offer-sent', 'ufrag=' + localUfrag());
      send({description: pc.localDescription.toJSON()});
    }
  } catch (e) {
    ev('log', 'negotiationneeded: ' + e);
  } finally {
    makingOffer = false;
  }
};

const ended = new Set();
pc.onicecandidate = ({candidate}) => {
  if (candidate && candidate.candidate) {
    ev('candidate', `local ${candidate.type} ${candidate.address}:${candidate.port}`);
    send({candidate: candidate.toJSON()});
    return;
  }
  // End of candidates of a generation: Chromium says null, Firefox an empty candidate per generation.
  const ufrag = (candidate && candidate.usernameFragment) || localUfrag();
  if (!ended.has(ufrag)) {
    ended.add(ufrag);
    ev('gathering-complete', 'ufrag=' + ufrag);
    send({candidate: null});
  }
};

async function onMessage({description, candidate}) {
  if (description) {
    const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    ignoreOffer = !config.polite && collision;
    if (ignoreOffer) {
      ev('log', 'ignored a colliding offer');
      return;
    }
    settingRemoteAnswer = description.type === 'answer';
    await pc.setRemoteDescription(description);
    settingRemoteAnswer = false;
    if (description.type === 'answer') {
      ev('answer-applied', 'ufrag=' + localUfrag());
      ev('log', 'directions ' + pc.getTransceivers().map((t) => t.receiver.track.kind + ':' + t.currentDirection).join(','));
    } else {
      // The callee sends its own audio back on the caller's transceiver.
      for (const transceiver of pc.getTransceivers()) {
        const track = local && local.getTracks().find((t) => t.kind === transceiver.receiver.track.kind);
        if (track && !transceiver.sender.track) {
          await transceiver.sender.replaceTrack(track);
          transceiver.direction = 'sendrecv';
        }
      }
      await pc.setLocalDescription();
      send({description: pc.localDescription.toJSON()});
    }
  } else if (candidate !== undefined) {
    try {
      await pc.addIceCandidate(candidate === null ? undefined : candidate);
      if (candidate) {
        const c = new RTCIceCandidate(candidate);
        ev('candidate', `remote ${c.type} ${c.address}:${c.port}`);
      }
    } catch (e) {
      if (!ignoreOffer) {
        ev('log', 'addIceCandidate: ' + e);
      }
    }
  }
}

// ---- state reports
pc.onsignalingstatechange = () => ev('signaling-state', pc.signalingState);
pc.onicegatheringstatechange = () => ev('ice-gathering-state', pc.iceGatheringState);
pc.oniceconnectionstatechange = () => {
  ev('ice-connection-state', pc.iceConnectionState);
  policyOn('ice', pc.iceConnectionState);
};
pc.onconnectionstatechange = () => {
  ev('connection-state', pc.connectionState);
  policyOn('connection', pc.connectionState);
};

// ---- the selected pair: the transport's event where the browser has it, else getStats polling
let lastPair = '';
function reportPair(localType, remoteType, ufrag, localAddress, remoteAddress) {
  const detail = `${localType}/${remoteType} ufrag=${ufrag || localUfrag()} local=${localAddress} remote=${remoteAddress}`;
  if (detail !== lastPair) {
    lastPair = detail;
    ev('selected-pair', detail);
  }
}
function watchIceTransport() {
  const sender = pc.getSenders().find((s) => s.transport);
  const ice = sender && sender.transport.iceTransport;
  if (!ice || typeof ice.getSelectedCandidatePair !== 'function' || ice.watched) {
    return Boolean(ice && ice.watched);
  }
  ice.watched = true;
  ice.onselectedcandidatepairchange = () => {
    const pair = ice.getSelectedCandidatePair();
    if (pair) {
      reportPair(pair.local.type, pair.remote.type, pair.local.usernameFragment,
        `${pair.local.address}:${pair.local.port}`, `${pair.remote.address}:${pair.remote.port}`);
    }
  };
  return true;
}
async function pollStats() {
  const stats = await pc.getStats();
  let pair = null;
  stats.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      pair = stats.get(s.selectedCandidatePairId);
    }
  });
  if (!pair) {
    stats.forEach((s) => {
      if (s.type === 'candidate-pair' && s.selected) {
        pair = s;
      }
    });
  }
  if (pair && !usingPairEvent) {
    const l = stats.get(pair.localCandidateId);
    const r = stats.get(pair.remoteCandidateId);
    if (l && r) {
      reportPair(l.candidateType, r.candidateType, l.usernameFragment, `${l.address}:${l.port}`, `${r.address}:${r.port}`);
    }
  }
  if (usingTransform && received === 0) {
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio' && s.packetsReceived > 50 && usingTransform) {
        // Packets arrive but the transform sees no frame: count them from the statistics instead.
        usingTransform = false;
        ev('log', 'no frames through the encoded transform; counting packets from getStats');
      }
    });
  }
  if (!usingTransform) {
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio' && s.packetsReceived > received) {
        received = s.packetsReceived;
        ev('media-rx', 'packets=' + received);
      }
    });
  }
}
let usingPairEvent = false;
let usingTransform = false;
let received = 0;

// ---- received audio: an encoded transform gives each frame's instant; else the stats polling above.
// Chromium applies a receiver's transform only if it is set before the remote description that
// starts the receiver, so the caller sets it as it adds its track, the callee when the track arrives.
function countFrames(receiver) {
  if (typeof RTCRtpScriptTransform === 'undefined' || receiver.track.kind !== 'audio' || receiver.counted) {
    return;
  }
  receiver.counted = true;
  const worker = new Worker('media-worker.js');
  worker.onmessage = ({data}) => {
    received++;
    if (received === 1) {
      ev('log', 'media-rx instants from ' + (data.exact ? 'the frames\' receiveTime' : 'the transform (no receiveTime)'));
    }
    ev('media-rx', 'packets=' + received, data.at);
  };
  receiver.transform = new RTCRtpScriptTransform(worker, {});
  usingTransform = true;
}
pc.ontrack = ({receiver}) => countFrames(receiver);

// ---- restart policies (scenarios/README.md: peers.<name>.policy)
const policy = config.policy;
let disconnectedTimer = null;
function restart(reason) {
  if (pc.signalingState === 'closed') {
    return;
  }
  ev('restart-ice', 'reason=' + reason);
  pc.restartIce();
}
function policyOn(watch, state) {
  const watched = (policy.watch || 'ice') === watch;
  if (!watched) {
    return;
  }
  if (state === 'connected' || state === 'completed' || state === 'closed') {
    clearTimeout(disconnectedTimer);
    disconnectedTimer = null;
  }
  if (policy.kind === 'on-failed' && state === 'failed') {
    restart('on-failed');
  } else if (policy.kind === 'on-disconnected') {
    if (state === 'failed' && disconnectedTimer !== null) {
      clearTimeout(disconnectedTimer);
      disconnectedTimer = null;
      restart('on-disconnected');
    } else if (state === 'failed') {
      restart('on-disconnected');
    } else if (state === 'disconnected' && disconnectedTimer === null) {
      disconnectedTimer = setTimeout(() => {
        disconnectedTimer = null;
        const current = watch === 'ice' ? pc.iceConnectionState : pc.connectionState;
        if (current === 'disconnected' || current === 'failed') {
          restart('on-disconnected');
        }
      }, policy.afterMs);
    }
  }
}

// ---- commands from the orchestrator
async function commands() {
  let after = 0;
  for (;;) {
    try {
      const answer = await (await fetch('/command?after=' + after, {cache: 'no-store'})).json();
      for (const command of answer.commands) {
        after = command.seq;
        run(command.line);
      }
    } catch (e) {
      await sleep(200);
    }
  }
}
function run(line) {
  const [name, argument] = line.split(' ');
  if (name === 'start') {
    const at = Number(argument) / 1000 + config.callAtMs - (performance.timeOrigin + performance.now());
    setTimeout(call, Math.max(0, at));
    poll();
    setInterval(() => pollStats().catch((e) => ev('log', 'getStats: ' + e)), config.statsIntervalMs);
  } else if (name === 'restart-ice') {
    restart('timeline');
  } else if (name === 'network-change') {
    if (policy.kind === 'on-network-change') {
      restart('on-network-change');
    }
  } else if (name === 'close') {
    pc.close();
    ev('log', 'closed');
  } else {
    ev('log', 'unknown command ' + line);
  }
}
function call() {
  if (config.caller) {
    for (const track of local.getTracks()) {
      pc.addTrack(track, local);
    }
    pc.getReceivers().forEach(countFrames);
  }
  const watchTimer = setInterval(() => {
    if (watchIceTransport()) {
      usingPairEvent = true;
      clearInterval(watchTimer);
    }
  }, 20);
}

(async () => {
  try {
    local = await navigator.mediaDevices.getUserMedia({audio: true, video: Boolean(config.video)});
    if (config.video) {
      // The scenario's video rate, on the fake camera.
      local.getVideoTracks().forEach((t) => t.applyConstraints({frameRate: config.video.fps}).catch(() => {}));
    }
    const version = (/(Chrome|Firefox)\/([\d.]+)/.exec(navigator.userAgent) || [])[2] || 'unknown';
    ev('log', 'user agent ' + navigator.userAgent);
    ev('ready', `stack=${config.stack} version=${version}`);
    commands();
  } catch (e) {
    ev('error', 'getUserMedia: ' + e);
  }
})();
