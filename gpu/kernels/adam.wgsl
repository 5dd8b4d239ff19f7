// adam.wgsl: Adam, m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², w −= lr (m / c₁) / (sqrt(v / c₂) + ε).
// c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ come from the host, computed as engine/optimizer.cpp computes them.
struct Params { count: u32, lr: f32, beta1: f32, beta2: f32, epsilon: f32, correct1: f32, correct2: f32, pad0: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> g: array<f32>;
@group(0) @binding(3) var<storage, read_write> m: array<f32>;
@group(0) @binding(4) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.y * groups.x * 64u + id.x;
  if (i >= p.count) { return; }
  let gi = g[i];
  let mi = p.beta1 * m[i] + (1.0 - p.beta1) * gi;
  let vi = p.beta2 * v[i] + (1.0 - p.beta2) * gi * gi;
  m[i] = mi;
  v[i] = vi;
  w[i] = w[i] - p.lr * (mi / p.correct1) / (sqrt(vi / p.correct2) + p.epsilon);
}
