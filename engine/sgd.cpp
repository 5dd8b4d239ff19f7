// sgd.cpp: sgd_update and Sgd::step.
#include "sgd.h"

namespace layerlab {

template <typename T>
void sgd_update(T* w, const T* g, size_t n, T learning_rate) {
  for (size_t i = 0; i < n; ++i) w[i] -= learning_rate * g[i];
}
template void sgd_update<float>(float*, const float*, size_t, float);
template void sgd_update<double>(double*, const double*, size_t, double);

void Sgd::step(ParameterArena& params) {
  Span<float> w = params.values();
  Span<float> g = params.grads();
  sgd_update(w.data, g.data, w.size, learning_rate_);
}

}  // namespace layerlab
