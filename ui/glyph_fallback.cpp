// glyph_fallback.cpp: counting fallback glyph quads in a frame's draw data, and the characters fonts lack.
#include "glyph_fallback.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "imgui_internal.h"

namespace layerlab::ui {

namespace {
struct UvRect {
  float u0, v0, u1, v1;
};

void append_utf8(std::string& out, unsigned int c) {
  char buf[5] = {};
  ImTextCharToUtf8(buf, c);
  out += buf;
}
}  // namespace

int count_fallback_glyphs(const ImDrawData& draw_data, const ImFontAtlas& atlas) {
  // The fallback glyphs' rectangles in the atlas (UVs), one per font; glyphs are packed with padding, so no
  // other glyph's corner, nor the white pixel or the baked lines, falls inside one.
  UvRect rects[8];
  int n = 0;
  for (const ImFont* font : atlas.Fonts) {
    const ImFontGlyph* g = font->FallbackGlyph;
    if (!g || !g->Visible || font->FallbackChar != IM_UNICODE_CODEPOINT_INVALID) continue;
    const UvRect r{std::min(g->U0, g->U1), std::min(g->V0, g->V1), std::max(g->U0, g->U1), std::max(g->V0, g->V1)};
    bool seen = false;
    for (int i = 0; i < n; ++i)
      seen = seen || (rects[i].u0 == r.u0 && rects[i].v0 == r.v0 && rects[i].u1 == r.u1 && rects[i].v1 == r.v1);
    if (!seen && n < 8) rects[n++] = r;
  }
  if (n == 0) return 0;
  UvRect all = rects[0];  // their bounding box: most vertices are rejected by one test
  for (int i = 1; i < n; ++i) {
    all.u0 = std::min(all.u0, rects[i].u0);
    all.v0 = std::min(all.v0, rects[i].v0);
    all.u1 = std::max(all.u1, rects[i].u1);
    all.v1 = std::max(all.v1, rects[i].v1);
  }
  auto inside = [](const UvRect& r, const ImVec2& uv) { return uv.x >= r.u0 && uv.x <= r.u1 && uv.y >= r.v0 && uv.y <= r.v1; };
  // A glyph quad is 6 indices (two triangles) over its 4 corners, all inside its rectangle.
  long indices = 0;
  for (int l = 0; l < draw_data.CmdListsCount; ++l) {
    const ImDrawList* list = draw_data.CmdLists[l];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != atlas.TexID) continue;
      const ImDrawVert* base = vtx + cmd.VtxOffset;
      for (unsigned int i = cmd.IdxOffset, end = cmd.IdxOffset + cmd.ElemCount; i < end; ++i) {
        const ImVec2 uv = base[idx[i]].uv;
        if (!inside(all, uv)) continue;
        for (int r = 0; r < n; ++r)
          if (inside(rects[r], uv)) {
            ++indices;
            break;
          }
      }
    }
  }
  return static_cast<int>(indices / 6);
}

std::string missing_glyphs(const ImFont& font, const char* text) {
  std::string out;
  std::vector<unsigned int> seen;
  const char* end = text + std::strlen(text);
  for (const char* s = text; s < end;) {
    unsigned int c = 0;
    const int len = ImTextCharFromUtf8(&c, s, end);
    s += len > 0 ? len : 1;
    if (c < 0x20) continue;  // newlines and tabs: layout, not glyphs
    if (c <= IM_UNICODE_CODEPOINT_MAX && c != IM_UNICODE_CODEPOINT_INVALID && font.FindGlyphNoFallback(static_cast<ImWchar>(c)))
      continue;
    if (std::find(seen.begin(), seen.end(), c) != seen.end()) continue;
    seen.push_back(c);
    append_utf8(out, c);
  }
  return out;
}

ImFont* span_font(const UiFonts& fonts, tutorial::SpanStyle style) {
  if (style == tutorial::SpanStyle::Bold && fonts.heading) return fonts.heading;
  if (style == tutorial::SpanStyle::Code && fonts.mono) return fonts.mono;
  return fonts.body;
}

std::string step_missing_glyphs(const UiFonts& fonts, const tutorial::TutorialStep& step) {
  if (!fonts.body) return "";
  std::string out;
  auto add = [&out](const std::string& missing) {
    for (size_t i = 0; i < missing.size();) {  // one code point at a time, each once
      size_t len = 1;
      while (i + len < missing.size() && (static_cast<unsigned char>(missing[i + len]) & 0xC0) == 0x80) ++len;
      const std::string c = missing.substr(i, len);
      if (out.find(c) == std::string::npos) out += c;
      i += len;
    }
  };
  add(missing_glyphs(*fonts.body, step.title.c_str()));
  for (const tutorial::TextBlock& block : tutorial::parse_markdown(step.text))
    for (const tutorial::Span& span : block.spans) add(missing_glyphs(*span_font(fonts, span.style), span.text.c_str()));
  add(missing_glyphs(*fonts.body, step.hint.c_str()));
  return out;
}

}  // namespace layerlab::ui
