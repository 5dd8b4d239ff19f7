// model_spec.cpp: parsing and printing layer lists, validation against the limits, build_network, summaries.
#include "model_spec.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "rng.h"

namespace layerlab {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool parse_int(const std::string& s, long long lo, long long hi, long long* out) {
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi) return false;
  *out = v;
  return true;
}

const char* init_token(WeightInit init) {
  return init == WeightInit::He ? "he" : init == WeightInit::SmallUniform ? "small" : "xavier";
}

std::string shape_text(const InputShape& s, int features, bool image) {
  char buf[64];
  if (image) std::snprintf(buf, sizeof buf, "(%d, %d, %d)", s.channels, s.height, s.width);
  else std::snprintf(buf, sizeof buf, "(%d)", features);
  return buf;
}

}  // namespace

bool parse_layers(const std::string& text, std::vector<LayerSpec>* out, std::string* error) {
  out->clear();
  int item = 0;
  for (const std::string& part : split(text, ',')) {
    ++item;
    const std::vector<std::string> w = words(part);
    auto fail = [&](const std::string& why) {
      *error = "layer " + std::to_string(item) + " ('" + part + "'): " + why;
      return false;
    };
    if (w.empty()) return fail("empty; write e.g. 'dense 64 relu'");
    LayerSpec l;
    Activation a;
    if (w[0] == "dense") {
      long long units = 0;
      if (w.size() < 2 || !parse_int(w[1], 1, kMaxUnits, &units))
        return fail("dense needs a number of units from 1 to " + std::to_string(kMaxUnits));
      l.kind = LayerSpec::Kind::Dense;
      l.units = static_cast<int>(units);
      l.init = WeightInit::Xavier;
      bool init_given = false;
      out->push_back(l);
      for (size_t k = 2; k < w.size(); ++k) {
        if (w[k].rfind("init=", 0) == 0) {
          const std::string v = w[k].substr(5);
          LayerSpec& d = (*out)[out->size() - (out->back().kind == LayerSpec::Kind::Dense ? 1 : 2)];
          if (v == "he") d.init = WeightInit::He;
          else if (v == "xavier" || v == "glorot") d.init = WeightInit::Xavier;
          else if (v == "small") d.init = WeightInit::SmallUniform;
          else return fail("unknown init '" + v + "' (small, xavier, he)");
          init_given = true;
        } else if (parse_activation(w[k].c_str(), &a)) {
          LayerSpec act;
          act.kind = LayerSpec::Kind::Activation;
          act.activation = a;
          out->push_back(act);
          const size_t dense_index = out->size() - 2;
          if (!init_given && (a == Activation::ReLU || a == Activation::LeakyReLU)) (*out)[dense_index].init = WeightInit::He;
        } else {
          return fail("unknown word '" + w[k] + "' after dense");
        }
      }
      continue;
    }
    if (w[0] == "dropout") {
      char* end = nullptr;
      const double rate = w.size() == 2 ? std::strtod(w[1].c_str(), &end) : -1.0;
      if (w.size() != 2 || *end != '\0' || !(rate >= 0.0 && rate < 1.0)) return fail("dropout needs a rate in [0, 1), e.g. 'dropout 0.2'");
      l.kind = LayerSpec::Kind::Dropout;
      l.rate = static_cast<float>(rate);
    } else if (w[0] == "flatten" && w.size() == 1) {
      l.kind = LayerSpec::Kind::Flatten;
    } else if (w.size() == 1 && parse_activation(w[0].c_str(), &a)) {
      l.kind = LayerSpec::Kind::Activation;
      l.activation = a;
    } else {
      return fail("unknown layer; use dense N [activation], an activation (relu, tanh, sigmoid, leaky_relu, softmax, "
                  "linear), dropout RATE or flatten");
    }
    out->push_back(l);
  }
  if (static_cast<int>(out->size()) > kMaxLayers) {
    *error = "at most " + std::to_string(kMaxLayers) + " layers";
    return false;
  }
  return true;
}

std::string format_layers(const std::vector<LayerSpec>& layers) {
  std::string s;
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerSpec& l = layers[i];
    if (!s.empty()) s += ", ";
    char buf[64];
    switch (l.kind) {
      case LayerSpec::Kind::Dense: std::snprintf(buf, sizeof buf, "dense %d init=%s", l.units, init_token(l.init)); break;
      case LayerSpec::Kind::Activation: std::snprintf(buf, sizeof buf, "%s", activation_name(l.activation)); break;
      case LayerSpec::Kind::Dropout: std::snprintf(buf, sizeof buf, "dropout %.9g", static_cast<double>(l.rate)); break;
      case LayerSpec::Kind::Flatten: std::snprintf(buf, sizeof buf, "flatten"); break;
    }
    s += buf;
  }
  return s;
}

