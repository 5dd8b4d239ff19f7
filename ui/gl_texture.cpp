// gl_texture.cpp: GlTexture over OpenGL 3 (desktop) or WebGL2 (web).
#include "gl_texture.h"

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

namespace layerlab::ui {

GlTexture::~GlTexture() {
  if (handle_) {
    GLuint h = handle_;
    glDeleteTextures(1, &h);
  }
}

void GlTexture::create(const uint32_t* pixels, int w, int h, bool nearest) {
  if (!handle_) {
    GLuint t = 0;
    glGenTextures(1, &t);
    handle_ = t;
  }
  glBindTexture(GL_TEXTURE_2D, handle_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, nearest ? GL_NEAREST : GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, nearest ? GL_NEAREST : GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  w_ = w;
  h_ = h;
}

void GlTexture::update_rows(const uint32_t* pixels, int y0, int y1) {
  if (!handle_ || y1 <= y0) return;
  glBindTexture(GL_TEXTURE_2D, handle_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y0, w_, y1 - y0, GL_RGBA, GL_UNSIGNED_BYTE,
                  pixels + static_cast<size_t>(y0) * static_cast<size_t>(w_));
}

}  // namespace layerlab::ui
