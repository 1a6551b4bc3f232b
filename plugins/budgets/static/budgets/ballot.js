// Progressive enhancement of the ballot: a running count (or total cost) as boxes are ticked.
// The form works without it; the server checks every rule again.
(function () {
  "use strict";
  function enhance(form) {
    var total = form.querySelector(".budget-ballot__total");
    if (!total) { return; }
    var boxes = form.querySelectorAll("input[type=checkbox][name=projects]");
    var approval = form.dataset.rule === "approval";
    var max = parseInt(form.dataset.max, 10);
    var limit = parseFloat(form.dataset.limit);
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined,
      { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    function update() {
      var count = 0, sum = 0;
      boxes.forEach(function (box) {
        if (box.checked) { count += 1; sum += parseFloat(box.dataset.cost); }
      });
      var text = approval
        ? total.dataset.templateCount.replace("{count}", count).replace("{max}", max)
        : total.dataset.templateSum.replace("{sum}", format.format(sum)).replace("{limit}", format.format(limit));
      total.textContent = text;
      total.classList.toggle("budget-ballot__total--over", approval ? count > max : sum > limit + 0.001);
      total.hidden = false;
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.budget-ballot").forEach(enhance);
  });
})();
