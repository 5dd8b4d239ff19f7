// lab_backend_readout.h: the models workspace's backend readout: which backend trains (WebGPU and the adapter, or
// the CPU), the learner's CPU / GPU choice, and why the CPU trains when the GPU cannot.
#pragma once
#include "app_state.h"

namespace layerlab::ui {

// Drawn on the top bar's line (its caption at `top`), after SameLine.
void draw_lab_backend_readout(AppState& app, float top);
// Why the CPU trains (when it does), in the rest of the line: at most two lines, the whole reason on hover.
void draw_lab_backend_note(AppState& app, float top);

}  // namespace layerlab::ui
