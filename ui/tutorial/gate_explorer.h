// gate_explorer.h: gate_explorer, a one-unit LSTM whose forget, input and output gates the learner sets
// with sliders while its cell state carries a symbol across distractors. Facts: gates.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_gate_explorer();

}  // namespace layerlab::ui
