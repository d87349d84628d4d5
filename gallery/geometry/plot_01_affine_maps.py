r"""
# A matrix turns, stretches and shears the plane; a bias slides it

The first half of every layer, \(h \mapsto hW + b\), is an affine map: the matrix \(W\) keeps
the origin, straight lines straight and parallel lines parallel, and the bias \(b\) slides the
whole grid. Choose a map below and move the slider: nothing here bends a line; that is the
activation's job.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.animate import animate_explorable, animate_warp
from nnexplain.checks import Checks
from nnexplain.datasets import make_grid_lines
from nnexplain.explorable import Explorable
from nnexplain.plot import plot_warp
from nnexplain.warps import chain, rotation, scaling, shear, warp_frames

# Experiment dials
ANGLE = np.pi / 2  # final angle of the rotation, in radians
STRETCH = (1.8, 0.5)  # (s_x, s_y) of the stretch
SHEAR = 0.8  # x moves by SHEAR * y
BIAS = np.array([0.75, -0.5])  # the translation
W_GENERAL = np.array([[1.2, 0.8], [0.2, 0.9]])  # any matrix (last cell)
VIEW = 3.8  # the static panels show [-VIEW, VIEW]^2
BASIS = np.array([[1.0, 0.0], [0.0, 1.0]])  # unit vectors, large dots
BASIS_CLASS = np.array([2, 3])  # (1, 0) a triangle, (0, 1) a diamond (neutral ink)
N_STEPS = 7  # stages of the slider, from the identity to the full map
checks = Checks()

# %%
# ## Four maps, from the identity to the full map
#
# Each map grows in `N_STEPS` steps, from doing nothing to its full angle, stretch, shear or
# slide; the grid and the two unit vectors are carried along. One variant of the figure per map.

steps = np.linspace(0, 1, N_STEPS)
maps = {  # name: (the map at step t, the label of step t)
    "rotation": (lambda t: rotation(t * ANGLE), lambda t: f"angle {np.degrees(t * ANGLE):.0f} deg"),
    "stretch": (
        lambda t: scaling(*(1 + t * (np.array(STRETCH) - 1))),
        lambda t: "stretch ({:.2f}, {:.2f})".format(*(1 + t * (np.array(STRETCH) - 1))),
    ),
    "shear": (lambda t: shear(t * SHEAR), lambda t: f"shear k = {t * SHEAR:.2f}"),
    "bias": (lambda t: (np.eye(2), t * BIAS), lambda t: "b = ({:.2f}, {:.2f})".format(*(t * BIAS))),
}
grid = make_grid_lines((-2, 2), n_lines=9, n_points_per_line=2)
explorable = Explorable(np.arange(2) + 1, dials={"map": list(maps)}, title="affine maps")
for name, (at, label) in maps.items():
    moves = [warp_frames(at(t), np.vstack([grid.reshape(-1, 2), BASIS]), 2)[-1] for t in steps]
    explorable.add_variant(
        {"map": name},
        [m[-2:] for m in moves],  # the unit vectors, large dots
        labels=[label(t) for t in steps],
        lines=[m[:-2].reshape(grid.shape) for m in moves],
    )
animation = animate_explorable(  # the video without JavaScript
    explorable, frames_per_transition=8, pause_frames=10, markersize=8
)

# %%
# The two large dots are the unit vectors \((1, 0)\) and \((0, 1)\); follow them. The
# rotation turns the grid onto itself (after a quarter turn only the dots show that
# it turned); the stretch and the shear keep the origin and make squares into rectangles and
# parallelograms; only the bias moves the origin.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).
#
# nnexplain writes points as **rows** (a batch of data is an array of shape `(n_samples, 2)`),
# so a layer computes `points @ W`. The rows of \(W\) are where the two unit vectors land:
# \((1, 0)\,W\) is the first row, \((0, 1)\,W\) the second. Textbooks (and the source article)
# write points as columns and use \(W^\top\) instead, so their rotation matrix is the transpose
# of the one below.


def before_after(transform, title):
    """The grid and the unit vectors before and after a map, on the same scale."""
    axes = plot_warp(transform, points=BASIS, y=BASIS_CLASS, extent=(-2, 2))
    axes[1].set_title(f"after: {title}")
    for ax in axes:
        ax.set(xlim=(-VIEW, VIEW), ylim=(-VIEW, VIEW))  # same scale
        ax.set_aspect("equal", adjustable="box")
        for line in ax.lines:
            line.set_markersize(9)  # large dots, easy to follow


# %%
# ## A rotation by a growing angle
#
# In the row-vector convention, the matrix that turns the plane counter-clockwise by \(\theta\) is
#
# \[
# R(\theta) = \begin{pmatrix} \cos\theta & \sin\theta \\ -\sin\theta & \cos\theta \end{pmatrix},
# \qquad (x, y)\,R(\theta) = (x\cos\theta - y\sin\theta,\; x\sin\theta + y\cos\theta).
# \]
#
# It is the "rotation" of the figure above. Distances and angles do not change
# (\(\det R = 1\)), and a quarter turn sends \((1, 0)\) to \((0, 1)\).

R = rotation(ANGLE)
cloud = np.random.default_rng(0).normal(size=(50, 2))
distances = np.linalg.norm(cloud[:, None] - cloud[None], axis=-1)
moved = cloud @ R
changed = np.abs(np.linalg.norm(moved[:, None] - moved[None], axis=-1) - distances).max()
checks.at_most(changed, 1e-12, "rotation: largest change of a distance (50 points)", fmt=".1e")
stretched = cloud @ scaling(*STRETCH)  # the control: a map that does change distances
change = np.linalg.norm(stretched[:, None] - stretched[None], axis=-1) - distances
checks.above(np.abs(change).max(), 0.1, "the stretch, for comparison: the same", fmt=".2f")
landing = checks.at_most(np.abs(BASIS[0] @ R - [0, 1]).max(), 1e-12, "(1, 0) R - (0, 1)", fmt=".1e")

# %%
# ## A stretch
#
# A diagonal matrix stretches the x axis by \(s_x\) and the y axis by \(s_y\). The origin stays
# put; squares become rectangles; areas are multiplied by \(\det W = s_x s_y\).

W = scaling(*STRETCH)

before_after(W, f"stretch by {STRETCH}")

# %%
# ## A shear
#
# A shear slides every horizontal line sideways by an amount proportional to its height,
# \((x, y) \mapsto (x + ky, y)\): squares become parallelograms. The area does not change
# (\(\det W = 1\)); the triangle \((1, 0)\) does not move, the diamond \((0, 1)\) goes to
# \((k, 1)\).

W = shear(SHEAR)

before_after(W, f"shear, k = {SHEAR}")

# %%
# ## A translation by the bias
#
# The bias adds the same vector \(b\) to every point: the grid slides along \(b\) without
# turning or changing shape. This is the only move that shifts the origin, and the only one a
# matrix cannot make (\(0 \cdot W = 0\) whatever \(W\) is).

origin = {  # where the origin is at the end of each map of the figure above, as drawn
    name: np.linalg.norm(warp_frames(at(1.0), np.zeros((1, 2)), 2)[-1])
    for name, (at, _) in maps.items()
}
matrices = max(origin[name] for name in ("rotation", "stretch", "shear"))
checks.at_most(matrices, 1e-12, "rotation, stretch, shear: how far the origin moves", fmt=".0e")
checks.close(
    origin["bias"], np.linalg.norm(BIAS), "bias: how far the origin moves = |b|", tol=1e-12
)
before_after((np.eye(2), BIAS), f"h + b, b = {tuple(BIAS.tolist())}")

# %%
# ## Any affine map is a turn, a stretch, a turn and a slide
#
# An arbitrary \(W\) mixes all of the above. Its singular value decomposition
# \(W = U \Sigma V^\top\) says exactly how. When \(\det W > 0\), \(U\) and \(V^\top\) can be
# chosen as rotations, and \(hW = h\,R(\alpha)\,\Sigma\,R(\beta)\): turn by \(\alpha\),
# stretch the axes by the singular values \(\sigma_1, \sigma_2\), turn by \(\beta\). Then
# \(b\) slides the result. The animation plays these four moves one after the other; the area
# factor is \(\det W = \sigma_1 \sigma_2\). (With \(\det W < 0\) one of the turns is a mirror
# flip.)

U, sigma, Vt = np.linalg.svd(W_GENERAL)
flip = np.diag([1.0, np.sign(np.linalg.det(U))])  # make U a rotation (Vt changes with it)
U, Vt = U @ flip, flip @ Vt
if abs(np.arctan2(U[0, 1], U[0, 0])) > np.pi / 2:  # -U, -Vt: the same W with smaller turns
    U, Vt = -U, -Vt
alpha, beta = np.arctan2(U[0, 1], U[0, 0]), np.arctan2(Vt[0, 1], Vt[0, 0])
error = np.abs(rotation(alpha) @ np.diag(sigma) @ rotation(beta) - W_GENERAL).max()
checks.at_most(error, 1e-12, "R(alpha) Sigma R(beta) - W, largest entry", fmt=".1e")
moves = chain(rotation(alpha), np.diag(sigma), rotation(beta), (None, BIAS))  # 1/4 of the time each

fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
anim_affine = animate_warp(
    moves,
    n_frames=80,
    pause_frames=8,
    easing="linear",
    ax=ax,
    title=(
        f"turn {np.degrees(alpha):.0f} deg, stretch {sigma.round(2).tolist()}, "
        f"turn {np.degrees(beta):.0f} deg, slide"
    ),
)
checks
