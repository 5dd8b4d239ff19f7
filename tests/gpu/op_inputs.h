// op_inputs.h: deterministic inputs for the op registry: seeded uniform values, labels, and tensors made from them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "op_registry.h"

namespace layerlab {

// Uniform values in [lo, hi) from a fixed seed (splitmix64), identical on every run and platform.
inline std::vector<float> uniform_values(size_t count, uint64_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::vector<float> v(count);
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
  for (float& x : v) {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    x = lo + (hi - lo) * static_cast<float>((z >> 40) * (1.0 / 16777216.0));
  }
  return v;
}

// A tensor holding `values`, remembered in `run` for clean-up.
inline TensorId input_tensor(Backend& backend, OpRun& run, const std::vector<float>& values) {
  const TensorId t = backend.create_tensor(values.size());
  backend.write(t, values.data(), values.size());
  run.tensors.push_back(t);
  return t;
}

inline TensorId label_tensor(Backend& backend, OpRun& run, int n, int classes, uint64_t seed) {
  std::vector<int> labels(n);
  const std::vector<float> u = uniform_values(n, seed, 0.0f, static_cast<float>(classes));
  for (int i = 0; i < n; ++i) labels[i] = static_cast<int>(u[i]) < classes ? static_cast<int>(u[i]) : classes - 1;
  const TensorId t = backend.create_tensor(n);
  backend.write_labels(t, labels.data(), labels.size());
  run.tensors.push_back(t);
  return t;
}

// Records a read of `t` (count values) as output `name`.
inline void read_output(Backend& backend, OpRun& run, const std::string& name, TensorId t, size_t count) {
  run.names.push_back(name);
  run.values.emplace_back(count);
  backend.read(t, run.values.back().data(), count);
}

}  // namespace layerlab
