// Scope=all reports every such call in the file, vmapped or not, with no
// path; the default reports none of these.
// RUN: %check_vmap_tidy %s vmap-data-dependent %t -- --config="{CheckOptions: {vmap-data-dependent.Scope: all}}"
// RUN: %vmap_tidy --checks=-*,vmap-data-dependent %s -- %torch_flags 2>&1 | FileCheck %s --check-prefix=DEFAULT --allow-empty

#include <torch/torch.h>

float mean(const torch::Tensor &t) { return t.mean().item<float>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:54: warning: 'item' reads a tensor's value into C++, which fails under vmap when the tensor is batched ('vmap: It looks like you're calling .item() on a Tensor') [vmap-data-dependent]
// CHECK-MESSAGES-NOT: vmapped here

torch::Tensor positive(const torch::Tensor &t) { return t.nonzero(); }
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: 'nonzero' returns a shape that depends on a tensor's values

// DEFAULT-NOT: warning:
