// conv_explorer.h: conv_explorer, the convolution tutorial's main widget: a 3x3 kernel sliding over a
// photograph or the worked 5x5 grid, with padding, stride, a flipped kernel and the dot product at one
// position. Facts: conv.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_conv_explorer();

}  // namespace layerlab::ui
