/*
 * Stand-in for Meiqia's call SDK (callcenter-sdk-v1.js), tests only: the documented class MQCallSDK with init,
 * the success/error callback methods, answer()/hangup() without callbacks, chainable on(), and the documented
 * events with the common data ("通用返回数据") or agentInitStatus' { callAgentStatus, outNumber }, over
 * window.FakeCallCenter.
 */
(function (global) {
  'use strict';
  var fake = global.FakeCallCenter;

  /*
   * What the document does not say, as switches (the same names as MeiqiaAssumptions.StandIn in C#); a test sets
   * MQCallSDK.assumptions before dialling and runs its flow under each setting:
   *   blackListUuid: 'call' (blackList carries the call's uuid) | 'empty' (a call refused before ringing has none)
   *   callingBeforeBlackList: false (blackList is the call's only event) | true (calling comes first)
   */
  var assumptions = { blackListUuid: 'call', callingBeforeBlackList: false };

  function MQCallSDK() {
    this.handlers = {};
    this.token = null;
    this.status = 1;
    this.outNumber = '02161230001';
    this.current = null;
    this.tokens = [];
  }

  MQCallSDK.prototype.on = function (name, handler) {
    (this.handlers[name] = this.handlers[name] || []).push(handler);
    return this;
  };

  MQCallSDK.prototype.emit = function (name, data) {
    (this.handlers[name] || []).forEach(function (h) { h(data); });
  };

  MQCallSDK.prototype.common = function (action, call) {
    return {
      sip: '8001', customer: call ? call.number : '', action: action, user_agent: 'JsSIP', uuid: call ? call.id : '',
      trunk_number: call ? call.outNumber : this.outNumber, trunk_number_name: '', queue_name: ''
    };
  };

  MQCallSDK.prototype.init = function (options) {
    var self = this;
    this.token = options.token;
    this.tokens.push(options.token);
    setTimeout(function () {
      if (!self.token) { options.error && options.error('no token'); return; }
      options.success && options.success('ok');
      self.emit('register', self.common('register'));
      self.emit('agentInitStatus', { callAgentStatus: self.status, outNumber: self.outNumber });
    }, 0);
  };

  MQCallSDK.prototype.call = function (options) {
    fake.record('call', [{ client: options.client }]);
    var self = this;
    var client = options.client || {};
    if (!client.number && !client.privacyNumber) { options.validatorErrorCb && options.validatorErrorCb('number or privacyNumber is required'); return; }
    if (client.userData && client.userData.length > 300) { options.validatorErrorCb && options.validatorErrorCb('userData is longer than 300'); return; }
    var script = fake.scriptFor(client.number);
    if (script.outcome === 'hold') { return; }
    if (script.outcome === 'refuse') { options.error && options.error('外呼失败'); return; }
    if (script.outcome === 'validator') { options.validatorErrorCb && options.validatorErrorCb('号码格式不正确'); return; }
    if (this.current) { options.error && options.error('agent busy'); return; }
    var call = { id: fake.nextCallId(), number: client.number, outNumber: client.outNumber || this.outNumber };
    this.current = call;
    options.success && options.success();
    if (script.outcome === 'blacklist') {
      var steps = [];
      if (assumptions.callingBeforeBlackList) { steps.push([0, function () { self.emit('calling', self.common('calling', call)); }]); }
      steps.push([5, function () {
        self.current = null;
        var data = self.common('blackList', call);
        if (assumptions.blackListUuid === 'empty') { data.uuid = ''; }
        self.emit('blackList', data);
      }]);
      fake.run(steps);
      return;
    }
    fake.run([
      [0, function () { self.emit('calling', self.common('calling', call)); }],
      [script.ringMs || 10, function () { if (script.outcome === 'answer') { self.emit('answer', self.common('answer', call)); } }],
      [script.outcome === 'answer' ? (script.talkMs || 10) : 0, function () { self.current = null; self.emit('hangup', self.common('hangup', call)); }]
    ]);
  };

  MQCallSDK.prototype.answer = function () { fake.record('answer', []); };

  MQCallSDK.prototype.hangup = function () {
    fake.record('hangup', []);
    var call = this.current;
    if (call) { this.current = null; this.emit('hangup', this.common('hangup', call)); }
  };

  function simple(name, effect) {
    return function (options) {
      options = options || {};
      var args = Object.assign({}, options);
      delete args.success; delete args.error;
      fake.record(name, [args]);
      var result = effect ? effect.call(this, options) : undefined;
      setTimeout(function () { options.success && options.success(result); }, 0);
    };
  }

  MQCallSDK.prototype.setAgentStatus = simple('setAgentStatus', function (o) { this.status = o.status; });
  MQCallSDK.prototype.getAgentRule = simple('getAgentRule', function () {
    return {
      default_rule: 2,
      agent_numbers: { default_number: '02161230001', numbers: ['02161230001', '02161230002'], updated_at: '' },
      agent_groups: [{ id: 2, name: 'Shanghai', rule_type: 2, numbers: ['02161239999'], is_default: 1, updated_at: '' }]
    };
  });
  MQCallSDK.prototype.setOutNumber = simple('setOutNumber', function (o) { this.outNumber = o.data && (o.data.number || 'group' + o.data.group_id); });
  MQCallSDK.prototype.refreshToken = simple('refreshToken', function (o) { this.token = o.token; this.tokens.push(o.token); });
  MQCallSDK.prototype.muteCall = simple('muteCall');
  MQCallSDK.prototype.unmuteCall = simple('unmuteCall');
  MQCallSDK.prototype.holdCall = simple('holdCall');
  MQCallSDK.prototype.unholdCall = simple('unholdCall');
  MQCallSDK.prototype.transferCall = simple('transferCall');

  MQCallSDK.assumptions = assumptions;
  global.MQCallSDK = MQCallSDK;
})(window);
