// tutorial_accessibility.h: the open tutorial as plain text for assistive technology (the page mirrors it
// in a visually hidden region with headings and a polite live region): title, "Step N of M: title", the
// step's text without Markdown, progress, the status line and the hint; and what to announce when it changes.
#pragma once
#include <string>
#include <vector>

#include "platform.h"
#include "tutorial_runner.h"

namespace layerlab::ui {

struct TutorialSnapshot {
  bool open = false;               // a step is open (else every field below is empty)
  std::string tutorial;            // "1. Neurons and layers"
  std::string step;                // "Step 1 of 7: What a neuron computes"
  std::vector<std::string> text;   // the step's paragraphs as plain text; bullet items start with "• "
  std::string progress;            // "2 of 7 steps done"
  std::string status;              // the window's status line: "To do: the task above.", "Done: ..."
  std::string hint;                // "Hint: ..." (as plain text) while the window shows it, else empty
  int tries = 0;                   // failed checks so far: a repeated "Not yet" is announced again
  bool operator==(const TutorialSnapshot& o) const;
  bool operator!=(const TutorialSnapshot& o) const { return !(*this == o); }
};

// Markdown (markdown_text.h's subset) as plain text: one string per paragraph or bullet item ("• " first),
// markers dropped, math written as the window draws it ("$w_1 x_1$" -> "w₁ x₁").
std::vector<std::string> markdown_plain_text(const std::string& markdown);

// The status line the tutorial window shows for the open step (the error when there is one).
std::string tutorial_status_line(const TutorialState& t);

// The open tutorial step as text (open == false when none is open).
TutorialSnapshot tutorial_snapshot(const TutorialState& t);

// What the live region says when `now` replaces `before`: a newly opened step (heading and text), else a
// changed status line or a repeated failed check (with the hint when it is shown); empty when nothing new.
std::string tutorial_announcement(const TutorialSnapshot& before, const TutorialSnapshot& now);

// The snapshot and its announcement as one JSON object for the page (web/lab_platform.js).
std::string tutorial_snapshot_json(const TutorialSnapshot& s, const std::string& announcement);

// Keeps the page's copy current: builds the snapshot each frame and hands it to the platform only when it
// changed. One call a frame, from draw_tutorials().
class TutorialAccessibility {
 public:
  // The JSON to hand on when the snapshot changed since the last call, else false.
  bool update(const TutorialState& t, std::string* json);

 private:
  TutorialSnapshot last_;
  bool sent_ = false;
};

inline void publish_tutorial_accessibility(const TutorialState& t) {
  static TutorialAccessibility mirror;
  std::string json;
  if (mirror.update(t, &json)) platform_show_accessible_text(json);
}

}  // namespace layerlab::ui
