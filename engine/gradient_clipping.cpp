// gradient_clipping.cpp: clip_grad_norm, the global L2 norm of an arena's gradients and their rescaling.
#include "gradient_clipping.h"

#include <cmath>

namespace layerlab {

float clip_grad_norm(ParameterArena& params, float max_norm) {
  const Span<float> grads = params.grads();
  double sum_sq = 0.0;
  for (const float g : grads) sum_sq += static_cast<double>(g) * static_cast<double>(g);
  const double norm = std::sqrt(sum_sq);
  if (max_norm > 0.0f && std::isfinite(norm) && norm > static_cast<double>(max_norm)) {
    const double scale = static_cast<double>(max_norm) / norm;
    for (float& g : grads) g = static_cast<float>(static_cast<double>(g) * scale);
  }
  return static_cast<float>(norm);
}

}  // namespace layerlab
