// layer_history.cpp: sampling gradient norms, weight histograms and dead ReLU shares into fixed buffers.
#include "layer_history.h"

#include <algorithm>
#include <cmath>

#include "activation.h"
#include "image_atlas.h"
#include "theme.h"

namespace layerlab::ui {

namespace {
// Halves every series: samples 2i and 2i + 1 become sample i (the later step, the mean value).
void merge_pairs(LayerHistory& h) {
  const int half = h.count / 2;
  for (int i = 0; i < half; ++i) h.steps[static_cast<size_t>(i)] = h.steps[static_cast<size_t>(2 * i + 1)];
  auto mean_pairs = [half](std::vector<float>& v, int width) {
    for (int i = 0; i < half; ++i)
      for (int k = 0; k < width; ++k)
        v[static_cast<size_t>(i * width + k)] =
            0.5f * (v[static_cast<size_t>(2 * i * width + k)] + v[static_cast<size_t>((2 * i + 1) * width + k)]);
  };
  for (LayerTrace& t : h.layers) {
    mean_pairs(t.grad_norms, 1);
    mean_pairs(t.histograms, kHistogramBins);
  }
  for (ReluTrace& r : h.relus) mean_pairs(r.dead, 1);
  h.count = half;
}

// Dark blue (few) to light yellow (many), for counts on a log scale t in [0, 1].
uint32_t count_pixel(float t) {
  static const float stops[4][3] = {{22, 24, 29}, {32, 96, 170}, {90, 180, 200}, {250, 235, 150}};
  const float x = std::clamp(t, 0.0f, 1.0f) * 3.0f;
  const int i = std::min(2, static_cast<int>(x));
  const float f = x - static_cast<float>(i);
  int c[3];
  for (int k = 0; k < 3; ++k) c[k] = static_cast<int>(std::lround(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f));
  return palette::rgb(c[0], c[1], c[2]);
}

// "conv 2" for the second layer whose name starts with "conv" (as the arena names trainable layers).
std::string short_name(const std::vector<std::string>& names, int layer) {
  const std::string& full = names[static_cast<size_t>(layer)];
  const std::string kind = full.substr(0, full.find(' '));
  int nth = 0;
  for (int j = 0; j <= layer; ++j) nth += names[static_cast<size_t>(j)].compare(0, kind.size() + 1, kind + " ") == 0 ||
                                          names[static_cast<size_t>(j)] == kind;
  return kind + " " + std::to_string(nth);
}

std::vector<uint32_t> g_heatmap(static_cast<size_t>(kHistorySamples) * kHistogramBins);
}  // namespace

void layer_history_reset(LayerHistory& h, const Network& net, const std::vector<std::string>& layer_names, long session_id) {
  h.session_id = session_id;
  h.count = 0;
  h.steps.assign(kHistorySamples, 0);
  h.layers.clear();
  for (const TrainableLayer& l : trainable_layers(net.params())) {
    LayerTrace t;
    t.layer = l;
    t.grad_norms.assign(kHistorySamples, 0.0f);
    t.grid.bins = kHistogramBins;
    t.histograms.assign(static_cast<size_t>(kHistorySamples) * kHistogramBins, 0.0f);
    h.layers.push_back(std::move(t));
  }
  h.relus.clear();
  for (int i = 0; i < net.layer_count(); ++i) {
    const auto* a = dynamic_cast<const ActivationLayer*>(&net.layer(i));
    if (!a || a->activation() != Activation::ReLU) continue;
    ReluTrace r;
    r.layer = i;
    r.name = "relu (layer " + std::to_string(i + 1) + ")";
    for (int j = i - 1; j >= 0 && j < static_cast<int>(layer_names.size()); --j)  // named after what it follows
      if (dynamic_cast<const ActivationLayer*>(&net.layer(j)) == nullptr) {
        r.name = "relu after " + short_name(layer_names, j);
        break;
      }
    r.units = a->out_features();
    r.dead.assign(kHistorySamples, 0.0f);
    h.relus.push_back(std::move(r));
  }
  h.probe_examples = 0;
}

void layer_history_record(LayerHistory& h, const Network& net, long step, const Workspace& probe, int probe_rows) {
  if (h.count > 0 && h.steps[static_cast<size_t>(h.count - 1)] == step) return;  // nothing new
  if (h.count == kHistorySamples) merge_pairs(h);
  const int s = h.count;
  h.steps[static_cast<size_t>(s)] = step;
  const ParameterArena& arena = net.params();
  for (LayerTrace& t : h.layers) {
    t.grad_norms[static_cast<size_t>(s)] = gradient_norm(arena, t.layer);
    float* counts = t.histograms.data() + static_cast<size_t>(s) * kHistogramBins;
    std::fill(counts, counts + kHistogramBins, 0.0f);
    if (t.layer.weights < 0) continue;
    const Span<const float> w = arena.value(t.layer.weights);
    const int doublings = t.grid.cover(w.data, w.size);
    for (int d = 0; d < doublings; ++d)
      for (int i = 0; i < s; ++i) histogram_widened(t.histograms.data() + static_cast<size_t>(i) * kHistogramBins, kHistogramBins);
    t.weight_lo = t.weight_hi = w.size ? w[0] : 0.0f;
    for (size_t i = 0; i < w.size; ++i) {
      counts[t.grid.bin_of(w[i])] += 1.0f;
      t.weight_lo = std::min(t.weight_lo, w[i]);
      t.weight_hi = std::max(t.weight_hi, w[i]);
    }
    t.weight_count = static_cast<int>(w.size);
  }
  for (ReluTrace& r : h.relus)
    r.dead[static_cast<size_t>(s)] = dead_unit_share(probe.output(r.layer), probe_rows, r.units);
  h.probe_examples = probe_rows;
  h.count = s + 1;
}

void layer_history_draw(LayerHistory& h, ImageAtlas& atlas) {
  for (LayerTrace& t : h.layers) {
    t.heatmap = Picture{};
    if (h.count == 0) continue;
    float most = 1.0f;
    for (int i = 0; i < h.count * kHistogramBins; ++i) most = std::max(most, t.histograms[static_cast<size_t>(i)]);
    const float scale = 1.0f / std::log1p(most);
    for (int b = 0; b < kHistogramBins; ++b)
      for (int i = 0; i < h.count; ++i) {
        const float c = t.histograms[static_cast<size_t>(i * kHistogramBins + b)];
        // Row 0 at the top holds the highest bin.
        g_heatmap[static_cast<size_t>((kHistogramBins - 1 - b) * h.count + i)] = count_pixel(std::log1p(c) * scale);
      }
    t.heatmap = atlas.put(h.count, kHistogramBins, g_heatmap.data());
  }
}

}  // namespace layerlab::ui
