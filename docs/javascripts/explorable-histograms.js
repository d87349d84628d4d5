/* nnexplain explorable kind "histograms": one panel of bars each, axes fixed over the stages.
 * Registered with explorable-format.js (loaded first); runs under node too (no page at load). */
(function (F) {
  "use strict";

  function fmt(x) { return Math.abs(x) >= 100 || x === Math.round(x) ? String(Math.round(x)) : x.toPrecision(2); }

  F.registerKind("histograms", {
    read: function (buffer, entry) {
      return { counts: F.decodeAll(buffer, entry, "counts"), edges: F.decodeAll(buffer, entry, "edges") };
    },

    /* Per panel, the x range and the tallest bar over every stage (fixed axes). */
    prepare: function (P, v) {
      var panels = v.entry.panels.length, bins = v.counts[0].shape[1];
      v.hist = v.entry.panels.map(function (name, p) {
        var lo = Infinity, hi = -Infinity, top = 1e-12;
        v.edges.forEach(function (e) {
          lo = Math.min(lo, e.data[p * (bins + 1)]);
          hi = Math.max(hi, e.data[p * (bins + 1) + bins]);
        });
        v.counts.forEach(function (c) {
          for (var k = 0; k < bins; k++) top = Math.max(top, c.data[p * bins + k]);
        });
        return { name: name, lo: lo, hi: hi, top: top };
      });
      v.bins = bins;
      v.panels = panels;
      v.sx = new Float32Array(0); v.sy = new Float32Array(0);
    },

    height: function (P, v, width) { return Math.min(width * 0.45, 340); },

    /* Histograms at stage position t (bars eased between stages), one panel each; names and
     * axis ends on the figure only (not on a thumbnail, drawn with thinner lines). */
    render: function (P, v, ctx, t, w, hgt, radius, sx, sy, lineWidth) {
      var text = lineWidth > 0.5, i = Math.floor(t), s = P.ease(t - i), j = Math.min(i + 1, P.n - 1);
      var bins = v.bins, pad = text ? 16 : 3, top = text ? 20 : 3, gap = text ? 18 : 4;
      var pw = (w - gap * (v.panels - 1)) / v.panels, base = hgt - pad;
      ctx.clearRect(0, 0, w, hgt);
      ctx.font = "12px sans-serif";
      for (var p = 0; p < v.panels; p++) {
        var info = v.hist[p], x0 = p * (pw + gap), sxs = pw / (info.hi - info.lo || 1);
        var syy = (base - top) / info.top, ca = v.counts[i].data, cb = v.counts[j].data;
        var ea = v.edges[i].data, eb = v.edges[j].data, o = p * (bins + 1);
        ctx.beginPath();
        for (var k = 0; k < bins; k++) {
          var c = ca[p * bins + k] + (cb[p * bins + k] - ca[p * bins + k]) * s;
          var left = ea[o + k] + (eb[o + k] - ea[o + k]) * s, right = ea[o + k + 1] + (eb[o + k + 1] - ea[o + k + 1]) * s;
          var x = x0 + (left - info.lo) * sxs, bw = (right - left) * sxs, bh = Math.max(0, c) * syy;
          ctx.rect(x, base - bh, Math.max(bw - (bw > 3 ? 0.5 : 0), 0.5), bh);
        }
        ctx.fillStyle = P.palette.neutral.bars;
        ctx.globalAlpha = 0.85;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.beginPath();
        ctx.moveTo(x0, base + 0.5); ctx.lineTo(x0 + pw, base + 0.5);
        ctx.strokeStyle = P.gridColor; ctx.lineWidth = 1; ctx.stroke();
        if (!text) continue;
        ctx.fillStyle = P.fg;
        ctx.textAlign = "center"; ctx.fillText(info.name, x0 + pw / 2, 13);
        ctx.textAlign = "left"; ctx.fillText(fmt(info.lo), x0, hgt - 2);
        ctx.textAlign = "right"; ctx.fillText(fmt(info.hi), x0 + pw, hgt - 2);
        if (info.lo < 0 && info.hi > 0) {
          var zx = x0 + (0 - info.lo) * sxs;
          ctx.textAlign = "center"; ctx.fillText("0", zx, hgt - 2);
        }
      }
      ctx.textAlign = "start";
    },

    describe: function () { return ""; },
    hint: function () { return ""; },
  });
})(typeof nnexplainFormat === "object" ? nnexplainFormat : require("./explorable-format.js"));
