// The plan timeline (倒排计划): per step its latest-start → latest-finish bar (outline), actual bar (dark) and
// projected bar (light), coloured by state; milestones as diamonds; today and the target as lines.
// Data: <div data-timeline="ID"> with the rows of gaoxin.projects.timeline.gantt_data in <script id="ID">.
(function () {
  "use strict";
  var DAY = 86400000;

  function bar(offset, size) {
    // A bar of the row's band, ``offset`` and ``size`` in fractions of the band height.
    return function (params, api) {
      var row = api.value(0);
      var start = api.coord([api.value(1), row]);
      var end = api.coord([api.value(2), row]);
      var band = api.size([0, 1])[1];
      var rect = window.echarts.graphic.clipRectByRect(
        { x: start[0], y: start[1] - band / 2 + band * offset, width: Math.max(end[0] - start[0], 2), height: band * size },
        { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height }
      );
      return rect && { type: "rect", shape: rect, style: api.style() };
    };
  }

  function item(index, span, row, style) {
    return { value: [index, span[0], span[1]], name: row.name, itemStyle: style, span: span };
  }

  // Tooltips are HTML: every text from the data is escaped.
  function tip(params) {
    var esc = window.gaoxin.escapeHtml;
    var span = params.data.span;
    if (!span) return esc(params.name);
    var last = new Date(Date.parse(span[1]) - DAY).toISOString().slice(0, 10);
    return esc(params.name) + "<br>" + esc(params.seriesName) + "：" + esc(span[0]) + " → " + esc(last);
  }

  function option(data) {
    var names = data.rows.map(function (r) { return r.name; });
    var latest = [], actual = [], projected = [], milestones = [];
    data.rows.forEach(function (r, i) {
      if (r.milestone) {
        var day = (r.actual || r.projected || r.latest || [])[0];
        if (day) milestones.push({ value: [day, i], name: r.name, itemStyle: { color: r.colour } });
        return;
      }
      if (r.latest) latest.push(item(i, r.latest, r, { color: "rgba(0,0,0,0)", borderColor: r.colour, borderWidth: 2 }));
      if (r.actual) actual.push(item(i, r.actual, r, { color: data.actual_colour }));
      if (r.projected) projected.push(item(i, r.projected, r, { color: r.colour, opacity: 0.45 }));
    });
    var lines = [{ xAxis: data.today, name: data.labels.today, lineStyle: { color: "#b91c1c", type: "solid" } }];
    if (data.target) lines.push({ xAxis: data.target, name: data.labels.target, lineStyle: { color: "#15803d", type: "dashed" } });
    // The legend shows the kinds of bar in a neutral colour and, apart, the colours of the states the bars take.
    var states = data.states.map(function (s) {
      return { name: s.name, type: "scatter", data: [], itemStyle: { color: s.colour, opacity: 1 }, legendHoverLink: false };
    });
    var kinds = [data.labels.latest, data.labels.actual, data.labels.projected];
    return {
      tooltip: { trigger: "item", formatter: tip },
      legend: { top: 0, selectedMode: false, data: kinds.concat(data.states.map(function (s) { return { name: s.name, icon: "roundRect" }; })) },
      grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
      xAxis: { type: "time", axisLabel: { formatter: "{yyyy}-{MM}-{dd}", hideOverlap: true } },
      yAxis: { type: "category", data: names, inverse: true, axisTick: { show: false } },
      dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "weakFilter" }],
      series: [
        { name: data.labels.latest, type: "custom", renderItem: bar(0.08, 0.34), encode: { x: [1, 2], y: 0 }, data: latest,
          itemStyle: { color: "rgba(0,0,0,0)", borderColor: data.kind_colour, borderWidth: 2 },
          markLine: { symbol: "none", label: { formatter: "{b}" }, data: lines, silent: true } },
        { name: data.labels.actual, type: "custom", renderItem: bar(0.46, 0.2), encode: { x: [1, 2], y: 0 }, data: actual,
          itemStyle: { color: data.actual_colour } },
        { name: data.labels.projected, type: "custom", renderItem: bar(0.68, 0.24), encode: { x: [1, 2], y: 0 }, data: projected,
          itemStyle: { color: data.kind_colour, opacity: 0.45 } },
        { name: "◆", type: "scatter", symbol: "diamond", symbolSize: 16, data: milestones, tooltip: { formatter: tip } }
      ].concat(states)
    };
  }

  function draw() {
    if (typeof window.echarts === "undefined") return;
    document.querySelectorAll("[data-timeline]").forEach(function (el) {
      var source = document.getElementById(el.dataset.timeline);
      if (!source || el.dataset.drawn) return;
      var chart = window.echarts.init(el);
      chart.setOption(option(JSON.parse(source.textContent)));
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
