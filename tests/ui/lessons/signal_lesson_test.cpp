// signal_lesson_test.cpp: the 1-D start of the convolution tutorial, as its text states it: [-1, 1] fires
// exactly at the jumps (+1 up, -1 down, 0 elsewhere), the bell sums to 1 and smooths the jumps into ramps.
#include "tutorial/signal_lesson.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace layerlab::ui {
namespace {

TEST(SignalLesson, EdgeFilterFiresExactlyAtTheJumps) {
  const std::vector<float> s = step_signal();
  const std::vector<int> jumps = signal_jumps(s);
  ASSERT_EQ(jumps, (std::vector<int>{7, 13, 23, 26}));
  const SignalRun run = run_signal_convolution(s, signal_filter_values(SignalFilter::Edge));
  ASSERT_TRUE(run.error.empty()) << run.error;
  ASSERT_EQ(run.output.size(), 39u);
  for (int p = 0; p < 39; ++p) {
    const float want = s[static_cast<size_t>(p) + 1] - s[static_cast<size_t>(p)];  // cross-correlation: not flipped
    EXPECT_EQ(run.output[static_cast<size_t>(p)], want) << "position " << p;
  }
  EXPECT_EQ(run.output[7], -1.0f);   // 1 -> 0
  EXPECT_EQ(run.output[13], 1.0f);   // 0 -> 1
  EXPECT_EQ(run.nonzero, 4);         // fires at the four jumps and nowhere else
  EXPECT_EQ(run.lo, -1.0f);
  EXPECT_EQ(run.hi, 1.0f);
}

TEST(SignalLesson, BellIsNormalisedAndSmoothsTheJumps) {
  const std::vector<float> bell = signal_filter_values(SignalFilter::Bell);
  ASSERT_EQ(bell.size(), 10u);
  double sum = 0.0;
  for (float v : bell) {
    EXPECT_GT(v, 0.0f);
    sum += v;
  }
  EXPECT_NEAR(sum, 1.0, 1e-6);
  EXPECT_FLOAT_EQ(bell[0], bell[9]);  // symmetric
  const SignalRun run = run_signal_convolution(step_signal(), bell);
  ASSERT_EQ(run.output.size(), 31u);
  EXPECT_NEAR(run.output[14], 1.0f, 1e-6f);  // windows wholly on ones ([14, 24), [30, 40)) average to 1
  EXPECT_NEAR(run.output[30], 1.0f, 1e-6f);
  float biggest_step = 0.0f;
  for (size_t p = 0; p < run.output.size(); ++p) {
    EXPECT_GE(run.output[p], -1e-6f);
    EXPECT_LE(run.output[p], 1.0f + 1e-6f);
    if (p) biggest_step = std::max(biggest_step, std::fabs(run.output[p] - run.output[p - 1]));
  }
  EXPECT_LT(biggest_step, 0.2f);
  EXPECT_EQ(run.max_step, biggest_step);  // no jump of 1 survives: one step moves by one bell weight (at most 0.155)
}

TEST(SignalLesson, AFilterLongerThanTheSignalIsRefusedWithTheEnginesSentence) {
  const SignalRun run = run_signal_convolution({1.0f, 0.0f}, signal_filter_values(SignalFilter::Bell));
  EXPECT_TRUE(run.output.empty());
  EXPECT_FALSE(run.error.empty());
}

}  // namespace
}  // namespace layerlab::ui
