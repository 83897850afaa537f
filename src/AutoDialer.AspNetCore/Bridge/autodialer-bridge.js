/*
 * autodialer-bridge.js: connects an agent's vendor call SDK (Udesk CCPaaS API SDK or Meiqia MQCallSDK),
 * already created by the workbench page, to the AutoDialer server.
 *
 *   var bridge = AutoDialerBridge.attach(sdkInstance, {
 *     provider: 'udesk' | 'meiqia',
 *     agentId: '1001',
 *     dialerUrl: 'https://dialer.example.com',        // where this script is served from
 *     tokenUrl: '/my-backend/autodialer-bridge-token' // POST → { token }; or token: '…', or getToken: () => Promise<string>
 *   });
 *   bridge.indicator.hide();  // the status dot is optional
 *
 * It runs the server's commands as vendor calls — only those the dialer needs: make call, hang up, agent state, the
 * account's agents, number pools (Udesk: the documented …Async promise methods; Meiqia: the documented
 * success/error callback methods); supervisor and transfer methods are refused — forwards every documented vendor event unchanged with a
 * timestamp, and reconnects with jittered backoff. Plain ES2017, no dependencies, no build step.
 *
 * Events are not lost: each gets a seq (1, 2, … for the life of this bridge object, across reconnects) and stays
 * in an outbox until the server acks it (sent only once it is stored) or refuses it for good. After every
 * (re)connect the outbox is sent again, in seq order, before anything new; storage keeps each event once. The
 * outbox holds at most options.maxOutbox events (default 10,000): when it is full a new event is not queued, and
 * bridge.on('status') hears { state: 'queue-full', pending, name } — a bounded outbox that says what it could not
 * keep, rather than one that silently drops its oldest events or grows without limit. A refused event
 * ({ state: 'refused', seq, name, reason }) and a session that ended with events still unacked
 * ({ state: 'session-ended', pending }) are reported the same way.
 *
 * The outbox survives a reload: each event is also written to IndexedDB (database 'autodialer-bridge', one list per
 * dialer, provider and agent) and deleted once acked or refused; a page that loads finds what an earlier page of the
 * same agent left unacked and sends it first (the server keeps each event once, by its event id). The page's record of
 * the make-calls it handed to the SDK (by session) is kept in the tab's sessionStorage, written before the SDK gets each
 * call, so a page reloaded in the same tab still tells the server which make-calls of its earlier sessions never
 * reached the SDK. A second tab of the agent takes over the session (the first hears 'replaced' and sends nothing more)
 * and the events the first left.
 * A full outbox drops the new event and counts it: the badge shows the count, and the server is told
 * ({ type: 'outbox-full', dropped }). After every welcome, and whenever it changes, the page reports what its agent is
 * doing ({ type: 'call-state', known, events }: the latest agent-state event and the last event of each call still
 * open), so a reconnected session knows at once whether its agent is idle, on a call (which) or in wrap-up.
 *
 * The agent's side of a call: bridge.on('call', card => …) hears the contact card of every call the dialer places for
 * this agent, just before it rings (the campaign, the contact's name, the number as dialled, the attributes the campaign
 * shows agents, attempt n of its budget, the earlier attempts' outcomes and dispositions, the disposition codes);
 * bridge.disposition(attemptId, code, { callbackAt, note }) records what came of the call (a promise: resolved with
 * { contactState, dueAt, … }, rejected with an Error whose code says why, e.g. 'not_your_attempt', 'too_late');
 * bridge.callbacks() resolves the agent's upcoming callbacks. In preview mode bridge.on('offer', offer => …) hears a
 * contact before anything is dialled, with offer.deadline (this page's clock), offer.skipAllowed and offer.onTimeout;
 * offer.dial() / offer.skip() (or bridge.dial(attemptId) / bridge.skip(attemptId)) decide, and bridge.on('offer-ended')
 * says how it ended. Requests made while disconnected wait for the next connection (options.requestTimeoutMs, 30 s).
 */
