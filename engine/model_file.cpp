// model_file.cpp: writing and validating reading of model files.
#include "model_file.h"

#include <cstdio>
#include <stdexcept>

#include "byte_io.h"
#include "dataset_file.h"

namespace layerlab {

namespace {
constexpr char kMagic[4] = {'L', 'L', 'M', 'D'};
constexpr uint32_t kNoOptimizer = 0xFFFFFFFFu;
constexpr size_t kMaxText = 1 << 16;
constexpr uint32_t kMaxClasses = 65535;

int64_t spec_parameter_count(const ModelSpec& spec) {
  int64_t total = 0;
  for (const LayerSummary& r : summarize(spec)) total += r.parameters;
  return total;
}
}  // namespace

std::vector<uint8_t> model_to_bytes(const ModelSpec& spec, const Network& net, const Optimizer* optimizer,
                                    const TrainingMetadata& meta) {
  ByteWriter p;  // the payload, covered by the checksum
  p.str(format_layers(spec.layers));
  p.i32(spec.input.features);
  p.i32(spec.input.channels);
  p.i32(spec.input.height);
  p.i32(spec.input.width);
  p.i32(spec.input.steps);
  p.u64(meta.seed);
  p.i32(meta.epoch);
  p.i64(meta.step);
  p.f32(meta.learning_rate);
  p.i32(meta.batch_size);
  p.u32(static_cast<uint32_t>(meta.loss));
  p.str(meta.dataset);
  p.u32(static_cast<uint32_t>(meta.class_names.size()));
  for (const std::string& c : meta.class_names) p.str(c);
  const Span<const float> w = net.params().values();
  p.u64(w.size);
  p.floats(w.data, w.size);
  if (!optimizer) {
    p.u32(kNoOptimizer);
  } else {
    const OptimizerConfig& c = optimizer->config();
    p.u32(static_cast<uint32_t>(c.kind));
    for (float v : {c.momentum, c.rho, c.beta1, c.beta2, c.epsilon}) p.f32(v);
    p.i64(optimizer->steps());
    p.u32(static_cast<uint32_t>(optimizer->state_slots()));
    for (int s = 0; s < optimizer->state_slots(); ++s)
      for (int id = 0; id < net.params().count(); ++id) {
        const Span<const float> st = optimizer->state(id, s);
        p.floats(st.data, st.size);
      }
  }
  ByteWriter file;
  file.bytes(kMagic, 4);
  file.u32(kModelFormatVersion);
  file.u64(p.data().size());
  file.bytes(p.data().data(), p.data().size());
  file.u32(crc32_ieee(p.data().data(), p.data().size()));
  return std::move(file.data());
}

bool save_model(const std::string& path, const ModelSpec& spec, const Network& net, const Optimizer* optimizer,
                const TrainingMetadata& meta, std::string* error) {
  const std::vector<uint8_t> bytes = model_to_bytes(spec, net, optimizer, meta);
  const std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    *error = "cannot write " + tmp + ": check that the folder exists and is writable";
    return false;
  }
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !written) {
    std::remove(tmp.c_str());
    *error = "writing " + tmp + " failed (is the disk full?); " + path + " is unchanged";
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path + " with the new save (" + tmp + " holds it)";
    return false;
  }
  return true;
}

