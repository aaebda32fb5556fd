// Jisr dashboard: draws the bundled Chart.js charts from /console/dashboard/data. Text goes in via textContent only.
(function () {
  'use strict';
  const root = document.querySelector('.dashboard');
  const labels = document.getElementById('dash-labels').dataset;
  const lang = document.body.dataset.lang === 'en' ? 'en' : 'ar';
  const rtl = lang === 'ar';
  const palette = ['#0f766e', '#b45309', '#1d4ed8', '#9333ea', '#be123c', '#4d7c0f', '#0369a1'];
  const fmtHour = new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en-GB',
    root.dataset.period === '7d' ? { weekday: 'short', hour: '2-digit' } : { hour: '2-digit', minute: '2-digit' });

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#334155';
  const common = { responsive: true, maintainAspectRatio: false, animation: false,
    plugins: { legend: { rtl: rtl, textDirection: rtl ? 'rtl' : 'ltr', position: 'bottom' },
      tooltip: { rtl: rtl, textDirection: rtl ? 'rtl' : 'ltr' } } };

  function draw(d) {
    const hours = d.hours.map((t) => fmtHour.format(new Date(t)));
    const series = Object.keys(d.messages).map((ch, i) => ({ label: ch, data: d.messages[ch],
      backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length], stack: 'in' }));
    new Chart(document.getElementById('chart-messages'), { type: 'bar', data: { labels: hours, datasets: series },
      options: Object.assign({}, common, { scales: { x: { stacked: true, reverse: rtl }, y: { stacked: true, beginAtZero: true, position: rtl ? 'right' : 'left', ticks: { precision: 0 } } } }) });

    new Chart(document.getElementById('chart-decisions'), { type: 'doughnut',
      data: { labels: [labels.answer, labels.suggest, labels.escalate],
        datasets: [{ data: [d.decisions.answer, d.decisions.suggest, d.decisions.escalate], backgroundColor: ['#0f766e', '#ca8a04', '#be123c'] }] },
      options: common });

    new Chart(document.getElementById('chart-reply'), { type: 'bar',
      data: { labels: labels.buckets.split('|'), datasets: [{ label: labels.count, data: d.replyBuckets, backgroundColor: '#1d4ed8' }] },
      options: Object.assign({}, common, { plugins: Object.assign({}, common.plugins, { legend: { display: false } }),
        scales: { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? 'right' : 'left', ticks: { precision: 0 } } } }) });

    const list = document.getElementById('unanswered');
    list.replaceChildren();
    if (!d.unanswered.length) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = labels.none;
      list.appendChild(li);
    }
    const max = d.unanswered.length ? d.unanswered[0].count : 1;
    d.unanswered.forEach((g) => {
      const li = document.createElement('li');
      const head = document.createElement('div');
      head.className = 'u-head';
      const q = document.createElement('span');
      q.className = 'u-q';
      q.dir = 'auto';
      q.textContent = g.label;
      const n = document.createElement('span');
      n.className = 'u-n';
      n.textContent = g.count + ' ' + labels.asked;
      head.append(q, n);
      const bar = document.createElement('meter');
      bar.min = 0; bar.max = max; bar.value = g.count;
      li.append(head, bar);
      g.examples.forEach((x) => {
        const ex = document.createElement('div');
        ex.className = 'u-ex muted small';
        ex.dir = 'auto';
        ex.textContent = x;
        li.appendChild(ex);
      });
      list.appendChild(li);
    });
  }

  fetch('/console/dashboard/data?period=' + encodeURIComponent(root.dataset.period), { credentials: 'same-origin' })
    .then((r) => r.json()).then(draw)
    .catch(() => { root.classList.add('failed'); });
})();
