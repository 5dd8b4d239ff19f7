// basic_widgets.cpp: the registry of tutorials 1, 2 and 5's widgets (neurons, training, a CNN end to end).
#include "basic_widgets.h"

namespace layerlab::ui {

const std::vector<TutorialWidgetKind>& basic_tutorial_widgets() {
  static const std::vector<TutorialWidgetKind> kinds = {
      {"neuron", make_neuron_widget},
      {"mlp_forward", make_mlp_forward_widget},
      {"descent", make_descent_widget},
      {"param_counter", make_param_counter_widget},
  };
  return kinds;
}

}  // namespace layerlab::ui

