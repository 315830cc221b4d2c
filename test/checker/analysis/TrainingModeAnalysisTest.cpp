//===--- TrainingModeAnalysisTest.cpp - The two CFG data-flows ------------===//
//
// Exact results of the training-mode analysis at a vmap call and of the
// running-statistics evaluator at a use of options, on snippets written
// against the LibTorch stand-in (Inputs/torch_stub.h) and the options class
// below.
//
//===----------------------------------------------------------------------===//

#include "checker/TrainingModeAnalysis.h"
#include "checker/RunningStatsEvaluator.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace clang::tidy::vmap {
namespace {

using namespace ast_matchers;

// LibTorch's options: TORCH_ARG(bool, track_running_stats) = true is a
// chained setter, two getters and the field.
constexpr llvm::StringLiteral Preamble = R"(#include <torch_stub.h>
namespace torch::nn {
struct BatchNormOptions {
  BatchNormOptions(int64_t num_features);
  BatchNormOptions &eps(const double &new_eps);
  BatchNormOptions &track_running_stats(const bool &new_track_running_stats);
  const bool &track_running_stats() const noexcept;
  bool &track_running_stats() noexcept;
  bool track_running_stats_ = true;
};
using BatchNorm2dOptions = BatchNormOptions;
} // namespace torch::nn
using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;
using vmap_tidy::vmap;
void use(const BatchNorm2dOptions &options);
)";

class DataflowTest : public ::testing::Test {
protected:
  ASTContext &build(llvm::StringRef Snippet) {
    AST = tooling::buildASTFromCodeWithArgs(
        (Preamble + Snippet).str(),
        {"-std=c++17", "-fsyntax-only", "-resource-dir",
         VMAP_TIDY_TEST_RESOURCE_DIR, "-isystem", VMAP_TIDY_TEST_INPUTS},
        "/vmap-tidy-test/input.cpp");
    EXPECT_TRUE(AST && !AST->getDiagnostics().hasErrorOccurred())
        << "the snippet does not compile:\n"
        << Snippet.str();
    return AST->getASTContext();
  }

  template <typename T, typename Matcher> const T *find(Matcher M) {
    const T *Node =
        selectFirst<T>("x", match(M.bind("x"), AST->getASTContext()));
    EXPECT_TRUE(Node) << "nothing matched";
    return Node;
  }

  std::string text(const Stmt *S) {
    if (!S)
      return "<null>";
    ASTContext &Context = AST->getASTContext();
    return Lexer::getSourceText(
               CharSourceRange::getTokenRange(S->getSourceRange()),
               Context.getSourceManager(), Context.getLangOpts())
        .str();
  }

  std::unique_ptr<ASTUnit> AST;
};

const char *modeName(EntryMode Mode) {
  switch (Mode) {
  case EntryMode::Training:
    return "Training";
  case EntryMode::Eval:
    return "Eval";
  case EntryMode::Unknown:
    return "Unknown";
  }
  return "?";
}

//===----------------------------------------------------------------------===//
// TrainingModeAnalysis::modeAt
//===----------------------------------------------------------------------===//

class TrainingModeAnalysisTest : public DataflowTest {
protected:
  /// The mode of the variables \p Names at the vmap call of function `f`.
  TrainingModeAnalysis::Result
  modeAtVmap(llvm::StringRef Snippet, std::vector<std::string> Names = {"m"}) {
    ASTContext &Context = build(Snippet);
    const auto *F =
        find<FunctionDecl>(functionDecl(hasName("f"), isDefinition()));
    const auto *Call =
        find<CallExpr>(callExpr(callee(functionDecl(hasName("vmap")))));
    std::vector<StorageRef> Subjects;
    for (const std::string &Name : Names)
      Subjects.push_back({find<VarDecl>(varDecl(hasName(Name)))});
    if (!F || !Call)
      return {};
    return TrainingModeAnalysis(Context).modeAt(F, Call, Subjects);
  }
};

