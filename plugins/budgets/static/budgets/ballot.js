// Progressive enhancement of the ballot: a running count (or total cost) as boxes are ticked.
// The form works without it; the server checks every rule again. For a knapsack, each part
// of the budget (a district, the whole city) has its own money: data-pool, data-limit.
(function () {
  "use strict";
  function enhance(form) {
    var total = form.querySelector(".budget-ballot__total");
    if (!total) { return; }
    var boxes = form.querySelectorAll("input[type=checkbox][name=projects]");
    var approval = form.dataset.rule === "approval";
    var max = parseInt(form.dataset.max, 10);
    var limits = {};
    boxes.forEach(function (box) { limits[box.dataset.pool] = parseFloat(box.dataset.limit); });
    var limit = Object.keys(limits).reduce(function (sum, key) { return sum + limits[key]; }, 0);
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined,
      { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    function update() {
      var count = 0, sum = 0, spent = {}, over = false;
      boxes.forEach(function (box) {
        if (!box.checked) { return; }
        var cost = parseFloat(box.dataset.cost);
        count += 1;
        sum += cost;
        spent[box.dataset.pool] = (spent[box.dataset.pool] || 0) + cost;
      });
      Object.keys(spent).forEach(function (key) {
        if (spent[key] > limits[key] + 0.001) { over = true; }
      });
      total.textContent = approval
        ? total.dataset.templateCount.replace("{count}", count).replace("{max}", max)
        : total.dataset.templateSum.replace("{sum}", format.format(sum)).replace("{limit}", format.format(limit));
      total.classList.toggle("budget-ballot__total--over", approval ? count > max : over);
      total.hidden = false;
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.budget-ballot").forEach(enhance);
  });
})();
