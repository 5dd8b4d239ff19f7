// momentum.wgsl: SGD with momentum, v = μ v − lr · g, w += v, one invocation per parameter.
struct Params { count: u32, lr: f32, momentum: f32, pad0: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> g: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.y * groups.x * 64u + id.x;
  if (i >= p.count) { return; }
  let velocity = p.momentum * v[i] - p.lr * g[i];
  v[i] = velocity;
  w[i] = w[i] + velocity;
}