#define VMAP_CALL "vmap([&](const at::Tensor &x) { return m(x); })(t);"

TEST_F(TrainingModeAnalysisTest, LocalModuleStartsInTraining) {
  auto R =
      modeAtVmap("void f(at::Tensor t) { BatchNorm2d m(4); " VMAP_CALL " }");
  EXPECT_STREQ(modeName(R.Mode), "Training");
  EXPECT_EQ(R.Subject, "m");
}

TEST_F(TrainingModeAnalysisTest, EvalOnOneBranchOnlyIsTraining) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, bool c) {
  BatchNorm2d m(4);
  if (c)
    m->eval();
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Training");
  EXPECT_EQ(R.Subject, "m");
}

TEST_F(TrainingModeAnalysisTest, EvalOnAllPathsIsEval) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, int n) {
  BatchNorm2d m(4);
  if (n > 1)
    m->eval();
  else if (n > 0)
    m->train(false);
  else
    (*m).eval();
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Eval");
}

TEST_F(TrainingModeAnalysisTest, ModuleFromParameterIsUnknown) {
  auto R = modeAtVmap("void f(at::Tensor t, BatchNorm2d m) { " VMAP_CALL " }");
  EXPECT_STREQ(modeName(R.Mode), "Unknown");
  EXPECT_EQ(R.Subject, "m");
}

TEST_F(TrainingModeAnalysisTest, ParameterPutInEvalIsEval) {
  auto R = modeAtVmap(
      "void f(at::Tensor t, BatchNorm2d &m) { m->eval(); " VMAP_CALL " }");
  EXPECT_STREQ(modeName(R.Mode), "Eval");
}

TEST_F(TrainingModeAnalysisTest, TrainAfterEvalIsTraining) {
  auto R = modeAtVmap(R"(void f(at::Tensor t) {
  BatchNorm2d m(4);
  m->eval();
  m->train();
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Training");
}

TEST_F(TrainingModeAnalysisTest, TrainWithNonConstantFlagIsUnknown) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, bool on) {
  BatchNorm2d m(4);
  m->eval();
  m->train(on);
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Unknown");
}

TEST_F(TrainingModeAnalysisTest, EvalInLoopThatMayNotRunIsTraining) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, int n) {
  BatchNorm2d m(4);
  for (int i = 0; i < n; ++i)
    m->eval();
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Training");
}

TEST_F(TrainingModeAnalysisTest, TrainLaterInLoopReachesNextIteration) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, int n) {
  BatchNorm2d m(4);
  m->eval();
  while (n--) {
    )" VMAP_CALL R"(
    m->train();
  }
})");
  EXPECT_STREQ(modeName(R.Mode), "Training");
}

TEST_F(TrainingModeAnalysisTest, EvalInDoWhileBodyIsEval) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, bool c) {
  BatchNorm2d m(4);
  do {
    m->train();
    if (c)
      continue;
    m->eval();
  } while (c);
  m->eval();
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Eval");
}

TEST_F(TrainingModeAnalysisTest, LeastSafeSubjectWins) {
  auto R = modeAtVmap(R"(void f(at::Tensor t, BatchNorm2d p) {
  BatchNorm2d m(4), n(4);
  m->eval();
  vmap([&](const at::Tensor &x) { return m(x) + n(x) + p(x); })(t);
})",
                      {"m", "p", "n"});
  EXPECT_STREQ(modeName(R.Mode), "Training");
  EXPECT_EQ(R.Subject, "n");
}

TEST_F(TrainingModeAnalysisTest, UnreachedCallIsUnknown) {
  auto R = modeAtVmap(R"(void f(at::Tensor t) {
  BatchNorm2d m(4);
  return;
  )" VMAP_CALL "}");
  EXPECT_STREQ(modeName(R.Mode), "Unknown");
}

