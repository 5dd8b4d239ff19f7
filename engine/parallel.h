// parallel.h: the engine's one door to threads: parallel_for splits a range of independent items (rows, samples,
// filters) over a small fixed pool of worker threads and the caller, and per-thread scratch buffers. Results never
// depend on the thread count: each item is computed by the same code in the same order whichever thread runs it,
// and callers only split work whose items write disjoint outputs. Without threads (a wasm build without -pthread)
// everything runs on the caller, in order.
#pragma once
#include <cstddef>

namespace layerlab {

// Threads that take part in a parallel_for (the caller included); 1 when the build has no threads.
int parallel_threads();
// 1 .. 16 (clamped); 1 turns the pool off. Default: the machine's hardware threads, at most 8. Not during a
// parallel_for.
void set_parallel_threads(int threads);

namespace detail {
using RangeBody = void (*)(void* context, int begin, int end, int thread);
void parallel_run(int count, int min_per_thread, RangeBody body, void* context);
}  // namespace detail

// Calls body(begin, end, thread) on disjoint consecutive slices that cover [0, count), each of at least
// `min_per_thread` items (so small work stays on the caller), and returns when all are done. `thread` is
// 0 .. parallel_threads() - 1 (the caller is 0), for parallel_scratch. No allocation.
template <typename Body>
void parallel_for(int count, int min_per_thread, Body&& body) {
  detail::parallel_run(
      count, min_per_thread,
      [](void* context, int begin, int end, int thread) { (*static_cast<Body*>(context))(begin, end, thread); }, &body);
}

// A buffer of at least `bytes` bytes (8-byte aligned) owned by thread `thread` of the running parallel_for (0
// outside one), kept between calls: it grows the first time a size is needed, then is reused (no allocation per
// step). Slots 0 and 1 are two independent buffers per thread.
void* parallel_scratch(int thread, int slot, size_t bytes);
template <typename T>
T* parallel_scratch_of(int thread, int slot, size_t count) {
  return static_cast<T*>(parallel_scratch(thread, slot, count * sizeof(T)));
}

}  // namespace layerlab
