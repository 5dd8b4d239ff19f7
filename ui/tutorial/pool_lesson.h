// pool_lesson.h: what the pooling tutorial computes, through the engine's pool2d_forward: a pooled map,
// the window under one pooled cell, and translation invariance (the input shifted by whole pixels, and how
// many input and pooled values the shift changed).
#pragma once
#include <string>
#include <vector>

#include "pooling.h"
#include "tutorial/lesson_images.h"

namespace layerlab::ui {

const std::vector<const char*>& pool_kind_names();  // "max", "mean", "sum" (PoolKind order)

struct PoolRun {
  Pool2dGeometry geometry;
  std::vector<float> output;  // (out_h, out_w)
  std::string error;          // the engine's message when the geometry is unusable
};
// pool2d_forward of a one-channel map.
PoolRun run_pooling(const LessonImage& map, PoolKind kind, int window, int stride);

// The map moved right by dx and down by dy pixels (negative: left, up); what enters is 0.
LessonImage shifted(const LessonImage& map, int dx, int dy);

// Values that differ (by more than 1e-6 relative to the largest magnitude) between two maps of one size.
int changed_values(const std::vector<float>& a, const std::vector<float>& b);

// A comparison of the pooled maps of a map and of its shifted copy.
struct ShiftComparison {
  PoolRun original, moved;
  int input_values = 0, input_changed = 0;    // over the whole input map
  int pooled_values = 0, pooled_changed = 0;  // over the pooled maps
};
ShiftComparison compare_shift(const LessonImage& map, PoolKind kind, int window, int stride, int dx, int dy);

// The ReLU of Sobel x over a grey photograph (edge padding, stride 1): a feature map as a conv layer
// with ReLU would give it, to be pooled.
LessonImage edge_feature_map(const LessonImage& grey);

}  // namespace layerlab::ui
