// The battle map (挂图作战): the zone map (GeoJSON through echarts.registerMap, no tiles) with the projects as points
// coloured by their light; a click on a point, or on a project's link in the list, opens the project card.
//
// For tests and other scripts: window.battleMap.open(projectId) opens the card of a project,
// window.battleMap.close() closes it, window.battleMap.points lists the points (id, name, light, value …),
// window.battleMap.names where the names of the parks were placed ([longitude, latitude] by name).
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

  function outerRings(geometry) {
    if (geometry.type === "Polygon") return [geometry.coordinates[0]];
    if (geometry.type === "MultiPolygon") return geometry.coordinates.map(function (polygon) { return polygon[0]; });
    return [];
  }

  function inside(point, ring) {
    var x = point[0], y = point[1], crossings = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) crossings = !crossings;
    }
    return crossings;
  }

  // Where each park's name goes, so that it never lies under the project points: the map's own label point
  // ("cp", as ECharts reads it) when the map gives one, else one of the spots of a 9 × 9 grid over the park: the one
  // nearest the park's middle where the name's box (``degree``: degrees of longitude per pixel as drawn) is clear
  // of every point and inside the park; else clear of every point (a park too narrow for its name); else the spot
  // farthest from the points.
  function placeNames(geojson, located, degree) {
    if (!located.length || !(degree > 0)) return;
    (geojson.features || []).forEach(function (feature) {
      var props = feature.properties || {};
      if (props.cp || props.kind === "zone" || !feature.geometry || !props.name) return;
      var rings = outerRings(feature.geometry);
      var all = [].concat.apply([], rings);
      var xs = all.map(function (c) { return c[0]; }), ys = all.map(function (c) { return c[1]; });
      var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
      var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
      var middle = [(minX + maxX) / 2, (minY + maxY) / 2];
      var halfW = (props.name.length * 12 / 2 + 8) * degree, halfH = 12 * degree * 0.86;  // 0.86: aspectScale
      var within = function (spot) { return rings.some(function (ring) { return inside(spot, ring); }); };
      var best = [null, null, null], score = [Infinity, Infinity, Infinity];  // by tier, lower scores better
      for (var i = 1; i <= 9; i++) {
        for (var k = 1; k <= 9; k++) {
          var spot = [minX + (maxX - minX) * i / 10, minY + (maxY - minY) * k / 10];
          if (!within(spot)) continue;
          var clear = located.every(function (p) {
            return Math.abs(p.value[0] - spot[0]) > halfW || Math.abs(p.value[1] - spot[1]) > halfH;
          });
          var fits = [[-1, -1], [-1, 1], [1, -1], [1, 1]].every(function (c) {
            return within([spot[0] + c[0] * halfW, spot[1] + c[1] * halfH]);
          });
          var fromMiddle = Math.pow(spot[0] - middle[0], 2) + Math.pow(spot[1] - middle[1], 2);
          var nearest = Math.min.apply(null, located.map(function (p) {
            return Math.pow((p.value[0] - spot[0]) * halfH / halfW, 2) + Math.pow(p.value[1] - spot[1], 2);
          }));
          [[clear && fits, fromMiddle], [clear, fromMiddle], [true, -nearest]].forEach(function (tier, t) {
            if (tier[0] && tier[1] < score[t]) { best[t] = spot; score[t] = tier[1]; }
          });
        }
      }
      var chosen = best[0] || best[1] || best[2];
      if (chosen) props.cp = window.battleMap.names[props.name] = chosen;
      feature.properties = props;
    });
  }

  function drawMap(el, geojson) {
    var located = points.filter(function (p) { return p.value; });
    window.echarts.registerMap("gaoxin-zone", geojson);
    var chart = window.echarts.init(el);
    var options = {
      tooltip: { trigger: "item", formatter: function (params) {
        // The tooltip is HTML: every name from the data is escaped.
        var esc = window.gaoxin.escapeHtml;
        if (params.seriesType !== "scatter") return esc(params.name);
        return esc(params.data.name) + "<br>" + esc(params.data.stage) + " · " + esc(params.data.unit);
      } },
      geo: {
        map: "gaoxin-zone", roam: true, aspectScale: 0.86,
        // White halo: a name stays legible over a park's border or a road.
        label: { show: true, color: "#374151", fontSize: 12, textBorderColor: "#fff", textBorderWidth: 3 },
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
    };
    chart.setOption(options);
    // Drawn once, the map's scale is known: the park names are then placed clear of the points, and drawn again.
    var west = chart.convertToPixel({ geoIndex: 0 }, [120, 30]), east = chart.convertToPixel({ geoIndex: 0 }, [121, 30]);
    if (west && east && east[0] !== west[0]) {
      placeNames(geojson, located, 1 / Math.abs(east[0] - west[0]));
      window.echarts.registerMap("gaoxin-zone", geojson);
      chart.setOption(options, true);
    }
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

  window.battleMap = { open: open, close: close, points: [], chart: null, names: {} };
  document.addEventListener("DOMContentLoaded", start);
})();
