// lr_schedule_test.cpp: each schedule against hand values, step boundaries, cosine endpoints and names.
#include "lr_schedule.h"

#include <gtest/gtest.h>

#include <string>

namespace layerlab {
namespace {

LrSchedule schedule(ScheduleKind kind) {
  LrSchedule s;
  s.kind = kind;
  return s;
}

TEST(LrSchedule, ConstantIsTheBaseRate) {
  for (double epoch : {0.0, 0.5, 7.0, 1e6}) EXPECT_EQ(scheduled_learning_rate(schedule(ScheduleKind::Constant), 0.1f, epoch), 0.1f);
}

TEST(LrSchedule, StepDecayDropsAtEachBoundaryAndNotBefore) {
  LrSchedule s = schedule(ScheduleKind::StepDecay);
  s.step_epochs = 10;
  s.step_factor = 0.5f;
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 0.0), 0.1f);
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 9.999), 0.1f);   // floor(9.999/10) = 0
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 10.0), 0.05f);   // 0.1 · ½¹
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 19.5), 0.05f);
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 20.0), 0.025f);  // 0.1 · ½²
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 35.0), 0.0125f); // 0.1 · ½³
}

TEST(LrSchedule, ExponentialDecaysSmoothlyPerEpoch) {
  LrSchedule s = schedule(ScheduleKind::Exponential);
  s.decay_rate = 0.95f;
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 0.0), 0.1f);
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 1.0), 0.095f);    // 0.1 · 0.95
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 2.0), 0.09025f);  // 0.1 · 0.95²
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 2.5), 0.08796482f);  // 0.1 · 0.95^2.5 = 0.1 · 0.8796482
}

TEST(LrSchedule, CosineRunsFromTheBaseToTheFloor) {
  LrSchedule s = schedule(ScheduleKind::Cosine);
  s.total_epochs = 100;
  s.min_fraction = 0.1f;  // floor 0.01 for base 0.1
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 0.0), 0.1f);
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 50.0), 0.055f);  // 0.01 + 0.09 · ½(1 + cos(π/2))
  // 0.01 + 0.09 · ½(1 + cos(π/4)) = 0.01 + 0.045 · 1.7071068 = 0.08681981
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 25.0), 0.08681981f);
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 100.0), 0.01f);
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 0.1f, 250.0), 0.01f);  // held after the end
  s.min_fraction = 0.0f;
  EXPECT_NEAR(scheduled_learning_rate(s, 0.1f, 100.0), 0.0f, 1e-9f);
}

TEST(LrSchedule, CountsBelowOneAndNegativeEpochsAreSafe) {
  LrSchedule s = schedule(ScheduleKind::StepDecay);
  s.step_epochs = 0;  // taken as 1
  EXPECT_FLOAT_EQ(scheduled_learning_rate(s, 1.0f, 2.0), 0.25f);
  s = schedule(ScheduleKind::Cosine);
  s.total_epochs = 0;
  EXPECT_NEAR(scheduled_learning_rate(s, 1.0f, 0.5), 0.5f, 1e-6f);  // ½(1 + cos(π/2)) over one epoch
  EXPECT_FLOAT_EQ(scheduled_learning_rate(schedule(ScheduleKind::Exponential), 1.0f, -3.0), 1.0f);
}

TEST(LrSchedule, NamesRoundTrip) {
  for (int i = 0; i < kScheduleKindCount; ++i) {
    const ScheduleKind k = static_cast<ScheduleKind>(i);
    ScheduleKind parsed = ScheduleKind::Constant;
    EXPECT_TRUE(parse_schedule(schedule_name(k), &parsed)) << schedule_name(k);
    EXPECT_EQ(parsed, k);
  }
  ScheduleKind unchanged = ScheduleKind::Cosine;
  EXPECT_FALSE(parse_schedule("linear", &unchanged));
  EXPECT_EQ(unchanged, ScheduleKind::Cosine);
}

}  // namespace
}  // namespace layerlab
