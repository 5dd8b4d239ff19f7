// glyph_fallback_test.cpp: count_fallback_glyphs counts exactly the glyph quads a frame draws with a fallback
// glyph (0 when every character has its glyph, one per character the atlas lacks, clipped ones too, never a
// real '?'), over real ImGui frames drawn with the app's fonts; missing_glyphs names the characters.
#include "glyph_fallback.h"

#include <functional>

#include "font_context.h"

namespace layerlab::ui {
namespace {

class CountFallbackGlyphs : public FontContext {
 protected:
  // One frame: `draw` inside a window, then the count over the frame's draw data.
  int frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(900, 600));
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    draw();
    ImGui::End();
    ImGui::Render();
    return count_fallback_glyphs(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
  }
};

TEST_F(CountFallbackGlyphs, IsZeroWhenEveryCharacterHasItsGlyph) {
  const char* text = "out = ⌊(n − k + 2p) / s⌋ + 1, f_L ∘ … ∘ f₁, hₜ = tanh(wₓ·xₜ + wₕ·hₜ₋₁ + b), ∇L, Wᵀ, x ⊙ y, ???";
  EXPECT_EQ(frame([&] {
              ImGui::TextUnformatted(text);
              for (ImFont* font : {fonts_.heading, fonts_.mono}) {
                ImGui::PushFont(font);
                ImGui::TextUnformatted(text);
                ImGui::PopFont();
              }
              ImGui::PushFont(fonts_.big);
              ImGui::TextUnformatted("Epoch 12 ?");
              ImGui::PopFont();
              ImGui::Button("A button ⌊x⌋");
            }),
            0);
}

TEST_F(CountFallbackGlyphs, CountsEveryCharacterTheAtlasLacks) {
  EXPECT_EQ(frame([] { ImGui::TextUnformatted("a 漢 b"); }), 1);
  EXPECT_EQ(frame([&] {
              ImGui::TextUnformatted("漢字 and ⌊x⌋");  // 2
              ImGui::PushFont(fonts_.mono);
              ImGui::TextUnformatted("mono 漢");  // 1
              ImGui::PopFont();
              ImGui::PushFont(fonts_.heading);
              ImGui::TextUnformatted("heading 字字");  // 2
              ImGui::PopFont();
              ImGui::PushFont(fonts_.big);
              ImGui::TextUnformatted("big ⌊");  // 1: the readout font has ASCII only
              ImGui::PopFont();
              ImGui::TextUnformatted("bad \xff byte");  // 1: invalid UTF-8 draws U+FFFD
            }),
            7);
  EXPECT_EQ(frame([] { ImGui::TextUnformatted("back to nothing"); }), 0);  // this frame's count, not a total
}

TEST_F(CountFallbackGlyphs, CountsGlyphsClippedByTheirFrame) {
  // A button narrower than its label: ImGui clips the text on the CPU and shrinks the last glyphs' UVs.
  EXPECT_EQ(frame([] { ImGui::Button("漢漢漢漢漢漢漢漢", ImVec2(40, 0)); }), 3);  // 40 px minus padding: 2½ shown
  EXPECT_EQ(frame([] {
              ImDrawList* dl = ImGui::GetWindowDrawList();
              const ImVec4 clip(10, 10, 30, 40);  // cuts the glyph at x = 15 .. 30 in half
              dl->AddText(ImGui::GetFont(), 15.0f, ImVec2(22, 12), IM_COL32_WHITE, "漢", nullptr, 0.0f, &clip);
            }),
            1);
}

TEST_F(CountFallbackGlyphs, SkipsAFontWhoseFallbackIsAQuestionMark) {
  // ImGui's built-in font has no U+FFFD: its fallback is '?', indistinguishable from a real one.
  ImFont* builtin = ImGui::GetIO().Fonts->AddFontDefault();
  ASSERT_TRUE(ImGui::GetIO().Fonts->Build());
  EXPECT_EQ(builtin->FallbackChar, '?');
  EXPECT_EQ(frame([&] {
              ImGui::PushFont(builtin);
              ImGui::TextUnformatted("漢 ?");
              ImGui::PopFont();
              ImGui::TextUnformatted("字");
            }),
            1);
}

TEST(MissingGlyphs, NamesEachMissingCharacterOnce) {
  ImGui::CreateContext();
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  ImFont* font = atlas.AddFontDefault();  // ASCII and Latin-1
  ASSERT_TRUE(atlas.Build());
  EXPECT_EQ(missing_glyphs(*font, "plain ASCII, é\n\t"), "");
  EXPECT_EQ(missing_glyphs(*font, "⌊x⌋ ∘ ⌊"), "⌊⌋∘");
  EXPECT_EQ(missing_glyphs(*font, "bad \xff"), "\xEF\xBF\xBD");  // invalid UTF-8 is U+FFFD
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace layerlab::ui
