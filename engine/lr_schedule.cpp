// lr_schedule.cpp: schedule names and scheduled_learning_rate.
#include "lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "enum_names.h"

namespace layerlab {

constexpr double kPi = 3.14159265358979323846;

const char* schedule_name(ScheduleKind k) {
  switch (k) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::StepDecay: return "step";
    case ScheduleKind::Exponential: return "exponential";
    case ScheduleKind::Cosine: return "cosine";
  }
  return "?";
}

bool parse_schedule(const char* name, ScheduleKind* out) {
  return parse_by_name(name, kScheduleKindCount, schedule_name, out);
}

float scheduled_learning_rate(const LrSchedule& s, float base, double epoch) {
  const double b = base;
  epoch = std::max(epoch, 0.0);
  switch (s.kind) {
    case ScheduleKind::Constant: return base;
    case ScheduleKind::StepDecay: {
      const double steps = std::floor(epoch / std::max(s.step_epochs, 1));
      return static_cast<float>(b * std::pow(static_cast<double>(s.step_factor), steps));
    }
    case ScheduleKind::Exponential: return static_cast<float>(b * std::pow(static_cast<double>(s.decay_rate), epoch));
    case ScheduleKind::Cosine: {
      const double total = std::max(s.total_epochs, 1);
      const double floor_rate = static_cast<double>(s.min_fraction) * b;
      const double progress = std::min(epoch, total) / total;
      return static_cast<float>(floor_rate + (b - floor_rate) * 0.5 * (1.0 + std::cos(kPi * progress)));
    }
  }
  return base;
}

}  // namespace layerlab
