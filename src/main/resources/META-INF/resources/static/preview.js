// Live preview of the questionnaire: as the form changes, its answers are evaluated on the server
// (POST /triage/preview, nothing stored) and the result is shown beside the form. Served from the
// application (the Content-Security-Policy allows no inline script); without it the form works as
// before. The server renders and escapes the fragment; nothing typed is put into the page here.
(function () {
  'use strict';
  var form = document.getElementById('questionnaire');
  var panel = document.getElementById('preview');
  if (!form || !panel || !window.fetch || !window.FormData || !window.DOMParser) {
    return;
  }
  var url = form.getAttribute('data-preview');
  var timer = null;
  var inFlight = null;
  var sent = 0;

  function show(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fragment = doc.body.firstElementChild;
    panel.replaceChildren();
    if (fragment) {
      panel.appendChild(document.importNode(fragment, true));
    }
    panel.hidden = false;
    panel.classList.remove('stale');
  }

  function refresh() {
    timer = null;
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string') {
        body.append(name, value);
      }
    });
    if (inFlight) {
      inFlight.abort();
    }
    var controller = window.AbortController ? new AbortController() : null;
    inFlight = controller;
    var mine = ++sent;
    panel.classList.add('stale');
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (response.status === 429) {
        // too many previews: try again shortly, the form itself is unaffected
        schedule(2000);
        return null;
      }
      if (response.status !== 200 && response.status !== 400) {
        return null;
      }
      return response.text();
    }).then(function (html) {
      if (html !== null && html !== undefined && mine === sent) {
        show(html);
      }
    }).catch(function () { /* aborted or offline: the form still submits */ });
  }

  function schedule(delay) {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(refresh, delay);
  }

  form.addEventListener('change', function () { schedule(250); });
  form.addEventListener('input', function () { schedule(600); });
  schedule(0);
}());
