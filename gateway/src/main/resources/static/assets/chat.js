// The Jisr web chat: no build step, no framework. Messages go to /webchat/send; replies (also later
// staff replies) arrive as server-sent events from /webchat/events and survive reconnects by event id.
(function () {
  'use strict';
  const UI = {
    ar: { dir: 'rtl', title: 'جسر', subtitle: 'اسأل وستصلك الإجابة الرسمية مع مصدرها', switchTo: 'English',
      switchLabel: 'Switch to English', placeholder: 'اكتب سؤالك هنا…', send: 'إرسال', label: 'رسالتك', log: 'المحادثة',
      offline: 'انقطع الاتصال، نحاول مجدداً…', error: 'تعذر الإرسال. حاول مرة أخرى.', pageTitle: 'جسر — اسأل عن الإجابات الرسمية' },
    en: { dir: 'ltr', title: 'Jisr', subtitle: 'Ask, and get the official answer with its source', switchTo: 'العربية',
      switchLabel: 'التبديل إلى العربية', placeholder: 'Type your question here…', send: 'Send', label: 'Your message', log: 'Conversation',
      offline: 'Connection lost, reconnecting…', error: 'Could not send. Please try again.', pageTitle: 'Jisr — ask for official answers' }
  };
  let lang = localStorage.getItem('jisr.lang') || 'ar';
  const $ = (id) => document.getElementById(id);
  const log = $('log'), text = $('text'), status = $('status');

  function applyLang() {
    const t = UI[lang];
    document.documentElement.lang = lang;
    document.documentElement.dir = t.dir;
    document.title = t.pageTitle;
    $('title').textContent = t.title;
    $('subtitle').textContent = t.subtitle;
    $('switch').textContent = t.switchTo;
    $('switch').lang = lang === 'ar' ? 'en' : 'ar';
    $('switch').setAttribute('aria-label', t.switchLabel);
    text.placeholder = t.placeholder;
    $('sendBtn').textContent = t.send;
    $('label').textContent = t.label;
    log.setAttribute('aria-label', t.log);
  }

  function id() {
    return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g, '');
  }

  function add(who, content, choices, msgLang) {
    const li = document.createElement('li');
    li.className = who;
    if (msgLang) { li.lang = msgLang; li.dir = 'auto'; }
    li.textContent = content; // never innerHTML: replies are plain text
    if (choices && choices.length) {
      const box = document.createElement('div');
      box.className = 'choices';
      choices.forEach((c) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'choice';
        b.textContent = c.title;
        b.addEventListener('click', () => { add('me', c.title); post({ id: id(), choice: c.id, lang }); });
        box.appendChild(b);
      });
      li.appendChild(box);
    }
    log.appendChild(li);
    li.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }

  async function post(body) {
    try {
      const r = await fetch('/webchat/send', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body), credentials: 'same-origin' });
      if (!r.ok) { status.textContent = UI[lang].error; } else { status.textContent = ''; }
    } catch (e) {
      status.textContent = UI[lang].error;
    }
  }

  function listen() {
    const es = new EventSource('/webchat/events');
    es.addEventListener('message', (ev) => {
      status.textContent = '';
      const m = JSON.parse(ev.data);
      add('bot', m.template ? m.text || '' : m.text, m.choices, m.lang);
    });
    es.onerror = () => { status.textContent = UI[lang].offline; };
    es.onopen = () => { status.textContent = ''; };
  }

  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const v = text.value.trim();
    if (!v) return;
    add('me', v);
    text.value = '';
    post({ id: id(), text: v, lang });
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('form').requestSubmit(); }
  });
  $('switch').addEventListener('click', () => {
    lang = lang === 'ar' ? 'en' : 'ar';
    localStorage.setItem('jisr.lang', lang);
    applyLang();
    post({ id: id(), choice: 'lang:' + lang, lang });
  });

  applyLang();
  fetch('/webchat/session', { credentials: 'same-origin' }).then(listen);
})();
