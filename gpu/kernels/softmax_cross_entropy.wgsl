// softmax_cross_entropy.wgsl: fused softmax + cross-entropy: forward (probs, per-row loss, their mean) and backward.
// Per row r: m = max z, probs = exp(z − m) / Σ exp(z − m), loss_r = log Σ exp(z − m) − (z[label] − m);
// loss = mean of loss_r; dlogits = (probs − onehot(label)) · (1 / n).
struct Params { n: u32, classes: u32, inv_n: f32, pad0: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> logits: array<f32>;  // backward: probs
@group(0) @binding(2) var<storage, read_write> labels: array<i32>;
@group(0) @binding(3) var<storage, read_write> probs: array<f32>;   // backward: dlogits
@group(0) @binding(4) var<storage, read_write> row_loss: array<f32>;
@group(0) @binding(5) var<storage, read_write> loss: array<f32>;

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) id: vec3<u32>) {
  let r = id.x;
  if (r >= p.n) { return; }
  let base = r * p.classes;
  var m = logits[base];
  for (var c = 1u; c < p.classes; c = c + 1u) { m = max(m, logits[base + c]); }
  var sum = 0.0;
  for (var c = 0u; c < p.classes; c = c + 1u) {
    let e = exp(logits[base + c] - m);
    probs[base + c] = e;
    sum = sum + e;
  }
  for (var c = 0u; c < p.classes; c = c + 1u) { probs[base + c] = probs[base + c] / sum; }
  let label = u32(labels[r]);
  row_loss[r] = log(sum) - (logits[base + label] - m);
}

// One invocation: the mean of the row losses, added in row order.
@compute @workgroup_size(1)
fn mean_loss() {
  var total = 0.0;
  for (var r = 0u; r < p.n; r = r + 1u) { total = total + row_loss[r]; }
  loss[0] = total / f32(p.n);
}

@compute @workgroup_size(64)
fn backward(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.y * groups.x * 64u + id.x;
  if (i >= p.n * p.classes) { return; }
  let r = i / p.classes;
  let c = i % p.classes;
  var onehot = 0.0;
  if (u32(labels[r]) == c) { onehot = 1.0; }
  probs[i] = (logits[i] - onehot) * p.inv_n;
}
