/* nnexplain explorable kind "points": points (2D, or 3D turned by the reader) through the stages,
 * with optional grid lines, a field (probability of class 1) behind them and per-unit heat-maps.
 * Registered with explorable-format.js (loaded first); runs under node too (no page at load). */
(function (F) {
  "use strict";

  /* The view at stage position t: bounds, centre and radius eased between two stages. */
  function frameAt(P, v, t) {
    var i = Math.floor(t), s = P.ease(t - i), a = v.bounds[i], b = v.bounds[Math.min(i + 1, v.bounds.length - 1)];
    var mix = function (p, q) { return [0, 1, 2].map(function (k) { return p[k] + (q[k] - p[k]) * s; }); };
    var lo = mix(a[0], b[0]), hi = mix(a[1], b[1]);
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

  /* Screen position of coordinate i of array a (stage s) blended with stage s + 1. */
  function project(P, v, arrays, t, outX, outY, w, hgt, scale) {
    var dims = v.dims, i = Math.floor(t), s = P.ease(t - i);
    var a = arrays[i].data, b = arrays[Math.min(i + 1, arrays.length - 1)].data;
    var c = v.centre, cx = w / 2, cy = hgt / 2, n = outX.length;
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

  function scaleFor(v, w, hgt) {
    if (v.dims === 3) return 0.5 * Math.min(w, hgt) / (v.radius * 1.5);
    var sx = (v.hi[0] - v.lo[0]) || 1e-9, sy = (v.hi[1] - v.lo[1]) || 1e-9;
    return 0.92 * Math.min(w / sx, hgt / sy);
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
      return { dims: entry.dims || 2, points: get("points"), lines: get("lines"), fields: get("fields"), units: get("units") };
    },

    /* Bounds of each stage (points, else lines), and work arrays for the frame. Each stage is
     * framed on its own and the frame eases between stages, so the data always fill the view. */
    prepare: function (P, v) {
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
      var scale = scaleFor(v, w, hgt);
      ctx.clearRect(0, 0, w, hgt);
      if (v.fields && v.dims === 2) {
        var e = v.entry.field_extent, c = v.centre;
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(fieldImage(P, v, t), w / 2 + (e[0] - c[0]) * scale, hgt / 2 - (e[3] - c[1]) * scale,
          (e[1] - e[0]) * scale, (e[3] - e[2]) * scale);
      }
      if (v.dims === 3) drawBox(P, v, ctx, w, hgt, scale);
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
    },

    describe: function () { return ""; },

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
