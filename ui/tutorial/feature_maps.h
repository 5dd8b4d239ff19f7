// feature_maps.h: feature_maps, a convolutional layer of 1..4 filters over the three colour channels of a
// photograph: each filter has one 3x3 slice per channel and gives one feature map. Facts: maps.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_feature_maps();

}  // namespace layerlab::ui
