// draw_pad.h: DrawPad, the learner's own input for an image model: a canvas drawn with the mouse or a finger,
// reduced (box-averaged) to the dataset's image size and scaled exactly as its examples are (digits, Fashion-MNIST,
// or a CSV of k x k pixel columns, which the lab standardises per column), and the network's prediction for it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "gl_texture.h"
#include "lab_state.h"

namespace layerlab::ui {

struct DrawPad {
  // What the canvas is for (refit when the data changes): the dataset's image size, 0 when not an image set.
  std::string dataset;
  const Dataset* fitted = nullptr;  // the loaded training set the pad was fitted to (a new load: fit again)
  int width = 0, height = 0;
  int scale = 1;  // canvas pixels per input pixel
  // How the dataset's pixels are stored: ink t in [0, 1] (0 background, 1 full ink) is first rounded to `levels`
  // steps (digits: 16, 8-bit pixels: 255; 0 for continuous values), then pixel j's feature is
  // offset[j] + t * gain[j] (an image set: the same for every pixel; a CSV: each column's standardisation).
  std::vector<float> offset, gain;
  int levels = 0;
  bool standardized = false;    // a CSV's columns (for the learner's note)
  std::vector<float> canvas;    // (height * scale, width * scale) ink coverage in [0, 1]
  std::vector<float> input;     // (height * width) what the network sees, scaled as the dataset's examples
  float ink = 0.0f;             // the input's ink, summed over its pixels (0: blank)
  float brush = 1.0f;           // radius, in input pixels
  bool erase = false;
  bool stroking = false;        // the pointer is down on the canvas
  float last_x = 0.0f, last_y = 0.0f;  // the stroke's previous point, in canvas pixels
  bool dirty = true;            // the canvas changed since the input was computed
  int source_example = -1;      // the test example the canvas started from (-1: drawn from blank)
  // The prediction: probabilities over the classes, for the weights of session `session_id` at `step`.
  std::unique_ptr<Workspace> ws;
  long session_id = -1, step = -1;
  double predicted_at = -1e9;
  std::vector<float> probabilities;
  int top[3] = {-1, -1, -1};
  long predictions = 0;         // forward passes made (for the tests: it updates as the learner draws)
  // Pictures: the canvas (smooth) and the input the network sees (crisp pixels); refreshed when dirty.
  GlTexture canvas_texture, input_texture;
  std::vector<uint32_t> rgba;   // scratch for the textures
  bool textures_dirty = true;
};

// True for one-channel images (digits, Fashion-MNIST, an IDX file) and for a CSV (`name` ends in .csv) of k x k
// pixel columns, k from 4 to 64, with a class per row: what the pad can draw.
bool draw_pad_supports(const Dataset& data, const std::string& name);
// Makes the pad fit the loaded sets (size, pixel scaling, a blank canvas) unless it already does; a CSV is read
// again from `name` for its columns' raw ranges. Not supported (or unreadable): width 0.
void draw_pad_fit(DrawPad& pad, const Dataset& train, const Dataset& test, const std::string& name);
void draw_pad_clear(DrawPad& pad);
// A segment of the current stroke, in canvas pixels (a dot when both ends are the same point).
void draw_pad_stroke(DrawPad& pad, float x0, float y0, float x1, float y1);
// The canvas becomes test example `index` (exactly: its input is that example's features).
void draw_pad_load_example(DrawPad& pad, const Dataset& test, int index);
// Recomputes the input when the canvas changed and the prediction when the input or the weights changed
// (at most 5 times a second for new weights while training); refreshes the textures.
void draw_pad_update(DrawPad& pad, const LabState& lab, double now_seconds);

}  // namespace layerlab::ui
