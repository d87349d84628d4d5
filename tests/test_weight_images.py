import numpy as np
import pytest

from nnexplain import MLP, Dense
from nnexplain.weight_images import plot_weight_images, plot_winner_neuron


def test_weight_images_share_a_symmetric_scale(pyplot):
    rng = np.random.default_rng(0)
    W = rng.normal(size=(12, 15))
    W[3, 7] = 5.0
    images = plot_weight_images(W, image_shape=(3, 4))
    assert len(images) == 10  # the first 10 by default
    clims = {im.get_clim() for im in images}
    assert len(clims) == 1
    ((vmin, vmax),) = clims
    assert vmin == -vmax == -np.abs(W[:, :10]).max() == -5.0
    np.testing.assert_array_equal(images[2].get_array(), W[:, 2].reshape(3, 4))
    assert images[0].get_cmap().name == "nnexplain_signed"
    fig = images[0].figure
    assert len(fig.axes) == 11  # a 2 x 5 grid and one colorbar
    assert fig.axes[-1].get_ylabel() == "weight"
    # 7 neurons on a 5-column grid: the 3 spare panels are hidden
    fig = plot_weight_images(W, image_shape=(3, 4), neurons=range(7))[0].figure
    assert sum(ax.get_visible() for ax in fig.axes) == 7 + 1


def test_weight_images_axes_neurons_vmax_kwargs(pyplot):
    W = np.arange(24.0).reshape(4, 6) - 12
    fig, axes = pyplot.subplots(1, 2)
    images = plot_weight_images(
        W,
        image_shape=(2, 2),
        neurons=[5, 1],
        axes=axes,
        vmax=3.0,
        colorbar=False,
        cmap="PuOr",
        alpha=0.5,
    )
    assert [im.axes for im in images] == list(axes)
    assert all(im.get_clim() == (-3.0, 3.0) for im in images)
    np.testing.assert_array_equal(images[0].get_array(), W[:, 5].reshape(2, 2))
    assert images[1].get_alpha() == 0.5 and images[1].get_cmap().name == "PuOr"
    assert len(fig.axes) == 2  # no colorbar
    # a Dense layer works too
    layer = Dense.from_arrays(W, None)
    assert len(plot_weight_images(layer, image_shape=(2, 2), neurons=[0])) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"image_shape": (3, 3)}, ValueError, "holds 9 pixels but the weights have 4"),
        ({"image_shape": 4}, TypeError, "image_shape"),
        ({"image_shape": (2, 2), "neurons": [9]}, ValueError, r"neurons must be in 0..5"),
        ({"image_shape": (2, 2), "neurons": [0.5]}, TypeError, "neurons"),
        ({"image_shape": (2, 2), "vmax": -1}, ValueError, "vmax"),
    ],
)
def test_weight_images_bad_input(pyplot, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_weight_images(np.ones((4, 6)), **kwargs)


def test_winner_neuron_is_argmax(pyplot):
    rng = np.random.default_rng(1)
    W = rng.normal(size=(16, 7))
    x = rng.uniform(size=16)
    art = plot_winner_neuron(W, x, image_shape=(4, 4))
    assert art.neuron == int(np.argmax(x @ W))
    np.testing.assert_array_equal(art.input_image.get_array(), x.reshape(4, 4))
    np.testing.assert_array_equal(art.weight_image.get_array(), W[:, art.neuron].reshape(4, 4))
    vmin, vmax = art.weight_image.get_clim()
    assert vmin == -vmax


def test_winner_neuron_deeper_layer_of_an_mlp(pyplot):
    rng = np.random.default_rng(2)
    net = MLP([16, 12, 5], activation="relu", seed=0)
    x = rng.uniform(size=16)
    fig, axes = pyplot.subplots(1, 2)
    art = plot_winner_neuron(net, x, image_shape=(4, 4), layer=1, axes=axes)
    h = np.maximum(x @ net.layers[0].W + net.layers[0].b, 0)
    assert art.neuron == int(np.argmax(h @ net.layers[1].W))
    assert art.weight_image.get_array().shape == (3, 4)  # 12 inputs shown as 3 x 4
    assert art.weight_image.axes is axes[1]
    assert plot_winner_neuron(net, x, image_shape=(4, 4)).neuron == int(
        np.argmax(x @ net.layers[0].W)
    )
    with pytest.raises(ValueError, match="layer must be in 0..1"):
        plot_winner_neuron(net, x, image_shape=(4, 4), layer=2)
    with pytest.raises(ValueError, match="layer only applies to an MLP"):
        plot_winner_neuron(net.layers[0].W, x, image_shape=(4, 4), layer=1)
