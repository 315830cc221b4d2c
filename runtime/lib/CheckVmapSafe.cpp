//===--- CheckVmapSafe.cpp - Does a module run under vmap? ----------------===//

#include "vmap_tidy/CheckVmapSafe.h"
#include "NormModuleVisitor.h"
#include "vmap_tidy/Vmap.h"

#include <torch/nn/module.h>
#include <torch/utils.h>

#include <optional>
#include <utility>
#include <vector>

namespace vmap_tidy {

namespace {

std::string message_of(const std::exception &error) {
  // c10::Error::what() appends a C++ backtrace; the message is enough.
  if (const auto *torch_error = dynamic_cast<const c10::Error *>(&error))
    return torch_error->what_without_backtrace();
  return error.what();
}

/// Runs \p body; the message of what it threw, or nothing.
template <typename Body> std::optional<std::string> failure_of(Body &&body) {
  try {
    body();
    return std::nullopt;
  } catch (const std::exception &error) {
    return message_of(error);
  } catch (...) {
    return std::string("unknown exception");
  }
}

/// \p batch_size distinct members made from \p example.
at::Tensor make_batch(const at::Tensor &example, int64_t batch_size) {
  torch::NoGradGuard no_grad;
  std::vector<at::Tensor> members;
  for (int64_t i = 0; i < batch_size; ++i)
    members.push_back(example * (1.0 + 0.1 * i) + 0.05 * i);
  return at::stack(members);
}

/// Copies of every buffer of a module tree, written back on destruction.
class BufferSnapshot {
public:
  explicit BufferSnapshot(const torch::nn::Module &module) {
    torch::NoGradGuard no_grad;
    for (const at::Tensor &buffer : module.buffers(/*recurse=*/true))
      saved_.emplace_back(buffer, buffer.clone());
  }
  ~BufferSnapshot() {
    torch::NoGradGuard no_grad;
    // (Not a structured binding: C++17 lambdas cannot capture those.)
    for (auto &live_and_copy : saved_)
      failure_of([&] { live_and_copy.first.copy_(live_and_copy.second); });
  }
  BufferSnapshot(const BufferSnapshot &) = delete;
  BufferSnapshot &operator=(const BufferSnapshot &) = delete;

private:
  std::vector<std::pair<at::Tensor, at::Tensor>> saved_;
};

/// A batch of inputs \p norm accepts: [batch, 2, C] for BatchNorm1d
/// (features), a spatial extent of 3 per dimension otherwise.
template <typename NormImpl>
at::Tensor probe_input(const NormImpl &norm, NormKind kind, int64_t batch_size,
                       const at::TensorOptions &fallback) {
  std::vector<int64_t> shape = {batch_size, 2, norm.options.num_features()};
  if (kind != NormKind::BatchNorm1d)
    shape.insert(shape.end(), norm_kind_dims(kind), 3);
  at::TensorOptions options = norm.weight.defined() ? norm.weight.options()
                              : norm.running_mean.defined()
                                  ? norm.running_mean.options()
                                  : fallback;
  int64_t elements = 1;
  for (int64_t size : shape)
    elements *= size;
  // Deterministic values: the check must not draw from the global RNG.
  return at::arange(elements, options).sin().reshape(shape);
}

} // namespace

VmapCheck
check_vmap_safe(torch::nn::Module &module,
                const std::function<at::Tensor(const at::Tensor &)> &forward,
                const at::Tensor &example_input, int64_t batch_size,
                Randomness randomness) {
  VmapCheck result;
  auto reject = [&](std::string why) {
    result.ok = false;
    result.error = std::move(why);
    return result;
  };
  if (!example_input.defined())
    return reject("check_vmap_safe: the example input is undefined");
  if (batch_size < 1)
    return reject("check_vmap_safe: batch_size must be at least 1, got " +
                  std::to_string(batch_size));

  BufferSnapshot restore_buffers(module);
  std::optional<std::string> failure = failure_of([&] {
    at::Tensor batch = make_batch(example_input, batch_size);
    vmap(forward, {0}, {0}, randomness)(batch);
  });
  if (!failure)
    return result;
  reject(*failure);

  // Name the first norm module that fails under vmap on its own.
  auto fails_alone = [&](torch::nn::Module &candidate,
                         const std::string &name) {
    bool failed = false;
    detail::visit_norm_module(candidate, [&](auto &norm, NormKind kind) {
      failed = failure_of([&] {
                 at::Tensor input = probe_input(norm, kind, batch_size,
                                                example_input.options());
                 vmap([&](const at::Tensor &x) { return norm.forward(x); }, {0},
                      {0}, randomness)(input);
               }).has_value();
      if (failed) {
        result.failing_module = name;
        result.failing_kind = std::string(norm_kind_name(kind));
      }
    });
    return failed;
  };
  if (fails_alone(module, ""))
    return result;
  for (const auto &item : module.named_modules(/*name_prefix=*/"",
                                               /*include_self=*/false))
    if (fails_alone(*item.value(), item.key()))
      break;
  return result;
}

} // namespace vmap_tidy
