// conv2d.wgsl: 2-D convolution (cross-correlation, zero padding), NCHW: forward, then backward dx, dw and db side by side.
// x (N, C, H, W), w (F, C, KH, KW), b (F), y (N, F, OH, OW); y = b + Σ w · x̃ as in engine/conv2d.h.
// One invocation per output element of each entry point; dx is assigned, dw and db accumulate.
struct Params {
  n: u32, channels: u32, height: u32, width: u32,
  filters: u32, kernel_h: u32, kernel_w: u32, stride: u32,
  pad_top: u32, pad_left: u32, out_h: u32, out_w: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> w: array<f32>;
@group(0) @binding(3) var<storage, read_write> b: array<f32>;   // backward: db
@group(0) @binding(4) var<storage, read_write> y: array<f32>;   // backward: dy
@group(0) @binding(5) var<storage, read_write> dx: array<f32>;
@group(0) @binding(6) var<storage, read_write> dw: array<f32>;

fn flat(id: vec3<u32>, groups: vec3<u32>) -> u32 { return id.y * groups.x * 64u + id.x; }

// x̃[n][c][iy][ix] with iy, ix relative to the unpadded image; 0 outside it.
fn input_at(n: u32, c: u32, iy: i32, ix: i32) -> f32 {
  if (iy < 0 || ix < 0 || iy >= i32(p.height) || ix >= i32(p.width)) { return 0.0; }
  return x[((n * p.channels + c) * p.height + u32(iy)) * p.width + u32(ix)];
}

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat(id, groups);
  if (i >= p.n * p.filters * p.out_h * p.out_w) { return; }
  let ox = i % p.out_w;
  let oy = (i / p.out_w) % p.out_h;
  let f = (i / (p.out_w * p.out_h)) % p.filters;
  let n = i / (p.out_w * p.out_h * p.filters);
  var sum = 0.0;
  for (var c = 0u; c < p.channels; c = c + 1u) {
    for (var ky = 0u; ky < p.kernel_h; ky = ky + 1u) {
      for (var kx = 0u; kx < p.kernel_w; kx = kx + 1u) {
        let iy = i32(oy * p.stride + ky) - i32(p.pad_top);
        let ix = i32(ox * p.stride + kx) - i32(p.pad_left);
        sum = sum + w[((f * p.channels + c) * p.kernel_h + ky) * p.kernel_w + kx] * input_at(n, c, iy, ix);
      }
    }
  }
  y[i] = b[f] + sum;
}

// dx[n][c][iy][ix] = Σ over the (f, ky, kx) whose window position (oy, ox) lands on this pixel of dy · w.
@compute @workgroup_size(64)
fn backward_input(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat(id, groups);
  if (i >= p.n * p.channels * p.height * p.width) { return; }
  let ix = i % p.width;
  let iy = (i / p.width) % p.height;
  let c = (i / (p.width * p.height)) % p.channels;
  let n = i / (p.width * p.height * p.channels);
  var sum = 0.0;
  for (var f = 0u; f < p.filters; f = f + 1u) {
    for (var ky = 0u; ky < p.kernel_h; ky = ky + 1u) {
      let sy = i32(iy + p.pad_top) - i32(ky);
      if (sy < 0 || sy % i32(p.stride) != 0) { continue; }
      let oy = u32(sy) / p.stride;
      if (oy >= p.out_h) { continue; }
      for (var kx = 0u; kx < p.kernel_w; kx = kx + 1u) {
        let sx = i32(ix + p.pad_left) - i32(kx);
        if (sx < 0 || sx % i32(p.stride) != 0) { continue; }
        let ox = u32(sx) / p.stride;
        if (ox >= p.out_w) { continue; }
        sum = sum + y[((n * p.filters + f) * p.out_h + oy) * p.out_w + ox] *
                    w[((f * p.channels + c) * p.kernel_h + ky) * p.kernel_w + kx];
      }
    }
  }
  dx[i] = sum;
}

// dw[f][c][ky][kx] += Σ_n,oy,ox dy · x̃ at the tap.
@compute @workgroup_size(64)
fn backward_weights(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat(id, groups);
  if (i >= p.filters * p.channels * p.kernel_h * p.kernel_w) { return; }
  let kx = i % p.kernel_w;
  let ky = (i / p.kernel_w) % p.kernel_h;
  let c = (i / (p.kernel_w * p.kernel_h)) % p.channels;
  let f = i / (p.kernel_w * p.kernel_h * p.channels);
  var sum = 0.0;
  for (var n = 0u; n < p.n; n = n + 1u) {
    for (var oy = 0u; oy < p.out_h; oy = oy + 1u) {
      for (var ox = 0u; ox < p.out_w; ox = ox + 1u) {
        let iy = i32(oy * p.stride + ky) - i32(p.pad_top);
        let ix = i32(ox * p.stride + kx) - i32(p.pad_left);
        sum = sum + y[((n * p.filters + f) * p.out_h + oy) * p.out_w + ox] * input_at(n, c, iy, ix);
      }
    }
  }
  dw[i] = dw[i] + sum;
}

// db[f] += Σ_n,oy,ox dy.
@compute @workgroup_size(64)
fn backward_bias(@builtin(global_invocation_id) id: vec3<u32>) {
  let f = id.x;
  if (f >= p.filters) { return; }
  var sum = 0.0;
  let plane = p.out_h * p.out_w;
  for (var n = 0u; n < p.n; n = n + 1u) {
    for (var j = 0u; j < plane; j = j + 1u) { sum = sum + y[(n * p.filters + f) * plane + j]; }
  }
  b[f] = b[f] + sum;
}
