// Jisr staff console: live SLA countdowns (every second, no reload) and small helpers for htmx.
// Never builds markup from data: only textContent and class names.
(function () {
  'use strict';
  const T = {
    ar: { left: 'متبقٍ', overdue: 'متأخر' },
    en: { left: 'left', overdue: 'overdue' }
  };

  function lang() {
    return document.body && document.body.dataset.lang === 'en' ? 'en' : 'ar';
  }

  /** h:mm:ss, so the countdown visibly moves every second. */
  function span(ms) {
    let s = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    return h + ':' + String(m).padStart(2, '0') + ':' + String(s).padStart(2, '0');
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll('.sla[data-due]').forEach((el) => {
      const due = Date.parse(el.dataset.due);
      if (isNaN(due)) { return; }
      const left = due - now;
      const t = T[lang()];
      const word = left >= 0 ? t.left : t.overdue;
      el.textContent = lang() === 'ar' ? word + ' ' + span(left) : span(left) + ' ' + word;
      el.setAttribute('dir', 'auto');
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
