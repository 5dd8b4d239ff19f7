// lab_views.cpp: refresh_lab_views, which draws the inspectors' pictures into the lab's atlas and counts
// the test set's predictions a slice at a time.
#include "lab_views.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "introspection.h"

namespace layerlab::ui {

namespace {
constexpr int kSamples = 24;
constexpr int kTop3Examples = 24;
constexpr int kWorkspaceRows = 32;

std::vector<uint32_t> g_pixels;  // scratch for one picture (grows once)

Picture put_image(ImageAtlas& atlas, const float* v, int h, int w, int stride_x, float lo, float hi, bool is_signed) {
  g_pixels.resize(static_cast<size_t>(w) * h);
  const float scale = std::max(std::fabs(lo), std::fabs(hi));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float value = v[static_cast<size_t>(y) * w * stride_x + static_cast<size_t>(x) * stride_x];
      g_pixels[static_cast<size_t>(y) * w + x] = is_signed ? signed_pixel(value, scale) : grey_pixel(value, lo, hi);
    }
  return atlas.put(w, h, g_pixels.data());
}

void value_range(const float* v, size_t n, float* lo, float* hi) {
  *lo = 0.0f;
  *hi = 0.0f;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(v[i])) continue;
    *lo = std::min(*lo, v[i]);
    *hi = std::max(*hi, v[i]);
  }
}

// A (steps × units) sequence view drawn with time across: width = steps, height = units.
Picture put_sequence(ImageAtlas& atlas, const SequenceView& s, bool is_signed) {
  g_pixels.resize(static_cast<size_t>(s.steps) * s.units);
  for (int j = 0; j < s.units; ++j)
    for (int t = 0; t < s.steps; ++t) {
      const float v = s.at(t, j);
      g_pixels[static_cast<size_t>(j) * s.steps + t] = is_signed ? signed_pixel(v, 1.0f) : grey_pixel(v, 0.0f, 1.0f);
    }
  return atlas.put(s.steps, s.units, g_pixels.data());
}

std::vector<Picture> draw_images(const Dataset& d, int count, ImageAtlas& atlas) {
  std::vector<Picture> out;
  if (d.channels < 1) return out;
  for (int i = 0; i < std::min(count, d.size()); ++i) {
    float lo, hi;
    value_range(d.row(i), static_cast<size_t>(d.features), &lo, &hi);
    out.push_back(put_image(atlas, d.row(i), d.height, d.width, 1, lo, hi, false));
  }
  return out;
}

void draw_samples(const Dataset& train, const Dataset* test, ImageAtlas& atlas, LabViews& views) {
  views.samples = draw_images(train, kSamples, atlas);
  views.sample_labels.clear();
  for (int i = 0; i < static_cast<int>(views.samples.size()); ++i)
    views.sample_labels.push_back(train.is_regression() ? 0 : train.labels(i)[0]);
  views.test_samples = test ? draw_images(*test, kTop3Examples, atlas) : std::vector<Picture>{};
}

void draw_example(const TrainingSession& s, const ModelSpec& spec, Workspace& ws, int example, LabViews& v) {
  const Network& net = s.network();
  const Dataset& test = s.test_set();
  const float* logits = net.forward(ws, test.row(example), 1);
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  ImageAtlas& atlas = v.atlas;
  // The input, then every image-shaped layer output: one picture per channel, one colour scale per layer.
  const ValueView in = input_view(spec, ws, 0);
  if (in.shape.is_image()) {
    float lo, hi;
    value_range(in.data, static_cast<size_t>(in.shape.features), &lo, &hi);
    v.input = put_image(atlas, in.channel(0), in.shape.height, in.shape.width, 1, lo, hi, false);
  }
  v.maps.clear();
  v.kernels.clear();
  v.gates.clear();
  v.lstm_layer = -1;
  if (error.empty()) {
    for (int i = 0; i < net.layer_count() && i < static_cast<int>(shapes.size()); ++i) {
      const ValueView out = output_view(shapes, ws, i, 0);
      if (out.shape.is_image()) {
        MapLayerView m;
        m.layer = i;
        const LayerSpec& l = spec.layers[static_cast<size_t>(i)];
        m.name = format_layers({l});
        m.shape = out.shape;
        value_range(out.data, static_cast<size_t>(out.shape.features), &m.lo, &m.hi);
        const bool is_signed = m.lo < 0.0f;
        for (int c = 0; c < out.shape.channels; ++c)
          m.maps.push_back(put_image(atlas, out.channel(c), out.shape.height, out.shape.width, 1, m.lo, m.hi, is_signed));
        v.maps.push_back(std::move(m));
      }
      if (const auto* conv = dynamic_cast<const Conv2dLayer*>(&net.layer(i))) {
        const Conv2dGeometry& g = conv->geometry();
        KernelView k;
        k.layer = i;
        k.name = format_layers({spec.layers[static_cast<size_t>(i)]});
        k.filters = g.filters;
        k.channels = g.channels;
        k.kh = g.kernel_h;
        k.kw = g.kernel_w;
        float lo, hi;
        value_range(conv->weights().data, conv->weights().size, &lo, &hi);
        k.weight_scale = std::max(-lo, hi);
        value_range(conv->weight_grads().data, conv->weight_grads().size, &lo, &hi);
        k.grad_scale = std::max(-lo, hi);
        const size_t patch = static_cast<size_t>(g.kernel_h) * g.kernel_w;
        for (int f = 0; f < g.filters; ++f)
          for (int c = 0; c < g.channels; ++c) {
            const size_t at = (static_cast<size_t>(f) * g.channels + c) * patch;
            k.weights.push_back(put_image(atlas, conv->weights().data + at, g.kernel_h, g.kernel_w, 1, -k.weight_scale,
                                          k.weight_scale, true));
            k.grads.push_back(put_image(atlas, conv->weight_grads().data + at, g.kernel_h, g.kernel_w, 1, -k.grad_scale,
                                        k.grad_scale, true));
          }
        v.kernels.push_back(std::move(k));
      }
      if (const auto* lstm = dynamic_cast<const LstmLayer*>(&net.layer(i)); lstm && v.lstm_layer < 0) {
        v.lstm_layer = i;
        v.steps = lstm->steps();
        v.units = lstm->hidden();
        const LstmTrace t = lstm->trace(ws.cache(i), 1, 0);
        v.gates.push_back({"forget gate f", "1 keeps the cell's memory, 0 erases it", put_sequence(atlas, t.forget_gate, false), false});
        v.gates.push_back({"input gate i", "how much of the candidate is written", put_sequence(atlas, t.input_gate, false), false});
        v.gates.push_back({"candidate g", "what would be written (tanh)", put_sequence(atlas, t.candidate, true), true});
        v.gates.push_back({"cell state c", "the memory carried along", put_sequence(atlas, t.cell, true), true});
        v.gates.push_back({"output gate o", "how much of the cell is shown", put_sequence(atlas, t.output_gate, false), false});
        v.gates.push_back({"hidden state h", "o ⊙ tanh(c), what the next layer sees", put_sequence(atlas, t.hidden, true), true});
        const Span<const float> norms = lstm->grad_norm_per_step();
        v.grad_norms.assign(norms.data, norms.data + norms.size);
      }
    }
  }
  // The prediction for this example (the last step's logits for a many-to-many model).
  const int rows = std::max(1, test.label_steps);
  const int width = net.output_features() / rows;
  const float* last = logits + static_cast<size_t>(rows - 1) * width;
  v.probabilities.assign(static_cast<size_t>(width), 0.0f);
  float top = last[0], sum = 0.0f;
  for (int k = 1; k < width; ++k) top = std::max(top, last[k]);
  for (int k = 0; k < width; ++k) sum += v.probabilities[static_cast<size_t>(k)] = std::exp(last[k] - top);
  for (float& p : v.probabilities) p /= sum;
  v.predicted = test.is_regression() ? -1 : s.predicted_class(last);
}

