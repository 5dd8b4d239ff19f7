// op_registry.h: the consistency test's registry: every Backend op × shapes, each case a recording run on any backend.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "backend.h"

namespace layerlab {

// What one run of a case produced: named outputs, filled by Backend::read when the step completes, and
// the tensors the run created (destroyed by the driver afterwards).
struct OpRun {
  std::vector<std::string> names;
  std::vector<std::vector<float>> values;
  std::vector<TensorId> tensors;
};

struct OpCase {
  std::string op;     // the Backend method, e.g. "dense_backward"
  std::string shape;  // e.g. "n=5 in=17 out=33"
  // Largest accepted |webgpu − cpu| / (1 + |cpu|) over every output element.
  float tolerance;
  // Between begin_step and end_step: creates and fills its tensors (the same values on every backend),
  // records the op, and read()s its outputs into `run`.
  std::function<void(Backend& backend, OpRun& run)> record;
};

// The tolerance of ops that sum many products (dense, conv2d): up to ~1600 terms here, each rounding adds up to
// 2⁻²⁴ relative, and the GPU sums in another order than the CPU.
constexpr float kSumTolerance = 1e-4f;

// Every case, forward before backward, in the order of ops.
std::vector<OpCase> op_cases();

}  // namespace layerlab
