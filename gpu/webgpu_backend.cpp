// webgpu_backend.cpp: WebGpuBackend: each op as WGSL dispatches (kernels/*.wgsl) recorded through webgpu_library.js.
#include "webgpu_backend.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "embedded_kernels.h"
#include "webgpu_library.h"

namespace layerlab {

void start_webgpu() { lab_gpu_init(); }

WebGpuState webgpu_state() {
  switch (lab_gpu_state()) {
    case 0: return WebGpuState::Starting;
    case 1: return WebGpuState::Ready;
    case -1: return WebGpuState::Unavailable;
    default: return WebGpuState::Failed;
  }
}

std::string webgpu_adapter_name() {
  char name[256];
  lab_gpu_adapter_name(name, sizeof name);
  return name;
}

long webgpu_map_async_calls() { return static_cast<long>(lab_gpu_counter(0)); }
long webgpu_dispatches() { return static_cast<long>(lab_gpu_counter(1)); }
long webgpu_errors() { return static_cast<long>(lab_gpu_counter(2)); }

namespace {

const char* kernel_source(const char* name) {
  for (const EmbeddedKernel& k : kEmbeddedKernels)
    if (std::strcmp(k.name, name) == 0) return k.source;
  throw std::logic_error(std::string("webgpu: no embedded kernel ") + name);
}

int pipeline(const char* kernel, const char* entry, int storage_count) {
  return lab_gpu_create_pipeline(kernel_source(kernel), entry, storage_count);
}

uint32_t u32(long long v) { return static_cast<uint32_t>(v); }

// The uniform structs, laid out as the kernels declare them (4-byte fields, padded to 16 bytes).
struct CountParams {
  uint32_t count, kind, pad0 = 0, pad1 = 0;
};
struct SoftmaxParams {
  uint32_t n, classes;
  float inv_n;
  uint32_t pad0 = 0;
};
struct SgdParams {
  uint32_t count;
  float lr;
  uint32_t pad0 = 0, pad1 = 0;
};
struct MomentumParams {
  uint32_t count;
  float lr, momentum;
  uint32_t pad0 = 0;
};
struct AdamParams {
  uint32_t count;
  float lr, beta1, beta2, epsilon, correct1, correct2;
  uint32_t pad0 = 0;
};
struct Conv2dParams {
  uint32_t n, channels, height, width, filters, kernel_h, kernel_w, stride, pad_top, pad_left, out_h, out_w;
};
struct MaxPoolParams {
  uint32_t planes, height, width, window, stride, out_h, out_w, pad0 = 0;
};

Conv2dParams conv2d_params(const Conv2dGeometry& g, int n) {
  if (g.padding != PaddingMode::Zeros) throw std::invalid_argument("webgpu: conv2d supports zero padding only");
  return {u32(n), u32(g.channels), u32(g.height), u32(g.width), u32(g.filters), u32(g.kernel_h), u32(g.kernel_w),
          u32(g.stride), u32(g.pad_top), u32(g.pad_left), u32(g.out_h()), u32(g.out_w())};
}

MaxPoolParams max_pool_params(const Pool2dGeometry& g, int n) {
  return {u32(static_cast<long long>(n) * g.channels), u32(g.height), u32(g.width), u32(g.window), u32(g.stride),
          u32(g.out_h()), u32(g.out_w())};
}

void step_finished(void* context, int ok) {
  auto* done = static_cast<std::function<void(bool)>*>(context);
  (*done)(ok != 0);
  delete done;
}

}  // namespace


WebGpuBackend::WebGpuBackend() {
  if (webgpu_state() != WebGpuState::Ready) throw std::runtime_error("webgpu: the device is not ready");
  pipelines_.matmul = pipeline("matmul", "main", 4);
  pipelines_.bias_grad = pipeline("bias_grad", "main", 2);
  pipelines_.activation_forward = pipeline("activation", "forward", 3);
  pipelines_.activation_backward = pipeline("activation", "backward", 3);
  pipelines_.softmax_ce_forward = pipeline("softmax_cross_entropy", "forward", 5);
  pipelines_.softmax_ce_mean = pipeline("softmax_cross_entropy", "mean_loss", 5);
  pipelines_.softmax_ce_backward = pipeline("softmax_cross_entropy", "backward", 5);
  pipelines_.sgd = pipeline("sgd", "main", 2);
  pipelines_.momentum = pipeline("momentum", "main", 3);
  pipelines_.adam = pipeline("adam", "main", 4);
  pipelines_.conv2d_forward = pipeline("conv2d", "forward", 6);
  pipelines_.conv2d_backward_input = pipeline("conv2d", "backward_input", 6);
  pipelines_.conv2d_backward_weights = pipeline("conv2d", "backward_weights", 6);
  pipelines_.conv2d_backward_bias = pipeline("conv2d", "backward_bias", 6);
  pipelines_.max_pool_forward = pipeline("max_pool", "forward", 3);
  pipelines_.max_pool_backward = pipeline("max_pool", "backward", 3);
  pipelines_.lstm_cell_forward = pipeline("lstm_cell", "forward", 5);
  pipelines_.lstm_cell_backward = pipeline("lstm_cell", "backward", 5);
  for (int& handle : unused_) handle = lab_gpu_create_buffer(16);
}

WebGpuBackend::~WebGpuBackend() {
  for (int handle : buffers_)
    if (handle) lab_gpu_destroy_buffer(handle);
  for (int handle : retired_) lab_gpu_destroy_buffer(handle);
  for (int handle : scratch_)
    if (handle) lab_gpu_destroy_buffer(handle);
  for (int handle : unused_) lab_gpu_destroy_buffer(handle);
}

int WebGpuBackend::buffer(TensorId t) const {
  if (t < 0 || static_cast<size_t>(t) >= buffers_.size() || buffers_[t] == 0)
    throw std::invalid_argument("webgpu backend: no tensor " + std::to_string(t));
  return buffers_[t];
}

TensorId WebGpuBackend::create_tensor(size_t count) {
  buffers_.push_back(lab_gpu_create_buffer(count * sizeof(float)));
  return static_cast<TensorId>(buffers_.size() - 1);
}

void WebGpuBackend::destroy_tensor(TensorId t) {
  if (in_step_) throw std::logic_error("webgpu backend: destroy_tensor inside a step");
  lab_gpu_destroy_buffer(buffer(t));
  buffers_[t] = 0;
}

void WebGpuBackend::write(TensorId t, const float* values, size_t count) {
  lab_gpu_write_buffer(buffer(t), values, count * sizeof(float));
}

void WebGpuBackend::write_labels(TensorId t, const int* labels, size_t count) {
  static_assert(sizeof(int) == 4, "labels are int32 in the kernels");
  lab_gpu_write_buffer(buffer(t), labels, count * sizeof(int));
}

void WebGpuBackend::begin_step() {
  if (in_step_) throw std::logic_error("webgpu backend: begin_step inside a step");
  in_step_ = true;
  lab_gpu_begin_step();
}

void WebGpuBackend::end_step(std::function<void()> done) {
  if (!in_step_) throw std::logic_error("webgpu backend: end_step without begin_step");
  in_step_ = false;
  auto* finished = new std::function<void(bool)>([this, done = std::move(done)](bool ok) {
    if (!ok) failed_ = true;
    done();
  });
  lab_gpu_end_step(step_finished, finished);
}

void WebGpuBackend::read(TensorId t, float* destination, size_t count) {
  lab_gpu_read(buffer(t), destination, count * sizeof(float));
}

void WebGpuBackend::zero(TensorId t) { lab_gpu_clear(buffer(t)); }

void WebGpuBackend::dispatch(int pipeline, const void* params, size_t bytes, const std::vector<int>& buffers,
                             size_t groups_x, size_t groups_y) {
  if (!in_step_) throw std::logic_error("webgpu backend: an op outside begin_step/end_step");
  if (groups_x == 0 || groups_y == 0) return;
  lab_gpu_dispatch(pipeline, params, bytes, buffers.data(), static_cast<int>(groups_x), static_cast<int>(groups_y));
}

void WebGpuBackend::dispatch_elements(int pipeline, const void* params, size_t bytes, const std::vector<int>& buffers,
                                      size_t count) {
  const size_t groups = (count + 63) / 64;
  const size_t x = groups < 65535 ? groups : 65535;
  dispatch(pipeline, params, bytes, buffers, x, x == 0 ? 0 : (groups + x - 1) / x);
}

void WebGpuBackend::matmul(const MatmulParams& p, int a, int b, int c, int bias) {
  dispatch(pipelines_.matmul, &p, sizeof p, {a, b, c, bias}, (p.n + 15) / 16, (p.m + 15) / 16);
}

void WebGpuBackend::dense_forward(TensorId x, TensorId w, TensorId b, TensorId y, int n, int in, int out) {
  // y (n, out) = x (n, in) · wᵀ, wᵀ[i][o] = w[o·in + i]
  matmul({u32(n), u32(out), u32(in), u32(in), 1, 1, u32(in), kAddBias}, buffer(x), buffer(w), buffer(y), buffer(b));
}

void WebGpuBackend::dense_backward(TensorId x, TensorId w, TensorId dy, TensorId dx, TensorId dw, TensorId db, int n,
                                   int in, int out) {
  // dx (n, in) = dy (n, out) · w (out, in)
  if (dx != kNoTensor)
    matmul({u32(n), u32(in), u32(out), u32(out), 1, u32(in), 1, 0}, buffer(dy), buffer(w), buffer(dx), unused_[0]);
  // dw (out, in) += dyᵀ (out, n) · x (n, in), dyᵀ[o][r] = dy[r·out + o]
  matmul({u32(out), u32(in), u32(n), 1, u32(out), u32(in), 1, kAccumulate}, buffer(dy), buffer(x), buffer(dw),
         unused_[0]);
  const CountParams p{u32(n), u32(out)};
  dispatch(pipelines_.bias_grad, &p, sizeof p, {buffer(dy), buffer(db)}, (static_cast<size_t>(out) + 63) / 64);
}

void WebGpuBackend::activation_forward(Activation a, TensorId x, TensorId y, size_t count) {
  if (!is_elementwise(a)) throw std::invalid_argument("webgpu backend: softmax is not an element-wise activation");
  const CountParams p{u32(count), u32(static_cast<int>(a))};
  dispatch_elements(pipelines_.activation_forward, &p, sizeof p, {buffer(x), buffer(y), unused_[0]}, count);
}

void WebGpuBackend::activation_backward(Activation a, TensorId y, TensorId dy, TensorId dx, size_t count) {
  if (!is_elementwise(a)) throw std::invalid_argument("webgpu backend: softmax is not an element-wise activation");
  const CountParams p{u32(count), u32(static_cast<int>(a))};
  dispatch_elements(pipelines_.activation_backward, &p, sizeof p, {buffer(y), buffer(dy), buffer(dx)}, count);
}

int WebGpuBackend::scratch(Scratch which, size_t floats) {
  if (floats > scratch_floats_[which]) {
    if (scratch_[which]) retired_.push_back(scratch_[which]);  // a recorded dispatch may still use it
    scratch_[which] = lab_gpu_create_buffer(floats * sizeof(float));
    scratch_floats_[which] = floats;
  }
  return scratch_[which];
}

void WebGpuBackend::softmax_cross_entropy_forward(TensorId logits, TensorId labels, TensorId probs, TensorId loss,
                                                  int n, int classes) {
  const SoftmaxParams p{u32(n), u32(classes), 1.0f / static_cast<float>(n)};
  const std::vector<int> buffers = {buffer(logits), buffer(labels), buffer(probs), scratch(kRowLoss, size_t(n)),
                                    buffer(loss)};
  dispatch(pipelines_.softmax_ce_forward, &p, sizeof p, buffers, (static_cast<size_t>(n) + 63) / 64);
  dispatch(pipelines_.softmax_ce_mean, &p, sizeof p, buffers, 1);
}

void WebGpuBackend::softmax_cross_entropy_backward(TensorId probs, TensorId labels, TensorId dlogits, int n,
                                                   int classes) {
  // (p − onehot) · (1/n), the factor computed as engine/loss.cpp computes it.
  const SoftmaxParams p{u32(n), u32(classes), 1.0f / static_cast<float>(n)};
  dispatch_elements(pipelines_.softmax_ce_backward, &p, sizeof p,
                    {buffer(probs), buffer(labels), buffer(dlogits), scratch(kRowLoss, size_t(n)), unused_[0]},
                    static_cast<size_t>(n) * classes);
}

void WebGpuBackend::sgd_update(TensorId w, TensorId g, size_t count, float lr) {
  const SgdParams p{u32(count), lr};
  dispatch_elements(pipelines_.sgd, &p, sizeof p, {buffer(w), buffer(g)}, count);
}

void WebGpuBackend::momentum_update(TensorId w, TensorId g, TensorId v, size_t count, float lr, float momentum) {
  const MomentumParams p{u32(count), lr, momentum};
  dispatch_elements(pipelines_.momentum, &p, sizeof p, {buffer(w), buffer(g), buffer(v)}, count);
}

void WebGpuBackend::adam_update(TensorId w, TensorId g, TensorId m, TensorId v, size_t count, float lr, float beta1,
                                float beta2, float epsilon, long t) {
  const float correct1 = 1.0f - std::pow(beta1, static_cast<float>(t));
  const float correct2 = 1.0f - std::pow(beta2, static_cast<float>(t));
  const AdamParams p{u32(count), lr, beta1, beta2, epsilon, correct1, correct2};
  dispatch_elements(pipelines_.adam, &p, sizeof p, {buffer(w), buffer(g), buffer(m), buffer(v)}, count);
}

void WebGpuBackend::conv2d_forward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId b, TensorId y, int n) {
  const Conv2dParams p = conv2d_params(g, n);
  dispatch_elements(pipelines_.conv2d_forward, &p, sizeof p,
                    {buffer(x), buffer(w), buffer(b), buffer(y), unused_[0], unused_[1]},
                    static_cast<size_t>(n) * g.out_size());
}

