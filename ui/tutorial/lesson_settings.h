// lesson_settings.h: reading the key=value settings of tutorial steps and learner actions for the widgets
// of tutorials 3, 4 and 6 (integers, numbers and named choices in a range, each with a message naming the
// key and what it allows), and LessonWidget, the setup/act pattern those widgets share.
#pragma once
#include <string>
#include <vector>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

// Each reader returns true when `key` is absent (value unchanged) or valid (value set); false with *error
// ("stride=9: allowed 1..3") otherwise.
bool read_int(const WidgetSettings& s, const char* key, int lo, int hi, int* value, std::string* error);
bool read_number(const WidgetSettings& s, const char* key, double lo, double hi, double* value, std::string* error);
// One of `names`; *value becomes its index.
bool read_choice(const WidgetSettings& s, const char* key, const std::vector<const char*>& names, int* value,
                 std::string* error);
// "x,y" pairs of integers, each in [lo, hi].
bool read_pair(const WidgetSettings& s, const char* key, int lo, int hi, int* a, int* b, std::string* error);
// Comma-separated numbers, exactly `count` of them.
bool read_numbers(const WidgetSettings& s, const char* key, int count, std::vector<float>* values, std::string* error);
// False with *error naming the first key not in `known` (a typo in a tutorial file must not pass silently).
bool only_known_keys(const WidgetSettings& s, const std::vector<const char*>& known, const char* widget,
                     std::string* error);

// A widget whose setup starts from its defaults and then applies the step's settings, and whose act applies
// the learner's input (the same keys) and counts it as an action. apply() checks every key before it
// changes anything, so a bad setting leaves the widget as it was.
class LessonWidget : public TutorialWidget {
 public:
  bool setup(const WidgetSettings& s, std::string* error) override {
    reset();
    actions_ = 0;
    return apply(s, error);
  }
  bool act(const WidgetSettings& s, std::string* error) override {
    if (!apply(s, error)) return false;
    ++actions_;
    return true;
  }

 protected:
  virtual void reset() = 0;
  virtual bool apply(const WidgetSettings& s, std::string* error) = 0;
  int actions_ = 0;
};

}  // namespace layerlab::ui
