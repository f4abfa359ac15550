// The battle map (挂图作战): the zone map (GeoJSON through echarts.registerMap, no tiles) with the projects as points
// coloured by their light; a click on a point, or on a project's link in the list, opens the project card.
//
// For tests and other scripts: window.battleMap.open(projectId) opens the card of a project,
// window.battleMap.close() closes it, window.battleMap.points lists the points (id, name, light, value …).
(function () {
  "use strict";

  var card, points = [], byId = {};

  function field(name) { return card.querySelector('[data-field="' + name + '"]'); }

  function open(id) {
    var p = byId[String(id)];
    if (!p || !card) return false;
    card.dataset.projectId = String(p.id);
    card.dataset.light = p.light;
    document.getElementById("project-card-title").textContent = p.name;
    var light = field("light");
    light.textContent = p.light_label;
    light.className = "badge badge-" + p.light;
    ["code", "stage", "unit", "owner"].forEach(function (k) { field(k).textContent = p[k] || "—"; });
    field("total_investment").textContent =
      p.total_investment === null ? "—" : p.total_investment.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    var reasons = field("reasons");
    reasons.textContent = "";
    (p.reasons.length ? p.reasons : ["—"]).forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      reasons.appendChild(li);
    });
    field("url").href = p.url;
    var report = field("report_url");
    report.hidden = !p.report_url;
    report.href = p.report_url || "#";
    card.hidden = false;
    card.focus();
    return true;
  }

  function close() { if (card) card.hidden = true; }

  function drawMap(el, geojson) {
    window.echarts.registerMap("gaoxin-zone", geojson);
    var chart = window.echarts.init(el);
    var located = points.filter(function (p) { return p.value; });
    chart.setOption({
      tooltip: { trigger: "item", formatter: function (params) {
        // The tooltip is HTML: every name from the data is escaped.
        var esc = window.gaoxin.escapeHtml;
        if (params.seriesType !== "scatter") return esc(params.name);
        return esc(params.data.name) + "<br>" + esc(params.data.stage) + " · " + esc(params.data.unit);
      } },
      geo: {
        map: "gaoxin-zone", roam: true, aspectScale: 0.86,
        label: { show: true, color: "#4b5563", fontSize: 11 },
        itemStyle: { areaColor: "#f3f4f6", borderColor: "#9ca3af" },
        emphasis: { label: { show: true }, itemStyle: { areaColor: "#e5e7eb" } },
        select: { disabled: true },
        // The zone's own outline (kind "zone" in the demo map) carries no label over the parks.
        regions: (geojson.features || []).filter(function (f) {
          return f.properties && f.properties.kind === "zone";
        }).map(function (f) { return { name: f.properties.name, label: { show: false } }; })
      },
      series: [{
        type: "scatter", coordinateSystem: "geo", symbolSize: 11, cursor: "pointer",
        data: located.map(function (p) {
          return { name: p.name, value: p.value, id: p.id, stage: p.stage, unit: p.unit,
                   itemStyle: { color: p.colour, borderColor: "#fff", borderWidth: 1 } };
        }),
        emphasis: { scale: 1.6 }
      }]
    });
    chart.on("click", function (params) { if (params.seriesType === "scatter") open(params.data.id); });
    window.addEventListener("resize", function () { chart.resize(); });
    window.battleMap.chart = chart;
  }

  function start() {
    var el = document.getElementById("battle-map");
    card = document.getElementById("project-card");
    if (!el || !card) return;
    points = JSON.parse(document.getElementById(el.dataset.source).textContent).points;
    points.forEach(function (p) { byId[String(p.id)] = p; });
    window.battleMap.points = points;
    card.querySelector("[data-close]").addEventListener("click", close);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
    document.querySelectorAll("[data-open-card]").forEach(function (a) {
      a.addEventListener("click", function (e) {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        if (open(a.dataset.projectId)) e.preventDefault();
      });
    });
    if (typeof window.echarts === "undefined") return;
    fetch(el.dataset.geojson, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geojson) { drawMap(el, geojson); });
  }

  window.battleMap = { open: open, close: close, points: [], chart: null };
  document.addEventListener("DOMContentLoaded", start);
})();
