// innohub page behaviour. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  document.documentElement.classList.add("scripted");
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form.js-autosubmit");
    if (form) { form.submit(); }
  });
  // Keep the CSRF token fresh on htmx requests made after a login in another tab.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) { event.detail.headers["X-CSRFToken"] = decodeURIComponent(match[1]); }
  });
})();
