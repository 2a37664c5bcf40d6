// The hub switcher of the dashboard goes to the chosen hub's dashboard.
document.addEventListener("change", function (event) {
  var select = event.target.closest && event.target.closest("select.js-hub-switch");
  if (select) { window.location.assign(select.value); }
});
