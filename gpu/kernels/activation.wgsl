// activation.wgsl: element-wise activations, forward y = f(x) and backward dx = dy ⊙ f'(x) from y, side by side.
// kind: 0 linear, 1 relu, 2 tanh, 3 sigmoid, 4 leaky relu (slope 0.01), as engine/activation.h numbers them.
// The index of invocation (x, y) is y · (groups in x · 64) + x, so counts beyond 65535 groups fit.
struct Params { count: u32, kind: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> in0: array<f32>;  // forward: x; backward: y
@group(0) @binding(2) var<storage, read_write> in1: array<f32>;  // forward: y (out); backward: dy
@group(0) @binding(3) var<storage, read_write> out: array<f32>;  // backward: dx

const LEAKY_SLOPE: f32 = 0.01;

fn sigmoid(x: f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); }
  let e = exp(x);
  return e / (1.0 + e);
}

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.y * groups.x * 64u + id.x;
  if (i >= p.count) { return; }
  let x = in0[i];
  var y = x;
  switch p.kind {
    case 1u: { y = max(x, 0.0); }
    case 2u: { y = tanh(clamp(x, -15.0, 15.0)); }  // tanh(±15) is ±1 in f32; some drivers overflow beyond
    case 3u: { y = sigmoid(x); }
    case 4u: { y = select(LEAKY_SLOPE * x, x, x > 0.0); }
    default: {}
  }
  in1[i] = y;
}

@compute @workgroup_size(64)
fn backward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.y * groups.x * 64u + id.x;
  if (i >= p.count) { return; }
  let y = in0[i];
  let dy = in1[i];
  var dx = dy;
  switch p.kind {
    case 1u: { dx = select(0.0, dy, y > 0.0); }
    case 2u: { dx = dy * (1.0 - y * y); }
    case 3u: { dx = dy * y * (1.0 - y); }
    case 4u: { dx = select(LEAKY_SLOPE * dy, dy, y > 0.0); }
    default: {}
  }
  out[i] = dx;
}
