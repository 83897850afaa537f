/*
 * A scriptable fake call center behind the vendor stand-ins (tests only). A test scripts what a number does
 * when dialled, and reads what the SDK was asked to do:
 *   FakeCallCenter.script('+8613800000001', { outcome: 'answer', ringMs: 30, talkMs: 50 });
 *   FakeCallCenter.script('+8613800000002', { outcome: 'hold' });   // make-call never answers
 *   FakeCallCenter.calls  // [{ method, args }]
 * Outcomes: answer, noAnswer, busy, blacklist, refuse (the make-call itself fails), validator (Meiqia's validatorErrorCb),
 * hold (no answer at all).
 */
(function (global) {
  'use strict';
  var scripts = {};
  var fake = {
    calls: [],
    defaultScript: { outcome: 'answer', ringMs: 20, talkMs: 40 },
    sequence: 0,
    script: function (number, script) { scripts[number] = script; },
    scriptFor: function (number) { return scripts[number] || fake.defaultScript; },
    record: function (method, args) { fake.calls.push({ method: method, args: JSON.parse(JSON.stringify(args || [])) }); },
    callsOf: function (method) { return fake.calls.filter(function (c) { return c.method === method; }); },
    nextCallId: function () { fake.sequence++; return 'fake-call-' + fake.sequence + '-' + Math.random().toString(16).slice(2, 8); },
    /** Runs the steps of a call: [[delayMs, fn], …], each after the previous. */
    run: function (steps) {
      var index = 0;
      function next() {
        if (index >= steps.length) { return; }
        var step = steps[index++];
        setTimeout(function () { step[1](); next(); }, step[0]);
      }
      next();
    }
  };
  global.FakeCallCenter = fake;
})(window);
