// gradient_clipping.h: clipping by global norm, the usual guard against exploding gradients in recurrent nets.
#pragma once

#include "parameter_arena.h"

namespace layerlab {

// Measures the global L2 norm of every gradient in the arena, ||g|| = sqrt(Σ g²) (summed in double), and
// when max_norm > 0 and ||g|| > max_norm scales every gradient by max_norm / ||g||, so the norm becomes
// max_norm and the direction is kept. Returns the norm before clipping; max_norm <= 0 only measures. A
// non-finite norm is returned and the gradients left alone, so divergence checks still see it.
// Allocates nothing. Call after backward (and any penalty gradient), before the optimizer's step.
float clip_grad_norm(ParameterArena& params, float max_norm);

}  // namespace layerlab