void WebGpuBackend::conv2d_backward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId dy, TensorId dx,
                                    TensorId dw, TensorId db, int n) {
  const Conv2dParams p = conv2d_params(g, n);
  const int dx_buffer = dx == kNoTensor ? unused_[0] : buffer(dx);
  const std::vector<int> buffers = {buffer(x), buffer(w), buffer(db), buffer(dy), dx_buffer, buffer(dw)};
  if (dx != kNoTensor)
    dispatch_elements(pipelines_.conv2d_backward_input, &p, sizeof p, buffers, static_cast<size_t>(n) * g.in_size());
  dispatch_elements(pipelines_.conv2d_backward_weights, &p, sizeof p, buffers,
                    static_cast<size_t>(g.filters) * g.patch());
  dispatch(pipelines_.conv2d_backward_bias, &p, sizeof p, buffers, (static_cast<size_t>(g.filters) + 63) / 64);
}

void WebGpuBackend::max_pool_forward(const Pool2dGeometry& g, TensorId x, TensorId y, int n) {
  const MaxPoolParams p = max_pool_params(g, n);
  dispatch_elements(pipelines_.max_pool_forward, &p, sizeof p, {buffer(x), buffer(y), unused_[0]},
                    static_cast<size_t>(n) * g.out_size());
}

void WebGpuBackend::max_pool_backward(const Pool2dGeometry& g, TensorId x, TensorId dy, TensorId dx, int n) {
  const MaxPoolParams p = max_pool_params(g, n);
  dispatch_elements(pipelines_.max_pool_backward, &p, sizeof p, {buffer(x), buffer(dy), buffer(dx)},
                    static_cast<size_t>(n) * g.in_size());
}

}  // namespace layerlab
