// font_context.h: a test fixture holding an ImGui context with the app's fonts (load_fonts, from the folder
// CMake copies them into as the app's build does), their atlas built on the CPU as the renderer would build it.
#pragma once
#include <gtest/gtest.h>

#include "imgui.h"
#include "theme.h"

namespace layerlab::ui {

class FontContext : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    fonts_ = load_fonts(LAYERLAB_TEST_FONT_DIR, 1.0f);
    ASSERT_TRUE(io.Fonts->Build());
    ASSERT_TRUE(io.Fonts->IsBuilt());
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.0f / 60.0f;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  UiFonts fonts_;
};

}  // namespace layerlab::ui
