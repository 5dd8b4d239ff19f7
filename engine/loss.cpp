// loss.cpp: softmax cross-entropy and mean squared error, forward and backward side by side.
#include "loss.h"

#include <cmath>

namespace layerlab {

const char* loss_name(LossKind k) {
  switch (k) {
    case LossKind::SoftmaxCrossEntropy: return "softmax cross-entropy";
    case LossKind::MeanSquaredError: return "mean squared error";
    case LossKind::BinaryCrossEntropy: return "binary cross-entropy";
  }
  return "?";
}

template <typename T>
T binary_cross_entropy_forward(const T* logits, const int* labels, int n) {
  double total = 0.0;
  for (int r = 0; r < n; ++r) {
    const T z = logits[r];
    const T t = labels[r] ? T(1) : T(0);
    total += static_cast<double>((z > T(0) ? z : T(0)) - z * t + std::log1p(std::exp(-std::fabs(z))));
  }
  return static_cast<T>(total / n);
}

template <typename T>
void binary_cross_entropy_backward(const T* logits, const int* labels, T* dlogits, int n) {
  for (int r = 0; r < n; ++r) {
    const T z = logits[r];
    const T s = z >= T(0) ? T(1) / (T(1) + std::exp(-z)) : std::exp(z) / (T(1) + std::exp(z));
    dlogits[r] = (s - (labels[r] ? T(1) : T(0))) / static_cast<T>(n);
  }
}

template <typename T>
T softmax_cross_entropy_forward(const T* logits, const int* labels, T* probs, int n, int classes) {
  double total = 0.0;
  for (int r = 0; r < n; ++r) {
    const T* z = logits + static_cast<size_t>(r) * classes;
    T* p = probs + static_cast<size_t>(r) * classes;
    T m = z[0];
    for (int c = 1; c < classes; ++c) m = z[c] > m ? z[c] : m;
    T sum = T(0);
    for (int c = 0; c < classes; ++c) sum += (p[c] = std::exp(z[c] - m));
    for (int c = 0; c < classes; ++c) p[c] /= sum;
    // -log softmax = log Σ exp(z - m) - (z_label - m): no log of a rounded-to-zero probability.
    total += static_cast<double>(std::log(sum) - (z[labels[r]] - m));
  }
  return static_cast<T>(total / n);
}

template <typename T>
void softmax_cross_entropy_backward(const T* probs, const int* labels, T* dlogits, int n, int classes) {
  const T inv_n = T(1) / static_cast<T>(n);
  for (int r = 0; r < n; ++r) {
    const T* p = probs + static_cast<size_t>(r) * classes;
    T* d = dlogits + static_cast<size_t>(r) * classes;
    for (int c = 0; c < classes; ++c) d[c] = (p[c] - (c == labels[r] ? T(1) : T(0))) * inv_n;
  }
}

template <typename T>
T mse_forward(const T* pred, const T* target, int n, int c) {
  const size_t count = static_cast<size_t>(n) * c;
  double total = 0.0;
  for (size_t i = 0; i < count; ++i) {
    const double d = static_cast<double>(pred[i]) - static_cast<double>(target[i]);
    total += d * d;
  }
  return static_cast<T>(total / static_cast<double>(count));
}

template <typename T>
void mse_backward(const T* pred, const T* target, T* dpred, int n, int c) {
  const size_t count = static_cast<size_t>(n) * c;
  const T scale = T(2) / static_cast<T>(count);
  for (size_t i = 0; i < count; ++i) dpred[i] = scale * (pred[i] - target[i]);
}

template float softmax_cross_entropy_forward<float>(const float*, const int*, float*, int, int);
template double softmax_cross_entropy_forward<double>(const double*, const int*, double*, int, int);
template void softmax_cross_entropy_backward<float>(const float*, const int*, float*, int, int);
template void softmax_cross_entropy_backward<double>(const double*, const int*, double*, int, int);
template float binary_cross_entropy_forward<float>(const float*, const int*, int);
template double binary_cross_entropy_forward<double>(const double*, const int*, int);
template void binary_cross_entropy_backward<float>(const float*, const int*, float*, int);
template void binary_cross_entropy_backward<double>(const double*, const int*, double*, int);
template float mse_forward<float>(const float*, const float*, int, int);
template double mse_forward<double>(const double*, const double*, int, int);
template void mse_backward<float>(const float*, const float*, float*, int, int);
template void mse_backward<double>(const double*, const double*, double*, int, int);

}  // namespace layerlab
