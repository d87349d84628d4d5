"""Draw the picture at the top of README.md: a disc and a ring carried through a small network.

Run ``python docs/assets/readme_figure.py`` to redraw ``docs/assets/readme.png``; the test suite
checks that the committed picture is what this script draws.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from nnexplain import MLP
from nnexplain.datasets import make_circle_in_donut, make_grid_lines
from nnexplain.plot import plot_grid, plot_points
from nnexplain.projections import project_stages
from nnexplain.warps import stages

OUT = Path(__file__).with_name("readme.png")


def draw(path=OUT):
    X, y = make_circle_in_donut(600, seed=0)
    net = MLP([2, 3, 3, 3, 1], activation="tanh", seed=0)
    net.fit(X, y, epochs=60, batch_size=16, lr=0.01, seed=0, evaluate=False)
    lines = make_grid_lines((-1.3, 1.3), n_lines=15, n_points_per_line=80)
    data, labels = stages(net, X, include_affine=False, include_output=False)
    grid, _ = stages(net, lines, include_affine=False, include_output=False)
    # One PCA for every stage (3 units wide) so that the views share their axes' meaning.
    data2, pca = project_stages(data, method="pca")
    fig, axes = plt.subplots(1, len(data), figsize=(10, 2.8), layout="constrained")
    for ax, d, g, label in zip(axes, data2, grid, labels, strict=True):
        plot_grid(pca.transform(g.reshape(-1, g.shape[-1])).reshape(*g.shape[:2], 2), ax=ax, lw=0.5)
        plot_points(d, y, ax=ax, markersize=2)
        ax.set_title(label, fontsize="medium")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.savefig(path, dpi=80, metadata={"Software": None})
    plt.close(fig)
    return path


if __name__ == "__main__":
    print(draw(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
