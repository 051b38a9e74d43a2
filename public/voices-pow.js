// Hearth voices: optional proof of work (ALTCHA protocol, SHA-256). Served from
// Hearth's own origin; nothing is fetched. It finds the challenge the server
// put on the form, tries numbers until one hashes to it, and fills in the
// hidden "altcha" field. Without JavaScript the form works the same way and
// the answer waits for a moderator instead.
(function () {
  'use strict';
  var form = document.querySelector('form[data-pow]');
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var field = form.querySelector('input[name="altcha"]');
  var status = document.getElementById('pow-status');
  var c;
  try {
    c = JSON.parse(form.getAttribute('data-pow'));
  } catch (e) {
    return;
  }
  if (!field || !c || c.algorithm !== 'SHA-256') return;
  var encoder = new TextEncoder();
  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }
  function say(key) {
    if (status && status.getAttribute(key)) status.textContent = status.getAttribute(key);
  }
  say('data-working');
  var n = 0;
  function step() {
    var batch = [];
    for (var i = 0; i < 200 && n <= c.maxnumber; i++, n++) batch.push(n);
    if (batch.length === 0) return;
    Promise.all(batch.map(function (k) {
      return crypto.subtle.digest('SHA-256', encoder.encode(c.salt + k)).then(function (h) {
        return hex(h) === c.challenge ? k : -1;
      });
    })).then(function (results) {
      for (var j = 0; j < results.length; j++) {
        if (results[j] >= 0) {
          field.value = btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: results[j], salt: c.salt, signature: c.signature }));
          form.setAttribute('data-pow-solved', 'true');
          say('data-done');
          return;
        }
      }
      setTimeout(step, 0);
    });
  }
  step();
})();