bool model_from_bytes(const uint8_t* data, size_t size, LoadedModel* out, std::string* error, const std::string& name) {
  const std::string who = name.empty() ? "the model file" : name;
  auto fail = [&](const std::string& why) {
    *error = who + " " + why;
    return false;
  };
  if (size < 20 || std::memcmp(data, kMagic, 4) != 0) return fail("is not a LayerLab model file (it does not start with LLMD)");
  ByteReader head(data + 4, size - 4);
  const uint32_t version = head.u32();
  if (version < 1 || version > kModelFormatVersion)
    return fail(version > kModelFormatVersion
                    ? "was written by a newer LayerLab (model format " + std::to_string(version) + "); this build reads formats 1 to " +
                          std::to_string(kModelFormatVersion)
                    : "has an unknown model format version " + std::to_string(version));
  const uint64_t payload_size = head.u64();
  if (!head.ok() || payload_size > head.remaining() || head.remaining() - payload_size < 4)
    return fail("is truncated: " + std::to_string(head.remaining()) + " bytes follow its header but it declares " +
                std::to_string(payload_size) + " plus a checksum");
  if (head.remaining() - payload_size > 4) return fail("has unexpected bytes after its end");
  const uint8_t* payload = head.position();
  uint32_t stored_crc = 0;
  std::memcpy(&stored_crc, payload + payload_size, 4);
  if (crc32_ieee(payload, payload_size) != stored_crc) return fail("is corrupted (its checksum does not match)");

  ByteReader r(payload, payload_size);
  std::string arch, problem;
  LoadedModel& m = *out;
  if (!r.str(&arch, kMaxText)) return fail("has a damaged architecture field");
  if (!parse_layers(arch, &m.spec.layers, &problem)) return fail("has an invalid architecture: " + problem);
  m.spec.input.features = r.i32();
  m.spec.input.channels = r.i32();
  m.spec.input.height = r.i32();
  m.spec.input.width = r.i32();
  m.spec.input.steps = version >= 2 ? r.i32() : 0;
  problem = validate_spec(m.spec);
  if (!r.ok() || !problem.empty()) return fail("describes an impossible network: " + problem);
  m.meta.seed = r.u64();
  m.meta.epoch = r.i32();
  m.meta.step = r.i64();
  m.meta.learning_rate = r.f32();
  m.meta.batch_size = r.i32();
  const uint32_t loss = r.u32();
  if (loss > static_cast<uint32_t>(LossKind::BinaryCrossEntropy)) return fail("names an unknown loss");
  m.meta.loss = static_cast<LossKind>(loss);
  if (!r.str(&m.meta.dataset, 4096)) return fail("has a damaged dataset name");
  const uint32_t classes = r.u32();
  if (!r.ok() || classes > kMaxClasses || classes > r.remaining() / 4) return fail("declares an absurd number of classes");
  m.meta.class_names.assign(classes, std::string());
  for (std::string& c : m.meta.class_names)
    if (!r.str(&c, 1024)) return fail("has a damaged class name");

  const uint64_t count = r.u64();
  const int64_t expected = spec_parameter_count(m.spec);
  if (!r.ok() || count != static_cast<uint64_t>(expected))
    return fail("holds " + std::to_string(count) + " weights but its architecture needs " + std::to_string(expected));
  if (count > r.remaining() / sizeof(float)) return fail("is truncated inside its weights");
  try {
    m.network = build_network(m.spec, m.meta.seed);
  } catch (const std::exception& e) {
    return fail(std::string("describes an impossible network: ") + e.what());
  }
  Span<float> w = m.network.params().values();
  r.floats(w.data, w.size);

  const uint32_t kind = r.u32();
  m.optimizer.reset();
  if (kind != kNoOptimizer) {
    if (kind >= static_cast<uint32_t>(kOptimizerKindCount)) return fail("names an unknown optimizer");
    OptimizerConfig c;
    c.kind = static_cast<OptimizerKind>(kind);
    c.momentum = r.f32();
    c.rho = r.f32();
    c.beta1 = r.f32();
    c.beta2 = r.f32();
    c.epsilon = r.f32();
    const int64_t steps = r.i64();
    const uint32_t slots = r.u32();
    m.optimizer = make_optimizer(c, m.network.params());
    if (!r.ok() || steps < 0 || slots != static_cast<uint32_t>(m.optimizer->state_slots()))
      return fail("has optimizer state that does not match its optimizer");
    if (static_cast<uint64_t>(slots) * count > r.remaining() / sizeof(float)) return fail("is truncated inside its optimizer state");
    m.optimizer->set_steps(steps);
    for (uint32_t s = 0; s < slots; ++s)
      for (int id = 0; id < m.network.params().count(); ++id) {
        Span<float> st = m.optimizer->state(id, static_cast<int>(s));
        r.floats(st.data, st.size);
      }
  }
  if (!r.ok() || r.remaining() != 0) return fail("has a damaged or oversized optimizer section");
  return true;
}

bool load_model(const std::string& path, LoadedModel* out, std::string* error) {
  std::vector<uint8_t> bytes;
  return read_whole_file(path, &bytes, error) && model_from_bytes(bytes.data(), bytes.size(), out, error, path);
}

}  // namespace layerlab
