// sgd.h: plain stochastic gradient descent over every parameter of an arena: w -= lr · g.
#pragma once
#include "parameter_arena.h"

namespace layerlab {

template <typename T>
void sgd_update(T* w, const T* g, size_t n, T learning_rate);

class Sgd {
 public:
  explicit Sgd(float learning_rate) : learning_rate_(learning_rate) {}
  float learning_rate() const { return learning_rate_; }
  void set_learning_rate(float lr) { learning_rate_ = lr; }
  void step(ParameterArena& params);

 private:
  float learning_rate_;
};

}  // namespace layerlab
