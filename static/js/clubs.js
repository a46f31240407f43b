// The meeting form: attendance tick list (count, select all, filter), guest steppers,
// and action-item rows added without a round trip.
(function () {
  var toPersian = function (n) {
    return String(n).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; });
  };

  document.querySelectorAll("[data-attendance]").forEach(function (box) {
    var checks = function () { return box.querySelectorAll(".attendee input[type=checkbox]"); };
    var counter = box.querySelector("[data-count]");
    var update = function () {
      var n = 0;
      checks().forEach(function (c) { if (c.checked) n += 1; });
      if (counter) counter.textContent = toPersian(n);
    };
    box.addEventListener("change", update);
    var visible = function () {
      return Array.prototype.filter.call(checks(), function (c) { return !c.closest(".attendee").hidden; });
    };
    var all = box.querySelector("[data-select-all]");
    if (all) all.addEventListener("click", function () { visible().forEach(function (c) { c.checked = true; }); update(); });
    var none = box.querySelector("[data-select-none]");
    if (none) none.addEventListener("click", function () { visible().forEach(function (c) { c.checked = false; }); update(); });
    var filter = box.querySelector("[data-attendance-filter]");
    if (filter) filter.addEventListener("input", function () {
      var term = filter.value.trim().replace(/ي/g, "ی").replace(/ك/g, "ک");
      box.querySelectorAll(".attendee").forEach(function (row) {
        row.hidden = term !== "" && row.textContent.indexOf(term) === -1;
      });
    });
    update();
  });

  document.querySelectorAll("[data-step]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.target);
      var digits = (input.value || "0").replace(/[۰-۹]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(d); });
      var value = Math.max(0, (parseInt(digits, 10) || 0) + parseInt(button.dataset.step, 10));
      input.value = value;
    });
  });

  document.querySelectorAll("[data-formset]").forEach(function (set) {
    var prefix = set.dataset.prefix;
    var total = set.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var template = set.querySelector("[data-formset-template]");
    var rows = set.querySelector("[data-formset-rows]");
    set.querySelector("[data-formset-add]").addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = rows.lastElementChild.querySelector("input, select");
      if (first) first.focus();
    });
  });

  var kind = document.getElementById("id_kind");
  var groupBox = document.querySelector("[data-group-field]");
  if (kind && groupBox) {
    var toggle = function () {
      var select = groupBox.querySelector("select");
      var needed = kind.value === "thematic_group";
      groupBox.hidden = !needed && !(select && select.value);
    };
    kind.addEventListener("change", toggle);
    toggle();
  }
})();
