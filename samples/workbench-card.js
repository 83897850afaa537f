/*
 * AutoDialer's contact card for a sample workbench page (Chinese and English): who is being called, what the earlier
 * attempts said, the agent's disposition, the agent's callbacks, and preview offers with their countdown.
 *
 *   AutoDialerCard.mount(bridge, document.getElementById('card'), { lang: 'zh' | 'en' });
 *
 * Everything the dialer sends is put on the page as text (textContent), never as markup. A real workbench renders its
 * own card from the same bridge events: bridge.on('call'), bridge.on('offer'), bridge.disposition(), bridge.callbacks().
 */
(function (global) {
  'use strict';

  var TEXTS = {
    zh: {
      title: '客户信息', waiting: '等待来电分配…', campaign: '活动', attempt: '第 {0} 次，共 {1} 次', history: '此前拨打',
      none: '无', callback: '预约回拨', disposition: '通话结果', callbackAt: '回拨时间', note: '备注', save: '保存',
      saved: '已保存', refused: '未保存', callbacks: '我的回拨', refresh: '刷新', noCallbacks: '暂无回拨',
      preview: '预览：{0} 秒后{1}', dialNow: '立即拨打', skip: '跳过', willDial: '自动拨打', willSkip: '自动跳过',
      offerEnded: '预览结束：{0}', dialling: '正在拨打', owner: '专属至 {0}', waitReason: '等待原因：{0}', language: 'English'
    },
    en: {
      title: 'Contact', waiting: 'Waiting for a call…', campaign: 'Campaign', attempt: 'Attempt {0} of {1}', history: 'Earlier attempts',
      none: 'none', callback: 'Callback', disposition: 'Disposition', callbackAt: 'Call back at', note: 'Note', save: 'Save',
      saved: 'Saved', refused: 'Not saved', callbacks: 'My callbacks', refresh: 'Refresh', noCallbacks: 'No callbacks',
      preview: 'Preview: {1} in {0} s', dialNow: 'Dial now', skip: 'Skip', willDial: 'dialling', willSkip: 'skipping',
      offerEnded: 'Preview ended: {0}', dialling: 'Dialling', owner: 'yours until {0}', waitReason: 'waiting: {0}', language: '中文'
    }
  };

  function format(text) {
    var args = Array.prototype.slice.call(arguments, 1);
    return text.replace(/\{(\d)\}/g, function (_, i) { return String(args[Number(i)]); });
  }

  function el(tag, attributes, text) {
    var node = global.document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function localInput(date) {
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  function Card(bridge, root, options) {
    this.bridge = bridge;
    this.root = root;
    this.lang = options.lang === 'en' ? 'en' : 'zh';
    this.card = null;
    this.offer = null;
    this.state = 'waiting';
    this.result = null;
    this.callbackList = null;
    this.timer = null;
    var self = this;
    bridge.on('call', function (card) { self.card = card; self.offer = null; self.state = 'call'; self.result = null; self.render(); });
    bridge.on('offer', function (offer) { self.card = offer.card; self.offer = offer; self.state = 'offer'; self.result = null; self.render(); self.tick(); });
    bridge.on('offer-ended', function (ended) {
      if (self.offer && String(self.offer.attemptId) === String(ended.attemptId)) {
        self.offer = null;
        self.state = 'ended:' + ended.answer;
        self.render();
      }
    });
    this.render();
  }

  Card.prototype.t = function (key) { return TEXTS[this.lang][key]; };

  Card.prototype.label = function (code) {
    var found = (this.card && this.card.dispositions || []).filter(function (d) { return d.code === code; })[0];
    return found ? (this.lang === 'zh' ? found.labelZh : found.labelEn) : code;
  };

  Card.prototype.tick = function () {
    var self = this;
    clearInterval(this.timer);
    this.timer = setInterval(function () {
      if (!self.offer) { clearInterval(self.timer); return; }
      var countdown = self.root.querySelector('[data-card="countdown"]');
      if (countdown) { countdown.textContent = self.countdownText(); }
    }, 250);
  };

  Card.prototype.countdownText = function () {
    var seconds = Math.max(0, Math.ceil((this.offer.deadline - Date.now()) / 1000));
    return format(this.t('preview'), seconds, this.offer.onTimeout === 'skip' ? this.t('willSkip') : this.t('willDial'));
  };

  Card.prototype.render = function () {
    var self = this;
    var root = this.root;
    root.textContent = '';
    root.setAttribute('data-state', this.state);
    var head = el('h2', {}, this.t('title'));
    var switcher = el('button', { type: 'button', 'data-card': 'language' }, this.t('language'));
    switcher.addEventListener('click', function () { self.lang = self.lang === 'zh' ? 'en' : 'zh'; self.render(); });
    head.appendChild(el('span', {}, ' '));
    head.appendChild(switcher);
    root.appendChild(head);
    if (!this.card) {
      root.appendChild(el('p', { 'data-card': 'waiting' }, this.t('waiting')));
      this.renderCallbacks();
      return;
    }

    var card = this.card;
    root.setAttribute('data-attempt', card.attemptId);
    root.appendChild(el('p', { 'data-card': 'campaign' }, this.t('campaign') + ': ' + card.campaign.name));
    root.appendChild(el('p', { 'data-card': 'name', 'class': 'name' }, card.contact.name || ''));
    root.appendChild(el('p', { 'data-card': 'number', 'class': 'number' }, card.contact.number));
    root.appendChild(el('p', { 'data-card': 'attempt' }, format(this.t('attempt'), card.attempt, card.budget)));
    var attributes = el('dl', { 'data-card': 'attributes' });
    Object.keys(card.contact.attributes || {}).forEach(function (key) {
      attributes.appendChild(el('dt', {}, key));
      attributes.appendChild(el('dd', { 'data-attribute': key }, card.contact.attributes[key]));
    });
    root.appendChild(attributes);
    if (card.callback) {
      root.appendChild(el('p', { 'data-card': 'callback' }, this.t('callback') + ': ' + new Date(card.callback.at).toLocaleString() +
        (card.callback.note ? ' · ' + card.callback.note : '')));
    }
    var history = el('ol', { 'data-card': 'history' });
    (card.history || []).forEach(function (h) {
      history.appendChild(el('li', {}, new Date(h.at).toLocaleString() + ' · ' + (h.outcome || '…') + (h.disposition ? ' · ' + self.label(h.disposition) : '')));
    });
    root.appendChild(el('p', {}, this.t('history') + (card.history && card.history.length ? ':' : ': ' + this.t('none'))));
    root.appendChild(history);

    if (this.offer) {
      var offer = this.offer;
      var box = el('div', { 'data-card': 'offer' });
      box.appendChild(el('p', { 'data-card': 'countdown' }, this.countdownText()));
      var dial = el('button', { type: 'button', 'data-card': 'dial' }, this.t('dialNow'));
      dial.addEventListener('click', function () { offer.dial().catch(function (e) { self.showResult(false, e.code + ': ' + e.message); }); });
      box.appendChild(dial);
      if (offer.skipAllowed) {
        var skip = el('button', { type: 'button', 'data-card': 'skip' }, this.t('skip'));
        skip.addEventListener('click', function () { offer.skip().catch(function (e) { self.showResult(false, e.code + ': ' + e.message); }); });
        box.appendChild(skip);
      }
      root.appendChild(box);
    } else if (this.state.indexOf('ended:') === 0) {
      root.appendChild(el('p', { 'data-card': 'offer-ended' }, format(this.t('offerEnded'), this.state.slice(6))));
    }

    if (this.state === 'call' || this.state === 'ended:dial' || this.state === 'ended:timed-out') { this.renderDisposition(); }
    if (this.result) { root.appendChild(this.result); }
    this.renderCallbacks();
  };

  Card.prototype.renderDisposition = function () {
    var self = this;
    var card = this.card;
    var form = el('form', { 'data-card': 'disposition' });
    form.appendChild(el('h3', {}, this.t('disposition')));
    var code = el('select', { name: 'code', 'data-card': 'code' });
    card.dispositions.forEach(function (d) {
      var option = el('option', { value: d.code, 'data-effect': d.effect }, self.lang === 'zh' ? d.labelZh : d.labelEn);
      code.appendChild(option);
    });
    form.appendChild(code);
    var when = el('label', { 'data-card': 'callback-at-label' }, this.t('callbackAt') + ' ');
    var at = el('input', { type: 'datetime-local', name: 'callbackAt', 'data-card': 'callback-at' });
    // Default: an hour from now on the dialer's clock.
    at.value = localInput(new Date(this.bridge.serverNow() + 3600000));
    when.appendChild(at);
    form.appendChild(when);
    var note = el('textarea', { name: 'note', 'data-card': 'note', rows: '2', placeholder: this.t('note') });
    form.appendChild(note);
    var save = el('button', { type: 'submit', 'data-card': 'save' }, this.t('save'));
    form.appendChild(save);
    function showWhen() {
      var selected = code.options[code.selectedIndex];
      when.style.display = selected && selected.getAttribute('data-effect') === 'callback' ? '' : 'none';
    }
    code.addEventListener('change', showWhen);
    showWhen();
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var selected = code.options[code.selectedIndex];
      var extra = { note: note.value || undefined };
      if (selected.getAttribute('data-effect') === 'callback') { extra.callbackAt = new Date(at.value); }
      self.bridge.disposition(card.attemptId, code.value, extra).then(function (answer) {
        self.showResult(true, self.t('saved') + ': ' + self.label(code.value) + ' → ' + answer.contactState + (answer.dueAt ? ' ' + new Date(answer.dueAt).toLocaleString() : ''));
        self.loadCallbacks();
      }, function (error) {
        self.showResult(false, self.t('refused') + ': ' + error.code + ' — ' + error.message);
      });
    });
    this.root.appendChild(form);
  };

  Card.prototype.showResult = function (ok, text) {
    var previous = this.root.querySelector('[data-card="result"]');
    this.result = el('p', { 'data-card': 'result', 'data-ok': ok ? 'true' : 'false' }, text);
    if (previous) { previous.parentNode.replaceChild(this.result, previous); } else { this.root.appendChild(this.result); }
  };

  Card.prototype.renderCallbacks = function () {
    var self = this;
    var box = el('div', { 'data-card': 'callbacks' });
    var heading = el('h3', {}, this.t('callbacks') + ' ');
    var refresh = el('button', { type: 'button', 'data-card': 'refresh-callbacks' }, this.t('refresh'));
    refresh.addEventListener('click', function () { self.loadCallbacks(); });
    heading.appendChild(refresh);
    box.appendChild(heading);
    var list = el('ul', { 'data-card': 'callback-list' });
    if (this.callbackList) {
      if (this.callbackList.length === 0) { list.appendChild(el('li', {}, this.t('noCallbacks'))); }
      this.callbackList.forEach(function (c) {
        list.appendChild(el('li', { 'data-contact': String(c.contactId) }, new Date(c.at).toLocaleString() + ' · ' + (c.name || '') + ' · ' + c.number +
          ' · ' + format(self.t('owner'), new Date(c.ownerUntil).toLocaleTimeString()) + (c.waitReason ? ' · ' + format(self.t('waitReason'), c.waitReason) : '') +
          (c.note ? ' · ' + c.note : '')));
      });
    }
    box.appendChild(list);
    this.root.appendChild(box);
  };

  Card.prototype.loadCallbacks = function () {
    var self = this;
    return this.bridge.callbacks().then(function (callbacks) { self.callbackList = callbacks; self.render(); }, function () { /* shown next time */ });
  };

  global.AutoDialerCard = {
    mount: function (bridge, root, options) { return new Card(bridge, root, options || {}); }
  };
})(window);
