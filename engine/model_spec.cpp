// model_spec.cpp: shape inference, validation against the limits, build_network and the summary table.
#include "model_spec.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "memory_budget.h"
#include "rng.h"

namespace layerlab {

std::string shape_text(const InputShape& s) {
  char buf[64];
  if (s.is_image()) std::snprintf(buf, sizeof buf, "(%d, %d, %d)", s.channels, s.height, s.width);
  else if (s.is_sequence()) std::snprintf(buf, sizeof buf, "(%d, %d)", s.steps, s.step_features());
  else std::snprintf(buf, sizeof buf, "(%d)", s.features);
  return buf;
}

namespace {

InputShape vector_shape(int64_t features) {
  InputShape s;
  s.features = static_cast<int>(features);
  return s;
}

InputShape image_shape(int c, int h, int w) {
  InputShape s;
  s.channels = c;
  s.height = h;
  s.width = w;
  s.features = c * h * w;
  return s;
}

Conv2dGeometry conv_geometry(const LayerSpec& l, const InputShape& in) {
  Conv2dGeometry g;
  g.channels = in.channels;
  g.height = in.height;
  g.width = in.width;
  g.filters = l.units;
  g.kernel_h = l.kernel_h;
  g.kernel_w = l.kernel_w;
  g.stride = l.stride;
  g.padding = l.padding_mode;
  if (l.same) set_same_padding(&g);
  else g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = l.padding;
  return g;
}

Pool2dGeometry pool_geometry(const LayerSpec& l, const InputShape& in) {
  Pool2dGeometry g;
  g.channels = in.channels;
  g.height = in.height;
  g.width = in.width;
  g.window = l.window;
  g.stride = l.stride;
  g.kind = l.pool;
  return g;
}

// What a recurrent layer reads: a sequence as it is, a one-channel image as H steps of W values.
InputShape recurrent_input(const InputShape& in) {
  if (!in.is_image()) return in;
  InputShape s;
  s.features = in.features;
  s.steps = in.height;
  return s;
}

// Weights and biases of a layer on input `in` (0 for layers without parameters).
int64_t parameter_count(const LayerSpec& l, const InputShape& in) {
  switch (l.kind) {
    case LayerSpec::Kind::Dense: return (static_cast<int64_t>(in.step_features()) + 1) * l.units;
    case LayerSpec::Kind::Conv2D: return (static_cast<int64_t>(in.channels) * l.kernel_h * l.kernel_w + 1) * l.units;
    case LayerSpec::Kind::SimpleRnn: return static_cast<int64_t>(l.units) * (recurrent_input(in).step_features() + l.units + 1);
    case LayerSpec::Kind::Lstm: return 4 * static_cast<int64_t>(l.units) * (recurrent_input(in).step_features() + l.units + 1);
    default: return 0;
  }
}

}  // namespace

std::vector<InputShape> infer_shapes(const ModelSpec& spec, std::string* error) {
  std::vector<InputShape> shapes;
  InputShape cur = spec.input;
  int64_t params = 0;
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    auto fail = [&](const std::string& why) {
      *error = "layer " + std::to_string(i + 1) + ": " + why;
      shapes.clear();
      return shapes;
    };
    InputShape next = cur;
    switch (l.kind) {
      case LayerSpec::Kind::Dense:
        if (l.units < 1 || l.units > kMaxUnits) return fail("dense needs 1 to " + std::to_string(kMaxUnits) + " units");
        if (cur.is_image()) return fail("dense expects a vector but receives an image " + shape_text(cur) + ": put 'flatten' before it");
        next = vector_shape(static_cast<int64_t>(l.units) * (cur.is_sequence() ? cur.steps : 1));
        next.steps = cur.steps;  // on a sequence, dense applies to every step
        break;
      case LayerSpec::Kind::Conv2D: {
        if (!cur.is_image()) return fail("conv needs an image (channels, height, width) but receives " + shape_text(cur));
        const Conv2dGeometry g = conv_geometry(l, cur);
        const std::string problem = check_conv2d_geometry(g);
        if (!problem.empty()) return fail(problem);
        next = image_shape(l.units, g.out_h(), g.out_w());
        break;
      }
      case LayerSpec::Kind::Pool2D: {
        if (!cur.is_image()) return fail(std::string(pool_kind_name(l.pool)) + " pooling needs an image but receives " + shape_text(cur));
        const Pool2dGeometry g = pool_geometry(l, cur);
        const std::string problem = check_pool2d_geometry(g);
        if (!problem.empty()) return fail(problem);
        next = image_shape(cur.channels, g.out_h(), g.out_w());
        break;
      }
      case LayerSpec::Kind::SimpleRnn:
      case LayerSpec::Kind::Lstm: {
        const char* name = l.kind == LayerSpec::Kind::Lstm ? "lstm" : "rnn";
        if (l.units < 1 || l.units > 4096) return fail(std::string(name) + " needs 1 to 4096 hidden units");
        if (cur.is_image() && cur.channels != 1)
          return fail(std::string(name) + " reads a one-channel image row by row, but this image has " + std::to_string(cur.channels) +
                      " channels: flatten it or use a sequence dataset");
        const InputShape seq = recurrent_input(cur);
        if (!seq.is_sequence())
          return fail(std::string(name) + " needs a sequence (steps, features) but receives " + shape_text(cur) +
                      ": use a sequence dataset, or put it before any flatten");
        if (l.truncate < 0) return fail("truncate must be 0 (full backpropagation through time) or a number of steps");
        next = vector_shape(static_cast<int64_t>(l.units) * (l.return_sequences ? seq.steps : 1));
        if (l.return_sequences) next.steps = seq.steps;
        break;
      }
      case LayerSpec::Kind::Flatten: next = vector_shape(cur.features); break;
      case LayerSpec::Kind::Dropout:
        if (!(l.rate >= 0.0f && l.rate < 1.0f)) return fail("dropout rate must be in [0, 1)");
        break;
      case LayerSpec::Kind::Activation:
        if (l.activation == Activation::Softmax && (cur.is_image() || cur.is_sequence()))
          return fail("softmax needs a vector but receives " + shape_text(cur) + ": flatten first");
        break;
    }
    params += parameter_count(l, cur);
    if (params > kMaxParameters)
      return fail("the model would have more than " + std::to_string(kMaxParameters) + " parameters; use fewer units or filters");
    if (next.features > kMaxValuesPerExample || next.features < 1)
      return fail("its output " + shape_text(next) + " would hold more than " + std::to_string(kMaxValuesPerExample) +
                  " values per example; use fewer filters, a larger stride or pooling");
    shapes.push_back(next);
    cur = next;
  }
  return shapes;
}

