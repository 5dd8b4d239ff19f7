// tutorial_catalog_test.cpp: validation against the app's widgets and the lab's facts, the embedded
// tutorial files, and the saved progress text.
#include "tutorial_catalog.h"

#include <gtest/gtest.h>

namespace layerlab::tutorial {
namespace {

const std::string kHeader = "---\nid: x\ntitle: X\nsummary: s\n---\n## Step: First\n";

const WidgetFacts kNeuron = {{"neuron", {"neuron.z", "neuron.output", "neuron.actions"}}};

std::string error_of(const std::string& body, const WidgetFacts& widgets = kNeuron) {
  std::vector<CatalogEntry> catalog;
  add_tutorial(catalog, "tutorials/x.md", kHeader + body, widgets);
  return catalog.at(0).error;
}

TEST(TutorialCatalog, ValidatesWidgetsSetupsAndLabFacts) {
  EXPECT_EQ(error_of("widgets: neuron\ncheck: neuron.z > 1 and lab.epoch >= 1\n"), "");
  EXPECT_EQ(error_of("widgets: neuron, conv_explorer\n"), "tutorials/x.md, step 1 'First' (line 7): unknown widget 'conv_explorer'");
  EXPECT_NE(error_of("setup: lab lr=fast\n").find("(line 7): bad lab setup"), std::string::npos);
  EXPECT_NE(error_of("setup: playground hidden=abc\n").find("bad playground setup"), std::string::npos);
  EXPECT_NE(error_of("check: lab.accuracy >= 0.9\n").find("unknown fact 'lab.accuracy'"), std::string::npos);
  // A widget fact is known at load: the step's widgets must publish it.
  EXPECT_EQ(error_of("widgets: neuron\ncheck: neuron.nonexistent > 1\n"),
            "tutorials/x.md, step 1 'First' (line 8): unknown fact 'neuron.nonexistent' (no widget of this step publishes it)");
  EXPECT_NE(error_of("check: neuron.z > 1\n").find("unknown fact 'neuron.z'"), std::string::npos);  // no widget listed
  EXPECT_NE(error_of("test: hash lab lr=fast\n").find("bad test hash"), std::string::npos);
  EXPECT_EQ(error_of("setup: lab\nsetup: playground\n"), "");  // switching workspace only
}

TEST(TutorialCatalog, KeepsBadFilesWithTheirErrorAndRefusesATakenId) {
  std::vector<CatalogEntry> catalog;
  add_tutorial(catalog, "tutorials/b.md", kHeader + "widgets: neuron\n", kNeuron);
  add_tutorial(catalog, "tutorials/a.md", kHeader + "widgets: nope\n", kNeuron);
  add_tutorial(catalog, "tutorials/c.md", kHeader, kNeuron);
  ASSERT_EQ(catalog.size(), 3u);
  EXPECT_EQ(catalog[0].file, "tutorials/a.md");
  EXPECT_FALSE(catalog[0].ok());
  EXPECT_TRUE(catalog[1].ok());
  EXPECT_EQ(catalog[2].error, "tutorials/c.md: id 'x' is already used by tutorials/b.md");
}

TEST(TutorialCatalog, EveryEmbeddedTutorialParses) {
  ASSERT_FALSE(embedded_tutorials().empty());
  for (const EmbeddedTutorial& e : embedded_tutorials()) {
    TutorialFile t;
    std::string error;
    EXPECT_TRUE(parse_tutorial_file(e.path, e.text, &t, &error)) << error;
    for (const TutorialStep& s : t.steps) {
      if (s.check.empty()) continue;
      EXPECT_FALSE(s.test_actions.empty()) << e.path << ": step '" << s.title << "' has a check but no test: lines";
    }
  }
}

TEST(TutorialProgress, RoundTripsAndSkipsDamagedLines) {
  TutorialProgress p;
  p.prompt_done = true;
  p.done["neurons"] = {true, false, true};
  p.last_step["neurons"] = 2;
  p.done["training"] = {};
  const std::string text = encode_progress(p);
  EXPECT_EQ(text, "layerlab-tutorials 1\nprompt 1\nstep neurons 2 101\nstep training 0 \n");
  const TutorialProgress back = decode_progress(text + "step bad 1 10x\nstep huge 500 1\ngarbage\n");
  EXPECT_TRUE(back.prompt_done);
  EXPECT_EQ(back.done.size(), 2u);
  EXPECT_EQ(back.done_count("neurons"), 2);
  EXPECT_EQ(back.last_step.at("neurons"), 2);
  EXPECT_EQ(back.done_count("training"), 0);
  EXPECT_FALSE(decode_progress("something else\nprompt 1\n").prompt_done);
}

}  // namespace
}  // namespace layerlab::tutorial
