/*
 * Stand-in for Udesk's CCPaaS API SDK 2.1.0 (call-center-class.es6.js), tests only: the documented class
 * UdeskCCPaasApiClass with its AppDataProvider, constructor options, Init/Destroy, on/off, the promise methods
 * with the { Code, Message, Data, Visible } envelope, and the documented events and payload fields, over
 * window.FakeCallCenter.
 */
(function (global) {
  'use strict';
  var fake = global.FakeCallCenter;

  /*
   * What the document does not say, as switches (the same names as UdeskAssumptions.StandIn in C#); a test sets
   * UdeskCCPaasApiClass.assumptions before dialling and runs its flow under each setting:
   *   hangupCause: 'field' (ConnectionCleared's Data carries HangupCause) | 'absent' (only the documented fields)
   *   workflow: 'out_direct' | 'out_callback' (the document's only outbound example: WorkFlow "out_callback", CallType "OtherIn")
   */
  var assumptions = { hangupCause: 'field', workflow: 'out_direct' };

  function envelope(data) { return { Code: '0000', Data: data === undefined ? null : data, Message: '', Visible: false }; }
  function failure(code, message) { return { Code: code, Data: null, Message: message, Visible: true }; }

  class AppDataProvider {
    GetToken() { return Promise.reject(new Error('GetToken must be overridden')); }
  }

  class UdeskCCPaasApiClass {
    constructor(options) {
      this.options = options || {};
      this.handlers = {};
      this.state = 'idle';
      this.subState = '0';
      this.call = null;
      // List ids are not numbers (the document calls them "id"): a caller number is selected by its trunk's id.
      this.trunks = [{ id: 'sp-101', name: '02161230001' }, { id: 'sp-102', name: '02161230002' }];
      this.pools = [{ id: 'pool-7', name: 'Shanghai pool' }];
      this.selected = { type: 1, id: 'sp-101' };
      this.token = null;
      this.initError = null;
    }

    Init() {
      var self = this;
      return this.options.AppDataProvider.GetToken().then(function (token) {
        // Section 三: GetToken resolves response.data = { appId, timestamp, token } (租户唯一标识, 鉴权用的时间戳, 鉴权token).
        // Anything else cannot authenticate: no Ready.
        var missing = ['appId', 'timestamp', 'token'].filter(function (k) { return !token || typeof token[k] !== 'string' || !token[k]; });
        if (missing.length > 0) {
          self.initError = 'GetToken resolved without ' + missing.join(', ') + ': ' + JSON.stringify(token);
          throw failure('', self.initError);
        }
        self.token = token;
        self.emit('Ready', envelope([{ CurExtState: 'idle', CurMode: 'voip', CurState: self.state }]));
      });
    }

    Destroy() { this.handlers = {}; }

    on(name, handler) { (this.handlers[name] = this.handlers[name] || []).push(handler); return this; }

    off(name) { delete this.handlers[name]; return this; }

    emit(name, payload) { (this.handlers[name] || []).forEach(function (h) { h(payload); }); }

    setState(state) {
      var old = this.state;
      this.state = state;
      this.emit('AgentStateChanged', envelope([{ CurState: state, CurStateSubId: '0', OldState: old }]));
    }

    callData(call) {
      return {
        CallID: call.id, AgentInfo: {}, CustomerInfo: { City: '', Number: call.number }, FromQueue: '',
        DisplayNum: call.display, WorkFlow: assumptions.workflow, CallAuthority: '',
        CallType: assumptions.workflow === 'out_callback' ? 'OtherIn' : 'Outbound'
      };
    }

    MakeCallAsync(number, options) {
      fake.record('MakeCallAsync', [number, options]);
      var self = this;
      var script = fake.scriptFor(number);
      if (script.outcome === 'hold') { return new Promise(function () {}); }
      if (script.outcome === 'refuse') {
        // Section 三: the constructor's Log(message, type) gets the SDK's errors, e.g. { message: "外呼失败" }.
        if (this.options.Log) { this.options.Log({ message: '外呼失败' }, 'error'); }
        return Promise.reject(failure('5001', '外呼失败'));
      }
      if (this.state !== 'idle' || this.call) { return Promise.reject(failure('5002', 'agent busy')); }
      var call = { id: fake.nextCallId(), number: number, display: this.displayNumber(), bizId: options && options.BizId };
      this.call = call;
      if (assumptions.workflow === 'out_callback') {
        // Callback mode, as UdeskAssumptions says: the agent's phone rings first (Delivered); the customer's leg starts
        // (Originated) only once the agent picked up. Script { agentAnswers: false }: the agent never does.
        var legs = [
          [0, function () { self.setState('busy'); self.emit('Delivered', envelope(self.callData(call))); }]
        ];
        if (script.agentAnswers === false) {
          legs.push([script.ringMs || 10, function () { self.call = null; self.emit('ConnectionCleared', envelope(self.callData(call))); }]);
          legs.push([script.wrapUpMs || 10, function () { self.setState('idle'); }]);
          fake.run(legs);
          return Promise.resolve(envelope(null));
        }
        legs.push([script.ringMs || 10, function () { self.emit('Originated', envelope(self.callData(call))); }]);
        fake.run(legs.concat(this.customerLeg(call, script)));
        return Promise.resolve(envelope(null));
      }
      fake.run([
        [0, function () { self.setState('busy'); self.emit('Originated', envelope(self.callData(call))); }],
        [script.ringMs || 10, function () { self.emit('Delivered', envelope(self.callData(call))); }]
      ].concat(this.customerLeg(call, script)));
      return Promise.resolve(envelope(null));
    }

    /** The customer's phone: answered or not, then the hang-up and the agent's wrap-up. */
    customerLeg(call, script) {
      var self = this;
      return [
        [script.ringMs || 10, function () {
          if (script.outcome === 'answer') { self.emit('Established', envelope(self.callData(call))); }
        }],
        [script.outcome === 'answer' ? (script.talkMs || 10) : 0, function () {
          var data = self.callData(call);
          if (assumptions.hangupCause === 'field' && script.outcome === 'busy') { data.HangupCause = 'USER_BUSY'; }
          if (assumptions.hangupCause === 'field' && script.outcome === 'noAnswer') { data.HangupCause = 'NO_ANSWER'; }
          self.call = null;
          self.emit('ConnectionCleared', envelope(data));
        }],
        [script.wrapUpMs || 10, function () { self.setState('idle'); }]
      ];
    }

    HangupAsync(callId) { fake.record('HangupAsync', [callId]); return Promise.resolve(envelope(null)); }

    AnswerAsync() { fake.record('AnswerAsync', []); return Promise.resolve(envelope(null)); }

    SetAgentStateAsync(state, subState) {
      fake.record('SetAgentStateAsync', subState === undefined ? [state] : [state, subState]);
      this.setState(state);
      return Promise.resolve(envelope(null));
    }

    GetAgentStatesAsync() {
      return Promise.resolve(envelope([{ Code: 'idle', Label: '空闲' }, { Code: 'busy', Label: '忙碌' }, { Code: 'onBreak', Label: '小休' }, { Code: 'offline', Label: '离线' }]));
    }

    displayNumber() {
      var self = this;
      var trunk = this.selected.type === 1 && this.trunks.filter(function (t) { return t.id === self.selected.id; })[0];
      return trunk ? trunk.name : '';
    }

    GetNumberPoolAndSpNumAsync(options) {
      fake.record('GetNumberPoolAndSpNumAsync', [options]);
      var type = Number(options && options.type);
      var list = type === 1 ? this.trunks : this.pools;
      var selected = this.selected.type === type ? this.selected.id : null;
      return Promise.resolve(envelope({ list: list, defaultId: selected }));
    }

    SetSpNumberPoolNumAsync(options) {
      fake.record('SetSpNumberPoolNumAsync', [options]);
      var type = Number(options.type);
      var id = String(options.id);
      // "选中相应的号码池或者中继号的id": only an id of the list can be selected.
      var known = (type === 1 ? this.trunks : this.pools).some(function (item) { return item.id === id; });
      if (!known) { return Promise.reject(failure('', 'no ' + (type === 1 ? 'trunk number' : 'number pool') + ' with id ' + id)); }
      this.selected = { type: type, id: id };
      return Promise.resolve(envelope({}));
    }

    GetOtherAgentsAsync(options) {
      fake.record('GetOtherAgentsAsync', [options]);
      var agents = [
        { AgentId: '78', AppId: this.options.AppId, Email: 'diandian@test.cn', Enable: true, ExtState: 0, Name: 'a78', Role: 'agent', State: 1, WorkId: '', WrapUpTime: 0 },
        { AgentId: '79', AppId: this.options.AppId, Email: '', Enable: true, ExtState: 0, Name: 'a79', Role: 'agent', State: 2, WorkId: '', WrapUpTime: 0 }
      ];
      return Promise.resolve(envelope(options && options.State === 'idle' ? agents.slice(0, 1) : agents));
    }
  }

  UdeskCCPaasApiClass.AppDataProvider = AppDataProvider;
  UdeskCCPaasApiClass.assumptions = assumptions;
  global.UdeskCCPaasApiClass = UdeskCCPaasApiClass;
})(window);
