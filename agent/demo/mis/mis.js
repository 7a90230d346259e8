// The MIS's own behaviour: today's date in the visit field (where the form has one), a fake save.
(function () {
  var d = new Date();
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var visit = document.getElementById('f_visit');
  if (visit && !visit.value) visit.value = pad(d.getDate()) + '.' + pad(d.getMonth() + 1) + '.' + d.getFullYear();
  window.misSave = function () {
    document.getElementById('saved').textContent = 'Сохранено ' + d.toLocaleTimeString('ru-RU');
    return false;
  };
})();
