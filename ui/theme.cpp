// theme.cpp: fonts, ImGui style colours and the diverging colour map.
#include "theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace layerlab::ui {

namespace {
// The characters the UI and the tutorials show: Latin-1, Greek (σ, η), dashes and ellipsis, sub- and superscripts
// (x₁, Wᵀ, hₜ₋₁), a few arrows and the maths symbols the tutorials' inline math produces, and U+FFFD, which
// becomes every font's fallback glyph (count_fallback_glyphs finds it in a frame). Only these are rasterised:
// the atlas is built before the first frame, so every glyph in it delays the page.
const ImWchar kTextGlyphs[] = {0x0020, 0x00FF, 0x0391, 0x03C9, 0x1D40, 0x1D40, 0x1D57, 0x1D57, 0x1D62, 0x1D65,
                               0x2013, 0x2026, 0x2070, 0x209F, 0x2190, 0x2193, 0x21D0, 0x21D4, 0x2202, 0x2202,
                               0x2207, 0x2207, 0x2211, 0x2212, 0x2218, 0x2218, 0x221A, 0x221A, 0x221E, 0x221E,
                               0x2248, 0x2248, 0x2260, 0x2260, 0x2264, 0x2265, 0x2299, 0x2299, 0x22C5, 0x22C5,
                               0x2308, 0x230B, 0x2C7C, 0x2C7C, 0xFFFD, 0xFFFD, 0};
// The big readouts (the epoch counter): ASCII, and the fallback.
const ImWchar kReadoutGlyphs[] = {0x0020, 0x007E, 0xFFFD, 0xFFFD, 0};

bool readable(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}

// `merge`: into the font added last, for the glyphs it lacks (ImGui's builder never overwrites a glyph, so
// the atlas grows by those alone).
ImFont* add_font(const std::string& path, float size, float scale, const ImWchar* glyphs, bool merge = false) {
  if (!readable(path)) {
    std::fprintf(stderr, "layerlab: font %s not found; using the built-in font\n", path.c_str());
    return nullptr;
  }
  ImFontConfig config;
  config.MergeMode = merge;
  config.GlyphRanges = glyphs;
  config.OversampleH = 2;
  config.OversampleV = 1;
  ImFont* font = ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size * scale, &config);
  return font;
}

ImVec4 col(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

int channel(ImU32 c, int shift) { return static_cast<int>((c >> shift) & 0xFF); }

ImU32 mix(ImU32 a, ImU32 b, float t) {
  auto m = [&](int shift) { return static_cast<int>(std::lround(channel(a, shift) + (channel(b, shift) - channel(a, shift)) * t)); };
  return palette::rgb(m(0), m(8), m(16));
}
}  // namespace

UiFonts load_fonts(const std::string& dir, float pixel_scale) {
  ImGuiIO& io = ImGui::GetIO();
  // The texture as tall as its glyphs, not rounded up to a power of two (WebGL2 and OpenGL 3 take any size):
  // at 2 device pixels per unit the glyphs need 1051 rows, which would double a 1024-row texture.
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  UiFonts fonts;
  // DejaVu Sans fills what Inter and JetBrains Mono lack (⌊ ⌋ ∘ ∇ ⊙ ᵀ, the subscript letters in mono, U+FFFD).
  const std::string fallback = dir + "/" + kFallbackFontFile;
  const bool has_fallback = readable(fallback);
  if (!has_fallback) std::fprintf(stderr, "layerlab: font %s not found; symbols the other fonts lack will show as '?'\n", fallback.c_str());
  auto with_fallback = [&](ImFont* font, float size) {
    if (font && has_fallback) add_font(fallback, size, pixel_scale, kTextGlyphs, true);
    return font;
  };
  fonts.body = with_fallback(add_font(dir + "/Inter-Regular.otf", 15.0f, pixel_scale, kTextGlyphs), 15.0f);
  if (!fonts.body) fonts.body = io.Fonts->AddFontDefault();
  fonts.heading = with_fallback(add_font(dir + "/Inter-SemiBold.otf", 13.0f, pixel_scale, kTextGlyphs), 13.0f);
  fonts.mono = with_fallback(add_font(dir + "/JetBrainsMono-Regular.ttf", 14.0f, pixel_scale, kTextGlyphs), 14.0f);
  fonts.big = add_font(dir + "/JetBrainsMono-Regular.ttf", 24.0f, pixel_scale, kReadoutGlyphs);  // has its own U+FFFD
  for (ImFont** f : {&fonts.heading, &fonts.mono, &fonts.big})
    if (!*f) *f = fonts.body;
  io.FontGlobalScale = 1.0f / pixel_scale;  // rasterised at device resolution, laid out in UI units
  return fonts;
}

