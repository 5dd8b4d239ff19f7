// matmul.wgsl: C (M, N) = A (M, K) · B (K, N), tiled 16×16 through workgroup memory; strided A and B serve transposes.
// A[m][k] is a[a_offset + m * a_row + k * a_col], B[k][n] is b[b_offset + k * b_row + n * b_col]. flags: 1 = add to
// C (C += A·B), 2 = add bias[n]. Dense forward is x·wᵀ + b, backward dx = dy·w and dw += dyᵀ·x; the offsets pick
// one step of a sequence (gpu/webgpu_backend.cpp, gpu/webgpu_lstm.cpp).
struct Params {
  m: u32, n: u32, k: u32, a_row: u32,
  a_col: u32, b_row: u32, b_col: u32, flags: u32,
  a_offset: u32, b_offset: u32, pad0: u32, pad1: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<storage, read_write> bias: array<f32>;

const TILE: u32 = 16u;
var<workgroup> tile_a: array<array<f32, 16>, 16>;
var<workgroup> tile_b: array<array<f32, 16>, 16>;

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) local: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
  let row = group.y * TILE + local.y;
  let col = group.x * TILE + local.x;
  var acc = 0.0;
  let tiles = (p.k + TILE - 1u) / TILE;
  for (var t = 0u; t < tiles; t = t + 1u) {
    let ka = t * TILE + local.x;
    var va = 0.0;
    if (row < p.m && ka < p.k) { va = a[p.a_offset + row * p.a_row + ka * p.a_col]; }
    tile_a[local.y][local.x] = va;
    let kb = t * TILE + local.y;
    var vb = 0.0;
    if (kb < p.k && col < p.n) { vb = b[p.b_offset + kb * p.b_row + col * p.b_col]; }
    tile_b[local.y][local.x] = vb;
    workgroupBarrier();
    for (var j = 0u; j < TILE; j = j + 1u) {
      acc = acc + tile_a[local.y][j] * tile_b[j][local.x];
    }
    workgroupBarrier();
  }
  if (row < p.m && col < p.n) {
    let index = row * p.n + col;
    var value = acc;
    if ((p.flags & 2u) != 0u) { value = value + bias[col]; }
    if ((p.flags & 1u) != 0u) { value = c[index] + value; }
    c[index] = value;
  }
}
