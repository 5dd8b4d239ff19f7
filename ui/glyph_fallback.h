// glyph_fallback.h: finds text drawn with a font's fallback glyph (characters the font atlas has no glyph for):
// counts a frame's fallback quads in its draw data, and names the characters of a text, or of a tutorial step,
// that the font drawing them lacks.
#pragma once
#include <string>

#include "imgui.h"
#include "markdown_text.h"
#include "theme.h"
#include "tutorial_file.h"

namespace layerlab::ui {

// The glyph quads in `draw_data` drawn with the fallback glyph of one of the atlas's fonts: the quads drawn
// with the font texture whose corners lie inside a fallback glyph's rectangle of the atlas (clipped glyphs too).
// Exact only for fonts whose fallback is U+FFFD, which no text shows on purpose (load_fonts gives every font
// one); a font whose fallback is '?' or ' ' is not counted (its quads look like any other '?').
int count_fallback_glyphs(const ImDrawData& draw_data, const ImFontAtlas& atlas);

// The code points of UTF-8 `text` that `font` has no glyph for (FindGlyphNoFallback), each once, as UTF-8;
// "" when every character has its glyph. Control characters (below U+0020) are not drawn and not checked.
std::string missing_glyphs(const ImFont& font, const char* text);

// The font the tutorial window draws a Markdown span in: body; heading for bold, mono for code.
ImFont* span_font(const UiFonts& fonts, tutorial::SpanStyle style);

// missing_glyphs over everything the tutorial window shows of `step`: its title (body), its text as
// parsed and drawn (math rendered to Unicode, each span in its span_font) and its hint (body).
std::string step_missing_glyphs(const UiFonts& fonts, const tutorial::TutorialStep& step);

}  // namespace layerlab::ui
