// lesson_plots.h: log_bar_plot, bars on a logarithmic scale (a gradient's norm per time step, one or two
// series side by side), for the recurrence tutorial's widgets.
#pragma once
#include "imgui.h"

namespace layerlab::ui {

struct LogBarSeries {
  const char* name;
  ImU32 colour;
  const float* values;  // `count` values; zeros and non-finite values draw no bar
};
// Bars for steps 0..count-1 over `decades` powers of ten below the largest value (0: as many as the
// smallest value needs, 3 to 18); hovering names each
// series' value at that step. Returns the step under the mouse or -1.
int log_bar_plot(const char* id, ImVec2 size, int count, const LogBarSeries* series, int series_count, int decades,
                 const char* x_label);

}  // namespace layerlab::ui