TEST_F(TrainingModeAnalysisTest, EvalOnThis) {
  ASTContext &Context = build(R"(
struct NetImpl : torch::nn::Module {
  void f(at::Tensor t, bool c) {
    if (c)
      train();
    eval();
    vmap([&](const at::Tensor &x) { return x; })(t);
  }
};)");
  const auto *F = find<FunctionDecl>(functionDecl(hasName("f")));
  const auto *Call =
      find<CallExpr>(callExpr(callee(functionDecl(hasName("vmap")))));
  ASSERT_TRUE(F && Call);
  StorageRef This{nullptr, /*IsThis=*/true};
  auto R = TrainingModeAnalysis(Context).modeAt(F, Call, {This});
  EXPECT_STREQ(modeName(R.Mode), "Eval");
  EXPECT_EQ(R.Subject, "*this");
}

TEST_F(TrainingModeAnalysisTest, NoSubjectsIsTraining) {
  auto R = modeAtVmap(
      "void f(at::Tensor t) { BatchNorm2d m(4); m->eval(); " VMAP_CALL " }",
      {});
  EXPECT_STREQ(modeName(R.Mode), "Training");
}

//===----------------------------------------------------------------------===//
// RunningStatsEvaluator
//===----------------------------------------------------------------------===//

const char *kindName(RunningStatsVerdict::KindTy Kind) {
  const char *Names[] = {"Disabled", "Enabled", "MaybeEnabled", "Unknown",
                         "TemplateDependent"};
  return Names[Kind];
}

class RunningStatsEvaluatorTest : public DataflowTest {
protected:
  /// The verdict for a BatchNorm2d built from the argument of the last
  /// `use(...)` in \p Snippet.
  RunningStatsVerdict verdictAtUse(llvm::StringRef Snippet) {
    ASTContext &Context = build(Snippet);
    const CallExpr *Use = nullptr;
    for (const BoundNodes &Node :
         match(callExpr(callee(functionDecl(hasName("::use")))).bind("x"),
               Context))
      Use = Node.getNodeAs<CallExpr>("x");
    if (!Use) {
      ADD_FAILURE() << "no use(...)";
      return {};
    }
    Evaluator = std::make_unique<RunningStatsEvaluator>(Context);
    return Evaluator->evaluateConstruction(
        {Use->getArg(0)}, NormModuleKind{NormFamily::BatchNorm, 2});
  }

  std::unique_ptr<RunningStatsEvaluator> Evaluator;
};

TEST_F(RunningStatsEvaluatorTest, DefaultIsEnabled) {
  auto V = verdictAtUse("void f() { use(BatchNorm2dOptions(4).eps(1e-3)); }");
  EXPECT_STREQ(kindName(V.Kind), "Enabled");
  EXPECT_TRUE(V.FromDefault);
  EXPECT_EQ(text(V.Origin), "BatchNorm2dOptions(4).eps(1e-3)");
}

TEST_F(RunningStatsEvaluatorTest, SetterChain) {
  auto V = verdictAtUse(
      "void f() { use(BatchNorm2dOptions(4).track_running_stats(false)"
      ".eps(1e-3)); }");
  EXPECT_STREQ(kindName(V.Kind), "Disabled");
  EXPECT_FALSE(V.FromDefault);
  EXPECT_EQ(text(V.Origin), "false");
}

TEST_F(RunningStatsEvaluatorTest, ConstexprFlag) {
  auto V = verdictAtUse(R"(constexpr bool kTrack = !true;
void f() { use(BatchNorm2dOptions(4).track_running_stats(kTrack)); })");
  EXPECT_STREQ(kindName(V.Kind), "Disabled");
  EXPECT_EQ(text(V.Origin), "kTrack");
}

TEST_F(RunningStatsEvaluatorTest, NonConstantFlagIsUnknown) {
  auto V = verdictAtUse("void f(bool flag) { "
                        "use(BatchNorm2dOptions(4).track_running_stats(flag));"
                        " }");
  EXPECT_STREQ(kindName(V.Kind), "Unknown");
  EXPECT_EQ(V.Reason, "'flag' is not a compile-time constant");
}

