// theme.h: LayerLab's look: palette, fonts and the diverging colour map shared by every view.
#pragma once
#include <string>

#include "imgui.h"

namespace layerlab::ui {

namespace palette {
constexpr ImU32 rgb(int r, int g, int b, int a = 255) {
  return static_cast<ImU32>(r) | static_cast<ImU32>(g) << 8 | static_cast<ImU32>(b) << 16 | static_cast<ImU32>(a) << 24;
}
constexpr ImU32 kBackground = rgb(22, 24, 29);
constexpr ImU32 kPanel = rgb(29, 32, 39);
constexpr ImU32 kBorder = rgb(48, 53, 63);
constexpr ImU32 kText = rgb(230, 232, 235);
constexpr ImU32 kTextDim = rgb(154, 161, 171);
// The two classes, and negative / positive values: orange and blue (distinguishable with every common
// colour-vision deficiency; shapes and labels carry the meaning too).
constexpr ImU32 kOrange = rgb(245, 147, 34);
constexpr ImU32 kBlue = rgb(32, 136, 214);
constexpr ImU32 kNeutral = rgb(236, 237, 240);
constexpr ImU32 kTrainLine = rgb(236, 237, 240);
constexpr ImU32 kTestLine = rgb(245, 147, 34);
constexpr ImU32 kDanger = rgb(255, 110, 96);
}  // namespace palette

struct UiFonts {
  ImFont* body = nullptr;     // Inter 15 px
  ImFont* heading = nullptr;  // Inter SemiBold 13 px, for panel titles
  ImFont* mono = nullptr;     // JetBrains Mono 14 px, for numbers
  ImFont* big = nullptr;      // JetBrains Mono 24 px, for the epoch counter
};

// Loads the fonts from `dir` at `pixel_scale` (device pixels per UI unit): body, heading and mono each with
// DejaVu Sans (kFallbackFontFile, in the same folder) merged in for the characters they lack, every font with
// a U+FFFD glyph as its fallback; falls back to ImGui's built-in font, with a message on stderr, if a file is
// missing.
constexpr const char* kFallbackFontFile = "DejaVuSans.ttf";
UiFonts load_fonts(const std::string& dir, float pixel_scale);
void apply_theme();
// Touch screens: frames, buttons and grabs at least 44 UI units (CSS pixels on the web) tall, wider spacing
// and scroll bars; `false` restores the mouse sizes of apply_theme.
void apply_touch_sizes(bool touch);

// v in [-1, 1]: orange (−1) through light neutral (0) to blue (+1); `strength` in [0, 1] fades toward
// neutral, so data points drawn at full strength stand out on a heatmap drawn weaker.
ImU32 diverging_color(float v, float strength = 1.0f);

// The tutorials button's width at the top bar's right end (drawn over the bar, which leaves that end free).
constexpr float kTutorialsButtonWidth = 120.0f;

// Small shared widgets.
void panel_heading(const UiFonts& fonts, const char* text);

// Rows of controls that wrap in a narrow window: before each item after the first, same_line_if_fits(its
// width) continues the row when the item fits in the window's content region, else starts the next line.
void same_line_if_fits(float width, float spacing = -1.0f);  // spacing as ImGui::SameLine's (-1: the style's)
float labelled_width(float frame, const char* label);  // a slider or combo `frame` pixels wide, with its label
float toggle_width(const char* label);                 // a radio button or checkbox with its label
std::string with_thousands(long long v);              // 203840 -> "203,840" (as the tutorials write numbers)

}  // namespace layerlab::ui
