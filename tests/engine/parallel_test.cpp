// parallel_test.cpp: parallel_for covers every item once in consecutive slices, nested calls run serially, and the
// layers that split work over threads (dense, conv2d, pooling, activations) give bit-identical results with 1 and with several threads.
#include "parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <vector>

#include "activation.h"
#include "conv2d.h"
#include "dense.h"
#include "pooling.h"
#include "rng.h"

namespace layerlab {
namespace {

// Restores the thread count after each test.
class Parallel : public testing::Test {
 protected:
  void SetUp() override { saved_ = parallel_threads(); }
  void TearDown() override { set_parallel_threads(saved_); }
  int saved_ = 1;
};

std::vector<float> random_floats(size_t count, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(count);
  for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
  return v;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST_F(Parallel, EveryItemOnceInConsecutiveSlices) {
  set_parallel_threads(2);
  const bool has_threads = parallel_threads() == 2;  // false in a wasm build without -pthread: all on the caller
  for (int wanted : {1, 2, 3, 5}) {
    set_parallel_threads(wanted);
    const int threads = has_threads ? wanted : 1;
    EXPECT_EQ(parallel_threads(), threads);
    for (int count : {0, 1, 2, 7, 64, 1000}) {
      for (int min_per_thread : {1, 3, 100}) {
        std::vector<std::atomic<int>> hits(static_cast<size_t>(count));
        std::atomic<int> slices{0}, bad{0};
        parallel_for(count, min_per_thread, [&](int begin, int end, int thread) {
          if (begin >= end || thread < 0 || thread >= threads) bad++;
          if (end - begin < std::min(count, min_per_thread)) bad++;
          for (int i = begin; i < end; ++i) hits[static_cast<size_t>(i)]++;
          slices++;
        });
        EXPECT_EQ(bad.load(), 0) << threads << " threads, " << count << " items";
        for (int i = 0; i < count; ++i) EXPECT_EQ(hits[static_cast<size_t>(i)].load(), 1);
        EXPECT_LE(slices.load(), threads);
      }
    }
  }
}

TEST_F(Parallel, NestedCallsRunOnTheirCaller) {
  set_parallel_threads(3);
  std::atomic<int> inner{0}, nested_slices{0};
  parallel_for(6, 1, [&](int begin, int end, int) {
    for (int i = begin; i < end; ++i)
      parallel_for(10, 1, [&](int b, int e, int thread) {
        nested_slices++;
        if (thread == 0 && b == 0 && e == 10) inner += 10;
      });
  });
  EXPECT_EQ(inner.load(), 60);
  EXPECT_EQ(nested_slices.load(), 6);
}

TEST_F(Parallel, ScratchIsKeptBetweenCalls) {
  float* a = parallel_scratch_of<float>(1, 0, 100);
  EXPECT_EQ(parallel_scratch_of<float>(1, 0, 50), a);  // smaller: the same buffer
  EXPECT_NE(parallel_scratch_of<float>(1, 1, 50), a);  // another slot
}

TEST_F(Parallel, DenseIsBitIdenticalWithAnyThreadCount) {
  const int n = 70, in = 50, out = 40;
  const std::vector<float> x = random_floats(size_t(n) * in, 1), w = random_floats(size_t(in) * out, 2),
                           b = random_floats(out, 3), dy = random_floats(size_t(n) * out, 4);
  auto run = [&](int threads) {
    set_parallel_threads(threads);
    std::vector<float> y(size_t(n) * out), dx(x.size()), dw(w.size(), 0.5f), db(b.size(), 0.25f);
    dense_forward(x.data(), w.data(), b.data(), y.data(), n, in, out);
    dense_backward(x.data(), w.data(), dy.data(), dx.data(), dw.data(), db.data(), n, in, out);
    return std::vector<std::vector<float>>{y, dx, dw, db};
  };
  const auto serial = run(1);
  for (int threads : {2, 3, 4}) {
    const auto threaded = run(threads);
    for (size_t i = 0; i < serial.size(); ++i) EXPECT_TRUE(same_bits(serial[i], threaded[i])) << threads << " threads, output " << i;
  }
}

TEST_F(Parallel, Conv2dIsBitIdenticalWithAnyThreadCount) {
  Conv2dGeometry g;
  g.channels = 2;
  g.height = g.width = 9;
  g.filters = 5;
  g.kernel_h = g.kernel_w = 3;
  g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = 1;
  const int n = 70;  // more than one chunk of the backward pass
  const size_t cols = size_t(g.patch()) * g.out_h() * g.out_w();
  const std::vector<float> x = random_floats(size_t(n) * g.in_size(), 5), w = random_floats(size_t(g.filters) * g.patch(), 6),
                           b = random_floats(g.filters, 7), dy = random_floats(size_t(n) * g.out_size(), 8);
  auto run = [&](int threads) {
    set_parallel_threads(threads);
    std::vector<float> y(size_t(n) * g.out_size()), dx(x.size()), dw(w.size(), 0.5f), db(b.size(), 0.25f), c(cols), dc(cols);
    conv2d_forward(g, x.data(), w.data(), b.data(), y.data(), n, c.data());
    conv2d_backward(g, x.data(), w.data(), dy.data(), dx.data(), dw.data(), db.data(), n, c.data(), dc.data());
    return std::vector<std::vector<float>>{y, dx, dw, db};
  };
  const auto serial = run(1);
  for (int threads : {2, 3, 4}) {
    const auto threaded = run(threads);
    for (size_t i = 0; i < serial.size(); ++i) EXPECT_TRUE(same_bits(serial[i], threaded[i])) << threads << " threads, output " << i;
  }
}

TEST_F(Parallel, PoolingAndActivationsAreBitIdenticalWithAnyThreadCount) {
  const int n = 40;
  for (PoolKind kind : {PoolKind::Max, PoolKind::Mean}) {
    Pool2dGeometry g;
    g.kind = kind;
    g.channels = 8;
    g.height = g.width = 28;
    g.window = g.stride = 2;
    const std::vector<float> x = random_floats(size_t(n) * g.in_size(), 9), dy = random_floats(size_t(n) * g.out_size(), 10);
    auto run = [&](int threads) {
      set_parallel_threads(threads);
      std::vector<float> y(dy.size()), dx(x.size()), a(x.size()), da(x.size());
      pool2d_forward(g, x.data(), y.data(), n);
      pool2d_backward(g, x.data(), dy.data(), dx.data(), n);
      activation_forward(Activation::Tanh, x.data(), a.data(), n, g.in_size());
      activation_backward(Activation::Tanh, a.data(), x.data(), da.data(), n, g.in_size());
      return std::vector<std::vector<float>>{y, dx, a, da};
    };
    const auto serial = run(1);
    for (int threads : {2, 3}) {
      const auto threaded = run(threads);
      for (size_t i = 0; i < serial.size(); ++i) EXPECT_TRUE(same_bits(serial[i], threaded[i])) << threads << " threads, output " << i;
    }
  }
}

}  // namespace
}  // namespace layerlab
