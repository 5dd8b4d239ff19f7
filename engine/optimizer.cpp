// optimizer.cpp: the update kernels side by side, and Optimizer's state layout and step.
#include "optimizer.h"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "enum_names.h"

namespace layerlab {

const char* optimizer_name(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Nesterov: return "nesterov";
    case OptimizerKind::AdaGrad: return "adagrad";
    case OptimizerKind::RmsProp: return "rmsprop";
    case OptimizerKind::Adam: return "adam";
  }
  return "?";
}

bool parse_optimizer(const char* name, OptimizerKind* out) {
  return parse_by_name(name, kOptimizerKindCount, optimizer_name, out);
}

template <typename T>
void sgd_update(T* w, const T* g, size_t n, T lr) {
  for (size_t i = 0; i < n; ++i) w[i] -= lr * g[i];
}

template <typename T>
void momentum_update(T* w, const T* g, T* v, size_t n, T lr, T momentum) {
  for (size_t i = 0; i < n; ++i) {
    v[i] = momentum * v[i] - lr * g[i];
    w[i] += v[i];
  }
}

template <typename T>
void nesterov_update(T* w, const T* g, T* v, size_t n, T lr, T momentum) {
  for (size_t i = 0; i < n; ++i) {
    v[i] = momentum * v[i] - lr * g[i];
    w[i] += momentum * v[i] - lr * g[i];
  }
}

template <typename T>
void adagrad_update(T* w, const T* g, T* sum_sq, size_t n, T lr, T epsilon) {
  for (size_t i = 0; i < n; ++i) {
    sum_sq[i] += g[i] * g[i];
    w[i] -= lr * g[i] / (std::sqrt(sum_sq[i]) + epsilon);
  }
}

template <typename T>
void rmsprop_update(T* w, const T* g, T* mean_sq, size_t n, T lr, T rho, T epsilon) {
  for (size_t i = 0; i < n; ++i) {
    mean_sq[i] = rho * mean_sq[i] + (T(1) - rho) * g[i] * g[i];
    w[i] -= lr * g[i] / (std::sqrt(mean_sq[i]) + epsilon);
  }
}

template <typename T>
void adam_update(T* w, const T* g, T* m, T* v, size_t n, T lr, T beta1, T beta2, T epsilon, long t) {
  const T correct1 = T(1) - std::pow(beta1, static_cast<T>(t));
  const T correct2 = T(1) - std::pow(beta2, static_cast<T>(t));
  for (size_t i = 0; i < n; ++i) {
    m[i] = beta1 * m[i] + (T(1) - beta1) * g[i];
    v[i] = beta2 * v[i] + (T(1) - beta2) * g[i] * g[i];
    w[i] -= lr * (m[i] / correct1) / (std::sqrt(v[i] / correct2) + epsilon);
  }
}

template void sgd_update<float>(float*, const float*, size_t, float);
template void sgd_update<double>(double*, const double*, size_t, double);
template void momentum_update<float>(float*, const float*, float*, size_t, float, float);
template void momentum_update<double>(double*, const double*, double*, size_t, double, double);
template void nesterov_update<float>(float*, const float*, float*, size_t, float, float);
template void nesterov_update<double>(double*, const double*, double*, size_t, double, double);
template void adagrad_update<float>(float*, const float*, float*, size_t, float, float);
template void adagrad_update<double>(double*, const double*, double*, size_t, double, double);
template void rmsprop_update<float>(float*, const float*, float*, size_t, float, float, float);
template void rmsprop_update<double>(double*, const double*, double*, size_t, double, double, double);
template void adam_update<float>(float*, const float*, float*, float*, size_t, float, float, float, float, long);
template void adam_update<double>(double*, const double*, double*, double*, size_t, double, double, double, double,
                                  long);

namespace {
int slots_of(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::Sgd: return 0;
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov:
    case OptimizerKind::AdaGrad:
    case OptimizerKind::RmsProp: return 1;
    case OptimizerKind::Adam: return 2;
  }
  return 0;
}
}  // namespace

Optimizer::Optimizer(const OptimizerConfig& config, const ParameterArena& params)
    : config_(config), slots_(slots_of(config.kind)), total_(params.total_size()) {
  extents_.reserve(static_cast<size_t>(params.count()));
  for (ParamId id = 0; id < params.count(); ++id) extents_.push_back({params.info(id).offset, params.info(id).size});
  state_.assign(static_cast<size_t>(slots_) * total_, 0.0f);
}

size_t Optimizer::state_offset(ParamId id, int slot) const {
  if (slot < 0 || slot >= slots_)
    throw std::out_of_range(std::string(optimizer_name(config_.kind)) + " has no state slot " + std::to_string(slot));
  return static_cast<size_t>(slot) * total_ + extents_.at(static_cast<size_t>(id)).offset;
}

Span<float> Optimizer::state(ParamId id, int slot) {
  return {state_.data() + state_offset(id, slot), extents_[static_cast<size_t>(id)].size};
}

Span<const float> Optimizer::state(ParamId id, int slot) const {
  return {state_.data() + state_offset(id, slot), extents_[static_cast<size_t>(id)].size};
}

void Optimizer::step(ParameterArena& params, float learning_rate) {
  if (!params.allocated() || params.count() != static_cast<int>(extents_.size()) || params.total_size() != total_)
    throw std::logic_error("Optimizer::step needs the allocated arena it was made for");
  ++steps_;
  const OptimizerConfig& c = config_;
  for (ParamId id = 0; id < params.count(); ++id) {
    float* w = params.value(id).data;
    const float* g = params.grad(id).data;
    const size_t n = extents_[static_cast<size_t>(id)].size;
    float* s0 = slots_ > 0 ? state_.data() + state_offset(id, 0) : nullptr;
    float* s1 = slots_ > 1 ? state_.data() + state_offset(id, 1) : nullptr;
    switch (c.kind) {
      case OptimizerKind::Sgd: sgd_update(w, g, n, learning_rate); break;
      case OptimizerKind::Momentum: momentum_update(w, g, s0, n, learning_rate, c.momentum); break;
      case OptimizerKind::Nesterov: nesterov_update(w, g, s0, n, learning_rate, c.momentum); break;
      case OptimizerKind::AdaGrad: adagrad_update(w, g, s0, n, learning_rate, c.epsilon); break;
      case OptimizerKind::RmsProp: rmsprop_update(w, g, s0, n, learning_rate, c.rho, c.epsilon); break;
      case OptimizerKind::Adam: adam_update(w, g, s0, s1, n, learning_rate, c.beta1, c.beta2, c.epsilon, steps_); break;
    }
  }
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config, const ParameterArena& params) {
  return std::make_unique<Optimizer>(config, params);
}

}  // namespace layerlab
