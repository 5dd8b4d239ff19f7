// tutorial_file_test.cpp: the tutorial file format (docs/tutorial-format.md): what parses, and that every
// malformed file gets one error naming the file, the step and the line.
#include "tutorial_file.h"

#include <gtest/gtest.h>

namespace layerlab::tutorial {
namespace {

const char* const kGood = R"(---
id: convolution
title: Convolution
summary: one line for the picker
---

## Step: The kernel slides over the image
widgets: conv_explorer
setup: conv_explorer image=china kernel=cross padding=zeros stride=1
setup: lab data=digits
highlight: conv_explorer.kernel, lab-dataset
check: conv.output_width == 3 and conv.output_height == 3
hint: Use the formula (n + 2p - k) / s + 1.
test: type conv_explorer.stride 2
test: hover conv_explorer.output cell 2,1 of 3x3
test: wait 5

The **kernel** slides: $(n + 2p - k) / s + 1$.

- a bullet

## Step: Read only
Just text.
)";

std::string error_of(const std::string& text) {
  TutorialFile t;
  std::string error;
  EXPECT_FALSE(parse_tutorial_file("tutorials/x.md", text, &t, &error)) << text;
  EXPECT_EQ(error.rfind("tutorials/x.md", 0), 0u) << error;
  return error;
}

std::string with_step(const std::string& body) {
  return "---\nid: x\ntitle: X\nsummary: s\n---\n## Step: First\nwidgets: neuron\n" + body;
}

TEST(TutorialFile, APlaygroundSetupMaySetTheSpeedFirst) {
  TutorialFile t;
  std::string error;
  ASSERT_TRUE(parse_tutorial_file("tutorials/x.md", with_step("setup: playground speed=step&shape=xor&hidden=8\nsetup: playground shape=circle\n"), &t, &error)) << error;
  ASSERT_EQ(t.steps[0].setups.size(), 2u);
  EXPECT_EQ(t.steps[0].setups[0].speed, 0);
  EXPECT_EQ(t.steps[0].setups[0].hash, "shape=xor&hidden=8");
  EXPECT_EQ(t.steps[0].setups[1].speed, -1);
  EXPECT_EQ(t.steps[0].setups[1].hash, "shape=circle");
}

TEST(TutorialFile, ParsesTheDocumentedExample) {
  TutorialFile t;
  std::string error;
  ASSERT_TRUE(parse_tutorial_file("tutorials/03-convolution.md", kGood, &t, &error)) << error;
  EXPECT_EQ(t.id, "convolution");
  EXPECT_EQ(t.title, "Convolution");
  EXPECT_EQ(t.summary, "one line for the picker");
  ASSERT_EQ(t.steps.size(), 2u);
  const TutorialStep& s = t.steps[0];
  EXPECT_EQ(s.title, "The kernel slides over the image");
  EXPECT_EQ(s.line, 7);
  ASSERT_EQ(s.widgets, std::vector<std::string>{"conv_explorer"});
  ASSERT_EQ(s.setups.size(), 2u);
  EXPECT_EQ(s.setups[0].target, "conv_explorer");
  ASSERT_EQ(s.setups[0].pairs.size(), 4u);
  EXPECT_EQ(s.setups[0].pairs[1], (std::pair<std::string, std::string>{"kernel", "cross"}));
  EXPECT_EQ(s.setups[1].target, "lab");
  EXPECT_EQ(s.setups[1].hash, "data=digits");
  EXPECT_EQ(s.highlights, (std::vector<std::string>{"conv_explorer.kernel", "lab-dataset"}));
  EXPECT_EQ(s.check.terms.size(), 2u);
  EXPECT_EQ(s.check_line, 12);
  EXPECT_EQ(s.hint, "Use the formula (n + 2p - k) / s + 1.");
  ASSERT_EQ(s.test_actions.size(), 3u);
  EXPECT_EQ(s.test_actions[0].verb, "type");
  EXPECT_EQ(s.test_actions[0].target, "conv_explorer.stride");
  EXPECT_EQ(s.test_actions[0].args, "2");
  EXPECT_EQ(s.test_actions[1].verb, "hover");
  EXPECT_EQ(s.test_actions[1].args, "cell 2,1 of 3x3");
  EXPECT_EQ(s.text, "The **kernel** slides: $(n + 2p - k) / s + 1$.\n\n- a bullet");
  EXPECT_TRUE(t.steps[1].check.empty());
  EXPECT_EQ(t.steps[1].text, "Just text.");
}

TEST(TutorialFile, ErrorsNameTheFileStepAndLine) {
  EXPECT_EQ(error_of(with_step("hilight: a\n")),
            "tutorials/x.md, step 1 'First' (line 8): unknown key 'hilight' (a step's keys: widgets, setup, highlight, watch, check, hint, test)");
  EXPECT_NE(error_of(with_step("check: neuron.z =< 3\n")).find("step 1 'First' (line 8): bad check: '=<'"), std::string::npos);
  EXPECT_NE(error_of(with_step("setup: other a=1\n")).find("does not list"), std::string::npos);
  EXPECT_NE(error_of(with_step("setup: neuron a\n")).find("'a' in the setup of neuron is not key=value"), std::string::npos);
  EXPECT_NE(error_of(with_step("check: a.b == 1\ncheck: a.b == 2\n")).find("a second 'check:'"), std::string::npos);
  EXPECT_NE(error_of(with_step("test: jump neuron\n")).find("unknown test action 'jump'"), std::string::npos);
  EXPECT_NE(error_of(with_step("test: wait forever\n")).find("seconds"), std::string::npos);
  EXPECT_NE(error_of(with_step("test: act neuron b=1\n")).find("unknown test action 'act'"), std::string::npos);
  EXPECT_NE(error_of(with_step("setup: playground speed=slow&shape=xor\n")).find("'speed=slow' is not a speed"), std::string::npos);
  EXPECT_NE(error_of(with_step("test: hover conv_explorer.output cell 3,1 of 3x3\n")).find("'test: hover' needs"), std::string::npos);
  EXPECT_NE(error_of(with_step("test: type neuron.b\n")).find("'test: type' needs a widget name and a value"), std::string::npos);
  EXPECT_NE(error_of(with_step("### Sub\n")).find("headings other than"), std::string::npos);
  EXPECT_NE(error_of("---\nid: x\nsummary: s\n---\n## Step: A\n").find("needs a title"), std::string::npos);
  EXPECT_NE(error_of("---\nid: x\ntitle: T\nsummary: s\nauthor: me\n---\n").find("line 5): unknown header key 'author'"), std::string::npos);
  EXPECT_NE(error_of("id: x\n").find("must start with a '---'"), std::string::npos);
  EXPECT_NE(error_of("---\nid: x\ntitle: T\n").find("no closing"), std::string::npos);
  EXPECT_NE(error_of("---\nid: x\ntitle: T\nsummary: s\n---\nIntro\n").find("text before the first"), std::string::npos);
  EXPECT_NE(error_of("---\nid: x\ntitle: T\nsummary: s\n---\n").find("no '## Step:'"), std::string::npos);
  EXPECT_NE(error_of(std::string("---\nid: x\ntitle: T\x01\n")).find("not UTF-8"), std::string::npos);
  EXPECT_NE(error_of(std::string("---\nid: x\ntitle: T\xff\n")).find("not UTF-8"), std::string::npos);
}

TEST(TutorialFile, TextLinesMayHoldColonsUnlessTheyStartWithALowerCaseKey) {
  TutorialFile t;
  std::string error;
  ASSERT_TRUE(parse_tutorial_file("t.md", with_step("Note: a capital word is text.\nratio:2 has no space, so text.\n"), &t, &error)) << error;
  EXPECT_EQ(t.steps[0].text, "Note: a capital word is text.\nratio:2 has no space, so text.");
}

}  // namespace
}  // namespace layerlab::tutorial
