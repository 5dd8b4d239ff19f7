// bias_grad.wgsl: db (N) += Σ_rows dy (rows, N), one invocation per column, rows summed in order.
struct Params { rows: u32, cols: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> db: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let col = id.x;
  if (col >= p.cols) { return; }
  var sum = 0.0;
  for (var r = 0u; r < p.rows; r = r + 1u) { sum = sum + dy[r * p.cols + col]; }
  db[col] = db[col] + sum;
}
