// AutoDialer dashboard: plain JavaScript, no build step, no network beyond this server.
// Views switch on the URL fragment (#/campaigns, #/campaigns/7, #/upload, #/agents, #/numbers, #/dnc, #/jobs);
// live data arrives as server-sent events from api/events, so nothing needs a reload.
(function () {
  'use strict';

  var texts = window.AutoDialerTexts;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = { header: csrfMeta.getAttribute('data-header'), token: csrfMeta.getAttribute('content') };
  var user = document.querySelector('meta[name="user"]').getAttribute('content');
  var view = document.getElementById('view');
  var stream = null;      // the open EventSource of the current view
  var cleanups = [];      // what the current view must undo when another one replaces it

  // ---------- language ----------
  var lang = pickLanguage();
  function pickLanguage() {
    var saved = localStorage.getItem('autodialer.lang');
    if (saved === 'zh' || saved === 'en') return saved;
    var preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
    for (var i = 0; i < preferred.length; i++) {
      var l = String(preferred[i]).toLowerCase();
      if (l.indexOf('zh') === 0) return 'zh';
      if (l.indexOf('en') === 0) return 'en';
    }
    return 'en';
  }
  function t(key, params) {
    var s = (texts[lang] && texts[lang][key]) || texts.en[key] || key;
    if (params) Object.keys(params).forEach(function (k) { s = s.split('{' + k + '}').join(params[k]); });
    return s;
  }
  // The Hangfire Dashboard (the Jobs link) is rendered by the server: it reads the language from this cookie.
  function shareLanguage() {
    document.cookie = 'autodialer.lang=' + lang + '; path=/; SameSite=Strict';
  }
  function applyStaticTexts() {
    shareLanguage();
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-t]').forEach(function (el) { el.textContent = t(el.getAttribute('data-t')); });
    document.getElementById('lang').textContent = t('lang_switch');
    document.title = t('brand');
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('autodialer.lang', lang);
    applyStaticTexts();
    route();
  });
  if (user) document.getElementById('logout').classList.remove('hidden');

  // ---------- helpers ----------
  function esc(v) {
    return String(v === null || v === undefined ? '' : v).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fmtInt(n) { return Number(n || 0).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'); }
  function fmtPct(x) { return x === null || x === undefined ? '—' : (Math.round(x * 1000) / 10) + '%'; }
  function fmtTime(iso) {
    if (!iso) return '—';
    var d = new Date(iso);
    return isNaN(d) ? '—' : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
  }
  function fmtDuration(seconds) {
    if (seconds === null || seconds === undefined) return t('eta_none');
    seconds = Math.max(0, Math.round(seconds));
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d) return d + 'd ' + h + 'h';
    if (h) return h + 'h ' + m + 'm';
    if (m) return m + 'm ' + s + 's';
    return s + 's';
  }
  function fmtBytes(n) {
    if (n >= 1 << 30) return (n / (1 << 30)).toFixed(2) + ' GB';
    if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MB';
    if (n >= 1024) return (n / 1024).toFixed(1) + ' KB';
    return n + ' B';
  }
  function el(html) { var d = document.createElement('div'); d.innerHTML = html.trim(); return d.firstChild; }
  function toast(message, isError) {
    var node = el('<div class="toast' + (isError ? ' error' : '') + '" role="status"></div>');
    node.textContent = message;
    document.body.appendChild(node);
    setTimeout(function () { node.remove(); }, 4000);
  }

  // Every call goes to this server only. State-changing calls carry the antiforgery token the page was given.
  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json' };
    var method = options.method || 'GET';
    if (method !== 'GET') headers[csrf.header] = csrf.token;
    var body = options.body;
    if (options.json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(options.json); }
    return fetch('api/' + path, { method: method, headers: headers, body: body, credentials: 'same-origin' }).then(function (r) {
      var type = r.headers.get('Content-Type') || '';
      var parsed = type.indexOf('json') >= 0 ? r.json() : r.text();
      return parsed.then(function (data) {
        if (r.ok) return data;
        var message = (data && (data.detail || data.title)) || (r.status + ' ' + r.statusText);
        if (data && data.errors) message += '\n' + Object.keys(data.errors).map(function (k) { return (k ? k + ': ' : '') + data.errors[k].join(' '); }).join('\n');
        var error = new Error(message); error.status = r.status; error.problem = data;
        throw error;
      });
    });
  }

  // One EventSource per view; topics are the server's (campaigns, campaign:ID, agents, jobs, uploads).
  function live(topics, handlers) {
    if (stream) stream.close();
    var indicator = document.getElementById('live');
    stream = new EventSource('api/events?topics=' + encodeURIComponent(topics.join(',')));
    stream.onopen = function () { indicator.className = 'live on'; indicator.textContent = t('live'); };
    stream.onerror = function () { indicator.className = 'live'; indicator.textContent = t('offline'); };
    topics.forEach(function (topic) {
      stream.addEventListener(topic, function (e) { handlers[topic](JSON.parse(e.data)); });
    });
  }

  function stateBadge(state) { return '<span class="badge ' + esc(state) + '" data-state="' + esc(state) + '">' + esc(t('state_' + state)) + '</span>'; }

  function progressBar(p, testId) {
    var total = Math.max(1, p.contacts);
    function w(n) { return (100 * n / total).toFixed(3) + '%'; }
    var finished = p.done + p.suppressed;
    return '<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="' + p.contacts + '" aria-valuenow="' + finished + '"' +
      ' data-testid="' + esc(testId) + '" data-done="' + p.done + '" data-answered="' + p.answered + '" data-failed="' + p.failed +
      '" data-suppressed="' + p.suppressed + '" data-pending="' + p.remaining + '" title="' +
      esc(t('answered') + ' ' + p.answered + ' · ' + t('failed') + ' ' + p.failed + ' · ' + t('suppressed') + ' ' + p.suppressed + ' · ' + t('pending') + ' ' + p.remaining) + '">' +
      '<span class="answered" style="width:' + w(p.answered) + '"></span>' +
      '<span class="failed" style="width:' + w(p.failed) + '"></span>' +
      '<span class="suppressed" style="width:' + w(p.suppressed) + '"></span>' +
      '<span class="dialing" style="width:' + w(p.dialing) + '"></span></div>';
  }
  function legend(p) {
    return '<div class="legend">' +
      '<span><i style="background:var(--ok)"></i>' + esc(t('answered')) + ' ' + fmtInt(p.answered) + '</span>' +
      '<span><i style="background:var(--bad)"></i>' + esc(t('failed')) + ' ' + fmtInt(p.failed) + '</span>' +
      '<span><i style="background:var(--grey)"></i>' + esc(t('suppressed')) + ' ' + fmtInt(p.suppressed) + '</span>' +
      '<span><i style="background:#7ea3ea"></i>' + esc(t('dialing')) + ' ' + fmtInt(p.dialing) + '</span>' +
      '<span><i style="background:var(--rest)"></i>' + esc(t('pending')) + ' ' + fmtInt(p.pending + p.deferred) + '</span></div>';
  }
  function rateText(p) { return p.attempts_per_second > 0 ? t('per_min', { n: fmtInt(Math.round(p.attempts_per_second * 60)) }) : '—'; }

  function commandButtons(c) {
    var allowed = { draft: ['start', 'cancel'], running: ['pause', 'cancel'], paused: ['resume', 'cancel'] }[c.state] || [];
    return allowed.map(function (cmd) {
      return '<button type="button" class="' + (cmd === 'cancel' ? 'danger' : cmd === 'pause' ? 'secondary' : '') + '" data-command="' + cmd +
        '" data-campaign="' + c.id + '" data-name="' + esc(c.name) + '" data-testid="' + cmd + '-' + c.id + '">' + esc(t(cmd)) + '</button>';
    }).join(' ');
  }
  function onCommandClick(container, after) {
    container.addEventListener('click', function (e) {
      var b = e.target.closest('button[data-command]');
      if (!b) return;
      var cmd = b.getAttribute('data-command');
      if (cmd === 'cancel' && !confirm(t('confirm_cancel', { name: b.getAttribute('data-name') }))) return;
      b.disabled = true;
      api('campaigns/' + b.getAttribute('data-campaign') + '/' + cmd, { method: 'POST' })
        .then(function (c) { if (after) after(c); })
        .catch(function (err) { toast(err.message, true); })
        .then(function () { b.disabled = false; });
    });
  }

  // ---------- charts: hand-written SVG ----------
  var outcomeColours = { answered: '#2e9e5b', no_answer: '#9aa3b2', busy: '#d99a1e', rejected: '#c46a2b', failed: '#d2463c', blacklisted: '#6b2fa8', invalid: '#7b4a3a', unknown: '#4f5b73' };
  function outcomeChart(outcomes) {
    var keys = Object.keys(outcomes || {}).sort(function (a, b) { return outcomes[b] - outcomes[a]; });
    if (!keys.length) return '<p class="muted">' + esc(t('no_data')) + '</p>';
    var max = Math.max.apply(null, keys.map(function (k) { return outcomes[k]; }));
    var rowH = 26, labelW = 110, width = 520, barW = width - labelW - 70;
    var svg = '<svg class="chart" data-testid="outcome-chart" viewBox="0 0 ' + width + ' ' + (keys.length * rowH + 4) + '" role="img" aria-label="' + esc(t('outcomes')) + '">';
    keys.forEach(function (k, i) {
      var y = i * rowH + 4, w = Math.max(2, barW * outcomes[k] / max);
      svg += '<text x="' + (labelW - 8) + '" y="' + (y + 14) + '" text-anchor="end">' + esc(k) + '</text>' +
        '<rect x="' + labelW + '" y="' + (y + 2) + '" width="' + w.toFixed(1) + '" height="16" rx="3" fill="' + (outcomeColours[k] || '#2455c3') + '"></rect>' +
        '<text x="' + (labelW + w + 6) + '" y="' + (y + 14) + '">' + fmtInt(outcomes[k]) + '</text>';
    });
    return svg + '</svg>';
  }
  function hourlyChart(hours) {
    var width = 560, height = 180, left = 34, bottom = 20, top = 10;
    var max = Math.max(1, Math.max.apply(null, hours.map(function (h) { return h.attempts; })));
    var colW = (width - left) / 24;
    var svg = '<svg class="chart" data-testid="hourly-chart" viewBox="0 0 ' + width + ' ' + height + '" role="img" aria-label="' + esc(t('calls_per_hour')) + '">';
    (max >= 4 ? [0, 0.5, 1] : [0, 1]).forEach(function (f) {
      var y = top + (height - top - bottom) * (1 - f);
      svg += '<line x1="' + left + '" x2="' + width + '" y1="' + y + '" y2="' + y + '" stroke="#e3e7ee"></line>' +
        '<text x="' + (left - 4) + '" y="' + (y + 4) + '" text-anchor="end">' + fmtInt(Math.round(max * f)) + '</text>';
    });
    hours.forEach(function (h) {
      var x = left + h.hour * colW + 2, usable = height - top - bottom;
      var ha = usable * h.attempts / max, hb = usable * h.answered / max;
      svg += '<rect x="' + x.toFixed(1) + '" y="' + (top + usable - ha).toFixed(1) + '" width="' + (colW - 4).toFixed(1) + '" height="' + ha.toFixed(1) + '" fill="#9db7ee"><title>' + h.hour + ':00 ' + h.attempts + '</title></rect>' +
        '<rect x="' + x.toFixed(1) + '" y="' + (top + usable - hb).toFixed(1) + '" width="' + (colW - 4).toFixed(1) + '" height="' + hb.toFixed(1) + '" fill="#2e9e5b"></rect>';
      if (h.hour % 3 === 0) svg += '<text x="' + (x + colW / 2 - 2) + '" y="' + (height - 5) + '" text-anchor="middle">' + h.hour + '</text>';
    });
    return svg + '</svg>';
  }

  // ---------- views ----------
  function campaignsView() {
    view.innerHTML =
      '<h1>' + esc(t('campaigns')) + '</h1>' +
      '<div class="panel"><form id="new-campaign" class="row">' +
      '<strong>' + esc(t('new_campaign')) + '</strong>' +
      '<input name="name" required maxlength="200" placeholder="' + esc(t('name')) + '" data-testid="new-campaign-name">' +
      '<input name="time_zone" value="Asia/Shanghai" placeholder="' + esc(t('time_zone')) + '">' +
      '<button type="submit" data-testid="new-campaign-create">' + esc(t('create')) + '</button></form></div>' +
      '<div class="panel scroll"><table class="responsive" data-testid="campaigns"><thead><tr>' +
      '<th>' + esc(t('name')) + '</th><th>' + esc(t('state')) + '</th><th style="width:34%">' + esc(t('progress')) + '</th>' +
      '<th class="num">' + esc(t('contacts')) + '</th><th class="num">' + esc(t('rate')) + '</th><th class="num">' + esc(t('eta')) + '</th><th>' + esc(t('actions')) + '</th>' +
      '</tr></thead><tbody id="campaign-rows"><tr><td colspan="7" class="muted">' + esc(t('loading')) + '</td></tr></tbody></table></div>' +
      '<p class="muted" id="quarantine" data-testid="quarantined-events"></p>';
    var rows = document.getElementById('campaign-rows');
    // Vendor events PostgreSQL refused: set aside so they block nothing, but an operator should know they exist.
    api('events/quarantine?limit=1').then(function (q) {
      var text = t('quarantined', { n: fmtInt(q.count) });
      if (q.recent.length) text += ' — ' + t('quarantined_latest', { reason: q.recent[0].reason });
      var line = document.getElementById('quarantine');
      if (line) { line.textContent = text; line.className = q.count ? 'badge warn' : 'muted'; }
    }).catch(function () { });
    function render(list) {
      if (!list.length) { rows.innerHTML = '<tr><td colspan="7" class="muted">' + esc(t('no_campaigns')) + '</td></tr>'; return; }
      rows.innerHTML = list.map(function (c) {
        var p = c.progress;
        return '<tr data-campaign-id="' + c.id + '">' +
          '<td data-label="' + esc(t('name')) + '"><a href="#/campaigns/' + c.id + '">' + esc(c.name) + '</a></td>' +
          '<td data-label="' + esc(t('state')) + '">' + stateBadge(c.state) + '</td>' +
          '<td data-label="' + esc(t('progress')) + '">' + progressBar(p, 'progress-' + c.id) + '</td>' +
          '<td class="num" data-label="' + esc(t('contacts')) + '">' + fmtInt(p.contacts) + '</td>' +
          '<td class="num" data-label="' + esc(t('rate')) + '">' + rateText(p) + '</td>' +
          '<td class="num" data-label="' + esc(t('eta')) + '">' + fmtDuration(p.eta_seconds) + '</td>' +
          '<td data-label="' + esc(t('actions')) + '"><div class="row">' + commandButtons(c) + '</div></td></tr>';
      }).join('');
    }
    onCommandClick(rows);
    document.getElementById('new-campaign').addEventListener('submit', function (e) {
      e.preventDefault();
      var f = e.target;
      api('campaigns', { method: 'POST', json: { name: f.name.value, time_zone: f.time_zone.value } })
        .then(function (c) { location.hash = '#/campaigns/' + c.id; })
        .catch(function (err) { toast(err.message, true); });
    });
    live(['campaigns'], { campaigns: render });
  }

  function campaignView(id) {
    view.innerHTML = '<p class="muted">' + esc(t('loading')) + '</p>';
    api('campaigns/' + id).then(function (c) {
      view.innerHTML =
        '<h1><span data-testid="campaign-name">' + esc(c.name) + '</span> <span id="c-state">' + stateBadge(c.state) + '</span>' +
        '<span class="row" id="c-commands">' + commandButtons(c) + '</span></h1>' +
        '<div class="panel"><div id="c-progress">' + progressBar(c.progress, 'campaign-progress') + legend(c.progress) + '</div>' +
        '<p class="muted small" id="c-rate"></p>' +
        '<div class="row"><a class="button secondary" href="#/upload?campaign=' + c.id + '">' + esc(t('upload_list')) + '</a>' +
        '<a class="button secondary" href="api/campaigns/' + c.id + '/export.csv" download data-testid="export">' + esc(t('export_csv')) + '</a></div></div>' +
        '<div class="panel"><h2>' + esc(t('why_title')) + ' <span class="muted small" id="c-why-at"></span></h2><div id="c-why" data-testid="diagnostics"></div></div>' +
        '<div class="grid2"><div class="panel"><h2>' + esc(t('outcomes')) + '</h2><div id="c-outcomes"></div></div>' +
        '<div class="panel"><h2>' + esc(t('calls_per_hour')) + ' <span class="muted small" id="c-day"></span></h2><div id="c-hours"></div></div></div>' +
        '<div class="panel"><h2>' + esc(t('attempts')) + '</h2>' +
        '<form id="a-filter" class="row" style="margin-bottom:8px">' +
        '<select name="outcome" data-testid="filter-outcome"><option value="">' + esc(t('outcome')) + ': ' + esc(t('any')) + '</option>' +
        ['answered', 'no_answer', 'busy', 'rejected', 'failed', 'blacklisted', 'invalid', 'unknown'].map(function (o) { return '<option>' + o + '</option>'; }).join('') + '</select>' +
        '<select name="status"><option value="">' + esc(t('status')) + ': ' + esc(t('any')) + '</option>' +
        ['dialing', 'placed', 'unknown', 'settled'].map(function (s) { return '<option>' + s + '</option>'; }).join('') + '</select>' +
        '<input name="agent_id" placeholder="' + esc(t('agent')) + '" size="10">' +
        '<input name="phone" placeholder="' + esc(t('phone')) + '" size="14" inputmode="tel">' +
        '<button type="submit">' + esc(t('filter')) + '</button></form>' +
        '<div class="scroll"><table class="responsive" data-testid="attempts"><thead><tr><th>' + esc(t('time')) + '</th><th>' + esc(t('phone')) + '</th><th>' + esc(t('agent')) +
        '</th><th>' + esc(t('caller_number')) + '</th><th>' + esc(t('status')) + '</th><th>' + esc(t('outcome')) + '</th><th class="num">' + esc(t('ring')) + '</th><th class="num">' + esc(t('talk')) +
        '</th><th>' + esc(t('contact_now')) + '</th></tr></thead><tbody id="a-rows"></tbody></table></div>' +
        '<p><button type="button" class="secondary hidden" id="a-more">' + esc(t('more')) + '</button></p></div>';

      var whyAt = 0;
      function loadDiagnostics() {
        whyAt = Date.now() + 15000;
        api('campaigns/' + id + '/diagnostics').then(function (d) {
          var el = document.getElementById('c-why');
          if (!el) return;
          var rows = Object.keys(d.reasons).filter(function (r) { return d.reasons[r] > 0; });
          el.innerHTML = '<p data-testid="diagnostics-ready">' + esc(t('why_ready', { n: fmtInt(d.ready) })) + '</p>' +
            (rows.length === 0 ? '<p class="muted">' + esc(t('why_none')) + '</p>' :
              '<table><tbody>' + rows.map(function (r) {
                return '<tr data-reason="' + esc(r) + '"><td>' + esc(t('reason_' + r)) + '</td><td class="num">' + fmtInt(d.reasons[r]) + '</td></tr>';
              }).join('') + '</tbody></table>');
          document.getElementById('c-why-at').textContent = t('why_counted', { t: fmtTime(d.computed_at) });
        }).catch(function (err) { toast(err.message, true); });
      }
      loadDiagnostics();

      var filter = {}, offset = 0, pageSize = 50;
      function loadAttempts(append) {
        var body = Object.assign({ limit: pageSize, offset: offset }, filter);
        api('campaigns/' + id + '/attempts/search', { method: 'POST', json: body }).then(function (rows) {
          var html = rows.map(function (a) {
            return '<tr><td data-label="' + esc(t('time')) + '">' + fmtTime(a.created_at) + '</td><td data-label="' + esc(t('phone')) + '">' + esc(a.phone) +
              '</td><td data-label="' + esc(t('agent')) + '">' + esc(a.agent_id) + '</td><td data-label="' + esc(t('caller_number')) + '">' + esc(a.caller_number || '') +
              '</td><td data-label="' + esc(t('status')) + '">' + esc(a.status) + '</td><td data-label="' + esc(t('outcome')) + '">' + (a.outcome ? '<span class="badge">' + esc(a.outcome) + '</span>' : '') +
              (a.vendor_message ? ' <span class="muted small">' + esc(a.vendor_code || '') + ' ' + esc(a.vendor_message) + '</span>' : '') +
              '</td><td class="num" data-label="' + esc(t('ring')) + '">' + (a.ring_seconds == null ? '' : a.ring_seconds + 's') +
              '</td><td class="num" data-label="' + esc(t('talk')) + '">' + (a.talk_seconds == null ? '' : fmtDuration(a.talk_seconds)) +
              '</td><td data-label="' + esc(t('contact_now')) + '" data-testid="contact-now">' + (a.contact_wait_reason ? esc(t('reason_' + a.contact_wait_reason)) +
                (a.contact_state === 'pending' ? ' <span class="muted small">' + esc(t('next_at', { t: fmtTime(a.contact_next_due_at) })) + '</span>' : '') : '') + '</td></tr>';
          }).join('');
          var tbody = document.getElementById('a-rows');
          if (!tbody) return;
          if (append) tbody.insertAdjacentHTML('beforeend', html); else tbody.innerHTML = html || '<tr><td colspan="9" class="muted">' + esc(t('no_data')) + '</td></tr>';
          document.getElementById('a-more').classList.toggle('hidden', rows.length < pageSize);
        }).catch(function (err) { toast(err.message, true); });
      }
      document.getElementById('a-filter').addEventListener('submit', function (e) {
        e.preventDefault();
        var f = e.target;
        filter = {};
        ['outcome', 'status', 'agent_id', 'phone'].forEach(function (k) { if (f[k].value) filter[k] = f[k].value; });
        offset = 0;
        loadAttempts(false);
      });
      document.getElementById('a-more').addEventListener('click', function () { offset += pageSize; loadAttempts(true); });
      loadAttempts(false);
      onCommandClick(document.getElementById('c-commands'), function (updated) { renderState(updated.state, updated); });

      function renderState(state, campaign) {
        document.getElementById('c-state').innerHTML = stateBadge(state);
        document.getElementById('c-commands').innerHTML = commandButtons({ id: c.id, name: c.name, state: state });
      }
      var lastState = c.state, refreshAttemptsAt = 0;
      live(['campaign:' + id], {
        ['campaign:' + id]: function (data) {
          if (!data) return;
          var p = data.progress;
          document.getElementById('c-progress').innerHTML = progressBar(p, 'campaign-progress') + legend(p);
          document.getElementById('c-rate').textContent = t('rate') + ': ' + rateText(p) + ' · ' + t('eta') + ': ' + fmtDuration(p.eta_seconds);
          document.getElementById('c-outcomes').innerHTML = outcomeChart(data.outcomes);
          document.getElementById('c-day').textContent = data.day;
          document.getElementById('c-hours').innerHTML = hourlyChart(data.hours);
          if (p.state !== lastState) { lastState = p.state; renderState(p.state); loadDiagnostics(); }
          if (Date.now() > whyAt) loadDiagnostics();
          // The table follows new attempts too, but at most every 5 s and only on its first page.
          if (offset === 0 && Date.now() > refreshAttemptsAt) { refreshAttemptsAt = Date.now() + 5000; loadAttempts(false); }
        }
      });
    }).catch(function (err) { view.innerHTML = '<p class="error">' + esc(err.message) + '</p>'; });
  }

  function uploadView(params) {
    view.innerHTML =
      '<h1>' + esc(t('upload')) + '</h1>' +
      '<div class="panel"><div class="row" style="margin-bottom:12px"><label>' + esc(t('campaign')) + ' <select id="u-campaign" data-testid="upload-campaign"><option value="">' + esc(t('choose_campaign')) + '</option></select></label></div>' +
      '<div class="drop" id="u-drop" data-testid="drop-zone">' + esc(t('drop_here')) + ' <label class="button secondary">' + esc(t('choose_file')) +
      '<input type="file" id="u-file" accept=".csv,.txt,text/csv" hidden data-testid="upload-file"></label></div>' +
      '<div id="u-status" class="hidden"><p id="u-status-text" data-testid="upload-status"></p><div class="meter"><span id="u-meter" style="width:0"></span></div></div>' +
      '<div id="u-report"></div></div>' +
      '<div class="panel scroll"><h2>' + esc(t('recent_uploads')) + '</h2><table class="responsive"><thead><tr><th>' + esc(t('file')) + '</th><th>' + esc(t('campaign')) +
      '</th><th class="num">' + esc(t('size')) + '</th><th>' + esc(t('status')) + '</th><th class="num">' + esc(t('rows')) + '</th><th>' + esc(t('time')) + '</th></tr></thead><tbody id="u-recent"></tbody></table></div>';

    var select = document.getElementById('u-campaign');
    api('campaigns').then(function (list) {
      list.filter(function (c) { return c.state !== 'cancelled' && c.state !== 'completed'; }).forEach(function (c) {
        var o = document.createElement('option'); o.value = c.id; o.textContent = c.name; select.appendChild(o);
      });
      if (params.campaign) select.value = params.campaign;
    });

    var current = null; // the upload this page is following
    function showStatus(text, fraction, isError) {
      document.getElementById('u-status').classList.remove('hidden');
      var s = document.getElementById('u-status-text');
      s.textContent = text; s.className = isError ? 'error' : '';
      document.getElementById('u-meter').style.width = (100 * Math.max(0, Math.min(1, fraction))).toFixed(1) + '%';
    }
    function follow(upload) {
      if (!current || upload.id !== current) return;
      if (upload.status === 'queued') showStatus(t('queued'), 0);
      else if (upload.status === 'importing') showStatus(t('importing', { rows: fmtInt(upload.rows_read), p: fmtPct(upload.progress) }), upload.progress);
      else if (upload.status === 'failed') { showStatus(t('upload_failed') + ': ' + (upload.error || ''), 1, true); current = null; }
      else if (upload.status === 'imported') { showStatus(t('imported'), 1); showReport(upload.id); current = null; }
    }
    function showReport(uploadId) {
      api('uploads/' + uploadId + '/report?first=20').then(function (r) {
        var reasons = Object.keys(r.by_reason);
        document.getElementById('u-report').innerHTML =
          '<h2>' + esc(t('report')) + ' — ' + esc(r.file_name) + '</h2>' +
          '<div class="cards" data-testid="report-counts">' +
          [['rows', r.rows], ['accepted', r.accepted], ['rejected', r.rejected], ['duplicates', r.duplicates], ['suppressed', r.suppressed]].map(function (x) {
            return '<div class="card"><div class="muted small">' + esc(t(x[0])) + '</div><div style="font-size:22px" data-count="' + x[0] + '">' + fmtInt(x[1]) + '</div></div>';
          }).join('') + '</div>' +
          '<p class="muted small">' + esc(t('encoding')) + ': ' + esc(r.encoding) + ' · ' + esc(t('delimiter')) + ': ' + esc(r.delimiter === '\t' ? 'TAB' : r.delimiter) + '</p>' +
          (reasons.length ? '<div class="grid2"><div><h2>' + esc(t('by_reason')) + '</h2><table data-testid="report-reasons"><thead><tr><th>' + esc(t('reason')) + '</th><th class="num">' + esc(t('count')) + '</th></tr></thead><tbody>' +
            reasons.map(function (k) { return '<tr><td>' + esc(k) + '</td><td class="num">' + fmtInt(r.by_reason[k]) + '</td></tr>'; }).join('') + '</tbody></table></div>' +
            '<div><h2>' + esc(t('first_rejects')) + '</h2><div class="scroll"><table data-testid="report-rejects"><thead><tr><th class="num">' + esc(t('line')) + '</th><th>' + esc(t('reason')) + '</th><th>' + esc(t('fields')) + '</th></tr></thead><tbody>' +
            r.first_rejects.map(function (x) { return '<tr><td class="num">' + x.line + '</td><td>' + esc(x.reason) + '</td><td>' + esc(x.fields.join(' | ')) + '</td></tr>'; }).join('') +
            '</tbody></table></div></div></div>' +
            '<p><a class="button secondary" href="api/uploads/' + uploadId + '/rejects.csv" download data-testid="download-rejects">' + esc(t('download_rejects')) + '</a></p>'
            : '<p>' + esc(t('no_rejects')) + '</p>');
      }).catch(function (err) { toast(err.message, true); });
    }
    function send(file) {
      if (!select.value) { toast(t('choose_campaign'), true); return; }
      document.getElementById('u-report').innerHTML = '';
      var form = new FormData();
      form.append('file', file, file.name);
      // XMLHttpRequest rather than fetch: it reports upload progress, which matters for a 1 GB list.
      var xhr = new XMLHttpRequest();
      xhr.open('POST', 'api/campaigns/' + select.value + '/uploads');
      xhr.setRequestHeader(csrf.header, csrf.token);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) showStatus(t('uploading', { p: fmtPct(e.loaded / e.total) }), e.loaded / e.total); };
      xhr.onload = function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        if (xhr.status === 202 && data) { current = data.id; follow(data); api('uploads/' + data.id).then(follow); }
        else showStatus((data && (data.detail || data.title)) + (data && data.errors ? ' ' + JSON.stringify(data.errors) : ''), 1, true);
      };
      xhr.onerror = function () { showStatus(t('error'), 1, true); };
      xhr.send(form);
    }
    var drop = document.getElementById('u-drop');
    ['dragenter', 'dragover'].forEach(function (n) { drop.addEventListener(n, function (e) { e.preventDefault(); drop.classList.add('over'); }); });
    ['dragleave', 'drop'].forEach(function (n) { drop.addEventListener(n, function (e) { e.preventDefault(); drop.classList.remove('over'); }); });
    drop.addEventListener('drop', function (e) { if (e.dataTransfer.files.length) send(e.dataTransfer.files[0]); });
    document.getElementById('u-file').addEventListener('change', function (e) { if (e.target.files.length) send(e.target.files[0]); e.target.value = ''; });

    live(['uploads'], {
      uploads: function (list) {
        document.getElementById('u-recent').innerHTML = list.map(function (u) {
          return '<tr><td data-label="' + esc(t('file')) + '">' + esc(u.file_name) + '</td><td data-label="' + esc(t('campaign')) + '">' + esc(u.campaign_name) +
            '</td><td class="num" data-label="' + esc(t('size')) + '">' + fmtBytes(u.size_bytes) + '</td><td data-label="' + esc(t('status')) + '"><span class="badge ' +
            (u.status === 'failed' ? 'bad' : u.status === 'imported' ? 'ok' : 'warn') + '">' + esc(u.status) + '</span>' +
            (u.error ? ' <span class="error small">' + esc(u.error) + '</span>' : '') + '</td><td class="num" data-label="' + esc(t('rows')) + '">' + fmtInt(u.rows_read) +
            '</td><td data-label="' + esc(t('time')) + '">' + fmtTime(u.created_at) + '</td></tr>';
        }).join('');
        list.forEach(follow);
      }
    });
  }

  function agentsView() {
    view.innerHTML = '<h1>' + esc(t('agents')) + '</h1><div id="agents" class="cards" data-testid="agents"><p class="muted">' + esc(t('loading')) + '</p></div>';
    live(['agents'], {
      agents: function (list) {
        var box = document.getElementById('agents');
        if (!list.length) { box.innerHTML = '<p class="muted">' + esc(t('no_agents')) + '</p>'; return; }
        box.innerHTML = list.map(function (a) {
          return '<div class="card" data-agent="' + esc(a.agent_id) + '"><h3><span>' + esc(a.agent_id) + '</span><span class="badge ' + esc(a.state) + '">' + esc(t('agent_' + a.state)) + '</span></h3>' +
            '<div class="muted small">' + esc(a.provider_account) + (a.state_since ? ' · ' + esc(t('since', { t: fmtTime(a.state_since) })) : '') + '</div>' +
            '<dl class="kv"><dt>' + esc(t('current_call')) + '</dt><dd>' + esc(a.current_phone || '—') + '</dd>' +
            '<dt>' + esc(t('calls_today')) + '</dt><dd>' + fmtInt(a.calls_today) + ' (' + esc(t('answered')) + ' ' + fmtInt(a.answered_today) + ')</dd>' +
            '<dt>' + esc(t('talk_today')) + '</dt><dd>' + fmtDuration(a.talk_seconds_today) + '</dd>' +
            '<dt>' + esc(t('utilisation')) + '</dt><dd>' + fmtPct(a.utilisation) + '</dd>' +
            '<dt>' + esc(t('campaigns_of')) + '</dt><dd>' + esc(a.campaigns.join(', ') || '—') + '</dd></dl></div>';
        }).join('');
      }
    });
  }

  function numbersView() {
    view.innerHTML = '<h1>' + esc(t('numbers')) + '</h1><div class="panel scroll"><table class="responsive" data-testid="numbers"><thead><tr>' +
      '<th>' + esc(t('number')) + '</th><th>' + esc(t('campaign')) + '</th><th>' + esc(t('area')) + '</th><th style="width:26%">' + esc(t('use_today')) + '</th>' +
      '<th class="num">' + esc(t('answer_rate')) + '</th><th>' + esc(t('status')) + '</th></tr></thead><tbody id="n-rows"><tr><td colspan="6" class="muted">' + esc(t('loading')) + '</td></tr></tbody></table></div>';
    function load() {
      api('caller-numbers').then(function (list) {
        var rows = document.getElementById('n-rows');
        if (!rows) return;
        if (!list.length) { rows.innerHTML = '<tr><td colspan="6" class="muted">' + esc(t('no_numbers')) + '</td></tr>'; return; }
        rows.innerHTML = list.map(function (n) {
          var capped = n.daily_cap > 0, frac = capped ? Math.min(1, n.used_today / n.daily_cap) : 0;
          return '<tr data-number="' + esc(n.id) + '"><td data-label="' + esc(t('number')) + '">' + esc(n.number) + ' <span class="muted small">' + esc(n.id) + '</span></td>' +
            '<td data-label="' + esc(t('campaign')) + '">' + esc(n.campaign_name) + '</td><td data-label="' + esc(t('area')) + '">' + esc(n.area_code || '—') + '</td>' +
            '<td data-label="' + esc(t('use_today')) + '"><div>' + fmtInt(n.used_today) + ' / ' + (capped ? fmtInt(n.daily_cap) : esc(t('unlimited'))) + '</div>' +
            (capped ? '<div class="meter"><span style="width:' + (100 * frac).toFixed(1) + '%;background:' + (frac >= 1 ? 'var(--bad)' : 'var(--accent)') + '"></span></div>' : '') + '</td>' +
            '<td class="num" data-label="' + esc(t('answer_rate')) + '">' + fmtPct(n.answer_rate) + ' <span class="muted small">(' + n.recent_answered + '/' + n.recent_calls + ')</span></td>' +
            '<td data-label="' + esc(t('status')) + '">' + (n.rested ? '<span class="badge warn">' + esc(t('rested_until', { t: fmtTime(n.rested_until) })) + '</span>' : '<span class="badge ok">' + esc(t('in_use')) + '</span>') + '</td></tr>';
        }).join('');
      }).catch(function (err) { toast(err.message, true); });
    }
    load();
    // Number use changes with every call; the campaigns feed ticks when calls happen, so reload on it.
    live(['campaigns'], { campaigns: load });
  }

  function dncView() {
    view.innerHTML = '<h1>' + esc(t('dnc')) + '</h1><div class="grid2"><div class="panel"><h2>' + esc(t('dnc_numbers')) + '</h2>' +
      '<textarea id="d-numbers" data-testid="dnc-numbers"></textarea><div class="row" style="margin-top:8px">' +
      '<button type="button" id="d-add">' + esc(t('add')) + '</button><button type="button" class="secondary" id="d-remove">' + esc(t('remove')) + '</button>' +
      '<button type="button" class="secondary" id="d-lookup">' + esc(t('lookup')) + '</button>' +
      '<label class="button secondary">' + esc(t('dnc_upload')) + '<input type="file" id="d-file" hidden accept=".csv,.txt"></label></div>' +
      '<p id="d-result" class="notice hidden" data-testid="dnc-result"></p></div>' +
      '<div class="panel scroll"><h2 id="d-total"></h2><table><thead><tr><th>' + esc(t('phone')) + '</th><th>' + esc(t('source')) + '</th><th>' + esc(t('added_at')) + '</th></tr></thead><tbody id="d-rows"></tbody></table></div></div>';
    function numbers() { return document.getElementById('d-numbers').value.split(/\r?\n/).map(function (s) { return s.trim(); }).filter(Boolean); }
    function result(text) { var r = document.getElementById('d-result'); r.textContent = text; r.classList.remove('hidden'); }
    function load() {
      api('dnc?limit=50').then(function (page) {
        document.getElementById('d-total').textContent = t('total', { n: fmtInt(page.total) });
        document.getElementById('d-rows').innerHTML = page.entries.map(function (e) {
          return '<tr><td>' + esc(e.phone) + '</td><td>' + esc(e.source) + '</td><td>' + fmtTime(e.added_at) + '</td></tr>';
        }).join('');
      });
    }
    function added(r) { result(t('dnc_added', { added: r.added, already: r.already_listed, suppressed: r.contacts_suppressed, invalid: r.invalid.length })); load(); }
    document.getElementById('d-add').addEventListener('click', function () {
      api('dnc', { method: 'POST', json: { numbers: numbers() } }).then(added).catch(function (err) { toast(err.message, true); });
    });
    document.getElementById('d-remove').addEventListener('click', function () {
      api('dnc/remove', { method: 'POST', json: { numbers: numbers() } }).then(function (r) {
        result(t('dnc_removed', { removed: r.removed, restored: r.contacts_restored, invalid: r.invalid.length })); load();
      }).catch(function (err) { toast(err.message, true); });
    });
    document.getElementById('d-lookup').addEventListener('click', function () {
      var n = numbers()[0];
      if (!n) return;
      api('dnc/lookup', { method: 'POST', json: { number: n } }).then(function (r) { result(r.phone + ': ' + t(r.listed ? 'listed' : 'not_listed')); })
        .catch(function (err) { toast(err.message, true); });
    });
    document.getElementById('d-file').addEventListener('change', function (e) {
      if (!e.target.files.length) return;
      var form = new FormData(); form.append('file', e.target.files[0], e.target.files[0].name);
      api('dnc/upload', { method: 'POST', body: form }).then(added).catch(function (err) { toast(err.message, true); });
      e.target.value = '';
    });
    load();
  }

  // Jobs are the Hangfire Dashboard's (history, retries, failures with their exceptions, servers): an old #/jobs link goes there.
  function jobsView() {
    location.replace('hangfire');
  }

  // ---------- routing ----------
  function route() {
    cleanups.forEach(function (f) { f(); }); cleanups = [];
    if (stream) { stream.close(); stream = null; }
    var hash = location.hash.replace(/^#\/?/, '');
    var query = {}, qi = hash.indexOf('?');
    if (qi >= 0) { hash.slice(qi + 1).split('&').forEach(function (kv) { var p = kv.split('='); query[decodeURIComponent(p[0])] = decodeURIComponent(p[1] || ''); }); hash = hash.slice(0, qi); }
    var parts = hash.split('/').filter(Boolean);
    var name = parts[0] || 'campaigns';
    document.querySelectorAll('#nav a').forEach(function (a) { a.classList.toggle('active', a.getAttribute('data-view') === name); });
    var fresh = view.cloneNode(false); view.parentNode.replaceChild(fresh, view); view = fresh; // drops the old view's listeners
    if (name === 'campaigns' && parts[1]) campaignView(parts[1]);
    else if (name === 'upload') uploadView(query);
    else if (name === 'agents') agentsView();
    else if (name === 'numbers') numbersView();
    else if (name === 'dnc') dncView();
    else if (name === 'jobs') jobsView();
    else campaignsView();
  }
  window.addEventListener('hashchange', route);
  applyStaticTexts();
  route();
})();
