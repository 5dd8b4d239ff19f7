// lab_views.cpp: refresh_lab_views, which draws the inspectors' pictures into the lab's atlas (an example's
// maps and their gradients, kernels, gates), runs the probe batch (top-3, the layer history) and draws words.
#include "lab_views.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "introspection.h"
#include "sequence_datasets.h"
#include "text_sampler.h"

namespace layerlab::ui {

namespace {
constexpr int kSamples = 24;
constexpr int kTop3Examples = 24;
constexpr int kWorkspaceRows = 32;  // the probe batch: the first test examples (also the top-3 grid's forward pass)
constexpr int kWords = 8;           // words drawn at a time
constexpr double kWordsEvery = 2.0; // seconds between draws while training

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

void draw_images(const Dataset& d, int count, ImageAtlas& atlas, std::vector<Picture>& out) {
  out.clear();  // keeps its capacity: refreshes allocate nothing here
  if (d.channels < 1) return;
  for (int i = 0; i < std::min(count, d.size()); ++i) {
    float lo, hi;
    value_range(d.row(i), static_cast<size_t>(d.features), &lo, &hi);
    out.push_back(put_image(atlas, d.row(i), d.height, d.width, 1, lo, hi, false));
  }
}

void draw_samples(const Dataset& train, const Dataset* test, ImageAtlas& atlas, LabViews& views) {
  draw_images(train, kSamples, atlas, views.samples);
  views.sample_labels.clear();
  for (int i = 0; i < static_cast<int>(views.samples.size()); ++i)
    views.sample_labels.push_back(train.is_regression() ? 0 : train.labels(i)[0]);
  if (test) draw_images(*test, kTop3Examples, atlas, views.test_samples);
  else views.test_samples.clear();
}

bool has_image_layers(const std::vector<InputShape>& shapes) {
  for (const InputShape& sh : shapes)
    if (sh.is_image()) return true;
  return false;
}

// The example's maps (and, for image models, their gradients ∂L/∂map from the inspectors' own backward pass).
void draw_example(TrainingSession& s, Workspace& ws, int example, LabViews& v) {
  const Network& net = s.network();
  const Dataset& test = s.test_set();
  const ModelSpec& spec = v.spec;
  const std::vector<InputShape>& shapes = v.shapes;
  const bool images = has_image_layers(shapes);
  const float* logits = nullptr;
  if (images) {
    v.example_loss = s.inspect_gradients(ws, test, example, 1);
    logits = ws.output(net.layer_count() - 1);
  } else {
    logits = net.forward(ws, test.row(example), 1);
  }
  ImageAtlas& atlas = v.atlas;
  // The input, then every image-shaped layer output: one picture per channel, one colour scale per layer.
  const ValueView in = input_view(spec, ws, 0);
  if (in.shape.is_image()) {
    float lo, hi;
    value_range(in.data, static_cast<size_t>(in.shape.features), &lo, &hi);
    v.input = put_image(atlas, in.channel(0), in.shape.height, in.shape.width, 1, lo, hi, false);
  }
  size_t maps = 0, kernels = 0;
  v.gates.clear();
  v.lstm_layer = -1;
  for (int i = 0; i < net.layer_count() && i < static_cast<int>(shapes.size()); ++i) {
    const ValueView out = output_view(shapes, ws, i, 0);
    if (out.shape.is_image()) {
      if (v.maps.size() <= maps) v.maps.emplace_back();
      MapLayerView& m = v.maps[maps++];
      m.layer = i;
      m.name = v.layer_names[static_cast<size_t>(i)];
      m.shape = out.shape;
      value_range(out.data, static_cast<size_t>(out.shape.features), &m.lo, &m.hi);
      const bool is_signed = m.lo < 0.0f;
      m.maps.resize(static_cast<size_t>(out.shape.channels));
      for (int c = 0; c < out.shape.channels; ++c)
        m.maps[static_cast<size_t>(c)] = put_image(atlas, out.channel(c), out.shape.height, out.shape.width, 1, m.lo, m.hi, is_signed);
      const ValueView grad = gradient_view(shapes, ws, i, 0);
      m.grads.resize(grad.data ? static_cast<size_t>(out.shape.channels) : 0);
      m.grad_scale = 0.0f;
      if (grad.data) {
        float lo, hi;
        value_range(grad.data, static_cast<size_t>(out.shape.features), &lo, &hi);
        m.grad_scale = std::max(-lo, hi);
        double total = 0.0;
        for (int k = 0; k < out.shape.features; ++k) total += std::fabs(grad.data[k]);
        m.grad_abs_mean = static_cast<float>(total / out.shape.features);
        for (int c = 0; c < out.shape.channels; ++c)
          m.grads[static_cast<size_t>(c)] = put_image(atlas, grad.channel(c), out.shape.height, out.shape.width, 1,
                                                      -m.grad_scale, m.grad_scale, true);
      }
    }
    if (const auto* conv = dynamic_cast<const Conv2dLayer*>(&net.layer(i))) {
      const Conv2dGeometry& g = conv->geometry();
      if (v.kernels.size() <= kernels) v.kernels.emplace_back();
      KernelView& k = v.kernels[kernels++];
      k.layer = i;
      k.name = v.layer_names[static_cast<size_t>(i)];
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
      k.weights.resize(static_cast<size_t>(g.filters) * g.channels);
      k.grads.resize(static_cast<size_t>(g.filters) * g.channels);
      for (int f = 0; f < g.filters; ++f)
        for (int c = 0; c < g.channels; ++c) {
          const size_t j = static_cast<size_t>(f) * g.channels + c, at = j * patch;
          k.weights[j] = put_image(atlas, conv->weights().data + at, g.kernel_h, g.kernel_w, 1, -k.weight_scale,
                                   k.weight_scale, true);
          k.grads[j] = put_image(atlas, conv->weight_grads().data + at, g.kernel_h, g.kernel_w, 1, -k.grad_scale,
                                 k.grad_scale, true);
        }
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
  v.maps.resize(maps);
  v.kernels.resize(kernels);
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

// The probe batch (the first test examples) through the network: the layer history's sample, then the
// three most likely classes of the first kTop3Examples (one label per example only).
void run_probe_batch(const TrainingSession& s, Workspace& ws, LabViews& v) {
  v.top3.clear();
  const Dataset& test = s.test_set();
  const int rows = std::min(ws.capacity(), test.size());
  if (rows <= 0) return;
  const float* logits = s.network().forward(ws, test.row(0), rows);
  layer_history_record(v.history, s.network(), s.steps(), ws, rows);
  const int width = s.network().output_features();
  if (test.is_regression() || test.label_steps > 1 || width != test.classes || width < 3) return;
  const int n = std::min(kTop3Examples, rows);
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

// A model over the `words` set: (steps, 27) one-hot characters in, (steps, 27) next-character logits out.
bool is_next_character_model(const TrainingSession& s) {
  const Dataset& test = s.test_set();
  const int steps = test.steps, vocabulary = kCharVocabularySize;
  return steps >= 2 && test.classes == vocabulary && test.label_steps == steps &&
         s.network().input_features() == steps * vocabulary && s.network().output_features() == steps * vocabulary;
}

// Words from a next-character model: again when asked, and every kWordsEvery seconds while the weights change.
void generate_text(TrainingSession& s, Workspace& ws, LabViews& v, bool visible, double now) {
  GeneratedText& g = v.text;
  if (!g.available || !visible) return;
  const int steps = s.test_set().steps;
  const bool stale = g.step != s.steps() && now - g.time >= kWordsEvery;
  if (!g.regenerate && !stale) return;
  if (g.regenerate) ++g.seed;
  g.regenerate = false;
  g.step = s.steps();
  g.time = now;
  g.error.clear();
  Rng rng(g.seed);
  std::string word;
  size_t count = 0;
  try {
    for (; count < kWords; ++count) {
      word = sample_word(s.network(), ws, steps, std::max(g.temperature, 0.05f), rng, g.prompt);
      if (g.words.size() <= count) g.words.emplace_back();
      g.words[count] = word;
    }
  } catch (const std::invalid_argument& e) {
    g.error = e.what();
  }
  g.words.resize(count);
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
      v.history = LayerHistory{};
      v.text.words.clear();
      v.text.available = false;
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
  if (new_session) {
    // Once per session: the model's shapes and names, the workspace, the history's buffers.
    v.spec = lab_model_spec(lab.recipe, s->train_set());
    std::string error;
    v.shapes = infer_shapes(v.spec, &error);
    if (!error.empty()) v.shapes.clear();
    v.layer_names.clear();
    for (const LayerSpec& l : v.spec.layers) v.layer_names.push_back(format_layers({l}));
    v.ws = std::make_unique<Workspace>(s->network(), kWorkspaceRows);
    v.ws->set_keep_gradients(true);
    layer_history_reset(v.history, s->network(), v.layer_names, lab.session_id);
    v.text.step = -1;
    v.text.regenerate = true;
    v.text.available = is_next_character_model(*s);
  }
  const bool text_due = v.text.available && lab.tab == InspectorTab::Gates &&
                        (v.text.regenerate || (v.text.step != s->steps() && now - v.text.time >= kWordsEvery));
  if ((changed && due) || text_due) {
    const auto start = std::chrono::steady_clock::now();
    v.atlas.clear();
    draw_samples(s->train_set(), &s->test_set(), v.atlas, v);
    lab.example = std::clamp(lab.example, 0, std::max(0, s->test_set().size() - 1));
    // The history first: it reads the last training step's parameter gradients.
    run_probe_batch(*s, *v.ws, v);
    draw_example(*s, *v.ws, lab.example, v);
    layer_history_draw(v.history, v.atlas);
    generate_text(*s, *v.ws, v, lab.tab == InspectorTab::Gates, now);
    v.atlas.upload();
    v.session_id = lab.session_id;
    v.step = s->steps();
    v.example = lab.example;
    v.time = now;
    v.refresh_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
}

}  // namespace layerlab::ui
