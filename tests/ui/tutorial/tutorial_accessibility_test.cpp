// tutorial_accessibility_test.cpp: the open tutorial step as plain text for screen readers, what the live region
// announces as the step and its check change, and the JSON the page receives.
#include "tutorial_accessibility.h"

#include <gtest/gtest.h>

namespace layerlab::ui {
namespace {

const std::string kTutorial =
    "---\nid: t\ntitle: 1. Neurons\nsummary: s\n---\n"
    "## Step: What a neuron computes\nwidgets: neuron\ncheck: neuron.z > 1\nhint: Raise **b**.\n\n"
    "A neuron adds a **bias**: $z = w_1 x_1 + b$.\n\n- one `code` item\n- $\\sigma(z) \\le 1$\n\n"
    "## Step: Read this\n\nJust *read*.\n";

TutorialState open_state(int step) {
  TutorialState t;
  tutorial::add_tutorial(t.catalog, "tutorials/t.md", kTutorial, {{"neuron", {"neuron.z"}}});
  EXPECT_TRUE(t.catalog.at(0).ok()) << t.catalog.at(0).error;
  t.open = 0;
  t.step = step;
  t.check = step == 0 ? CheckState::NotTried : CheckState::None;
  return t;
}

TEST(TutorialAccessibility, MarkdownBecomesPlainParagraphs) {
  const std::vector<std::string> lines = markdown_plain_text("A **bold** *word*,\n`code` and $x_1^2 \\cdot w$.\n\n- item $\\eta$\n- two");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "A bold word, code and x₁² · w.");
  EXPECT_EQ(lines[1], "• item η");
  EXPECT_EQ(lines[2], "• two");
  EXPECT_EQ(markdown_plain_text("costs $5")[0], "costs $5");  // an unclosed marker stays literal, as drawn
}

TEST(TutorialAccessibility, SnapshotOfAStepWithACheck) {
  TutorialState t = open_state(0);
  TutorialSnapshot s = tutorial_snapshot(t);
  EXPECT_TRUE(s.open);
  EXPECT_EQ(s.tutorial, "1. Neurons");
  EXPECT_EQ(s.step, "Step 1 of 2: What a neuron computes");
  ASSERT_EQ(s.text.size(), 3u);
  EXPECT_EQ(s.text[0], "A neuron adds a bias: z = w₁ x₁ + b.");
  EXPECT_EQ(s.text[1], "• one code item");
  EXPECT_EQ(s.text[2], "• σ(z) ≤ 1");
  EXPECT_EQ(s.progress, "0 of 2 steps done");
  EXPECT_EQ(s.status, "To do: the task above.");
  EXPECT_EQ(s.hint, "");

  t.check = CheckState::Failed;
  t.hint_shown = true;
  t.failed_tries = 1;
  s = tutorial_snapshot(t);
  EXPECT_EQ(s.status, "Not yet: do the step's task first.");
  EXPECT_EQ(s.hint, "Hint: Raise b.");
  t.acted = true;
  EXPECT_EQ(tutorial_snapshot(t).status, "Not yet: that does not do what the step asks.");

  t.check = CheckState::Passed;
  t.progress.done["t"] = {true, false};
  s = tutorial_snapshot(t);
  EXPECT_EQ(s.status, "Done: well done. Press Next.");
  EXPECT_EQ(s.hint, "");  // not shown once passed
  EXPECT_EQ(s.progress, "1 of 2 steps done");
  t.check = CheckState::NotTried;
  EXPECT_EQ(tutorial_snapshot(t).status, "Done before; you can do it again, or go on.");
  t.error = "tutorials/t.md, step 1: unknown fact 'x'";
  EXPECT_EQ(tutorial_snapshot(t).status, t.error);
}

TEST(TutorialAccessibility, ReadOnlyStepAndNothingOpen) {
  const TutorialSnapshot s = tutorial_snapshot(open_state(1));
  EXPECT_EQ(s.step, "Step 2 of 2: Read this");
  ASSERT_EQ(s.text.size(), 1u);
  EXPECT_EQ(s.text[0], "Just read.");
  EXPECT_EQ(s.status, "Read, then press Next.");
  TutorialState none = open_state(0);
  none.open = -1;
  EXPECT_EQ(tutorial_snapshot(none), TutorialSnapshot{});
  none.open = 0;
  none.step = 7;  // out of range: nothing open
  EXPECT_FALSE(tutorial_snapshot(none).open);
}

TEST(TutorialAccessibility, AnnouncesNewStepsAndCheckResults) {
  TutorialState t = open_state(0);
  const TutorialSnapshot closed;
  const TutorialSnapshot first = tutorial_snapshot(t);
  EXPECT_EQ(tutorial_announcement(closed, first),
            "Step 1 of 2: What a neuron computes. A neuron adds a bias: z = w₁ x₁ + b. • one code item • σ(z) ≤ 1");
  EXPECT_EQ(tutorial_announcement(first, first), "");
  t.check = CheckState::Failed;
  t.failed_tries = 1;
  t.hint_shown = true;
  const TutorialSnapshot failed = tutorial_snapshot(t);
  EXPECT_EQ(tutorial_announcement(first, failed), "Not yet: do the step's task first. Hint: Raise b.");
  t.failed_tries = 2;  // the same result again is said again
  EXPECT_EQ(tutorial_announcement(failed, tutorial_snapshot(t)), "Not yet: do the step's task first. Hint: Raise b.");
  t.check = CheckState::Passed;
  EXPECT_EQ(tutorial_announcement(failed, tutorial_snapshot(t)), "Done: well done. Press Next.");
  EXPECT_EQ(tutorial_announcement(tutorial_snapshot(t), tutorial_snapshot(open_state(1))), "Step 2 of 2: Read this. Just read.");
  EXPECT_EQ(tutorial_announcement(first, closed), "Tutorial closed.");
}

TEST(TutorialAccessibility, JsonAndChangeDetection) {
  TutorialSnapshot s;
  s.open = true;
  s.tutorial = "A \"quoted\" \\ title";
  s.text = {"line\tone", "two"};
  EXPECT_EQ(tutorial_snapshot_json(s, "say"),
            "{\"open\":true,\"tutorial\":\"A \\\"quoted\\\" \\\\ title\",\"step\":\"\",\"progress\":\"\",\"status\":\"\","
            "\"hint\":\"\",\"announce\":\"say\",\"text\":[\"line\\u0009one\",\"two\"]}");

  TutorialAccessibility mirror;
  TutorialState t = open_state(0);
  std::string json;
  ASSERT_TRUE(mirror.update(t, &json));  // the first frame is always sent
  EXPECT_NE(json.find("\"announce\":\"Step 1 of 2: What a neuron computes."), std::string::npos) << json;
  EXPECT_FALSE(mirror.update(t, &json));  // unchanged: nothing to send
  t.check = CheckState::Passed;
  ASSERT_TRUE(mirror.update(t, &json));
  EXPECT_NE(json.find("\"announce\":\"Done: well done. Press Next.\""), std::string::npos) << json;
}

}  // namespace
}  // namespace layerlab::ui
