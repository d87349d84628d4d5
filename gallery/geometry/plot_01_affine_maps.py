r"""
# A matrix turns, stretches and shears the plane; a bias slides it

The first half of every layer, \(h \mapsto hW + b\), is an affine map. The matrix \(W\) moves
every point of the plane but keeps the origin where it is, straight lines straight and parallel
lines parallel: it can only rotate, stretch, squeeze and shear the grid. The bias \(b\) then
slides the whole grid without changing its shape. Nothing here can bend a line; that is the job
of the activation that follows.

nnexplain writes points as **rows** (a batch of data is an array of shape `(n_samples, 2)`), so
a layer computes `points @ W`. The rows of \(W\) are where the two unit vectors land:
\((1, 0)\,W\) is the first row, \((0, 1)\,W\) the second. Textbooks (and the source article)
write points as columns and use \(W^\top\) instead, so their rotation matrix is the transpose of
the one below.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.animate import animate_warp
from nnexplain.plot import plot_warp
from nnexplain.warps import MapPath, chain, rotation, scaling, shear

# Experiment dials
ANGLE = np.pi / 2  # final angle of the rotation, in radians
STRETCH = (1.8, 0.5)  # (s_x, s_y) of the stretch
SHEAR = 0.8  # x moves by SHEAR * y
BIAS = np.array([0.75, -0.5])  # the translation
W_GENERAL = np.array([[1.2, 0.8], [0.2, 0.9]])  # any matrix (last cell)
VIEW = 3.8  # the static panels show [-VIEW, VIEW]^2
BASIS = np.array([[1.0, 0.0], [0.0, 1.0]])  # unit vectors, large dots
BASIS_CLASS = np.array([1, 2])  # (1, 0) in red, (0, 1) in green


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
# Watch the red line (it starts on the x axis) and the green one (on the y axis): after a
# quarter turn the grid lands on itself, and only these two lines show that it turned. Distances
# and angles do not change: \(\det R = 1\).

R = rotation(ANGLE)
print(f"R({np.degrees(ANGLE):.0f} deg) =\n{R.round(3)}   det = {np.linalg.det(R):.3f}")
print(f"(1, 0) R = {BASIS[0] @ R.round(3)},  (0, 1) R = {BASIS[1] @ R.round(3)}")

fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
anim_rotation = animate_warp(
    MapPath(lambda points, t: points @ rotation(t * ANGLE)),  # the angle grows with the time t
    n_frames=50,
    pause_frames=8,
    ax=ax,
    title=f"rotation by t x {np.degrees(ANGLE):.0f} deg",
)

# %%
# ## A stretch
#
# A diagonal matrix stretches the x axis by \(s_x\) and the y axis by \(s_y\). The origin stays
# put; squares become rectangles; areas are multiplied by \(\det W = s_x s_y\).

W = scaling(*STRETCH)
print(f"W =\n{W}   det = {np.linalg.det(W):.2f}")

before_after(W, f"stretch by {STRETCH}")

# %%
# ## A shear
#
# A shear slides every horizontal line sideways by an amount proportional to its height,
# \((x, y) \mapsto (x + ky, y)\): squares become parallelograms. The area does not change
# (\(\det W = 1\)); the red dot \((1, 0)\) does not move, the green one \((0, 1)\) goes to
# \((k, 1)\).

W = shear(SHEAR)
print(f"W =\n{W}   det = {np.linalg.det(W):.2f}")

before_after(W, f"shear, k = {SHEAR}")

# %%
# ## A translation by the bias
#
# The bias adds the same vector \(b\) to every point: the grid slides along \(b\) without
# turning or changing shape. This is the only move that shifts the origin, and the only one a
# matrix cannot make (\(0 \cdot W = 0\) whatever \(W\) is).

print(f"the origin moves to {np.zeros(2) + BIAS}")
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
print(f"W =\n{W_GENERAL}   det = {np.linalg.det(W_GENERAL):.3f}")
print(
    f"turn by {np.degrees(alpha):.1f} deg, stretch by {sigma.round(3)}, "
    f"turn by {np.degrees(beta):.1f} deg, slide by {BIAS}"
)
moves = chain(rotation(alpha), np.diag(sigma), rotation(beta), (None, BIAS))  # 1/4 of the time each

fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
anim_affine = animate_warp(
    moves,
    n_frames=80,
    pause_frames=8,
    easing="linear",
    ax=ax,
    title="turn, stretch, turn, slide: h W + b",
)
