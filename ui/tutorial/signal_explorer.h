// signal_explorer.h: signal_explorer, a filter sliding along a 1-D signal (the convolution tutorial's first
// step): the signal, the filter ([-1, 1] or a bell), the engine's output, and the products at one position.
// Facts: signal.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_signal_explorer();

}  // namespace layerlab::ui
