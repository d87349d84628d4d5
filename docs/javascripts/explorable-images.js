/* nnexplain explorable kind "images": small images with captions, the nearest stage's.
 * Registered with explorable-format.js (loaded first); runs under node too (no page at load). */
(function (F) {
  "use strict";

  /* A grayscale image (row 0 at the top) on a canvas of its own size: "gray" black to white,
   * "gray_r" white to black, "signed" the palette's negative colour below zero, white at zero,
   * its positive colour above. */
  function imageCanvas(P, im, cmap) {
    var rows = im.shape[0], cols = im.shape[1], d = im.data, lo = Infinity, hi = -Infinity, signed = P.signed;
    for (var i = 0; i < d.length; i++) { lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); }
    var big = Math.max(Math.abs(lo), Math.abs(hi), 1e-12), span = hi - lo || 1;
    var c = P.el("canvas", { width: cols, height: rows }), ctx = c.getContext("2d");
    var img = ctx.createImageData(cols, rows);
    for (var k = 0; k < d.length; k++) {
      var o = 4 * k;
      if (cmap === "signed") {
        var s = d[k] / big, to = s < 0 ? signed.neg : signed.pos, a = Math.min(1, Math.abs(s));
        for (var q = 0; q < 3; q++) img.data[o + q] = 255 + (to[q] - 255) * a;
      } else {
        var g = 255 * (d[k] - lo) / span;
        if (cmap === "gray_r") g = 255 - g;
        img.data[o] = img.data[o + 1] = img.data[o + 2] = g;
      }
      img.data[o + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return c;
  }

  /* Columns, rows and cell size (CSS px) of n images in a canvas of the given width. */
  function imageGrid(width, n) {
    var cols = Math.max(1, Math.min(n, Math.floor(width / 110)));
    var cell = Math.min(160, Math.floor(width / cols) - 12);
    return { cols: cols, rows: Math.ceil(n / cols), cell: cell };
  }

  F.registerKind("images", {
    read: function (buffer, entry) {
      return { images: entry.images.map(function (stage) {
        return stage.map(function (meta) { return F.decode(buffer, meta); });
      }) };
    },

    /* One small canvas per image and stage, in its colour map. */
    prepare: function (P, v) {
      var cmaps = v.entry.cmaps;
      v.pictures = v.images.map(function (stage) {
        return stage.map(function (im, j) { return imageCanvas(P, im, cmaps[j]); });
      });
      v.sx = new Float32Array(0); v.sy = new Float32Array(0);
    },

    height: function (P, v, width) {
      var g = imageGrid(width, v.pictures[0].length);
      return g.rows * (g.cell + 22) + 4;
    },

    /* The images of the nearest stage, each with its caption underneath (on the figure only:
     * a thumbnail, drawn with thinner lines, shows them in one row without captions). */
    render: function (P, v, ctx, t, w, hgt, radius, sx, sy, lineWidth) {
      var text = lineWidth > 0.5, i = Math.round(t), pics = v.pictures[i], caps = v.entry.captions[i];
      ctx.clearRect(0, 0, w, hgt);
      var g = text ? imageGrid(w, pics.length) : { cols: pics.length, rows: 1, cell: Math.min(hgt - 4, w / pics.length - 4) };
      var cw = Math.min(w / g.cols, g.cell + 60), ch = text ? g.cell + 22 : hgt, left = (w - cw * g.cols) / 2;
      ctx.imageSmoothingEnabled = false;
      ctx.font = "12px sans-serif";
      ctx.textAlign = "center";
      ctx.fillStyle = P.fg;
      pics.forEach(function (pic, k) {
        var cx = left + (k % g.cols) * cw + cw / 2, y = Math.floor(k / g.cols) * ch + 2;
        var iw = g.cell * Math.min(1, pic.width / pic.height), ih = g.cell * Math.min(1, pic.height / pic.width);
        ctx.drawImage(pic, cx - iw / 2, y, iw, ih);
        if (text) ctx.fillText(caps[k], cx, y + g.cell + 15, cw - 4);
      });
      ctx.textAlign = "start";
      ctx.imageSmoothingEnabled = true;
    },

    describe: function (P, v, i) { return ": " + v.entry.captions[i].join(", "); },
    hint: function () { return ""; },
  });
})(typeof nnexplainFormat === "object" ? nnexplainFormat : require("./explorable-format.js"));
