// Draws the charts of report.html with Vega-Lite, through vega-embed, from the report embedded in #report-data.
// Each chart is a <div data-chart="…"> that ReportPage wrote only when the report has its data; the timeline's
// lanes (and, for a crowded run, the categories kept) come from ReportPage in data-lanes and data-categories.
// When every chart is drawn, <body data-rendered> holds their count; on an error, #render-error shows it and
// data-rendered is "error". Times in the report are seconds since the campaign start; the charts show minutes.
(function () {
  'use strict';

  var CATEGORIES = ['wave', 'step', 'migration', 'outage', 'rollback'];
  var CATEGORY_COLOURS = ['#9aa5b1', '#4c78a8', '#72b7b2', '#e45756', '#b279a2'];
  var OTHER_COLOUR = '#bab0ac';
  var INK = '#1d2430';
  var OVER = '#b3261e';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  // The timeline and hosts-in-service charts share their time axis; an equal y-axis width aligns their plots.
  var LANE_AXIS_WIDTH = 150;
  var CONFIG = {
    font: FONT,
    background: '#ffffff',
    view: { stroke: null },
    axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', titleColor: INK, labelColor: INK, gridColor: '#e6e9ee' },
    legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal' }
  };

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }
  function stat(o, name, s) { return o && o[name] ? num(o[name][s]) : null; }
  function minutes(s) { return s / 60; }
  function name(v) { return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null; }

  function clock(s) {
    var t = Math.max(0, s), h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, r = t - 3600 * h - 60 * m;
    return h + ':' + (m < 10 ? '0' : '') + m + ':' + (r < 10 ? '0' : '') + r.toFixed(1);
  }

  function seconds(v) {
    if (v === null) return '—';
    if (v === 0) return '0 s';
    return (Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3)))) + ' s';
  }

  // 1. Histogram of the campaign duration over the runs, stacked by outcome, with the p50 and p95 as rules.
  function duration(report) {
    var runs = (report.runDetails || []).filter(function (r) { return num(r.durationSeconds) !== null; }).map(function (r) {
      return { minutes: minutes(r.durationSeconds), outcome: r.aborted ? 'aborted' : r.rollback ? 'rolled back' : 'completed' };
    });
    var rules = [['p50', stat(report, 'duration', 'p50')], ['p95', stat(report, 'duration', 'p95')]]
      .filter(function (q) { return q[1] !== null; })
      .map(function (q) { return { minutes: minutes(q[1]), label: q[0] + ' ' + minutes(q[1]).toFixed(1) + ' min' }; });
    var x = { field: 'minutes', type: 'quantitative', title: 'campaign duration (minutes)' };
    return {
      height: 240,
      layer: [
        {
          data: { values: runs },
          mark: { type: 'bar', tooltip: true },
          encoding: {
            x: { field: 'minutes', type: 'quantitative', bin: { maxbins: 40 }, title: x.title },
            y: { aggregate: 'count', type: 'quantitative', title: 'runs' },
            color: {
              field: 'outcome', type: 'nominal', title: 'outcome',
              scale: { domain: ['completed', 'rolled back', 'aborted'], range: ['#4c78a8', '#f58518', OVER] },
              legend: { orient: 'top-right' }
            }
          }
        },
        {
          data: { values: rules },
          mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 2, color: INK },
          encoding: { x: x, tooltip: [{ field: 'label', title: 'percentile' }] }
        },
        {
          data: { values: rules },
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, fontWeight: 'bold', color: INK },
          encoding: { x: x, y: { value: 0 }, text: { field: 'label' } }
        }
      ]
    };
  }

  // 2. Each VNF's mean, p95 and worst outage as points on a line from mean to worst, its budget as a red tick.
  // A log axis when the values span more than two decades; zeros are then drawn at the axis' lower end.
  function outages(report) {
    var vnfs = (report.vnfs || []).filter(function (v) { return name(v.vnf) !== null; });
    var measures = ['mean', 'p95', 'max'];
    var positive = [];
    vnfs.forEach(function (v) {
      measures.concat(['budget']).forEach(function (m) {
        var x = m === 'budget' ? num(v.budgetSeconds) : stat(v, 'outage', m);
        if (x !== null && x > 0) positive.push(x);
      });
    });
    var low = Math.min.apply(null, positive), high = Math.max.apply(null, positive);
    var log = positive.length > 1 && high / low > 100;
    var zeros = vnfs.some(function (v) {
      return measures.some(function (m) { return stat(v, 'outage', m) === 0; });
    });
    // On a log axis, whole decades from a decade below the least value (two when a zero is drawn there, as "0").
    var first = log ? Math.floor(Math.log10(low)) - (zeros ? 1 : 0) : 0, last = log ? Math.ceil(Math.log10(high)) : 0;
    var floor = Math.pow(10, first), decades = [];
    for (var d = first; d <= last; d++) decades.push(Math.pow(10, d));
    function at(x) { return log ? Math.max(x, floor) : x; }

    var points = [], spans = [], budgets = [], over = [];
    vnfs.forEach(function (v) {
      var vnf = name(v.vnf), budget = num(v.budgetSeconds), p95 = stat(v, 'outage', 'p95');
      var mean = stat(v, 'outage', 'mean'), max = stat(v, 'outage', 'max');
      measures.forEach(function (m) {
        var x = stat(v, 'outage', m);
        if (x !== null) points.push({ vnf: vnf, measure: m === 'max' ? 'worst' : m, seconds: at(x), value: seconds(x) });
      });
      if (mean !== null && max !== null) spans.push({ vnf: vnf, from: at(mean), to: at(max) });
      if (budget !== null) budgets.push({ vnf: vnf, seconds: at(budget), value: seconds(budget) });
      if (budget !== null && p95 !== null && p95 > budget) over.push(vnf);
    });
    var names = vnfs.map(function (v) { return name(v.vnf); });
    var x = {
      field: 'seconds', type: 'quantitative',
      title: log ? 'outage per run (seconds, log scale)' : 'outage per run (seconds)',
      scale: log ? { type: 'log', domain: [floor, decades[decades.length - 1]], nice: false, padding: 10 } : { type: 'linear', zero: true },
      axis: log ? { values: decades, format: '~g', labelExpr: zeros ? 'datum.value <= ' + floor + " ? '0' : datum.label" : 'datum.label' } : {}
    };
    var y = {
      field: 'vnf', type: 'nominal', sort: names, title: null,
      axis: {
        labelFontWeight: { condition: { test: 'indexof(' + JSON.stringify(over) + ', datum.value) >= 0', value: 'bold' }, value: 'normal' },
        labelColor: { condition: { test: 'indexof(' + JSON.stringify(over) + ', datum.value) >= 0', value: OVER }, value: INK },
        labelLimit: 220
      }
    };
    return {
      height: Math.max(60, 34 * names.length),
      layer: [
        {
          data: { values: spans },
          mark: { type: 'rule', color: '#9aa5b1', strokeWidth: 2 },
          encoding: { y: y, x: { field: 'from', type: 'quantitative', scale: x.scale, title: x.title }, x2: { field: 'to' } }
        },
        {
          data: { values: budgets },
          mark: { type: 'tick', orient: 'vertical', color: OVER, thickness: 3 },
          encoding: {
            y: y, x: x,
            tooltip: [{ field: 'vnf', title: 'VNF' }, { field: 'value', title: 'budget' }]
          }
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            y: y, x: x,
            color: {
              field: 'measure', type: 'nominal', title: 'outage',
              scale: { domain: ['mean', 'p95', 'worst'], range: ['#4c78a8', '#f58518', '#54585f'] },
              legend: { orient: 'top', direction: 'horizontal' }
            },
            shape: { field: 'measure', type: 'nominal', scale: { domain: ['mean', 'p95', 'worst'], range: ['circle', 'diamond', 'triangle-up'] } },
            tooltip: [{ field: 'vnf', title: 'VNF' }, { field: 'measure', title: 'outage' }, { field: 'value', title: 'seconds' }]
          }
        }
      ]
    };
  }

  function timeAxisEnd(typical, ends) {
    var end = num(typical.durationSeconds);
    return minutes(Math.max.apply(null, ends.concat(end === null ? [] : [end])));
  }

  // 3. The typical run as a Gantt chart: one lane per wave, host or instance, bars coloured by category.
  function timeline(report, element) {
    var typical = report.typical || {};
    var lanes = JSON.parse(element.dataset.lanes || '[]');
    var kept = element.dataset.categories ? JSON.parse(element.dataset.categories) : null;
    var bars = (typical.timeline || []).filter(function (b) { return name(b.lane) !== null && num(b.start) !== null; });
    if (!bars.some(function (b) { return b.category === 'wave'; })) {
      (typical.waves || []).forEach(function (w) {
        if (name(w.wave) === null || num(w.start) === null) return;
        var hosts = Array.isArray(w.hosts) && w.hosts.length ? ': ' + w.hosts.join(', ') : '';
        var stage = w.stage ? ' (' + w.stage + (w.kind ? ', ' + w.kind : '') + ')' : '';
        bars.push({ lane: 'wave ' + name(w.wave), category: 'wave', label: 'wave ' + name(w.wave) + stage + hosts, start: w.start, end: w.end });
      });
    }
    var inLane = {};
    lanes.forEach(function (l) { inLane[l] = true; });
    var rows = bars.filter(function (b) {
      return inLane[name(b.lane)] === true && (kept === null || kept.indexOf(b.category) >= 0);
    }).map(function (b) {
      var end = num(b.end) !== null && b.end >= b.start ? b.end : b.start;
      return {
        lane: name(b.lane), category: typeof b.category === 'string' ? b.category : 'other',
        label: typeof b.label === 'string' ? b.label : '', start: minutes(b.start), end: minutes(end),
        from: clock(b.start), to: clock(end), length: seconds(end - b.start)
      };
    });
    var present = {};
    rows.forEach(function (r) { present[r.category] = true; });
    var domain = CATEGORIES.filter(function (c) { return present[c]; });
    var range = CATEGORY_COLOURS.filter(function (c, i) { return present[CATEGORIES[i]]; });
    Object.keys(present).sort().forEach(function (c) {
      if (CATEGORIES.indexOf(c) < 0) { domain.push(c); range.push(OTHER_COLOUR); }
    });
    var end = timeAxisEnd(typical, rows.map(function (r) { return r.end * 60; }));
    var y = { field: 'lane', type: 'nominal', sort: lanes, scale: { domain: lanes }, title: null,
      axis: { labelLimit: LANE_AXIS_WIDTH - 10, minExtent: LANE_AXIS_WIDTH, maxExtent: LANE_AXIS_WIDTH, labelFontSize: 11 } };
    var x = { field: 'start', type: 'quantitative', title: 'minutes since the campaign start', scale: { domain: [0, end], nice: false } };
    var colour = { field: 'category', type: 'nominal', title: null, scale: { domain: domain, range: range }, legend: { orient: 'top', direction: 'horizontal' } };
    var tooltip = [
      { field: 'label', title: 'what' }, { field: 'lane', title: 'lane' }, { field: 'category', title: 'category' },
      { field: 'from', title: 'start' }, { field: 'to', title: 'end' }, { field: 'length', title: 'lasted' }
    ];
    return {
      height: Math.max(60, 18 * lanes.length),
      data: { values: rows },
      layer: [
        {
          mark: { type: 'bar', cornerRadius: 2, height: { band: 0.75 } },
          encoding: { y: y, x: x, x2: { field: 'end' }, color: colour, tooltip: tooltip }
        },
        {
          // An outage lasts seconds in a run of an hour or more: a tick keeps it visible.
          transform: [{ filter: { field: 'category', equal: 'outage' } }],
          mark: { type: 'tick', orient: 'vertical', thickness: 2 },
          encoding: { y: y, x: x, color: colour, tooltip: tooltip }
        }
      ]
    };
  }

  // 4. Hosts in service over the typical run, as a step line held to the run's end.
  function hosts(report) {
    var typical = report.typical || {};
    var points = (typical.hostsInService || []).filter(function (p) { return num(p.time) !== null && num(p.hosts) !== null; })
      .map(function (p) { return { minutes: minutes(p.time), hosts: p.hosts, at: clock(p.time) }; })
      .sort(function (a, b) { return a.minutes - b.minutes; });
    var end = timeAxisEnd(typical, points.map(function (p) { return p.minutes * 60; }));
    var last = points[points.length - 1];
    if (last && end > last.minutes) points.push({ minutes: end, hosts: last.hosts, at: clock(end * 60) });
    var x = { field: 'minutes', type: 'quantitative', title: 'minutes since the campaign start', scale: { domain: [0, end], nice: false } };
    var y = { field: 'hosts', type: 'quantitative', title: null, scale: { zero: true },
      axis: { tickMinStep: 1, format: 'd', minExtent: LANE_AXIS_WIDTH, maxExtent: LANE_AXIS_WIDTH } };
    return {
      height: 200,
      data: { values: points },
      layer: [
        { mark: { type: 'area', interpolate: 'step-after', color: '#4c78a8', opacity: 0.15 }, encoding: { x: x, y: y } },
        { mark: { type: 'line', interpolate: 'step-after', color: '#4c78a8', strokeWidth: 2 }, encoding: { x: x, y: y } },
        {
          mark: { type: 'point', filled: true, size: 24, color: '#4c78a8' },
          encoding: { x: x, y: y, tooltip: [{ field: 'at', title: 'time' }, { field: 'hosts', title: 'hosts in service' }] }
        }
      ]
    };
  }

  var BUILDERS = { duration: duration, outages: outages, timeline: timeline, hosts: hosts };

  function fail(error) {
    var box = document.getElementById('render-error');
    box.hidden = false;
    box.textContent = 'The charts could not be drawn: ' + (error && error.message ? error.message : String(error));
    document.body.dataset.rendered = 'error';
  }

  try {
    var report = JSON.parse(document.getElementById('report-data').textContent);
    var embeds = Array.prototype.map.call(document.querySelectorAll('[data-chart]'), function (element) {
      var build = BUILDERS[element.dataset.chart];
      if (!build) throw new Error('the page has no chart named "' + element.dataset.chart + '"');
      var spec = Object.assign({ width: 'container', autosize: { type: 'fit-x', contains: 'padding' }, config: CONFIG }, build(report, element));
      return vegaEmbed(element, spec, { mode: 'vega-lite', renderer: 'svg', actions: false });
    });
    Promise.all(embeds).then(function (results) { document.body.dataset.rendered = String(results.length); }, fail);
  } catch (error) {
    fail(error);
  }
})();
