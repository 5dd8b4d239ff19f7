// parallel.cpp: the worker pool behind parallel_for: workers sleep on a condition variable, wake for a job (a
// generation number), run their slice, and the last one to finish wakes the caller. Serial when the build has no
// threads (wasm without -pthread), decided here so that no layer needs to know.
#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define LAYERLAB_HAS_THREADS 1
#include <condition_variable>
#include <mutex>
#include <thread>
#endif

namespace layerlab {
namespace {

constexpr int kMaxThreads = 16;
constexpr int kSpins = 100000;  // about 0.1 ms of polling before a thread sleeps on its condition variable
std::vector<double> scratch[kMaxThreads][2];  // double: 8-byte aligned for any T

#ifdef LAYERLAB_HAS_THREADS
class Pool {
 public:
  explicit Pool(int threads) : threads_(threads) {
    for (int t = 1; t < threads_; ++t) workers_.emplace_back([this, t] { work(t); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      ++generation_;
      published_.store(generation_, std::memory_order_release);
    }
    wake_.notify_all();
    for (std::thread& w : workers_) w.join();
  }
  int threads() const { return threads_; }

  void run(int count, int parts, detail::RangeBody body, void* context) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      body_ = body;
      context_ = context;
      count_ = count;
      parts_ = parts;
      pending_ = parts - 1;
      ++generation_;
      published_.store(generation_, std::memory_order_release);
    }
    wake_.notify_all();
    body(context, 0, slice_end(0), 0);  // the caller takes slice 0
    for (int spin = 0; spin < kSpins && pending_.load(std::memory_order_acquire) != 0; ++spin) {
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  int slice_end(int part) const { return static_cast<int>(static_cast<long long>(count_) * (part + 1) / parts_); }

  void work(int t) {
    long seen = 0;
    for (;;) {
      // A training step runs a dozen short jobs with serial work between them: a worker that just finished one
      // watches for the next for a moment before it sleeps, since waking a sleeping thread (a futex, in wasm
      // Atomics.wait) costs about as much as a small job.
      for (int spin = 0; spin < kSpins && published_.load(std::memory_order_acquire) == seen; ++spin) {
      }
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (stopping_) return;
      if (t >= parts_) continue;  // not needed for this job
      const detail::RangeBody body = body_;
      void* context = context_;
      const int begin = t == 0 ? 0 : slice_end(t - 1), end = slice_end(t);
      lock.unlock();
      body(context, begin, end, t);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  const int threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  long generation_ = 0;
  std::atomic<long> published_{0};  // generation_, readable without the lock (for the spinning)
  bool stopping_ = false;
  detail::RangeBody body_ = nullptr;
  void* context_ = nullptr;
  int count_ = 0, parts_ = 1;
  std::atomic<int> pending_{0};
};

int default_threads() {
  const unsigned hw = std::thread::hardware_concurrency();
  return std::clamp(static_cast<int>(hw == 0 ? 1 : hw), 1, 8);
}

int wanted_threads = -1;  // -1: default_threads()
std::unique_ptr<Pool> pool;
std::atomic<bool> running{false};  // a job is under way: nested or concurrent callers run serially

Pool* current_pool() {
  if (wanted_threads < 0) wanted_threads = default_threads();
  if (wanted_threads <= 1) return nullptr;
  if (!pool || pool->threads() != wanted_threads) {
    pool.reset();
    pool = std::make_unique<Pool>(wanted_threads);
  }
  return pool.get();
}
#endif

}  // namespace

int parallel_threads() {
#ifdef LAYERLAB_HAS_THREADS
  Pool* p = current_pool();
  return p ? p->threads() : 1;
#else
  return 1;
#endif
}

void set_parallel_threads(int threads) {
#ifdef LAYERLAB_HAS_THREADS
  wanted_threads = std::clamp(threads, 1, kMaxThreads);
#else
  (void)threads;
#endif
}

void detail::parallel_run(int count, int min_per_thread, RangeBody body, void* context) {
  if (count <= 0) return;
#ifdef LAYERLAB_HAS_THREADS
  bool idle = false;
  if (count >= 2 * std::max(1, min_per_thread) && running.compare_exchange_strong(idle, true)) {
    Pool* p = current_pool();
    const int parts = p ? std::min(p->threads(), count / std::max(1, min_per_thread)) : 1;
    if (parts > 1) p->run(count, parts, body, context);
    running = false;
    if (parts > 1) return;
  }
#else
  (void)min_per_thread;
#endif
  body(context, 0, count, 0);
}

void* parallel_scratch(int thread, int slot, size_t bytes) {
  std::vector<double>& v = scratch[std::clamp(thread, 0, kMaxThreads - 1)][slot & 1];
  const size_t count = (bytes + sizeof(double) - 1) / sizeof(double);
  if (v.size() < count) v.resize(count);
  return v.data();
}

}  // namespace layerlab
