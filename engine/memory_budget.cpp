// memory_budget.cpp: memory estimates from a spec or a built network, and the budget and batch-size checks.
#include "memory_budget.h"

#include <algorithm>
#include <cstdio>

#include "lstm.h"

namespace layerlab {

namespace {
constexpr double kFloat = sizeof(float);

MemoryEstimate parameters_estimate(double parameters, int optimizer_slots) {
  MemoryEstimate e;
  e.parameter_bytes = 2 * parameters * kFloat;
  e.optimizer_bytes = optimizer_slots * parameters * kFloat;
  return e;
}

// Cache floats of a layer for `batch` examples, mirroring each layer's cache_floats (see the layer headers).
double spec_cache_floats(const LayerSpec& l, const InputShape& in, const InputShape& out, double batch) {
  switch (l.kind) {
    case LayerSpec::Kind::Conv2D:  // the columns of one example and their gradient
      return 2.0 * in.channels * l.kernel_h * l.kernel_w * out.height * out.width;
    case LayerSpec::Kind::Dropout: return batch * in.features;  // the mask
    case LayerSpec::Kind::SimpleRnn:
    case LayerSpec::Kind::Lstm: {
      const double steps = in.is_image() ? in.height : in.steps;
      const double step_in = in.features / steps, h = l.units;
      if (l.kind == LayerSpec::Kind::SimpleRnn) return 2 * batch * steps * h + 2 * batch * h + (step_in + h) * h;
      const double g = kLstmGates;
      return (2 * g + 3) * batch * steps * h + (2 + g) * batch * h + (step_in + h) * g * h;
    }
    default: return 0;
  }
}
}  // namespace

MemoryEstimate estimate_spec_memory(const ModelSpec& spec, const std::vector<InputShape>& shapes, int batch, int optimizer_slots) {
  double parameters = 0, floats = 0, widest = spec.input.features;
  InputShape in = spec.input;
  for (size_t i = 0; i < spec.layers.size() && i < shapes.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    const InputShape& out = shapes[i];
    switch (l.kind) {
      case LayerSpec::Kind::Dense: parameters += (static_cast<double>(in.step_features()) + 1) * l.units; break;
      case LayerSpec::Kind::Conv2D: parameters += (static_cast<double>(in.channels) * l.kernel_h * l.kernel_w + 1) * l.units; break;
      case LayerSpec::Kind::SimpleRnn:
      case LayerSpec::Kind::Lstm: {
        const double steps = in.is_image() ? in.height : in.steps;
        const double gates = l.kind == LayerSpec::Kind::Lstm ? kLstmGates : 1;
        parameters += gates * l.units * (in.features / steps + l.units + 1);
        break;
      }
      default: break;
    }
    floats += static_cast<double>(batch) * out.features + spec_cache_floats(l, in, out, batch);
    widest = std::max(widest, static_cast<double>(out.features));
    in = out;
  }
  MemoryEstimate e = parameters_estimate(parameters, optimizer_slots);
  e.activation_bytes = (floats + 2 * batch * widest) * kFloat;  // + the two backward ping-pong buffers
  return e;
}

MemoryEstimate estimate_network_memory(const Network& net, const std::vector<int>& batches, int optimizer_slots) {
  MemoryEstimate e = parameters_estimate(static_cast<double>(net.params().values().size), optimizer_slots);
  const double widest = std::max(net.widest_layer(), net.input_features());
  for (int batch : batches) {
    double floats = 2 * static_cast<double>(batch) * widest;
    for (int i = 0; i < net.layer_count(); ++i) {
      const Layer& layer = net.layer(i);
      const double one = static_cast<double>(layer.cache_floats(1)), per_example = static_cast<double>(layer.cache_floats(2)) - one;
      floats += static_cast<double>(batch) * layer.out_features() + (one - per_example) + batch * per_example;
    }
    e.activation_bytes += floats * kFloat;
  }
  return e;
}

std::string check_memory_budget(const MemoryEstimate& estimate, const std::string& what, int64_t budget) {
  if (estimate.total() <= static_cast<double>(budget)) return "";
  return what + " would need about " + format_bytes(estimate.total()) + " of memory (" + format_bytes(estimate.parameter_bytes) +
         " of weights and gradients, " + format_bytes(estimate.optimizer_bytes) + " of optimizer state, " +
         format_bytes(estimate.activation_bytes) + " of activations); the limit is " + format_bytes(static_cast<double>(budget));
}

std::string check_batch_size(int64_t batch) {
  if (batch >= 1 && batch <= kMaxBatchSize) return "";
  return "the batch size " + std::to_string(batch) + " is outside 1 to " + std::to_string(kMaxBatchSize) + " (the batch size limit)";
}

std::string format_bytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) bytes /= 1024, ++u;
  char text[48];
  if (u == 0) std::snprintf(text, sizeof text, "%.0f bytes", bytes);
  else std::snprintf(text, sizeof text, bytes < 10 ? "%.2f %s" : bytes < 100 ? "%.1f %s" : "%.0f %s", bytes, units[u]);  // 3 digits
  return text;
}

}  // namespace layerlab
