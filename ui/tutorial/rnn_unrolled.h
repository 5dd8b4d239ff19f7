// rnn_unrolled.h: rnn_unrolled, a one-unit RNN unrolled in time over a pulse (a diagram with h_t per
// step) with the gradient of the last output reaching each step, on a log scale. Facts: rnn.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_rnn_unrolled();

}  // namespace layerlab::ui