// The three most likely classes of the first test examples (one label per example only).
void compute_top3(const TrainingSession& s, Workspace& ws, LabViews& v) {
  v.top3.clear();
  const Dataset& test = s.test_set();
  const int width = s.network().output_features();
  if (test.is_regression() || test.label_steps > 1 || width != test.classes || width < 3) return;
  const int n = std::min({kTop3Examples, ws.capacity(), test.size()});
  const float* logits = s.network().forward(ws, test.row(0), n);
  for (int e = 0; e < n; ++e) {
    const float* row = logits + static_cast<size_t>(e) * width;
    Top3 t;
    t.example = e;
    t.label = test.labels(e)[0];
    float top = row[0], sum = 0.0f;
    for (int k = 1; k < width; ++k) top = std::max(top, row[k]);
    for (int k = 0; k < width; ++k) sum += std::exp(row[k] - top);
    for (int slot = 0; slot < 3; ++slot) {
      int best = -1;
      for (int k = 0; k < width; ++k) {
        const bool taken = (slot > 0 && t.classes[0] == k) || (slot > 1 && t.classes[1] == k);
        if (!taken && (best < 0 || row[k] > row[best])) best = k;
      }
      t.classes[slot] = best;
      t.probs[slot] = std::exp(row[best] - top) / sum;
    }
    v.top3.push_back(t);
  }
}
}  // namespace

void refresh_lab_views(LabState& lab, LabViews& v, double now) {
  TrainingSession* s = lab.session.get();
  if (!s) {
    if (v.session_id != lab.session_id) {
      // Nothing to inspect: forget the old session's pictures and counts (the atlas is reused).
      v.atlas.clear();
      v.ws.reset();
      v.step = -1;
      v.example = -1;
      v.input = Picture{};
      v.maps.clear();
      v.kernels.clear();
      v.gates.clear();
      v.lstm_layer = -1;
      v.grad_norms.clear();
      v.predicted = -1;
      v.test_samples.clear();
      v.top3.clear();
      v.session_id = lab.session_id;
      if (lab.load.train) {
        draw_samples(*lab.load.train, nullptr, v.atlas, v);
        v.atlas.upload();
      }
    }
    return;
  }
  const bool new_session = v.session_id != lab.session_id;
  const bool changed = new_session || v.step != s->steps() || v.example != lab.example;
  const bool due = !lab.playing || now - v.time >= 0.2 || new_session || v.example != lab.example;
  if (changed && due) {
    if (new_session || !v.ws) v.ws = std::make_unique<Workspace>(s->network(), kWorkspaceRows);
    v.atlas.clear();
    draw_samples(s->train_set(), &s->test_set(), v.atlas, v);
    const ModelSpec spec = lab_model_spec(lab.recipe, s->train_set());
    lab.example = std::clamp(lab.example, 0, std::max(0, s->test_set().size() - 1));
    draw_example(*s, spec, *v.ws, lab.example, v);
    compute_top3(*s, *v.ws, v);
    v.atlas.upload();
    v.session_id = lab.session_id;
    v.step = s->steps();
    v.example = lab.example;
    v.time = now;
  }
}

}  // namespace layerlab::ui
