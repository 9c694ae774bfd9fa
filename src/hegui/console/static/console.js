// hegui console: the only script. Asks before irreversible actions (forms with data-confirm).
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  var text = form.getAttribute && form.getAttribute("data-confirm");
  if (text && !window.confirm(text)) { ev.preventDefault(); }
});