void apply_theme() {
  ImGuiStyle& s = ImGui::GetStyle();
  ImGui::StyleColorsDark(&s);
  s.WindowRounding = 6.0f;
  s.ChildRounding = 6.0f;
  // Square frames: a rounded, anti-aliased rectangle is ~50 vertices, a square one 8, and software GL
  // (SwiftShader in a browser without a GPU) pays per triangle.
  s.FrameRounding = 0.0f;
  s.GrabRounding = 0.0f;
  s.PopupRounding = 4.0f;
  s.WindowBorderSize = 1.0f;
  s.FrameBorderSize = 0.0f;
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 7);
  s.ScrollbarSize = 12.0f;
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);  // the frame is cleared to kPanel (see draw_lab)
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = col(palette::rgb(36, 40, 48));
  c[ImGuiCol_Border] = col(palette::kBorder);
  c[ImGuiCol_Text] = col(palette::kText);
  c[ImGuiCol_TextDisabled] = col(palette::kTextDim);
  c[ImGuiCol_FrameBg] = col(palette::rgb(40, 44, 53));
  c[ImGuiCol_FrameBgHovered] = col(palette::rgb(50, 55, 66));
  c[ImGuiCol_FrameBgActive] = col(palette::rgb(58, 64, 77));
  c[ImGuiCol_Button] = col(palette::rgb(44, 49, 59));
  c[ImGuiCol_ButtonHovered] = col(palette::rgb(58, 65, 78));
  c[ImGuiCol_ButtonActive] = col(palette::rgb(32, 136, 214));
  c[ImGuiCol_Header] = col(palette::rgb(44, 49, 59));
  c[ImGuiCol_HeaderHovered] = col(palette::rgb(58, 65, 78));
  c[ImGuiCol_HeaderActive] = col(palette::rgb(32, 136, 214));
  c[ImGuiCol_SliderGrab] = col(palette::kBlue);
  c[ImGuiCol_SliderGrabActive] = col(palette::rgb(90, 170, 230));
  c[ImGuiCol_CheckMark] = col(palette::kBlue);
  c[ImGuiCol_TitleBg] = col(palette::kPanel);
  c[ImGuiCol_TitleBgActive] = col(palette::kPanel);
}

void apply_touch_sizes(bool touch) {
  ImGuiStyle& s = ImGui::GetStyle();
  const float font = ImGui::GetFontSize() > 0 ? ImGui::GetFontSize() : 15.0f;
  s.FramePadding = touch ? ImVec2(12, std::ceil((44.0f - font) * 0.5f)) : ImVec2(8, 5);
  s.ItemSpacing = touch ? ImVec2(10, 8) : ImVec2(8, 7);
  s.ItemInnerSpacing = touch ? ImVec2(8, 6) : ImVec2(4, 4);
  s.ScrollbarSize = touch ? 22.0f : 12.0f;
  s.GrabMinSize = touch ? 28.0f : 10.0f;
  s.TouchExtraPadding = touch ? ImVec2(2, 2) : ImVec2(0, 0);
}

ImU32 diverging_color(float v, float strength) {
  if (!std::isfinite(v)) return palette::rgb(90, 90, 90);
  v = std::clamp(v, -1.0f, 1.0f) * std::clamp(strength, 0.0f, 1.0f);
  return v < 0 ? mix(palette::kNeutral, palette::kOrange, -v) : mix(palette::kNeutral, palette::kBlue, v);
}

void panel_heading(const UiFonts& fonts, const char* text) {
  ImGui::PushFont(fonts.heading);
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void same_line_if_fits(float width, float spacing) {
  const float right = ImGui::GetItemRectMax().x + (spacing < 0.0f ? ImGui::GetStyle().ItemSpacing.x : spacing) + width;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0.0f, spacing);
}

float labelled_width(float frame, const char* label) {
  return frame + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

float toggle_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

std::string with_thousands(long long v) {
  const std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace layerlab::ui
