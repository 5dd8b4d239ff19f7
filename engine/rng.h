// rng.h: Rng, the engine's one seeded random generator (xoshiro128**), identical on every platform.
#pragma once
#include <cstdint>

namespace layerlab {

// std:: distributions differ between standard libraries; ours give the same numbers natively and in wasm.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint32_t next_u32();
  float uniform();                          // [0, 1)
  float uniform(float lo, float hi);        // [lo, hi)
  float normal();                           // mean 0, standard deviation 1 (Box-Muller)
  uint32_t below(uint32_t n);               // [0, n), unbiased

 private:
  uint32_t s_[4];
  bool has_spare_ = false;
  float spare_ = 0.0f;
};

}  // namespace layerlab
