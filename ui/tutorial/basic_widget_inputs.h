// basic_widget_inputs.h: the inputs of the basic tutorials' widgets (tutorials 1, 2 and 5) as one table
// per widget, so setup() and act() read key=value settings the same way: every key known, every number in
// its range, every choice one of its names, and nothing changed unless all of them are valid.
#pragma once
#include <string>
#include <vector>

#include "widget_api.h"

namespace layerlab::ui {

struct NumberInput {
  const char* key;
  float* value;
  float lo, hi;
};
struct ChoiceInput {
  const char* key;
  int* value;
  std::vector<const char*> names;
};

// Applies `settings` to the inputs; false + *error ("neuron: w1=9 is outside -3..3") on the first bad one,
// with nothing changed. `widget` names the widget in messages.
bool apply_inputs(const char* widget, const WidgetSettings& settings, const std::vector<NumberInput>& numbers,
                  const std::vector<ChoiceInput>& choices, std::string* error);

// A widget whose state is its inputs: setup() applies them, act() applies them and counts an action, and
// inputs_changed() follows both (and the learner's own input, which the widget reports itself).
class InputsWidget : public TutorialWidget {
 public:
  bool setup(const WidgetSettings& s, std::string* error) override;
  bool act(const WidgetSettings& s, std::string* error) override;

 protected:
  virtual const char* name() const = 0;
  virtual std::vector<NumberInput> numbers() = 0;
  virtual std::vector<ChoiceInput> choices() { return {}; }
  virtual void inputs_changed(bool by_setup) { (void)by_setup; }
  int actions_ = 0;
};

// One row: `label`, then a slider filling the rest of `width` from `label_width`; noted as
// "<prefix>.<id without ##>". True when the learner moved it.
bool slider_row(const char* prefix, const char* label, const char* id, float* value, float lo, float hi, float label_width,
                float width, const char* format = "%.2f");
// The same row for a whole number.
bool slider_int_row(const char* prefix, const char* label, const char* id, int* value, int lo, int hi, float label_width,
                    float width);

}  // namespace layerlab::ui
