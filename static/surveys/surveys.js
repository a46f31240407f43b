// Surveys: conditional questions, one section per screen on the answer form,
// field toggling in the question builder, and Chart.js charts from json_script data.
(function () {
  "use strict";
  var FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹", AR_DIGITS = "٠١٢٣٤٥٦٧٨٩";

  function toAscii(text) {
    return String(text).replace(/[۰-۹]/g, function (d) { return FA_DIGITS.indexOf(d); })
      .replace(/[٠-٩]/g, function (d) { return AR_DIGITS.indexOf(d); })
      .replace(/٫/g, ".").replace(/[٬,]/g, "").trim();
  }

  // ---- conditions ------------------------------------------------------------------
  function fieldValue(form, name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    if (!inputs.length) return null;
    var first = inputs[0];
    if (first.type === "checkbox") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked && !i.disabled; })
        .map(function (i) { return i.value; });
    }
    if (first.type === "radio") {
      var checked = Array.prototype.find.call(inputs, function (i) { return i.checked && !i.disabled; });
      return checked ? checked.value : "";
    }
    return first.disabled ? "" : first.value;
  }

  function holds(op, expected, actual) {
    if (actual === null || actual === "" || (Array.isArray(actual) && !actual.length)) return false;
    if (op === "contains") return Array.isArray(actual) && actual.indexOf(expected) !== -1;
    if (op === "not_contains") return Array.isArray(actual) && actual.indexOf(expected) === -1;
    var a = toAscii(actual), e = toAscii(expected);
    var na = parseFloat(a), ne = parseFloat(e);
    var numeric = !isNaN(na) && !isNaN(ne) && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(e);
    switch (op) {
      case "eq": return numeric ? na === ne : a === e;
      case "neq": return numeric ? na !== ne : a !== e;
      case "gt": return numeric && na > ne;
      case "gte": return numeric && na >= ne;
      case "lt": return numeric && na < ne;
      case "lte": return numeric && na <= ne;
    }
    return false;
  }

  function applyConditions(form) {
    form.querySelectorAll(".survey-question").forEach(function (block) {
      var source = block.dataset.showIfField;
      if (!source) return;
      var sourceBlock = form.querySelector('.survey-question[data-field="' + source + '"]');
      var sourceShown = !sourceBlock || !sourceBlock.hidden;
      var show = sourceShown && holds(block.dataset.showIfOp, block.dataset.showIfValue, fieldValue(form, source));
      block.hidden = !show;
      block.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !show; });
    });
  }

  // ---- one section per screen ---------------------------------------------------------
  function setupSteps(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll(".survey-step"));
    var nav = form.querySelector(".survey-step-nav");
    if (steps.length < 2 || !nav) return;
    form.classList.add("js-steps");
    var prev = nav.querySelector("[data-step-prev]"), next = nav.querySelector("[data-step-next]");
    var counter = nav.querySelector("[data-step-counter]");
    var finals = nav.querySelectorAll("[data-step-final]");
    prev.hidden = false; next.hidden = false;

    function usable(step) {
      return Array.prototype.some.call(step.querySelectorAll(".survey-question"), function (q) { return !q.hidden; });
    }
    function visibleSteps() { return steps.filter(usable); }
    var current = steps[0];
    var firstError = form.querySelector(".survey-question .invalid-feedback");
    if (firstError) current = firstError.closest(".survey-step");

    function show(step) {
      current = step;
      steps.forEach(function (s) { s.classList.toggle("is-current", s === step); });
      var list = visibleSteps(), index = list.indexOf(step);
      prev.disabled = index <= 0;
      var last = index === list.length - 1;
      next.hidden = last;
      finals.forEach(function (b) { b.hidden = !last; });
      if (counter) counter.textContent = counter.dataset.template
        .replace("{n}", (index + 1).toLocaleString("fa-IR")).replace("{total}", list.length.toLocaleString("fa-IR"));
    }
    prev.addEventListener("click", function () {
      var list = visibleSteps(), index = list.indexOf(current);
      if (index > 0) { show(list[index - 1]); window.scrollTo(0, form.offsetTop - 10); }
    });
    next.addEventListener("click", function () {
      var list = visibleSteps(), index = list.indexOf(current);
      if (index < list.length - 1) { show(list[index + 1]); window.scrollTo(0, form.offsetTop - 10); }
    });
    form.addEventListener("change", function () { if (!usable(current)) show(visibleSteps()[0]); else show(current); });
    show(current);
  }

  document.querySelectorAll("form[data-survey-form]").forEach(function (form) {
    applyConditions(form);
    form.addEventListener("change", function () { applyConditions(form); });
    form.addEventListener("input", function () { applyConditions(form); });
    setupSteps(form);
  });

  // ---- question builder: show the settings that fit the chosen type ------------------
  var typeSelect = document.querySelector("select[data-question-type]");
  if (typeSelect) {
    var toggle = function () {
      var type = typeSelect.value;
      document.querySelectorAll("[data-for-types]").forEach(function (el) {
        el.hidden = el.dataset.forTypes.split(" ").indexOf(type) === -1;
      });
    };
    typeSelect.addEventListener("change", toggle);
    toggle();
  }

  // ---- charts ----------------------------------------------------------------------
  if (window.Chart) {
    Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
    var faNumber = function (v) { return Number(v).toLocaleString("fa-IR"); };
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      if (data.kind === "line") {
        new Chart(canvas, {
          type: "line",
          data: { labels: data.labels, datasets: [
            { label: data.valueLabel, data: data.values, borderColor: "#198754", backgroundColor: "#19875433", spanGaps: true, tension: .2 },
            { label: data.targetLabel, data: data.targets, borderColor: "#fd7e14", borderDash: [6, 4], pointRadius: 0, spanGaps: true }
          ] },
          options: { maintainAspectRatio: false, locale: "fa-IR", scales: { y: { beginAtZero: true, ticks: { callback: faNumber } } } }
        });
        return;
      }
      new Chart(canvas, {
        type: "bar",
        data: { labels: data.labels, datasets: [{ data: data.counts, backgroundColor: "#198754cc" }] },
        options: {
          indexAxis: data.horizontal ? "y" : "x", maintainAspectRatio: false, locale: "fa-IR",
          plugins: { legend: { display: false } },
          scales: { x: { ticks: { callback: data.horizontal ? faNumber : undefined } , beginAtZero: true }, y: { beginAtZero: true, ticks: { callback: data.horizontal ? undefined : faNumber } } }
        }
      });
    });
  }
})();