(function (global) {
  'use strict';

  var VERSION = 1;
  var PATH = '/autodialer/bridge';

  /** The sessions whose make-calls the page answers for (older ones are let go). */
  var MAKE_CALL_SESSIONS_KEPT = 20;

  var PROVIDERS = {
    udesk: {
      // Only what the dialer needs (UdeskMethodNames): make call, hang up, agent state, the account's agents, number
      // pools / trunk numbers. Supervisor and transfer methods (EavesdropAsync, ForcePickupAsync, TransferAsync, …) are
      // not reachable through the bridge.
      methods: ['MakeCallAsync', 'HangupAsync', 'SetAgentStateAsync', 'GetOtherAgentsAsync', 'GetNumberPoolAndSpNumAsync',
        'SetSpNumberPoolNumAsync'],
      // Section 六: the events.
      events: ['AgentStateChanged', 'PhoneModeChanged', 'PhoneStateChanged', 'Ready', 'AdvancedCallStatusChanged', 'GetState',
        'Delivered', 'Originated', 'Established', 'ConnectionCleared', 'Held', 'Retrieved', 'Conferenced', 'Transferred'],
      dial: ['MakeCallAsync'],
      businessIdOf: function (args) { return args[1] && args[1].BizId; },
      callEnded: ['ConnectionCleared'],
      // What the agent is doing: its state (Ready and GetState too), its device's mode (offline: no call can reach it),
      // and the calls that started and have not ended.
      agentState: ['AgentStateChanged', 'Ready', 'GetState'],
      deviceState: ['PhoneModeChanged'],
      // Agent-state events that carry the device's mode too (CurExtState): newer than the last device event, they replace it.
      agentAndDeviceState: ['Ready', 'GetState'],
      callStarted: ['Originated', 'Delivered', 'Established']
    },
    meiqia: {
      // Only what the dialer needs (MeiqiaMethodNames); transferCall, holdCall, mute… are not reachable through the bridge.
      methods: ['call', 'hangup', 'setAgentStatus', 'getAgentRule', 'setOutNumber', 'refreshToken'],
      // Documented without callbacks: done when they return.
      withoutCallbacks: ['hangup'],
      events: ['register', 'unregister', 'calling', 'incomingCall', 'answer', 'hangup', 'notifySocketReconnectFailed',
        'blackList', 'unAuthorization', 'agentInitStatus'],
      dial: ['call'],
      businessIdOf: function (args) { return args[0] && args[0].client && args[0].client.userData; },
      callEnded: ['hangup', 'blackList'],
      agentState: ['agentInitStatus', 'register', 'unregister', 'notifySocketReconnectFailed'],
      deviceState: [],
      agentAndDeviceState: [],
      callStarted: ['calling', 'incomingCall', 'answer']
    }
  };

  var CLOSE_REPLACED = 4001;
  var CLOSE_UNAUTHORIZED = 4003;
  var DEFAULT_MAX_OUTBOX = 10000;
  var DEFAULT_REQUEST_TIMEOUT_MS = 30000;

  function toJson(value) {
    if (value === undefined) { return null; }
    try {
      return JSON.parse(JSON.stringify(value));
    } catch (e) {
      return { unserializable: String(value) };
    }
  }

  function errorValue(error) {
    if (error instanceof Error) { return { Message: error.message }; }
    return toJson(error);
  }

  function socketUrl(dialerUrl) {
    var base = new URL(dialerUrl || global.location.href, global.location.href);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    base.pathname = base.pathname.replace(/\/+$/, '') + PATH;
    base.search = '';
    base.hash = '';
    return base.toString();
  }

  function absolute(url, dialerUrl) {
    return new URL(url, dialerUrl ? new URL(dialerUrl, global.location.href) : global.location.href).toString();
  }

  /** A bridge token: options.token, options.getToken(), or POST options.tokenUrl → { token }. */
  function fetchToken(options) {
    if (typeof options.getToken === 'function') { return Promise.resolve(options.getToken()); }
    if (options.tokenUrl) {
      return fetch(absolute(options.tokenUrl, options.dialerUrl), { method: 'POST', credentials: 'include' })
        .then(function (response) {
          if (!response.ok) { throw new Error('bridge token request failed: HTTP ' + response.status); }
          return response.json();
        })
        .then(function (body) { return typeof body === 'string' ? body : body.token; });
    }
    if (options.token) { return Promise.resolve(options.token); }
    return Promise.reject(new Error('AutoDialerBridge: give token, tokenUrl or getToken'));
  }

  /** Fetches a vendor token from the dialer with a fresh bridge token. */
  function fetchVendorToken(provider, options) {
    return fetchToken(options).then(function (token) {
      var url = absolute('/api/providers/' + provider + '/token?agentId=' + encodeURIComponent(options.agentId), options.dialerUrl);
      return fetch(url, { headers: { Authorization: 'Bearer ' + token } });
    }).then(function (response) {
      if (!response.ok) { throw new Error(provider + ' token request failed: HTTP ' + response.status); }
      return response.json();
    });
  }

  function Indicator(documentRef) {
    this.element = null;
    this.hidden = false;
    if (!documentRef || !documentRef.body) { return; }
    var el = documentRef.createElement('div');
    el.setAttribute('data-autodialer-bridge', '');
    el.setAttribute('role', 'status');
    el.style.cssText = 'position:fixed;right:8px;bottom:8px;z-index:2147483647;padding:2px 8px;border-radius:10px;' +
      'font:11px/16px sans-serif;background:rgba(255,255,255,.9);color:#333;box-shadow:0 0 2px rgba(0,0,0,.4);' +
      'pointer-events:auto;cursor:default;user-select:none';
    el.title = 'AutoDialer bridge';
    documentRef.body.appendChild(el);
    this.element = el;
  }

  Indicator.prototype.set = function (status, detail) {
    if (!this.element) { return; }
    var colours = { connected: '#2e7d32', dialling: '#1565c0', connecting: '#f9a825', disconnected: '#c62828' };
    this.element.setAttribute('data-status', status);
    this.element.innerHTML = '';
    var dot = global.document.createElement('span');
    dot.style.cssText = 'display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:5px;background:' + (colours[status] || '#999');
    this.element.appendChild(dot);
    this.element.appendChild(global.document.createTextNode('AutoDialer: ' + status + (detail ? ' (' + detail + ')' : '')));
  };

  Indicator.prototype.hide = function () {
    this.hidden = true;
    if (this.element) { this.element.style.display = 'none'; }
  };

  Indicator.prototype.show = function () {
    this.hidden = false;
    if (this.element) { this.element.style.display = ''; }
  };

  function Bridge(sdk, options) {
    var profile = PROVIDERS[options.provider];
    if (!profile) { throw new Error("AutoDialerBridge: provider must be 'udesk' or 'meiqia'"); }
    if (!sdk) { throw new Error('AutoDialerBridge: the vendor SDK instance is required'); }
    if (!options.agentId) { throw new Error('AutoDialerBridge: agentId is required'); }
    this.sdk = sdk;
    this.options = options;
    this.profile = profile;
    this.agentId = String(options.agentId);
    this.status = 'connecting';
    this.socket = null;
    this.sessionId = null;
    this.clockOffset = 0;
    this.attempt = 0;
    this.closed = false;
    this.seq = 0;
    this.outbox = [];
    this.maxOutbox = options.maxOutbox || DEFAULT_MAX_OUTBOX;
    this.reconnectTimer = null;
    this.watchdog = null;
    this.heartbeatMs = 10000;
    this.listeners = {};
    this.requests = {};
    this.requestSeq = 0;
    this.requestTimeoutMs = options.requestTimeoutMs || DEFAULT_REQUEST_TIMEOUT_MS;
    this.offers = {};
    this.minDelay = options.reconnectMinMs || 500;
    this.maxDelay = options.reconnectMaxMs || 30000;
    this.indicator = new Indicator(options.indicator === false ? null : global.document);
    if (options.indicator === 'hidden') { this.indicator.hide(); }
    this.callState = { known: false, agent: null, device: null, calls: {} };
    // The make-calls handed to the SDK, by the session they came on (the last MAKE_CALL_SESSIONS_KEPT of this tab):
    // reported with the call state, so the server learns which of them never reached the SDK. Kept in the tab's
    // sessionStorage too, so a page reloaded in this tab still answers for its earlier sessions (MakeCallRecord).
    this.makeCallRecord = new MakeCallRecord(options.provider, this.agentId);
    this.makeCalls = this.makeCallRecord.adopt();
    this.droppedCount = 0;
    this.droppedUnreported = 0;
    this.replaced = false;
    this.openStoredOutbox();
    this.listen();
    this.setStatus('connecting');
    this.connect();
  }

  Bridge.prototype.on = function (name, handler) {
    (this.listeners[name] = this.listeners[name] || []).push(handler);
    return this;
  };

  Bridge.prototype.emit = function (name, value) {
    (this.listeners[name] || []).forEach(function (handler) {
      try { handler(value); } catch (e) { /* a page handler must not break the bridge */ }
    });
  };

  Bridge.prototype.setStatus = function (status, detail) {
    this.status = status;
    this.indicator.set(status, detail);
    this.emit('status', { status: status, detail: detail || null });
  };

  /** What became of events, on the same 'status' channel: { state, pending, … } beside the connection's status. */
  Bridge.prototype.report = function (state, details) {
    var value = Object.assign({ status: this.status, state: state, pending: this.outbox.length }, details);
    if (state !== 'session-ended' && global.console) { global.console.warn('AutoDialer bridge: ' + state + ' ' + JSON.stringify(details)); }
    this.emit('status', value);
  };

  Bridge.prototype.now = function () {
    return Date.now() + this.clockOffset;
  };

  /** Subscribes once to every documented vendor event; events are stamped when they happen and kept until acked. */
  Bridge.prototype.listen = function () {
    var self = this;
    this.profile.events.forEach(function (name) {
      self.sdk.on(name, function (data) {
        self.forward(name, data);
      });
    });
  };

  Bridge.prototype.forward = function (name, data) {
    if (this.profile.callEnded.indexOf(name) >= 0 && this.status === 'dialling') { this.setStatus('connected'); }
    // The call a late make-call must hang up, where the make-call's answer names none (Udesk documents Data: null).
    if (data && typeof data === 'object' && (data.CallID || (data.Data && data.Data.CallID))) { this.lastCallId = data.CallID || data.Data.CallID; }
    if (this.outbox.length >= this.maxOutbox) {
      // Not kept, but what it says of the agent still counts for the next call-state.
      this.trackCallState({ name: name, timestamp: this.now(), payload: toJson(data) });
      this.countDropped(name);
      return;
    }
    // Stamped once, here: a resend carries the same timestamp, so the server derives the same event id.
    var message = { type: 'event', seq: ++this.seq, agentId: this.agentId, name: name, timestamp: this.now(), payload: toJson(data) };
    this.keep(message);
    this.trackCallState(message);
  };

  /** Forgets the events the server has stored (ack) or will never take (refused); returns them. */
  Bridge.prototype.settle = function (seqs) {
    var done = {};
    seqs.forEach(function (seq) { done[seq] = true; });
    var removed = [];
    this.outbox = this.outbox.filter(function (message) {
      if (done[message.seq]) { removed.push(message); return false; }
      return true;
    });
    this.forgetStored(removed);
    return removed;
  };

  Bridge.prototype.send = function (message) {
    if (!this.socket || this.socket.readyState !== 1 || !this.sessionId) { return false; }
    this.socket.send(JSON.stringify(message));
    return true;
  };

  Bridge.prototype.connect = function () {
    var self = this;
    if (this.closed) { return; }
    this.setStatus('connecting');
    fetchToken(this.options).then(function (token) {
      if (self.closed) { return; }
      var socket = new WebSocket(socketUrl(self.options.dialerUrl));
      self.socket = socket;
      socket.onopen = function () {
        socket.send(JSON.stringify({ type: 'hello', token: token, provider: self.options.provider, agentId: self.agentId, version: VERSION }));
      };
      socket.onmessage = function (message) { self.receive(socket, message); };
      socket.onclose = function (event) { self.dropped(socket, event.code, event.reason); };
      socket.onerror = function () { /* onclose follows */ };
    }).catch(function (error) {
      self.setStatus('disconnected', error && error.message);
      self.scheduleReconnect();
    });
  };

  Bridge.prototype.receive = function (socket, raw) {
    if (socket !== this.socket) { return; }
    var message;
    try { message = JSON.parse(raw.data); } catch (e) { return; }
    this.armWatchdog();
    switch (message.type) {
      case 'welcome':
        this.sessionId = message.sessionId;
        this.makeCalls.push({ session: message.sessionId, dialled: [] });
        if (this.makeCalls.length > MAKE_CALL_SESSIONS_KEPT) { this.makeCalls.shift(); }
        this.makeCallRecord.write(this.makeCalls);
        this.clockOffset = message.serverTime - Date.now();
        this.heartbeatMs = message.heartbeatMs || this.heartbeatMs;
        this.attempt = 0;
        this.setStatus('connected');
        this.emit('connected', { sessionId: message.sessionId });
        this.armWatchdog();
        // Everything not yet acked goes again, oldest first, before any new event (this runs before the next one can);
        // then what the agent is doing, and how many events a full outbox dropped.
        this.resendOutbox();
        this.sendCallState();
        this.reportDropped();
        // What another tab of the agent left since this page read the stored outbox.
        if (this.outboxReady) { this.adoptStored(); }
        this.sendWaitingRequests();
        break;
      case 'call':
        this.emit('call', message.card);
        break;
      case 'offer':
        this.offered(message);
        break;
      case 'offer-ended':
        delete this.offers[message.attemptId];
        this.emit('offer-ended', { attemptId: message.attemptId, answer: message.answer });
        break;
      case 'reply':
        this.replied(message);
        break;
      case 'ack':
        this.settle(Array.isArray(message.seqs) ? message.seqs : []);
        break;
      case 'refused':
        var refused = this.settle([message.seq]);
        this.report('refused', { seq: message.seq, name: refused.length ? refused[0].name : null, reason: message.reason });
        this.emit('refused', message);
        break;
      case 'ping':
        this.send({ type: 'pong', id: message.id });
        break;
      case 'command':
        this.execute(message);
        break;
      case 'rejected':
        if (global.console) { global.console.warn('AutoDialer bridge: the server refused a message: ' + message.reason); }
        this.emit('rejected', message);
        break;
    }
  };

  /** No ping for three intervals: the connection is dead even if the browser has not noticed. */
  Bridge.prototype.armWatchdog = function () {
    var self = this;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(function () {
      if (self.socket) { self.socket.close(4000, 'no heartbeat'); }
    }, this.heartbeatMs * 3);
  };

  Bridge.prototype.dropped = function (socket, code, reason) {
    if (socket !== this.socket) { return; }
    clearTimeout(this.watchdog);
    this.socket = null;
    this.requestsLost();
    // An offer lives on its session: the server gives the contact back when the session ends.
    var offers = Object.keys(this.offers);
    this.offers = {};
    for (var o = 0; o < offers.length; o++) { this.emit('offer-ended', { attemptId: offers[o], answer: 'lost' }); }
    var hadSession = this.sessionId !== null;
    this.sessionId = null;
    if (hadSession && this.outbox.length > 0) { this.report('session-ended', { reason: reason || null }); }
    if (this.closed) { this.setStatus('disconnected', 'closed'); return; }
    if (code === CLOSE_REPLACED) {
      // Another window took over this agent: reconnecting would take it back and forth forever.
      this.replaced = true;
      this.setStatus('disconnected', 'replaced by another window');
      this.emit('replaced', { reason: reason });
      return;
    }
    this.setStatus('disconnected', code === CLOSE_UNAUTHORIZED ? 'not authorised' : null);
    this.emit('disconnected', { code: code, reason: reason });
    this.scheduleReconnect();
  };

  /** Exponential backoff with jitter, so that a restarted server is not hit by every page at once. */
  Bridge.prototype.scheduleReconnect = function () {
    var self = this;
    if (this.closed || this.reconnectTimer) { return; }
    var cap = Math.min(this.maxDelay, this.minDelay * Math.pow(2, this.attempt));
    var delay = cap / 2 + Math.random() * cap / 2;
    this.attempt++;
    this.reconnectTimer = setTimeout(function () {
      self.reconnectTimer = null;
      self.connect();
    }, delay);
  };

  Bridge.prototype.execute = function (command) {
    var self = this;
    var answered = false;
    var dial = this.profile.dial.indexOf(command.method) >= 0;
    function reply(status, value) {
      if (answered) { return; }
      answered = true;
      if (status === 'resolved' && dial && typeof command.deadline === 'number' && self.now() > command.deadline) {
        // The vendor placed the call after its deadline: the server stopped waiting at the deadline, and an operator's
        // pause or do-not-call addition it held back may have answered since. The call is hung up at once and reported.
        self.hangUpLate(value);
        status = 'late';
        value = { Message: 'the vendor placed the call after its deadline; the page hung it up' };
        self.emit('late-call', { method: command.method, deadline: command.deadline });
      }
      if (status !== 'resolved' && self.profile.dial.indexOf(command.method) >= 0 && self.status === 'dialling') {
        self.setStatus('connected');
      }
      self.send({ type: 'result', id: command.id, status: status, value: value === undefined ? null : toJson(value) });
    }

    if (this.profile.methods.indexOf(command.method) < 0 || typeof this.sdk[command.method] !== 'function') {
      reply('failed', { Message: 'method ' + command.method + ' is not available in this SDK' });
      return;
    }
    if (typeof command.deadline === 'number' && this.now() > command.deadline) {
      // The server has given up on it already; running it now could dial a call nobody waits for.
      reply('expired', null);
      return;
    }
    if (dial) {
      this.setStatus('dialling');
      // Handed to the SDK from here: it may be placed even if this socket drops. Written down first (synchronously, in
      // the tab's sessionStorage), so a reload cannot forget it; a record that cannot be kept true is not kept at all,
      // and if even that fails the call is not made.
      var businessId = this.profile.businessIdOf(Array.isArray(command.args) ? command.args : []);
      if (businessId && this.makeCalls.length > 0) {
        this.makeCalls[this.makeCalls.length - 1].dialled.push(String(businessId));
        if (!this.makeCallRecord.write(this.makeCalls)) {
          reply('failed', { Message: 'the page could not keep its record of make-calls true; nothing was dialled' });
          return;
        }
      }
    }

    var args = Array.isArray(command.args) ? command.args : [];
    if (this.options.provider === 'udesk') {
      var promise;
      try {
        promise = this.sdk[command.method].apply(this.sdk, args);
      } catch (error) {
        reply('failed', errorValue(error));
        return;
      }
      Promise.resolve(promise).then(function (value) { reply('resolved', value); }, function (error) { reply('rejected', errorValue(error)); });
      return;
    }

    try {
      if (this.profile.withoutCallbacks.indexOf(command.method) >= 0) {
        this.sdk[command.method]();
        reply('resolved', null);
        return;
      }
      var request = Object.assign({}, args[0] || {});
      request.success = function (value) { reply('resolved', value); };
      request.error = function (value) { reply('rejected', errorValue(value)); };
      if (command.method === 'call') {
        request.validatorErrorCb = function (value) { reply('invalid', errorValue(value)); };
      }
      this.sdk[command.method](request);
    } catch (error) {
      reply('failed', errorValue(error));
    }
  };

  /** Hangs up a call the vendor placed after its deadline: Udesk by the CallID it gave (or the last one its events named), Meiqia's current call. */
  Bridge.prototype.hangUpLate = function (value) {
    try {
      if (this.options.provider === 'udesk') {
        var data = value && value.Data;
        var callId = (data && (data.CallID || data.CallId)) || this.lastCallId;
        if (callId) { Promise.resolve(this.sdk.HangupAsync(callId)).catch(function () { }); }
      } else {
        this.sdk.hangup();
      }
    } catch (error) {
      this.sdkLog('could not hang up a call placed after its deadline: ' + (error && error.message), 'error');
    }
  };

  /**
   * Forwards what the vendor SDK's own log callback said (Udesk: new UdeskCCPaasApiClass({ Log: (message, type) => … }))
   * to the dialer's log, and tells the page (bridge.on('sdk-log')). Not kept when disconnected: it is a log, not an event.
   */
  Bridge.prototype.sdkLog = function (message, type) {
    var text = message && typeof message === 'object' && message.message !== undefined ? String(message.message) : JSON.stringify(toJson(message));
    this.send({ type: 'sdk-log', level: type ? String(type) : '', message: text });
    this.emit('sdk-log', { level: type || '', message: text });
  };

  /** The server's clock as this page estimates it (from the welcome's serverTime): deadlines and callback times are on it. */
  Bridge.prototype.serverNow = function () {
    return this.now();
  };

  /**
   * Asks the dialer (request → reply): a promise of the reply's value, rejected with an Error whose code is the reply's
   * (or 'timeout', 'connection-lost'). Made while disconnected, it waits for the next connection.
   */
  Bridge.prototype.request = function (method, args) {
    var self = this;
    return new Promise(function (resolve, reject) {
      var id = 'r' + (++self.requestSeq);
      var entry = { message: { type: 'request', id: id, method: method, args: args || {} }, resolve: resolve, reject: reject, sent: false };
      entry.timer = setTimeout(function () { self.failRequest(id, 'timeout', 'no answer from the dialer in time'); }, self.requestTimeoutMs);
      self.requests[id] = entry;
      entry.sent = self.send(entry.message);
    });
  };

  Bridge.prototype.sendWaitingRequests = function () {
    var self = this;
    Object.keys(this.requests).forEach(function (id) {
      var entry = self.requests[id];
      if (!entry.sent) { entry.sent = self.send(entry.message); }
    });
  };

  /** Requests sent on a connection that ended: their answer is lost with it (the page may ask again; a disposition again is harmless). */
  Bridge.prototype.requestsLost = function () {
    var self = this;
    Object.keys(this.requests).forEach(function (id) {
      if (self.requests[id].sent) { self.failRequest(id, 'connection-lost', 'the connection ended before the dialer answered'); }
    });
  };

  Bridge.prototype.failRequest = function (id, code, message) {
    var entry = this.requests[id];
    if (!entry) { return; }
    delete this.requests[id];
    clearTimeout(entry.timer);
    var error = new Error(message);
    error.code = code;
    entry.reject(error);
  };

  Bridge.prototype.replied = function (message) {
    var entry = this.requests[message.id];
    if (!entry) { return; }
    if (!message.ok) {
      this.failRequest(message.id, message.error && message.error.code, message.error && message.error.message);
      return;
    }
    delete this.requests[message.id];
    clearTimeout(entry.timer);
    entry.resolve(message.value);
  };

  /** Records a disposition for one of this agent's calls: { callbackAt: Date | ISO string | ms, note }. */
  Bridge.prototype.disposition = function (attemptId, code, extra) {
    var args = { attemptId: String(attemptId), code: code };
    extra = extra || {};
    if (extra.callbackAt !== undefined && extra.callbackAt !== null) {
      args.callbackAt = extra.callbackAt instanceof Date ? extra.callbackAt.toISOString() : extra.callbackAt;
    }
    if (extra.note) { args.note = String(extra.note); }
    return this.request('disposition', args);
  };

  /** This agent's callbacks still to be dialled, soonest first. */
  Bridge.prototype.callbacks = function () {
    return this.request('callbacks', {}).then(function (value) { return value.callbacks; });
  };

  Bridge.prototype.dial = function (attemptId) { return this.request('preview', { attemptId: String(attemptId), decision: 'dial' }); };

  Bridge.prototype.skip = function (attemptId) { return this.request('preview', { attemptId: String(attemptId), decision: 'skip' }); };

  Bridge.prototype.offered = function (message) {
    var self = this;
    var offer = {
      attemptId: message.attemptId,
      card: message.card,
      // On this page's clock, for a countdown.
      deadline: message.deadline - this.clockOffset,
      skipAllowed: message.skipAllowed === true,
      onTimeout: message.onTimeout,
      dial: function () { return self.dial(message.attemptId); },
      skip: function () { return self.skip(message.attemptId); }
    };
    this.offers[message.attemptId] = offer;
    this.emit('offer', offer);
  };

  /** Stops for good: no reconnect. */
  Bridge.prototype.close = function () {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.watchdog);
    if (this.socket) { this.socket.close(1000, 'closed by the page'); }
    this.setStatus('disconnected', 'closed');
  };


  /* ---- The record of make-calls in the tab's sessionStorage: it survives a reload of this tab, and only that. ---- */

  /**
   * The sessions a page had and the business ids it handed to its SDK in each, kept in the tab's sessionStorage (one key
   * per provider and agent), written synchronously before each make-call reaches the SDK. A page takes over the record
   * only when it was loaded by a reload of the same tab: the page before it is gone then, and can hand nothing more to
   * the SDK, so the record it left is final. A page opened otherwise (a new or duplicated tab, a restored session) starts
   * empty: another page may still be dialling on those sessions.
   */
  function MakeCallRecord(provider, agentId) {
    this.key = 'autodialer-bridge-make-calls|' + provider + '|' + agentId;
    try { this.storage = global.sessionStorage || null; } catch (e) { this.storage = null; }
  }

  MakeCallRecord.prototype.adopt = function () {
    if (!this.storage) { return []; }
    try {
      var navigation = global.performance && global.performance.getEntriesByType ? global.performance.getEntriesByType('navigation')[0] : null;
      var stored = navigation && navigation.type === 'reload' ? JSON.parse(this.storage.getItem(this.key) || '[]') : [];
      return Array.isArray(stored) ? stored.filter(function (kept) {
        return kept && typeof kept.session === 'string' && Array.isArray(kept.dialled);
      }).slice(-MAKE_CALL_SESSIONS_KEPT) : [];
    } catch (e) {
      return [];
    }
  };

  /** Writes the record; false only when it could neither be written nor removed (then it may be stale: do not dial). */
  MakeCallRecord.prototype.write = function (makeCalls) {
    if (!this.storage) { return true; }
    try {
      this.storage.setItem(this.key, JSON.stringify(makeCalls));
      return true;
    } catch (e) {
      // Full or refused: a record without the newest make-calls must not outlive this page.
      try { this.storage.removeItem(this.key); this.storage = null; return true; } catch (e2) { return false; }
    }
  };

  /* ---- The outbox in IndexedDB: it survives a reload, and a second tab of the agent takes over what the first left. ---- */

  /** The events stored for one dialer, provider and agent; every method resolves (an error is reported, never thrown). */
  function OutboxStore(owner) {
    this.owner = owner;
    this.db = null;
  }

  OutboxStore.DATABASE = 'autodialer-bridge';
  OutboxStore.EVENTS = 'events';

  OutboxStore.prototype.open = function () {
    var self = this;
    return new Promise(function (resolve, reject) {
      if (!global.indexedDB) { reject(new Error('IndexedDB is not available')); return; }
      var request = global.indexedDB.open(OutboxStore.DATABASE, 1);
      request.onupgradeneeded = function () {
        var events = request.result.createObjectStore(OutboxStore.EVENTS, { keyPath: 'id', autoIncrement: true });
        events.createIndex('owner', 'owner');
      };
      request.onsuccess = function () { self.db = request.result; resolve(self); };
      request.onerror = function () { reject(request.error); };
    });
  };

  OutboxStore.prototype.request = function (mode, make) {
    var db = this.db;
    return new Promise(function (resolve, reject) {
      var transaction = db.transaction(OutboxStore.EVENTS, mode);
      var request = make(transaction.objectStore(OutboxStore.EVENTS));
      transaction.oncomplete = function () { resolve(request.result); };
      transaction.onerror = function () { reject(transaction.error); };
      transaction.onabort = function () { reject(transaction.error); };
    });
  };

  /** Resolves the stored record's id. The seq is not stored: a page numbers what it holds itself. */
  OutboxStore.prototype.add = function (message) {
    var event = Object.assign({}, message);
    delete event.seq;
    var owner = this.owner;
    return this.request('readwrite', function (store) { return store.add({ owner: owner, event: event }); });
  };

  OutboxStore.prototype.remove = function (id) {
    return this.request('readwrite', function (store) { return store['delete'](id); });
  };

  /** Every record of this owner, oldest first. */
  OutboxStore.prototype.list = function () {
    var owner = this.owner;
    return this.request('readonly', function (store) { return store.index('owner').getAll(owner); })
      .then(function (records) { return records.sort(function (a, b) { return a.id - b.id; }); });
  };

  /** Opens the agent's stored outbox and takes what an earlier page left; new events wait (unsent) until then. */
  Bridge.prototype.openStoredOutbox = function () {
    var self = this;
    this.outboxReady = false;
    this.storedIds = new Map();   // message → its record's id (a Promise until the write is done)
    this.heldIds = {};            // record ids this page holds
    var dialer = new URL(this.options.dialerUrl || global.location.href, global.location.href).origin;
    this.store = new OutboxStore(dialer + '|' + this.options.provider + '|' + this.agentId);
    this.storeReady = this.store.open().catch(function (error) {
      self.store = null;
      self.report('outbox-not-stored', { reason: error && error.message ? error.message : String(error) });
    });
    this.storeReady.then(function () { return self.adoptStored(); }).then(function () {
      self.outboxReady = true;
      // Nothing was sent yet: everything is numbered again, the stored (older) events first.
      var seq = 0;
      self.outbox.forEach(function (message) { message.seq = ++seq; });
      self.seq = seq;
      self.resendOutbox();
      self.sendCallState();
    });
  };

  /** Takes the stored events this page does not hold (left by an earlier page or another tab); resolves how many. */
  Bridge.prototype.adoptStored = function () {
    var self = this;
    if (!this.store) { return Promise.resolve(0); }
    return this.store.list().then(function (records) {
      var adopted = records.filter(function (record) { return !self.heldIds[record.id]; }).map(function (record) {
        self.heldIds[record.id] = true;
        var message = Object.assign({}, record.event, { seq: 0 });
        self.storedIds.set(message, record.id);
        return message;
      });
      if (adopted.length === 0) { return 0; }
      if (!self.outboxReady) {
        self.outbox = adopted.concat(self.outbox);
      } else {
        adopted.forEach(function (message) { message.seq = ++self.seq; self.outbox.push(message); self.send(message); });
      }
      self.emit('status', { status: self.status, state: 'outbox-restored', restored: adopted.length, pending: self.outbox.length });
      return adopted.length;
    }).catch(function (error) {
      self.report('outbox-not-stored', { reason: error && error.message ? error.message : String(error) });
      return 0;
    });
  };

  /** Queues an event: in memory, in IndexedDB, and on the socket once the stored outbox is read. */
  Bridge.prototype.keep = function (message) {
    var self = this;
    this.outbox.push(message);
    if (this.store) {
      var id = this.storeReady.then(function () { return self.store ? self.store.add(message) : null; }).then(function (key) {
        if (key !== null && key !== undefined) {
          self.heldIds[key] = true;
          // Acked before its write was done: forget it now.
          if (self.storedIds.get(message) === 'settled') { self.store.remove(key); }
          else { self.storedIds.set(message, key); }
        }
        return key;
      }).catch(function (error) {
        self.report('outbox-not-stored', { reason: error && error.message ? error.message : String(error) });
      });
      this.storedIds.set(message, id);
    }
    if (this.outboxReady) { this.send(message); }
  };

  /** Deletes acked or refused events from IndexedDB. */
  Bridge.prototype.forgetStored = function (messages) {
    var self = this;
    messages.forEach(function (message) {
      var id = self.storedIds.get(message);
      if (id === undefined) { return; }
      if (typeof id === 'number') {
        self.storedIds['delete'](message);
        if (self.store) { self.store.remove(id).catch(function () { }); }
      } else {
        self.storedIds.set(message, 'settled');
      }
    });
  };

  /** Everything unacked, in seq order, once the stored outbox is read. */
  Bridge.prototype.resendOutbox = function () {
    if (!this.outboxReady) { return; }
    for (var i = 0; i < this.outbox.length; i++) { this.send(this.outbox[i]); }
  };

  /** A full outbox dropped an event: counted, shown on the badge, reported to the page and to the server. */
  Bridge.prototype.countDropped = function (name) {
    this.droppedCount++;
    this.droppedUnreported++;
    this.indicator.set(this.status, this.droppedCount + ' event' + (this.droppedCount === 1 ? '' : 's') + ' not kept: outbox full');
    this.report('queue-full', { name: name, dropped: this.droppedCount });
    this.reportDropped();
  };

  Bridge.prototype.reportDropped = function () {
    if (this.droppedUnreported > 0 && this.send({ type: 'outbox-full', dropped: this.droppedUnreported })) { this.droppedUnreported = 0; }
  };

  /* ---- What the agent is doing, told to every new session at once. ---- */

  function callIdOf(payload) {
    if (!payload || typeof payload !== 'object') { return null; }
    var data = payload.Data && typeof payload.Data === 'object' ? payload.Data : payload;
    if (Array.isArray(data)) { data = data[0] || {}; }
    return data.CallID || data.uuid || (payload.data && payload.data.uuid) || null;
  }

  /** Follows the agent's state and open calls from the events the page forwards. */
  Bridge.prototype.trackCallState = function (message) {
    var state = this.callState;
    var name = message.name;
    var callId = callIdOf(message.payload);
    var tracked = true;
    if (this.profile.agentState.indexOf(name) >= 0) {
      state.agent = message;
      if (this.profile.agentAndDeviceState.indexOf(name) >= 0) { state.device = null; }
      // Udesk's GetState says which call the agent is on, if any: the others have ended.
      if (name === 'GetState') {
        Object.keys(state.calls).forEach(function (id) { if (id !== callId) { delete state.calls[id]; } });
      }
    } else if (this.profile.deviceState.indexOf(name) >= 0) {
      state.device = message;
    } else if (this.profile.callStarted.indexOf(name) >= 0 && callId) {
      state.calls[callId] = message;
    } else if (this.profile.callEnded.indexOf(name) >= 0) {
      if (callId) { delete state.calls[callId]; } else { state.calls = {}; }
    } else {
      tracked = false;
    }
    if (!tracked) { return; }
    state.known = true;
    this.sendCallState();
  };

  /** { type: 'call-state', known, events, sessions, dialled }: the agent's latest state event, its device's latest mode
   * event when it is newer, then the last event of each open call; the sessions this tab's pages have had (this page's,
   * and those of the page it reloaded) and the business ids handed to the SDK in them. */
  Bridge.prototype.sendCallState = function () {
    if (!this.outboxReady) { return; }
    var state = this.callState;
    var events = [state.agent, state.device].filter(function (message) { return message; })
      .concat(Object.keys(state.calls).map(function (id) { return state.calls[id]; }))
      .map(function (message) { return { name: message.name, timestamp: message.timestamp, payload: message.payload }; });
    var sessions = this.makeCalls.map(function (kept) { return kept.session; });
    var dialled = [].concat.apply([], this.makeCalls.map(function (kept) { return kept.dialled; }));
    this.send({ type: 'call-state', agentId: this.agentId, known: state.known, events: events, sessions: sessions, dialled: dialled });
  };

  global.AutoDialerBridge = {
    version: VERSION,
    attach: function (sdk, options) { return new Bridge(sdk, options || {}); },
    fetchToken: fetchToken,
    /** For Udesk's AppDataProvider.GetToken: resolves { appId, timestamp, token } from the dialer. */
    udeskToken: function (options) { return fetchVendorToken('udesk', options); },
    /** For mqCallSDK.init({ token }): resolves the agent's Meiqia SDK token from the dialer. */
    meiqiaToken: function (options) { return fetchVendorToken('meiqia', options).then(function (body) { return body.token; }); }
  };
})(typeof window !== 'undefined' ? window : this);
