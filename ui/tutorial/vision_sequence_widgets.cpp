// vision_sequence_widgets.cpp: the widget kinds of tutorials 3 (convolution), 4 (pooling) and 6 (recurrence
// and gating), by the names tutorial files use.
#include "tutorial/conv_explorer.h"
#include "tutorial/feature_maps.h"
#include "tutorial/gate_explorer.h"
#include "tutorial/memory_race.h"
#include "tutorial/pool_explorer.h"
#include "tutorial/rnn_unrolled.h"
#include "tutorial/signal_explorer.h"
#include "tutorial/size_quiz.h"
#include "tutorial/widget_api.h"

namespace layerlab::ui {

const std::vector<TutorialWidgetKind>& vision_sequence_tutorial_widgets() {
  static const std::vector<TutorialWidgetKind> kinds = {
      {"conv_explorer", make_conv_explorer}, {"size_quiz", make_size_quiz},   {"feature_maps", make_feature_maps},
      {"pool_explorer", make_pool_explorer}, {"rnn_unrolled", make_rnn_unrolled}, {"gate_explorer", make_gate_explorer},
      {"memory_race", make_memory_race}, {"signal_explorer", make_signal_explorer}};
  return kinds;
}

}  // namespace layerlab::ui
