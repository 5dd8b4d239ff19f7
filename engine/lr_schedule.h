// lr_schedule.h: learning-rate schedules: the rate for a (fractional) epoch, from the base rate.
#pragma once

namespace layerlab {

enum class ScheduleKind { Constant, StepDecay, Exponential, Cosine };
constexpr int kScheduleKindCount = 4;
const char* schedule_name(ScheduleKind k);  // "constant", "step", "exponential", "cosine"
bool parse_schedule(const char* name, ScheduleKind* out);

// Each kind reads only its own fields. Counts below 1 (step_epochs, total_epochs) are taken as 1.
struct LrSchedule {
  ScheduleKind kind = ScheduleKind::Constant;
  int step_epochs = 10;       // step decay: multiply by step_factor every step_epochs epochs
  float step_factor = 0.5f;
  float decay_rate = 0.95f;   // exponential: multiply by decay_rate per epoch (smoothly within one)
  int total_epochs = 100;     // cosine: from the base rate at epoch 0 down to the floor at total_epochs
  float min_fraction = 0.0f;  // cosine: the floor, as a fraction of the base rate (held after total_epochs)
};

// epoch = epochs completed + the fraction of the current one done (negative counts as 0).
//   constant     base
//   step decay   base · step_factor^floor(epoch / step_epochs)
//   exponential  base · decay_rate^epoch
//   cosine       floor + (base - floor) · ½(1 + cos(π · min(epoch, total_epochs) / total_epochs)),
//                floor = min_fraction · base
float scheduled_learning_rate(const LrSchedule& schedule, float base, double epoch);

}  // namespace layerlab
