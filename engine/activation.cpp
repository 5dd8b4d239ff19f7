// activation.cpp: activation_forward / activation_backward side by side, and ActivationLayer.
#include "activation.h"

#include <cmath>
#include <cstring>

namespace layerlab {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::ReLU: return "relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
  }
  return "?";
}

bool parse_activation(const char* name, Activation* out) {
  for (int i = 0; i < kActivationCount; ++i) {
    const Activation a = static_cast<Activation>(i);
    if (std::strcmp(name, activation_name(a)) == 0) {
      *out = a;
      return true;
    }
  }
  return false;
}

template <typename T>
static T sigmoid(T x) {
  // Never exponentiates a large positive number.
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

template <typename T>
void activation_forward(Activation a, const T* x, T* y, size_t n) {
  switch (a) {
    case Activation::Linear: for (size_t i = 0; i < n; ++i) y[i] = x[i]; break;
    case Activation::ReLU: for (size_t i = 0; i < n; ++i) y[i] = x[i] > T(0) ? x[i] : T(0); break;
    case Activation::Tanh: for (size_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]); break;
    case Activation::Sigmoid: for (size_t i = 0; i < n; ++i) y[i] = sigmoid(x[i]); break;
  }
}

template <typename T>
void activation_backward(Activation a, const T* y, const T* dy, T* dx, size_t n) {
  switch (a) {
    case Activation::Linear: for (size_t i = 0; i < n; ++i) dx[i] = dy[i]; break;
    case Activation::ReLU: for (size_t i = 0; i < n; ++i) dx[i] = y[i] > T(0) ? dy[i] : T(0); break;
    case Activation::Tanh: for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * (T(1) - y[i] * y[i]); break;
    case Activation::Sigmoid: for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * y[i] * (T(1) - y[i]); break;
  }
}

template void activation_forward<float>(Activation, const float*, float*, size_t);
template void activation_forward<double>(Activation, const double*, double*, size_t);
template void activation_backward<float>(Activation, const float*, const float*, float*, size_t);
template void activation_backward<double>(Activation, const double*, const double*, double*, size_t);

void ActivationLayer::forward(const float* x, float* y, int n) const {
  activation_forward(a_, x, y, static_cast<size_t>(n) * features_);
}

void ActivationLayer::backward(const float*, const float* y, const float* dy, float* dx, int n) {
  if (dx) activation_backward(a_, y, dy, dx, static_cast<size_t>(n) * features_);
}

}  // namespace layerlab
