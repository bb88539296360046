/* Draw the dashboard's charts from the numbers the page carries (the tables beside them hold the same). */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    var canvas = document.getElementById("funnel-chart");
    if (!source || !canvas || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.funnel.labels,
        datasets: [{ data: data.funnel.counts, backgroundColor: "#0d6efd" }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
