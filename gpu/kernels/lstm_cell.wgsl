// lstm_cell.wgsl: one LSTM step for the whole batch, forward (gates, cell, hidden) and backward (gate gradients), side by side.
// One invocation per (example e, unit j) of N × H at step t. cache holds, batch-major as engine/lstm.h: gates (N, T, 4H)
// (on entry to forward: x_t·wxᵀ + b, then the activations i, f, g, o), c, tanh(c) and h (N, T, H) each.
// Forward adds z = h_{t−1}·whᵀ (N, 4H) for t > 0. Backward: dh (N, H) carried in, plus dy; dc (N, H) carried in
// and out; writes dz (N, T, 4H). Formulas and their order of operations are lstm_forward / lstm_backward's.
struct Params {
  n: u32, steps: u32, hidden: u32, t: u32,
  c_offset: u32, tanh_offset: u32, h_offset: u32, return_sequences: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> cache: array<f32>;
@group(0) @binding(2) var<storage, read_write> z: array<f32>;    // backward: dz (N, T, 4H)
@group(0) @binding(3) var<storage, read_write> y: array<f32>;    // backward: dy
@group(0) @binding(4) var<storage, read_write> dh: array<f32>;
@group(0) @binding(5) var<storage, read_write> dc: array<f32>;

fn sigmoid(x: f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); }
  let e = exp(x);
  return e / (1.0 + e);
}

fn tanh_safe(x: f32) -> f32 { return tanh(clamp(x, -15.0, 15.0)); }  // tanh(±15) is ±1 in f32

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= p.n * p.hidden) { return; }
  let e = id.x / p.hidden;
  let j = id.x % p.hidden;
  let H = p.hidden;
  let G = 4u * H;
  let at = e * p.steps + p.t;
  let gate = at * G + j;
  var pre = vec4<f32>(cache[gate], cache[gate + H], cache[gate + 2u * H], cache[gate + 3u * H]);
  if (p.t > 0u) {
    let zi = e * G + j;
    pre = pre + vec4<f32>(z[zi], z[zi + H], z[zi + 2u * H], z[zi + 3u * H]);
  }
  let i = sigmoid(pre.x);
  let f = sigmoid(pre.y);
  let g = tanh_safe(pre.z);
  let o = sigmoid(pre.w);
  cache[gate] = i;
  cache[gate + H] = f;
  cache[gate + 2u * H] = g;
  cache[gate + 3u * H] = o;
  var c = i * g;
  if (p.t > 0u) { c = f * cache[p.c_offset + (at - 1u) * H + j] + i * g; }
  let tc = tanh_safe(c);
  let h = o * tc;
  cache[p.c_offset + at * H + j] = c;
  cache[p.tanh_offset + at * H + j] = tc;
  cache[p.h_offset + at * H + j] = h;
  if (p.return_sequences != 0u) { y[at * H + j] = h; } else if (p.t == p.steps - 1u) { y[e * H + j] = h; }
}

@compute @workgroup_size(64)
fn backward(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= p.n * p.hidden) { return; }
  let e = id.x / p.hidden;
  let j = id.x % p.hidden;
  let H = p.hidden;
  let G = 4u * H;
  let at = e * p.steps + p.t;
  let carried = e * H + j;
  var dht = dh[carried];
  if (p.return_sequences != 0u) { dht = dht + y[at * H + j]; } else if (p.t == p.steps - 1u) { dht = dht + y[carried]; }
  let gate = at * G + j;
  let i = cache[gate];
  let f = cache[gate + H];
  let g = cache[gate + 2u * H];
  let o = cache[gate + 3u * H];
  let tc = cache[p.tanh_offset + at * H + j];
  let dct = dc[carried] + dht * o * (1.0 - tc * tc);
  var cp = 0.0;
  if (p.t > 0u) { cp = cache[p.c_offset + (at - 1u) * H + j]; }
  z[gate] = dct * g * i * (1.0 - i);
  z[gate + H] = dct * cp * f * (1.0 - f);
  z[gate + 2u * H] = dct * i * (1.0 - g * g);
  z[gate + 3u * H] = dht * tc * o * (1.0 - o);
  dc[carried] = dct * f;
}
