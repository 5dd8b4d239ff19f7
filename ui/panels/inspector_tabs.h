// inspector_tabs.h: the models workspace's inspector tabs that live in their own files, and the small
// pieces they share with inspector_panel.cpp (the example picker, value legends).
#pragma once
#include "panels.h"

namespace layerlab::ui {

// The test example the per-example views show, with its prediction (right in blue, wrong in orange).
void example_picker(AppState& app);
// A colour bar of `width` pixels for values in [lo, hi] (signed: the diverging map over [-scale, scale],
// with scale = max(|lo|, |hi|); otherwise grey from lo to hi), labelled at both ends and at 0.
void value_legend(float lo, float hi, bool is_signed, float width = 120.0f);
// caption() that wraps at the panel's edge (for sentences).
void wrapped_caption(const char* text);

// Feature maps and their gradients, the clicked cell's input window, the kernels (CNN).
void draw_feature_maps_tab(AppState& app);
// Per trainable layer: gradient norm and weight histogram over training; dead ReLU shares.
void draw_layers_tab(AppState& app);
// Words from a next-character model: prompt, temperature, regenerate (inside the LSTM gates tab).
void draw_generated_text(AppState& app);

}  // namespace layerlab::ui
