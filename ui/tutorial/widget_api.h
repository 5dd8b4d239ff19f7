// widget_api.h: the contract between the tutorial runner and the tutorials' interactive widgets.
// A step names widgets; the runner makes one instance per widget kind, applies the step's setup, draws
// it inside the tutorial window, and evaluates the step's check over the facts the widgets publish.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace layerlab::ui {

// Named numbers published every frame for step checks, e.g. "conv.output_width" = 3.
// A widget prefixes its facts with its own short name; "<widget>.actions" counts the learner's actions.
using Facts = std::map<std::string, double>;
// key=value pairs: a step's `setup:` line for one widget, or one learner action from the test API.
using WidgetSettings = std::map<std::string, std::string>;

class TutorialWidget {
 public:
  virtual ~TutorialWidget() = default;
  // Puts the widget into the state a step asks for (called when the step opens). On a bad key or value:
  // false, and *error says which key and what is allowed.
  virtual bool setup(const WidgetSettings& settings, std::string* error) = 0;
  // What a learner's input does (the page's test API calls this as a scripted learner would); counts as
  // an action. Same keys as the widget's inputs; false + *error as for setup.
  virtual bool act(const WidgetSettings& input, std::string* error) = 0;
  // Draws into the current ImGui window within `width` pixels, notes its controls with note_widget()
  // ("<widget>.<control>", the names a step's `highlight:` uses) and writes its facts.
  virtual void draw(float width, Facts& facts) = 0;
  // Writes the widget's facts from its state as it is (draw() ends with it). The runner also calls it on a
  // fresh widget when the tutorials load, to learn which facts each kind publishes: it must not need a draw.
  virtual void publish(Facts& facts) const = 0;
};

struct TutorialWidgetKind {
  const char* name;  // as tutorial files write it: "conv_explorer"
  std::unique_ptr<TutorialWidget> (*make)();
};

// The widgets of tutorials 1, 2 and 5 (neurons, training, a CNN end to end): basic_widgets.cpp.
const std::vector<TutorialWidgetKind>& basic_tutorial_widgets();
// The widgets of tutorials 3, 4 and 6 (convolution, pooling, recurrence and gating): vision_sequence_widgets.cpp.
const std::vector<TutorialWidgetKind>& vision_sequence_tutorial_widgets();

}  // namespace layerlab::ui
