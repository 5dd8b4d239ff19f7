// max_pool.wgsl: 2-D max pooling, NCHW: forward (window maximum) and backward (gradient to each window's first maximum).
// x (N, C, H, W), y (N, C, OH, OW). "First" is row-major within the window, strictly larger values win, as
// pool2d_argmax in engine/pooling.cpp. Backward gathers per input pixel over the windows covering it; dx is assigned.
struct Params { planes: u32, height: u32, width: u32, window: u32, stride: u32, out_h: u32, out_w: u32, pad0: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;  // backward: dy
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn flat(id: vec3<u32>, groups: vec3<u32>) -> u32 { return id.y * groups.x * 64u + id.x; }

// Index within the plane of the first largest value of window (oy, ox).
fn argmax(plane: u32, oy: u32, ox: u32) -> u32 {
  let base = plane * p.height * p.width;
  var best = oy * p.stride * p.width + ox * p.stride;
  for (var ky = 0u; ky < p.window; ky = ky + 1u) {
    for (var kx = 0u; kx < p.window; kx = kx + 1u) {
      let idx = (oy * p.stride + ky) * p.width + ox * p.stride + kx;
      if (x[base + idx] > x[base + best]) { best = idx; }
    }
  }
  return best;
}

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat(id, groups);
  if (i >= p.planes * p.out_h * p.out_w) { return; }
  let ox = i % p.out_w;
  let oy = (i / p.out_w) % p.out_h;
  let plane = i / (p.out_w * p.out_h);
  y[i] = x[plane * p.height * p.width + argmax(plane, oy, ox)];
}

@compute @workgroup_size(64)
fn backward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat(id, groups);
  if (i >= p.planes * p.height * p.width) { return; }
  let ix = i % p.width;
  let iy = (i / p.width) % p.height;
  let plane = i / (p.width * p.height);
  let here = iy * p.width + ix;
  // Windows covering row iy: oy·s ≤ iy < oy·s + k.
  var oy_first = 0u;
  if (iy + 1u > p.window) { oy_first = (iy + 1u - p.window + p.stride - 1u) / p.stride; }
  var ox_first = 0u;
  if (ix + 1u > p.window) { ox_first = (ix + 1u - p.window + p.stride - 1u) / p.stride; }
  var sum = 0.0;
  for (var oy = oy_first; oy < p.out_h && oy * p.stride <= iy; oy = oy + 1u) {
    for (var ox = ox_first; ox < p.out_w && ox * p.stride <= ix; ox = ox + 1u) {
      if (argmax(plane, oy, ox) == here) { sum = sum + y[(plane * p.out_h + oy) * p.out_w + ox]; }
    }
  }
  dx[i] = sum;
}