std::string validate_spec(const ModelSpec& spec) {
  const InputShape& in = spec.input;
  if (in.is_image()) {
    if (in.height <= 0 || in.width <= 0 || in.channels > 4096 || in.height > 4096 || in.width > 4096)
      return "the input image shape is not sensible (channels, height and width must be 1 to 4096)";
    if (static_cast<int64_t>(in.channels) * in.height * in.width != in.features) return "the input features do not match the image shape";
  }
  if (in.features <= 0 || in.features > kMaxUnits * 16) return "the input must have 1 to " + std::to_string(kMaxUnits * 16) + " features";
  if (spec.layers.empty()) return "the model has no layers: add at least one dense layer";
  if (static_cast<int>(spec.layers.size()) > kMaxLayers) return "at most " + std::to_string(kMaxLayers) + " layers";
  int64_t features = in.features, params = 0;
  bool image = in.is_image();
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    const std::string where = "layer " + std::to_string(i + 1) + ": ";
    if (l.kind == LayerSpec::Kind::Dense) {
      if (l.units < 1 || l.units > kMaxUnits) return where + "dense needs 1 to " + std::to_string(kMaxUnits) + " units";
      if (image) return where + "dense expects a vector but receives an image: put 'flatten' before it";
      params += (features + 1) * static_cast<int64_t>(l.units);
      if (params > kMaxParameters)
        return where + "the model would have more than " + std::to_string(kMaxParameters) + " parameters; use fewer units";
      features = l.units;
    } else if (l.kind == LayerSpec::Kind::Flatten) {
      image = false;
    } else if (l.kind == LayerSpec::Kind::Dropout && !(l.rate >= 0.0f && l.rate < 1.0f)) {
      return where + "dropout rate must be in [0, 1)";
    } else if (l.kind == LayerSpec::Kind::Activation && l.activation == Activation::Softmax && image) {
      return where + "softmax needs a vector: flatten first";
    }
  }
  return "";
}

Network build_network(const ModelSpec& spec, uint64_t seed) {
  const std::string problem = validate_spec(spec);
  if (!problem.empty()) throw std::invalid_argument(problem);
  Network net(spec.input.features);
  int features = spec.input.features, dense_index = 1;
  for (const LayerSpec& l : spec.layers) {
    switch (l.kind) {
      case LayerSpec::Kind::Dense:
        net.add<DenseLayer>(net.params(), dense_index++, features, l.units, l.init);
        features = l.units;
        break;
      case LayerSpec::Kind::Activation: net.add<ActivationLayer>(l.activation, features); break;
      case LayerSpec::Kind::Dropout: net.add<DropoutLayer>(l.rate, features); break;
      case LayerSpec::Kind::Flatten: net.add<FlattenLayer>(features); break;
    }
  }
  Rng rng(seed);
  net.finalize(rng);
  return net;
}

std::vector<LayerSummary> summarize(const ModelSpec& spec) {
  std::vector<LayerSummary> rows;
  int64_t features = spec.input.features;
  bool image = spec.input.is_image();
  int dense_index = 1;
  for (const LayerSpec& l : spec.layers) {
    LayerSummary row;
    switch (l.kind) {
      case LayerSpec::Kind::Dense:
        row.name = "dense " + std::to_string(dense_index++);
        row.parameters = (features + 1) * static_cast<int64_t>(l.units);
        row.connections = row.parameters;  // one multiply-add per weight (the bias counts as a weight on 1)
        features = l.units;
        break;
      case LayerSpec::Kind::Activation: row.name = activation_name(l.activation); break;
      case LayerSpec::Kind::Dropout: row.name = "dropout " + std::to_string(l.rate).substr(0, 4); break;
      case LayerSpec::Kind::Flatten:
        row.name = "flatten";
        image = false;
        break;
    }
    row.output_shape = shape_text(spec.input, static_cast<int>(features), image);
    rows.push_back(row);
  }
  return rows;
}

std::string summary_table(const ModelSpec& spec) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-16s %-16s %14s %16s\n", "layer", "output shape", "parameters", "connections");
  out += line;
  std::snprintf(line, sizeof line, "%-16s %-16s %14s %16s\n", "input", shape_text(spec.input, spec.input.features, spec.input.is_image()).c_str(), "", "");
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