std::string validate_spec(const ModelSpec& spec) {
  const InputShape& in = spec.input;
  if (in.is_image()) {
    if (in.height <= 0 || in.width <= 0 || in.channels > 4096 || in.height > 4096 || in.width > 4096)
      return "the input image shape is not sensible (channels, height and width must be 1 to 4096)";
    if (static_cast<int64_t>(in.channels) * in.height * in.width != in.features) return "the input features do not match the image shape";
  }
  if (in.is_sequence() && (in.steps < 1 || in.features % in.steps != 0))
    return "the input sequence shape is not sensible (the features must be a whole number of values per step)";
  if (in.steps > kMaxSequenceSteps)
    return "the input sequence has " + std::to_string(in.steps) + " steps; the limit is " + std::to_string(kMaxSequenceSteps) +
           " steps: use shorter windows";
  if (in.features <= 0 || in.features > kMaxUnits * 16) return "the input must have 1 to " + std::to_string(kMaxUnits * 16) + " features";
  if (spec.layers.empty()) return "the model has no layers: add at least one dense layer";
  if (static_cast<int>(spec.layers.size()) > kMaxLayers) return "at most " + std::to_string(kMaxLayers) + " layers";
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  if (!error.empty()) return error;
  const std::string over = check_memory_budget(estimate_spec_memory(spec, shapes, 1, kMaxOptimizerSlots), "this model");
  return over.empty() ? "" : over + ": use fewer or smaller layers";
}