TEST_F(RunningStatsEvaluatorTest, LocalVariableSetEverywhereForms) {
  auto V = verdictAtUse(R"(void f() {
  auto o = BatchNorm2dOptions(4);
  o.track_running_stats(true);
  o.track_running_stats() = true;
  o.track_running_stats_ = false;
  use(o);
})");
  EXPECT_STREQ(kindName(V.Kind), "Disabled");
  EXPECT_EQ(text(V.Origin), "false");
}

TEST_F(RunningStatsEvaluatorTest, LocalVariableSetOnOneBranchIsMaybeEnabled) {
  auto V = verdictAtUse(R"(void f(bool c) {
  auto o = BatchNorm2dOptions(4);
  if (c)
    o.track_running_stats(false);
  use(o);
})");
  EXPECT_STREQ(kindName(V.Kind), "MaybeEnabled");
  EXPECT_TRUE(V.FromDefault);
  EXPECT_EQ(text(V.Origin), "BatchNorm2dOptions(4)");
}

TEST_F(RunningStatsEvaluatorTest, LocalVariableOffOnEveryBranchIsDisabled) {
  auto V = verdictAtUse(R"(void f(int n) {
  auto o = BatchNorm2dOptions(4);
  switch (n) {
  case 0:
    o.track_running_stats(false);
    break;
  default:
    o.eps(1e-3).track_running_stats(false);
  }
  use(o);
})");
  EXPECT_STREQ(kindName(V.Kind), "Disabled");
}

TEST_F(RunningStatsEvaluatorTest, UnknownOnOneBranchWinsOverDisabled) {
  auto V = verdictAtUse(R"(void f(bool c, bool flag) {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  if (c)
    o.track_running_stats(flag);
  use(o);
})");
  EXPECT_STREQ(kindName(V.Kind), "Unknown");
  EXPECT_EQ(text(V.Origin), "flag");
}

TEST_F(RunningStatsEvaluatorTest, LoopTurnsOnForLaterIterations) {
  auto V = verdictAtUse(R"(void f(int n) {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  for (int i = 0; i < n; ++i) {
    use(o);
    o.track_running_stats(true);
  }
})");
  EXPECT_STREQ(kindName(V.Kind), "MaybeEnabled");
  EXPECT_EQ(text(V.Origin), "true");
}

TEST_F(RunningStatsEvaluatorTest, PrunedEdges) {
  // `while (true)` has no exit edge and `if (false)` no edge to its body.
  auto V = verdictAtUse(R"(void f(bool c) {
  auto o = BatchNorm2dOptions(4);
  if (false)
    o.track_running_stats(false);
  while (true) {
    if (c)
      break;
    o.eps(1e-3);
  }
  use(o);
})");
  EXPECT_STREQ(kindName(V.Kind), "Enabled");
}

TEST_F(RunningStatsEvaluatorTest, PassedByNonConstReferenceIsUnknown) {
  auto V = verdictAtUse(R"(void tweak(BatchNorm2dOptions &options);
void f() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  tweak(o);
  use(o);
})");
  EXPECT_STREQ(kindName(V.Kind), "Unknown");
  EXPECT_EQ(V.Reason, "'o' is passed by reference to 'tweak'");
}

TEST_F(RunningStatsEvaluatorTest, CopyOfLocalFollowsItsSource) {
  auto V = verdictAtUse(R"(void f(bool c) {
  auto a = BatchNorm2dOptions(4);
  if (c)
    a.track_running_stats(false);
  else
    a.track_running_stats(true);
  auto b = a;
  use(b);
})");
  EXPECT_STREQ(kindName(V.Kind), "MaybeEnabled");
  EXPECT_EQ(text(V.Origin), "true");
}

} // namespace
} // namespace clang::tidy::vmap
