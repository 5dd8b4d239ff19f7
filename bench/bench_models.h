// bench_models.h: what ./lab bench measures, shared by its native/node program (cli/bench.cpp) and its browser
// program (bench/web_bench.cpp): the three standard models of issue 9 and the GEMM timing.
#pragma once
#include <algorithm>
#include <chrono>
#include <vector>

#include "gemm.h"
#include "model_spec.h"

namespace layerlab {

struct BenchModel {
  const char* name;
  const char* layers;  // on 28x28x1 Fashion-MNIST images
  int train_steps;     // timed steps per run (batch 32)
};

// MLP 784-128-64-10; CNN conv 8 3x3 same relu, pool 2, conv 16 3x3 same relu, pool 2, dense 10; LSTM 28 steps of
// 28 -> 64 -> dense 10. Batch 32, plain SGD lr 0.01, softmax cross-entropy.
inline const std::vector<BenchModel>& bench_models() {
  static const std::vector<BenchModel> models = {
      {"mlp-784-128-64-10", "flatten, dense 128 relu, dense 64 relu, dense 10", 300},
      {"cnn-c8-p2-c16-p2-d10", "conv 8 3x3 same relu, maxpool 2, conv 16 3x3 same relu, maxpool 2, flatten, dense 10",
       60},
      {"lstm-28x28-64-d10", "lstm 64, dense 10", 60},  // 28 rows of 28 pixels
  };
  return models;
}

inline double bench_seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// GFLOP/s of the engine's GEMM (gemm_rows_add, the kernel Dense and Conv2D use) on an n x n x n float32 product:
// the best of `runs` timings of enough repetitions to take about 0.2 s each.
inline double gemm_gflops(int n, int runs) {
  std::vector<float> a(size_t(n) * n), b(a.size()), c(a.size(), 0.0f);
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<float>(i % 17) / 17.0f - 0.5f;
    b[i] = static_cast<float>(i % 13) / 13.0f - 0.5f;
  }
  const double flops = 2.0 * n * n * n;
  int reps = 1;
  for (;;) {  // calibrate
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < reps; ++r) gemm_rows_add(a.data(), size_t(n), 1, b.data(), c.data(), n, n, n);
    if (bench_seconds_since(t0) > 0.05 || reps > 1 << 20) break;
    reps *= 2;
  }
  reps *= 4;
  double best = 0.0;
  for (int run = 0; run < runs; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < reps; ++r) gemm_rows_add(a.data(), size_t(n), 1, b.data(), c.data(), n, n, n);
    best = std::max(best, flops * reps / bench_seconds_since(t0) / 1e9);
  }
  return c[0] == 12345.0f ? -best : best;  // keep c alive
}

}  // namespace layerlab
