// regularization.cpp: the L1/L2 penalty kernels and their application to an arena's weights.
#include "regularization.h"

#include <cmath>

namespace layerlab {

template <typename T>
double l1_l2_penalty(const T* w, size_t n, T l1, T l2) {
  double abs_sum = 0.0, sq_sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double v = static_cast<double>(w[i]);
    abs_sum += std::fabs(v);
    sq_sum += v * v;
  }
  return static_cast<double>(l1) * abs_sum + 0.5 * static_cast<double>(l2) * sq_sum;
}

template <typename T>
void add_l1_l2_penalty_gradient(const T* w, T* g, size_t n, T l1, T l2) {
  for (size_t i = 0; i < n; ++i) {
    const T sign = w[i] > T(0) ? T(1) : w[i] < T(0) ? T(-1) : T(0);
    g[i] += l1 * sign + l2 * w[i];
  }
}

template double l1_l2_penalty<float>(const float*, size_t, float, float);
template double l1_l2_penalty<double>(const double*, size_t, double, double);
template void add_l1_l2_penalty_gradient<float>(const float*, float*, size_t, float, float);
template void add_l1_l2_penalty_gradient<double>(const double*, double*, size_t, double, double);

double weight_penalty(const ParameterArena& params, float l1, float l2) {
  double total = 0.0;
  for (ParamId id = 0; id < params.count(); ++id) {
    if (params.info(id).role != ParamRole::Weight) continue;
    const Span<const float> w = params.value(id);
    total += l1_l2_penalty(w.data, w.size, l1, l2);
  }
  return total;
}

void add_weight_penalty_gradient(ParameterArena& params, float l1, float l2) {
  if (l1 == 0.0f && l2 == 0.0f) return;
  for (ParamId id = 0; id < params.count(); ++id) {
    if (params.info(id).role != ParamRole::Weight) continue;
    const Span<float> w = params.value(id);
    add_l1_l2_penalty_gradient(w.data, params.grad(id).data, w.size, l1, l2);
  }
}

}  // namespace layerlab
