// regularization.h: L1 and L2 weight penalties, on parameters whose role is Weight (never biases).
//
// Convention (stated once, here): penalty = l1 Σ|w| + (l2/2) Σ w² summed over every weight, so its
// gradient is l1 sign(w) + l2 w with sign(0) = 0 (l2 is the "weight decay" coefficient: an SGD step
// then shrinks w by lr·l2·w). The penalty is added to the loss; its gradient is ADDED to the arena's
// gradients (the contract in layer.h), so call add_weight_penalty_gradient after backward, before the
// optimizer's step.
#pragma once
#include <cstddef>

#include "parameter_arena.h"

namespace layerlab {

// l1 Σ|w| + (l2/2) Σ w² over w[0..n), summed in double.
template <typename T>
double l1_l2_penalty(const T* w, size_t n, T l1, T l2);
// g += l1 sign(w) + l2 w
template <typename T>
void add_l1_l2_penalty_gradient(const T* w, T* g, size_t n, T l1, T l2);

// The kernels above over every Weight parameter of the arena.
double weight_penalty(const ParameterArena& params, float l1, float l2);
void add_weight_penalty_gradient(ParameterArena& params, float l1, float l2);

}  // namespace layerlab
