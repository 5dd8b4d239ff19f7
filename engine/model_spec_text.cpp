// model_spec_text.cpp: parse_layers and format_layers, the one-line text form of a layer list.
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "model_spec.h"

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

bool parse_int(const std::string& s, long long lo, long long hi, int* out) {
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

// "3x5" or "3" (square).
bool parse_kernel(const std::string& s, int* kh, int* kw) {
  const size_t x = s.find('x');
  if (x == std::string::npos) return parse_int(s, 1, 1024, kh) && parse_int(s, 1, 1024, kw);
  return parse_int(s.substr(0, x), 1, 1024, kh) && parse_int(s.substr(x + 1), 1, 1024, kw);
}

const char* init_token(WeightInit init) {
  return init == WeightInit::He ? "he" : init == WeightInit::SmallUniform ? "small" : "xavier";
}

bool is_relu_like(Activation a) { return a == Activation::ReLU || a == Activation::LeakyReLU; }

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
    const bool is_conv = w[0] == "conv";
    const bool is_pool = w[0] == "maxpool" || w[0] == "meanpool" || w[0] == "avgpool" || w[0] == "sumpool";
    if (w[0] == "dense" || is_conv) {
      size_t k = 2;
      if (is_conv) {
        l.kind = LayerSpec::Kind::Conv2D;
        if (w.size() < 3 || !parse_int(w[1], 1, 4096, &l.units) || !parse_kernel(w[2], &l.kernel_h, &l.kernel_w))
          return fail("conv needs a number of filters (1 to 4096) and a kernel size, e.g. 'conv 8 3x3 same relu'");
        k = 3;
      } else {
        l.kind = LayerSpec::Kind::Dense;
        if (w.size() < 2 || !parse_int(w[1], 1, kMaxUnits, &l.units))
          return fail("dense needs a number of units from 1 to " + std::to_string(kMaxUnits));
      }
      bool init_given = false, has_activation = false;
      LayerSpec act;
      act.kind = LayerSpec::Kind::Activation;
      for (; k < w.size(); ++k) {
        const std::string& t = w[k];
        if (t.rfind("init=", 0) == 0) {
          const std::string v = t.substr(5);
          if (v == "he") l.init = WeightInit::He;
          else if (v == "xavier" || v == "glorot") l.init = WeightInit::Xavier;
          else if (v == "small") l.init = WeightInit::SmallUniform;
          else return fail("unknown init '" + v + "' (small, xavier, he)");
          init_given = true;
        } else if (!has_activation && parse_activation(t.c_str(), &a)) {
          act.activation = a;
          has_activation = true;
        } else if (is_conv && t.rfind("stride=", 0) == 0) {
          if (!parse_int(t.substr(7), 1, 1024, &l.stride)) return fail("the stride must be a whole number from 1 to 1024");
        } else if (is_conv && t.rfind("pad=", 0) == 0) {
          if (!parse_int(t.substr(4), 0, 1024, &l.padding)) return fail("pad= takes a whole number of pixels, e.g. pad=1");
          l.same = false;
        } else if (is_conv && (t == "same" || t == "valid")) {
          l.same = t == "same";
          l.padding = 0;
        } else if (is_conv && (t == "zeros" || t == "edge")) {
          l.padding_mode = t == "edge" ? PaddingMode::Edge : PaddingMode::Zeros;
        } else {
          return fail("unknown word '" + t + "' after " + w[0] +
                      (is_conv ? " (stride=S, pad=P, same, valid, zeros, edge, an activation, init=...)" : ""));
        }
      }
      if (has_activation && !init_given && is_relu_like(act.activation)) l.init = WeightInit::He;
      out->push_back(l);
      if (has_activation) out->push_back(act);
      continue;
    }
    if (w[0] == "rnn" || w[0] == "lstm") {
      l.kind = w[0] == "rnn" ? LayerSpec::Kind::SimpleRnn : LayerSpec::Kind::Lstm;
      if (w.size() < 2 || !parse_int(w[1], 1, 4096, &l.units)) return fail(w[0] + " needs a number of hidden units from 1 to 4096, e.g. '" + w[0] + " 64'");
      for (size_t k = 2; k < w.size(); ++k) {
        const std::string& t = w[k];
        char* end = nullptr;
        if (t == "sequences") {
          l.return_sequences = true;
        } else if (t.rfind("truncate=", 0) == 0) {
          if (!parse_int(t.substr(9), 0, 1 << 20, &l.truncate)) return fail("truncate= takes a number of steps (0: full backpropagation through time)");
        } else if (l.kind == LayerSpec::Kind::Lstm && t.rfind("forget_bias=", 0) == 0) {
          const double v = std::strtod(t.c_str() + 12, &end);
          if (*end != '\0' || !(v >= -10.0 && v <= 10.0)) return fail("forget_bias= takes a number from -10 to 10 (1 is usual)");
          l.forget_bias = static_cast<float>(v);
        } else {
          return fail("unknown word '" + t + "' after " + w[0] + " (sequences, truncate=K" +
                      (l.kind == LayerSpec::Kind::Lstm ? ", forget_bias=B)" : ")"));
        }
      }
    } else if (is_pool) {
      l.kind = LayerSpec::Kind::Pool2D;
      l.pool = w[0] == "maxpool" ? PoolKind::Max : w[0] == "sumpool" ? PoolKind::Sum : PoolKind::Mean;
      if (w.size() < 2 || !parse_int(w[1], 1, 1024, &l.window)) return fail(w[0] + " needs a window size, e.g. '" + w[0] + " 2'");
      l.stride = l.window;
      for (size_t k = 2; k < w.size(); ++k) {
        if (w[k].rfind("stride=", 0) != 0 || !parse_int(w[k].substr(7), 1, 1024, &l.stride))
          return fail("after the window size only stride=S is allowed, e.g. '" + w[0] + " 2 stride=2'");
      }
    } else if (w[0] == "dropout") {
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
      return fail("unknown layer; use dense N [activation], conv F KxK [options], maxpool/meanpool/sumpool K, rnn N, lstm N, an "
                  "activation (relu, tanh, sigmoid, leaky_relu, softmax, linear), dropout RATE or flatten");
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
  for (const LayerSpec& l : layers) {
    if (!s.empty()) s += ", ";
    char buf[128];
    switch (l.kind) {
      case LayerSpec::Kind::Dense: std::snprintf(buf, sizeof buf, "dense %d init=%s", l.units, init_token(l.init)); break;
      case LayerSpec::Kind::Conv2D: {
        char pad[16];
        if (l.same) std::snprintf(pad, sizeof pad, "same");
        else std::snprintf(pad, sizeof pad, "pad=%d", l.padding);
        std::snprintf(buf, sizeof buf, "conv %d %dx%d stride=%d %s %s init=%s", l.units, l.kernel_h, l.kernel_w, l.stride, pad,
                      padding_mode_name(l.padding_mode), init_token(l.init));
        break;
      }
      case LayerSpec::Kind::Pool2D:
        std::snprintf(buf, sizeof buf, "%spool %d stride=%d", pool_kind_name(l.pool), l.window, l.stride);
        break;
      case LayerSpec::Kind::SimpleRnn:
        std::snprintf(buf, sizeof buf, "rnn %d%s truncate=%d", l.units, l.return_sequences ? " sequences" : "", l.truncate);
        break;
      case LayerSpec::Kind::Lstm:
        std::snprintf(buf, sizeof buf, "lstm %d%s truncate=%d forget_bias=%.9g", l.units, l.return_sequences ? " sequences" : "",
                      l.truncate, static_cast<double>(l.forget_bias));
        break;
      case LayerSpec::Kind::Activation: std::snprintf(buf, sizeof buf, "%s", activation_name(l.activation)); break;
      case LayerSpec::Kind::Dropout: std::snprintf(buf, sizeof buf, "dropout %.9g", static_cast<double>(l.rate)); break;
      case LayerSpec::Kind::Flatten: std::snprintf(buf, sizeof buf, "flatten"); break;
    }
    s += buf;
  }
  return s;
}

}  // namespace layerlab
