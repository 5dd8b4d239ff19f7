// theme_test.cpp: the fonts load_fonts gives the app have a real glyph (no fallback) for every character the
// tutorials show, in the font that draws it: each step's title, its text as the tutorial window parses and draws
// it (inline math rendered to Unicode, bold in the heading font, code in mono) and its hint; each tutorial's
// title and summary.
#include <cstdio>
#include <string>

#include "font_context.h"
#include "glyph_fallback.h"
#include "imgui_internal.h"
#include "markdown_text.h"
#include "tutorial_catalog.h"
#include "tutorial_file.h"

namespace layerlab::ui {
namespace {

using LoadFonts = FontContext;

std::string describe(const std::string& chars) {  // "'⌊' (U+230A), '∘' (U+2218)"
  std::string out;
  const char* end = chars.c_str() + chars.size();
  for (const char* s = chars.c_str(); s < end;) {
    unsigned int c = 0;
    s += ImTextCharFromUtf8(&c, s, end);
    char buf[48];
    char utf8[5] = {};
    ImTextCharToUtf8(utf8, c);
    std::snprintf(buf, sizeof buf, "%s'%s' (U+%04X)", out.empty() ? "" : ", ", utf8, c);
    out += buf;
  }
  return out;
}

const char* font_name(const UiFonts& fonts, const ImFont* font) {
  if (font == fonts.heading) return "heading (Inter SemiBold 13 px)";
  if (font == fonts.mono) return "mono (JetBrains Mono 14 px)";
  return "body (Inter 15 px)";
}

TEST_F(LoadFonts, EveryFontFallsBackToTheReplacementCharacter) {
  for (const ImFont* font : {fonts_.body, fonts_.heading, fonts_.mono, fonts_.big}) {
    ASSERT_NE(font, nullptr);
    EXPECT_EQ(font->FallbackChar, IM_UNICODE_CODEPOINT_INVALID) << font_name(fonts_, font);
    ASSERT_NE(font->FindGlyphNoFallback(IM_UNICODE_CODEPOINT_INVALID), nullptr) << font_name(fonts_, font);
  }
  EXPECT_EQ(fonts_.body->FontSize, 15.0f);  // the app's own files, not ImGui's built-in font
  EXPECT_EQ(fonts_.heading->FontSize, 13.0f);
  EXPECT_EQ(fonts_.mono->FontSize, 14.0f);
}

TEST_F(LoadFonts, EveryTutorialCharacterHasAGlyphInTheFontThatDrawsIt) {
  ASSERT_FALSE(tutorial::embedded_tutorials().empty());
  int steps = 0;
  for (const tutorial::EmbeddedTutorial& file : tutorial::embedded_tutorials()) {
    tutorial::TutorialFile t;
    std::string error;
    ASSERT_TRUE(tutorial::parse_tutorial_file(file.path, file.text, &t, &error)) << error;
    auto check = [&](const std::string& where, const ImFont* font, const std::string& text) {
      const std::string missing = missing_glyphs(*font, text.c_str());
      EXPECT_EQ(missing, "") << where << ": " << describe(missing) << " has no glyph in the " << font_name(fonts_, font)
                             << " font, in \"" << text << "\"";
    };
    check(std::string(file.path) + ", title", fonts_.heading, t.title);  // the picker's heading
    check(std::string(file.path) + ", title", fonts_.body, t.title);     // the window's title bar
    check(std::string(file.path) + ", summary", fonts_.body, t.summary);
    for (size_t i = 0; i < t.steps.size(); ++i) {
      const tutorial::TutorialStep& s = t.steps[i];
      const std::string where = tutorial::step_location(t, static_cast<int>(i), s.line);
      check(where + ", title", fonts_.body, s.title);
      for (const tutorial::TextBlock& block : tutorial::parse_markdown(s.text))
        for (const tutorial::Span& span : block.spans) check(where + ", text", span_font(fonts_, span.style), span.text);
      check(where + ", hint", fonts_.body, s.hint);
      EXPECT_EQ(step_missing_glyphs(fonts_, s), "") << where;
      ++steps;
    }
  }
  EXPECT_GT(steps, 40);
}

TEST_F(LoadFonts, StepMissingGlyphsNamesWhatNoFontHas) {
  tutorial::TutorialStep step;
  step.title = "Step 漢";
  step.text = "The size is $\\lfloor (n - k) / s \\rfloor + 1$, and **bold 字** and `code 漢`.";
  step.hint = "x_1";
  EXPECT_EQ(step_missing_glyphs(fonts_, step), "漢字");
  step.title = "Step";
  step.text = "$f_L \\circ \\dots \\circ f_1$, $h_{t-1}$";
  EXPECT_EQ(step_missing_glyphs(fonts_, step), "");
}

}  // namespace
}  // namespace layerlab::ui
