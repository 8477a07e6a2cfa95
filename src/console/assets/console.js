// Niangjia console: a little vanilla JS on top of server-rendered pages.
(function () {
  'use strict';
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

  function post(url, data) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(data),
    });
  }

  // On a phone tables show as cards: each cell is labelled with its column's heading.
  document.querySelectorAll('table').forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    if (!heads.length) return;
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      var col = 0;
      Array.prototype.forEach.call(tr.children, function (td) {
        var span = td.colSpan || 1;
        if (span === 1 && heads[col] && !td.hasAttribute('data-label')) td.setAttribute('data-label', heads[col]);
        col += span;
      });
    });
  });

  // SLA countdowns.
  function slaText(ms) {
    var abs = Math.abs(ms), h = Math.floor(abs / 3600000), m = Math.floor((abs % 3600000) / 60000);
    var span = h >= 48 ? Math.floor(h / 24) + ' 天 ' + (h % 24) + ' 小时' : h + ' 小时 ' + m + ' 分';
    return ms < 0 ? '超时 ' + span : '剩 ' + span;
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      if (el.dataset.stopped) return;
      var left = new Date(el.dataset.deadline).getTime() - now;
      el.textContent = slaText(left);
      el.classList.toggle('overdue', left < 0);
      el.classList.toggle('soon', left >= 0 && left < 4 * 3600000);
    });
  }
  tick();
  setInterval(tick, 30000);

  // Canned replies fill the reply box.
  document.querySelectorAll('select[data-canned]').forEach(function (sel) {
    sel.addEventListener('change', function () {
      var box = document.getElementById(sel.dataset.canned);
      if (box && sel.value) { box.value = sel.value; box.focus(); }
    });
  });

  document.querySelectorAll('[data-confirm]').forEach(function (el) {
    el.addEventListener('click', function (e) { if (!confirm(el.dataset.confirm)) e.preventDefault(); });
  });

  // Live notice preview, rendered by the server (one escaper, one look).
  var noticeForm = document.querySelector('form[data-notice-form]');
  if (noticeForm) {
    var timer;
    var audience = function () {
      var fd = new FormData(noticeForm);
      var body = { title: fd.get('title'), body: fd.get('body'), link: fd.get('link'),
        tags: fd.getAll('tags'), regions: fd.getAll('regions'), platforms: fd.getAll('platforms') };
      return post('/notices/preview', body).then(function (r) { return r.json(); });
    };
    var refresh = function () {
      audience().then(function (res) {
        var box = document.getElementById('preview');
        if (box && typeof res.html === 'string') box.innerHTML = res.html;
      }).catch(function () {});
    };
    noticeForm.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 300); });
    noticeForm.addEventListener('change', function () { clearTimeout(timer); timer = setTimeout(refresh, 100); });

    // 立即发送 asks with the exact number of groups per platform, counted when the button is pressed.
    var sendButton = noticeForm.querySelector('[data-confirm-audience]');
    var confirmed = false;
    if (sendButton) sendButton.addEventListener('click', function (e) {
      if (confirmed) return;
      e.preventDefault();
      if (!noticeForm.reportValidity()) return;
      audience().then(function (res) {
        if (!res.audience) { alert(res.confirm || '没有符合条件的已订阅群。'); return; }
        if (confirm(res.confirm)) { confirmed = true; noticeForm.requestSubmit(sendButton); }
      }).catch(function () { alert('无法统计发送对象，请稍后再试。'); });
    });
  }

  // Live updates by server-sent events.
  var live = document.querySelector('[data-live]');
  if (live && window.EventSource) {
    var banner = document.getElementById('live-banner');
    var show = function (text) { if (banner) { banner.textContent = text; banner.classList.remove('hidden'); } };
    var es = new EventSource('/events');
    es.addEventListener('open', function () { window.njLive = true; });
    var busy = function () { var a = document.activeElement; return a && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName); };
    var reloadTimer;
    es.addEventListener('ticket', function (ev) {
      var data = JSON.parse(ev.data);
      if (live.dataset.live === 'inbox') {
        // A 转人工 request already shown in the queue needs no reload.
        if (data.kind === 'filed' && document.querySelector('#handoff-queue [data-number="' + data.number + '"]')) return;
        show('工单有新动态（' + data.number + '），正在刷新…');
        clearTimeout(reloadTimer);
        reloadTimer = setTimeout(function () { if (!busy()) location.reload(); else show('工单有新动态，点这里刷新'); }, 1200);
      } else if (live.dataset.live === 'ticket' && data.number === live.dataset.ticket && data.by !== live.dataset.me) {
        show('这个工单刚被 ' + data.by + ' 更新，刷新查看');
      }
    });
    // A worker asking for a person joins the queue at once, with the button that claims the conversation.
    es.addEventListener('handoff', function (ev) {
      var data = JSON.parse(ev.data);
      var queue = document.getElementById('handoff-queue');
      if (!queue || queue.querySelector('[data-number="' + data.number + '"]')) return;
      var list = queue.querySelector('ul');
      if (!list) {
        list = document.createElement('ul');
        queue.appendChild(list);
        var none = queue.querySelector('p.muted');
        if (none) none.remove();
      }
      var li = document.createElement('li');
      li.dataset.number = data.number;
      var link = document.createElement('a');
      link.href = '/tickets/' + data.number;
      link.textContent = data.number;
      li.appendChild(link);
      li.appendChild(document.createTextNode(' ' + data.name + ' · ' + data.platform + ' · 等待自 ' + data.atText));
      li.appendChild(document.createElement('br'));
      var note = document.createElement('span');
      note.className = 'muted';
      note.textContent = data.note;
      li.appendChild(note);
      var form = document.createElement('form');
      form.method = 'post';
      form.action = '/tickets/' + data.number + '/takeover';
      form.className = 'inline';
      var token = document.createElement('input');
      token.type = 'hidden';
      token.name = '_csrf';
      token.value = csrf;
      form.appendChild(token);
      var claim = document.createElement('button');
      claim.type = 'submit';
      claim.className = 'primary';
      claim.textContent = '接入';
      form.appendChild(claim);
      li.appendChild(form);
      list.appendChild(li);
    });
    es.addEventListener('worker', function (ev) {
      var data = JSON.parse(ev.data);
      if (live.dataset.live !== 'ticket' || data.conversationKey !== live.dataset.conversation) return;
      var list = document.getElementById('transcript');
      if (!list) return;
      var li = document.createElement('li');
      li.className = 'worker';
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = '职工 · ' + (data.atText || '');
      li.appendChild(who);
      li.appendChild(document.createTextNode(data.text));
      list.appendChild(li);
    });
    if (banner) banner.addEventListener('click', function () { location.reload(); });
  }
})();
