// pool_explorer.h: pool_explorer, the pooling tutorial's widget: max, mean or sum pooling of a small
// numeric map or of a photograph's edge map, the window under a pooled cell, and the pooled maps of the
// input and of the input shifted by a pixel side by side with the cells that changed. Facts: pool.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_pool_explorer();

}  // namespace layerlab::ui
