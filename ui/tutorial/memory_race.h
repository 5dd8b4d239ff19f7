// memory_race.h: memory_race, an LSTM and a simple RNN trained side by side on the memory task while the
// learner watches both test accuracies, the LSTM's forget gates learning to hold the first symbol, and the
// gradient reaching each step in both. Facts: memory.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_memory_race();

}  // namespace layerlab::ui
