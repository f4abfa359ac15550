// gaoxin — small progressive enhancements; pages work without it. Loaded (deferred) before the pages' own scripts,
// which use window.gaoxin.escapeHtml. No inline scripts or on*= handlers anywhere: the Content-Security-Policy
// allows scripts from this site only.
(function () {
  "use strict";
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  // Text from data that goes into HTML (ECharts tooltips are HTML) passes through here, always.
  function escapeHtml(value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  window.gaoxin = { escapeHtml: escapeHtml };

  // Charts: <div class="chart" data-chart="ID"> with its ECharts option in <script type="application/json" id="ID">.
  // The options come from gaoxin.core.charts and use ECharts' own tooltips, which escape names and values.
  function drawCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) return;
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var chart = window.echarts.init(el);
      chart.setOption(JSON.parse(source.textContent));
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (e) { drawCharts(e.target); });
  document.addEventListener("click", function (e) {
    // Confirm before destructive actions: <button data-confirm="…">.
    var confirmable = e.target.closest("[data-confirm]");
    if (confirmable && !window.confirm(confirmable.dataset.confirm)) e.preventDefault();
    // The menu button of narrow screens: <button data-nav-toggle>.
    if (e.target.closest("[data-nav-toggle]")) document.body.classList.toggle("nav-open");
    // An enterprise picked from an enterprise field's suggestions: <button data-pick="CODE"> fills in its code.
    var picked = e.target.closest("[data-pick]");
    var picker = picked && picked.closest(".picker");
    if (picker) {
      var input = picker.querySelector("input");
      input.value = picked.dataset.pick;
      picker.querySelector(".suggestions").replaceChildren();
      input.focus();
    }
  });
  // Filters that apply on change: <select data-autosubmit> submits its form.
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-autosubmit]") && e.target.form) e.target.form.requestSubmit();
  });
})();
