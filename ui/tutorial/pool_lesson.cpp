// pool_lesson.cpp: the pooling tutorial's computations, through engine/pooling and engine/conv2d.
#include "tutorial/pool_lesson.h"

#include <algorithm>
#include <cmath>

#include "tutorial/conv_lesson.h"

namespace layerlab::ui {

const std::vector<const char*>& pool_kind_names() {
  static const std::vector<const char*> names = {"max", "mean", "sum"};
  return names;
}

PoolRun run_pooling(const LessonImage& map, PoolKind kind, int window, int stride) {
  PoolRun run;
  Pool2dGeometry& g = run.geometry;
  g.channels = 1;
  g.height = map.height;
  g.width = map.width;
  g.window = window;
  g.stride = stride;
  g.kind = kind;
  run.error = check_pool2d_geometry(g);
  if (!run.error.empty() || map.empty()) return run;
  run.output.resize(static_cast<size_t>(g.out_size()));
  pool2d_forward(g, map.pixels.data(), run.output.data(), 1);
  return run;
}

LessonImage shifted(const LessonImage& map, int dx, int dy) {
  LessonImage out = map;
  for (int y = 0; y < map.height; ++y)
    for (int x = 0; x < map.width; ++x) {
      const int sy = y - dy, sx = x - dx;
      const bool inside = sy >= 0 && sx >= 0 && sy < map.height && sx < map.width;
      out.pixels[static_cast<size_t>(y) * map.width + x] = inside ? map.at(0, sy, sx) : 0.0f;
    }
  return out;
}

int changed_values(const std::vector<float>& a, const std::vector<float>& b) {
  float scale = 0.0f;
  for (float v : a) scale = std::max(scale, std::fabs(v));
  for (float v : b) scale = std::max(scale, std::fabs(v));
  const float tolerance = 1e-6f * std::max(scale, 1.0f);
  int changed = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) changed += std::fabs(a[i] - b[i]) > tolerance;
  return changed;
}

ShiftComparison compare_shift(const LessonImage& map, PoolKind kind, int window, int stride, int dx, int dy) {
  ShiftComparison c;
  const LessonImage moved = shifted(map, dx, dy);
  c.original = run_pooling(map, kind, window, stride);
  c.moved = run_pooling(moved, kind, window, stride);
  c.input_values = static_cast<int>(map.pixels.size());
  c.input_changed = changed_values(map.pixels, moved.pixels);
  c.pooled_values = static_cast<int>(c.original.output.size());
  c.pooled_changed = changed_values(c.original.output, c.moved.output);
  return c;
}

LessonImage edge_feature_map(const LessonImage& grey) {
  ConvSettings s;
  s.kernel = kernel_values(KernelPreset::SobelX);
  s.pad = 1;
  s.padding = PaddingMode::Edge;
  ConvRun run = run_convolution(grey, s);
  LessonImage out;
  if (run.output.empty()) return out;
  out.channels = 1;
  out.height = run.geometry.out_h();
  out.width = run.geometry.out_w();
  out.pixels = std::move(run.output);
  for (float& v : out.pixels) v = std::max(v, 0.0f);  // ReLU
  return out;
}

}  // namespace layerlab::ui
