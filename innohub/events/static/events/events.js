// Events pages: remember the browser's time zone, confirm destructive actions.
(function () {
  "use strict";
  var cookie = "innohub_tz";
  function readCookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : null;
  }
  var zone = null;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  // IANA names (Area/City) need no escaping in a cookie; the server reads them as they are.
  if (zone && /^[A-Za-z0-9_+\-\/]+$/.test(zone) && !readCookie(cookie)) {
    document.cookie = cookie + "=" + zone + "; path=/; max-age=31536000; samesite=lax";
    // Shown in the hub's zone only because the browser's was not known yet: show it again.
    var form = document.querySelector(".zone-form[data-zone-source='default']");
    if (form && form.getAttribute("data-viewer-zone") !== zone) { window.location.reload(); }
  }
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
