// draw_pad.cpp: the draw pad's canvas (anti-aliased strokes), its reduction to the dataset's image size and
// scaling, and the prediction for it.
#include "draw_pad.h"

#include <algorithm>
#include <cmath>

#include "byte_io.h"
#include "csv_import.h"
#include "image_atlas.h"

namespace layerlab::ui {

namespace {
constexpr int kCanvasSide = 112;     // canvas pixels along the image's longer side (about)
constexpr int kLevelSample = 2000;   // examples looked at to find how the pixels are stored
constexpr int kWorkspaceRows = 1;

bool ends_with(const std::string& s, const char* tail) {
  const std::string t = tail;
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

int square_side(int features) {
  const int k = static_cast<int>(std::lround(std::sqrt(static_cast<double>(features))));
  return k * k == features && k >= 4 && k <= 64 ? k : 0;
}

// The number of steps `values` are stored in between lo and hi (16 for digits, 255 for 8-bit pixels), or 0.
int stored_levels(const float* values, size_t n, float lo, float hi) {
  for (int levels : {16, 255}) {
    bool on_grid = true;
    for (size_t i = 0; i < n && on_grid; ++i) {
      const float t = (values[i] - lo) / (hi - lo) * static_cast<float>(levels);
      on_grid = std::fabs(t - std::round(t)) < 1e-3f;
    }
    if (on_grid) return levels;
  }
  return 0;
}

// An image set: every pixel is stored alike, from the darkest to the brightest value of its first examples.
void fit_image_scaling(DrawPad& pad, const Dataset& d) {
  const size_t n = std::min(d.x.size(), static_cast<size_t>(kLevelSample) * static_cast<size_t>(d.features));
  const auto range = std::minmax_element(d.x.begin(), d.x.begin() + static_cast<std::ptrdiff_t>(n));
  const float lo = *range.first, hi = *range.second > lo ? *range.second : lo + 1.0f;
  pad.offset.assign(static_cast<size_t>(d.features), lo);
  pad.gain.assign(static_cast<size_t>(d.features), hi - lo);
  pad.levels = stored_levels(d.x.data(), n, lo, hi);
  pad.standardized = false;
}

// A CSV of pixel columns: the lab subtracted each column's training mean and divided by its standard deviation
// (csv_import.h), an increasing affine map, so each column's smallest and largest value in the file and in the
// loaded sets (training and test together) give it exactly. Ink runs from the file's darkest to brightest pixel.
bool fit_csv_scaling(DrawPad& pad, const Dataset& train, const Dataset& test, const std::string& path) {
  std::vector<uint8_t> bytes;
  std::string error;
  if (!read_whole_file(path, &bytes, &error)) return false;
  const CsvImport raw = import_csv(bytes.data(), bytes.size());
  const Dataset& r = raw.data;
  const int f = train.features;
  if (!raw.ok() || r.features != f || r.size() != train.size() + test.size()) return false;
  std::vector<float> raw_lo(static_cast<size_t>(f), INFINITY), raw_hi(static_cast<size_t>(f), -INFINITY);
  std::vector<float> z_lo = raw_lo, z_hi = raw_hi;
  for (size_t i = 0; i < r.x.size(); ++i) {
    const size_t j = i % static_cast<size_t>(f);
    raw_lo[j] = std::min(raw_lo[j], r.x[i]);
    raw_hi[j] = std::max(raw_hi[j], r.x[i]);
  }
  for (const Dataset* d : {&train, &test})
    for (size_t i = 0; i < d->x.size(); ++i) {
      const size_t j = i % static_cast<size_t>(f);
      z_lo[j] = std::min(z_lo[j], d->x[i]);
      z_hi[j] = std::max(z_hi[j], d->x[i]);
    }
  const float ink_lo = *std::min_element(raw_lo.begin(), raw_lo.end());
  const float ink_hi = std::max(*std::max_element(raw_hi.begin(), raw_hi.end()), ink_lo + 1.0f);
  pad.offset.resize(static_cast<size_t>(f));
  pad.gain.resize(static_cast<size_t>(f));
  for (size_t j = 0; j < static_cast<size_t>(f); ++j) {
    // z = z_lo + (raw - raw_lo) * scale; a constant column kept scale 1 (its deviation was 0).
    const float scale = raw_hi[j] > raw_lo[j] ? (z_hi[j] - z_lo[j]) / (raw_hi[j] - raw_lo[j]) : 1.0f;
    pad.offset[j] = z_lo[j] + (ink_lo - raw_lo[j]) * scale;
    pad.gain[j] = (ink_hi - ink_lo) * scale;
  }
  pad.levels = stored_levels(r.x.data(), std::min(r.x.size(), static_cast<size_t>(kLevelSample) * static_cast<size_t>(f)),
                             ink_lo, ink_hi);
  pad.standardized = true;
  return true;
}

float to_feature(const DrawPad& pad, size_t j, float t) {
  if (pad.levels > 0) t = std::round(t * static_cast<float>(pad.levels)) / static_cast<float>(pad.levels);
  return pad.offset[j] + t * pad.gain[j];
}

float to_ink(const DrawPad& pad, size_t j, float feature) {
  return pad.gain[j] != 0.0f ? std::clamp((feature - pad.offset[j]) / pad.gain[j], 0.0f, 1.0f) : 0.0f;
}

// The canvas, box-averaged over each input pixel's block, scaled as the dataset's pixels.
void compute_input(DrawPad& pad) {
  const int cw = pad.width * pad.scale, s = pad.scale;
  const float area = static_cast<float>(s * s);
  pad.ink = 0.0f;
  for (int y = 0; y < pad.height; ++y)
    for (int x = 0; x < pad.width; ++x) {
      float sum = 0.0f;
      for (int dy = 0; dy < s; ++dy) {
        const float* row = pad.canvas.data() + static_cast<size_t>((y * s + dy) * cw + x * s);
        for (int dx = 0; dx < s; ++dx) sum += row[dx];
      }
      const size_t j = static_cast<size_t>(y * pad.width + x);
      pad.input[j] = to_feature(pad, j, sum / area);
      pad.ink += to_ink(pad, j, pad.input[j]);
    }
}

void predict(DrawPad& pad, const TrainingSession& s, long session_id) {
  const Network& net = s.network();
  if (!pad.ws || pad.session_id != session_id) pad.ws = std::make_unique<Workspace>(net, kWorkspaceRows);
  const float* logits = net.forward(*pad.ws, pad.input.data(), 1);
  const int width = net.output_features();
  pad.probabilities.assign(static_cast<size_t>(width), 0.0f);
  float top = logits[0], sum = 0.0f;
  for (int k = 1; k < width; ++k) top = std::max(top, logits[k]);
  for (int k = 0; k < width; ++k) sum += pad.probabilities[static_cast<size_t>(k)] = std::exp(logits[k] - top);
  for (float& p : pad.probabilities) p /= sum;
  for (int slot = 0; slot < 3; ++slot) {
    int best = -1;
    for (int k = 0; k < width; ++k) {
      bool taken = false;
      for (int j = 0; j < slot; ++j) taken |= pad.top[j] == k;
      if (!taken && (best < 0 || pad.probabilities[static_cast<size_t>(k)] > pad.probabilities[static_cast<size_t>(best)]))
        best = k;
    }
    pad.top[slot] = best;
  }
  ++pad.predictions;
}

void refresh_textures(DrawPad& pad) {
  const int cw = pad.width * pad.scale, ch = pad.height * pad.scale;
  pad.rgba.resize(pad.canvas.size());
  for (size_t i = 0; i < pad.canvas.size(); ++i) pad.rgba[i] = grey_pixel(pad.canvas[i], 0.0f, 1.0f);
  if (pad.canvas_texture.width() == cw && pad.canvas_texture.height() == ch) pad.canvas_texture.update_rows(pad.rgba.data(), 0, ch);
  else pad.canvas_texture.create(pad.rgba.data(), cw, ch, false);
  pad.rgba.resize(pad.input.size());
  for (size_t i = 0; i < pad.input.size(); ++i) pad.rgba[i] = grey_pixel(to_ink(pad, i, pad.input[i]), 0.0f, 1.0f);
  if (pad.input_texture.width() == pad.width && pad.input_texture.height() == pad.height)
    pad.input_texture.update_rows(pad.rgba.data(), 0, pad.height);
  else pad.input_texture.create(pad.rgba.data(), pad.width, pad.height, true);
  pad.textures_dirty = false;
}
}  // namespace

bool draw_pad_supports(const Dataset& data, const std::string& name) {
  if (data.size() == 0 || data.steps > 0 || data.is_regression() || data.label_steps != 1) return false;
  if (data.channels == 1 && data.height > 0 && data.width > 0) return true;
  return data.channels == 0 && ends_with(name, ".csv") && square_side(data.features) > 0;
}

void draw_pad_fit(DrawPad& pad, const Dataset& train, const Dataset& test, const std::string& name) {
  if (pad.dataset == name && pad.fitted == &train) return;  // fitted, or found not drawable (width 0)
  pad.dataset = name;
  pad.fitted = &train;
  pad.width = pad.height = 0;
  const bool image = train.channels == 1;
  const int w = image ? train.width : square_side(train.features), h = image ? train.height : w;
  if (!draw_pad_supports(train, name)) return;
  if (image) fit_image_scaling(pad, train);
  else if (!fit_csv_scaling(pad, train, test, name)) return;
  pad.width = w;
  pad.height = h;
  pad.scale = std::clamp(kCanvasSide / std::max(w, h), 1, 16);
  pad.brush = static_cast<float>(std::max(w, h)) / 12.0f;  // digits ~0.7 px, clothes ~2.3 px
  pad.canvas.assign(static_cast<size_t>(w * pad.scale) * static_cast<size_t>(h * pad.scale), 0.0f);
  pad.input.assign(static_cast<size_t>(w * h), 0.0f);
  for (size_t j = 0; j < pad.input.size(); ++j) pad.input[j] = to_feature(pad, j, 0.0f);
  pad.probabilities.clear();
  pad.step = -1;
  pad.source_example = -1;
  pad.dirty = pad.textures_dirty = true;
}

void draw_pad_clear(DrawPad& pad) {
  std::fill(pad.canvas.begin(), pad.canvas.end(), 0.0f);
  pad.source_example = -1;
  pad.dirty = true;
}

void draw_pad_stroke(DrawPad& pad, float x0, float y0, float x1, float y1) {
  if (pad.canvas.empty()) return;
  const int cw = pad.width * pad.scale, ch = pad.height * pad.scale;
  const float r = std::max(0.5f, pad.brush * static_cast<float>(pad.scale));
  const float dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  const int xa = std::max(0, static_cast<int>(std::floor(std::min(x0, x1) - r - 1)));
  const int xb = std::min(cw - 1, static_cast<int>(std::ceil(std::max(x0, x1) + r + 1)));
  const int ya = std::max(0, static_cast<int>(std::floor(std::min(y0, y1) - r - 1)));
  const int yb = std::min(ch - 1, static_cast<int>(std::ceil(std::max(y0, y1) + r + 1)));
  for (int y = ya; y <= yb; ++y)
    for (int x = xa; x <= xb; ++x) {
      // Distance from the pixel's centre to the segment; coverage falls off over one pixel (anti-aliased edge).
      const float px = static_cast<float>(x) + 0.5f - x0, py = static_cast<float>(y) + 0.5f - y0;
      const float t = len2 > 0.0f ? std::clamp((px * dx + py * dy) / len2, 0.0f, 1.0f) : 0.0f;
      const float ex = px - t * dx, ey = py - t * dy;
      const float coverage = std::clamp(r + 0.5f - std::sqrt(ex * ex + ey * ey), 0.0f, 1.0f);
      if (coverage <= 0.0f) continue;
      float& c = pad.canvas[static_cast<size_t>(y * cw + x)];
      c = pad.erase ? std::min(c, 1.0f - coverage) : std::max(c, coverage);
    }
  pad.dirty = true;
}

void draw_pad_load_example(DrawPad& pad, const Dataset& test, int index) {
  if (pad.canvas.empty() || index < 0 || index >= test.size() || test.features != pad.width * pad.height) return;
  const float* row = test.row(index);
  const int cw = pad.width * pad.scale;
  for (int y = 0; y < pad.height * pad.scale; ++y)
    for (int x = 0; x < cw; ++x) {
      const size_t j = static_cast<size_t>((y / pad.scale) * pad.width + x / pad.scale);
      pad.canvas[static_cast<size_t>(y * cw + x)] = to_ink(pad, j, row[j]);
    }
  pad.source_example = index;
  pad.dirty = true;
}

void draw_pad_update(DrawPad& pad, const LabState& lab, double now) {
  if (pad.width == 0) return;
  const bool input_changed = pad.dirty;
  if (pad.dirty) {
    compute_input(pad);
    pad.dirty = false;
    pad.textures_dirty = true;
  }
  const TrainingSession* s = lab.session.get();
  const bool takes_it = s && !s->diverged() && s->network().input_features() == static_cast<int>(pad.input.size()) &&
                        !s->test_set().is_regression() && s->test_set().label_steps == 1;
  if (!takes_it) {
    pad.probabilities.clear();
  } else {
    const bool new_weights = pad.session_id != lab.session_id || pad.step != s->steps();
    const bool due = !lab.playing || now - pad.predicted_at >= 0.2 || pad.session_id != lab.session_id;
    if (input_changed || (new_weights && due) || pad.probabilities.empty()) {
      predict(pad, *s, lab.session_id);
      pad.session_id = lab.session_id;
      pad.step = s->steps();
      pad.predicted_at = now;
    }
  }
  if (pad.textures_dirty) refresh_textures(pad);
}

}  // namespace layerlab::ui
