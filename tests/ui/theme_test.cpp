// theme_test.cpp: the fonts load_fonts gives the app have a real glyph (no fallback) for every character the
// tutorials show, in the font that draws it: each step's title, its text as the tutorial window parses and draws
// it (inline math rendered to Unicode, bold in the heading font, code in mono) and its hint; each tutorial's
// title and summary; and every character of the string literals in the app's and the engine's sources. Also
// the numbers the UI writes with thousands separators.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "font_context.h"
#include "glyph_fallback.h"
#include "imgui_internal.h"
#include "markdown_text.h"
#include "theme.h"
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

TEST(WithThousands, GroupsDigitsInThrees) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(9098), "9,098");
  EXPECT_EQ(with_thousands(203840), "203,840");
  EXPECT_EQ(with_thousands(-1234567), "-1,234,567");
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

// The string literals of a C++ source with the line each starts on, escapes decoded (\xNN bytes: the sources
// write some UTF-8 that way); comments and character literals skipped.
std::vector<std::pair<int, std::string>> string_literals(const std::string& src) {
  std::vector<std::pair<int, std::string>> out;
  int line = 1;
  for (size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    const char next = i + 1 < src.size() ? src[i + 1] : '\0';
    if (c == '\n') ++line;
    if (c == '/' && next == '/') {
      const size_t end = src.find('\n', i);
      if (end == std::string::npos) break;
      i = end - 1;  // the newline is read, and counted, on the next turn
      continue;
    }
    if (c == '/' && next == '*') {
      const size_t end = src.find("*/", i + 2);
      const size_t stop = end == std::string::npos ? src.size() : end + 2;
      for (size_t j = i; j < stop; ++j) line += src[j] == '\n';
      i = stop - 1;
      continue;
    }
    if (c == '\'') {
      for (++i; i < src.size() && src[i] != '\''; ++i) i += src[i] == '\\';
      continue;
    }
    if (c != '"') continue;
    std::string text;
    const int start = line;
    for (++i; i < src.size() && src[i] != '"'; ++i) {
      if (src[i] != '\\') {
        text += src[i];
        continue;
      }
      const char e = src[++i];
      if (e == 'x') {
        size_t digits = 0;
        text += static_cast<char>(std::stoi(src.substr(i + 1, 2), &digits, 16));
        i += digits;
      } else {
        text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
    }
    out.emplace_back(start, text);
  }
  return out;
}

TEST_F(LoadFonts, EveryCharacterOfTheSourcesStringLiteralsHasAGlyph) {
  int literals = 0, non_ascii = 0;
  for (const char* dir : {LAYERLAB_SOURCE_DIR "/ui", LAYERLAB_SOURCE_DIR "/engine"})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".h") continue;
      std::ifstream in(entry.path());
      std::stringstream src;
      src << in.rdbuf();
      for (const auto& [line, text] : string_literals(src.str())) {
        ++literals;
        bool ascii = true;
        for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        if (ascii || text == "\xEF\xBB\xBF") continue;  // a byte order mark is what file readers skip, not text
        ++non_ascii;
        for (const ImFont* font : {fonts_.body, fonts_.heading, fonts_.mono}) {
          const std::string missing = missing_glyphs(*font, text.c_str());
          EXPECT_EQ(missing, "") << entry.path().string() << ":" << line << ": " << describe(missing) << " has no glyph in the "
                                 << font_name(fonts_, font) << " font, in \"" << text << "\"";
        }
      }
    }
  EXPECT_GT(literals, 1000);
  EXPECT_GT(non_ascii, 50);  // the sources do write ×, −, ₁, ⌊ ...
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