Network build_network(const ModelSpec& spec, uint64_t seed) {
  const std::string problem = validate_spec(spec);
  if (!problem.empty()) throw std::invalid_argument(problem);
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  Network net(spec.input.features);
  int dense_index = 1, conv_index = 1, rnn_index = 1, lstm_index = 1;
  InputShape cur = spec.input;
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    switch (l.kind) {
      case LayerSpec::Kind::Dense:
        net.add<DenseLayer>(net.params(), dense_index++, cur.step_features(), l.units, l.init, std::max(cur.steps, 1));
        break;
      case LayerSpec::Kind::Conv2D: net.add<Conv2dLayer>(net.params(), conv_index++, conv_geometry(l, cur), l.init); break;
      case LayerSpec::Kind::Pool2D: net.add<Pool2dLayer>(pool_geometry(l, cur)); break;
      case LayerSpec::Kind::SimpleRnn: {
        const InputShape seq = recurrent_input(cur);
        net.add<SimpleRnnLayer>(net.params(), rnn_index++, seq.steps, seq.step_features(), l.units, l.return_sequences, l.truncate);
        break;
      }
      case LayerSpec::Kind::Lstm: {
        const InputShape seq = recurrent_input(cur);
        net.add<LstmLayer>(net.params(), lstm_index++, seq.steps, seq.step_features(), l.units, l.return_sequences, l.truncate,
                           l.forget_bias);
        break;
      }
      case LayerSpec::Kind::Activation: net.add<ActivationLayer>(l.activation, cur.features); break;
      case LayerSpec::Kind::Dropout: net.add<DropoutLayer>(l.rate, cur.features); break;
      case LayerSpec::Kind::Flatten: net.add<FlattenLayer>(cur.features); break;
    }
    cur = shapes[i];
  }
  Rng rng(seed);
  net.finalize(rng);
  return net;
}

std::vector<LayerSummary> summarize(const ModelSpec& spec) {
  std::vector<LayerSummary> rows;
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  if (!error.empty()) return rows;
  int dense_index = 1, conv_index = 1, rnn_index = 1, lstm_index = 1;
  InputShape cur = spec.input;
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    const InputShape& out = shapes[i];
    LayerSummary row;
    row.parameters = parameter_count(l, cur);
    char buf[64];
    switch (l.kind) {
      case LayerSpec::Kind::Dense:
        row.name = "dense " + std::to_string(dense_index++);
        // One multiply-add per weight (the bias counts as a weight on a constant 1), on every step.
        row.connections = row.parameters * std::max(cur.steps, 1);
        break;
      case LayerSpec::Kind::Conv2D:
        std::snprintf(buf, sizeof buf, "conv %d (%dx%d)", conv_index++, l.kernel_h, l.kernel_w);
        row.name = buf;
        // Each output value is one filter's (patch + bias) weights applied once: shared weights, many connections.
        row.connections = row.parameters / l.units * out.features;
        break;
      case LayerSpec::Kind::Pool2D:
        std::snprintf(buf, sizeof buf, "%spool %dx%d", pool_kind_name(l.pool), l.window, l.window);
        row.name = buf;
        break;
      case LayerSpec::Kind::SimpleRnn:
      case LayerSpec::Kind::Lstm: {
        const bool lstm = l.kind == LayerSpec::Kind::Lstm;
        row.name = (lstm ? "lstm " : "rnn ") + std::to_string(lstm ? lstm_index++ : rnn_index++);
        // Every step applies all the weights once (the bias as a weight on a constant 1).
        row.connections = row.parameters * recurrent_input(cur).steps;
        break;
      }
      case LayerSpec::Kind::Activation: row.name = activation_name(l.activation); break;
      case LayerSpec::Kind::Dropout: row.name = "dropout " + std::to_string(l.rate).substr(0, 4); break;
      case LayerSpec::Kind::Flatten: row.name = "flatten"; break;
    }
    row.output_shape = shape_text(out);
    rows.push_back(row);
    cur = out;
  }
  return rows;
}

std::string summary_table(const ModelSpec& spec) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-16s %-16s %14s %16s\n", "layer", "output shape", "parameters", "connections");
  out += line;
  std::snprintf(line, sizeof line, "%-16s %-16s %14s %16s\n", "input", shape_text(spec.input).c_str(), "", "");
  out += line;
  long long params = 0, connections = 0;
  for (const LayerSummary& r : summarize(spec)) {
    std::snprintf(line, sizeof line, "%-16s %-16s %14lld %16lld\n", r.name.c_str(), r.output_shape.c_str(),
                  static_cast<long long>(r.parameters), static_cast<long long>(r.connections));
    out += line;
    params += r.parameters;
    connections += r.connections;
  }
  std::snprintf(line, sizeof line, "%-16s %-16s %14lld %16lld\n", "total", "", params, connections);
  out += line;
  return out;
}

}  // namespace layerlab
