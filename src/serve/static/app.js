// rasoat workbench client: uploads with per-file progress, status polling, keyboard review,
// letter editing. Document text is only ever set with textContent (never innerHTML from data),
// except rows the server rendered and escaped (row_html).
'use strict';
(() => {
  const csrf = () => document.querySelector('meta[name=csrf]')?.content ?? '';
  const $ = (s, r = document) => r.querySelector(s);
  const $$ = (s, r = document) => [...r.querySelectorAll(s)];
  const page = document.body.dataset.page;

  async function api(method, url, body) {
    const headers = { 'x-csrf-token': csrf() };
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const r = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
    const type = r.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await r.json() : await r.blob();
    if (!r.ok) throw new Error((data && data.error) || `Lỗi ${r.status}`);
    return data;
  }
  const say = (el, text, bad) => {
    if (!el) return;
    el.textContent = text;
    el.classList.toggle('bad', !!bad);
  };

  $('#logout')?.addEventListener('click', async () => {
    await api('POST', '/api/logout', {});
    location.href = '/login';
  });

  // ------------------------------------------------------------ login
  $('#login-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      await api('POST', '/api/login', { name: f.get('name'), password: f.get('password') });
      location.href = '/';
    } catch (err) {
      say($('#login-msg'), err.message, true);
    }
  });

  // ------------------------------------------------------------ rounds
  $('#new-round')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    say($('#round-msg'), 'Đang đọc văn bản gốc…');
    try {
      const r = await api('POST', '/api/rounds', new FormData(e.target));
      location.href = `/rounds/${r.round.id}`;
    } catch (err) {
      say($('#round-msg'), err.message, true);
    }
  });

  // ------------------------------------------------------------ round: uploads and statuses
  if (page === 'round') {
    const round = document.body.dataset.round;
    const list = $('#uploads');
    const upload = (file) =>
      new Promise((resolve) => {
        const li = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = file.name;
        const bar = document.createElement('progress');
        bar.max = 100;
        bar.value = 0;
        const msg = document.createElement('span');
        msg.className = 'msg';
        li.append(name, ' ', bar, ' ', msg);
        list.append(li);
        const fd = new FormData();
        const rev = $('#revision-of')?.value;
        if (rev) fd.append('revision_of', rev);
        fd.append('file', file, file.name);
        const x = new XMLHttpRequest();
        x.open('POST', `/api/rounds/${round}/plans`);
        x.setRequestHeader('x-csrf-token', csrf());
        x.upload.onprogress = (ev) => {
          if (ev.lengthComputable) bar.value = Math.round((ev.loaded / ev.total) * 100);
        };
        x.onload = () => {
          let data = {};
          try {
            data = JSON.parse(x.responseText);
          } catch {}
          bar.value = 100;
          if (x.status === 201) {
            li.className = 'ok';
            msg.textContent = 'Đã lưu, đang chờ phân tích.';
          } else {
            li.className = 'bad';
            msg.textContent = data.error || (data.rejected && data.rejected[0] && data.rejected[0].message) || `Lỗi ${x.status}`;
          }
          resolve();
          poll();
        };
        x.onerror = () => {
          li.className = 'bad';
          msg.textContent = 'Mất kết nối khi tải lên.';
          resolve();
        };
        x.send(fd);
      });
    const send = async (files) => {
      // three at a time: progress per file, the server stores each before answering
      const q = [...files];
      const run = async () => {
        while (q.length) await upload(q.shift());
      };
      await Promise.all([run(), run(), run()]);
    };
    const drop = $('#drop');
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      send(e.dataTransfer.files);
    });
    $('#files').addEventListener('change', (e) => {
      send(e.target.files);
      e.target.value = '';
    });
    let timer = null;
    async function poll() {
      clearTimeout(timer);
      let data;
      try {
        data = await api('GET', `/api/rounds/${round}/plans`);
      } catch {
        timer = setTimeout(poll, 3000);
        return;
      }
      const tbody = $('#plans tbody');
      const tpl = document.createElement('template');
      tpl.innerHTML = data.plans.map((p) => p.row_html).join('');
      tbody.replaceChildren(...tpl.content.children);
      if (data.plans.some((p) => p.status === 'queued' || p.status === 'analysing')) timer = setTimeout(poll, 1500);
    }
    // a plan's issuer, number and date typed by the reviewer (a text without its header)
    document.addEventListener('submit', async (e) => {
      const f = e.target.closest('.meta-form');
      if (!f) return;
      e.preventDefault();
      const v = (n) => f.elements[n].value.trim() || null;
      try {
        await api('PUT', `/api/plans/${f.dataset.plan}/meta`, { issuer: v('issuer'), symbol: v('symbol'), date: v('date') });
        poll();
      } catch (err) {
        alert(err.message);
      }
    });
    document.addEventListener('click', async (e) => {
      const b = e.target.closest('.reanalyse');
      if (!b) return;
      await api('POST', `/api/plans/${b.dataset.plan}/reanalyse`, {});
      poll();
    });
    $('#new-base')?.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await api('POST', `/api/rounds/${round}/base`, new FormData(e.target));
        say($('#base-msg'), `Đã thay văn bản gốc (phiên bản ${r.version}); các kế hoạch đang được phân tích lại.`);
        poll();
      } catch (err) {
        say($('#base-msg'), err.message, true);
      }
    });
    poll();
  }

  // ------------------------------------------------------------ review: keyboard and verdicts
  if (page === 'review') {
    const plan = document.body.dataset.plan;
    const cards = $$('.finding');
    let cur = -1;
    const focus = (i) => {
      if (!cards.length) return;
      cur = Math.max(0, Math.min(cards.length - 1, i));
      cards.forEach((c, j) => c.classList.toggle('current', j === cur));
      cards[cur].focus({ preventScroll: true });
      cards[cur].scrollIntoView({ block: 'center' });
    };
    // the decisions' labels are the vocabulary's (src/vocab/columns.ts), carried by the action buttons
    const LABEL = Object.fromEntries($$('[data-act][data-label]').map((b) => [b.dataset.act, b.dataset.label]));
    const render = (card, v) => {
      const box = $('.verdict', card);
      box.replaceChildren();
      const b = document.createElement('span');
      b.className = `badge d-${v.decision ?? 'note'}`;
      b.textContent = v.decision ? LABEL[v.decision] : 'Ghi chú';
      const who = document.createElement('span');
      who.className = 'muted small';
      who.textContent = ` ${v.user_name}, ${v.created_at.slice(0, 16).replace('T', ' ')}`;
      box.append(b, who);
      for (const [k, label] of [['reason', 'Lý do'], ['note', 'Ghi chú'], ['link_text', 'Liên kết']]) {
        if (!v[k]) continue;
        const d = document.createElement('div');
        d.className = 'small';
        d.textContent = `${label}: ${k === 'link_text' ? `${v.link_path} — ` : ''}${v[k]}`;
        box.append(d);
      }
      card.classList.add('decided');
    };
    const dlg = $('#dlg');
    const ask = (title, withSelect) =>
      new Promise((resolve) => {
        $('#dlg-title').textContent = title;
        const sel = $('#dlg-select');
        const filter = $('#dlg-filter');
        const text = $('#dlg-text');
        sel.hidden = filter.hidden = !withSelect;
        text.hidden = withSelect;
        text.value = '';
        filter.value = '';
        $$('option', sel).forEach((o) => (o.hidden = false));
        if (withSelect && sel.options.length) sel.selectedIndex = 0;
        dlg.returnValue = '';
        const done = () => {
          dlg.removeEventListener('close', done);
          resolve(dlg.returnValue === 'ok' ? (withSelect ? sel.value : text.value.trim()) : null);
        };
        dlg.addEventListener('close', done);
        dlg.showModal();
        (withSelect ? filter : text).focus();
      });
    $('#dlg-cancel').addEventListener('click', () => dlg.close('cancel'));
    $('#dlg-filter').addEventListener('input', (e) => {
      const q = e.target.value.toLowerCase();
      const sel = $('#dlg-select');
      let first = -1;
      $$('option', sel).forEach((o, i) => {
        o.hidden = !!q && !o.textContent.toLowerCase().includes(q);
        if (!o.hidden && first < 0) first = i;
      });
      if (first >= 0) sel.selectedIndex = first;
    });
    $('#dlg-filter').addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        dlg.close('ok');
      }
    });
    const act = async (card, kind) => {
      if (!card) return;
      const body = { key: card.dataset.key, decision: kind };
      if (kind === 'not-applicable') {
        const reason = await ask('Lý do không áp dụng', false);
        if (!reason) return;
        body.reason = reason;
      } else if (kind === 'link') {
        const p = await ask('Liên kết với đoạn văn của kế hoạch', true);
        if (!p) return;
        body.link_path = p;
      } else if (kind === 'note') {
        const note = await ask('Ghi chú', false);
        if (note === null) return;
        body.decision = null;
        body.note = note;
      }
      try {
        const r = await api('POST', `/api/plans/${plan}/verdicts`, body);
        render(card, r.verdict);
        const n = $$('.finding.decided').length;
        $('#n-decided').textContent = String(n);
      } catch (err) {
        alert(err.message);
      }
    };
    document.addEventListener('click', (e) => {
      const b = e.target.closest('[data-act]');
      if (!b) return;
      const card = b.closest('.finding');
      focus(cards.indexOf(card));
      act(card, b.dataset.act);
    });
    const KEYS = { a: 'agree', r: 'disagree', n: 'not-applicable', l: 'link', c: 'note' };
    document.addEventListener('keydown', (e) => {
      if (dlg.open || e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
      if (e.key === 'j') focus(cur + 1);
      else if (e.key === 'k') focus(cur - 1);
      else if (KEYS[e.key]) {
        e.preventDefault();
        if (cur < 0) focus(0);
        act(cards[cur], KEYS[e.key]);
      }
    });
  }

  // ------------------------------------------------------------ letter
  if (page === 'letter') {
    const plan = document.body.dataset.plan;
    const form = $('#letter');
    const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);
    const read = () => {
      const f = (n) => form.elements[n].value;
      return {
        organ: f('organ').split('\n').map((x) => x.trim()).slice(0, 3),
        number: f('number'),
        place: f('place'),
        date: f('date'),
        subject: f('subject'),
        recipient: f('recipient'),
        intro: f('intro'),
        points: $$('.pt', form).map((fs) => ({ heading: $('[name=heading]', fs).value, items: $('[name=items]', fs).value.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean) })),
        closing: f('closing'),
        signature: lines(f('signature')),
        signer: f('signer'),
        recipients: lines(f('recipients')),
      };
    };
    const save = async () => {
      await api('PUT', `/api/plans/${plan}/letter`, read());
      say($('#letter-msg'), 'Đã lưu.');
    };
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await save();
      } catch (err) {
        say($('#letter-msg'), err.message, true);
      }
    });
    $('#export').addEventListener('click', async () => {
      try {
        await save();
        const blob = await api('POST', `/api/plans/${plan}/letter/export`, {});
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'cong-van-gop-y.docx';
        document.body.append(a);
        a.click();
        a.remove();
        say($('#letter-msg'), 'Đã xuất công văn.');
      } catch (err) {
        say($('#letter-msg'), err.message, true);
      }
    });
    $('#regenerate').addEventListener('click', async () => {
      await api('DELETE', `/api/plans/${plan}/letter`);
      location.reload();
    });
  }

  // ------------------------------------------------------------ overview filters
  if (page === 'overview') {
    const form = $('#filters');
    const apply = () => {
      const level = form.elements.level.value;
      const status = form.elements.status.value;
      const review = form.elements.review.value;
      const rows = $$('#matrix tbody tr');
      for (const tr of rows) {
        const d = tr.dataset;
        let show = !level || d.level === level;
        if (review === 'unreviewed') show &&= Number(d.unreviewed) > 0;
        if (review === 'suspect') show &&= Number(d.suspect) > 0;
        if (review === 'done') show &&= Number(d.unreviewed) === 0;
        if (review === 'duplicate') show &&= d.duplicate === '1';
        if (status) show &&= !!tr.querySelector(`td[data-s="${status}"]`);
        tr.hidden = !show;
      }
      // columns: with a status filter, only requirements where a shown plan has that status
      const cols = new Set();
      if (status) for (const td of $$(`#matrix tbody tr:not([hidden]) td[data-s="${status}"]`)) cols.add(td.dataset.col);
      for (const el of $$('#matrix [data-col]')) el.hidden = !!status && !cols.has(el.dataset.col);
      for (const th of $$('#matrix th.pt')) th.hidden = !!status;
    };
    form.addEventListener('change', apply);
  }
})();
