// Dashboards: the monthly trend (Chart.js, Persian digits) and the province map's hover box.
(function () {
  var fa = function (n) { return Number(n).toLocaleString("fa-IR"); };
  var data = document.getElementById("trend-data");
  var canvas = document.getElementById("trend-chart");
  if (data && canvas && window.Chart) {
    var d = JSON.parse(data.textContent);
    Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [
          { type: "bar", label: "حضور زنان", data: d.attendance_female, backgroundColor: "#ef9a9a", stack: "a", yAxisID: "y" },
          { type: "bar", label: "حضور مردان", data: d.attendance_male, backgroundColor: "#90caf9", stack: "a", yAxisID: "y" },
          { type: "line", label: "جلسات", data: d.meetings, borderColor: "#2e7d32", backgroundColor: "#2e7d32", yAxisID: "y1", tension: 0.25 },
          { type: "line", label: "کانون‌های فعال", data: d.clubs_active, borderColor: "#f9a825", backgroundColor: "#f9a825", yAxisID: "y1", tension: 0.25 }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        locale: "fa-IR",
        plugins: { legend: { rtl: true, position: "bottom" }, tooltip: { rtl: true } },
        scales: {
          x: { reverse: true, stacked: true },
          y: { stacked: true, position: "right", ticks: { callback: fa }, title: { display: true, text: "حضور" } },
          y1: { position: "left", grid: { drawOnChartArea: false }, ticks: { callback: fa }, title: { display: true, text: "جلسات / کانون" } }
        }
      }
    });
  }
  var hover = document.getElementById("map-hover");
  document.querySelectorAll("svg.iran-map path[data-province]").forEach(function (path) {
    path.addEventListener("mouseenter", function () {
      if (hover) { hover.textContent = path.dataset.name + ": " + fa(path.dataset.value); }
    });
  });
})();
