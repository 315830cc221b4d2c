// Entry points the user names: the vmap_tidy::vmapped annotation, the
// VmappedFunctions option (code that cannot be annotated) and VmapFunctions
// (helpers with another name that run their callable under vmap).
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {VmappedFunctions: 'thirdparty::batchedStep', VmapFunctions: 'ensemble_apply;tools::mapBatch'}}"

#include <torch/torch.h>

#include <functional>

using namespace torch::nn;
using Fn = std::function<torch::Tensor(const torch::Tensor &)>;

BatchNorm1d annotated(4), listed(4), byName(4), byQualifiedName(4), notListed(4);

[[clang::annotate("vmap_tidy::vmapped")]] torch::Tensor perSample(const torch::Tensor &x) {
  return annotated(x);
}

namespace thirdparty {
torch::Tensor batchedStep(const torch::Tensor &x) { return listed(x); }
} // namespace thirdparty

torch::Tensor ensemble_apply(const Fn &fn, const torch::Tensor &x);
namespace tools {
torch::Tensor mapBatch(const Fn &fn, const torch::Tensor &x);
torch::Tensor mapOther(const Fn &fn, const torch::Tensor &x);
} // namespace tools

void run(const torch::Tensor &x) {
  ensemble_apply([](const torch::Tensor &t) { return byName(t); }, x);
  tools::mapBatch([](const torch::Tensor &t) { return byQualifiedName(t); }, x);
  tools::mapOther([](const torch::Tensor &t) { return notListed(t); }, x);
}

// CHECK-MESSAGES: :13:13: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :15:57: note: 'perSample' is marked as vmapped here
// CHECK-MESSAGES: :16:10: note: which runs 'annotated' under vmap
// CHECK-MESSAGES: :13:27: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :20:15: note: 'thirdparty::batchedStep' runs under vmap (option VmappedFunctions)
// CHECK-MESSAGES: :20:60: note: which runs 'listed' under vmap
// CHECK-MESSAGES: :13:38: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :30:3: note: vmapped here
// CHECK-MESSAGES: :30:3: note: the training mode of 'byName' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :30:54: note: which runs 'byName' under vmap
// CHECK-MESSAGES: :13:49: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :31:3: note: vmapped here
// CHECK-MESSAGES: :31:3: note: the training mode of 'byQualifiedName' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :31:55: note: which runs 'byQualifiedName' under vmap
