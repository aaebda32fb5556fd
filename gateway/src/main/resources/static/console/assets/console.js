// Jisr staff console: live SLA countdowns (every second, no reload) and small helpers for htmx.
// Never builds markup from data: only textContent and class names.
(function () {
  'use strict';
  const T = {
    ar: { left: 'متبقٍ', overdue: 'متأخر', h: 'س', m: 'د', s: 'ث' },
    en: { left: 'left', overdue: 'overdue', h: 'h', m: 'm', s: 's' }
  };

  function lang() {
    return document.body && document.body.dataset.lang === 'en' ? 'en' : 'ar';
  }

  function span(ms) {
    const t = T[lang()];
    let s = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    if (h > 0) { return h + t.h + ' ' + String(m).padStart(2, '0') + t.m; }
    if (m > 0) { return m + t.m + ' ' + String(s).padStart(2, '0') + t.s; }
    return s + t.s;
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll('.sla[data-due]').forEach((el) => {
      const due = Date.parse(el.dataset.due);
      if (isNaN(due)) { return; }
      const left = due - now;
      const t = T[lang()];
      el.textContent = left >= 0 ? span(left) + ' ' + t.left : span(left) + ' ' + t.overdue;
      el.classList.toggle('overdue', left < 0);
      el.classList.toggle('soon', left >= 0 && left < 15 * 60 * 1000);
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    tick();
    setInterval(tick, 1000);
  });
  document.addEventListener('htmx:afterSwap', tick);
  // a failed htmx call (network, 5xx): say so instead of silently doing nothing
  document.addEventListener('htmx:responseError', (e) => {
    const status = e.detail && e.detail.xhr ? e.detail.xhr.status : 0;
    if (status === 401) { window.location.href = '/console'; }
  });
})();
