/* nnexplain explorable kind "points": points (2D, or 3D turned by the reader) through the stages,
 * with optional grid lines, a field (probability of class 1) behind them and per-unit heat-maps.
 * Every stage is drawn in the variant's one frame (the manifest's "frame", computed by Python's
 * nnexplain.frames.fixed_frame, which the video draws in too), with the axes through the origin,
 * numbered ticks and the input's grid in grey, so that a slide, a stretch or a squash is seen.
 * The reader may zoom (P.zoomed): each stage then fills the view, and the label says so.
 * Registered with explorable-format.js (loaded first); runs under node too (no page at load). */
(function (F) {
  "use strict";

  var SPECK = 0.2; // a stage spanning less of the frame than this is offered a zoom
  var MARGIN = { left: 40, bottom: 22 }; // room for the tick labels (not on thumbnails)

  /* The view at stage position t: the fixed frame, or (zoomed) each stage's own bounds eased
   * between two stages; its centre and radius. */
  function frameAt(P, v, t) {
    var lo = v.frame[0], hi = v.frame[1];
    if (P.zoomed) {
      var i = Math.floor(t), s = P.ease(t - i), a = v.bounds[i], b = v.bounds[Math.min(i + 1, v.bounds.length - 1)];
      var mix = function (p, q) { return [0, 1, 2].map(function (k) { return p[k] + (q[k] - p[k]) * s; }); };
      lo = mix(a[0], b[0]); hi = mix(a[1], b[1]);
    }
    v.lo = lo; v.hi = hi;
    v.centre = [0, 1, 2].map(function (k) { return 0.5 * (lo[k] + hi[k]); });
    v.radius = Math.max(1e-9, 0.5 * Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]));
  }

  /* The field (probability of class 1) at stage position t, blended between two stages, as an
   * image: class 0 colour, white at 0.5, class 1 colour. */
  function fieldImage(P, v, t) {
    var i = Math.floor(t), s = P.ease(t - i), a = v.fields[i].data;
    var b = v.fields[Math.min(i + 1, v.fields.length - 1)].data, mix = v.fieldMix;
    if (v.fieldAt === t) return v.fieldCanvas;
    v.fieldAt = t;
    for (var q = 0; q < mix.length; q++) mix[q] = a[q] + (b[q] - a[q]) * s;
    var f = { data: mix, shape: v.fields[0].shape };
    var rows = f.shape[0], cols = f.shape[1];
    var c = v.fieldCanvas, ctx = c.getContext("2d");
    var img = ctx.createImageData(cols, rows);
    var c0 = F.hexRgb(P.colors[0]), c1 = F.hexRgb(P.colors[1] || P.colors[0]);
    for (var r = 0; r < rows; r++) {
      for (var j = 0; j < cols; j++) {
        var p = f.data[r * cols + j], to = p < 0.5 ? c0 : c1, s = Math.abs(p - 0.5) * 2;
        var o = 4 * ((rows - 1 - r) * cols + j); // rows run from ymin up; images from the top
        for (var k = 0; k < 3; k++) img.data[o + k] = 255 + (to[k] - 255) * s;
        img.data[o + 3] = 90;
      }
    }
    ctx.putImageData(img, 0, 0);
    return c;
  }

  /* Screen position of coordinate i of array a (stage s) blended with stage s + 1, in the
   * plotting area whose centre is (v.cx, v.cy). */
  function project(P, v, arrays, t, outX, outY, w, hgt, scale) {
    var dims = v.dims, i = Math.floor(t), s = P.ease(t - i);
    var a = arrays[i].data, b = arrays[Math.min(i + 1, arrays.length - 1)].data;
    var c = v.centre, cx = v.cx, cy = v.cy, n = outX.length;
    if (dims === 2) {
      for (var p = 0, o = 0; p < n; p++, o += 2) {
        var x = a[o] + (b[o] - a[o]) * s, y = a[o + 1] + (b[o + 1] - a[o + 1]) * s;
        outX[p] = cx + (x - c[0]) * scale;
        outY[p] = cy - (y - c[1]) * scale;
      }
      return;
    }
    var cyw = Math.cos(P.yaw), syw = Math.sin(P.yaw), cp = Math.cos(P.pitch), sp = Math.sin(P.pitch);
    for (var q = 0, k = 0; q < n; q++, k += 3) {
      var X = a[k] + (b[k] - a[k]) * s - c[0], Y = a[k + 1] + (b[k + 1] - a[k + 1]) * s - c[1];
      var Z = a[k + 2] + (b[k + 2] - a[k + 2]) * s - c[2];
      var u = X * cyw - Y * syw, depth = X * syw + Y * cyw;
      outX[q] = cx + u * scale;
      outY[q] = cy - (Z * cp + depth * sp) * scale;
    }
  }

  /* The plotting area of a w x hgt canvas (margins for the ticks on the main canvas, none on a
   * thumbnail), its centre in v.cx, v.cy, and the scale (CSS px per unit, equal on every axis). */
  function layout(v, w, hgt) {
    var ticks = w >= 200 && v.dims === 2, left = ticks ? MARGIN.left : 0, bottom = ticks ? MARGIN.bottom : 0;
    var aw = w - left, ah = hgt - bottom;
    var top = ticks ? 8 : 0;
    ah -= top;
    v.cx = left + aw / 2; v.cy = top + ah / 2; v.area = [left, top, aw, ah]; v.ticks = ticks;
    if (v.dims === 3) return 0.5 * Math.min(aw, ah) / (v.radius * 1.5);
    var sx = (v.hi[0] - v.lo[0]) || 1e-9, sy = (v.hi[1] - v.lo[1]) || 1e-9;
    return 0.96 * Math.min(aw / sx, ah / sy);
  }

  /* Round tick values over [lo, hi], about n of them (steps of 1, 2 or 5 times a power of 10). */
  function niceTicks(lo, hi, n) {
    var raw = (hi - lo) / n, step = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10)), r = raw / step;
    step *= r >= 7.5 ? 10 : r >= 3.5 ? 5 : r >= 1.5 ? 2 : 1;
    var out = [], digits = Math.max(0, Math.min(6, -Math.floor(Math.log(step) / Math.LN10 + 1e-9)));
    for (var x = Math.ceil(lo / step - 1e-9) * step; x <= hi + 1e-9 * step; x += step) {
      out.push({ value: x, text: (Math.abs(x) < 1e-9 * step ? 0 : x).toFixed(digits) });
    }
    return out;
  }

  /* What stays put in the frame: the input's grid in grey, the axes through the origin and (2D,
   * main canvas) numbered ticks along the left and bottom edges. The origin's screen position
   * is kept in v.origin (for tests and readers of the page's hooks). */
  function drawReference(P, v, ctx, w, hgt, scale) {
    var neutral = P.palette.neutral, c = v.centre;
    if (v.lines) {
      var shape = v.lines[0].shape, per = shape[1];
      project(P, v, [v.lines[0], v.lines[0]], 0, v.lx, v.ly, w, hgt, scale);
      ctx.beginPath();
      for (var l = 0; l < shape[0]; l++) {
        ctx.moveTo(v.lx[l * per], v.ly[l * per]);
        for (var k = 1; k < per; k++) ctx.lineTo(v.lx[l * per + k], v.ly[l * per + k]);
      }
      ctx.strokeStyle = neutral.input_grid;
      ctx.lineWidth = 0.6;
      ctx.stroke();
    }
    var lo = v.lo, hi = v.hi, ends = []; // the frame (zoomed: the stage's own bounds)
    for (var d = 0; d < v.dims; d++) {
      var a = [0, 0, 0], b = [0, 0, 0];
      a[d] = lo[d]; b[d] = hi[d];
      ends.push(a, b);
    }
    var flat = { data: new Float32Array([].concat.apply([], ends.map(function (e) { return e.slice(0, v.dims); }))) };
    var X = new Float32Array(ends.length), Y = new Float32Array(ends.length);
    project(P, v, [flat, flat], 0, X, Y, w, hgt, scale);
    ctx.beginPath();
    for (var e = 0; e < ends.length; e += 2) { ctx.moveTo(X[e], Y[e]); ctx.lineTo(X[e + 1], Y[e + 1]); }
    ctx.strokeStyle = neutral.axis;
    ctx.lineWidth = 1;
    ctx.stroke();
    var zero = { data: new Float32Array(v.dims) }, ox = new Float32Array(1), oy = new Float32Array(1);
    project(P, v, [zero, zero], 0, ox, oy, w, hgt, scale);
    v.origin = [ox[0], oy[0]];
    ctx.fillStyle = P.fg;
    ctx.font = "11px sans-serif";
    if (v.dims === 3 && w >= 200) { // each axis named at its positive end, with the value there
      var widest = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
      ["x", "y", "z"].forEach(function (name, k) {
        if (hi[k] - lo[k] < 0.05 * widest) return; // a flat axis: its end is at the origin
        ctx.fillText(name + " = " + niceLabel(hi[k]), X[2 * k + 1] + 3, Y[2 * k + 1] - 3);
      });
      return;
    }
    if (!v.ticks) return;
    var area = v.area, x0 = c[0] - (v.cx - area[0]) / scale, x1 = c[0] + (area[0] + area[2] - v.cx) / scale;
    var base = area[1] + area[3], y0 = c[1] - (base - v.cy) / scale, y1 = c[1] + (v.cy - area[1]) / scale;
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.beginPath();
    niceTicks(x0, x1, Math.max(3, Math.round(area[2] / 90))).forEach(function (tk) {
      var sx = v.cx + (tk.value - c[0]) * scale;
      ctx.moveTo(sx, base); ctx.lineTo(sx, base + 4);
      ctx.fillText(tk.text, sx, base + 6);
    });
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    niceTicks(y0, y1, Math.max(3, Math.round(area[3] / 70))).forEach(function (tk) {
      var sy = v.cy - (tk.value - c[1]) * scale;
      ctx.moveTo(area[0] - 4, sy); ctx.lineTo(area[0], sy);
      ctx.fillText(tk.text, area[0] - 6, sy);
    });
    ctx.strokeStyle = P.fg;
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.textAlign = "start"; ctx.textBaseline = "alphabetic";
  }

  function niceLabel(x) {
    var a = Math.abs(x);
    return a >= 100 || a === 0 ? x.toFixed(0) : a >= 1 ? x.toFixed(1) : x.toPrecision(2);
  }

  /* The edges of the data's bounding cube, for a sense of which way is up. */
  function drawBox(P, v, ctx, w, hgt, scale) {
    var lo = v.lo, hi = v.hi, corners = [];
    for (var k = 0; k < 8; k++) corners.push([k & 1 ? hi[0] : lo[0], k & 2 ? hi[1] : lo[1], k & 4 ? hi[2] : lo[2]]);
    var flat = { data: new Float32Array([].concat.apply([], corners)) };
    var X = new Float32Array(8), Y = new Float32Array(8);
    project(P, v, [flat, flat], 0, X, Y, w, hgt, scale);
    ctx.beginPath();
    for (var a = 0; a < 8; a++) {
      for (var b = 0; b < 3; b++) {
        var c = a | (1 << b);
        if (c !== a) { ctx.moveTo(X[a], Y[a]); ctx.lineTo(X[c], Y[c]); }
      }
    }
    ctx.strokeStyle = P.gridColor;
    ctx.lineWidth = 0.6;
    ctx.setLineDash([3, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  F.registerKind("points", {
    read: function (buffer, entry) {
      var get = function (name) { return F.decodeAll(buffer, entry, name); };
      if (!Array.isArray(entry.frame) || entry.frame.length !== (entry.dims || 2)) {
        throw new F.DataError("variant " + entry.file + " has no frame for its " + (entry.dims || 2) + " coordinates");
      }
      return { dims: entry.dims || 2, points: get("points"), lines: get("lines"), fields: get("fields"), units: get("units"),
        spans: entry.spans || [] };
    },

    /* The fixed frame (low and high corners, z = 0 in 2D), the bounds of each stage (points,
     * else lines) for the zoom, and work arrays. */
    prepare: function (P, v) {
      var f = v.entry.frame;
      v.frame = [[f[0][0], f[1][0], f[2] ? f[2][0] : 0], [f[0][1], f[1][1], f[2] ? f[2][1] : 0]];
      var dims = v.dims, src = (v.points[0].data.length ? v.points : v.lines) || v.points;
      v.bounds = src.map(function (a) {
        var lo = [Infinity, Infinity, 0], hi = [-Infinity, -Infinity, 0];
        if (dims === 3) { lo[2] = Infinity; hi[2] = -Infinity; }
        for (var i = 0; i < a.data.length; i += dims) {
          for (var k = 0; k < dims; k++) {
            var x = a.data[i + k];
            if (x < lo[k]) lo[k] = x;
            if (x > hi[k]) hi[k] = x;
          }
        }
        return [lo, hi];
      });
      frameAt(P, v, 0);
      var n = v.points[0].data.length / dims;
      v.sx = new Float32Array(n); v.sy = new Float32Array(n);
      if (v.lines) {
        var m = v.lines[0].data.length / dims;
        v.lx = new Float32Array(m); v.ly = new Float32Array(m);
      }
      if (v.fields) {
        var shape = v.fields[0].shape;
        v.fieldCanvas = P.el("canvas", { width: shape[1], height: shape[0] });
        v.fieldMix = new Float32Array(shape[0] * shape[1]);
        v.fieldAt = -1;
      }
    },

    height: function (P, v, width) { return Math.min(width * 0.7, 500); },

    /* Draw stage position t on ctx (w x hgt CSS pixels); screen coordinates land in sx, sy. */
    render: function (P, v, ctx, t, w, hgt, radius, sx, sy, lineWidth) {
      frameAt(P, v, t);
      var scale = layout(v, w, hgt);
      ctx.clearRect(0, 0, w, hgt);
      ctx.save();
      if (v.dims === 2) { ctx.beginPath(); ctx.rect(v.area[0], v.area[1], v.area[2], v.area[3]); ctx.clip(); }
      if (v.fields && v.dims === 2) {
        var e = v.entry.field_extent, c = v.centre;
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(fieldImage(P, v, t), v.cx + (e[0] - c[0]) * scale, v.cy - (e[3] - c[1]) * scale,
          (e[1] - e[0]) * scale, (e[3] - e[2]) * scale);
      }
      if (v.dims === 3) drawBox(P, v, ctx, w, hgt, scale);
      ctx.restore();
      drawReference(P, v, ctx, w, hgt, scale);
      ctx.save();
      if (v.dims === 2) { ctx.beginPath(); ctx.rect(v.area[0], v.area[1], v.area[2], v.area[3]); ctx.clip(); }
      if (v.lines) {
        var shape = v.lines[0].shape, per = shape[1];
        project(P, v, v.lines, t, v.lx, v.ly, w, hgt, scale);
        ctx.beginPath();
        for (var l = 0; l < shape[0]; l++) {
          var o = l * per;
          ctx.moveTo(v.lx[o], v.ly[o]);
          for (var k = 1; k < per; k++) ctx.lineTo(v.lx[o + k], v.ly[o + k]);
        }
        ctx.strokeStyle = P.gridColor;
        ctx.lineWidth = lineWidth;
        ctx.stroke();
      }
      project(P, v, v.points, t, sx, sy, w, hgt, scale);
      var y = P.y, n = sx.length, square = n > 800, d = 2 * radius * 0.9;
      for (var cls = 0; cls < P.colors.length; cls++) {
        ctx.beginPath();
        for (var p = 0; p < n; p++) {
          if (y[p] !== cls) continue;
          if (square) { ctx.rect(sx[p] - 0.5 * d, sy[p] - 0.5 * d, d, d); continue; } // 3x faster
          ctx.moveTo(sx[p] + radius, sy[p]);
          ctx.arc(sx[p], sy[p], radius, 0, 6.2832);
        }
        ctx.fillStyle = P.colors[cls];
        ctx.fill();
      }
      if (P.highlight >= 0 && P.highlight < n) {
        var hx = sx[P.highlight], hy = sy[P.highlight];
        ctx.beginPath();
        ctx.arc(hx, hy, radius + 5, 0, 6.2832);
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = P.fg;
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(hx, hy, radius + 1.5, 0, 6.2832);
        ctx.fillStyle = P.colors[y[P.highlight]];
        ctx.fill();
      }
      ctx.restore();
    },

    /* How many times the zoom enlarges stage i (the frame over the stage's span); 1 when the
     * stage fills the frame. */
    zoom: function (P, v, i) {
      var span = v.spans[i];
      return span > 0 && span < SPECK ? 1 / span : 1;
    },

    describe: function (P, v, i) {
      var span = v.spans[i];
      return span > 0 && span < SPECK ? ", spanning " + Math.round(100 * span) + "% of the shared frame" : "";
    },

    hint: function (P, v) {
      return (v.dims === 3 ? "Drag the figure (or Shift + arrow keys) to turn it. " : "") +
        "Point at a dot to follow it through every stage. ";
    },

    /* One heat-map per unit over the input plane (the output in the class colours). */
    units: function (P, v) {
      var e = v.entry;
      if (!v.units) return [];
      return v.units.map(function (u, i) {
        var rows = u.shape[0], cols = u.shape[1], c = P.el("canvas", { width: cols, height: rows, role: "img",
          "aria-label": e.unit_labels[i] + " over the input plane" });
        var ctx = c.getContext("2d"), img = ctx.createImageData(cols, rows);
        var isOutput = i === v.units.length - 1 && e.unit_labels[i] === "output";
        var max = 1e-9;
        for (var k = 0; k < u.data.length; k++) max = Math.max(max, Math.abs(u.data[k]));
        var neg = isOutput ? F.hexRgb(P.colors[0]) : P.signed.neg;
        var pos = isOutput ? F.hexRgb(P.colors[1] || P.colors[0]) : P.signed.pos;
        for (var r = 0; r < rows; r++) {
          for (var j = 0; j < cols; j++) {
            var val = u.data[r * cols + j];
            var s = isOutput ? 2 * (val - 0.5) : val / max, to = s < 0 ? neg : pos, a = Math.min(1, Math.abs(s));
            var o = 4 * ((rows - 1 - r) * cols + j);
            for (var q = 0; q < 3; q++) img.data[o + q] = 255 + (to[q] - 255) * a;
            img.data[o + 3] = 255;
          }
        }
        ctx.putImageData(img, 0, 0);
        return P.el("figure", { class: "nx-unit" }, [c, P.el("figcaption", { text: e.unit_labels[i] })]);
      });
    },
  });
})(typeof nnexplainFormat === "object" ? nnexplainFormat : require("./explorable-format.js"));
