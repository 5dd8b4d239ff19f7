// main_loop_shim.h: keeps the frame loop inside main() on both targets, as Dear ImGui's examples do:
// natively a plain while loop; on the web the loop body becomes the browser's animation-frame callback.
// On the web main() never returns and its frame is never unwound, but capture what the body needs by
// value (pointers to heap objects), never by reference to main's locals.
#pragma once

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <functional>

inline std::function<void()> g_main_loop_body;
inline void main_loop_trampoline() { g_main_loop_body(); }
#define MAIN_LOOP_BEGIN(done) \
  (void)(done);                 \
  g_main_loop_body = [=]() {
#define MAIN_LOOP_END                                   \
  };                                                    \
  emscripten_set_main_loop(main_loop_trampoline, 0, true);
#else
#define MAIN_LOOP_BEGIN(done) while (!(done)) {
#define MAIN_LOOP_END }
#endif
