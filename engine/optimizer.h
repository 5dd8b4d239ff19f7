// optimizer.h: the optimizers (SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam): update kernels and Optimizer.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "parameter_arena.h"

namespace layerlab {

enum class OptimizerKind { Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam };
constexpr int kOptimizerKindCount = 6;
const char* optimizer_name(OptimizerKind k);  // "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"
bool parse_optimizer(const char* name, OptimizerKind* out);

// The hyperparameters of every kind; each kind reads only its own. The learning rate is not here: it
// is passed to every step, so a schedule can change it.
struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Sgd;
  float momentum = 0.9f;  // μ, momentum and Nesterov
  float rho = 0.9f;       // ρ, RMSProp's decay of the mean square
  float beta1 = 0.9f, beta2 = 0.999f;  // Adam's decays of the first and second moments
  float epsilon = 1e-7f;  // ε, AdaGrad, RMSProp and Adam: added after the square root
};

// Update kernels over n parameters w with gradients g; the state arrays start at zero.
// w -= lr g
template <typename T>
void sgd_update(T* w, const T* g, size_t n, T lr);
// v = μ v - lr g, w += v
template <typename T>
void momentum_update(T* w, const T* g, T* v, size_t n, T lr, T momentum);
// v = μ v - lr g, w += μ v - lr g  (Nesterov in the Keras/Sutskever form)
template <typename T>
void nesterov_update(T* w, const T* g, T* v, size_t n, T lr, T momentum);
// G += g², w -= lr g / (sqrt(G) + ε)
template <typename T>
void adagrad_update(T* w, const T* g, T* sum_sq, size_t n, T lr, T epsilon);
// E = ρ E + (1-ρ) g², w -= lr g / (sqrt(E) + ε)
template <typename T>
void rmsprop_update(T* w, const T* g, T* mean_sq, size_t n, T lr, T rho, T epsilon);
// m = β₁ m + (1-β₁) g, v = β₂ v + (1-β₂) g², w -= lr (m / (1-β₁ᵗ)) / (sqrt(v / (1-β₂ᵗ)) + ε); t counts from 1
template <typename T>
void adam_update(T* w, const T* g, T* m, T* v, size_t n, T lr, T beta1, T beta2, T epsilon, long t);

// One optimizer over every parameter of one arena. Its state (velocity, sums of squares, moments) is
// allocated once by make_optimizer, one block, slot-major: slot s of parameter id starts at
// s·total_size + info(id).offset, so step() allocates nothing.
class Optimizer {
 public:
  Optimizer(const OptimizerConfig& config, const ParameterArena& params);

  // One update of every parameter from its gradient; counts the step first (Adam's t = steps()).
  void step(ParameterArena& params, float learning_rate);

  OptimizerKind kind() const { return config_.kind; }
  const OptimizerConfig& config() const { return config_; }
  long steps() const { return steps_; }
  void set_steps(long steps) { steps_ = steps; }  // when loading a model file: restores Adam's t
  // 0 for SGD; 1 for momentum and Nesterov (v), AdaGrad (G), RMSProp (E); 2 for Adam (m, then v).
  int state_slots() const { return slots_; }
  // The state of one parameter in one slot, info(id).size floats (for saving and loading model files).
  Span<float> state(ParamId id, int slot);
  Span<const float> state(ParamId id, int slot) const;

 private:
  struct Extent {
    size_t offset, size;
  };
  size_t state_offset(ParamId id, int slot) const;  // throws for a slot this kind does not have

  OptimizerConfig config_;
  int slots_;
  size_t total_;
  std::vector<Extent> extents_;  // by ParamId
  std::vector<float> state_;     // slots_ · total_
  long steps_ = 0;
};

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config, const ParameterArena& params);

}  // namespace layerlab
